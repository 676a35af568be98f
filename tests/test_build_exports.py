"""What the HTML build writes besides pages (papers.json, papers.bib) and each card's BibTeX."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sphinx_arxivdigest.export import PAPERS_SCHEMA_ID, papers_from_json

DIGEST = """\
# arxiv 2025-12-22

| 标题 | 作者 | PDF链接 | 摘要 |
|---|---|---|---|
| 灵巧世界模型 | Byungjun Kim | [PDF](https://arxiv.org/pdf/2512.17907v1) | 三维重建。 |
| Second & last | Ann Lee, Bo Li | [PDF](https://arxiv.org/pdf/2512.17900v2) | Uses 50% less. |
"""
PAGES = {
    "digests/d.md": DIGEST,
    "index.rst": "Home\n====\n\n.. toctree::\n\n   hidden\n\n.. arxiv-digest:: digests/d.md\n",
    "hidden.rst": "Hidden\n======\n\n.. arxiv-digest:: digests/d.md\n   :no-index:\n",
}


def test_html_build_writes_papers_json_and_bib(project) -> None:
    app = project.build(PAGES)
    out = Path(app.outdir)
    data = json.loads((out / "papers.json").read_text(encoding="utf-8"))
    assert data["schema"] == PAPERS_SCHEMA_ID and data["project"] == "Digest test"
    assert [p["arxiv_id"] for p in data["papers"]] == ["2512.17907", "2512.17900"]
    assert [p.title for p in papers_from_json((out / "papers.json").read_text(encoding="utf-8"))] == [
        "灵巧世界模型", "Second & last"
    ]
    pybtex = pytest.importorskip("pybtex.database")
    bib = pybtex.parse_string((out / "papers.bib").read_text(encoding="utf-8"), "bibtex")
    assert sorted(bib.entries) == ["arxiv:2512.17900", "arxiv:2512.17907"]
    assert bib.entries["arxiv:2512.17900"].fields["eprint"] == "2512.17900"
    assert [str(p) for p in bib.entries["arxiv:2512.17900"].persons["author"]] == ["Lee, Ann", "Li, Bo"]


def test_exports_can_be_turned_off_and_are_not_redone_without_changes(project) -> None:
    app = project.build(PAGES)
    out = Path(app.outdir)
    stamp = (out / "papers.json").stat().st_mtime_ns
    os.utime(out / "papers.json", ns=(stamp - 10**9, stamp - 10**9))
    again = project.build(freshenv=False)
    assert (Path(again.outdir) / "papers.json").stat().st_mtime_ns == stamp - 10**9, "nothing changed: not rewritten"

    (project.srcdir / "conf.py").write_text(
        (project.srcdir / "conf.py").read_text() + "arxivdigest_export_json = False\narxivdigest_export_bibtex = False\n"
    )
    (out / "papers.json").unlink()
    (out / "papers.bib").unlink()
    project.build(freshenv=True)
    assert not (out / "papers.json").exists() and not (out / "papers.bib").exists()


def test_each_card_offers_its_bibtex(project) -> None:
    app = project.build(PAGES)
    soup = project.html(app)
    entries = [d.select_one("pre.arxiv-bibtex-entry").get_text() for d in soup.select("div.arxiv-paper details.arxiv-bibtex")]
    assert len(entries) == 2
    assert entries[1].startswith("@misc{arxiv:2512.17900,") and "Second \\& last" in entries[1]
    button = soup.select_one("button.arxiv-bibtex-copy")
    assert button.has_attr("hidden"), "the copy button only appears with JavaScript"
    assert (Path(app.outdir) / "_static" / "arxivdigest.js").read_text().count("arxiv-bibtex-copy") == 1


def test_card_bibtex_can_be_turned_off_and_skipped_by_text_builder(project) -> None:
    project.write(PAGES)
    (project.srcdir / "conf.py").write_text((project.srcdir / "conf.py").read_text() + "arxivdigest_bibtex = False\n")
    app = project.build()
    assert project.html(app).select("details.arxiv-bibtex") == []
    text_app = project.build(buildername="text", freshenv=True, confoverrides={"arxivdigest_bibtex": True})
    text = (Path(text_app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "灵巧世界模型" in text and "@misc" not in text
    # (a second app in one process re-registers Sphinx's own nodes: those [app.add_node] lines are not ours)
    ours = [w for w in project.warning_records(text_app) if w.type != "app.add_node"]
    assert ours == []
