"""Property-based tests of the parser on generated, hostile and broken digests (no Sphinx).

The generator knows exactly which rows it made well-formed and which broken, so the properties can
be strict: every well-formed row comes back as one paper with the same id, title and abstract, and
every broken row (wrong cell count on one line, no arXiv id, no title) is reported at its own line.

A well-formed row, as generated here:

* its cells are text from any Unicode (CJK, emoji, RTL, NUL and other control characters, tabs),
  hostile fragments (HTML, ``javascript:`` links, LaTeX), very long runs, and ``|`` written ``\\|``;
* raw ``|`` only inside a code span, which the parser treats as text (bots write ``a|b`` there),
  and only in rows of the right width (see ``_row``);
  backticks only as complete code spans, so no backtick pairs across cells;
* no free backslash (it would escape a separator); LaTeX commands ``\\alpha`` are fine;
* the title is one line, its text does not start with ``*``/``_`` (the parser drops wrapping
  emphasis), is not a "null" word and holds no ``[text](url)`` (the parser keeps a link's text);
* the abstract may span lines, with blank lines inside; its first and last lines are not blank, so
  no physical line but the row's last ends with an unescaped ``|``; the row ends with ``|``;
* files may start with a BOM, use CRLF or CR line endings, and hold several tables and prose;
* no cell line starts like a code fence (```` ``` ```` or ``~~~``): that case has its own test,
  ``test_fence_line_inside_a_cell_does_not_hide_later_tables``, which shows a parser bug.

Runs: a few hundred examples per property in the normal run; ``pytest -m fuzz`` runs the same
properties with 10,000 examples each. Examples are not stored (``database=None``), so no
``.hypothesis`` folder is left in the checkout.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_arxivdigest import (
    Digest,
    DigestError,
    load_digest,
    parse_arxiv_id,
    parse_digest,
)

NORMAL = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=10_000, deadline=None, database=None, suppress_health_check=list(HealthCheck))

#: Cell values the parser reads as "empty" (documented: ``null``, ``-``, ``N/A``...).
NULL_WORDS = {"", "null", "none", "n/a", "na", "-", "--", "—", "无", "暂无"}

#: Text fragments a hostile or unusual digest holds. None contains ``|``, a backtick, a newline, a
#: ``[text](url)`` pair, ``<table`` or ends with a backslash (see the module docstring).
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</div>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "<iframe src=javascript:alert(1)>",
    "<details open><summary>x</summary>",
    "<!-- comment",
    "&amp; &lt;b&gt; &#x3C;",
    "$x^2 + y_1$",
    "$$\\int_0^1 f(x)\\,dx$$",
    "\\frac{a}{b}",
    "\\alpha\\beta",
    "\\(E=mc^2\\)",
    "量子纠缠与深度学习",
    "全角｜竖线",
    "🚀🔥👩‍🔬",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    "\x00",
    "\t",
    "\x0b\x0c\x1b[31m",
    "\x85\u2028\u2029",
    "***",
    "~~strike~~",
    "# not a heading",
    "> quote",
    "- item",
    "1. item",
    "https://example.org/a?b=c&d",
    "mailto:someone@example.org",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "2501.99999",
]

# Any character but the ones given meaning by the row syntax (handled by the segments below).
PLAIN_CHAR = st.characters(codec="utf-8", exclude_characters="|\\`\r\n")
CODE_CHAR = st.characters(codec="utf-8", exclude_characters="`\\\r\n")


@dataclass(frozen=True)
class Text:
    """A cell's text as the parser should return it (``logical``) and as written in the file."""

    logical: str
    written: str

    def __add__(self, other: Text) -> Text:
        return Text(self.logical + other.logical, self.written + other.written)


def _plain(text: str) -> Text:
    return Text(text, text.replace("|", "\\|"))


@st.composite
def _code_span(draw) -> Text:
    content = draw(st.text(CODE_CHAR, min_size=1, max_size=12))
    escape = draw(st.booleans())  # GFM's ``\|`` inside code, or a raw pipe (the parser allows it)
    written = content.replace("|", "\\|") if escape else content
    return Text(f" `{content}` ", f" `{written}` ")


_SEGMENT = st.one_of(
    st.text(PLAIN_CHAR, min_size=1, max_size=16).map(_plain),
    st.sampled_from(FRAGMENTS).map(_plain),
    st.just(_plain("|")),
    st.just(_plain(" | ")),
    _code_span(),
    # A very long cell: a short run repeated thousands of times.
    st.builds(lambda run, times: _plain(run * times), st.text(PLAIN_CHAR, min_size=1, max_size=4),
              st.integers(500, 3000)),
)


