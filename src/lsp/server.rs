//! The server loop: the editor's messages, the debounced analyses, and
//! the documents changing on disk.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{Url, notification, request};

use super::analysis::Analysis;
use super::documents::{Document, Documents};
use super::watch::Watches;
use super::{actions, completion, hover, navigate, rename, symbols, transport};

pub struct Server {
    connection: Connection,
    documents: Documents,
    /// Where an unsaved buffer's documents are looked up.
    root: PathBuf,
    watches: Watches,
    disk: Receiver<Url>,
    disk_sender: Sender<Url>,
    shutting_down: bool,
}

/// How the loop ended.
pub enum Ended {
    /// After `shutdown` then `exit`, as the protocol asks.
    Cleanly,
    /// `exit` without `shutdown`, or the editor went away.
    Abruptly,
}

impl Server {
    pub fn new(connection: Connection, root: PathBuf) -> Self {
        let (disk_sender, disk) = crossbeam_channel::unbounded();
        Server {
            connection,
            documents: Documents::default(),
            root,
            watches: Watches::default(),
            disk,
            disk_sender,
            shutting_down: false,
        }
    }

    pub fn run(mut self) -> Ended {
        loop {
            let wait = self
                .documents
                .next_due()
                .map_or(Duration::from_secs(3600), |due| {
                    due.saturating_duration_since(Instant::now())
                });
            select! {
                recv(self.connection.receiver) -> message => match message {
                    Ok(Message::Request(request)) => {
                        if self.shutdown_requested(&request) {
                            return Ended::Cleanly;
                        }
                        self.request(request);
                    }
                    Ok(Message::Notification(n)) if n.method == notification::Exit::METHOD => {
                        return if self.shutting_down { Ended::Cleanly } else { Ended::Abruptly };
                    }
                    Ok(Message::Notification(n)) => self.notification(n),
                    Ok(Message::Response(_)) => {}
                    Err(_) => return Ended::Abruptly,
                },
                recv(self.disk) -> uri => {
                    if let Ok(uri) = uri
                        && let Some(document) = self.documents.open.get_mut(&uri)
                    {
                        document.changed.get_or_insert_with(Instant::now);
                    }
                }
                default(wait) => {}
            }
            // Changes still queued are taken in before anything is analysed.
            if !self.connection.receiver.is_empty() {
                continue;
            }
            self.analyse_due();
        }
    }

    fn shutdown_requested(&mut self, request: &Request) -> bool {
        if request.method != request::Shutdown::METHOD {
            return false;
        }
        self.shutting_down = true;
        // Answers, then waits for `exit`; an editor that never sends it
        // gets the same end.
        let _ = self.connection.handle_shutdown(request);
        true
    }

    fn analyse_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .documents
            .open
            .iter()
            .filter(|(_, d)| d.due().is_some_and(|due| due <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.analysed(&uri);
        }
    }

    /// The analysis of the document's current text; a new one is
    /// published, with its diagnostics, before it is used.
    fn analysed(&mut self, uri: &Url) -> Option<Arc<Analysis>> {
        let document = self.documents.open.get_mut(uri)?;
        let fresh = document.changed.is_some() || document.analysis.is_none();
        let Some(analysis) = caught(|| document.analyse()) else {
            // Not tried again until the text changes.
            document.changed = None;
            return None;
        };
        if !analysis.is_claims_file() {
            if fresh {
                document.published.sent(Arc::default());
                self.send_diagnostics(uri, &[], None);
            }
            return None;
        }
        if fresh {
            let version = document.version;
            let path = document.path.clone();
            let sending = Instant::now();
            let diagnostics = document.diagnostics(&analysis);
            let send = document.published.needs(&diagnostics);
            if send {
                document.published.sent(diagnostics.clone());
            }
            // Watching first: a document saved right after the editor
            // sees these diagnostics is noticed.
            self.watches
                .follow(uri, &path, &analysis.dataset, &self.disk_sender);
            let sent = if send {
                self.send_diagnostics(uri, &diagnostics, Some(version));
                format!("sent in {} ms", sending.elapsed().as_millis())
            } else {
                "unchanged, not sent".to_string()
            };
            self.log(format!(
                "{}; version {version}: diagnostics {sent}",
                analysis.summary()
            ));
        }
        Some(analysis)
    }

    /// `textDocument/publishDiagnostics`, serialized here from the
    /// diagnostics kept (see [`transport`]).
    fn send_diagnostics(
        &self,
        uri: &Url,
        diagnostics: &[lsp_types::Diagnostic],
        version: Option<i32>,
    ) {
        match transport::publish_diagnostics(uri, diagnostics, version) {
            Ok(json) => {
                let _ = self.connection.sender.send(transport::serialized(json));
            }
            Err(e) => self.log(format!("crux: diagnostics not sent: {e}")),
        }
    }

