//! Building and rendering the report of the medium corpus (1,000 claims),
//! per format; and one status write-back into its claims file.
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

use common::medium;

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
    let source = medium();
    let text = std::fs::read_to_string(&source).unwrap();
    let dataset = crux::load(&source);
    // A claim in the middle of the file, so the edit is not at either end.
    let claim = dataset.claims[dataset.claims.len() / 2].id.clone();
    let mut group = c.benchmark_group("status write-back (medium, 1,000 claims)");
    group.sample_size(20);
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
    // The review UI's save: the loader located the status value already.
    std::fs::write(&path, &text).unwrap();
    let mut current = crux::load(&path);
    let index = current.claim_index(&claim).unwrap();
    if current.claims[index].status_value.is_none() {
        let with_status = crux::edit::set_status(&text, &claim, Status::Confirmed).unwrap();
        std::fs::write(&path, with_status).unwrap();
        current = crux::load(&path);
    }
    group.bench_function("save_status_at (value located by the loader)", |b| {
        b.iter(|| {
            status = if status == Status::Confirmed {
                Status::Disputed
            } else {
                Status::Confirmed
            };
            let value = current.claims[index].status_value.clone().unwrap();
            let saved =
                crux::edit::save_status_at(&path, &current.text, &claim, status, value.clone())
                    .unwrap();
            // As the UI does: the value's end moves with the word's length.
            let end = value.end + saved.text.len() - current.text.len();
            current.claims[index].status_value = Some(value.start..end);
            current.text = saved.text.into();
        })
    });
    group.finish();
}

criterion_group!(benches, reports, write_back);
criterion_main!(benches);