_FENCE_START = re.compile(r" {0,3}(?:~~~|```)")
_RAW_PIPE = re.compile(r"(?<!\\)\|")


def _tidy(text: Text) -> Text:
    """Keep the text clear of what the parser deliberately rewrites (see the module docstring),
    and of lines that open a code fence (a known bug, pinned by its own test below)."""
    stripped = text.logical.strip()
    if (not stripped or stripped[0] in "*_-:" or stripped.casefold() in NULL_WORDS
            or _FENCE_START.match(text.written)):
        text = Text("x", "x") + text
    return text


@st.composite
def line_text(draw, *, title: bool = False) -> Text:
    """One line of cell text, never blank."""
    parts = draw(st.lists(_SEGMENT, min_size=1, max_size=5))
    text = Text("", "")
    for part in parts:
        text = text + part
    if title:  # a ``[text](url)`` title is shown as its text: keep the pair out
        text = Text(text.logical.replace("](", "] ("), text.written.replace("](", "] ("))
    return _tidy(text)


@st.composite
def abstract_text(draw) -> Text:
    """One or more lines; blank (or whitespace-only) lines inside, never first or last."""
    first = draw(line_text())
    middle = draw(st.lists(st.one_of(line_text(), st.sampled_from(["", " ", "\t", "   "]).map(_plain)),
                           max_size=4))
    last = [draw(line_text())] if middle or draw(st.booleans()) else []
    lines = [first, *middle, *last]
    return Text("\n".join(t.logical for t in lines), "\n".join(t.written for t in lines))


HEADERS = {
    "title": ["Title", "标题", "Paper", "**Title**", "📄 Title"],
    "authors": ["Authors", "作者", "Author"],
    "pdf": ["PDF", "PDF链接", "Link", "arXiv"],
    "abstract": ["Abstract", "摘要", "Summary", "TL;DR"],
    "code": ["Code", "代码", "Repo"],
}
ROW_KINDS = ["good", "good", "good", "short", "extra", "noid", "notitle"]
NO_ID_LINKS = ["", "none", "soon", "[PDF](https://example.org/paper.pdf)", "[PDF](javascript:alert(1))"]
SAFE_CODE = ["", "null", "[code](https://github.com/a/b)"]
UNSAFE_CODE = ["[code](javascript:alert(1))", "[c](data:text/html,x)", "[c](vbscript:msgbox(1))"]
SEPARATORS = [" | ", "|", "\t|\t", "  |  "]


@dataclass
class Row:
    kind: str
    line: int = 0  # 1-based, set when the digest is assembled
    arxiv_id: str = ""
    version: int | None = None
    title: str = ""
    abstract: str = ""
    expect: list[str] = field(default_factory=list)  # message fragments reported at ``line``


@dataclass
class Case:
    text: str
    rows: list[Row]


def _link(draw, arxiv_id: str, version: int | None) -> str:
    full = arxiv_id + (f"v{version}" if version else "")
    return draw(st.sampled_from([
        f"[PDF](https://arxiv.org/pdf/{full})",
        f"https://arxiv.org/abs/{full}",
        f"[{full}](http://arxiv.org/abs/{full})",
        full,
        f"**[PDF](https://arxiv.org/pdf/{full})**",
    ]))


