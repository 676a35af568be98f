"""Round trip: generated papers written in each supported layout come back with every field.

Titles carry markup and CJK, abstracts carry math, links and blank lines; values are compared as
visible text (the normaliser of test_reading_corpus), so markup may be kept or dropped by a layout.
"""

from __future__ import annotations

import datetime as dt
import html as html_module

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_reading_corpus import visible

from sphinx_arxivdigest import parse_digest

SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Learning", "graph", "Networks", "diffusion", "量子", "纠缠", "for", "Robust", "Vision", "models",
         "*Sparse*", "**Deep**", "`code`", "Transformers", "$O(n)$", "Agents"]
FIRST = ["Ada", "Alan", "Grace", "Björn", "Li", "Wei", "Marie", "José", "Chen"]
LAST = ["Lovelace", "Turing", "Hopper", "Nöttgen", "Zhang", "Curie", "García", "Wang", "Smith"]
SENTENCES = ["We study $x^2 + y_1$ bounds.", "Results improve by 20% on [the benchmark](https://example.org/b).",
             "本文提出了一种新方法。", "Code is at https://github.com/a/b today.", "Experiments confirm it.",
             "A $\\mathcal{O}(n \\log n)$ algorithm follows."]


@st.composite
def papers(draw, count: int | None = None) -> list[dict]:
    number = count or draw(st.integers(1, 4))
    out = []
    for k in range(number):
        title_words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
        title = "Paper " + " ".join(title_words)
        authors = [f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
                   for _ in range(draw(st.integers(1, 4)))]
        paragraphs = [" ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
                      for _ in range(draw(st.integers(1, 3)))]
        date = draw(st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)))
        out.append({"id": f"25{k % 12 + 1:02d}.{10000 + k:05d}", "title": title, "authors": authors,
                    "abstract": paragraphs, "date": date})
    return out


def pipe_table(items: list[dict]) -> str:
    rows = ["| Title | Authors | PDF | Abstract | Date |", "|---|---|---|---|---|"]
    for p in items:
        abstract = "\n\n".join(p["abstract"])
        rows.append(f"| {p['title']} | {', '.join(p['authors'])} | [PDF](https://arxiv.org/pdf/{p['id']}) | "
                    f"{abstract} | {p['date'].isoformat()} |")
    return "# Digest\n\n" + "\n".join(rows) + "\n"


def headerless_table(items: list[dict]) -> str:
    rows = [f"| {p['date'].isoformat()} | {p['title']} | {', '.join(p['authors'])} | "
            f"[{p['id']}](https://arxiv.org/abs/{p['id']}) | {' '.join(p['abstract'])} |" for p in items]
    return "# Digest\n\n" + "\n".join(rows) + "\n"


def headings(items: list[dict]) -> str:
    parts = ["# Digest", ""]
    for number, p in enumerate(items, 1):
        parts += [f"## {number}. {p['title']}", "", f"**Authors:** {', '.join(p['authors'])}",
                  f"**arXiv:** [{p['id']}](https://arxiv.org/abs/{p['id']})", f"**Date:** {p['date'].isoformat()}",
                  "", "**Abstract:** " + "\n\n".join(p["abstract"]), "", "---", ""]
    return "\n".join(parts)


def list_items(items: list[dict]) -> str:
    parts = ["# Digest", "", "## Topic", ""]
    for p in items:
        parts += [f"- **{p['title']}**", f"  - Authors: {', '.join(p['authors'])}",
                  f"  - Published: {p['date'].isoformat()}", f"  - Links: [arXiv](https://arxiv.org/abs/{p['id']})",
                  f"  - Abstract: {' '.join(p['abstract'])}"]
    return "\n".join(parts) + "\n"


def blockquotes(items: list[dict]) -> str:
    parts = ["# Digest", ""]
    for p in items:
        abstract = "\n>\n".join(f"> {para}" for para in p["abstract"])
        parts += [f"> **{p['title']}**", ">", f"> **Authors**: {', '.join(p['authors'])}",
                  f"> **Link**: https://arxiv.org/abs/{p['id']}", f"> **Date**: {p['date'].isoformat()}",
                  "> **Abstract**:", abstract, ""]
    return "\n".join(parts)


def html_table(items: list[dict]) -> str:
    rows = ["<table>", "<tr><th>Date</th><th>Title</th><th>Authors</th><th>arXiv</th><th>Abstract</th></tr>"]
    for p in items:
        rows.append(f"<tr><td>{p['date'].isoformat()}</td><td>{html_module.escape(visible(p['title']))}</td>"
                    f"<td>{html_module.escape(', '.join(p['authors']))}</td>"
                    f"<td><a href=\"https://arxiv.org/abs/{p['id']}\">{p['id']}</a></td>"
                    f"<td>{html_module.escape(visible(' '.join(p['abstract'])))}</td></tr>")
    return "# Digest\n\n" + "\n".join(rows) + "\n</table>\n"


def details(items: list[dict]) -> str:
    parts = ["# Digest", ""]
    for p in items:
        parts += [f"### [{p['title']}](https://arxiv.org/abs/{p['id']})", ", ".join(p["authors"]),
                  f"_{p['date'].isoformat()}_", "", "<details><summary>Abstract</summary>", "",
                  "\n\n".join(p["abstract"]), "", "</details>", ""]
    return "\n".join(parts)


LAYOUTS = {"pipe table": pipe_table, "pipe table without header": headerless_table,
           "heading sections": headings, "list items": list_items, "blockquotes": blockquotes,
           "HTML table": html_table, "details": details}


def _check(layout: str, items: list[dict]) -> None:
    text = LAYOUTS[layout](items)
    digest = parse_digest(text)
    assert [p.arxiv_id for p in digest.papers] == [p["id"] for p in items], (text, digest.problems)
    assert digest.problems == [], digest.problems
    for paper, want in zip(digest.papers, items):
        assert visible(paper.title) == visible(want["title"]), text
        assert [visible(a) for a in paper.authors] == want["authors"]
        assert visible(paper.abstract) == visible(" ".join(want["abstract"])), text
        assert paper.date == want["date"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@SETTINGS
@given(items=papers())
def test_layout_round_trip(layout: str, items: list[dict]) -> None:
    _check(layout, items)


# --- the fast list scanner against markdown-it ------------------------------------------------------

from sphinx_arxivdigest.reading import structure  # noqa: E402

_LIST_LINES = st.sampled_from([
    "- **Title** [arXiv](https://arxiv.org/abs/2501.00001)", "* item", "+ item", "1. item", "2) item", "10. item",
    "  - nested", "    - deeper", "   - three spaces", "  continuation", "    indented text", "lazy text",
    "", "", "---", "<details>", "  <details><summary>Abstract</summary>", "**bold** line", "  1. nested number",
])


def _items(units: list) -> set[tuple[int, int, int]]:
    return {(u.start, u.end, u.level) for u in units if u.kind == "item"}


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_LIST_LINES, min_size=1, max_size=14))
def test_list_scanner_agrees_with_markdown_it(lines: list[str]) -> None:
    """Where the fast list scanner accepts a stretch, its items are markdown-it's."""
    skip = [False] * len(lines)
    fast: list = []
    if not structure._simple_lists(lines, skip, 0, len(lines), fast):
        return  # HTML, fences, quotes, indented code: the scanner declines and markdown-it reads them
    slow: list = []
    structure._parse(lines, skip, 0, len(lines), slow)

    def trimmed(items):  # markdown-it counts blank lines after an item's last line in the item
        out = set()
        for start, end, level in items:
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            out.add((start, end, level))
        return out

    assert trimmed(_items(fast)) == trimmed(_items(slow)), lines
