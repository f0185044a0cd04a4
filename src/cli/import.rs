//! `crux import`: other tools' annotations added to the claims file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{display_path, load_readable};
use crux::diag::render_human;
use crux::edit::{Edit, History};
use crux::import::{self, Incoming, Options};
use crux::load::file::{CLAIMS_FILE_LIMIT, read_regular};
use crux::shared_text::SharedText;
use crux::text::{LineIndex, visible, visible_line};

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    format: ImportFormat,
    /// The file to import.
    file: PathBuf,
    /// Claims file to add the annotations to.
    #[arg(long, value_name = "CLAIMS", default_value = "claims.toml")]
    into: PathBuf,
    /// Annotations on URI are on the document of source SOURCE (repeatable).
    #[arg(long, value_name = "URI=SOURCE", value_parser = parse_mapping)]
    map: Vec<(String, String)>,
    /// The topic of annotations whose tags name none (a topic id).
    #[arg(long, value_name = "ID")]
    topic: Option<String>,
    /// Print the changes as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportFormat {
    /// W3C Web Annotations (what `crux export --format w3c` writes).
    W3c,
    /// A Hypothesis export: the client's export file or the API's search response.
    Hypothesis,
}

fn parse_mapping(text: &str) -> Result<(String, String), String> {
    match text.rsplit_once('=') {
        Some((uri, source)) if !uri.is_empty() && !source.is_empty() => {
            Ok((uri.to_string(), source.to_string()))
        }
        _ => Err("expected URI=SOURCE, e.g. https://example.org/a=inss".into()),
    }
}

pub(super) fn run(args: &ImportArgs) -> ExitCode {
    let Some(dataset) = load_readable(&args.into) else {
        return ExitCode::from(2);
    };
    let claims_path = display_path(&args.into);
    if let Some(error) = unknown_names(args, &dataset) {
        eprintln!("{error}");
        return ExitCode::from(2);
    }
    let shown = display_path(&args.file);
    let (text, incoming) = match read_incoming(args) {
        Ok(read) => read,
        Err(why) => {
            eprintln!("error: {shown} {why}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        map: args.map.clone(),
        topic: args.topic.clone(),
    };
    let plan = import::plan(&dataset, &incoming, &options);
    let mut err = std::io::stderr().lock();
    let lines = LineIndex::new(&text);
    for problem in &plan.problems {
        let _ = writeln!(
            err,
            "{}\n",
            render_human(problem, &shown, &text, &lines, false)
        );
    }
    for id in &plan.differing {
        let _ = writeln!(
            err,
            "warning: claim `{}` is in {claims_path} and differs from the annotation with its id; left as it is",
            visible_line(id)
        );
    }

    let claims = match apply_plan(args, &dataset.text, &plan.edits) {
        Ok(claims) => claims,
        Err(why) => {
            let _ = writeln!(err, "{why}");
            return ExitCode::from(2);
        }
    };
    if args.dry_run {
        print!(
            "{}",
            visible(&super::fix::unified_diff(
                &claims_path,
                &dataset.text,
                &claims
            ))
        );
    }
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    let _ = writeln!(
        err,
        "{claims_path}: {verb} {} claim(s) and {} link(s); {} annotation(s) already there, {} not imported",
        plan.claims_added.len(),
        plan.links_added,
        plan.present.len(),
        plan.problems.len() + plan.differing.len(),
    );
    if plan.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The import file's text and the annotations in it, or why not.
fn read_incoming(args: &ImportArgs) -> Result<(String, Incoming), String> {
    let text = read_import_file(&args.file)?;
    let read = match args.format {
        ImportFormat::W3c => import::w3c::read(&text),
        ImportFormat::Hypothesis => import::hypothesis::read(&text),
    };
    let incoming = read.map_err(|why| format!("is not valid JSON: {}", visible_line(&why)))?;
    Ok((text, incoming))
}

/// The claims file with every planned edit made, each saved as it is made
/// (or only computed, for `--dry-run`); on a failure, what failed and how
/// many were saved before it.
fn apply_plan(args: &ImportArgs, text: &SharedText, edits: &[Edit]) -> Result<SharedText, String> {
    let mut claims = text.clone();
    let mut history = History::new();
    for (done, edit) in edits.iter().enumerate() {
        let result = if args.dry_run {
            edit.apply(&claims).map(Into::into)
        } else {
            history
                .apply(&args.into, edit.clone(), claims.clone(), None)
                .map(|applied| applied.text)
        };
        claims = result.map_err(|e| {
            format!(
                "error: {}: {}\n  note: {done} of {} change(s) were saved; \
                 importing the file again adds the rest",
                visible_line(&edit.describe()),
                visible_line(&e.to_string()),
                edits.len()
            )
        })?;
    }
    Ok(claims)
}

fn read_import_file(path: &Path) -> Result<String, String> {
    let bytes = read_regular(path, CLAIMS_FILE_LIMIT).map_err(|e| e.what())?;
    String::from_utf8(bytes).map_err(|e| {
        let at = crux::text::invalid_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to());
        format!("is not UTF-8 text (at line {}, column {})", at.line, at.col)
    })
}

/// `--topic` and `--map` must name what the claims file has.
fn unknown_names(args: &ImportArgs, dataset: &crux::Dataset) -> Option<String> {
    let topics: Vec<&str> = dataset.topics.iter().map(|t| t.id.as_str()).collect();
    let sources: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
    let unknown = |flag: &str, what: &str, given: &str, known: &[&str]| {
        let help = match crux::diag::suggest::did_you_mean(given, known.iter().copied()) {
            Some(near) => format!("did you mean `{}`?", visible_line(near)),
            None => format!("the {what} ids are {}", known.join(", ")),
        };
        format!(
            "error: {flag}: no {what} `{}` in {}\n  help: {help}",
            visible_line(given),
            display_path(&dataset.path)
        )
    };
    if let Some(topic) = &args.topic
        && !topics.contains(&topic.as_str())
    {
        return Some(unknown("--topic", "topic", topic, &topics));
    }
    args.map
        .iter()
        .find(|(_, source)| !sources.contains(&source.as_str()))
        .map(|(_, source)| unknown("--map", "source", source, &sources))
}
