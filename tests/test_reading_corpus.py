"""The reader scored on real digests: the hand-read answer key (tests/corpus/expect.json), the
first-batch counts of the manifest and the seed digest.

Values are compared as README-second-batch.md describes: the visible text (markup removed, entities
decoded, backslash escapes resolved, whitespace collapsed). ``pytest -s`` prints each file's score.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from sphinx_arxivdigest import load_digest

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXPECT = json.loads((CORPUS / "expect.json").read_text(encoding="utf-8"))
FIELDS = ("title", "authors", "truncated", "abstract_start", "abstract_end", "date")

_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>", re.S)
_LINK = re.compile(r"!?\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"
                       r"|(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def visible(text: str | None) -> str | None:
    """The comparison normaliser: markup off, escapes resolved, entities decoded, whitespace collapsed."""
    if text is None:
        return None
    text = _TAG.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):
        text = _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:] if g is not None), text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return " ".join(text.split())


def _ends(paper) -> tuple[str | None, str | None]:
    text = visible(paper.abstract) or visible(paper.summary)
    if not text:
        return None, None
    return visible(text[:40]), visible(text[-40:])  # the key's ends are trimmed after slicing


def score(name: str) -> tuple[int, int, int, int, list[str]]:
    """(ids right, ids expected, fields right, fields compared, first differences) for one file."""
    expected = EXPECT[name]
    digest = load_digest(CORPUS / name)
    got_ids = [p.arxiv_id for p in digest.papers]
    want_ids = [e["id"] for e in expected]
    ids_right = sum(g == w for g, w in zip(got_ids, want_ids)) if len(got_ids) == len(want_ids) else 0
    right = total = 0
    misses: list[str] = []
    by_position = list(zip(digest.papers, expected)) if got_ids == want_ids else []
    for paper, want in by_position:
        start, end = _ends(paper)
        got = {
            "title": visible(paper.title),
            "authors": [visible(a) for a in paper.authors],
            "truncated": paper.authors_truncated,
            "abstract_start": start,
            "abstract_end": end,
            "date": paper.date.isoformat() if paper.date else None,
        }
        for key in FIELDS:
            value = want.get(key, False) if key == "truncated" else want[key]
            if key in ("title", "abstract_start", "abstract_end"):
                value = visible(value)
            total += 1
            if got[key] == value:
                right += 1
            elif len(misses) < 6:
                misses.append(f"{want['id']} {key}: got {got[key]!r}, expected {value!r}")
    if not by_position and want_ids:
        total = len(expected) * len(FIELDS)
        misses.append(f"ids differ: got {got_ids[:5]}..., expected {want_ids[:5]}...")
    return ids_right, len(want_ids), right, total, misses


def test_corpus_answer_key_scores() -> None:
    lines, all_ids, all_fields, failures = [], [0, 0], [0, 0], []
    for name in EXPECT:
        ids_right, ids_total, right, total, misses = score(name)
        all_ids[0] += ids_right
        all_ids[1] += ids_total
        all_fields[0] += right
        all_fields[1] += total
        lines.append(f"{name[:60]:60} ids {ids_right:3}/{ids_total:<3} fields {right:4}/{total:<4}")
        lines += [f"    {miss}" for miss in misses[:3]]
        if ids_right != ids_total:
            failures.append(name)
    lines.append(f"{'TOTAL':60} ids {all_ids[0]}/{all_ids[1]} fields {all_fields[0]}/{all_fields[1]} "
                 f"({100 * all_fields[0] / max(1, all_fields[1]):.1f}%)")
    report = "\n".join(lines)
    print("\n" + report)
    assert not failures, report
    assert all_fields[0] >= 0.98 * all_fields[1], report


def test_corpus_files_account_for_every_identifier() -> None:
    for name in EXPECT:
        digest = load_digest(CORPUS / name)
        read = {p.arxiv_id for p in digest.papers}
        assert digest.identifiers_seen == len(read), (name, digest.problems)
        assert all(p.title and p.line > 0 for p in digest.papers), name


def test_empty_digest_reads_no_entries() -> None:
    digest = load_digest(CORPUS / "audi0417__daily-arxiv-ai-summary__2025-06-11.md")
    assert digest.papers == [] and digest.identifiers_seen == 0


@pytest.mark.parametrize("name, count", [
    ("vincentqyw__cv-arxiv-daily__readme.md", 55),
    ("vincentqyw__cv-arxiv-daily__today-md.md", 3),
    ("csqiandong__awesome-arxiv-daily-reporter__rag-related-papers.md", 8),
    ("shiyibihua__arxiv-daily__cs-cl-2025-08-12-index.md", 10),
])
def test_first_batch_counts(name: str, count: int) -> None:
    digest = load_digest(CORPUS / name)
    assert len(digest.papers) == count and digest.problems == []


def test_seed_digest() -> None:
    digest = load_digest(HERE / "seed" / "arxiv-2025-12-22.md")
    assert len(digest.papers) == 10 and digest.problems == []
    assert digest.identifiers_seen == 10 and digest.layouts == ["pipe table"]


# --- rules of issue 12 on small inputs ----------------------------------------------------------

from sphinx_arxivdigest import parse_digest  # noqa: E402


def test_every_identifier_ends_in_a_paper_or_a_located_problem() -> None:
    text = ("# Digest\n\nSee arXiv 2507.06993 for details.\n\n"
            "- **A paper** [arXiv](https://arxiv.org/abs/2501.00001)\n\n"
            "**B paper** [arXiv](https://arxiv.org/abs/2501.00002)\n\n"
            "## 7\n\n[arXiv](https://arxiv.org/abs/2501.00003)\n\n"
            "Not papers: https://arxiv.org/ and https://arxiv.org/list/cs.AI/recent\n")
    digest = parse_digest(text)
    assert [(p.arxiv_id, p.title) for p in digest.papers] == [("2501.00001", "A paper"), ("2501.00002", "B paper")]
    assert [(p.line, p.message) for p in digest.problems] == [
        (3, "arXiv 2507.06993 is not in any paper entry"),
        (9, "entry for arXiv 2501.00003 has no title ('7'); skipped"),
    ]
    assert digest.identifiers_seen == 4
    assert digest.layouts == ["list items", "paragraphs"]


def test_translation_summary_and_truncated_authors() -> None:
    text = ("# 2025-12-01 日报\n\n## LLM\n\n### [读心还是误读](https://arxiv.org/abs/2511.23101v1)\n\n"
            "**原文**: Mind Reading or Misreading?\n\n**作者**: A One、B Two 等 5 位作者\n\n"
            "**中文概述**: 该论文测试了模型。\n\n---\n")
    (paper,) = parse_digest(text).papers
    assert (paper.title, paper.title_translation) == ("Mind Reading or Misreading?", "读心还是误读")
    assert paper.authors == ["A One", "B Two"] and paper.authors_truncated
    assert paper.summary == "该论文测试了模型。" and paper.abstract == ""
    assert paper.topic == "LLM" and paper.date.isoformat() == "2025-12-01" and paper.version == 1


def test_selective_block_parse_reads_as_the_full_parse(monkeypatch) -> None:
    """markdown-it parses only the stretches where an identifier may sit in a list or blockquote:
    every corpus file must read exactly as with the whole file parsed."""
    from sphinx_arxivdigest.reading import document, structure

    def shape(digest):
        return [(p.arxiv_id, p.title, p.authors, p.abstract, p.summary, p.date, p.topic, p.line)
                for p in digest.papers], [(p.line, p.message) for p in digest.problems]

    names = [*EXPECT, "vincentqyw__cv-arxiv-daily__today-md.md",
             "csqiandong__awesome-arxiv-daily-reporter__rag-related-papers.md"]
    selective = {name: shape(load_digest(CORPUS / name)) for name in names}
    monkeypatch.setattr(document, "block_units", lambda lines, skip, ids: structure.block_units(lines, skip, None))
    for name in names:
        assert shape(load_digest(CORPUS / name)) == selective[name], name


@pytest.mark.parametrize("text, iso", [
    ("2025-09-19", "2025-09-19"), ("20250710", "2025-07-10"), ("2025/09/19", "2025-09-19"),
    ("**2025-03-31**", "2025-03-31"), ("06/11/2025", "2025-06-11"), ("14 August, 2024", "2024-08-14"),
    ("2025年3月19日", "2025-03-19"), ("August 14, 2024", "2024-08-14"), ("2021.6", None),
    # the case-insensitive search matches a long s or a Kelvin sign too: no KeyError, a date or none
    ("ſep 2, 2024", "2024-09-02"), ("2 \u212aan 2024", None), ("İapr 2, 2024", None),
])
def test_bot_date_formats(text: str, iso: str | None) -> None:
    from sphinx_arxivdigest.reading.dates import parse_date

    date = parse_date(text)
    assert (date.isoformat() if date else None) == iso


@pytest.mark.parametrize("raw, title", [
    ("1. Title here", "Title here"), ("[new 001] A Paper on X", "A Paper on X"), ("[en] Another Paper", "Another Paper"),
    ("`cs.AI` - Agents That Plan", "Agents That Plan"), ("Some Paper Title PDF, HTML", "Some Paper Title"),
    ("Title With Back [[back]](#toc)", "Title With Back"), ("1️⃣ Woosh: A Model", "Woosh: A Model"),
])
def test_titles_are_cleaned(raw: str, title: str) -> None:
    from sphinx_arxivdigest.reading.clean import clean_title

    assert clean_title(raw) == title


@pytest.mark.parametrize("raw, names, truncated", [
    ("A, B and C", ["A", "B", "C"], False), ("A; B、C", ["A", "B", "C"], False),
    ("A, B et al.", ["A", "B"], True), ("A, B, et.al.", ["A", "B"], True), ("张三、李四等", ["张三", "李四"], True),
    ("张三 等 5 位作者", ["张三"], True), ("A, B, ..., Y, Z", ["A", "B", "Y", "Z"], True),
    ("Liu, Pengfei, Weizhe Yuan, and Graham Neubig", ["Liu, Pengfei", "Weizhe Yuan", "Graham Neubig"], False),
    ("Ada, Bo, Cy", ["Ada", "Bo", "Cy"], False), ("张三, 李四, 王五", ["张三", "李四", "王五"], False),
])
def test_author_lists(raw: str, names: list[str], truncated: bool) -> None:
    from sphinx_arxivdigest.reading.clean import split_authors

    assert split_authors(raw) == (names, truncated)


@pytest.mark.parametrize("line, names", [
    (r"*Yi Sun\*, Yu Zheng\*, Chao Hao* [[pdf](https://arxiv.org/abs/2109.03564)], 2021.9",
     ["Yi Sun*", "Yu Zheng*", "Chao Hao"]),
    (r"*Yuxian Gu\*, Xu Han\*, Minlie Huang.* [[pdf](https://arxiv.org/abs/2109.04332)], 2021.9",
     ["Yuxian Gu*", "Xu Han*", "Minlie Huang"]),
])
def test_escaped_marks_in_emphasised_authors(line: str, names: list[str]) -> None:
    """An escaped ``\\*`` (equal contribution) inside ``*...*`` neither ends the emphasis nor is lost."""
    digest = parse_digest(f"# Papers\n\n1. **A Paper About Things**\n\n   {line}\n")
    assert [p.authors for p in digest.papers] == [names]
