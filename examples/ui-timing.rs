//! Times the review UI as a person meets it, through a pseudo-terminal:
//! from start to the first frame with the claims list (a large file's
//! first claims), to the frame with every claim listed, to the message that
//! every document is anchored, and from each key of a search typed one at
//! a time to the end of the frame it brings, and from a status key to the
//! frame saying the status is saved.
//!
//! ```sh
//! cargo run --release --example ui-timing -- target/release/crux claims.toml [WORD]
//! ```
//!
//! Prints `first_frame_s whole_s loaded_s | key_ms... | status_ms... |
//! exact_ms...`:
//! one figure per typed character of WORD (default `drone`), then per
//! erased one; then four statuses written back (on the first claims, each
//! undone after), each from its key to the frame saying it is saved; then
//! per search key again, from the key to the frame whose count is exact
//! (the list completed between keys). Unix only.

#[cfg(unix)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (crux, claims) = match (args.first(), args.get(1)) {
        (Some(crux), Some(claims)) => (crux.clone(), claims.clone()),
        _ => {
            eprintln!("usage: ui-timing CRUX CLAIMS_FILE [WORD]");
            std::process::exit(2);
        }
    };
    let word = args.get(2).cloned().unwrap_or_else(|| "drone".to_string());
    match pty::time(&crux, &claims, &word) {
        Ok(times) => println!("{times}"),
        Err(e) => {
            eprintln!("ui-timing: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(not(unix))]
fn main() {
    eprintln!("ui-timing needs a Unix pseudo-terminal");
    std::process::exit(2);
}

#[cfg(unix)]
mod pty {
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
    use std::time::{Duration, Instant};

    /// How long without output ends a frame.
    const QUIET: Duration = Duration::from_millis(60);
    /// A pause that ends a frame whose start has come: a frame is written
    /// at once, and the next comes no sooner than the next key or the
    /// list completed between keys.
    const FRAME_GAP: Duration = Duration::from_millis(3);
    /// The longest anything may take.
    const PATIENCE: Duration = Duration::from_secs(600);

    pub fn time(crux: &str, claims: &str, word: &str) -> io::Result<String> {
        let (cols, rows) = (200, 60);
        let (master, slave) = open(cols, rows)?;
        let started = Instant::now();
        let mut child = spawn(crux, claims, &slave)?;
        drop(slave);
        let mut writer = master.try_clone()?;
        let mut screen = Screen::new(read_on_a_thread(master), cols, rows, started);
        let status = |s: &Screen| s.line(None);
        let result = (|| {
            let first = screen.until(|s| status(s).contains("reviewed"))?;
            let whole = screen
                .until(|s| status(s).contains(" reviewed") && !status(s).contains("+ reviewed"))?;
            let loaded = screen.until(|s| status(s).contains("read and anchored in"))?;
            screen.settle()?;
            let mut keys = Vec::new();
            writer.write_all(b"/")?;
            screen.frame()?;
            // Each key's frame ends with the status line showing the query
            // it made (the bottom row is drawn last); the list it shows may
            // be the first claims only ("12+ matching"), the rest listed
            // between keys, until the count is exact.
            let mut exact = Vec::new();
            let typed: Vec<u8> = word.bytes().collect();
            let erased = vec![0x7f; typed.len()];
            let mut query = String::new();
            for key in typed.iter().chain(&erased) {
                if *key == 0x7f {
                    query.pop();
                } else {
                    query.push(char::from(*key));
                }
                let prompt = format!("/{query}█");
                let sent = Instant::now();
                writer.write_all(&[*key])?;
                screen.until(|s| status(s).contains(&prompt))?;
                let drawn = screen.frame_end()?;
                keys.push(drawn.saturating_duration_since(sent));
                let counted = screen.until(|s| {
                    let line = status(s);
                    line.contains(&prompt)
                        && line.contains(" matching")
                        && !line.contains("+ matching")
                })?;
                exact.push(counted.saturating_duration_since(sent));
                screen.settle()?;
            }
            // Out of the search, then a status written back on each of four
            // claims (confirmed, or disputed when it already is), each from
            // its key to the frame saying it is saved (fsync included), and
            // undone so the corpus stays as generated.
            writer.write_all(b"\x1b")?;
            screen.frame()?;
            let mut statuses = Vec::new();
            for _ in 0..4 {
                let mut sent = Instant::now();
                writer.write_all(b"a")?;
                screen.until(|s| status(s).contains("(saved)") || status(s).contains("already"))?;
                if status(&screen).contains("already") {
                    sent = Instant::now();
                    writer.write_all(b"d")?;
                    screen.until(|s| status(s).contains("(saved)"))?;
                }
                statuses.push(screen.last.saturating_duration_since(sent));
                writer.write_all(b"U")?;
                screen.frame()?;
                writer.write_all(b"j")?;
                screen.until(|s| !status(s).contains("(saved)"))?;
            }
            writer.write_all(b"q")?;
            Ok::<_, io::Error>((first, whole, loaded, keys, statuses, exact))
        })();
        let _ = child.kill();
        let _ = child.wait();
        let (first, whole, loaded, keys, statuses, exact) = result.map_err(|e| {
            io::Error::other(format!(
                "{e}; the status line was: {}",
                screen.line(None).trim_end()
            ))
        })?;
        let seconds = |at: Instant| at.duration_since(started).as_secs_f64();
        let ms = |keys: &[Duration]| {
            let shown: Vec<String> = keys
                .iter()
                .map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0))
                .collect();
            shown.join(" ")
        };
        Ok(format!(
            "{:.3} {:.3} {:.3} | {} | {} | {}",
            seconds(first),
            seconds(whole),
            seconds(loaded),
            ms(&keys),
            ms(&statuses),
            ms(&exact)
        ))
    }

    /// What the terminal shows, kept up to date from crux's output: the
    /// cursor moves and characters a ratatui frame is made of.
    struct Screen {
        output: Receiver<(Instant, Vec<u8>)>,
        cells: Vec<Vec<char>>,
        row: usize,
        col: usize,
        /// Output not yet applied: the start of an escape sequence or of a
        /// character cut by the end of a read.
        pending: Vec<u8>,
        /// When the latest output came.
        last: Instant,
    }

    impl Screen {
        fn new(output: Receiver<(Instant, Vec<u8>)>, cols: u16, rows: u16, now: Instant) -> Screen {
            Screen {
                output,
                cells: vec![vec![' '; cols as usize]; rows as usize],
                row: 0,
                col: 0,
                pending: Vec::new(),
                last: now,
            }
        }

        /// Row `row` as text, or the last row for `None`.
        fn line(&self, row: Option<usize>) -> String {
            let row = row.unwrap_or(self.cells.len() - 1);
            self.cells[row].iter().filter(|&&c| c != '\0').collect()
        }

        fn apply(&mut self, at: Instant, bytes: &[u8]) {
            self.last = at;
            self.pending.extend_from_slice(bytes);
            let pending = std::mem::take(&mut self.pending);
            let mut i = 0;
            while i < pending.len() {
                match self.step(&pending[i..]) {
                    Some(used) => i += used,
                    None => break,
                }
            }
            self.pending = pending[i..].to_vec();
        }

        /// Applies the sequence or character at the start of `bytes`; how
        /// many bytes it took, `None` when it is cut short.
        fn step(&mut self, bytes: &[u8]) -> Option<usize> {
            if bytes[0] == 0x1b {
                if bytes.len() < 2 {
                    return None;
                }
                if bytes[1] != b'[' {
                    return Some(2);
                }
                let end = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b))? + 2;
                if bytes[end] == b'H' {
                    let params = String::from_utf8_lossy(&bytes[2..end]);
                    let mut numbers = params.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                    self.row = numbers.next().unwrap_or(1).saturating_sub(1);
                    self.col = numbers.next().unwrap_or(1).saturating_sub(1);
                } else if bytes[end] == b'J' {
                    for row in &mut self.cells {
                        row.fill(' ');
                    }
                }
                return Some(end + 1);
            }
            let width = match bytes[0] {
                b if b < 0x80 => 1,
                b if b >= 0xf0 => 4,
                b if b >= 0xe0 => 3,
                _ => 2,
            };
            let c = std::str::from_utf8(bytes.get(..width)?)
                .ok()?
                .chars()
                .next()?;
            if c >= ' ' {
                let cells = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
                if let Some(row) = self.cells.get_mut(self.row) {
                    if let Some(cell) = row.get_mut(self.col) {
                        *cell = c;
                    }
                    // The second cell of a wide character shows nothing.
                    for extra in 1..cells {
                        if let Some(cell) = row.get_mut(self.col + extra) {
                            *cell = '\0';
                        }
                    }
                }
                self.col += cells;
            }
            Some(width)
        }

        /// The time of the output after which `done` holds of the screen.
        fn until(&mut self, done: impl Fn(&Screen) -> bool) -> io::Result<Instant> {
            let deadline = Instant::now() + PATIENCE;
            while !done(self) {
                let (at, bytes) = self
                    .output
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    .map_err(|_| io::Error::other("timed out or crux ended"))?;
                self.apply(at, &bytes);
            }
            Ok(self.last)
        }

        /// The time of the last output before a quiet spell, once some
        /// came: the end of the frame a key brought.
        fn frame(&mut self) -> io::Result<Instant> {
            self.quiet(true)
        }

        /// The time of the last output before a short pause: the end of a
        /// frame whose start has come.
        fn frame_end(&mut self) -> io::Result<Instant> {
            loop {
                match self.output.recv_timeout(FRAME_GAP) {
                    Ok((at, bytes)) => self.apply(at, &bytes),
                    Err(RecvTimeoutError::Timeout) => return Ok(self.last),
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err(io::Error::other("crux ended"));
                    }
                }
            }
        }

        /// Waits for a quiet spell, whatever comes before it.
        fn settle(&mut self) -> io::Result<Instant> {
            self.quiet(false)
        }

        fn quiet(&mut self, expected: bool) -> io::Result<Instant> {
            let deadline = Instant::now() + PATIENCE;
            let mut came = false;
            loop {
                match self.output.recv_timeout(QUIET) {
                    Ok((at, bytes)) => {
                        self.apply(at, &bytes);
                        came = true;
                    }
                    Err(RecvTimeoutError::Timeout) if came || !expected => return Ok(self.last),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err(io::Error::other("crux ended"));
                    }
                }
                if Instant::now() > deadline {
                    return Err(io::Error::other("no frame came"));
                }
            }
        }
    }

    fn read_on_a_thread(mut master: File) -> Receiver<(Instant, Vec<u8>)> {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = vec![0; 1 << 16];
            while let Ok(n) = master.read(&mut buffer) {
                if n == 0 || sender.send((Instant::now(), buffer[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        receiver
    }

    /// A pseudo-terminal of `cols`x`rows`: its master and slave ends.
    fn open(cols: u16, rows: u16) -> io::Result<(File, File)> {
        // SAFETY: plain libc calls on descriptors this function owns.
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
            if master < 0 {
                return Err(io::Error::last_os_error());
            }
            let master = File::from_raw_fd(master);
            let fd = master.as_raw_fd();
            if libc::grantpt(fd) != 0 || libc::unlockpt(fd) != 0 {
                return Err(io::Error::last_os_error());
            }
            let mut name = [0 as libc::c_char; 128];
            if libc::ptsname_r(fd, name.as_mut_ptr(), name.len()) != 0 {
                return Err(io::Error::last_os_error());
            }
            let slave = libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
            if slave < 0 {
                return Err(io::Error::last_os_error());
            }
            let slave = File::from_raw_fd(slave);
            let size = libc::winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            if libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok((master, slave))
        }
    }

    /// crux on `claims` with the pseudo-terminal as its controlling terminal.
    fn spawn(crux: &str, claims: &str, slave: &File) -> io::Result<Child> {
        let mut command = Command::new(crux);
        command
            .arg(claims)
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave.try_clone()?));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) != 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        command.spawn()
    }
}
