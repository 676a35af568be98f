"""``arxivdigest_archive``: a folder of digests becomes generated pages, an index, topic pages and a feed."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from sphinx_arxivdigest.sphinx import feed, store
from sphinx_arxivdigest.sphinx.archive_summary import CACHE_NAME

from harness import MYST_CONF, RST_CONF, Project, papers_in, read_inventory, touch_later

BASEURL = 'html_baseurl = "https://example.org/docs"\n'
ARCHIVE_CONF = RST_CONF + BASEURL + 'arxivdigest_archive = {"digests": "digests/*.md", "prefix": "archive"}\n'
INDEX = "Home\n====\n\n.. toctree::\n\n   archive/index\n"


def digest(date: str, *rows: tuple[str, str, str], topic: str | None = None) -> str:
    head = f"# Daily digest {date}\n\n" + (f"## {topic}\n\n" if topic else "")
    table = "| Title | Authors | PDF | Abstract |\n|---|---|---|---|\n"
    table += "".join(f"| {t} | {a} | [PDF](https://arxiv.org/pdf/{i}v1) | Abstract of {t}. |\n" for i, t, a in rows)
    return head + table


DAY1 = digest("2025-11-30", ("2511.00001", "Paper One", "Alice"), ("2511.00002", "Paper Two", "Bob"))
DAY2 = digest("2025-12-01", ("2512.00003", "Paper Three", "Carol"), ("2511.00001", "Paper One", "Alice"))
DAY3 = digest("2025-12-02", ("2512.00004", "Paper Four", "Dan"))


def files(**extra: str) -> dict[str, str]:
    return {"conf.py": ARCHIVE_CONF, "index.rst": INDEX, "digests/2025-11-30.md": DAY1,
            "digests/2025-12-01.md": DAY2, **extra}


# -- configuration ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'digests/*.md'", r"expected None, a mapping or a list of mappings"),
        ("{'prefix': 'archive'}", r"the key 'digests' .* is required"),
        ("{'digests': 'digests/a.md'}", r"'digests' must be a glob pattern"),
        ("{'digests': '../d/*.md'}", r"must be a path inside the source directory"),
        ("{'digests': 'd/*.md', 'prefix': 'a*'}", r"'prefix' must be a plain folder name"),
        ("{'digests': 'd/*.md', 'colour': 1}", r"unknown key\(s\) 'colour'"),
        ("{'digests': 'd/*.md', 'columns': 9}", r"expected a whole number from 1 to 4"),
        ("{'digests': 'd/*.md', 'abstract': 'folded'}", r"expected one of 'full'"),
        ("{'digests': 'd/*.md', 'sort': 'author'}", r"optionally prefixed with '-'"),
        ("{'digests': 'd/*.md', 'filter_box': 'yes'}", r"expected True or False"),
        ("{'digests': 'd/*.md', 'feed_entries': 0}", r"'feed_entries' must be a whole number"),
        ("[{'digests': 'd/*.md'}, {'digests': 'e/*.md'}]", r"two archives share the prefix 'archive'"),
    ],
)
def test_a_wrong_archive_stops_the_build_clearly(project: Project, value: str, expected: str) -> None:
    project.write({"conf.py": RST_CONF + f"arxivdigest_archive = {value}\n", "index.rst": "Home\n====\n"})
    with pytest.raises(ConfigError, match=r"arxivdigest_archive = .* is not valid: .*" + expected):
        project.app()


def test_a_list_of_archives_and_card_options_are_accepted(project: Project) -> None:
    from sphinx_arxivdigest.sphinx.config import ArchiveSpec, settings

    conf = RST_CONF + (
        "arxivdigest_archive = [{'digests': 'digests/*.md'}, {'digests': 'other/**/*.md', 'prefix': 'b/c',"
        " 'abstract': 'full', 'columns': 3, 'filter_box': True, 'sort': '-date', 'feed_entries': 5}]\n"
    )
    project.write({"conf.py": conf, "index.rst": "Home\n====\n"})
    app = project.app()
    assert settings(app.config).archive == (
        ArchiveSpec("digests/*.md"),
        ArchiveSpec("other/**/*.md", "b/c", "full", 3, True, "-date", 5),
    )


# -- generated pages -------------------------------------------------------------------------------


def test_each_digest_gets_a_page_and_the_index_lists_them_newest_first(project: Project) -> None:
    picks = DAY3.replace("# Daily digest 2025-12-02", "# Robotics picks")
    app = project.build(files(**{"digests/2025-12-02.md": picks}))
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    page = project.html(app, "archive/2025-11-30")
    # a title that names its date is the heading; another one gets the date (here from the file name)
    assert page.h1.get_text(strip=True) == "Daily digest 2025-11-30¶"
    assert project.html(app, "archive/2025-12-02").h1.get_text(strip=True) == "2025-12-02 — Robotics picks¶"
    assert project.card_ids(page) == ["arxiv-2511-00001", "arxiv-2511-00002"]
    index = project.html(app, "archive/index")
    text = index.get_text(" ", strip=True)
    assert text.index("2025-12-01") < text.index("2025-11-30")
    assert "December 2025" in text and "November 2025" in text and "2 papers" in text
    links = [a["href"] for a in index.select("div.body a.reference.internal, main a.reference.internal")]
    assert "2025-12-01.html" in links and "2025-11-30.html" in links
    assert (project.srcdir / "archive" / ".gitignore").read_text().strip().endswith("*")
    # real documents: the inventory holds their papers, search and general index see them
    inventory = papers_in(read_inventory(Path(app.outdir) / "objects.inv"))
    assert inventory["2511.00002"][0] == "archive/2025-11-30.html#arxiv-2511-00002"
    assert "archive/2025-11-30" in (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert "Paper Two" in (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8")


def test_card_options_reach_the_digest_pages(project: Project) -> None:
    conf = RST_CONF + BASEURL + (
        'arxivdigest_archive = {"digests": "digests/*.md", "abstract": "none", "columns": 1,'
        ' "filter_box": True, "sort": "-id"}\n'
    )
    app = project.build(files(**{"conf.py": conf}))
    page = project.html(app, "archive/2025-11-30")
    assert project.card_ids(page) == ["arxiv-2511-00002", "arxiv-2511-00001"]
    assert page.select_one(".arxiv-paper-abstract") is None
    assert page.select_one(".arxiv-filter-box, input") is not None


def test_nested_digests_keep_their_folders_and_topics_get_pages(project: Project) -> None:
    conf = RST_CONF + BASEURL + 'arxivdigest_archive = {"digests": "digests/**/*.md", "prefix": "days"}\n'
    topical = digest("2025-12-03", ("2512.00005", "Paper Five", "Eve"), topic="Robot Learning")
    app = project.build({"conf.py": conf, "index.rst": INDEX.replace("archive/", "days/"),
                         "digests/2025/12/03.md": topical, "digests/2025-11-30.md": DAY1})
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    assert (Path(app.outdir) / "days/2025/12/03.html").exists()
    topic = project.html(app, "days/topics/robot-learning")
    assert topic.h1.get_text(strip=True).startswith("Robot Learning")
    assert any(a.get("href", "") == "robot-learning/2025-12.html" for a in topic.select("a"))
    month = project.html(app, "days/topics/robot-learning/2025-12")
    assert any("03.html#arxiv-2512-00005" in a.get("href", "") for a in month.select("a"))
    index = project.html(app, "days/index")
    assert any(a.get("href", "").endswith("topics/robot-learning.html") for a in index.select("a"))


def test_index_and_topic_pages_show_titles_as_plain_text(project: Project) -> None:
    marked = digest("2025-12-03", ("2512.00005", "**Bold** step with `code`", "Eve"), topic="Robot Learning")
    marked = marked.replace("# Daily digest 2025-12-03", "# *Picks* of [the day](https://example.org)")
    app = project.build(files(**{"digests/2025-12-03.md": marked}))
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    month = project.html(app, "archive/topics/robot-learning/2025-12")
    links = {a.get_text(" ", strip=True) for a in month.select("a") if "arxiv-2512-00005" in a.get("href", "")}
    assert links == {"Bold step with code"}
    index = project.html(app, "archive/index").get_text(" ", strip=True)
    assert "Picks of the day" in index and "*Picks*" not in index and "example.org" not in index


@pytest.mark.parametrize("builder", ["text", "singlehtml", "latex", "dirhtml"])
def test_topic_pages_in_other_builders(project: Project, builder: str) -> None:
    topical = digest("2025-12-03", ("2512.00005", "Paper Five", "Eve"), topic="Robot Learning")
    app = project.build(files(**{"digests/2025-12-03.md": topical}), builder)
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    out = Path(app.outdir)
    if builder == "text":
        text = (out / "archive/topics/robot-learning/2025-12.txt").read_text(encoding="utf-8")
        assert "Paper Five" in text and "2025-12-03" in text
    elif builder == "singlehtml":
        soup = project.html(app)
        assert any(a.get("href") == "#arxiv-2512-00005" for a in soup.select(".arxiv-archive-links a, a"))
    elif builder == "dirhtml":
        topic = (out / "archive/topics/robot-learning/2025-12/index.html").read_text(encoding="utf-8")
        assert 'href="../../../2025-12-03/#arxiv-2512-00005"' in topic
    else:
        tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
        assert "Paper Five" in tex


def test_a_bad_link_line_is_a_located_warning(project: Project) -> None:
    page = ("Topic\n=====\n\n.. arxiv-archive-links::\n\n   not json\n   [\"li\", [\"Home\", \"index\", \"\"], \" and \","
            " [\"gone\", \"nowhere\", \"\"]]\n   [\"x\", \"y\"]\n")
    app = project.build({"index.rst": page})
    records = [w for w in project.warning_records(app) if w.type == "arxivdigest.archive"]
    assert [r.line for r in records] == [4, 4]
    assert "line 1 of the content is not" in records[0].message and "line 3 of" in records[1].message
    assert "Traceback" not in project.warnings(app)
    # the good line is written: a link to an existing page, plain text for a missing one
    item = project.html(app).select_one(".arxiv-archive-links li")
    assert [a.get_text() for a in item.select("a")] == ["Home"] and item.get_text() == "Home and gone"


def test_cross_references_into_the_archive_resolve(project: Project) -> None:
    index = INDEX + "\nSee :arxiv:`2511.00002`.\n"
    app = project.build(files(**{"index.rst": index}))
    links = [a["href"] for a in project.html(app).select("a") if "2511-00002" in a.get("href", "")]
    assert links == ["archive/2025-11-30.html#arxiv-2511-00002"]


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml", "dirhtml", "epub"])
def test_every_builder_builds_the_archive(project: Project, builder: str) -> None:
    app = project.build(files(), builder)
    warnings = [line for line in project.warnings(app).splitlines() if "EPUB3" not in line]
    assert not any("WARNING" in line for line in warnings), warnings


def test_a_parallel_build_matches_a_serial_one(project: Project, tmp_path: Path) -> None:
    many = {f"digests/2025-10-{day:02d}.md": digest(f"2025-10-{day:02d}", (f"2510.{day:05d}", f"P{day}", "Z"))
            for day in range(1, 13)}
    app = project.build(files(**many), parallel=2)
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    inventory = papers_in(read_inventory(Path(app.outdir) / "objects.inv"))
    assert inventory["2510.00007"][0] == "archive/2025-10-07.html#arxiv-2510-00007"


# -- a MyST-only project ----------------------------------------------------------------------------

MYST_ONLY = MYST_CONF + 'source_suffix = {".md": "markdown"}\n' + BASEURL + (
    'arxivdigest_archive = {"digests": "digests/*.md", "prefix": "archive", "filter_box": True}\n')
MYST_INDEX = "# Home\n\n```{toctree}\narchive/index\n```\n\nSee {arxiv}`2511.00002`.\n"


def test_a_myst_only_project_gets_myst_pages(project: Project) -> None:
    odd = digest("2025-12-02", ("2512.00004", "Paper `Four` <b>x</b> *y* {doc}`z` $a$", "Dan"),
                 topic="Vision [and] *Language* `x` <i>")
    app = project.build({"conf.py": MYST_ONLY, "index.md": MYST_INDEX, "digests/2025-11-30.md": DAY1,
                         "digests/2025-12-01.md": DAY2, "digests/2025-12-02.md": odd})
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    assert sorted(p.name for p in (project.srcdir / "archive").glob("*.md")) == [
        "2025-11-30.md", "2025-12-01.md", "2025-12-02.md", "index.md"]
    assert not list(project.srcdir.rglob("archive/**/*.rst"))
    page = project.html(app, "archive/2025-11-30")
    assert project.card_ids(page) == ["arxiv-2511-00001", "arxiv-2511-00002"]
    assert page.select_one(".arxiv-filter-input") is not None
    index = project.html(app, "archive/index")
    links = [a["href"] for a in index.select("a.reference.internal")]
    assert {"2025-12-01.html", "2025-11-30.html", "topics/vision-and-language-x-i.html"} <= set(links)
    assert "December 2025" in index.get_text() and "1 paper" in index.get_text()
    topic = project.html(app, "archive/topics/vision-and-language-x-i")
    assert topic.h1.get_text(strip=True).rstrip("#¶") == "Vision [and] *Language* `x` <i>"
    assert topic.select_one("i, b, em") is None
    topic = project.html(app, "archive/topics/vision-and-language-x-i/2025-12")
    card_links = [a for a in topic.select("a") if "#arxiv-2512-00004" in a.get("href", "")]
    assert card_links[0]["href"] == "../../2025-12-02.html#arxiv-2512-00004"
    assert card_links[0].get_text(strip=True).startswith("Paper Four <b>x</b>")  # read as markdown, shown as text
    assert topic.select_one("i, b, em") is None  # digest text stays text
    home = project.html(app)
    assert [a["href"] for a in home.select("a") if "2511-00002" in a.get("href", "")] == [
        "archive/2025-11-30.html#arxiv-2511-00002"]


def test_a_myst_only_archive_rebuilds_incrementally(project: Project) -> None:
    project.write({"conf.py": MYST_ONLY, "index.md": MYST_INDEX, "digests/2025-11-30.md": DAY1,
                   "digests/2025-12-01.md": DAY2})
    project.build()
    project.write({"digests/2025-12-02.md": DAY3})
    app, read = _build_reading(project)
    assert read == ["archive/2025-12-02", "archive/index"]
    _app, read = _build_reading(project)
    assert read == []


def test_a_project_reading_neither_rst_nor_md_is_told_what_to_add(project: Project) -> None:
    conf = RST_CONF.replace('{".rst": "restructuredtext"}', '{".txt": "restructuredtext"}')
    project.write({"conf.py": conf + 'arxivdigest_archive = {"digests": "digests/*.md"}\n', "index.txt": "Home\n====\n"})
    with pytest.raises(ConfigError, match=r"add '\.rst' \(or, with myst_parser, '\.md'\) to source_suffix"):
        project.app()


# -- incremental builds ------------------------------------------------------------------------------


def _build_reading(project: Project, **kwargs) -> tuple[object, list[str]]:
    read: list[str] = []
    app = project.app(**kwargs)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, sorted(read)


def test_adding_editing_and_removing_a_digest_reads_only_what_changed(project: Project) -> None:
    project.write(files(**{"cites.rst": "Cites\n=====\n\n:arxiv:`2512.00004`\n", "other.rst": "Other\n=====\n",
                           "index.rst": INDEX + "   cites\n   other\n"}))
    project.build()
    # add
    project.write({"digests/2025-12-02.md": DAY3})
    app, read = _build_reading(project)
    assert read == ["archive/2025-12-02", "archive/index"]
    assert "archive/2025-12-02.html#arxiv-2512-00004" in (Path(app.outdir) / "cites.html").read_text()
    # edit
    path = project.srcdir / "digests/2025-12-02.md"
    path.write_text(DAY3.replace("Paper Four", "Paper Four, revised"))
    touch_later(path)
    app, read = _build_reading(project)
    assert read == ["archive/2025-12-02"]
    # remove
    path.unlink()
    app, read = _build_reading(project)
    assert read == ["archive/index"]
    assert not (project.srcdir / "archive/2025-12-02.rst").exists()
    cites = (Path(app.outdir) / "cites.html").read_text()
    assert "archive/2025-12-02.html" not in cites and "arxiv.org/abs/2512.00004" in cites
    assert "2025-12-02" not in (Path(app.outdir) / "archive/index.html").read_text()


def _parses_at_builder_inited(project: Project) -> tuple[object, int]:
    """A new app (the process's digest cache emptied first): how many digests its builder-inited parsed."""
    store.clear_cache()
    before = store.parse_count()
    app = project.app()  # builder-inited runs while the application is made
    return app, store.parse_count() - before


def test_builder_inited_parses_only_new_or_changed_digests(project: Project) -> None:
    project.write(files(**{"digests/2025-12-02.md": DAY3}))
    app, parsed = _parses_at_builder_inited(project)
    assert parsed == 3
    app.build()
    _app, parsed = _parses_at_builder_inited(project)
    assert parsed == 0  # nothing changed
    project.write({"digests/2025-12-03.md": digest("2025-12-03", ("2512.00009", "Paper Nine", "Ivy"))})
    app, parsed = _parses_at_builder_inited(project)
    assert parsed == 1  # only the new digest
    app.build()
    assert "2025-12-03" in (Path(app.outdir) / "archive/index.html").read_text(encoding="utf-8")
    path = project.srcdir / "digests/2025-11-30.md"
    path.write_text(DAY1.replace("Paper Two", "Paper Two, revised"), encoding="utf-8")
    touch_later(path)
    _app, parsed = _parses_at_builder_inited(project)
    assert parsed == 1  # only the edited one


def _damaged_summary_cache(cache: Path, damage: str) -> bytes:
    """The cache file made unusable in one of the ways a real one can be."""
    version, rows = pickle.loads(cache.read_bytes())
    if damage == "garbage":
        return b"\x80\x04not a pickle at all"
    if damage == "truncated":
        return cache.read_bytes()[:-40]
    if damage == "old version":  # version 1 held Summary objects; any other version is not read
        return pickle.dumps(((1, version[1]), rows))
    path, row = next(iter(rows.items()))  # a row whose ids and titles differ in number
    return pickle.dumps((version, {**rows, path: (*row[:4], row[4] + ("2599.99999",), *row[5:])}))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "old version", "malformed row"])
