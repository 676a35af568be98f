"""Hostile and broken digests in real Sphinx builds: no crash, located warnings, escaped output.

Also the limits (size, non-regular files, paths outside the source directory, large globs) and the
build modes (``-W``, ``-j 2``, ``-E``, incremental rebuilds) with digests that change under them.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_reading_fuzz import (  # the generator of the parser properties (tests/ is on sys.path)
    Case,
    digests,
)

from sphinx_arxivdigest import anchor_for, parse_digest

pytestmark = pytest.mark.sphinx

PAGE = "Papers\n======\n\n.. arxiv-digest:: {}\n"
DIRECTIVE_LINE = 4  # of PAGE
HEAD = "# arxiv 2025-12-22\n\n| Title | Authors | PDF | Abstract |\n|---|---|---|---|\n"
SUFFIX = re.compile(r" \(digest included from .+:\d+\)$")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
ACTIVE_TAGS = ("script", "img", "iframe", "object", "embed", "svg", "math", "form", "input", "style", "link", "meta")


def row(number: int, title: str = "", authors: str = "Ann", abstract: str = "Text.") -> str:
    link = f"[PDF](https://arxiv.org/pdf/2501.{number:05d})"
    return f"| {title or f'Paper {number}'} | {authors} | {link} | {abstract} |\n"


def rebuild(project, previous, files=None, **kwargs):
    """A new build of the same project; the previous app is cleaned up first, as a new process would
    be (two live apps in one process make Sphinx warn that node classes are registered twice)."""
    previous.cleanup()
    return project.build(files, **kwargs)


def visible(text: str) -> str:
    """Text as written: Sphinx's smartquotes transform curls the quotes of any page text."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def digest_warnings(project, app) -> list:
    return [w for w in project.warning_records(app) if (w.type or "").startswith("arxivdigest")]


def other_warnings(project, app) -> list:
    return [w for w in project.warning_records(app) if not (w.type or "").startswith("arxivdigest")]


def assert_nothing_active(soup, where: str = "div.arxiv-digest") -> None:
    """No element, event handler or link scheme that could run code comes from digest text."""
    regions = soup.select(where)
    assert regions, f"no {where} on the page"
    for region in regions:
        for tag in region.find_all(True):
            # sphinx-design draws the dropdown chevron as an inline ``svg.sd-octicon``.
            ours = tag.name == "svg" and "sd-octicon" in tag.get("class", [])
            assert ours or tag.name not in ACTIVE_TAGS, tag
            for name in tag.attrs:
                assert not name.lower().startswith("on"), (name, tag)
    for tag in soup.find_all(href=True):
        assert not tag["href"].strip().lower().startswith(UNSAFE_SCHEMES), tag
    for tag in soup.find_all(src=True):
        assert not tag["src"].strip().lower().startswith(UNSAFE_SCHEMES), tag


# --- generated digests -------------------------------------------------------------------------------

_counter = itertools.count()


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=digests())
def test_generated_digests_build_with_one_located_warning_per_problem(project, make_app, case: Case) -> None:
    """The generator of the parser properties, through the directive: no crash, warnings located."""
    # ``project`` is function-scoped: every example gets a project of its own beside it.
    example = type(project)(project.srcdir.parent / f"example-{next(_counter)}", make_app)
    digest_path = example.srcdir / "digests" / "d.md"
    digest_path.parent.mkdir(parents=True)
    digest_path.write_bytes(case.text.encode("utf-8"))
    app = example.build({"index.rst": PAGE.format("digests/d.md")})
    app.cleanup()  # the next example's app must not meet this one's registered nodes

    parsed = parse_digest(case.text)
    found = digest_warnings(example, app)
    assert other_warnings(example, app) == [], example.warnings(app)
    for warning in found:
        assert warning.level == "WARNING"
        assert example.same_file(warning.location, digest_path), warning.raw
        assert warning.raw.startswith(f"{warning.location}:{warning.line}: WARNING: "), warning.raw
    assert Counter((w.line, SUFFIX.sub("", w.message)) for w in found) == Counter(
        (p.line, p.message) for p in parsed.problems
    )
    bad_lines = {r.line for r in case.rows if r.expect}
    assert {w.line for w in found} == bad_lines

    soup = example.html(app)
    assert len(example.cards(soup)) == len(parsed.papers)
    ids = example.card_ids(soup)
    for r in case.rows:
        if r.kind == "good":
            assert anchor_for(r.arxiv_id) in ids
    if parsed.papers:
        assert_nothing_active(soup)


