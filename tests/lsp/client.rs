//! A JSON-RPC client that speaks the Language Server Protocol to the real
//! `crux lsp` binary over its stdin and stdout, as an editor does.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take before the test says the server hung.
pub const HANG: Duration = Duration::from_secs(120);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not yet waited for, oldest first.
    pub pending: Vec<Value>,
}

impl Client {
    /// Starts `crux lsp` in `dir` and initializes it with `dir` as the workspace.
    pub fn start(dir: &Path) -> Client {
        let mut client = Client::spawn(dir);
        let root = url(dir);
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": root, "capabilities": {} }),
        );
        assert!(answer["result"]["capabilities"].is_object(), "{answer}");
        client.notify("initialized", json!({}));
        client
    }

    /// Starts `crux lsp` in `dir` without initializing it.
    pub fn spawn(dir: &Path) -> Client {
        let mut child = Command::new(binary())
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start crux lsp");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 1,
            pending: Vec::new(),
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to crux lsp");
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The whole response (`result` or `error`) to one request.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.receive(
            |m| m["id"] == json!(id) && m.get("method").is_none(),
            method,
        )
    }

    /// The result of one request, which must not be an error.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let answer = self.request(method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// The next message that `wanted` picks, keeping the notifications
    /// it passes over; fails after [`HANG`].
    pub fn receive(&mut self, wanted: impl Fn(&Value) -> bool, what: &str) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + HANG;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout) => panic!("no answer to {what} from crux lsp"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("crux lsp ended before answering {what}")
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version` (the first such).
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.receive(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            },
            "publishDiagnostics",
        );
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for the server to have analysed `version` of the one buffer
    /// open: the diagnostics it sent then, or `None` when it found the
    /// ones sent before unchanged and sent none.
    pub fn analysed(&mut self, uri: &str, version: i64) -> Option<Vec<Value>> {
        self.log_line(&format!("; version {version}: diagnostics "));
        let sent = self.pending.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })?;
        let message = self.pending.remove(sent);
        Some(
            message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        )
    }

    /// The next diagnostics published for `uri`, whatever their version.
    pub fn next_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.receive(
            |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri,
            "publishDiagnostics",
        );
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The next log line the server writes that contains `part`.
    pub fn log_line(&mut self, part: &str) -> String {
        let message = self.receive(
            |m| {
                m["method"] == "window/logMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|s| s.contains(part))
            },
            "logMessage",
        );
        message["params"]["message"].as_str().unwrap().to_string()
    }

    /// Forgets every notification received so far.
    pub fn drain(&mut self) {
        self.pending.clear();
        while let Ok(message) = self.incoming.try_recv() {
            drop(message);
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
        );
    }

    /// Replaces the whole buffer, as version `version`.
    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    }

    /// `shutdown` then `exit`: the exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        self.stdin.take();
        self.wait()
    }

    /// Waits for the server to end (failing after [`HANG`]).
    pub fn wait(&mut self) -> ExitStatus {
        self.stdin.take();
        let deadline = Instant::now() + HANG;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for crux lsp") {
                return status;
            }
            assert!(Instant::now() < deadline, "crux lsp did not end");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `crux` binary: Cargo's for tests, `CRUX_BIN` for the benchmark.
fn binary() -> PathBuf {
    match (
        std::env::var_os("CRUX_BIN"),
        option_env!("CARGO_BIN_EXE_crux"),
    ) {
        (Some(path), _) => PathBuf::from(path),
        (None, Some(path)) => PathBuf::from(path),
        (None, None) => panic!("set CRUX_BIN to the crux binary"),
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A copy of the shipped example (claims.toml and seeds/) in a temp dir.
/// A copy of the shipped example open in a server that has published its
/// first diagnostics: the directory, the client, the file's URI and text.
pub fn open_shipped() -> (tempfile::TempDir, Client, String, String) {
    let dir = shipped();
    let path = dir.path().join("claims.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url(&path);
    let mut client = Client::start(dir.path());
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    (dir, client, uri, text)
}

pub fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("claims.toml"), dir.path().join("claims.toml")).unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("seeds").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

pub fn claims_path(dir: &Path) -> PathBuf {
    dir.join("claims.toml")
}

/// The protocol position (line, UTF-16 column) of byte `at` of `text`,
/// counted here independently of the server.
pub fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

/// The position `offset` bytes into the first occurrence of `needle`.
pub fn position_in(text: &str, needle: &str, offset: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    position(text, at + offset)
}

/// The range of the first occurrence of `needle`.
pub fn range_of(text: &str, needle: &str) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    json!({ "start": position(text, at), "end": position(text, at + needle.len()) })
}

/// `textDocument` + `position` parameters.
pub fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

/// The byte of `text` at a protocol position, counted here independently
/// of the server.
pub fn byte_at(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with the text edits of a workspace edit for `uri` made.
pub fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edits for {uri} in {edit}"))
        .iter()
        .map(|e| {
            (
                byte_at(text, &e["range"]["start"]),
                byte_at(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}
