"""Other builders (text, LaTeX, EPUB) and incremental rebuilds after a digest is edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.sphinx

HEAD = "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n"
DIGEST = HEAD + (
    "| Semantic encoders for generation | Alice Smith, Bob Jones | [PDF](https://arxiv.org/pdf/2512.17909v1) "
    "| Encoders with `code`, *emphasis*, $x^2$ and [a link](https://example.org/l).\n"
    "\n"
    "A second paragraph. |\n"
    "| Depth anything again | Carol White | [PDF](https://arxiv.org/pdf/2512.17908v2) | Depth by relighting. |\n"
)
TITLES = ["Semantic encoders for generation", "Depth anything again"]
AUTHORS = ["Alice Smith", "Bob Jones", "Carol White"]

RST_PAGE = "Papers\n======\n\n.. arxiv-digest:: digests/a.md\n"
MYST_PAGE = "# Papers\n\n```{arxiv-digest} digests/a.md\n```\n"


def page_files(markup: str) -> tuple[dict[str, str], bool]:
    if markup == "rst":
        return {"index.rst": RST_PAGE, "digests/a.md": DIGEST}, False
    return {"index.md": MYST_PAGE, "digests/a.md": DIGEST}, True


# --- incremental rebuild ----------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "myst"])
def test_edited_digest_rebuilds_the_page(project, markup):
    files, myst = page_files(markup)
    first = project.build(files, myst=myst)
    assert project.card_titles(project.html(first))[0] == "Semantic encoders for generation"

    digest = project.srcdir / "digests" / "a.md"
    digest.write_text(DIGEST.replace("Semantic encoders for generation", "Renamed after an edit"), encoding="utf-8")
    stat = digest.stat()
    os.utime(digest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    second = project.build(freshenv=False)
    assert second is not first
    soup = project.html(second)
    assert project.card_titles(soup) == ["Renamed after an edit", "Depth anything again"]
    assert "Semantic encoders for generation" not in soup.get_text()


def test_unchanged_digest_keeps_the_page(project):
    """Control: without an edit, a second build with the same environment shows the same cards."""
    files, _ = page_files("rst")
    project.build(files)
    second = project.build(freshenv=False)
    assert project.card_titles(project.html(second)) == TITLES


def test_new_digest_error_after_edit_is_reported(project):
    files, _ = page_files("rst")
    first = project.build(files)
    assert "arxivdigest" not in project.warnings(first)

    digest = project.srcdir / "digests" / "a.md"
    digest.write_text(DIGEST + "| Linkless | Bob | no link | Text. |\n", encoding="utf-8")
    stat = digest.stat()
    os.utime(digest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    second = project.build(freshenv=False)
    assert "row has no arXiv id or arxiv.org link" in project.warnings(second)
    assert project.card_titles(project.html(second)) == TITLES


# --- text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "myst"])
def test_text_builder(project, markup):
    files, myst = page_files(markup)
    app = project.build(files, "text", myst=myst)
    assert "arxivdigest" not in project.warnings(app)
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    for title in TITLES:
        assert title in text
    for author in AUTHORS:
        assert author in text
    assert "PDF" in text
    assert text.index(TITLES[0]) < text.index(TITLES[1])


# --- LaTeX -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "myst"])
@pytest.mark.parametrize("abstract", ["collapsed", "full", "none"])
def test_latex_builder(project, markup, abstract):
    files, myst = page_files(markup)
    project.write(files, myst=myst)
    app = project.build(buildername="latex", confoverrides={"arxivdigest_abstract": abstract})
    assert app.statuscode == 0
    assert project.warnings(app).strip() == ""
    tex_files = list(Path(app.outdir).glob("*.tex"))
    assert tex_files
    tex = "\n".join(path.read_text(encoding="utf-8") for path in tex_files)
    for title in TITLES:
        assert title in tex
    assert "Alice Smith" in tex
    if abstract == "none":
        assert "Depth by relighting" not in tex
    else:
        assert "Depth by relighting" in tex


# --- EPUB ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["rst", "myst"])
def test_epub_builder(project, markup):
    files, myst = page_files(markup)
    project.write(files, myst=myst)
    app = project.build(buildername="epub", confoverrides={"author": "Tester", "copyright": "2025, Tester"})
    assert app.statuscode == 0
    warnings = project.warnings(app)
    assert "arxivdigest" not in warnings
    assert "ERROR" not in warnings and "Traceback" not in warnings
    outdir = Path(app.outdir)
    assert list(outdir.glob("*.epub"))
    xhtml = (outdir / "index.xhtml").read_text(encoding="utf-8")
    for title in TITLES:
        assert title in xhtml
    assert 'id="arxiv-2512-17909"' in xhtml
