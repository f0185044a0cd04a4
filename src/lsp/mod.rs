//! `crux lsp`: a language server for claims files, on stdin and stdout.
//! It reads the editor's unsaved buffer through the same loader as
//! `crux check`, and never writes a file: every change it offers is an
//! edit the editor applies.

mod actions;
mod analysis;
mod completion;
mod context;
mod diagnostics;
mod documents;
mod edits;
mod hover;
mod index;
mod markdown;
mod navigate;
mod position;
mod published;
mod rename;
mod server;
mod symbols;
mod transport;
mod watch;

use std::process::ExitCode;

use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, OneOf, RenameOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

/// Serves one editor on stdin/stdout until it says `exit` or goes away.
pub fn run() -> ExitCode {
    let (connection, io_threads) = transport::stdio();
    let capabilities = serde_json::json!(capabilities());
    let root = match connection.initialize(capabilities) {
        Ok(params) => workspace_root(&params),
        Err(e) => {
            eprintln!("crux lsp: {e}");
            return ExitCode::from(1);
        }
    };
    let ended = server::Server::new(connection, root).run();
    // The reader thread ends with the input; a client that vanished
    // mid-message leaves it with an error worth no more than a note.
    if let Err(e) = io_threads.join() {
        eprintln!("crux lsp: {e}");
    }
    match ended {
        server::Ended::Cleanly => ExitCode::SUCCESS,
        server::Ended::Abruptly => ExitCode::from(1),
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "'".into()]),
            ..CompletionOptions::default()
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The first workspace folder (or the root URI) the editor names, as a
/// path; else the directory the server was started in.
fn workspace_root(params: &serde_json::Value) -> std::path::PathBuf {
    let params: lsp_types::InitializeParams =
        serde_json::from_value(params.clone()).unwrap_or_default();
    #[allow(deprecated)]
    let uris = params
        .workspace_folders
        .unwrap_or_default()
        .into_iter()
        .map(|f| f.uri)
        .chain(params.root_uri);
    uris.filter_map(|uri| uri.to_file_path().ok())
        .next()
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}
