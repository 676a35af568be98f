"""The hover preview's build side: marked links and each page's JSON of the papers it references.

Real Sphinx projects (rST and MyST) are built and their HTML read: every reference to a paper (a
role, an ``arxiv-index`` row, an "also listed on" link) carries ``data-arxiv-id``; each page that has
such links carries one ``<script type="application/json" class="arxiv-preview-data">`` with exactly
those papers, and loads ``arxivdigest-preview.js``; other pages and other builders get neither.
The browser side is in ``test_browser_preview.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_arxivdigest import Paper
from sphinx_arxivdigest.formats.preview import PREVIEW_ABSTRACT_CHARS, paper_preview, preview_json
from sphinx_arxivdigest.markdown import text_start

from harness import MYST_CONF, Project, page, touch_later

pytestmark = pytest.mark.sphinx

LONG_ABSTRACT = (
    "We study **diffusion** models with [a link](https://example.org/x) and `code` and $x^2$ math. "
    + " ".join(f"word{i}" for i in range(120))
)

DIGEST = (
    "# arxiv 2025-12-22\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    f"| Title A | Alice, Bob | [PDF](https://arxiv.org/pdf/2512.17909v1) | {LONG_ABSTRACT} |\n"
    "| Title B | Carol | [PDF](https://arxiv.org/pdf/2512.17908v1) | abs B |\n"
    "| Title C | Dan | [PDF](https://arxiv.org/pdf/2512.17907v1) | abs C |\n"
)

#: The same paper listed a day later, with a paper of its own.
DIGEST_LATER = (
    "# arxiv 2025-12-23\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Title B | Carol | [PDF](https://arxiv.org/pdf/2512.17908v1) | abs B |\n"
    "| Title D | Eve | [PDF](https://arxiv.org/pdf/2512.17906v1) | abs D |\n"
)

#: A paper listed nowhere else: its page has cards but no reference.
DIGEST_SOLO = DIGEST_LATER.replace("2025-12-23", "2025-12-24").split("| Title B")[0] + (
    "| Title E | Fay | [PDF](https://arxiv.org/pdf/2512.17905v1) | abs E |\n"
)

RST_PAGES = {
    "digests/a.md": DIGEST,
    "digests/solo.md": DIGEST_SOLO,
    "digests/later.md": DIGEST_LATER,
    "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs", "later", "plain"]),
    "later.rst": page("Later", ".. arxiv-digest:: digests/later.md\n"),
    "refs.rst": page(
        "Refs",
        "Short :arxiv:`2512.17909`, long :arxiv:paper:`2512.17909v1`, explicit :arxiv:`the B one <2512.17908>`,"
        " unknown :arxiv:`1409.0473`.\n\n.. arxiv-index::\n   :filter: diffusion\n",
    ),
    "plain.rst": page("Plain", "No reference here.\n\n.. arxiv-digest:: digests/solo.md\n"),
}

MYST_PAGES = {
    "digests/a.md": DIGEST,
    "digests/solo.md": DIGEST_SOLO,
    "digests/later.md": DIGEST_LATER,
    "index.md": "# Home\n\n```{toctree}\n:hidden:\n\nrefs\nlater\nplain\n```\n\n```{arxiv-digest} digests/a.md\n```\n",
    "later.md": "# Later\n\n```{arxiv-digest} digests/later.md\n```\n",
    "refs.md": (
        "# Refs\n\nShort {arxiv}`2512.17909`, long {arxiv:paper}`2512.17909v1`, explicit "
        "{arxiv}`the B one <2512.17908>`, unknown {arxiv}`1409.0473`.\n\n"
        "```{arxiv-index}\n:filter: diffusion\n```\n"
    ),
    "plain.md": "# Plain\n\nNo reference here.\n\n```{arxiv-digest} digests/solo.md\n```\n",
}


def preview_data(soup) -> dict | None:
    """The page's preview JSON (None when it has none); a page holds at most one data element."""
    found = soup.select("script.arxiv-preview-data")
    assert len(found) <= 1
    if not found:
        return None
    assert found[0].get("type") == "application/json"
    return json.loads(found[0].string)


def loads_preview_script(soup) -> bool:
    return any((script.get("src") or "").split("?")[0].endswith("_static/arxivdigest-preview.js")
               for script in soup.select("script"))


def marked(soup) -> list[tuple[str, str]]:
    return [(a["data-arxiv-id"], a["href"]) for a in soup.select("a[data-arxiv-id]")]


