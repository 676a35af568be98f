"""HTML tables and heading-per-paper digests, read by the whole reader (no Sphinx).

Inline samples make the tests run anywhere; the shared real-world corpus is used when present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from sphinx_arxivdigest import parse_digest

CORPUS = Path(__file__).resolve().parent / "corpus"  # copied from ../shared (see corpus/SOURCES.md)
_NOTHING = "no paper table or paper entries found in this digest"


def _read(text: str, layouts: set[str], default_date: dt.date | None) -> SimpleNamespace:
    """The whole reader, seen through one kind of layout (the readers are no longer separate)."""
    digest = parse_digest(text)
    for paper in digest.papers:
        paper.date = paper.date or default_date
    return SimpleNamespace(papers=digest.papers, found=bool(layouts & set(digest.layouts)),
                           problems=[p for p in digest.problems if p.message != _NOTHING], layouts=digest.layouts)


def html(text: str, default_date: dt.date | None = None) -> SimpleNamespace:
    return _read(text, {"HTML table"}, default_date)


def entries(text: str, default_date: dt.date | None = None) -> SimpleNamespace:
    return _read(text, {"heading sections", "list items", "blockquotes", "HTML blocks", "paragraphs"}, default_date)


def corpus(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} not available")
    return path.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


# --- HTML tables -------------------------------------------------------------------------------

HTML_SAMPLE = """\
---
layout: default
---

# Digest（2025-08-12）

<h2 id="topic-a">🔬 Topic A (3 篇)</h2>

<table>
<thead>
<tr><th>#</th><th>题目</th><th>一句话要点</th><th>标签</th><th>🔗</th><th>⭐</th></tr>
</thead>
<tbody>
<tr>
  <td>1</td>
  <td><a href="./papers/250809016v4-a-survey.html">A Survey &amp; [Review]</a></td>
  <td>提出无训练对齐方法</td>
  <td class="tags-cell"><span class="paper-tag">large language model</span> <span class="paper-tag">rag</span></td>
  <td></td>
  <td><button data-arxiv-id="2508.09016v4" onclick="toggleFavorite(this, 'x')">☆</button></td>
</tr>
<tr>
  <td>2</td>
  <td><a href="./papers/250809035v2-slug-only.html">Slug <b>Only</b> Paper</a><script>alert(1)</script></td>
  <td>只有链接</td>
  <td></td>
  <td>✅</td>
  <td></td>
</tr>
<tr>
  <td>3</td>
  <td><a href="javascript:alert(2)">No Id Here</a></td>
  <td>坏行</td>
  <td></td>
  <td></td>
  <td></td>
</tr>
<tr>
  <td>4</td>
  <td><a href="https://arxiv.org/abs/2401.00001v3">Linked Paper</a></td>
  <td>链接</td>
  <td></td>
  <td></td>
  <td></td>
</tr>
<tr>
  <td>5</td>
  <td><a href="./papers/250801234v1-cut.html">Cut Off</a></td>
  <td>被截断"""


def test_html_table_rows_become_papers() -> None:
    result = html(HTML_SAMPLE, default_date=dt.date(2025, 8, 12))
    assert result.found
    assert [p.versioned_id for p in result.papers] == ["2508.09016v4", "2508.09035v2", "2401.00001v3"]
    first, second, third = result.papers
    assert first.title == "A Survey & [Review]"
    assert (first.arxiv_id, first.version) == ("2508.09016", 4)
    assert first.extra == {"一句话要点": "提出无训练对齐方法", "标签": "large language model, rag"}
    assert first.abstract == "" and first.authors == []
    assert first.topic == "🔬 Topic A (3 篇)"
    assert first.date == dt.date(2025, 8, 12)
    assert first.line == line_of(HTML_SAMPLE, "a-survey.html") - 2 == 14  # the <tr> line
    assert first.abs_url == "https://arxiv.org/abs/2508.09016v4"
    assert second.title == "Slug Only Paper"
    assert third.title == "Linked Paper" and third.abs_url == "https://arxiv.org/abs/2401.00001v3"


def test_html_table_output_is_plain_text() -> None:
    for paper in html(HTML_SAMPLE).papers:
        for value in [paper.title, paper.abstract, *paper.extra.values()]:
            assert "<" not in value and "alert" not in value and "☆" not in value


def test_html_table_problems_and_unclosed_table() -> None:
    result = html(HTML_SAMPLE)
    lines = HTML_SAMPLE.split("\n")
    no_id = next(i for i, line in enumerate(lines, 1) if "No Id Here" in line) - 2  # the <tr> lines
    cut = next(i for i, line in enumerate(lines, 1) if "Cut Off" in line) - 2
    assert [(p.line, "arXiv id" in p.message) for p in result.problems] == [(no_id, True), (cut, False)]
    assert "cut off" in result.problems[1].message


def test_html_headerless_table_and_fenced_table() -> None:
    text = """\
