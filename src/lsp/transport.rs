//! stdin and stdout as the protocol's connection: lsp-server's messages
//! and framing, read and written on threads of their own as its `stdio`
//! does, and one more kind of message out: one the server serialized
//! itself, written as it is. The diagnostics of a large file are a
//! megabyte of JSON, which lsp-server would first build as a tree of
//! values, then write from it: three times the work, on the way to the
//! editor.

use std::io::{self, BufRead, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message, Notification};

/// The method of a message whose params are the whole message, already
/// serialized; it never reaches the editor as such.
const SERIALIZED: &str = "$crux/serialized";

/// A message the server serialized itself, to send on the connection.
pub fn serialized(json: String) -> Message {
    Message::Notification(Notification {
        method: SERIALIZED.to_string(),
        params: serde_json::Value::String(json),
    })
}

/// The JSON of a `textDocument/publishDiagnostics` notification.
pub fn publish_diagnostics(
    uri: &lsp_types::Url,
    diagnostics: &[lsp_types::Diagnostic],
    version: Option<i32>,
) -> serde_json::Result<String> {
    let mut json = Vec::with_capacity(1024 + diagnostics.len() * 1024);
    json.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    serde_json::to_writer(&mut json, uri)?;
    json.extend_from_slice(br#","diagnostics":"#);
    serde_json::to_writer(&mut json, diagnostics)?;
    if let Some(version) = version {
        write!(json, r#","version":{version}"#).map_err(serde_json::Error::io)?;
    }
    json.extend_from_slice(b"}}");
    // serde_json writes UTF-8 only.
    String::from_utf8(json).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads; the reader's error first, as lsp-server's.
    pub fn join(self) -> io::Result<()> {
        let read = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader panicked")));
        let written = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer panicked")));
        read.and(written)
    }
}

/// The connection on stdin and stdout.
pub fn stdio() -> (Connection, Threads) {
    // Unbuffered, as lsp-server's: a message is handed over when written.
    let (writer_sender, writer_receiver) = bounded::<Message>(0);
    let writer = thread::Builder::new()
        .name("crux-lsp-writer".to_owned())
        .spawn(move || write_all(&writer_receiver, &mut io::stdout().lock()))
        .expect("start the writer thread");
    let (reader_sender, reader_receiver) = bounded::<Message>(0);
    let reader = thread::Builder::new()
        .name("crux-lsp-reader".to_owned())
        .spawn(move || read_all(&mut io::stdin().lock(), &reader_sender))
        .expect("start the reader thread");
    let connection = Connection {
        sender: writer_sender,
        receiver: reader_receiver,
    };
    (connection, Threads { reader, writer })
}

fn write_all(messages: &Receiver<Message>, out: &mut impl Write) -> io::Result<()> {
    for message in messages {
        match message {
            Message::Notification(Notification { method, params }) if method == SERIALIZED => {
                let serde_json::Value::String(json) = params else {
                    continue;
                };
                write!(out, "Content-Length: {}\r\n\r\n", json.len())?;
                out.write_all(json.as_bytes())?;
                out.flush()?;
            }
            message => message.write(out)?,
        }
    }
    Ok(())
}

/// Reads messages until `exit` or the end of the input, as lsp-server's
/// reader does; a malformed message ends it with an error.
fn read_all(input: &mut impl BufRead, messages: &Sender<Message>) -> io::Result<()> {
    while let Some(message) = Message::read(input)? {
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        messages.send(message).map_err(io::Error::other)?;
        if exit {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Diagnostic, Position, Range, Url};

    #[test]
    fn a_serialized_publish_is_the_message_lsp_server_would_write() {
        let uri = Url::parse("file:///tmp/claims.toml").unwrap();
        let diagnostics = vec![Diagnostic {
            range: Range::new(Position::new(1, 2), Position::new(3, 4)),
            message: "a \"quoted\"\nline, and é".into(),
            ..Diagnostic::default()
        }];
        for version in [Some(7), None] {
            let params = lsp_types::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: diagnostics.clone(),
                version,
            };
            let mut by_lsp_server = Vec::new();
            Message::Notification(Notification::new(
                "textDocument/publishDiagnostics".into(),
                params,
            ))
            .write(&mut by_lsp_server)
            .unwrap();
            let json = publish_diagnostics(&uri, &diagnostics, version).unwrap();
            let (tx, rx) = bounded(1);
            tx.send(serialized(json)).unwrap();
            drop(tx);
            let mut by_us = Vec::new();
            write_all(&rx, &mut by_us).unwrap();
            // The same message: the same frame, and the same JSON value.
            let parse = |bytes: &[u8]| {
                let mut reader = io::BufReader::new(bytes);
                let Some(Message::Notification(n)) = Message::read(&mut reader).unwrap() else {
                    panic!("not a notification");
                };
                (n.method, n.params)
            };
            assert_eq!(parse(&by_us), parse(&by_lsp_server), "{version:?}");
        }
    }
}
