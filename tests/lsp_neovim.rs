//! A real editor's LSP client talking to `crux lsp`: headless Neovim,
//! set up with the README's Neovim 0.7 lines as written, opens a copy of
//! the shipped claims.toml, breaks a quote in its buffer (the file on disk
//! stays as it was) and sees crux's diagnostic. Neovim comes from Debian's
//! `neovim` package, which `.ci/run` installs; without it the test fails
//! when `CI` is set and is skipped otherwise.

#[path = "lsp/client.rs"]
mod client;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SCRIPT: &str = r#"
local out = os.getenv("CRUX_OUT")
local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end
local published = 0
local show = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  published = published + 1
  return show(err, result, ctx, config)
end
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CRUX_FILE")))
local buf = vim.api.nvim_get_current_buf()
local function crux()
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == "crux" and c.initialized then return c end
  end
end
if not vim.wait(30000, function() return crux() ~= nil end, 20) then
  finish({ error = "the README's setup started no crux client for claims.toml" })
end
if not vim.wait(30000, function() return published > 0 end, 20) then
  finish({ error = "no diagnostics were published for the file as opened" })
end
local before = #vim.diagnostic.get(buf)
local lnum = vim.fn.search("that four Iranian drones had taken part in the attack")
if lnum == 0 then finish({ error = "the quote is not in the file" }) end
local line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1]
local broken = line:gsub("had taken part", "took part")
vim.api.nvim_buf_set_lines(buf, lnum - 1, lnum, false, { broken })
local found = nil
vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == "E0014" then
      found = { lnum = d.lnum, col = d.col, end_col = d.end_col, code = code,
                message = d.message, severity = d.severity }
      return true
    end
  end
  return false
end, 50)
finish({ before = before, line = lnum, found = found })
"#;

/// The README's Neovim 0.7 setup, the Lua block after its marker.
fn readme_setup() -> String {
    let readme = include_str!("../README.md");
    let marked = readme
        .split_once("<!-- neovim-0.7")
        .expect("the README marks its Neovim 0.7 setup")
        .1;
    let block = marked.split_once("```lua\n").unwrap().1;
    block.split_once("```").unwrap().0.to_string()
}

fn neovim() -> Option<String> {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    found.then(|| "nvim".to_string())
}

#[test]
fn neovim_sees_the_diagnostic_of_a_quote_broken_in_its_buffer() {
    let Some(nvim) = neovim() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim (`nvim`) is not installed; .ci/run installs Debian's `neovim` package"
        );
        eprintln!("skipped: Neovim (`nvim`) is not installed (apt-get install neovim)");
        return;
    };
    let dir = client::shipped();
    let file = dir.path().join("claims.toml");
    let on_disk = std::fs::read_to_string(&file).unwrap();
    let script = dir.path().join("test.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let setup = dir.path().join("readme.lua");
    std::fs::write(&setup, readme_setup()).unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_crux"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = dir.path().join("result.json");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", setup.display()))
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("PATH", path)
        .current_dir(dir.path())
        .env("CRUX_FILE", &file)
        .env("CRUX_DIR", dir.path())
        .env("CRUX_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + client::HANG;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("Neovim wrote no result"))
            .unwrap();
    assert!(result.get("error").is_none(), "{result}");
    assert_eq!(result["before"], 0, "the shipped file is clean: {result}");
    let found = &result["found"];
    assert_eq!(found["code"], "E0014", "{result}");
    assert_eq!(found["severity"], 1, "an error: {result}");
    // Neovim's lines count from 0; the quote's value starts after `quote = `.
    let line = result["line"].as_u64().unwrap();
    assert_eq!(found["lnum"].as_u64(), Some(line - 1), "{result}");
    let text = on_disk.lines().nth(line as usize - 1).unwrap();
    let broken = text.replace("had taken part", "took part");
    assert_eq!(
        found["col"].as_u64(),
        Some(broken.find("\"that four").unwrap() as u64)
    );
    let message = found["message"].as_str().unwrap();
    assert!(message.contains("quote not found"), "{message}");
    assert!(message.contains("did you mean"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        on_disk,
        "the server wrote nothing"
    );
}
