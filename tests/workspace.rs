//! The workspace's shape: the core crate has no terminal or watcher code in
//! its dependency tree, and release builds of `crux` leave the test hooks
//! out. Both read from `cargo tree`, so they check the manifests as cargo
//! resolves them rather than as written.

use std::process::Command;

fn cargo_tree(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--prefix", "none"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cargo tree prints UTF-8")
}

fn package_names(tree: &str) -> Vec<&str> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect()
}

#[test]
fn the_core_depends_on_no_terminal_or_watcher_crate() {
    let tree = cargo_tree(&["-p", "crux-core", "-e", "normal"]);
    let names = package_names(&tree);
    assert!(names.contains(&"toml_edit"), "the tree is read: {names:?}");
    for ui_crate in ["ratatui", "crossterm", "notify", "signal-hook"] {
        assert!(
            !names.contains(&ui_crate),
            "crux-core depends on {ui_crate}:\n{tree}"
        );
    }
}

#[test]
fn the_ui_crates_are_the_binary_crates_own() {
    let tree = cargo_tree(&["-p", "crux", "-e", "normal", "--depth", "1"]);
    let names = package_names(&tree);
    for ui_crate in ["crux-core", "ratatui", "notify", "signal-hook"] {
        assert!(names.contains(&ui_crate), "crux lacks {ui_crate}:\n{tree}");
    }
}

#[test]
fn release_builds_leave_the_test_hooks_out() {
    let normal = cargo_tree(&["-p", "crux", "-e", "normal,features", "-i", "crux-core"]);
    assert!(normal.contains("crux-core feature \"default\""), "{normal}");
    assert!(
        !normal.contains("test-hooks"),
        "a normal build of crux turns the test hooks on:\n{normal}"
    );
    let with_dev = cargo_tree(&["-p", "crux", "-e", "all,features", "-i", "crux-core"]);
    assert!(
        with_dev.contains("crux-core feature \"test-hooks\""),
        "the test suite's builds must turn the hooks on:\n{with_dev}"
    );
}
