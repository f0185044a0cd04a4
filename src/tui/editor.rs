//! `e`: the claims file in `$VISUAL`/`$EDITOR` at a line.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;

use ratatui::DefaultTerminal;

use super::app::App;

/// Program and arguments to open `file` at `line` with `editor` (as in
/// `$EDITOR`). The file name is passed as the OS gave it: a name that is
/// not UTF-8 must reach the editor byte for byte, not as a lossy copy that
/// would open another file.
pub fn command_line(editor: &str, file: &OsStr, line: usize) -> (String, Vec<OsString>) {
    let mut words = editor.split_whitespace().map(OsString::from);
    let program = editor.split_whitespace().next().unwrap_or("vi").to_string();
    words.next();
    let mut args: Vec<OsString> = words.collect();
    let at_line = || {
        let mut arg = file.to_os_string();
        arg.push(format!(":{line}"));
        arg
    };
    let name = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.as_str() {
        "hx" | "helix" => args.push(at_line()),
        "code" | "codium" | "subl" => {
            if !args.iter().any(|a| a == "--wait" || a == "-w") {
                args.push("--wait".into());
            }
            if name != "subl" {
                args.push("--goto".into());
            }
            args.push(at_line());
        }
        // vim, nvim, vi, nano, emacs and most others take `+LINE FILE`.
        _ => args.extend([format!("+{line}").into(), file.to_os_string()]),
    }
    (program, args)
}

pub fn open(
    terminal: &mut DefaultTerminal,
    path: &Path,
    line: usize,
    app: &mut App,
) -> std::io::Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let (program, args) = command_line(&editor, path.as_os_str(), line);
    let status = super::suspend(terminal, || Command::new(&program).args(&args).status())?;
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => app.warn(format!("{program} exited with {s}")),
        Err(e) => app.warn(format!("cannot run {program}: {e}")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use super::command_line;

    fn line(editor: &str) -> String {
        let (program, args) = command_line(editor, OsStr::new("claims.toml"), 12);
        let args: Vec<_> = args.iter().map(|a| a.to_str().unwrap()).collect();
        format!("{program} {}", args.join(" "))
    }

    #[test]
    fn a_file_name_that_is_not_utf8_reaches_the_editor_byte_for_byte() {
        let name = OsStr::from_bytes(b"caf\xff.toml");
        let (_, args) = command_line("vim", name, 3);
        assert_eq!(args[1].as_bytes(), b"caf\xff.toml");
        let (_, args) = command_line("hx", name, 3);
        assert_eq!(args[0].as_bytes(), b"caf\xff.toml:3");
    }

    #[test]
    fn each_editor_gets_its_line_syntax() {
        assert_eq!(line("nvim"), "nvim +12 claims.toml");
        assert_eq!(line("/usr/bin/vim"), "/usr/bin/vim +12 claims.toml");
        assert_eq!(line("hx"), "hx claims.toml:12");
        assert_eq!(line("code"), "code --wait --goto claims.toml:12");
        assert_eq!(line("code -w"), "code -w --goto claims.toml:12");
        assert_eq!(line("emacs -nw"), "emacs -nw +12 claims.toml");
        assert_eq!(line("nano"), "nano +12 claims.toml");
    }
}