@pytest.mark.parametrize("myst", [False, True], ids=["rst", "myst"])
def test_references_carry_their_papers(project: Project, myst: bool) -> None:
    if myst:
        project.write({"conf.py": MYST_CONF})
    app = project.build(MYST_PAGES if myst else RST_PAGES, myst=myst)
    assert project.warnings(app) == ""
    refs = project.html(app, "refs")
    # The roles (short, long, explicit) and the index row; the unknown id stays a plain arXiv link.
    assert marked(refs) == [
        ("2512.17909", "index.html#arxiv-2512-17909"),
        ("2512.17909", "index.html#arxiv-2512-17909"),
        ("2512.17908", "index.html#arxiv-2512-17908"),
        ("2512.17909", "index.html#arxiv-2512-17909"),
    ]
    external = refs.select_one('a[href="https://arxiv.org/abs/1409.0473"]')
    assert external is not None and not external.has_attr("data-arxiv-id")
    data = preview_data(refs)
    assert data is not None and list(data) == ["2512.17909", "2512.17908"]  # referenced ones only
    assert data["2512.17908"] == {"t": "Title B", "a": "Carol", "d": "2025-12-22", "x": "abs B"}
    first = data["2512.17909"]
    assert (first["t"], first["a"], first["d"]) == ("Title A", "Alice, Bob", "2025-12-22")
    # Plain text (markdown gone, link text kept, math as $...$), cut at a word, marked as cut.
    assert first["x"].startswith("We study diffusion models with a link and code and $x^2$ math. word0 word1")
    assert first["x"].endswith("…") and len(first["x"]) <= PREVIEW_ABSTRACT_CHARS + 1
    assert first["x"][:-1].split()[-1].startswith("word") and LONG_ABSTRACT.count(first["x"][:-1].split()[-1] + " ")
    assert "**" not in first["x"] and "https://" not in first["x"]
    assert loads_preview_script(refs)

    # A page of cards without references: no data, no preview script (and no marked link).
    plain = project.html(app, "plain")
    assert project.card_ids(plain) == ["arxiv-2512-17905"]
    assert preview_data(plain) is None and not loads_preview_script(plain) and marked(plain) == []
    assert (Path(app.outdir) / "_static" / "arxivdigest-preview.js").is_file()


def test_also_listed_links_preview_the_paper_of_their_card(project: Project) -> None:
    app = project.build(RST_PAGES)
    later = project.html(app, "later")
    also = later.select("#arxiv-2512-17908 .arxiv-also-listed a")
    assert [(a["data-arxiv-id"], a["href"]) for a in also] == [("2512.17908", "index.html#arxiv-2512-17908")]
    assert preview_data(later) == {"2512.17908": {"t": "Title B", "a": "Carol", "d": "2025-12-23", "x": "abs B"}}
    index = project.html(app, "index")
    assert marked(index) == [("2512.17908", "later.html#arxiv-2512-17908")]
    assert list(preview_data(index)) == ["2512.17908"]


HOSTILE_TITLE = "Evil </script><script>window.__pwned=1</script> & <!-- <b>bold</b> ]]>"


