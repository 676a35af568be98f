"""What the HTML build writes besides pages (papers.json, papers.bib) and each card's BibTeX."""

from __future__ import annotations

import datetime
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from sphinx_arxivdigest.formats.bibtex import bibtex_key, papers_to_bibtex
from sphinx_arxivdigest.formats.json_export import PAPERS_SCHEMA_ID, papers_from_json, papers_to_json
from sphinx_arxivdigest.model import Paper
from sphinx_arxivdigest.sphinx import export_cache
from sphinx_arxivdigest.sphinx.store import full_papers

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
    # The entry is made by the package script when the fold opens (tests/test_browser_weight.py
    # checks it against papers.bib); the page holds one empty fold a card, hidden without JavaScript.
    folds = soup.select("div.arxiv-paper details.arxiv-bibtex")
    # English labels are the script's own: no data-l (tests/test_i18n.py checks translated ones).
    assert len(folds) == 2 and all(fold.get("data-l") is None for fold in folds)
    assert soup.select("pre.arxiv-bibtex-entry") == [] and soup.select("button.arxiv-bibtex-copy") == []
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


# -- incremental exports ---------------------------------------------------------------------------


def _digest(date: str, rows: list[tuple[str, str]]) -> str:
    lines = [f"# arxiv {date}", "", "| 标题 | 作者 | PDF链接 | 摘要 |", "|---|---|---|---|"]
    lines += [
        f"| {title} | Ann Lee, 李明 | [PDF](https://arxiv.org/pdf/{arxiv_id}v1) | On {title}: $x_1$ & 50% {{less}}. |"
        for arxiv_id, title in rows
    ]
    return "\n".join(lines) + "\n"


D1 = _digest("2025-12-22", [("2512.00001", "Alpha"), ("2512.00002", "Beta"), ("2512.00003", "Gamma")])
D2 = _digest("2025-12-23", [("2512.00011", "Delta"), ("2512.00012", "Epsilon")])
D3 = _digest("2025-12-24", [("2512.00021", "Zeta"), ("2512.00002", "Beta again")])
# Targets: a (d1, first paper only), b (all of d2), c (the rest of d1): d1 gives two separate groups.
# b is an orphan outside any toctree, so deleting it makes Sphinx read no document at all.
MANY = {
    "digests/d1.md": D1,
    "digests/d2.md": D2,
    "index.rst": "Home\n====\n\n.. toctree::\n\n   a\n   c\n",
    "a.rst": "A\n=\n\n.. arxiv-digest:: digests/d1.md\n   :limit: 1\n",
    "b.rst": ":orphan:\n\nB\n=\n\n.. arxiv-digest:: digests/d2.md\n",
    "c.rst": "C\n=\n\n.. arxiv-digest:: digests/d1.md\n   :sort: title\n",
}
EXPORTS = ("papers.json", "papers.bib")


def _edit(path: Path, text: str) -> None:
    """Rewrite a file and move its mtime clearly forward (a coarse clock must not hide the change)."""
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 2 * 10**9
    os.utime(path, ns=(stamp, stamp))


def _exports(app) -> tuple[bytes, bytes]:
    return tuple((Path(app.outdir) / name).read_bytes() for name in EXPORTS)


def _expected(app, key=bibtex_key) -> tuple[bytes, bytes]:
    """What the non-incremental export wrote: every target's paper serialised in one go."""
    papers = [paper for paper, _entry in full_papers(app.env, app.env.domains["arxiv"].targets().values())]
    return (
        (papers_to_json(papers, project=app.config.project) + "\n").encode("utf-8"),
        (papers_to_bibtex(papers, key=key) + "\n").encode("utf-8"),
    )


def _fresh_build(project, tmp_path: Path, make_app, name: str):
    """The same sources built from scratch in another folder (no environment, no export cache)."""
    fresh = type(project)(tmp_path / name, make_app)
    shutil.copytree(project.srcdir, fresh.srcdir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("_build"))
    return fresh.build()


@pytest.fixture
def spy(monkeypatch) -> dict[str, list]:
    """What the export parsed (digest names of each group) and serialised (ids of each group)."""
    calls: dict[str, list] = {"parsed": [], "serialised": []}
    real_full, real_serialise = export_cache.full_papers, export_cache.serialise_papers

    def full(env, entries):
        entries = list(entries)
        calls["parsed"].append(sorted({Path(entry.digest).name for entry in entries}))
        return real_full(env, entries)

    def serialise(papers):
        calls["serialised"].append([paper.arxiv_id for paper in papers])
        return real_serialise(papers)

    monkeypatch.setattr(export_cache, "full_papers", full)
    monkeypatch.setattr(export_cache, "serialise_papers", serialise)
    return calls