# --- escaping -----------------------------------------------------------------------------------------

HOSTILE = (
    "# arxiv 2025-12-22\n\n"
    "## <img src=x onerror=alert(1)> topic\n\n"
    "| Title | Authors | PDF | Abstract | Code |\n|---|---|---|---|---|\n"
    # line 7
    "| <script>alert(1)</script> title | <img src=x onerror=alert(1)>, Bob \" onmouseover=\"alert(1) "
    "| [PDF](https://arxiv.org/pdf/2501.00001) | </div></div></details><script>alert(2)</script> "
    "[click](javascript:alert(3)) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) "
    "[v](vbscript:msgbox(5)) ![i](data:image/svg+xml,<svg/onload=alert(6)>) <javascript:alert(7)> "
    "[ok](https://example.org/ok) | [code](javascript:alert(8)) |\n"
    # line 8
    "| Quotes \" onmouseover=\"alert(1) and ' onfocus='alert(1) | A | https://arxiv.org/abs/2501.00002 "
    "| <div onclick=\"alert(9)\">\n"
    "<script>\n"
    "alert(10)\n"
    "</script>\n"
    "</div>\n"
    "\n"
    "<iframe src=\"javascript:alert(11)\"></iframe> [up](JaVaScRiPt:alert(12)) [sp]( javascript:alert(13)) "
    "[ent](&#106;avascript:alert(14)) [ref][r]\n"
    "\n"
    "[r]: javascript:alert(15) |  |\n"
    # line 18
    "| [x](javascript:alert(16)) `<script>alert(17)</script>` | <a href=\"javascript:alert(18)\">Eve</a> "
    "| 2501.00003 | $\\href{javascript:alert(19)}{x}$ <style>body{display:none}</style> |  |\n"
)


def test_hostile_text_is_escaped_and_visible(project):
    app = project.build({"index.rst": PAGE.format("digests/h.md"), "digests/h.md": HOSTILE})
    soup = project.html(app)
    cards = project.cards(soup)
    assert project.card_ids(soup) == ["arxiv-2501-00001", "arxiv-2501-00002", "arxiv-2501-00003"]
    assert_nothing_active(soup)
    assert_nothing_active(project.html(app, "genindex"), where="table.indextable")  # index entries hold titles/authors

    # Every card kept its structure: ``</div>`` in the text closed nothing.
    for card in cards:
        assert card.select_one(".sd-card-header") is not None
        assert card.select_one(".sd-card-footer") is not None
        assert card.select_one(".arxiv-paper-abstract") is not None
    first, second, third = (visible(card.get_text(" ")) for card in cards)
    assert "<script>alert(1)</script> title" in first
    assert "<img src=x onerror=alert(1)>" in first
    assert 'Bob " onmouseover="alert(1)' in first
    assert "</div></div></details><script>alert(2)</script>" in first
    assert "<img src=x onerror=alert(1)> topic" in first  # the topic badge
    assert 'Quotes " onmouseover="alert(1) and \' onfocus=\'alert(1)' in second
    assert '<div onclick="alert(9)">' in second and "<script>" in second
    assert '<iframe src="javascript:alert(11)"></iframe>' in second
    assert "<script>alert(17)</script>" in third
    assert "<style>body{display:none}</style>" in third
    # The only safe link of the abstracts is kept.
    links = [a["href"] for card in cards for a in card.select(".arxiv-paper-abstract a[href]")]
    assert links == ["https://example.org/ok"]

    raw = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img src=x" not in raw and "<iframe" not in raw

    (warning,) = digest_warnings(project, app)
    assert warning.line == 7 and "code link 'javascript:alert(8)' is not http(s); it is not linked" in warning.message


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:application/pdf;base64,JVBERi0=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/paper.pdf",
        "//evil.example/paper.pdf",
    ],
)
def test_pdf_link_that_is_not_http_is_reported_and_not_linked(project, link):
    digest = (
        "| Title | arXiv ID | PDF | Abstract |\n|---|---|---|---|\n"
        "| Fine | 2501.00001 | [PDF](https://arxiv.org/pdf/2501.00001) | ok |\n"
        f"| Odd link | 2501.00002 | [PDF]({link}) | ok |\n"
    )
    app = project.build({"index.rst": PAGE.format("digests/a.md"), "digests/a.md": digest})
    (warning,) = digest_warnings(project, app)
    assert project.same_file(warning.location, project.srcdir / "digests/a.md")
    assert warning.line == 4
    assert f"PDF link '{link}' is not http(s); it is not linked" in warning.message
    soup = project.html(app)
    card = project.cards(soup)[1]
    hrefs = [a["href"] for a in card.find_all("a", href=True)]
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    assert card.select_one("a.arxiv-paper-pdf")["href"] == "https://arxiv.org/pdf/2501.00002"
    assert_nothing_active(soup)


