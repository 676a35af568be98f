"""Problems in digests become located Sphinx warnings; the rest of the digest still renders."""

from __future__ import annotations

import pytest
from sphinx.errors import SphinxWarning

pytestmark = pytest.mark.sphinx

HEAD = "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n"
GOOD_ROW = "| Good paper | Alice | [PDF](https://arxiv.org/pdf/2512.11111v1) | Fine. |\n"
GOOD = HEAD + GOOD_ROW
PAGE = "Papers\n======\n\n.. arxiv-digest:: {}\n"
DIRECTIVE_LINE = 4  # of PAGE


def arxiv_warnings(project, app) -> list:
    return [w for w in project.warning_records(app) if (w.type or "").startswith("arxivdigest")]


def single_warning(project, app):
    found = arxiv_warnings(project, app)
    assert len(found) == 1, project.warnings(app)
    return found[0]


def assert_at_digest(
    project, warning, digest: str, line: int, page: str = "index.rst", page_line: int = DIRECTIVE_LINE
):
    """The warning is located at ``digest:line`` and names the including page and directive line."""
    assert warning.level == "WARNING"
    assert project.same_file(warning.location, project.srcdir / digest), warning.raw
    assert warning.line == line, warning.raw
    included = warning.included_from
    assert included is not None, warning.raw
    assert included[0].replace("\\", "/").endswith(page), warning.raw
    assert included[1] == page_line, warning.raw


def assert_at_page(project, warning, page: str = "index.rst", line: int = DIRECTIVE_LINE):
    assert warning.level == "WARNING"
    assert project.same_file(warning.location, project.srcdir / page), warning.raw
    assert warning.line == line, warning.raw


# --- one case each ----------------------------------------------------------------------------------


def test_missing_file_is_located_at_the_page(project):
    page = PAGE.format("digests/missing.md") + "\n.. arxiv-digest:: digests/good.md\n"
    app = project.build({"index.rst": page, "digests/good.md": GOOD})
    warning = single_warning(project, app)
    assert "digest file not found" in warning.message
    assert "missing.md" in warning.message
    assert_at_page(project, warning)
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_missing_file_in_myst_page(project):
    page = "# Papers\n\nText.\n\n```{arxiv-digest} digests/missing.md\n```\n"
    app = project.build({"index.md": page}, myst=True)
    warning = single_warning(project, app)
    assert "digest file not found" in warning.message
    assert_at_page(project, warning, page="index.md", line=project.line_of(page, "{arxiv-digest}"))


