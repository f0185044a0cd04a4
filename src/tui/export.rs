//! Carrying out an [`Effect::Export`](super::effect::Effect::Export): the
//! report, as filtered in the UI, written next to the claims file.

use std::path::Path;

use super::app::App;
use crate::output::{self, Links, OutputError};
use crate::report::{self, Format, ReportOptions};

/// Writes the export and says in the status bar where, or why not. A
/// symlink at the export's path is refused, never followed: a cloned
/// repository can plant one pointing anywhere.
pub fn export(app: &mut App, path: &Path, format: Format) -> Result<(), OutputError> {
    let options = ReportOptions {
        filter: app.screens.claims.filter.clone(),
        timestamp: None,
    };
    let report = report::build(app.dataset(), &app.data.dataset.graph, &options);
    let text = report::render(&report, format);
    let dir = path.parent().unwrap_or(Path::new(""));
    let target = dir.join(report::default_file_name(format));
    match output::write(app.dataset(), &target, &text, Links::Refuse) {
        Ok(()) => {
            app.say(format!("exported to {}", target.display()));
            Ok(())
        }
        Err(e) => {
            app.warn(format!("not exported: {e}"));
            Err(e)
        }
    }
}
