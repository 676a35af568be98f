"""The parser and model on their own: no Sphinx involved."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sphinx_arxivdigest import (
    DigestError,
    anchor_for,
    load_digest,
    parse_arxiv_id,
    parse_digest,
)
from sphinx_arxivdigest.reading.pipe_tables import split_cells

HERE = Path(__file__).resolve().parent
SEED = HERE / "seed" / "arxiv-2025-12-22.md"  # copies of ../shared (see tests/corpus/SOURCES.md)
CORPUS = HERE / "corpus"

REFERENCE = """\
# arxiv 2025-12-22

| 标题 | 作者 | PDF链接 |  摘要 |
|------|------|--------|------|
| 第一篇 | Alice Zhang | [PDF](https://arxiv.org/pdf/2512.17909v1) | 单行摘要。 |
| 第二篇 | Bob Li | [PDF](https://arxiv.org/pdf/2512.17907v2) | 第一段。

第二段，含 $x^2$ 和 https://example.org/a 。

第三段。 |
| 第三篇 | Carol Wu | [PDF](https://arxiv.org/pdf/2512.17900v1) | 最后。 |
"""


def test_reference_format_rows_spanning_lines() -> None:
    digest = parse_digest(REFERENCE)
    assert digest.problems == []
    assert digest.date == dt.date(2025, 12, 22)
    assert digest.title == "arxiv 2025-12-22"
    assert [p.arxiv_id for p in digest.papers] == ["2512.17909", "2512.17907", "2512.17900"]
    assert [p.version for p in digest.papers] == [1, 2, 1]
    second = digest.papers[1]
    assert second.abstract.split("\n\n") == ["第一段。", "第二段，含 $x^2$ 和 https://example.org/a 。", "第三段。"]
    assert second.line == 6 and digest.papers[2].line == 11
    assert second.pdf_url == "https://arxiv.org/pdf/2512.17907v2"
    assert second.abs_url == "https://arxiv.org/abs/2512.17907v2"
    assert all(p.date == dt.date(2025, 12, 22) for p in digest.papers)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")
def test_seed_digest_all_ten_papers() -> None:
    digest = load_digest(SEED)
    assert digest.problems == []
    assert len(digest.papers) == 10
    ids = [p.arxiv_id for p in digest.papers]
    assert ids[0] == "2512.17909" and ids[-1] == "2512.17893" and len(set(ids)) == 10
    third = digest.papers[2]
    assert third.title == "灵巧世界模型" and third.authors == ["Byungjun Kim"]
    assert len(third.abstract.split("\n\n")) == 3
    assert third.abstract.endswith("实现了从第一人称动作出发的具身模拟。")
    assert digest.papers[-1].authors == ["Sven Benjamin Kožić"]


def test_english_headers_synonyms_and_dates() -> None:
    text = (
        "| Paper | Author | Link | Summary | Publish Date | Code |\n"
        "|:---|---|---|---|---:|---|\n"
        "| A *study* | Ann One, Bo Two and Cy Three | https://arxiv.org/abs/2401.00001v3 | Short. | 2024.01.02 | "
        "[repo](https://github.com/x/y) |\n"
    )
    (paper,) = parse_digest(text).papers
    assert paper.title == "A *study*"
    assert paper.authors == ["Ann One", "Bo Two", "Cy Three"]
    assert (paper.arxiv_id, paper.version) == ("2401.00001", 3)
    assert paper.abstract == "Short."
    assert paper.date == dt.date(2024, 1, 2)
    assert paper.code_url == "https://github.com/x/y"


def test_cv_arxiv_daily_rows_topics_and_nulls() -> None:
    text = (
        "## Updated on 2025.03.25\n\n## Robotics\n\n"
        '{{< table "table-responsive" >}}\n'
        "|Publish Date|Title|Authors|PDF|Code|\n|---|---|---|---|---|\n"
        "|**2024-07-01**|**HDN:Hybrid -- nets**|Björn Nöttgen et.al.|[2407.01292](http://arxiv.org/abs/2407.01292)|null|\n"
        "|**2024-07-02**|**Second**|Eve et.al.|[2407.01293](http://arxiv.org/abs/2407.01293)"
        "|**[link](https://github.com/a/b)**|\n"
        "{{< /table >}}\n\n## Vision\n\n"
        "|Publish Date|Title|Authors|PDF|Code|\n|---|---|---|---|---|\n"
        "|**2024-07-03**|**Third**|Zed et.al.|2407.01294|null|\n"
    )
    digest = parse_digest(text)
    assert digest.problems == []
    first, second, third = digest.papers
    assert first.title == "HDN:Hybrid -- nets" and first.authors == ["Björn Nöttgen"] and first.authors_truncated
    assert first.date == dt.date(2024, 7, 1) and first.code_url == ""
    assert first.abs_url == "https://arxiv.org/abs/2407.01292"  # arxiv.org links made canonical
    assert second.code_url == "https://github.com/a/b"
    assert [p.topic for p in digest.papers] == ["Robotics", "Robotics", "Vision"]
    assert third.arxiv_id == "2407.01294"


def test_escaped_pipes_code_spans_html_and_empty_cells() -> None:
    text = (
        "| Title | Authors | PDF | Abstract |\n|---|---|---|---|\n"
        r"| A \| B | X | [PDF](https://arxiv.org/pdf/2501.00001) | uses `a|b` and <b>bold</b> |" "\n"
        "| C |  | [PDF](https://arxiv.org/pdf/2501.00002) |  |\n"
    )
    digest = parse_digest(text)
    assert digest.problems == []
    first, second = digest.papers
    assert first.title == "A | B"
    assert first.abstract == "uses `a|b` and <b>bold</b>"
    assert second.authors == [] and second.abstract == ""


def test_crlf_bom_trailing_spaces_and_several_tables() -> None:
    body = (
        "\ufeff# Digest 2024-05-06  \r\n\r\n"
        "| Title | PDF |  \r\n|---|---|\r\n| One | https://arxiv.org/abs/2405.00001 |  \r\n\r\n"
        "Some text between.\r\n\r\n"
        "| Title | PDF |\r\n|---|---|\r\n| Two | https://arxiv.org/abs/hep-th/9901001v2 |\r\n"
    )
    digest = parse_digest(body)
    assert digest.problems == []
    assert digest.date == dt.date(2024, 5, 6)
    assert [(p.arxiv_id, p.version, p.line) for p in digest.papers] == [
        ("2405.00001", None, 5),
        ("hep-th/9901001", 2, 11),
    ]
    assert digest.papers[1].anchor == "arxiv-hep-th-9901001"


def test_bad_rows_are_problems_with_lines_and_parsing_goes_on() -> None:
    text = (
        "| Title | Authors | PDF | Abstract |\n|---|---|---|---|\n"
        "| Good | A | [PDF](https://arxiv.org/pdf/2501.00001) | ok |\n"
        "| No link | A | none | x |\n"
        "| Short | [PDF](https://arxiv.org/pdf/2501.00003) | y |\n"
        "| Long | A | [PDF](https://arxiv.org/pdf/2501.00004) | z | extra |\n"
        "| Last | A | [PDF](https://arxiv.org/pdf/2501.00005) | end |\n"
    )
    digest = parse_digest(text)
    messages = [(p.line, p.message) for p in digest.problems]
    assert (4, "row has no arXiv id or arxiv.org link; skipped") in messages
    assert (5, "table row has 3 cells, the header has 4") in messages
    assert (6, "table row has 5 cells, the header has 4") in messages
    assert [p.arxiv_id for p in digest.papers] == ["2501.00001", "2501.00003", "2501.00004", "2501.00005"]
    assert digest.papers[2].abstract == "z | extra"


def test_unclosed_row_does_not_swallow_the_rest() -> None:
    text = (
        "| Title | PDF | Abstract |\n|---|---|---|\n"
        "| Broken | [PDF](https://arxiv.org/pdf/2501.00001)\n"
        "\n"
        "just text\n"
    )
    digest = parse_digest(text)
    assert [p.line for p in digest.problems] == [3]
    assert "never closed" in digest.problems[0].message
    assert [p.arxiv_id for p in digest.papers] == ["2501.00001"]


def test_no_table_is_a_problem() -> None:
    digest = parse_digest("# Nothing here\n\nJust prose.\n")
    assert digest.papers == []
    assert [(p.line, p.message) for p in digest.problems] == [
        (1, "no paper table or paper entries found in this digest")
    ]


def test_load_digest_errors(tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="not found"):
        load_digest(tmp_path / "missing.md")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# t\n\n\xff\xfe broken\n")
    with pytest.raises(DigestError, match="not valid UTF-8") as info:
        load_digest(bad)
    assert info.value.line == 3
    with pytest.raises(DigestError, match="directory"):
        load_digest(tmp_path)


def test_ids_and_anchors() -> None:
    assert parse_arxiv_id("2512.17909v1") == ("2512.17909", 1)
    assert parse_arxiv_id("arXiv:hep-th/9901001") == ("hep-th/9901001", None)
    assert parse_arxiv_id("math.GT/0309136v2") == ("math.GT/0309136", 2)
    assert parse_arxiv_id("not an id") is None
    assert anchor_for("2512.17909v1") == "arxiv-2512-17909"
    assert anchor_for("hep-th/9901001") == "arxiv-hep-th-9901001"


def test_split_cells() -> None:
    assert split_cells("| a | b\\|c | `x|y` |") == ["a", "b|c", "`x|y`"]
    assert split_cells("a | b") == ["a", "b"]
    assert split_cells("|  |") == [""]


def test_select_filter_sort_limit() -> None:
    text = (
        "| Title | PDF | Date | Abstract |\n|---|---|---|---|\n"
        "| Beta | 2501.00002 | 2025-01-02 | Graph networks |\n"
        "| alpha | 2501.00001 | | Graph theory |\n"
        "| Gamma | 2501.00003 | 2025-01-03 | Vision |\n"
    )
    digest = parse_digest(text)
    assert [p.title for p in digest.select(filter="GRAPH")] == ["Beta", "alpha"]
    assert [p.title for p in digest.select(filter="graph networks")] == ["Beta"]
    assert [p.title for p in digest.select(sort="title")] == ["alpha", "Beta", "Gamma"]
    assert [p.title for p in digest.select(sort="-date")] == ["Gamma", "Beta", "alpha"]
    assert [p.title for p in digest.select(sort="date")] == ["Beta", "Gamma", "alpha"]
    assert [p.title for p in digest.select(sort="-id", limit=2)] == ["Gamma", "Beta"]
    with pytest.raises(ValueError):
        digest.select(sort="colour")


def _manifest_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in (CORPUS / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        cells = split_cells(line)  # the Format column holds escaped pipes
        if len(cells) > 5 and cells[0].startswith("`") and cells[0].endswith(".md`"):
            match = re.match(r"\d+", cells[5])
            if match:
                counts[cells[0].strip("`")] = int(match.group())
    return counts


@pytest.mark.skipif(not (CORPUS / "MANIFEST.md").exists(), reason="../shared/corpus is not beside this checkout")
def test_corpus_counts_match_manifest() -> None:
    counts = _manifest_counts()
    files = sorted(p.name for p in CORPUS.glob("*.md") if p.name != "MANIFEST.md")
    # The first batch's table has an "Entries kept" column; the second batch is scored against
    # expect.json by test_reading_corpus.py.
    assert len(counts) == 4 and set(counts) <= set(files), "every first-batch file is listed in the manifest"
    for name, expected in counts.items():
        digest = load_digest(CORPUS / name)
        ids = [p.arxiv_id for p in digest.papers]
        assert len(ids) == expected, (name, digest.problems)
        assert len(set(ids)) == expected, name
        assert all(p.title and p.line > 0 for p in digest.papers), name
        assert digest.problems == [], (name, digest.problems)


def test_only_http_links_are_kept_and_others_reported() -> None:
    text = (
        "| Title | arXiv ID | PDF | Code | Abstract |\n|---|---|---|---|---|\n"
        "| Evil | 2501.00001 | [PDF](javascript:alert(1)) | [c](data:text/html,x) | ok |\n"
        "| Fine | https://arxiv.org/abs/2501.00002 | [PDF](http://example.org/paper.pdf) | | ok |\n"
    )
    digest = parse_digest(text)
    assert [(p.line, p.message) for p in digest.problems] == [
        (3, "PDF link 'javascript:alert(1)' is not http(s); it is not linked"),
        (3, "code link 'data:text/html,x' is not http(s); it is not linked"),
    ]
    evil, fine = digest.papers
    assert evil.pdf_url == "https://arxiv.org/pdf/2501.00001" and evil.code_url == ""
    assert fine.pdf_url == "http://example.org/paper.pdf"
    assert fine.abs_url == "https://arxiv.org/abs/2501.00002"
