//! The selected diagnostic: `f` repairs a quote it is about.

use super::super::action::DiagnosticAction;
use super::super::app::App;
use super::super::flow::Flow;

pub fn update(app: &mut App, action: DiagnosticAction) {
    match action {
        DiagnosticAction::FixQuote => fix_quote(app),
    }
}

/// `f` on a quote diagnostic: the old and the repaired quote, and a yes
/// before the repair is written.
fn fix_quote(app: &mut App) {
    let dataset = app.dataset();
    let Some(diagnostic) = app.screens.diagnostics.selected(&app.data) else {
        match &app.data.anchoring {
            Some(anchoring) => app.say(format!(
                "nothing to repair so far: {}",
                anchoring.describe()
            )),
            None => app.say("nothing to repair: the file checks clean"),
        }
        return;
    };
    let fixes = crate::fix::plan(dataset);
    let Some(fix) = fixes.iter().find(|f| &f.resolves == diagnostic) else {
        app.say("crux cannot repair this one: edit the claims file (e)");
        return;
    };
    let question = vec![
        format!("Repair {}?", fix.describe()),
        format!("old: “{}”", fix.old_quote),
        format!("new: “{}”", fix.quote),
    ];
    app.flow = Some(Flow::Confirm {
        question,
        edit: fix.edit(),
        base: dataset.text.clone(),
    });
}