@st.composite
def _row(draw, roles: list[str], number: int) -> tuple[Row, list[str]]:
    """A row of the given kind and its written cells (which may hold newlines)."""
    kind = draw(st.sampled_from(ROW_KINDS))
    arxiv_id = draw(st.sampled_from([f"2501.{10000 + number:05d}", f"hep-th/99{number:05d}"]))
    version = draw(st.one_of(st.none(), st.integers(1, 9)))
    row = Row(kind, arxiv_id=arxiv_id, version=version)
    title = draw(line_text(title=True))
    abstract = draw(abstract_text()) if kind == "good" else draw(line_text())
    cells: dict[str, str] = {
        "title": title.written,
        "authors": draw(line_text()).written,
        "pdf": _link(draw, arxiv_id, version),
        "abstract": abstract.written,
        "code": draw(st.sampled_from(SAFE_CODE)),
    }
    if kind == "good":
        row.title, row.abstract = title.logical.strip(), abstract.logical.strip()
        if "code" in roles and draw(st.booleans()):
            cells["code"] = draw(st.sampled_from(UNSAFE_CODE))
            row.expect.append("code link")
    elif kind == "noid":
        cells["pdf"] = draw(st.sampled_from(NO_ID_LINKS))
        row.expect.append("row has no arXiv id or arxiv.org link; skipped")
    elif kind == "notitle":
        cells["title"] = draw(st.sampled_from(["", "null", "**null**", "-"]))
        row.expect.append(f"row for {arxiv_id} has no title; skipped")
    written = [cells[role] for role in roles]
    if kind == "short":
        written = written[: draw(st.integers(1, len(roles) - 1))]
        row.expect.append(f"table row has {len(written)} cells, the header has {len(roles)}")
    elif kind == "extra":
        written += [draw(line_text()).written for _ in range(draw(st.integers(1, 2)))]
        row.expect.append(f"table row has {len(written)} cells, the header has {len(roles)}")
    if kind in ("short", "extra"):
        # A row of the wrong width must be wrong under both readings: with a raw pipe in a code span,
        # GFM (which splits there) may count exactly the header's width, and the parser then
        # rightly takes GFM's cells. The only unescaped pipes of ``written`` are in code spans.
        written = [_RAW_PIPE.sub(r"\\|", cell) for cell in written]
    return row, written


@st.composite
def _prose(draw) -> list[str]:
    """Lines of text between tables: no pipe, no backtick or tilde (no code fence), no ``<table``."""
    alphabet = st.characters(codec="utf-8", exclude_characters="|`~\\\r\n<")
    lines = draw(st.lists(st.text(alphabet, max_size=30), min_size=1, max_size=3))
    return [_tidy(_plain(line)).logical for line in lines]


