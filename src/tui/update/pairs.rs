//! The Contradictions screen's own keys: which list it shows.

use super::super::action::PairsAction;
use super::super::app::App;

pub fn update(app: &mut App, action: PairsAction) {
    match action {
        PairsAction::ToggleDifferences => {
            let pairs = &mut app.screens.pairs;
            pairs.toggle_view();
            let (count, title) = (pairs.list(&app.data).len(), pairs.view.title());
            app.say(format!("{title}: {count} — d switches back"));
        }
    }
}