def test_incremental_exports_equal_full_builds_and_reuse_unchanged_digests(project, tmp_path, make_app, spy) -> None:
    app = project.build(MANY)
    assert _exports(app) == _expected(app)
    assert spy["serialised"] == [["2512.00001"], ["2512.00011", "2512.00012"], ["2512.00002", "2512.00003"]]
    data = json.loads((Path(app.outdir) / "papers.json").read_text(encoding="utf-8"))
    assert [p["arxiv_id"] for p in data["papers"]] == ["2512.00001", "2512.00011", "2512.00012", "2512.00002", "2512.00003"]

    steps = [
        ("add a digest and a page", lambda: project.write({"digests/d3.md": D3, "d.rst": ":orphan:\n\nD\n=\n\n.. arxiv-digest:: digests/d3.md\n"}),
         [["d3.md"]], [["2512.00021"]]),
        ("edit a digest", lambda: _edit(project.srcdir / "digests/d2.md", D2.replace("Epsilon", "Epsilon, longer") + D2.splitlines()[-1].replace("00012", "00013") + "\n"),
         [["d2.md"]], [["2512.00011", "2512.00012", "2512.00013"]]),
        ("delete a page", lambda: (project.srcdir / "b.rst").unlink(), [], []),
    ]
    for number, (what, change, parsed, serialised) in enumerate(steps):
        spy["parsed"].clear()
        spy["serialised"].clear()
        change()
        app = project.build(freshenv=False)
        assert (spy["parsed"], spy["serialised"]) == (parsed, serialised), what
        assert _exports(app) == _expected(app), what
        assert _exports(app) == _exports(_fresh_build(project, tmp_path, make_app, f"fresh{number}")), what
    assert b"2512.00011" not in _exports(app)[0], "the deleted page's papers left the export"
    fragments = _cached_fragments(app)
    assert sorted(Path(key[0]).name for key in fragments) == ["d1.md", "d1.md", "d3.md"], "stale fragments dropped"


def _cached_fragments(app) -> dict:
    return export_cache.cached_fragments(Path(app.doctreedir) / export_cache.CACHE_NAME)


def _cache_files(app) -> dict[str, tuple[int, int]]:
    """File name -> (inode, mtime_ns) of every file of the export cache folder."""
    folder = Path(app.doctreedir) / export_cache.CACHE_NAME
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in folder.iterdir()}


def test_an_added_digest_writes_only_its_group_to_the_cache(project) -> None:
    app = project.build(MANY)
    before = _cache_files(app)
    assert len(before) == 4 and export_cache.HEADER_NAME in before  # three groups and the header
    project.write({"digests/d3.md": D3, "d.rst": ":orphan:\n\nD\n=\n\n.. arxiv-digest:: digests/d3.md\n"})
    app = project.build(freshenv=False)
    after = _cache_files(app)
    added = set(after) - set(before)
    assert len(added) == 1 and set(before) <= set(after)
    assert [Path(key[0]).name for key, _fragment in _cached_fragments(app).items()].count("d3.md") == 1
    untouched = {name: stamp for name, stamp in before.items() if name != export_cache.HEADER_NAME}
    assert {name: after[name] for name in untouched} == untouched, "the other groups' files were not rewritten"
    assert after[export_cache.HEADER_NAME] != before[export_cache.HEADER_NAME]
    assert _exports(app) == _expected(app)