## Picks

<table><tr><td>1</td><td data-arxiv-id="2312.00752">Mamba: Linear-Time Sequence Modeling</td></tr>
<tr><td>2</td><td><a href="http://arxiv.org/pdf/2106.09685v2.pdf">LoRA</a></td></tr></table>

```html
<table><tr><th>Title</th><th>PDF</th></tr><tr><td>Fenced</td><td>2501.00001</td></tr></table>
```
"""
    result = html(text)
    assert [(p.versioned_id, p.title, p.topic, p.line) for p in result.papers] == [
        ("2312.00752", "Mamba: Linear-Time Sequence Modeling", "Picks", 3),
        ("2106.09685v2", "LoRA", "Picks", 4),
    ]
    # No header names a PDF column, so the canonical URL is used.
    assert result.papers[1].pdf_url == "https://arxiv.org/pdf/2106.09685v2"


def test_html_table_without_papers_is_not_found() -> None:
    text = "<table>\n<tr><th>Name</th><th>Score</th></tr>\n<tr><td>x</td><td>1</td></tr>\n</table>\n"
    result = html(text)
    assert not result.found and not result.papers and not result.problems
    assert not html("# Nothing\n\nJust text < and > here.\n").found


def test_html_corpus_shiyibihua() -> None:
    text = corpus("shiyibihua__arxiv-daily__cs-cl-2025-08-12-index.md")
    result = html(text)
    assert result.found and not result.problems
    assert len(result.papers) == 10
    ids = [p.versioned_id for p in result.papers]
    assert ids == ["2508.09016v4", "2508.09035v1", "2508.09323v1", "2508.08879v1", "2508.08719v2",
                   "2508.09337v3", "2508.09115v4", "2508.09101v1", "2508.09091v3", "2508.09125v1"]
    first, last = result.papers[0], result.papers[-1]
    assert first.title == "A Survey on Training-free Alignment of Large Language Models"
    assert result.papers[1].title == "P/D-Device: Disaggregated Large Language Model between Cloud and Devices"
    assert result.papers[6].title == "SinLlama -- A Large Language Model for Sinhala"
    assert last.title == "Complex Logical Instruction Generation"
    assert first.extra["标签"] == "large language model, multimodal"
    assert first.extra["一句话要点"].startswith("提出")
    assert first.topic.startswith("🔬 支柱九")
    assert first.line == line_of(text, "250809016v4") - 2 == 29  # the <tr> line
    assert result.layouts == ["HTML table"]


# --- one heading per paper ---------------------------------------------------------------------

DETAILS_SAMPLE = """\
<details>
  <summary><b>TOC</b></summary>
  <ol>
    <li><a href=#first-paper:-x>First Paper: X</a></li>
  </ol>
</details>

## NeRF  

### [First Paper: X](http://arxiv.org/abs/2401.12568v2)  
Ada Lovelace, Alan Turing  
<details>  
  <summary>Abstract</summary>  
  <ol>  
    Talking face synthesis is hard.  
    It needs <i>care</i>.  

    Second paragraph.  
  </ol>  
</details>  
**comments**: Accepted by ICASSP 2024  
  
### [Second Paper](http://arxiv.org/abs/2401.12456)  
Grace Hopper  

## Other Topic

### [Not On arXiv](https://example.org/paper)  
Someone  
"""


def test_heading_entries_with_details_abstract() -> None:
    result = entries(DETAILS_SAMPLE, default_date=dt.date(2024, 1, 23))
    assert result.found and not result.problems
    assert [(p.versioned_id, p.title, p.topic) for p in result.papers] == [
        ("2401.12568v2", "First Paper: X", "NeRF"),
        ("2401.12456", "Second Paper", "NeRF"),
    ]
    first, second = result.papers
    assert first.authors == ["Ada Lovelace", "Alan Turing"] and not first.authors_truncated
    assert first.abstract == "Talking face synthesis is hard.\nIt needs care.\n\nSecond paragraph."
    assert first.extra == {"comments": "Accepted by ICASSP 2024"}
    assert first.abs_url == "https://arxiv.org/abs/2401.12568v2"  # arxiv.org links made canonical
    assert first.pdf_url == "https://arxiv.org/pdf/2401.12568v2"
    assert first.line == line_of(DETAILS_SAMPLE, "### [First Paper")
    assert first.date == dt.date(2024, 1, 23)
    assert second.authors == ["Grace Hopper"] and second.abstract == "" and second.extra == {}


FIELDS_SAMPLE = """\
# GRASP: Municipal Budget AI Chatbots 

