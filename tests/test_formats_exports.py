"""Exports without Sphinx: the JSON schema and its round trip, BibTeX (checked with pybtex), MyST and
rST pages (checked with docutils and myst-parser's docutils parser)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from docutils import nodes
from docutils.core import publish_doctree

from sphinx_arxivdigest import Digest, Paper, Problem, parse_digest
from sphinx_arxivdigest.formats.bibtex import latex_escape, paper_to_bibtex, papers_to_bibtex
from sphinx_arxivdigest.formats.json_export import (
    JSON_SCHEMA,
    PAPERS_JSON_SCHEMA,
    digest_from_json,
    papers_from_json,
    papers_to_json,
)
from sphinx_arxivdigest.formats.pages import digest_to_myst, digest_to_rst
from sphinx_arxivdigest.markdown import (
    parse_markdown,
    parse_markdown_inline,
    plain_text,
)

SAMPLE = (
    "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title A | Alice Smith, Bob Li | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs with $x^2$ & 50% |\n"
    "| 第二篇：扩散模型 | 张三 et al. | [PDF](https://arxiv.org/pdf/2512.17907v2) | 第一段。\n\n第二段。 |\n"
    "| Bad row | x |\n"
)


def full_digest() -> Digest:
    """Every field set, and every optional one empty somewhere."""
    return Digest(
        papers=[
            Paper(
                arxiv_id="2512.17909", version=1, title="Title *A*", authors=["Alice Smith", "Bob Li"],
                authors_truncated=True, abstract="abs $x^2$\n\nsecond", code_url="https://github.com/a/b",
                date=dt.date(2025, 12, 22), topic="Diffusion", line=5, extra={"Stars": "12", "备注": "好"},
            ),
            Paper(arxiv_id="hep-th/9901001", title="Old style"),
        ],
        problems=[Problem(7, "table row has 2 cells, the header has 4")],
        title="arxiv 2025-12-22",
        date=dt.date(2025, 12, 22),
        source="digests/2025-12-22.md",
    )


def validate(document: dict, schema: dict) -> None:
    """With jsonschema when installed; else the required keys, recursively for papers."""
    try:
        import jsonschema
    except ImportError:
        for key in schema["required"]:
            assert key in document, key
        paper_keys = schema["$defs"]["paper"]["required"]
        for paper in document["papers"]:
            assert sorted(paper) == sorted(paper_keys)
        return
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


# -- JSON ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [lambda: parse_digest(SAMPLE, source="x.md"), full_digest, Digest])
def test_json_round_trip(make) -> None:
    digest = make()
    text = digest.to_json()
    assert Digest.from_json(text) == digest
    assert digest_from_json(text.encode("utf-8")) == digest
    validate(json.loads(text), JSON_SCHEMA)


def test_json_shape_follows_the_documented_schema() -> None:
    data = json.loads(full_digest().to_json())
    assert list(data) == ["schema", "version", "title", "date", "source", "papers", "problems"]
    assert (data["schema"], data["version"], data["date"]) == ("sphinx-arxivdigest/digest", 1, "2025-12-22")
    first, second = data["papers"]
    assert list(first) == [
        "arxiv_id", "version", "title", "authors", "authors_truncated", "abstract", "pdf_url", "abs_url",
        "code_url", "date", "topic", "line", "extra", "title_translation", "summary",
    ]
    assert first["abs_url"] == "https://arxiv.org/abs/2512.17909v1" and first["extra"]["备注"] == "好"
    assert second["version"] is None and second["date"] is None and second["topic"] is None
    assert data["problems"] == [{"line": 7, "message": "table row has 2 cells, the header has 4"}]


def test_json_keeps_unicode_readable_and_indent_is_configurable() -> None:
    digest = parse_digest(SAMPLE)
    assert "第二篇" in digest.to_json() and "\\u" not in digest.to_json()
    assert "\n" not in digest.to_json(indent=None).rstrip("\n")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"schema": "other", "version": 1}, "not a sphinx-arxivdigest/digest document"),
        ({"schema": "sphinx-arxivdigest/digest", "version": 2}, "unsupported"),
        ([1, 2], "not a sphinx-arxivdigest/digest document"),
        ({"schema": "sphinx-arxivdigest/digest", "version": 1, "papers": [{"title": "x"}]}, "papers[0]"),
        ({"schema": "sphinx-arxivdigest/digest", "version": 1, "date": "22/12/2025"}, "ISO date"),
    ],
)
def test_from_json_rejects_other_documents(document, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Digest.from_json(json.dumps(document))


def test_papers_to_json_with_metadata() -> None:
    papers = full_digest().papers
    text = papers_to_json(papers, project="Demo", generated=dt.date(2026, 1, 2))
    data = json.loads(text)
    assert (data["schema"], data["version"], data["project"], data["generated"]) == (
        "sphinx-arxivdigest/papers", 1, "Demo", "2026-01-02",
    )
    validate(data, PAPERS_JSON_SCHEMA)
    assert papers_from_json(text) == papers
    assert papers_from_json(full_digest().to_json()) == papers  # a digest document works too
    with pytest.raises(ValueError, match="reserved"):
        papers_to_json(papers, papers=[])


def test_json_schema_rejects_what_version_1_does_not_define() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(full_digest().to_json())
    data["papers"][0]["stars"] = 3
    with pytest.raises(jsonschema.ValidationError, match="stars"):
        jsonschema.validate(data, JSON_SCHEMA)
    data = json.loads(full_digest().to_json())
    data["date"] = "yesterday"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, JSON_SCHEMA)


def test_plain_text_of_markdown() -> None:
    assert plain_text(parse_markdown("- a\n- **b**\n\npara $x$ [l](https://x.org)")) == "a b para $x$ l"
    assert plain_text(parse_markdown_inline("A *b* `c` $d$"), keep_math=False) == "A b c d"


# -- BibTeX ----------------------------------------------------------------------------------------

_UNESCAPE = {
    r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}", r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^", r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_",
}


def unescape(text: str) -> str:
    """The inverse of :func:`latex_escape`, to compare fields with the original text."""
    pattern = "|".join(re.escape(k) for k in sorted(_UNESCAPE, key=len, reverse=True))
    return re.sub(pattern, lambda m: _UNESCAPE[m.group(0)], text)


def parse_bib(text: str):
    """Parse with pybtex (the test extra): a BibTeX syntax error fails the test."""
    database = pytest.importorskip("pybtex.database", reason="pybtex (test extra) checks BibTeX validity")
    return database.parse_string(text, "bibtex")


def test_bibtex_fields_round_trip_through_pybtex() -> None:
    bib = parse_bib(full_digest().to_bibtex())
    assert list(bib.entries) == ["arxiv:2512.17909", "arxiv:hep-th-9901001"]
    entry = bib.entries["arxiv:2512.17909"]
    assert entry.type == "misc"
    fields = entry.fields
    assert fields["title"] == "Title A"  # markdown emphasis dropped
    assert [str(p) for p in entry.persons["author"]] == ["Smith, Alice", "Li, Bob", "others"]
    assert (fields["year"], fields["month"]) == ("2025", "December")  # the month is the `dec` macro
    assert (fields["eprint"], fields["archivePrefix"]) == ("2512.17909", "arXiv")
    assert fields["url"] == "https://arxiv.org/abs/2512.17909v1"
    assert fields["abstract"] == "abs $x^2$ second"
    assert "primaryClass" not in fields
    old = bib.entries["arxiv:hep-th-9901001"].fields
    assert (old["eprint"], old["primaryClass"]) == ("hep-th/9901001", "hep-th")
    assert "year" not in old and "author" not in bib.entries["arxiv:hep-th-9901001"].persons


def test_bibtex_escapes_latex_specials_and_keeps_math_and_cjk() -> None:
    title = r"A & B: 50% of #1 a_b {c} ~d ^e back\slash $\alpha_{1}^{2}$ 中文 costs \$5"
    paper = Paper(arxiv_id="2512.00001", title=title, authors=["Zoë O'Brien", "王 小明", "Smith, J.", "Tom and Jerry"])
    text = paper_to_bibtex(paper)
    entry = parse_bib(text).entries["arxiv:2512.00001"]
    field = entry.fields["title"]
    assert "$\\alpha_{1}^{2}$" in field  # math kept as math
    assert "中文" in field
    # Outside math every special is escaped, and unescaping gives the title back (markdown's "\$" is "$").
    assert unescape(field) == title.replace(r"\$", "$")
    assert re.search(r"(?<!\\)[&%#_~^]", field.replace("$\\alpha_{1}^{2}$", "")) is None
    names = [str(p) for p in entry.persons["author"]]
    assert names == ["O'Brien, Zoë", "{王 小明}", "{Smith, J.}", "{Tom and Jerry}"]
    assert text.count("{") == text.count("}")


def test_bibtex_math_that_would_unbalance_braces_is_escaped() -> None:
    paper = Paper(arxiv_id="2512.00002", title=r"Bad $\{x$ and 100% $a % b$")
    text = paper_to_bibtex(paper)
    fields = parse_bib(text).entries["arxiv:2512.00002"].fields
    assert r"\$\textbackslash{}\textbraceleft{}x\$" in fields["title"]
    assert r"$a \% b$" in fields["title"]  # % would start a LaTeX comment even inside math


def test_bibtex_keys_are_stable_and_unique_within_an_export() -> None:
    paper = Paper(arxiv_id="2512.17909", version=1, title="T")
    again = Paper(arxiv_id="2512.17909", version=2, title="T v2")
    text = papers_to_bibtex([paper, again, paper, Paper(arxiv_id="2512.17907", title="U")])
    assert list(parse_bib(text).entries) == ["arxiv:2512.17909", "arxiv:2512.17909a", "arxiv:2512.17909b", "arxiv:2512.17907"]
    assert papers_to_bibtex([paper]) == papers_to_bibtex([paper])


def test_bibtex_of_a_parsed_digest_and_without_abstracts() -> None:
    digest = parse_digest(SAMPLE)
    bib = parse_bib(digest.to_bibtex())
    second = bib.entries["arxiv:2512.17907"]
    assert second.fields["title"] == "第二篇：扩散模型"
    assert [str(p) for p in second.persons["author"]] == ["张三", "others"]
    assert bib.entries["arxiv:2512.17909"].fields["abstract"] == r"abs with $x^2$ \& 50\%"
    assert "abstract" not in parse_bib(papers_to_bibtex(digest.papers, abstract=False)).entries["arxiv:2512.17909"].fields
    assert parse_bib(digest.papers[0].to_bibtex()).entries["arxiv:2512.17909"].fields["eprint"] == "2512.17909"


def test_bibtex_survives_a_hand_made_paper_with_odd_id() -> None:
    paper = Paper(arxiv_id="x{1}, y%", title="T", authors=["", "  "])
    entry = parse_bib(paper_to_bibtex(paper)).entries["arxiv:x-1---y-"]
    assert unescape(entry.fields["eprint"]) == "x{1}, y%" and "author" not in entry.persons


def test_latex_escape_is_balanced() -> None:
    escaped = latex_escape("{{}} \\ } {")
    assert escaped.count("{") == escaped.count("}")


# -- MyST and rST pages ------------------------------------------------------------------------------

HOSTILE_ABSTRACTS = [
    ".. raw:: html\n\n   <script>alert(1)</script>",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "(label)=\n\n% comment\n\n+++\n\n1. one\n\n> quote\n\n# Heading",
    "$<img src=x onerror=alert(1)>$ {raw}`<b>` :raw:`<b>` *a*b `x` |sub| [1]_ javascript:alert(1) <https://ok.org>",
    "[x](javascript:alert(1)) [y](ftp://h/f) ![i](https://x.org/i.png) ends with::",
    "$$\n\\frac{1}{2} <script>\n$$",
]
HOSTILE_TITLES = ["# T <b>x</b>", "1. Intro", "`code` title", ".. raw:: html", "{raw}`x`", "第二篇：扩散模型"]


def hostile_digest() -> Digest:
    papers = [
        Paper(arxiv_id=f"2512.{17900 + i}", title=t, abstract=a, authors=["A_b", "C*d"], date=dt.date(2025, 1, 2))
        for i, (t, a) in enumerate(zip(HOSTILE_TITLES, HOSTILE_ABSTRACTS))
    ]
    return Digest(papers=papers, title="Digest <i>x</i>")


def rst_doctree(text: str) -> tuple[nodes.document, str]:
    warnings = io.StringIO()
    tree = publish_doctree(text, settings_overrides={"warning_stream": warnings, "report_level": 1})
    return tree, warnings.getvalue()


def myst_doctree(text: str) -> tuple[nodes.document, str]:
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from myst_parser.parsers.docutils_ import Parser

    settings = get_default_settings(Parser)
    settings.warning_stream = warnings = io.StringIO()
    settings.report_level = 1
    document = new_document("page.md", settings)
    Parser().parse(text, document)
    return document, warnings.getvalue()


def check_page(tree: nodes.document) -> list[str]:
    """No raw output and only http(s) links; returns the section titles."""
    assert not list(tree.findall(nodes.raw))
    for ref in tree.findall(nodes.reference):
        assert ref.get("refuri", "").startswith(("http://", "https://")), ref
    return [section[0].astext() for section in tree.findall(nodes.section)]


@pytest.mark.parametrize(("render", "parse"), [(digest_to_rst, rst_doctree), (digest_to_myst, myst_doctree)])
def test_pages_keep_hostile_text_as_text(render, parse) -> None:
    tree, warnings = parse(render(hostile_digest()))
    assert warnings == ""
    titles = check_page(tree)
    assert titles[-len(HOSTILE_TITLES):] == ["# T <b>x</b>", "1. Intro", "code title", ".. raw:: html", "{raw}x", "第二篇：扩散模型"]
    text = tree.astext()
    for visible in ("<script>alert(1)</script>", "(label)=", "% comment", "javascript:alert(1)", ":raw:<b>", "ends with::"):
        assert visible in text, visible
    refs = {ref["refuri"] for ref in tree.findall(nodes.reference)}
    assert {"https://ok.org", "https://x.org/i.png"} <= refs
    assert len(list(tree.findall(nodes.math_block))) == 1


@pytest.mark.parametrize(("render", "parse"), [(digest_to_rst, rst_doctree), (digest_to_myst, myst_doctree)])
def test_pages_list_each_paper(render, parse) -> None:
    digest = parse_digest(SAMPLE)
    tree, warnings = parse(render(digest))
    assert warnings == ""
    assert check_page(tree)[-2:] == ["Title A", "第二篇：扩散模型"]
    text = tree.astext()
    for expected in ("Alice Smith, Bob Li", "张三 et al.", "arXiv:2512.17909v1", "2025-12-22", "第一段。", "x^2"):
        assert expected in text, expected
    refs = [ref["refuri"] for ref in tree.findall(nodes.reference)]
    assert "https://arxiv.org/abs/2512.17909v1" in refs and "https://arxiv.org/pdf/2512.17907v2" in refs
    assert list(tree.findall(nodes.math))  # $x^2$ became a math role


def test_pages_accept_a_selection() -> None:
    digest = parse_digest(SAMPLE)
    page = digest_to_myst(digest, digest.select(limit=1))
    assert "## Title A" in page and "第二篇" not in page and "1 paper, 2025-12-22." in page
