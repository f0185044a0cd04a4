//! What an undo entry costs: the file as the save left it is shared with
//! the loaded dataset, and older bases are kept as the bytes where they
//! differ, not as a copy of the claims file each.
//!
//! One test in this binary: the allocator below counts every allocation of
//! the process. `cargo test --test undo_memory -- --nocapture` prints the
//! figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crux::edit::Edit;
use crux::model::Status;
use crux::tui::app::App;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller guarantees for `alloc`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller guarantees for `dealloc`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller guarantees for `realloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The shipped example (claims file and articles) in a temp dir.
fn shipped_project() -> (tempfile::TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("seeds").join(entry.file_name()),
        )
        .unwrap();
    }
    let path = dir.path().join("claims.toml");
    std::fs::copy(root.join("claims.toml"), &path).unwrap();
    (dir, path)
}

/// Saves `edit_for(i)` for each `i` in `saves`, then gives the heap bytes
/// held by the history alone (freed when it goes) per undo entry.
fn bytes_per_entry(
    app: &mut App,
    path: &Path,
    saves: std::ops::Range<usize>,
    edit_for: impl Fn(usize) -> Edit,
) -> usize {
    for i in saves {
        let base = app.dataset().text.clone();
        crux::tui::save::apply(app, path, edit_for(i), base).unwrap();
    }
    let entries = app.history.undo_len();
    let before = LIVE.load(Ordering::Relaxed);
    drop(std::mem::take(&mut app.history));
    let after = LIVE.load(Ordering::Relaxed);
    before.saturating_sub(after) / entries
}

#[test]
fn an_undo_entry_costs_far_less_than_the_claims_file() {
    let (_dir, path) = shipped_project();
    let mut app = App::new(crux::load(&path));
    let ids: Vec<String> = app.dataset().claims.iter().map(|c| c.id.clone()).collect();
    let file = app.dataset().text.len();

    let status = bytes_per_entry(&mut app, &path, 0..40, |i| Edit::SetStatus {
        claim: ids[i].clone(),
        status: Status::Disputed,
    });
    let text = bytes_per_entry(&mut app, &path, 50..60, |i| Edit::SetText {
        claim: ids[i].clone(),
        text: format!("Rewritten, take {i}."),
    });
    println!(
        "claims file {file} bytes; per undo entry: status change {status} bytes, text change {text} bytes"
    );
    // A copy of the file per entry would be `file` bytes each.
    assert!(status < file / 20, "{status} bytes per status entry");
    assert!(text < file / 20, "{text} bytes per text entry");
}