@st.composite
def digests(draw) -> Case:
    """A whole digest: front matter or a title, one to three paper tables, prose in between."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "title: Generated digest", "date: 2025-01-02", "---"]
    if draw(st.booleans()):
        lines += ["# arxiv 2025-12-22", ""]
    rows: list[Row] = []
    number = 0
    for table in range(draw(st.integers(1, 3))):
        if table or draw(st.booleans()):
            lines += [*draw(_prose()), ""]
        roles = draw(st.permutations(["title", "authors", "pdf", "abstract"]))
        if draw(st.booleans()):
            roles.insert(draw(st.integers(0, len(roles))), "code")
        sep = draw(st.sampled_from(SEPARATORS))
        lines.append("|" + sep.join(draw(st.sampled_from(HEADERS[r])) for r in roles) + "|")
        lines.append("|" + "|".join(draw(st.sampled_from(["---", ":---", "---:", " :-: "])) for _ in roles) + "|")
        for _ in range(draw(st.integers(0, 6))):
            number += 1
            row, cells = draw(_row(roles, number))
            row.line = len(lines) + 1
            sep = draw(st.sampled_from(SEPARATORS))
            pad = sep.split("|")[0]
            lines += ("|" + pad + sep.join(cells) + pad + "|").split("\n")
            rows.append(row)
    if draw(st.booleans()):
        lines += ["", *draw(_prose())]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    if draw(st.booleans()):
        text = "\ufeff" + text
    return Case(text, rows)


def _check_rows(case: Case) -> None:
    digest = parse_digest(case.text)  # must not raise
    by_line: dict[int, list] = {}
    for paper in digest.papers:
        by_line.setdefault(paper.line, []).append(paper)
    problems: dict[int, list[str]] = {}
    for problem in digest.problems:
        problems.setdefault(problem.line, []).append(problem.message)

    for row in case.rows:
        found = by_line.get(row.line, [])
        if row.kind == "good":
            assert len(found) == 1, (row, found, digest.problems)
            paper = found[0]
            assert (paper.arxiv_id, paper.version) == (row.arxiv_id, row.version)
            assert paper.title == row.title
            assert paper.abstract == row.abstract
        elif row.kind in ("noid", "notitle"):
            assert found == [], (row, found)
        for expected in row.expect:
            assert any(expected in message for message in problems.get(row.line, [])), (
                row, expected, problems.get(row.line))
    # Nothing reported anywhere else, and no paper from anywhere but a row.
    expected_lines = {row.line for row in case.rows if row.expect}
    assert set(problems) == expected_lines, (problems, expected_lines)
    assert set(by_line) <= {row.line for row in case.rows if row.kind in ("good", "short", "extra")}
    assert [p.line for p in digest.papers] == sorted(p.line for p in digest.papers)


@NORMAL
@given(digests())
def test_generated_rows_come_back_and_bad_rows_are_located(case: Case) -> None:
    _check_rows(case)


@pytest.mark.fuzz
@FUZZ
@given(digests())
def test_fuzz_generated_rows_come_back_and_bad_rows_are_located(case: Case) -> None:
    _check_rows(case)


# --- anything at all: never an exception, and what comes back is sane ------------------------------

#: Tokens that take the parser down its less common paths.
TOKENS = [
    "|", "\\|", "\\", "`", "``", "```", "~~~", "\n", "\r\n", "\r", "\n\n", " ", "\t", "\x00", "\ufeff",
    "---", "|---|---|", "| Title | PDF |", "| 标题 | 作者 | PDF链接 | 摘要 |", "|:-:|", "# ", "## ", "**",
    "2501.00001", "v2", "hep-th/9901001", "https://arxiv.org/abs/2501.00002v3", "[PDF](", ")", "](",
    "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>Title</th>", '<a href="', '">', "</a>", "<details>",
    "<summary>Abstract</summary>", "**Authors**: ", "**Link**: ", "### [", "javascript:", "null", "量子", "🚀",
    "2025-12-22", "title: x", "<h2>", "</h2>",
]


def _check_anything(text: str) -> None:
    digest = parse_digest(text)
    assert isinstance(digest, Digest)
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for problem in digest.problems:
        assert 1 <= problem.line <= count, problem
        assert problem.message
    for paper in digest.papers:
        assert 1 <= paper.line <= count, paper
        assert paper.title.strip()
        assert parse_arxiv_id(paper.arxiv_id) is not None, paper.arxiv_id
        for url in (paper.abs_url, paper.pdf_url, paper.code_url):
            assert url == "" or url.lower().startswith(("http://", "https://")), url
    assert [p.line for p in digest.papers] == sorted(p.line for p in digest.papers)


_MARKDOWNISH = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map("".join)


@NORMAL
@given(st.one_of(st.text(), _MARKDOWNISH))
def test_any_text_parses_without_raising(text: str) -> None:
    _check_anything(text)


@pytest.mark.fuzz
@FUZZ
@given(st.one_of(st.text(), _MARKDOWNISH))
def test_fuzz_any_text_parses_without_raising(text: str) -> None:
    _check_anything(text)


# --- load_digest on bytes -----------------------------------------------------------------------------

_BYTES = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda head, tail: head + tail, st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", b""]),
              st.binary(max_size=100)),
    _MARKDOWNISH.map(lambda text: text.encode("utf-8")),
    st.builds(lambda text, junk, cut: (text.encode("utf-8")[:cut] + junk),
              _MARKDOWNISH, st.binary(min_size=1, max_size=4), st.integers(0, 200)),
)


def _check_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "digest.md"
        path.write_bytes(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            # The bad byte's line in the file as written (a BOM is ordinary UTF-8 here).
            line = data.count(b"\n", 0, error.start) + 1
            with pytest.raises(DigestError, match="not valid UTF-8") as info:
                load_digest(path)
            assert info.value.line == line, (data, info.value)
            assert f"line {line}:" in str(info.value)
        else:
            assert isinstance(load_digest(path), Digest)  # valid UTF-8: never raises


@NORMAL
@given(_BYTES)
def test_load_digest_on_random_bytes(data: bytes) -> None:
    _check_bytes(data)


@pytest.mark.fuzz
@FUZZ
@given(_BYTES)
def test_fuzz_load_digest_on_random_bytes(data: bytes) -> None:
    _check_bytes(data)


def test_bad_byte_after_a_bom_is_located_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# t\n\n\xff\n")
    with pytest.raises(DigestError) as info:
        load_digest(path)
    assert info.value.line == 3


# --- hostile cell content beyond the well-formed generator ----------------------------------------------

HEAD3 = "| Title | PDF | Abstract |\n|---|---|---|\n"


def test_lone_backticks_in_two_cells_do_not_merge_them() -> None:
    """GFM splits a row into cells before it looks for code spans: a stray backtick stays in its cell."""
    digest = parse_digest(HEAD3 + "| a`b | 2501.00001 | c`d |\n")
    assert digest.problems == []
    assert [(p.arxiv_id, p.title, p.abstract) for p in digest.papers] == [("2501.00001", "a`b", "c`d")]


_NO_PIPE_OR_BACKTICK = st.characters(codec="utf-8", exclude_characters="|\\`\r\n")


@st.composite
def _backticked_rows(draw) -> tuple[str, list[tuple[str, str]]]:
    """Rows whose cells hold stray backticks (no raw pipe anywhere but the separators)."""
    piece = st.one_of(st.text(_NO_PIPE_OR_BACKTICK, min_size=1, max_size=6), st.sampled_from(["`", "``", "\\|"]))
    cell = st.lists(piece, min_size=1, max_size=6).map("".join).map(lambda s: "x" + s + "x")
    rows, expected = [], []
    for number in range(draw(st.integers(1, 4))):
        title, abstract = draw(cell), draw(cell)
        rows.append(f"| {title} | 2501.{20000 + number} | {abstract} |")
        expected.append((title.replace("\\|", "|").strip(), abstract.replace("\\|", "|").strip()))
    return HEAD3 + "\n".join(rows) + "\n", expected


@SMALL
@given(_backticked_rows())
def test_stray_backticks_never_move_cell_boundaries(case) -> None:
    text, expected = case
    digest = parse_digest(text)
    assert digest.problems == []
    assert [(p.title, p.abstract) for p in digest.papers] == expected


@pytest.mark.fuzz
@FUZZ
@given(_backticked_rows())
def test_fuzz_stray_backticks_never_move_cell_boundaries(case) -> None:
    text, expected = case
    digest = parse_digest(text)
    assert digest.problems == []
    assert [(p.title, p.abstract) for p in digest.papers] == expected


@pytest.mark.parametrize("fence", ["```", "~~~", "```python"])
def test_fence_line_inside_a_cell_does_not_hide_later_tables(fence: str) -> None:
    """A cell line that looks like a code fence is cell text: the next table is still read."""
    text = (
        HEAD3 + f"| One | 2501.00001 | before\n{fence}\nafter |\n"
        "\nBetween the tables.\n\n" + HEAD3 + "| Two | 2501.00002 | ok |\n"
    )
    digest = parse_digest(text)
    assert digest.problems == []
    assert [p.arxiv_id for p in digest.papers] == ["2501.00001", "2501.00002"]
    assert digest.papers[0].abstract == f"before\n{fence}\nafter"


def test_html_table_tags_inside_a_pipe_cell_are_text() -> None:
    """An abstract that mentions ``<table><td>`` is not an HTML table of papers."""
    text = HEAD3 + (
        "| One | https://arxiv.org/abs/2501.00001 | parses <table><td> markup |\n"
        "| Two | https://arxiv.org/abs/2501.00002 | ok |\n"
    )
    digest = parse_digest(text)
    assert digest.problems == []
    assert [(p.arxiv_id, p.abstract) for p in digest.papers] == [
        ("2501.00001", "parses <table><td> markup"), ("2501.00002", "ok")]


def test_link_with_balanced_parentheses_is_kept_whole() -> None:
    """CommonMark allows balanced parentheses in a link destination (Wikipedia URLs have them)."""
    url = "https://en.wikipedia.org/wiki/Graph_(abstract_data_type)"
    digest = parse_digest(f"| Title | PDF | Code |\n|---|---|---|\n| A | 2501.00001 | [code]({url}) |\n")
    assert digest.problems == []
    assert digest.papers[0].code_url == url


def test_load_digest_of_an_impossible_path_is_a_digest_error() -> None:
    """A path no file can have (a NUL byte) is a DigestError like any other unreadable path."""
    with pytest.raises(DigestError):
        load_digest("digests/a\x00b.md")


@NORMAL
@given(st.lists(st.text(alphabet="ab |\\\t\u3000-x", max_size=30), min_size=1, max_size=6))
def test_row_cells_from_line_by_line_pipes_equal_split_cells(lines: list[str]) -> None:
    """The pipe reader keeps each line's separating pipes and, for rows without backticks, cuts the
    joined row at them instead of scanning it again: that must give split_cells' cells exactly."""
    from sphinx_arxivdigest.reading.pipe_tables import cells_at, pipe_positions, split_cells

    row = "\n".join(lines)
    pipes: list[int] = []
    offset = 0
    for line in lines:
        pipes += [offset + pipe for pipe in pipe_positions(line.rstrip())]
        offset += len(line) + 1
    assert cells_at(row, pipes) == split_cells(row)