**Authors**: Jerry Xu, Justin Wang, Jianzhong, Zhang  

**Link**: [PDF](https://arxiv.org/pdf/2503.23299v2)  

**Abstract**: First line of the abstract with 20\\% gain
continues here.

Second paragraph at this https URL.

---
# Broken Entry Without Link 

**Authors**: Nobody  

**Abstract**: No link at all.

---
# Third Paper 

**Author:** Li Sun et al.  
**arXiv:** 2503.23671  
**Date**: 2025-03-31  
**代码**: [repo](https://github.com/x/y)  
**Keywords**: rag, llm  
**摘要**: 中文摘要。

---

```markdown
# Fenced Fake
**Link**: [PDF](https://arxiv.org/pdf/2599.00001)
```
"""


def test_heading_entries_with_fields() -> None:
    result = entries(FIELDS_SAMPLE)
    assert result.found
    assert [(p.versioned_id, p.topic) for p in result.papers] == [("2503.23299v2", None), ("2503.23671", None)]
    grasp, third = result.papers
    assert grasp.title == "GRASP: Municipal Budget AI Chatbots"
    assert grasp.authors == ["Jerry Xu", "Justin Wang", "Jianzhong", "Zhang"]
    assert grasp.abstract == ("First line of the abstract with 20\\% gain\ncontinues here.\n\n"
                              "Second paragraph at this https URL.")
    assert grasp.pdf_url == "https://arxiv.org/pdf/2503.23299v2"
    assert grasp.abs_url == "https://arxiv.org/abs/2503.23299v2"
    assert grasp.line == 1
    assert third.authors == ["Li Sun"] and third.authors_truncated
    assert third.date == dt.date(2025, 3, 31)
    assert third.code_url == "https://github.com/x/y"
    assert third.abstract == "中文摘要。"
    assert third.extra == {"Keywords": "rag, llm"}
    assert [p.line for p in result.problems] == [line_of(FIELDS_SAMPLE, "# Broken Entry")]
    assert "Broken Entry Without Link" in result.problems[0].message


def test_topic_heading_above_field_entries_is_not_a_paper() -> None:
    text = "## Retrieval\n\n### Paper A\n**Authors**: A One\n**PDF**: https://arxiv.org/pdf/2501.00001\n"
    result = entries(text)
    assert [(p.arxiv_id, p.title, p.topic, p.authors) for p in result.papers] == [
        ("2501.00001", "Paper A", "Retrieval", ["A One"])
    ]
    assert not result.problems
    assert not entries("# Digest\n\n## Topic\n\nSome text.\n").found


def test_heading_corpus_today_md() -> None:
    result = entries(corpus("vincentqyw__cv-arxiv-daily__today-md.md"))
    assert result.found and not result.problems
    assert [p.versioned_id for p in result.papers] == ["2401.12568", "2401.12456", "2401.12451"]
    assert {p.topic for p in result.papers} == {"NeRF"}
    first = result.papers[0]
    assert first.title.startswith("NeRF-AD: Neural Radiance Field with Attention-based Disentanglement")
    assert first.authors == ["Chongke Bi", "Xiaoxing Liu", "Zhilei Liu"]
    assert first.abstract.startswith("Talking face synthesis")
    assert first.abstract.endswith("https://xiaoxingliu02.github.io/NeRF-AD.")
    assert "<ol>" not in first.abstract and "\n " not in first.abstract
    assert first.extra == {"comments": "Accepted by ICASSP 2024"}
    assert result.papers[2].authors == ["Shun Fang", "Ming Cui", "Xing Feng", "Yanna Lv"]


def test_heading_corpus_rag_related() -> None:
    text = corpus("csqiandong__awesome-arxiv-daily-reporter__rag-related-papers.md")
    result = entries(text)
    assert result.found and not result.problems
    assert len(result.papers) == 8
    first = result.papers[0]
    assert first.arxiv_id == "2503.23299" and first.version is None
    assert first.title == "GRASP: Municipal Budget AI Chatbots for Enhancing Civic Engagement"
    assert first.authors == ["Jerry Xu", "Justin Wang", "Joley Leung", "Jasmine Gu"]
    assert first.pdf_url == "https://arxiv.org/pdf/2503.23299"
    assert first.topic is None and first.line == 1
    assert first.abstract.startswith("There are a growing number")
    assert "20\\%" in result.papers[-1].abstract and "---" not in result.papers[-1].abstract
    assert result.papers[4].authors[-2:] == ["Jianzhong", "Zhang"]
    assert [p.line for p in result.papers] == [line_of(text, f"# {p.title}") for p in result.papers]
    assert not html(text).found
