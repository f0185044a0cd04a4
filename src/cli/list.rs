//! `crux list` and `crux show`: claims for scripts and pipes.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::{ListArgs, ShowArgs, display_path, load_readable};
use crux::Dataset;
use crux::describe;
use crux::diag::suggest::did_you_mean;
use crux::graph::Graph;
use crux::ix::{ClaimIx, RelationIx};
use crux::model::RelationKind;
use crux::text::{json_for_terminal, visible_line};

pub(super) fn list(args: &ListArgs) -> ExitCode {
    let Some(dataset) = load(&args.file) else {
        return ExitCode::from(1);
    };
    if let Some(error) = super::filters::unknown_id(&args.filter, &dataset) {
        eprintln!("{error}");
        return ExitCode::from(2);
    }
    let graph = &dataset.graph;
    let filter = args.filter.to_claim_filter(false);
    let claims = filter.apply(&dataset, graph);
    let mut out = std::io::stdout().lock();
    if args.json {
        let items: Vec<Value> = claims
            .iter()
            .map(|&c| claim_json(&dataset, graph, c))
            .collect();
        let _ = writeln!(
            out,
            "{}",
            json_for_terminal(serde_json::to_string_pretty(&items).expect("json"))
        );
        return ExitCode::SUCCESS;
    }
    let id_width = claims
        .iter()
        .map(|&c| dataset.claims[c].id.chars().count())
        .max()
        .unwrap_or(0);
    let topic_width = claims
        .iter()
        .map(|&c| dataset.claims[c].topic.chars().count())
        .max()
        .unwrap_or(0);
    for &c in &claims {
        let claim = &dataset.claims[c];
        let _ = writeln!(
            out,
            "{:id_width$}  {:10}  {:topic_width$}  {}",
            visible_line(&claim.id),
            claim.status.as_str(),
            visible_line(&claim.topic),
            visible_line(&claim.text),
        );
    }
    ExitCode::SUCCESS
}

pub(super) fn show(args: &ShowArgs) -> ExitCode {
    let Some(dataset) = load(&args.file) else {
        return ExitCode::from(1);
    };
    let Some(index) = dataset.claim_index(&args.id) else {
        let mut message = format!(
            "error: no claim `{}` in {}",
            visible_line(&args.id),
            display_path(&args.file)
        );
        if let Some(s) = did_you_mean(&args.id, dataset.claims.iter().map(|c| c.id.as_str())) {
            message.push_str(&format!("\n  help: did you mean `{}`?", visible_line(s)));
        }
        eprintln!("{message}");
        return ExitCode::from(1);
    };
    let graph = &dataset.graph;
    let mut out = std::io::stdout().lock();
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            json_for_terminal(
                serde_json::to_string_pretty(&claim_json(&dataset, graph, index)).expect("json")
            )
        );
    } else {
        let _ = write!(out, "{}", show_text(&dataset, graph, index));
    }
    ExitCode::SUCCESS
}

/// Loads the file, warning when it has errors (what loaded is still shown).
fn load(path: &std::path::Path) -> Option<Dataset> {
    let dataset = load_readable(path)?;
    let errors = dataset.error_count();
    if errors > 0 {
        eprintln!(
            "warning: {} has {errors} error(s); showing what loaded (run `crux check {}` for details)",
            display_path(path),
            display_path(path)
        );
    }
    Some(dataset)
}

