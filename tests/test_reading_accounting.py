"""Every identifier is accounted for: a paper, a citation inside a paper's own text, or a warning."""

from __future__ import annotations

from sphinx_arxivdigest import parse_digest

DIGEST = """\
# arxiv 2025-01-01

| 标题 | 作者 | PDF链接 | 摘要 |
|---|---|---|---|
| Paper A | Alice | [PDF](https://arxiv.org/pdf/2501.00001v1) | Builds on [Kim et al.](https://arxiv.org/abs/2403.11696). |

Also see https://arxiv.org/abs/2403.99999 which is listed nowhere.
"""


def test_an_id_cited_in_an_abstract_is_accounted_for_by_its_paper() -> None:
    digest = parse_digest(DIGEST)
    assert [p.arxiv_id for p in digest.papers] == ["2501.00001"]
    assert "2403.11696" in digest.papers[0].abstract
    assert not any("2403.11696" in problem.message for problem in digest.problems)


def test_an_id_in_prose_is_a_located_warning_and_the_title_section_is_no_paper() -> None:
    digest = parse_digest(DIGEST)
    assert digest.title == "arxiv 2025-01-01"  # the section around the table stays the digest's title
    assert [(p.line, p.message) for p in digest.problems] == [(7, "arXiv 2403.99999 is not in any paper entry")]
    # Seen: the paper and the id in prose (a table row's cited ids are part of its entry, not listings).
    assert (digest.identifiers_seen, digest.identifiers_unread) == (2, 1)
