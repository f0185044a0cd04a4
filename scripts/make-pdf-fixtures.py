#!/usr/bin/env python3
"""Renders the five seeds to PDF, the way analysts receive them, into
tests/fixtures/pdf/seeds/:

  NNN-chromium.pdf  headless Chromium's print-to-PDF of the seed as a web
                    page: justified, hyphenated (soft hyphens from the
                    hyphenation patterns Chromium uses elsewhere), with the
                    browser's running header (date, title) and footer
                    (URL, "3/7");
  NNN-groff.pdf     groff -mom: justified, hyphenated by groff's own
                    patterns, ligatures, a running header (author, title,
                    page number);
  003-groff-2col.pdf the INSS Insight in two columns, for reading order;
  000-scanned.pdf   000-chromium.pdf as page images only (no text layer);
  000-encrypted.pdf 000-groff.pdf encrypted (AES-256, user password
                    "crux").

Not run in CI: the PDFs are committed. To run it again (Debian):

  apt-get install chromium groff gsfonts fonts-liberation poppler-utils \
    img2pdf qpdf
  pip install pyphen
  python3 scripts/make-pdf-fixtures.py
"""

import html
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

import pyphen

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "pdf" / "seeds"
HYPHENATOR = pyphen.Pyphen(lang="en_US")
SOFT_HYPHEN = "\u00ad"


def sources():
    """(number, seed path, title, author) of each source in claims.toml."""
    claims = tomllib.loads((ROOT / "claims.toml").read_text())
    for source in claims["sources"].values():
        path = ROOT / source["path"]
        number = path.name.split("_")[0]
        yield number, path, source.get("title", "Untitled"), source.get("author", "")


def blocks(text):
    """The seed's Markdown-like text as (kind, text) blocks: h2, h3 or p."""
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        heading = re.match(r"^(#{2,3})\s+(.*)$", block)
        if heading:
            title = heading.group(2).replace("**", "")
            yield ("h2" if len(heading.group(1)) == 2 else "h3"), title
        else:
            yield "p", block


def inline(text, bold, sup, escape):
    """Markdown links become their text, **bold** and <sup> their markup."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    parts = re.split(r"(\*\*.*?\*\*|<sup>.*?</sup>)", text)
    out = []
    for part in parts:
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append(bold(escape(part[2:-2])))
        elif part.startswith("<sup>"):
            out.append(sup(escape(part[5:-6])))
        else:
            out.append(escape(part))
    return "".join(out)


def soft_hyphenate(text):
    return re.sub(
        r"[A-Za-z]{6,}",
        lambda word: HYPHENATOR.inserted(word.group(0), hyphen=SOFT_HYPHEN),
        text,
    )


def to_html(text, title):
    body = []
    for kind, content in blocks(text):
        rendered = inline(
            content,
            bold=lambda s: f"<strong>{s}</strong>",
            sup=lambda s: f"<sup>{s}</sup>",
            escape=lambda s: soft_hyphenate(html.escape(s, quote=False)),
        )
        body.append(f"<{kind}>{rendered}</{kind}>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
@page {{ size: A4; margin: 22mm 20mm; }}
body {{ font: 11pt/1.45 "Liberation Serif", serif; }}
p {{ text-align: justify; hyphens: manual; margin: 0 0 0.8em; }}
h2 {{ font: bold 16pt "Liberation Sans", sans-serif; }}
h3 {{ font: bold 12pt "Liberation Sans", sans-serif; }}
</style></head>
<body>
{chr(10).join(body)}
</body></html>
"""


def groff_escape(text):
    text = text.replace("\\", "\\e")
    # A line that starts with . or ' would be a request.
    return re.sub(r"(^|\n)([.'])", r"\1\\&\2", text)


def to_mom(text, title, author, columns):
    # mom drops its running header and page numbers when TITLE and AUTHOR
    # come after PRINTSTYLE.
    lines = [
        f'.TITLE "{title}"',
        f'.AUTHOR "{author or "Analysis"}"',
        ".PRINTSTYLE TYPESET",
        ".PAPER A4",
        ".FAMILY T",
        ".PT_SIZE 11",
        ".LS 14",
        ".JUSTIFY",
        ".HY ON",
    ]
    if columns > 1:
        lines.append(f".COLUMNS {columns} 6p")
    lines.append(".START")
    for kind, content in blocks(text):
        rendered = inline(
            content,
            bold=lambda s: f"\\f[B]{s}\\f[P]",
            sup=lambda s: f"\\*[SUP]{s}\\*[SUPX]",
            escape=groff_escape,
        )
        if kind == "p":
            lines += [".PP", rendered]
        else:
            lines.append(f'.HEAD "{rendered.replace(chr(34), chr(92) + "(dq")}"')
    return "\n".join(lines) + "\n"


def render_chromium(source_html, pdf):
    # A fixed place, so that the URL in the footer stays the same.
    page = pathlib.Path("/tmp/crux-pdf-fixtures") / (pdf.stem + ".html")
    page.parent.mkdir(exist_ok=True)
    page.write_text(source_html)
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )


def render_groff(mom, pdf):
    result = subprocess.run(
        ["groff", "-k", "-mom", "-Tpdf"],
        input=mom.encode(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    pdf.write_bytes(result.stdout)


def scan(pdf, out):
    """The pages of `pdf` as grey images in a PDF, as a scanner makes them."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", "-png", pdf, f"{tmp}/page"], check=True
        )
        pages = sorted(pathlib.Path(tmp).glob("page*.png"))
        subprocess.run(["img2pdf", "-o", out, *pages], check=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for number, path, title, author in sources():
        text = path.read_text()
        render_chromium(to_html(text, title), OUT / f"{number}-chromium.pdf")
        render_groff(to_mom(text, title, author, 1), OUT / f"{number}-groff.pdf")
        if number == "003":
            render_groff(to_mom(text, title, author, 2), OUT / f"{number}-groff-2col.pdf")
        print(f"{number}: rendered", file=sys.stderr)
    scan(OUT / "000-chromium.pdf", OUT / "000-scanned.pdf")
    subprocess.run(
        ["qpdf", "--encrypt", "crux", "owner", "256", "--",
         OUT / "000-groff.pdf", OUT / "000-encrypted.pdf"],
        check=True,
    )


if __name__ == "__main__":
    main()