def test_a_corrupt_summary_cache_is_ignored(project: Project, damage: str) -> None:
    app = project.build(files())
    cache = Path(app.doctreedir) / CACHE_NAME
    assert cache.exists()
    cache.write_bytes(_damaged_summary_cache(cache, damage))
    app, parsed = _parses_at_builder_inited(project)
    assert parsed == 2
    app.build()
    # (a second application in one process re-registers Sphinx's own nodes: those warnings aside)
    warnings = [w for w in project.warnings(app).splitlines() if "WARNING" in w and "already registered" not in w]
    assert warnings == []
    assert "2025-12-01" in (Path(app.outdir) / "archive/index.html").read_text(encoding="utf-8")
    _app, parsed = _parses_at_builder_inited(project)
    assert parsed == 0  # rewritten


def test_hand_written_files_in_the_prefix_are_never_removed(project: Project) -> None:
    project.build(files(**{"archive/notes.rst": "Notes\n=====\n", "index.rst": INDEX + "   archive/notes\n"}))
    (project.srcdir / "digests/2025-11-30.md").unlink()
    project.build()
    assert (project.srcdir / "archive/notes.rst").exists()
    assert not (project.srcdir / "archive/2025-11-30.rst").exists()


# -- a paper listed on several days ----------------------------------------------------------------


