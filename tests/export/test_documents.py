"""Articles taken out with their context: marked text with notes, Markdown with footnotes, an HTML page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from reader.cli import cli

ARTICLE = ("Lech Wałęsa led Solidarity in Poland.   \n"
           "# not a heading, *not emphasis*, <script>alert(1)</script> & [not a link](x)\n\n"
           "Later Poland joined NATO, and Wałęsa watched.\n")


@pytest.fixture
def export(tmp_path: Path, db_path: Path, context_dir: Path):
    """`export(fmt)`: what `reader annotate ARTICLE --format fmt` prints into a pipe."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def run(fmt: str) -> str:
        result = CliRunner().invoke(cli, ["annotate", str(path), "--format", fmt],
                                    env={"READER_DB": str(db_path), "READER_CONTEXT": str(context_dir)})
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def test_text_in_a_pipe_marks_each_mention_and_ends_with_notes(export) -> None:
    out = export("text")
    body, notes = out.split("\nNotes\n")
    assert body.startswith("[Lech Wałęsa]¹ led [Solidarity]² in [Poland]³.\n")
    assert "Later [Poland]³ joined [NATO]⁴, and [Wałęsa]¹ watched." in body
    assert body.count("\n") == ARTICLE.count("\n"), "the lines as read, none re-wrapped"
    assert not any(line != line.rstrip() for line in out.split("\n")), "no trailing spaces"
    assert "\x1b" not in out, "no colours in a pipe"
    assert "¹ Lech Wałęsa (person, born 29 September 1943)." in notes
    assert "Source: Lech Wałęsa (Wikipedia) <https://en.wikipedia.org/wiki/Lech_Wa%C5%82%C4%99sa>" in notes
    assert "Facts checked 25 November 2026." in notes and "Context: 9 entries from" in notes


def test_markdown_footnotes_each_first_mention_and_shows_the_text_as_written(export) -> None:
    out = export("markdown")
    rendered = MarkdownIt("commonmark").render(out)
    assert "<h1>" not in rendered and "<em>" not in rendered and "<script>" not in rendered
    assert "# not a heading, *not emphasis*, &lt;script&gt;alert(1)&lt;/script&gt; &amp; [not a link](x)" \
        in rendered
    assert rendered.count('<sup><a href="#context-1">1</a></sup>') == 1, "the first mention only"
    assert '<a id="context-4"></a><strong>NATO</strong> (organization, since 4 April 1949).' in rendered
    assert 'href="https://en.wikipedia.org/wiki/NATO"' in rendered and "Facts checked" in rendered


def test_the_html_page_is_standalone_escaped_and_carries_every_card(export) -> None:
    page = export("html")
    assert page.startswith("<!doctype html>") and "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!en\\.wikipedia|www\\.)""", page.split("<section")[0]), \
        "nothing in the page loads from the network"
    assert not re.search(r"<(link|img|iframe)\\b", page)
    for entry_id in ("lech-walesa", "solidarity", "poland", "nato"):
        assert page.count(f'id="c-{entry_id}"') == 1
    assert page.count('data-card="c-poland"') == 2
    assert "@media (prefers-color-scheme: dark)" in page and "@media print" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROBE = """<script>window.addEventListener("load", () => {
  const marks = document.querySelectorAll("a.m"), popup = document.getElementById("popup");
  const seen = [getComputedStyle(popup).display];
  marks[4].dispatchEvent(new MouseEvent("mouseenter"));
  seen.push(getComputedStyle(popup).display, popup.querySelector("h3").textContent);
  marks[4].dispatchEvent(new MouseEvent("mouseleave"));
  seen.push(getComputedStyle(popup).display);
  marks[0].click();
  marks[0].dispatchEvent(new MouseEvent("mouseleave"));
  seen.push(getComputedStyle(popup).display, popup.querySelector("h3").textContent);
  document.body.setAttribute("data-probe", JSON.stringify(seen));
});</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_in_a_real_browser_hovering_a_highlight_shows_its_card_and_a_click_pins_it(export, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(export("html") + PROBE, encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    probe = re.search(r'data-probe="([^"]*)"', dom)
    assert probe, dom[-500:]
    seen = json.loads(probe.group(1).replace("&quot;", '"'))
    assert seen == ["none", "block", "NATO", "none", "block", "Lech Wałęsa"]