def test_exports_interrupted_while_written_are_written_again(project, monkeypatch) -> None:
    from sphinx_arxivdigest.sphinx import exports

    app = project.build(MANY)
    good = _exports(app)
    d2 = project.srcdir / "digests/d2.md"
    stamp = d2.stat().st_mtime_ns
    _edit(d2, D2.replace("Delta", "Delta edited"))

    def interrupted(path, data):
        path.write_bytes(data[: len(data) // 2])  # the build stops halfway through the first file
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_if_changed", interrupted)
    with pytest.raises(Exception, match="disk full"):
        project.build(freshenv=False)
    monkeypatch.undo()
    d2.write_text(D2, encoding="utf-8")  # back to the inputs of the signature last written
    os.utime(d2, ns=(stamp, stamp))
    app = project.build(freshenv=False)
    assert _exports(app) == good == _expected(app)


def test_unchanged_inputs_skip_the_export(project, spy) -> None:
    project.build(MANY)
    spy["parsed"].clear()
    _edit(project.srcdir / "a.rst", "A\n=\n\nNew prose.\n\n.. arxiv-digest:: digests/d1.md\n   :limit: 1\n")
    app = project.build(freshenv=False)
    assert project.html(app, "a").find(string="New prose.") is not None, "the page was rebuilt"
    assert spy["parsed"] == [] and _exports(app) == _expected(app)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong type", "wrong key", "empty"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(project, spy, damage) -> None:
    app = project.build(MANY)
    folder = Path(app.doctreedir) / export_cache.CACHE_NAME
    files = sorted(path for path in folder.iterdir() if path.name != export_cache.HEADER_NAME)
    assert len(files) == 3
    for path in files:
        good = path.read_bytes()
        key, fragment = pickle.loads(good)
        path.write_bytes({
            "garbage": b"\x80\x05not a pickle at all",
            "truncated": good[: len(good) // 2],
            "wrong type": pickle.dumps((key, [1, 2])),
            "wrong key": pickle.dumps(((*key[:3], ("2512.9999",)), fragment)),
            "empty": b"",
        }[damage])
    (folder / export_cache.HEADER_NAME).write_bytes(b"\x80\x05not a pickle either")
    spy["serialised"].clear()
    _edit(project.srcdir / "digests/d2.md", D2.replace("Delta", "Delta edited"))
    app = project.build(freshenv=False)
    assert len(spy["serialised"]) == 3, "every group serialised again"
    assert _exports(app) == _expected(app)
    assert export_cache.stored_signature(folder) is not None and len(_cached_fragments(app)) == 3
    assert "Traceback" not in project.warnings(app)


def test_the_single_file_cache_of_version_1_is_removed(project) -> None:
    project.write(MANY)
    app = project.app()
    old = Path(app.doctreedir) / "arxivdigest-exports.pickle"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(pickle.dumps({"stamp": None, "signature": "x"}))
    app.build()
    assert not old.exists() and len(_cached_fragments(app)) == 3


def test_bibtex_key_suffixes_follow_collisions_across_digests(project, monkeypatch) -> None:
    # Parsed ids never give colliding keys, so make them collide: every key is its id's year-month.
    def colliding(paper):
        return "arxiv:" + paper.arxiv_id[:4]

    monkeypatch.setattr(export_cache, "bibtex_key", colliding)
    app = project.build(MANY)
    bib = _exports(app)[1]
    assert _exports(app) == _expected(app, key=colliding)
    assert [line for line in bib.decode().splitlines() if line.startswith("@misc")] == [
        "@misc{arxiv:2512,", "@misc{arxiv:2512a,", "@misc{arxiv:2512b,", "@misc{arxiv:2512c,", "@misc{arxiv:2512d,"
    ]
    # A paper added to the first digest shifts the suffixes of the (reused) later groups.
    _edit(project.srcdir / "digests/d1.md", D1.replace("| Alpha |", "| Alpha2 | X | [PDF](https://arxiv.org/pdf/2512.00004v1) | A. |\n| Alpha |"))
    _edit(project.srcdir / "a.rst", "A\n=\n\n.. arxiv-digest:: digests/d1.md\n   :limit: 2\n")
    app = project.build(freshenv=False)
    assert _exports(app) == _expected(app, key=colliding)
    assert b"@misc{arxiv:2512e," in _exports(app)[1]


@pytest.mark.parametrize("sizes", [[], [0], [3], [2, 0, 1, 4], [1, 1, 1]])
def test_fragments_join_like_one_export(sizes) -> None:
    papers = [
        Paper(arxiv_id=f"2512.{n:05d}", title=f"T{n} $a_{{n}}$ & {{x}}", authors=["Ann, Lee"] if n % 2 else [],
              extra={"列": "值"} if n % 3 else {}, date=datetime.date(2025, 12, n % 28 + 1) if n % 2 else None)
        for n in range(sum(sizes))
    ] + [Paper(arxiv_id="hep-th/9901001", title="Old")] * bool(sizes)
    chunks, start = [], 0
    for size in [*sizes[:-1], sizes[-1] + 1] if sizes else []:
        chunks.append(export_cache.serialise_papers(papers[start:start + size]))
        start += size
    assembled = export_cache.Assembled(fragments=chunks)
    assert assembled.json_bytes(project="P") == papers_to_json(papers, project="P").encode("utf-8")
    assert assembled.bibtex_bytes() == papers_to_bibtex(papers).encode("utf-8")