def test_a_repeated_paper_says_where_else_it_is_listed(project: Project) -> None:
    index = INDEX + "\n:arxiv:`2511.00001`\n\n.. arxiv-index::\n"
    app = project.build(files(**{"index.rst": index}))
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    day2 = project.html(app, "archive/2025-12-01")
    also = day2.select_one("#arxiv-2511-00001 .arxiv-also-listed")
    assert also is not None and "Also listed on" in also.get_text()
    assert [a["href"] for a in also.select("a")] == ["2025-11-30.html#arxiv-2511-00001"]
    assert day2.select_one("#arxiv-2512-00003 .arxiv-also-listed") is None
    day1 = project.html(app, "archive/2025-11-30")
    assert [a["href"] for a in day1.select("#arxiv-2511-00001 .arxiv-also-listed a")] == [
        "2025-12-01.html#arxiv-2511-00001"]
    home = project.html(app)
    # references go to the first listing (by document name); the index shows the paper once
    assert "archive/2025-11-30.html#arxiv-2511-00001" in [a.get("href") for a in home.select("p a")]
    rows = [row for row in home.select("table.arxiv-index tbody tr") if "Paper One" in row.get_text()]
    assert len(rows) == 1
    assert [a["href"] for a in rows[0].select("td")[3].select("a")] == [
        "archive/2025-11-30.html", "archive/2025-12-01.html"]


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml"])
def test_also_listed_in_other_builders(project: Project, builder: str) -> None:
    app = project.build(files(), builder)
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    out = Path(app.outdir)
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".txt", ".tex", ".html"))
    assert "Also listed on" in text