    fn log(&self, message: String) {
        self.notify::<notification::LogMessage>(lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::LOG,
            message,
        });
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        let n = Notification::new(N::METHOD.to_string(), params);
        let _ = self.connection.sender.send(n.into());
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let doc = p.text_document;
                let path = self.path_of(&doc.uri);
                self.documents
                    .open
                    .insert(doc.uri.clone(), Document::new(path, doc.text, doc.version));
                self.analysed(&doc.uri);
            }
            notification::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(document) = self.documents.open.get_mut(&p.text_document.uri) {
                    document.change(p.text_document.version, p.content_changes);
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                self.documents.open.remove(&uri);
                self.watches.forget(&uri);
                self.send_diagnostics(&uri, &[], None);
            }
            _ => {}
        }
    }

    /// The claims file a URI names; an unsaved buffer without a file is
    /// taken to be in the workspace folder.
    fn path_of(&self, uri: &Url) -> PathBuf {
        match uri.to_file_path() {
            Ok(path) => path,
            Err(()) => self.root.join("claims.toml"),
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(request)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(error)) => Response {
                id,
                response_result: Err(error),
            },
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("crux lsp failed on `{method}`; please report it with the claims file"),
            ),
        };
        let _ = self.connection.sender.send(response.into());
    }

    fn answer(&mut self, request: Request) -> Result<serde_json::Value, ResponseError> {
        let json = |value: serde_json::Value| Ok(value);
        match request.method.as_str() {
            request::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(request)?;
                let at = p.text_document_position_params;
                json(self.at(&at, |a, byte, _| serde_json::json!(hover::hover(a, byte))))
            }
            request::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(request)?;
                let at = p.text_document_position_params;
                json(self.at(&at, |a, byte, uri| {
                    serde_json::json!(navigate::definition(a, uri, byte))
                }))
            }
            request::References::METHOD => {
                let p: lsp_types::ReferenceParams = params(request)?;
                let with_declaration = p.context.include_declaration;
                json(self.at(&p.text_document_position, |a, byte, uri| {
                    serde_json::json!(navigate::references(a, uri, byte, with_declaration))
                }))
            }
            request::Completion::METHOD => {
                let p: lsp_types::CompletionParams = params(request)?;
                let at = p.text_document_position;
                let earlier = self
                    .documents
                    .open
                    .get(&at.text_document.uri)
                    .and_then(|d| d.last_parsed.clone());
                json(self.at(&at, |a, byte, _| {
                    serde_json::json!(completion::complete(a, earlier.as_deref(), byte))
                }))
            }
            request::PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams = params(request)?;
                json(self.at(&p, |a, byte, _| serde_json::json!(rename::prepare(a, byte))))
            }
            request::Rename::METHOD => {
                let p: lsp_types::RenameParams = params(request)?;
                let at = p.text_document_position;
                let Some(analysis) = self.analysed(&at.text_document.uri) else {
                    return Ok(serde_json::Value::Null);
                };
                let byte = analysis.positions().byte(at.position);
                rename::rename(&analysis, &at.text_document.uri, byte, &p.new_name)
                    .map(|edit| serde_json::json!(edit))
                    .map_err(|message| ResponseError {
                        code: ErrorCode::RequestFailed as i32,
                        message,
                        data: None,
                    })
            }
            request::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(request)?;
                let uri = p.text_document.uri.clone();
                let Some(analysis) = self.analysed(&uri) else {
                    return Ok(serde_json::Value::Null);
                };
                let positions = analysis.positions();
                let range = positions.byte(p.range.start)..positions.byte(p.range.end);
                json(serde_json::json!(actions::actions(&analysis, &uri, range)))
            }
            request::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = params(request)?;
                let Some(analysis) = self.analysed(&p.text_document.uri) else {
                    return Ok(serde_json::Value::Null);
                };
                json(serde_json::json!(symbols::symbols(&analysis)))
            }
            method => Err(ResponseError {
                code: ErrorCode::MethodNotFound as i32,
                message: format!("crux lsp does not answer `{method}`"),
                data: None,
            }),
        }
    }

    /// `answer` on the current analysis at a position; null for a
    /// document that is not open.
    fn at(
        &mut self,
        at: &lsp_types::TextDocumentPositionParams,
        answer: impl FnOnce(&Analysis, usize, &Url) -> serde_json::Value,
    ) -> serde_json::Value {
        let uri = &at.text_document.uri;
        let Some(analysis) = self.analysed(uri) else {
            return serde_json::Value::Null;
        };
        let byte = analysis.positions().byte(at.position);
        answer(&analysis, byte, uri)
    }
}

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, ResponseError> {
    serde_json::from_value(request.params).map_err(|e| ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message: format!("invalid parameters for `{}`: {e}", request.method),
        data: None,
    })
}

/// `f`'s result, or `None` (after the panic message went to stderr, the
/// editor's log) when it panicked: one bad buffer must not end the session.
fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}