# --- limits -------------------------------------------------------------------------------------------


def test_digest_over_max_bytes_is_a_warning(project):
    small = "| Title | PDF |\n|---|---|\n| Small | 2501.00001 |\n"
    big = HEAD + "".join(row(n) for n in range(2, 12))
    page = PAGE.format("digests/big.md") + "\n.. arxiv-digest:: digests/small.md\n"
    app = project.build({"index.rst": page, "digests/big.md": big, "digests/small.md": small},
                        confoverrides={"arxivdigest_max_bytes": 100})
    (warning,) = digest_warnings(project, app)
    assert "over the limit" in warning.message and "100 bytes" in warning.message
    assert project.same_file(warning.location, project.srcdir / "digests/big.md")
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001"]


def _build_with_timeout(project, files, seconds: float = 60, **kwargs):
    """Build in a thread: a digest path that blocks on open (a FIFO) fails the test, not the run."""
    project.write(files)
    app = project.app(**kwargs)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            app.build()
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        for fifo in project.srcdir.rglob("*"):
            if fifo.is_fifo():  # unblock a reader stuck in open()
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"the build did not finish in {seconds} s (blocked on a FIFO?)")
    if errors:
        raise errors[0]
    return app


def test_fifo_directory_and_broken_symlink_are_warnings(project):
    digests = project.srcdir / "digests"
    (digests / "adir.md").mkdir(parents=True)
    os.mkfifo(digests / "pipe.md")
    (digests / "broken.md").symlink_to(digests / "nowhere.md")
    (digests / "good.md").write_text(HEAD + row(1), encoding="utf-8")
    page = PAGE.format("digests/pipe.md digests/adir.md digests/broken.md digests/good.md")
    app = _build_with_timeout(project, {"index.rst": page})
    messages = [w.message for w in digest_warnings(project, app)]
    assert len(messages) == 3, project.warnings(app)
    assert any("not a regular file" in m and "pipe.md" in m for m in messages), messages
    assert any("is a directory" in m and "adir.md" in m for m in messages), messages
    # Sphinx >= 8 resolves the symlink before the directive sees it, so the message names its target.
    assert any("digest file not found" in m and ("nowhere.md" in m or "broken.md (a broken symbolic link)" in m)
               for m in messages), messages
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001"]


def test_glob_matching_a_fifo_does_not_hang(project):
    digests = project.srcdir / "digests"
    digests.mkdir(parents=True)
    os.mkfifo(digests / "b-pipe.md")
    (digests / "a.md").write_text(HEAD + row(1), encoding="utf-8")
    app = _build_with_timeout(project, {"index.rst": PAGE.format("digests/*.md")})
    (warning,) = digest_warnings(project, app)
    assert "not a regular file" in warning.message
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads a chmod 000 file anyway (CI runs as root)")
def test_unreadable_digest_is_a_warning(project):
    path = project.srcdir / "digests" / "secret.md"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + row(1), encoding="utf-8")
    path.chmod(0)
    try:
        app = project.build({"index.rst": PAGE.format("digests/secret.md")})
    finally:
        path.chmod(0o644)
    (warning,) = digest_warnings(project, app)
    assert "cannot read digest" in warning.message
    assert project.cards(project.html(app)) == []