def test_a_new_listing_rewrites_the_other_days(project: Project) -> None:
    project.build(files())
    project.write({"digests/2025-12-02.md": digest("2025-12-02", ("2512.00003", "Paper Three", "Carol"))})
    app, read = _build_reading(project)
    assert read == ["archive/2025-12-02", "archive/index"]
    day2 = project.html(app, "archive/2025-12-01")
    assert [a["href"] for a in day2.select("#arxiv-2512-00003 .arxiv-also-listed a")] == [
        "2025-12-02.html#arxiv-2512-00003"]


# -- the Atom feed ---------------------------------------------------------------------------------


def test_the_feed_holds_the_newest_papers_as_valid_atom(project: Project) -> None:
    import xml.etree.ElementTree as ET

    import feedparser

    conf = ARCHIVE_CONF.replace('"archive"}', '"archive", "feed_entries": 3}') + 'html_baseurl = "https://example.org/docs"\n'
    abstract_day = DAY3.replace("Abstract of Paper Four.", "Uses *emphasis* & <b>tags</b> and $x<y$.")
    app = project.build(files(**{"conf.py": conf, "digests/2025-12-02.md": abstract_day}))
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    data = (Path(app.outdir) / "archive/atom.xml").read_bytes()
    ET.fromstring(data)  # well-formed
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    ids = [entry.link for entry in feed.entries]
    assert ids == [
        "https://example.org/docs/archive/2025-12-02.html#arxiv-2512-00004",
        "https://example.org/docs/archive/2025-12-01.html#arxiv-2512-00003",
        "https://example.org/docs/archive/2025-12-01.html#arxiv-2511-00001",
    ]
    first = feed.entries[0]
    assert first.title == "Paper Four"
    assert [a.name for a in first.authors] == ["Dan"]
    assert first.updated.startswith("2025-12-02")
    assert "&" in first.summary and "2512.00004" in " ".join(t.term for t in first.tags)
    assert "Uses emphasis &" in first.summary  # type="text": the abstract's text, not its markdown


