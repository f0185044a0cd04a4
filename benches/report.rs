//! Building and rendering the report of the medium corpus (1,000 claims),
//! per format; and one status write-back into the medium and the large
//! corpus's claims file (1,000 and 10,000 claims).
//!
//! ```sh
//! cargo bench --bench report
//! ```

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crux::graph::Graph;
use crux::model::Status;
use crux::report::{self, Format, ReportOptions};

use common::{large, medium};

fn reports(c: &mut Criterion) {
    let dataset = crux::load(&medium());
    let graph = Graph::new(&dataset);
    let options = ReportOptions::default();
    let mut group = c.benchmark_group("report (medium)");
    group.sample_size(20);
    group.bench_function("build", |b| {
        b.iter(|| black_box(report::build(&dataset, &graph, &options)))
    });
    let built = report::build(&dataset, &graph, &options);
    for (name, format) in [
        ("render markdown", Format::Markdown),
        ("render html", Format::Html),
        ("render json", Format::Json),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(report::render(&built, format)))
        });
    }
    group.finish();
}

fn write_back(c: &mut Criterion) {
    for (name, source) in [
        ("medium, 1,000 claims", medium()),
        ("large, 10,000 claims", large()),
    ] {
        write_back_of(c, name, &source);
    }
}

fn write_back_of(c: &mut Criterion, name: &str, source: &std::path::Path) {
    let text = std::fs::read_to_string(source).unwrap();
    let dataset = crux::load(source);
    // A claim in the middle of the file, so the edit is not at either end.
    let claim = dataset.claims[dataset.claims.len() / 2].id.clone();
    let mut group = c.benchmark_group(format!("status write-back ({name})"));
    group.sample_size(10);
    group.bench_function("set_status (edit the text)", |b| {
        b.iter(|| black_box(crux::edit::set_status(&text, &claim, Status::Confirmed).unwrap()))
    });
    // The full save: re-read, edit, write a temp file, fsync, rename.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, &text).unwrap();
    let mut current = text.clone();
    let mut status = Status::Confirmed;
    group.bench_function("write_status (atomic save)", |b| {
        b.iter(|| {
            status = if status == Status::Confirmed {
                Status::Disputed
            } else {
                Status::Confirmed
            };
            current = crux::edit::write_status(&path, &current, &claim, status)
                .unwrap()
                .text;
        })
    });
    // The review UI's save of a status the loader located, followed in
    // place, on disk and on tmpfs (where fsync costs nothing: the
    // difference is fsync's).
    let shm = std::path::Path::new("/dev/shm");
    let places: Vec<(&str, tempfile::TempDir)> = [
        ("disk", Some(tempfile::tempdir().unwrap())),
        (
            "tmpfs",
            shm.is_dir().then(|| tempfile::tempdir_in(shm).unwrap()),
        ),
    ]
    .into_iter()
    .filter_map(|(place, dir)| Some((place, dir?)))
    .collect();
    for (place, dir) in &places {
        let path = dir.path().join("claims.toml");
        std::fs::write(&path, &text).unwrap();
        // Documents are not needed to write a status.
        let mut dataset = crux::load::without_documents(&path);
        let mut history = crux::edit::History::new();
        let mut status = Status::Confirmed;
        group.bench_function(format!("UI: saved and followed ({place})"), |b| {
            b.iter(|| {
                status = if status == Status::Confirmed {
                    Status::Disputed
                } else {
                    Status::Confirmed
                };
                let edit = crux::edit::Edit::SetStatus {
                    claim: claim.clone(),
                    status,
                };
                let base = dataset.text.clone();
                let applied = history.apply(&path, edit, base, Some(&dataset)).unwrap();
                assert!(applied.follow(&mut dataset).is_none());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, reports, write_back);
criterion_main!(benches);