fn show_text(dataset: &Dataset, graph: &Graph, index: ClaimIx) -> String {
    let claim = &dataset.claims[index];
    let mut s = String::new();
    let line = dataset.location(claim.decl.start).line;
    s += &format!(
        "claim   {} [{}]  ({}:{line})\n",
        visible_line(&claim.id),
        claim.status.as_str(),
        display_path(&dataset.path)
    );
    let question = dataset
        .topic(&claim.topic)
        .map(|t| t.question.as_str())
        .unwrap_or("(unknown topic)");
    s += &format!(
        "topic   {}: {}\n",
        visible_line(&claim.topic),
        visible_line(question)
    );
    s += &format!("text    {}\n", visible_line(&claim.text));
    s += &format!("by      {}\n", visible_line(&describe::by(dataset, index)));
    s += &format!("how     {}\n", visible_line(&describe::how(claim)));
    s += &format!(
        "when    {}\n",
        visible_line(&describe::when(dataset, index))
    );
    if let Some(note) = &claim.note {
        s += &format!("note    {}\n", visible_line(note));
    }
    s += "spans\n";
    for span in &claim.spans {
        let source = dataset.source(&span.source);
        let path = source.map_or(span.source.as_str(), |src| src.path.as_str());
        let place = match &span.anchor {
            Some(a) if a.page.is_some() => format!("{path}, {}", a.cited_line()),
            Some(a) => format!("{path}:{}:{}", a.start.line, a.start.col),
            None => format!("{path} (unresolved)"),
        };
        let title = source.map_or("", |src| src.display_name());
        s += &format!(
            "  {} ({})\n    \"{}\"\n",
            visible_line(&place),
            visible_line(title),
            visible_line(&span.quote)
        );
    }
    for (label, links) in links_by_direction(dataset, graph, index) {
        if links.is_empty() {
            continue;
        }
        s += &format!("{label}\n");
        for (other, relation) in links {
            let relation = &dataset.relations[relation];
            let note = relation
                .note
                .as_deref()
                .map(|n| format!(" — {}", visible_line(n)))
                .unwrap_or_default();
            let class = dataset
                .disagreement(relation)
                .map(|d| format!(" [{}]", d.describe()))
                .unwrap_or_default();
            s += &format!(
                "  {}{class}{note}\n",
                visible_line(&dataset.claims[other].id)
            );
        }
    }
    s
}

fn claim_json(dataset: &Dataset, graph: &Graph, index: ClaimIx) -> Value {
    let claim = &dataset.claims[index];
    let spans: Vec<Value> = claim
        .spans
        .iter()
        .map(|span| {
            json!({
                "source": span.source,
                "path": dataset.source(&span.source).map(|s| s.path.as_str()),
                "quote": span.quote,
                "anchor": span.anchor,
            })
        })
        .collect();
    let links = |kind: RelationKind| -> Vec<Value> {
        graph
            .linked(index, kind)
            .iter()
            .map(|&(other, relation)| {
                let relation = &dataset.relations[relation];
                let mut link = json!({ "claim": dataset.claims[other].id, "note": relation.note });
                if let Some(class) = dataset.disagreement(relation) {
                    link["disagreement"] = json!(class);
                }
                link
            })
            .collect()
    };
    let mut claim_json = json!({
        "id": claim.id,
        "topic": claim.topic,
        "text": claim.text,
        "status": claim.status,
        "note": claim.note,
        "line": dataset.location(claim.decl.start).line,
        "asserted_by": claim.asserted_by.as_ref().map(|by| &by.value),
        "assertor": describe::assertor(dataset, index),
        "mode": claim.mode,
        "hedge": claim.hedge,
        "how": describe::how(claim),
        "about": describe::about(dataset, index),
        "spans": spans,
        "agrees": links(RelationKind::Agrees),
        "contradicts": links(RelationKind::Contradicts),
    });
    // The other kinds only when present, each link with the claim that
    // declares it (which says its direction).
    for kind in &RelationKind::ALL[2..] {
        let list: Vec<Value> = graph
            .linked(index, *kind)
            .iter()
            .map(|&(other, relation)| {
                let r = &dataset.relations[relation];
                json!({
                    "claim": dataset.claims[other].id,
                    "from": dataset.claims[r.from].id,
                    "note": r.note,
                })
            })
            .collect();
        if !list.is_empty() {
            claim_json[kind.as_str()] = Value::Array(list);
        }
    }
    claim_json
}

/// A claim's links by kind, a directional kind's outgoing links ("refines")
/// apart from its incoming ones ("refined by").
fn links_by_direction(
    dataset: &Dataset,
    graph: &Graph,
    index: ClaimIx,
) -> Vec<(&'static str, Vec<(ClaimIx, RelationIx)>)> {
    let mut groups = Vec::new();
    for kind in RelationKind::ALL {
        for declaring in [true, false] {
            if !kind.is_directional() && !declaring {
                continue;
            }
            let label = match kind.is_directional() {
                true => kind.phrase(declaring).trim_start_matches("is "),
                false => kind.as_str(),
            };
            let links = graph
                .linked(index, kind)
                .iter()
                .copied()
                .filter(|&(_, r)| {
                    !kind.is_directional() || (dataset.relations[r].from == index) == declaring
                })
                .collect();
            groups.push((label, links));
        }
    }
    groups
}