def test_each_topic_has_its_own_feed_linked_from_its_page(project: Project) -> None:
    import xml.etree.ElementTree as ET

    import feedparser

    robots = digest("2025-12-02", ("2512.00004", "Paper Four", "Dan"), ("2512.00006", "Paper Six", "Fay"),
                    topic="Robot Learning")
    older = digest("2025-11-29", ("2511.00007", "Paper Seven", "Gus"), topic="Robot Learning")
    vision = digest("2025-12-01", ("2512.00008", "Paper Eight", "Hal"), topic="Vision")
    app = project.build(files(**{"digests/2025-12-02.md": robots, "digests/2025-11-29.md": older,
                                 "digests/2025-12-01.md": vision}))
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    data = (Path(app.outdir) / "archive/topics/robot-learning.xml").read_bytes()
    ET.fromstring(data)
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title.endswith("Robot Learning")
    assert feed.feed.link == "https://example.org/docs/archive/topics/robot-learning.html"
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/docs/archive/2025-12-02.html#arxiv-2512-00004",
        "https://example.org/docs/archive/2025-12-02.html#arxiv-2512-00006",
        "https://example.org/docs/archive/2025-11-29.html#arxiv-2511-00007",
    ]
    assert feed.entries[2].updated.startswith("2025-11-29")
    vision_feed = feedparser.parse((Path(app.outdir) / "archive/topics/vision.xml").read_bytes())
    assert [entry.title for entry in vision_feed.entries] == ["Paper Eight"]
    topic = project.html(app, "archive/topics/robot-learning")
    assert "https://example.org/docs/archive/topics/robot-learning.xml" in [a.get("href") for a in topic.select("a")]
    index = project.html(app, "archive/index")
    assert "https://example.org/docs/archive/atom.xml" in [a.get("href") for a in index.select("a")]


