//! `e`: the claims file in `$VISUAL`/`$EDITOR` at a line.

use std::path::Path;
use std::process::Command;

use ratatui::DefaultTerminal;

use super::app::App;

/// Program and arguments to open `file` at `line` with `editor` (as in `$EDITOR`).
pub fn command_line(editor: &str, file: &str, line: usize) -> (String, Vec<String>) {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    let mut args: Vec<String> = words.collect();
    let name = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.as_str() {
        "hx" | "helix" => args.push(format!("{file}:{line}")),
        "code" | "codium" | "subl" => {
            if !args.iter().any(|a| a == "--wait" || a == "-w") {
                args.push("--wait".to_string());
            }
            if name != "subl" {
                args.push("--goto".to_string());
            }
            args.push(format!("{file}:{line}"));
        }
        // vim, nvim, vi, nano, emacs and most others take `+LINE FILE`.
        _ => args.extend([format!("+{line}"), file.to_string()]),
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
    let (program, args) = command_line(&editor, &path.to_string_lossy(), line);
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
    use super::command_line;

    fn line(editor: &str) -> String {
        let (program, args) = command_line(editor, "claims.toml", 12);
        format!("{program} {}", args.join(" "))
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