def test_not_utf8(project):
    data = b"# arxiv 2025-12-22\n\n| \xff broken |\n"
    page = PAGE.format("digests/bad.md") + "\n.. arxiv-digest:: digests/good.md\n"
    app = project.build({"index.rst": page, "digests/bad.md": data, "digests/good.md": GOOD})
    warning = single_warning(project, app)
    assert "not valid UTF-8" in warning.message
    assert_at_digest(project, warning, "digests/bad.md", 3)
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_no_paper_table(project):
    digest = "# arxiv 2025-12-22\n\nNothing to see here today.\n"
    app = project.build({"index.rst": PAGE.format("digests/empty.md"), "digests/empty.md": digest})
    warning = single_warning(project, app)
    assert "no paper table or paper entries found" in warning.message
    assert_at_digest(project, warning, "digests/empty.md", 1)
    assert project.cards(project.html(app)) == []


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("| Short row paper | Bob | [PDF](https://arxiv.org/pdf/2512.22222v1) |\n", 3),
        ("| Long row paper | Bob | [PDF](https://arxiv.org/pdf/2512.22222v1) | Abstract. | extra |\n", 5),
    ],
)
def test_row_with_wrong_cell_count(project, row, cells):
    digest = HEAD + GOOD_ROW + row + "| Last paper | Carol | [PDF](https://arxiv.org/pdf/2512.33333v1) | End. |\n"
    app = project.build({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": digest})
    warning = single_warning(project, app)
    assert f"table row has {cells} cells, the header has 4" in warning.message
    assert_at_digest(project, warning, "digests/a.md", project.line_of(digest, "2512.22222"))
    soup = project.html(app)
    # The faulty row still has an id and a title, so it is rendered; its neighbours too.
    assert project.card_ids(soup) == ["arxiv-2512-11111", "arxiv-2512-22222", "arxiv-2512-33333"]
    assert project.card_titles(soup)[1] in {"Short row paper", "Long row paper"}


def test_multiline_row_with_wrong_cell_count_is_located_at_its_first_line(project):
    digest = HEAD + GOOD_ROW + (
        "| Spread paper | Bob | [PDF](https://arxiv.org/pdf/2512.22222v1) | First part.\n"
        "\n"
        "Second part. | surplus |\n"
    )
    app = project.build({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": digest})
    warning = single_warning(project, app)
    assert "table row has 5 cells, the header has 4" in warning.message
    assert_at_digest(project, warning, "digests/a.md", project.line_of(digest, "Spread paper"))
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111", "arxiv-2512-22222"]


def test_row_without_link(project):
    digest = HEAD + GOOD_ROW + "| Linkless paper | Bob | no link here | Abstract. |\n" + (
        "| Last paper | Carol | [PDF](https://arxiv.org/pdf/2512.33333v1) | End. |\n"
    )
    app = project.build({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": digest})
    warning = single_warning(project, app)
    assert "row has no arXiv id or arxiv.org link" in warning.message
    assert_at_digest(project, warning, "digests/a.md", project.line_of(digest, "Linkless paper"))
    soup = project.html(app)
    assert project.card_ids(soup) == ["arxiv-2512-11111", "arxiv-2512-33333"]
    assert "Linkless paper" not in soup.get_text()


def test_glob_matching_nothing(project):
    page = PAGE.format("digests/nothing-*.md") + "\n.. arxiv-digest:: digests/good.md\n"
    app = project.build({"index.rst": page, "digests/good.md": GOOD})
    warning = single_warning(project, app)
    assert "matches no file" in warning.message
    assert "nothing-*.md" in warning.message
    assert_at_page(project, warning)
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_problem_in_second_globbed_file_is_located_there(project):
    bad = HEAD + "| Linkless paper | Bob | no link | Abstract. |\n"
    files = {
        "index.rst": PAGE.format("digests/*.md"),
        "digests/a.md": GOOD,
        "digests/b.md": bad,
    }
    app = project.build(files)
    warning = single_warning(project, app)
    assert "row has no arXiv id or arxiv.org link" in warning.message
    assert_at_digest(project, warning, "digests/b.md", project.line_of(bad, "Linkless paper"))
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_warning_names_the_page_in_a_subfolder(project):
    digest = HEAD + GOOD_ROW + "| Short row paper | Bob | [PDF](https://arxiv.org/pdf/2512.22222v1) |\n"
    sub = "Sub\n===\n\nSome text.\n\n.. arxiv-digest:: ../digests/a.md\n"
    files = {
        "index.rst": "Home\n====\n\n.. toctree::\n\n   sub/page\n",
        "sub/page.rst": sub,
        "digests/a.md": digest,
    }
    app = project.build(files)
    warning = single_warning(project, app)
    assert "table row has 3 cells, the header has 4" in warning.message
    directive_line = project.line_of(sub, "arxiv-digest")
    row_line = project.line_of(digest, "Short row")
    assert_at_digest(project, warning, "digests/a.md", row_line, page="sub/page.rst", page_line=directive_line)


def test_myst_page_line_in_digest_warning(project):
    digest = HEAD + "| Linkless paper | Bob | no link | Abstract. |\n"
    page = "# Papers\n\nIntro.\n\nMore intro.\n\n```{arxiv-digest} digests/a.md\n:abstract: full\n```\n"
    app = project.build({"index.md": page, "digests/a.md": digest}, myst=True)
    warning = single_warning(project, app)
    assert "row has no arXiv id or arxiv.org link" in warning.message
    directive_line = project.line_of(page, "{arxiv-digest}")
    assert directive_line == 7
    row_line = project.line_of(digest, "Linkless")
    assert_at_digest(project, warning, "digests/a.md", row_line, page="index.md", page_line=directive_line)


def test_warning_type_and_subtype_suffix(project):
    digest = HEAD + "| Linkless paper | Bob | no link | Abstract. |\n"
    app = project.build({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": digest})
    warning = single_warning(project, app)
    assert warning.raw.rstrip().endswith(f"[{warning.type}]")
    assert warning.type.startswith("arxivdigest.") and len(warning.type) > len("arxivdigest.")


# --- -W and suppress_warnings -----------------------------------------------------------------------

BAD_DIGEST = HEAD + GOOD_ROW + "| Linkless paper | Bob | no link | Abstract. |\n"


def test_warnings_as_errors_fail_the_build(project):
    project.write({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": BAD_DIGEST})
    app = project.build(warningiserror=True)
    assert app.statuscode != 0
    assert arxiv_warnings(project, app)


def test_warnings_as_errors_pass_with_a_clean_digest(project):
    project.write({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": GOOD})
    app = project.build(warningiserror=True)
    assert app.statuscode == 0
    assert project.warnings(app).strip() == ""
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_exception_on_warning_raises(project):
    project.write({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": BAD_DIGEST})
    app = project.app(warningiserror=True, exception_on_warning=True)
    with pytest.raises(SphinxWarning, match="row has no arXiv id"):
        app.build()


def test_suppress_warnings(project):
    conf = (
        'extensions = ["sphinx_arxivdigest"]\nsource_suffix = {".rst": "restructuredtext"}\n'
        'exclude_patterns = ["_build", "digests"]\nsuppress_warnings = ["arxivdigest"]\n'
    )
    page = PAGE.format("digests/a.md") + "\n.. arxiv-digest:: digests/missing.md digests/none-*.md\n"
    app = project.build({"conf.py": conf, "index.rst": page, "digests/a.md": BAD_DIGEST}, warningiserror=True)
    assert "arxivdigest" not in project.warnings(app)
    assert project.warnings(app).strip() == ""
    assert app.statuscode == 0
    assert project.card_ids(project.html(app)) == ["arxiv-2512-11111"]


def test_same_digest_without_suppression_warns(project):
    """Control for test_suppress_warnings: the same project warns three times without the setting."""
    page = PAGE.format("digests/a.md") + "\n.. arxiv-digest:: digests/missing.md digests/none-*.md\n"
    app = project.build({"index.rst": page, "digests/a.md": BAD_DIGEST})
    messages = [w.message for w in arxiv_warnings(project, app)]
    assert len(messages) == 3
    assert any("row has no arXiv id" in m for m in messages)
    assert any("digest file not found" in m for m in messages)
    assert any("matches no file" in m for m in messages)


# --- invalid option values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("columns", "5"), ("columns", "0"), ("columns", "two"), ("sort", "author"), ("abstract", "short"),
     ("limit", "-1")],
)
def test_invalid_option_value_rst(project, option, value):
    page = PAGE.format("digests/a.md") + f"   :{option}: {value}\n"
    app = project.build({"index.rst": page, "digests/a.md": GOOD})
    text = project.warnings(app)
    assert "Traceback" not in text
    records = [w for w in project.warning_records(app) if w.level in ("WARNING", "ERROR")]
    assert records, text
    assert any(project.same_file(w.location, project.srcdir / "index.rst") for w in records), text
    assert option in text and "arxiv-digest" in text


@pytest.mark.parametrize(("option", "value"), [("columns", "5"), ("sort", "-author"), ("abstract", "brief")])
def test_invalid_option_value_myst(project, option, value):
    page = f"# Papers\n\n```{{arxiv-digest}} digests/a.md\n:{option}: {value}\n```\n"
    app = project.build({"index.md": page, "digests/a.md": GOOD}, myst=True)
    text = project.warnings(app)
    assert "Traceback" not in text
    records = [w for w in project.warning_records(app) if w.level in ("WARNING", "ERROR")]
    assert any(project.same_file(w.location, project.srcdir / "index.md") for w in records), text
    assert option in text and "arxiv-digest" in text