@pytest.fixture
def feed_spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Which feeds were made and whose entry texts (arXiv ids) were made, by the feed module."""
    calls: dict[str, list] = {"feeds": [], "texts": []}
    real_xml, real_text = feed.feed_xml, feed._entry_text

    def feed_xml(info, *args, **kwargs):
        calls["feeds"].append(info.url.rsplit("/", 1)[-1])
        return real_xml(info, *args, **kwargs)

    def entry_text(paper):
        calls["texts"].append(paper.arxiv_id)
        return real_text(paper)

    monkeypatch.setattr(feed, "feed_xml", feed_xml)
    monkeypatch.setattr(feed, "_entry_text", entry_text)
    return calls


TOPICAL = {
    "digests/2025-12-02.md": digest("2025-12-02", ("2512.00004", "Paper Four", "Dan"), ("2512.00006", "Paper Six", "Fay"),
                                    topic="Robot Learning"),
    "digests/2025-11-29.md": digest("2025-11-29", ("2511.00007", "Paper Seven", "Gus"), topic="Robot Learning"),
    "digests/2025-12-01.md": digest("2025-12-01", ("2512.00008", "Paper Eight", "Hal"), topic="Vision"),
}
FEEDS = ("archive/atom.xml", "archive/topics/robot-learning.xml", "archive/topics/vision.xml")


def _feeds(app) -> dict[str, bytes]:
    return {name: (Path(app.outdir) / name).read_bytes() for name in FEEDS}


def _fresh_feeds(project: Project, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The feeds of the same sources built from scratch in another folder (no caches)."""
    fresh = type(project)(tmp_path / name, project._make_app)
    shutil.copytree(project.srcdir, fresh.srcdir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("_build", "archive"))
    return _feeds(fresh.build())


