//! The Timeline's own keys: stepping from one time to the next, and the
//! selected claim's quote in its document.

use super::super::action::TimelineAction;
use super::super::app::App;

pub fn update(app: &mut App, action: TimelineAction) {
    let timeline = &mut app.screens.timeline;
    match action {
        TimelineAction::NextTime | TimelineAction::PreviousTime => {
            let forward = action == TimelineAction::NextTime;
            if app.data.timeline.stops.is_empty() {
                app.say("no claims on the timeline");
            } else if !timeline.step_moment(&app.data, forward) {
                let end = if forward { "last" } else { "first" };
                app.say(format!("this is the {end} time on the timeline"));
            }
        }
        TimelineAction::OpenQuote => match timeline.quote(&app.data) {
            Some(follow) => app.follow(follow),
            None if timeline.selected_claim(&app.data).is_some() => {
                app.say("no quote of this claim was found in its document");
            }
            None if timeline.selected(&app.data).is_some() => {
                app.say("Enter opens the document");
            }
            None => app.say("no claims on the timeline"),
        },
    }
}