def test_hostile_text_cannot_leave_the_data_element(project: Project) -> None:
    digest = (
        "# arxiv 2025-12-22\n\n| Title | arXiv ID | Authors | Abstract |\n|---|---|---|---|\n"
        f"| {HOSTILE_TITLE} | 2501.00001 | </script>Mallory | <img src=x onerror=alert(1)> </SCRIPT > text |\n"
    )
    app = project.build({
        "digests/h.md": digest,
        "index.rst": page("Home", ".. arxiv-digest:: digests/h.md\n\nSee :arxiv:`2501.00001`.\n"),
    })
    raw = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    element = raw[raw.index('<script type="application/json"'):]
    body = element[element.index(">") + 1:element.index("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)
    assert data["2501.00001"]["t"] == HOSTILE_TITLE
    assert data["2501.00001"]["a"] == "</script>Mallory"
    assert data["2501.00001"]["x"] == "<img src=x onerror=alert(1)> </SCRIPT > text"
    soup = project.html(app)
    assert soup.select("script.arxiv-preview-data")[0].string == body  # the element was not cut short


def test_preview_json_escapes_markup() -> None:
    text = preview_json({"1": {"t": "</script><!--&"}})
    assert text == '{"1":{"t":"\\u003c/script\\u003e\\u003c!--\\u0026"}}'
    assert json.loads(text) == {"1": {"t": "</script><!--&"}}


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_html_builders_preview_too(project: Project, builder: str) -> None:
    app = project.build(RST_PAGES, builder)
    out = Path(app.outdir)
    soup = project.html(app, "refs/index" if builder == "dirhtml" else "index")
    data = preview_data(soup)
    assert data is not None and {"2512.17909", "2512.17908"} <= set(data)
    assert marked(soup) and loads_preview_script(soup)
    assert (out / "_static" / "arxivdigest-preview.js").is_file()


@pytest.mark.parametrize("builder", ["text", "latex", "pseudoxml", "epub"])
def test_non_html_builders_are_unaffected(project: Project, builder: str) -> None:
    app = project.build(RST_PAGES, builder)
    written = "\n".join(path.read_text(encoding="utf-8", errors="replace")
                        for path in Path(app.outdir).rglob("*") if path.suffix in (".txt", ".tex", ".pseudoxml", ".xhtml"))
    assert written
    for needle in ("arxiv-preview", "data-arxiv-id", "arxiv_paper_link", "arxiv_preview_data"):
        assert needle not in written, (builder, needle)


def test_hover_preview_can_be_turned_off(project: Project) -> None:
    project.write(RST_PAGES)
    conf = project.srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "arxivdigest_hover_preview = False\n", encoding="utf-8")
    app = project.build()
    refs = project.html(app, "refs")
    assert preview_data(refs) is None and marked(refs) == [] and not loads_preview_script(refs)
    assert refs.select_one('a[href="index.html#arxiv-2512-17909"]') is not None


def test_incremental_build_rewrites_a_stale_preview(project: Project) -> None:
    # The referring page holds only a role (a page with arxiv-index is read again on every change).
    project.build({
        "digests/a.md": DIGEST,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs"]),
        "refs.rst": page("Refs", "See :arxiv:`2512.17908`.\n"),
    })
    digest = project.srcdir / "digests" / "a.md"
    digest.write_text(DIGEST.replace("| Carol |", "| Carol, Zoe |").replace("abs B", "new abs B"), encoding="utf-8")
    touch_later(digest)
    app = project.build(freshenv=False)
    assert preview_data(project.html(app, "refs"))["2512.17908"]["x"] == "new abs B"
    assert preview_data(project.html(app, "refs"))["2512.17908"]["a"] == "Carol, Zoe"


def test_parallel_build_writes_the_same_previews(project: Project, tmp_path: Path) -> None:
    files = dict(RST_PAGES)
    files["index.rst"] = page("Home", ".. arxiv-digest:: digests/a.md\n",
                              toctree=["refs", "later", "plain", *(f"r{i}" for i in range(6))])
    files.update({f"r{i}.rst": page(f"R{i}", f"Ref :arxiv:`2512.1790{7 + i % 3}`.\n") for i in range(6)})
    serial = project.build(files, builddir=tmp_path / "serial")
    parallel = project.build(builddir=tmp_path / "parallel", parallel=2)
    for name in ("refs", "later", *(f"r{i}" for i in range(6))):
        assert preview_data(project.html(parallel, name)) == preview_data(project.html(serial, name)), name
        assert preview_data(project.html(serial, name)), name


def test_preview_of_a_paper_is_plain_text_cut_to_a_few_lines() -> None:
    paper = Paper("2501.00001", "A *title* with $x$", authors=["Ann", "Bo"], authors_truncated=True,
                  abstract="Short **bold** abstract.")
    assert paper_preview(paper) == {"t": "A title with $x$", "a": "Ann, Bo et al.", "x": "Short bold abstract."}
    assert paper_preview(paper, {"et al.": "等"}.get)["a"] == "Ann, Bo 等"
    untitled = paper_preview(Paper("2501.00002", ""))
    assert untitled == {"t": "2501.00002"}  # the card's own fallback: the id


def test_wide_characters_count_twice_and_cut_anywhere() -> None:
    chinese = "神经量子态 " + "利用神经网络表示量子多体系统的波函数" * 30
    cut = paper_preview(Paper("2501.00001", "T", abstract=chinese))["x"]
    assert cut.endswith("…") and 140 <= len(cut) <= PREVIEW_ABSTRACT_CHARS // 2 + 1, len(cut)
    # A space early in the text is not where a long text is cut back to.
    assert len(text_start("ab " + "x" * 400, 300, "…")) == 301
    assert text_start("word " * 100, 300) == ("word " * 60).strip()