def test_a_build_that_changes_nothing_makes_no_feed(project: Project, feed_spy: dict[str, list]) -> None:
    app = project.build(files(**TOPICAL))
    assert sorted(feed_spy["feeds"]) == ["atom.xml", "robot-learning.xml", "vision.xml"]
    assert sorted(feed_spy["texts"]) == ["2511.00001", "2511.00002", "2511.00007", "2512.00004", "2512.00006",
                                         "2512.00008"], "each paper's text made once for all feeds"
    before = _feeds(app)
    feed_spy["feeds"].clear()
    app = project.build()
    assert feed_spy["feeds"] == [] and _feeds(app) == before
    (Path(app.outdir) / "archive/topics/vision.xml").unlink()
    app = project.build()
    assert len(feed_spy["feeds"]) == 3, "a missing feed file: the feeds are made again"
    assert _feeds(app) == before


def test_an_added_digest_makes_only_its_entries_and_feeds_match_a_fresh_build(
        project: Project, feed_spy: dict[str, list], tmp_path: Path) -> None:
    project.build(files(**TOPICAL))
    feed_spy["texts"].clear()
    project.write({"digests/2025-12-03.md": digest("2025-12-03", ("2512.00009", "Paper Nine", "Ivy"),
                                                   topic="Vision")})
    app = project.build()
    assert feed_spy["texts"] == ["2512.00009"], "the other entries' texts are the last build's"
    assert _feeds(app) == _fresh_feeds(project, tmp_path, "fresh1")
    assert b"Paper Nine" in _feeds(app)["archive/topics/vision.xml"]

    feed_spy["texts"].clear()
    path = project.srcdir / "digests/2025-11-29.md"
    path.write_text(TOPICAL["digests/2025-11-29.md"].replace("Paper Seven", "Paper Seven, revised"), encoding="utf-8")
    touch_later(path)
    app = project.build()
    assert feed_spy["texts"] == ["2511.00007"], "an edited digest's entries are made again"
    assert b"Paper Seven, revised" in _feeds(app)["archive/topics/robot-learning.xml"]
    assert _feeds(app) == _fresh_feeds(project, tmp_path, "fresh2")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong texts"])