@pytest.mark.parametrize("argument", ["digests/a\x00b.md", "digests/*\x00.md"])
def test_impossible_digest_path_is_a_warning(project, argument):
    """A NUL byte in the directive's argument (no file can have one) is a warning, not a traceback."""
    page = PAGE.format(argument) + "\n.. arxiv-digest:: digests/good.md\n"
    app = project.build({"index.rst": page, "digests/good.md": HEAD + row(1)})
    (warning,) = digest_warnings(project, app)
    assert project.same_file(warning.location, project.srcdir / "index.rst")
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001"]


def test_glob_of_two_thousand_digests(project):
    files = {f"digests/{n:04d}.md": HEAD + row(n + 1) for n in range(2000)}
    files["index.rst"] = PAGE.format("digests/*.md") + "   :abstract: none\n   :no-index:\n"
    # Docutils' smartquotes pass over 2,000 cards costs more than the digests: off, for speed only.
    app = project.build(files, confoverrides={"smartquotes": False})
    assert digest_warnings(project, app) == []
    ids = project.card_ids(project.html(app))
    assert len(ids) == 2000 and len(set(ids)) == 2000
    assert ids[0] == "arxiv-2501-00001" and ids[-1] == "arxiv-2501-02000"


# --- paths outside the source directory ------------------------------------------------------------------


def test_digest_outside_the_source_directory_is_refused(project):
    outside = project.srcdir.parent / "outside.md"
    outside.write_text(HEAD + row(1), encoding="utf-8")
    (project.srcdir / "digests").mkdir(parents=True)
    (project.srcdir / "digests" / "link.md").symlink_to(outside)
    page = PAGE.format("../outside.md") + "\n.. arxiv-digest:: digests/link.md\n"
    app = project.build({"index.rst": page})
    found = digest_warnings(project, app)
    assert len(found) == 2, project.warnings(app)
    for warning in found:
        assert "outside the source directory" in warning.message
        assert "arxivdigest_allow_outside_srcdir" in warning.message
        assert project.same_file(warning.location, project.srcdir / "index.rst")
    assert project.cards(project.html(app)) == []


def test_digest_outside_the_source_directory_when_allowed(project):
    (project.srcdir.parent / "outside.md").write_text(HEAD + row(1), encoding="utf-8")
    app = project.build({"index.rst": PAGE.format("../outside.md")},
                        confoverrides={"arxivdigest_allow_outside_srcdir": True})
    assert digest_warnings(project, app) == []
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001"]


# --- build modes ---------------------------------------------------------------------------------------

SHORT_ROW = "| Short | Bob | [PDF](https://arxiv.org/pdf/2501.00002) |\n"
BROKEN = HEAD + row(1) + SHORT_ROW + "| No id | A | none | x |\n" + row(4)


def test_warnings_as_errors_keeps_going_and_reports_every_problem(project):
    """``-W --keep-going``: Sphinx 9 always keeps going; ``warningiserror`` sets the exit status."""
    files = {"index.rst": PAGE.format("digests/a.md"), "digests/a.md": BROKEN}
    app = project.build(files, warningiserror=True)
    assert app.statuscode == 1
    assert [(w.line, w.message.split(" (")[0]) for w in digest_warnings(project, app)] == [
        (6, "table row has 3 cells, the header has 4"),
        (7, "row has no arXiv id or arxiv.org link; skipped"),
    ]
    assert project.card_ids(project.html(app)) == ["arxiv-2501-00001", "arxiv-2501-00002", "arxiv-2501-00004"]

    (project.srcdir / "digests" / "a.md").write_text(HEAD + row(1) + row(4), encoding="utf-8")
    clean = rebuild(project, app, warningiserror=True)
    assert clean.statuscode == 0 and digest_warnings(project, clean) == []


