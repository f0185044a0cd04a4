//! Test hooks: environment variables the test suite sets to pause a save,
//! panic on a key or stall the event loop. They are read only in builds with
//! the `test-hooks` feature, which `cargo test` turns on through the `crux`
//! crate's dev-dependency and release builds never do, so a stray variable in
//! a user's environment cannot change what crux does.

use std::ffi::OsString;

/// The value of the test hook `name`, or `None` in builds without hooks.
pub fn var(name: &str) -> Option<OsString> {
    if cfg!(feature = "test-hooks") {
        std::env::var_os(name)
    } else {
        None
    }
}