def test_a_corrupt_feed_cache_is_ignored(project: Project, feed_spy: dict[str, list], damage: str) -> None:
    app = project.build(files(**TOPICAL))
    before = _feeds(app)
    cache = Path(app.doctreedir) / feed.CACHE_NAME
    good = pickle.loads(cache.read_bytes())
    cache.write_bytes({
        "garbage": b"\x80\x05not a pickle",
        "truncated": cache.read_bytes()[:-30],
        "wrong texts": pickle.dumps({**good, "signature": "other", "texts": {path: (stamp, {0: ("a", "b")})
                                                                             for path, (stamp, _t) in good["texts"].items()}}),
    }[damage])
    feed_spy["feeds"].clear()
    app = project.build()
    assert len(feed_spy["feeds"]) == 3 and _feeds(app) == before
    assert "Traceback" not in project.warnings(app)
    feed_spy["feeds"].clear()
    project.build()
    assert feed_spy["feeds"] == [], "the cache was written again"


def test_without_html_baseurl_one_warning_and_no_feed(project: Project) -> None:
    app = project.build(files(**{"conf.py": ARCHIVE_CONF.replace(BASEURL, "")}))
    warnings = [w for w in project.warnings(app).splitlines() if "html_baseurl" in w]
    assert len(warnings) == 1 and "Atom feed" in warnings[0]
    assert not (Path(app.outdir) / "archive/atom.xml").exists()
    assert "atom.xml" not in (Path(app.outdir) / "archive/index.html").read_text(encoding="utf-8")


def test_topic_pages_go_by_month_and_an_added_digest_rereads_only_its_month(project: Project) -> None:
    """``topics/<slug>`` lists the topic's months, newest first; each month has its page. Adding a
    digest to a month re-reads that month's page only: not the topic's page, not an older month's."""
    nov = digest("2025-11-30", ("2511.00001", "Paper One", "Alice"), topic="Vision")
    dec = digest("2025-12-01", ("2512.00003", "Paper Three", "Carol"), ("2512.00006", "Paper Six", "Fay"),
                 topic="Vision")
    project.write({"conf.py": ARCHIVE_CONF, "index.rst": INDEX, "digests/2025-11-30.md": nov,
                   "digests/2025-12-01.md": dec})
    app = project.build()
    assert "WARNING" not in project.warnings(app), project.warnings(app)
    topic = project.html(app, "archive/topics/vision")
    months = [(a.get_text(strip=True), a["href"]) for a in topic.select("div.body li a")]
    assert months == [("December 2025", "vision/2025-12.html"), ("November 2025", "vision/2025-11.html")]
    december = [a["href"] for a in project.html(app, "archive/topics/vision/2025-12").select(".arxiv-archive-links a")]
    assert "../../2025-12-01.html#arxiv-2512-00003" in december and not any("2511-00001" in h for h in december)
    november = project.html(app, "archive/topics/vision/2025-11")
    assert november.h1.get_text(strip=True).startswith("Vision — November 2025")
    assert [a["href"] for a in november.select(".arxiv-archive-links a") if "#" in a["href"]] == [
        "../../2025-11-30.html#arxiv-2511-00001"]
    project.write({"digests/2025-12-02.md": digest("2025-12-02", ("2512.00004", "Paper Four", "Dan"),
                                                   topic="Vision")})
    app, read = _build_reading(project)
    assert read == ["archive/2025-12-02", "archive/index", "archive/topics/vision/2025-12"]
    project.write({"digests/2026-01-02.md": digest("2026-01-02", ("2601.00001", "Paper Ten", "Jo"), topic="Vision")})
    app, read = _build_reading(project)  # a new month: the topic's page names it
    assert read == ["archive/2026-01-02", "archive/index", "archive/topics/vision", "archive/topics/vision/2026-01"]
