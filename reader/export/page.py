"""An article as one standalone HTML page: every mention highlighted, its card shown on hover or click.

Plain HTML and CSS with one small inline script and nothing loaded from the
network. Without the script each highlight is a link to its card in the
Context section at the end, which is also what a printout shows. Every piece
of text and every attribute is escaped; a source is a link only if it is a
plain http(s) URL.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from reader.export.notes import interleave
from reader.export.palette import known
from reader.export.safe import displayable, link_target, one_line
from reader.knowledge.card import Card
from reader.linking.mentions import Mention

_STYLE = """
:root { color-scheme: light dark; --page: #fdfdfb; --text: #1d1d1b; --muted: #5d5d58; --card: #ffffff;
  --line: #d8d8d2; --person: #1f5fa8; --organization: #8a5a00; --place: #1d7a3a; --event: #b02a2a;
  --work: #1d1d1b; --concept: #007b83; --period: #7a3f9d; }
@media (prefers-color-scheme: dark) {
  :root { --page: #151513; --text: #e6e6e1; --muted: #a3a39c; --card: #22221f; --line: #3b3b37;
    --person: #7fb2ef; --organization: #e2b45a; --place: #7fcf95; --event: #f08c8c; --work: #e6e6e1;
    --concept: #6fd3da; --period: #c79be3; } }
body { background: var(--page); color: var(--text); font: 18px/1.6 Georgia, "Times New Roman", serif; margin: 0; }
main { max-width: 40em; margin: 0 auto; padding: 2em 1.2em 4em; }
h1 { font-size: 1.6em; line-height: 1.25; }
.text p { white-space: pre-line; margin: 0 0 1em; }
.person { --c: var(--person); } .organization { --c: var(--organization); } .place { --c: var(--place); }
.event { --c: var(--event); } .work { --c: var(--work); font-style: italic; } .concept { --c: var(--concept); }
.period { --c: var(--period); }
a.m, h3[class] { color: var(--c, inherit); }
a.m { text-decoration: none; border-bottom: 2px solid currentColor; font-weight: 600; cursor: help; }
a.m:focus-visible { outline: 2px solid var(--concept); }
#context { border-top: 1px solid var(--line); margin-top: 3em; font-size: 0.9em; }
.card h3 { margin: 1.4em 0 0; font-size: 1.1em; } .card h4 { margin: 0.8em 0 0.2em; font-size: 0.95em; }
.card .meta, .card .checked, footer { color: var(--muted); font-size: 0.9em; margin: 0.2em 0; }
.card ul { margin: 0; padding-left: 1.2em; } .card .when { color: var(--muted); white-space: nowrap; }
#popup { position: absolute; z-index: 10; max-width: min(26em, 90vw); max-height: 60vh; overflow: auto;
  background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0 1em 0.8em;
  box-shadow: 0 4px 18px rgba(0, 0, 0, 0.25); font-size: 0.85em; line-height: 1.45; }
#popup[hidden] { display: none; }
@media print { #popup { display: none !important; } a.m { border-bottom: none; }
  body { background: #fff; color: #000; font-size: 12pt; } .card { break-inside: avoid; } }
"""

_SCRIPT = """
(() => {
  const popup = document.getElementById("popup");
  let pinned = null;
  const show = (mark) => {
    const card = document.getElementById(mark.dataset.card);
    if (!card) return;
    popup.innerHTML = card.innerHTML;
    popup.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    popup.style.top = `${window.scrollY + box.bottom + 6}px`;
    const right = window.scrollX + width - popup.offsetWidth - 8;
    popup.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, right))}px`;
  };
  const hide = () => { if (!pinned) popup.hidden = true; };
  for (const mark of document.querySelectorAll("a.m")) {
    mark.addEventListener("mouseenter", () => show(mark));
    mark.addEventListener("mouseleave", hide);
    mark.addEventListener("focus", () => show(mark));
    mark.addEventListener("blur", hide);
    mark.addEventListener("click", (event) => {
      event.preventDefault();
      if (pinned === mark) { pinned = null; popup.hidden = true; } else { pinned = mark; show(mark); }
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { pinned = null; popup.hidden = true; }
  });
  document.addEventListener("click", (event) => {
    if (pinned && !event.target.closest("a.m") && !popup.contains(event.target)) { pinned = null; popup.hidden = true; }
  });
})();
"""


def _e(text: str) -> str:
    return html.escape(displayable(text), quote=True)


def _body(text: str, mentions: Iterable[Mention], cards: dict[str, Card]) -> str:
    """The article's paragraphs, each entry's mention a link to its card."""
    def mark(m: Mention, written: str) -> str | None:
        card = cards.get(m.entry_id) if m.kind == "entry" else None
        if card is None:
            return None
        return (f'<a class="m {known(card.type)}" href="#c-{_e(card.id)}" data-card="c-{_e(card.id)}">'
                f"{_e(written)}</a>")

    paragraphs = interleave(text, mentions, _e, mark).strip("\n").split("\n\n")
    return "\n".join(f"<p>{p.strip(chr(10))}</p>" for p in paragraphs if p.strip())


def _card(card: Card, cards: dict[str, Card]) -> str:
    """One card as the pane shows it: name, type and dates, summary, roles, related, sources."""
    parts = [f'<article class="card" id="c-{_e(card.id)}">',
             f'<h3 class="{known(card.type)}">{_e(one_line(card.name))}</h3>',
             f'<p class="meta">{_e(one_line(card.type))}{" · " + _e(card.dates) if card.dates else ""}</p>',
             f"<p>{_e(card.summary)}</p>"]
    if card.roles:
        parts.append("<h4>Roles</h4><ul>" + "".join(
            f'<li>{_e(one_line(r.title))} <span class="when">{_e(r.when)}</span></li>' for r in card.roles)
            + "</ul>")
    if card.related:
        links = [f'<a href="#c-{_e(r.id)}">{_e(one_line(r.name))}</a>' if r.id in cards else _e(one_line(r.name))
                 for r in card.related]
        parts.append("<h4>Related</h4><ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>")
    if card.sources:
        parts.append("<h4>Sources</h4><ul>" + "".join(
            f'<li><a href="{_e(s.url)}" rel="noreferrer">{_e(one_line(s.title))}</a></li>' if link_target(s.url)
            else f"<li>{_e(one_line(s.title))} ({_e(one_line(s.shown))})</li>" for s in card.sources) + "</ul>")
    if card.reviewed:
        parts.append(f'<p class="checked">{_e(card.reviewed)}</p>')
    return "\n".join(parts) + "\n</article>"


def page(title: str, text: str, mentions: Iterable[Mention], cards: dict[str, Card], provenance: str) -> str:
    """The whole page: the article with its highlights, then every card, then where the context came from."""
    mentions = list(mentions)
    shown = dict.fromkeys(m.entry_id for m in mentions if m.kind == "entry" and m.entry_id in cards)
    context = "\n".join(_card(cards[entry_id], cards) for entry_id in shown)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reader">
<title>{_e(one_line(title))}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{_e(one_line(title))}</h1>
<div class="text">
{_body(text, mentions, cards)}
</div>
<section id="context">
<h2>Context</h2>
{context}
</section>
<footer><p>{_e(provenance)}</p></footer>
</main>
<div id="popup" role="dialog" aria-live="polite" hidden></div>
<script>{_SCRIPT}</script>
</body>
</html>
"""