def _many_pages(count: int = 8) -> dict[str, str]:
    files = {"index.rst": "Home\n====\n\n.. toctree::\n\n" + "".join(f"   p{n}\n" for n in range(count))}
    for n in range(count):
        files[f"p{n}.rst"] = PAGE.format(f"digests/d{n}.md")
        files[f"digests/d{n}.md"] = HEAD + row(10 * n + 1) + row(10 * n + 2) + (
            "| Short | Bob | [PDF](https://arxiv.org/pdf/2501.00009) |\n" if n % 2 else "")
    return files


def _check_many_pages(project, app, count: int = 8) -> None:
    for n in range(count):
        assert project.card_ids(project.html(app, f"p{n}")) == [
            f"arxiv-2501-{10 * n + 1:05d}", f"arxiv-2501-{10 * n + 2:05d}", *(["arxiv-2501-00009"] if n % 2 else [])
        ], n
    located = sorted((Path(w.location).name, w.line) for w in digest_warnings(project, app))
    assert located == [(f"d{n}.md", 7) for n in range(count) if n % 2]


def test_parallel_build(project):
    app = project.build(_many_pages(), parallel=2)
    assert app.parallel == 2 and app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", status), status  # read in chunks
    assert other_warnings(project, app) == []
    _check_many_pages(project, app)


def test_fresh_env_rebuild(project):
    files = _many_pages()
    first = project.build(files)
    (project.srcdir / "digests" / "d0.md").write_text(HEAD + row(1, "Edited") + row(2), encoding="utf-8")
    app = rebuild(project, first, freshenv=True)
    _check_many_pages(project, app)
    assert project.card_titles(project.html(app, "p0")) == ["Edited", "Paper 2"]
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert "[new config] 9 added, 0 changed, 0 removed" in status  # every page read again


def test_incremental_builds_follow_the_digest(project):
    digest = project.srcdir / "digests" / "a.md"
    files = {
        "index.rst": "Home\n====\n\n.. toctree::\n\n   papers\n   other\n   list\n",
        "papers.rst": PAGE.format("digests/a.md"),
        "other.rst": "Other\n=====\n\nSee :arxiv:`2501.00002`.\n",
        "list.rst": "List\n====\n\n.. arxiv-index::\n",
        "digests/a.md": HEAD + row(1, "Old title one") + row(2, "Old title two"),
    }
    app = project.build(files)
    assert project.card_titles(project.html(app, "papers")) == ["Old title one", "Old title two"]

    # Edited: the page and the pages that point into it show the new text only.
    digest.write_text(HEAD + row(1, "New title one") + row(3, "Brand new"), encoding="utf-8")
    app = rebuild(project, app)
    soup = project.html(app, "papers")
    assert project.card_titles(soup) == ["New title one", "Brand new"]
    assert "Old title" not in soup.get_text()
    index_text = project.html(app, "list").get_text()
    assert "New title one" in index_text and "Brand new" in index_text and "Old title" not in index_text
    assert "papers.html#arxiv-2501-00002" not in str(project.html(app, "other"))

    # Deleted: a located warning, no cards, nothing left in the index.
    digest.unlink()
    app = rebuild(project, app)
    (warning,) = digest_warnings(project, app)
    assert "digest file not found" in warning.message
    assert project.same_file(warning.location, project.srcdir / "papers.rst")
    assert project.cards(project.html(app, "papers")) == []
    assert "New title one" not in project.html(app, "list").get_text()

    # Restored: the cards are back.
    digest.write_text(HEAD + row(1, "Restored one") + row(2, "Restored two"), encoding="utf-8")
    app = rebuild(project, app)
    assert digest_warnings(project, app) == []
    assert project.card_titles(project.html(app, "papers")) == ["Restored one", "Restored two"]
    assert "Restored two" in project.html(app, "list").get_text()
    assert "papers.html#arxiv-2501-00002" in str(project.html(app, "other"))
