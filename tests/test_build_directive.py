"""The ``arxiv-digest`` directive in real Sphinx builds (rST and MyST pages), checked on the HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.sphinx

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "arxiv-2025-12-22.md"

HEAD = "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n"
EN_HEAD = "# arxiv 2025-12-22\n\n| Title | Authors | PDF | Abstract | Date |\n|---|---|---|---|---|\n"

TWO_PAPERS = HEAD + (
    "| Semantic encoders for generation | Alice Smith, Bob Jones | [PDF](https://arxiv.org/pdf/2512.17909v1) "
    "| Encoders are generators. |\n"
    "| Depth anything again | Carol White | [PDF](https://arxiv.org/pdf/2512.17908v2) | Depth by relighting. |\n"
)


def rst_page(*directive_lines: str, title: str = "Papers") -> str:
    return f"{title}\n{'=' * len(title)}\n\n" + "\n".join(directive_lines) + "\n"


def myst_page(argument: str, *options: str, title: str = "Papers") -> str:
    lines = [f"# {title}", "", f"```{{arxiv-digest}} {argument}", *options, "```"]
    return "\n".join(lines) + "\n"


# --- card structure ------------------------------------------------------------------------------


def test_cards_structure_rst(project):
    app = project.build({"index.rst": rst_page(".. arxiv-digest:: digests/a.md"), "digests/a.md": TWO_PAPERS})
    soup = project.html(app)

    grid = soup.select("div.arxiv-digest")
    assert len(grid) == 1
    cards = project.cards(soup)
    assert len(cards) == 2
    for card in cards:
        assert "sd-card" in card["class"]
        col = card.parent
        row = col.parent
        assert col.name == "div" and "sd-col" in col["class"]
        assert row.name == "div" and "sd-row" in row["class"]
        assert row.parent is grid[0]
    assert project.card_ids(soup) == ["arxiv-2512-17909", "arxiv-2512-17908"]

    first = cards[0]
    link = first.select_one("p.arxiv-paper-title > a")
    assert link is not None
    assert link.get_text(strip=True) == "Semantic encoders for generation"
    assert re.fullmatch(r"https://arxiv\.org/abs/2512\.17909(v1)?", link["href"])
    authors = first.select_one(".arxiv-paper-authors").get_text()
    assert "Alice Smith" in authors and "Bob Jones" in authors
    assert first.select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:2512.17909v1"
    assert first.select_one("span.arxiv-paper-date").get_text(strip=True) == "2025-12-22"
    assert first.select_one("a.arxiv-paper-pdf")["href"] == "https://arxiv.org/pdf/2512.17909v1"
    abs_link = first.select_one("a.arxiv-paper-abs")
    assert abs_link is not None and abs_link["href"] == link["href"]
    assert first.select_one("a.arxiv-paper-code") is None

    second = cards[1]
    assert second.select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:2512.17908v2"
    assert second.select_one("a.arxiv-paper-pdf")["href"] == "https://arxiv.org/pdf/2512.17908v2"
    assert "Carol White" in second.select_one(".arxiv-paper-authors").get_text()

    # Default abstract mode is "collapsed": a sphinx-design dropdown, i.e. <details>.
    for card, text in zip(cards, ["Encoders are generators.", "Depth by relighting."], strict=True):
        abstract = card.select_one(".arxiv-paper-abstract")
        assert abstract is not None and abstract.name == "details"
        assert text in abstract.get_text()


def test_cards_in_myst_page(project):
    app = project.build(
        {
            "index.md": myst_page("digests/a.md", ":abstract: full", ":columns: 3"),
            "digests/a.md": TWO_PAPERS,
        },
        myst=True,
    )
    assert "arxivdigest" not in project.warnings(app)
    soup = project.html(app)
    assert project.card_ids(soup) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    assert project.card_titles(soup) == ["Semantic encoders for generation", "Depth anything again"]
    row = soup.select_one("div.arxiv-digest div.sd-row")
    assert "sd-row-cols-lg-3" in row["class"]
    abstracts = soup.select("div.arxiv-paper .arxiv-paper-abstract")
    assert [a.name for a in abstracts] == ["div", "div"]
    # The digest itself is not a page of the MyST project.
    assert not (Path(app.outdir) / "digests" / "a.html").exists()


def test_multiline_row_abstract_paragraphs(project):
    digest = HEAD + (
        "| Dexterous world models | Byungjun Kim | [PDF](https://arxiv.org/pdf/2512.17907v1) | First paragraph.\n"
        "\n"
        "Second paragraph.\n"
        "\n"
        "Third paragraph. |\n"
        "| Next paper | Dana | [PDF](https://arxiv.org/pdf/2512.17906v1) | Single. |\n"
    )
    page = rst_page(".. arxiv-digest:: digests/a.md", "", ".. arxiv-digest:: digests/a.md", "   :abstract: full")
    app = project.build({"index.rst": page, "digests/a.md": digest})
    assert "arxivdigest" not in project.warnings(app)
    cards = project.cards(project.html(app))
    assert len(cards) == 4
    for card in (cards[0], cards[2]):  # collapsed, then full
        paragraphs = [p.get_text(strip=True) for p in project.abstract_paragraphs(card)]
        assert paragraphs == ["First paragraph.", "Second paragraph.", "Third paragraph."]
    assert cards[0].select_one(".arxiv-paper-abstract").name == "details"
    assert cards[2].select_one(".arxiv-paper-abstract").name == "div"
    assert [p.get_text(strip=True) for p in project.abstract_paragraphs(cards[1])] == ["Single."]


# --- inline markdown and safety --------------------------------------------------------------------


def test_inline_markdown_in_abstract(project):
    abstract = (
        "See [the site](https://example.org/site) and *emphasis* with `some_code` "
        "and $x^2$ and https://example.org/x for more."
    )
    digest = HEAD + f"| Inline test | Eve | [PDF](https://arxiv.org/pdf/2512.00001v1) | {abstract} |\n"
    page = rst_page(".. arxiv-digest:: digests/a.md", "   :abstract: full")
    app = project.build({"index.rst": page, "digests/a.md": digest})
    card = project.cards(project.html(app))[0]
    abstract_el = card.select_one(".arxiv-paper-abstract")

    hrefs = {a["href"]: a.get_text(strip=True) for a in abstract_el.find_all("a", href=True)}
    assert hrefs.get("https://example.org/site") == "the site"
    assert "https://example.org/x" in hrefs
    assert abstract_el.find("em").get_text() == "emphasis"
    code = abstract_el.select_one("code.docutils.literal")
    assert code is not None and code.get_text() == "some_code"
    math = abstract_el.select_one("span.math")
    assert math is not None and "x^2" in math.get_text()
    assert "$x^2$" not in abstract_el.get_text()
    assert "*emphasis*" not in abstract_el.get_text()


def test_raw_html_is_shown_as_text(project):
    abstract = "Bold <b>x</b> and <script>alert(1)</script> and <img src=x onerror=alert(2)> end."
    digest = HEAD + f"| Raw <i>html</i> title | Mallory | [PDF](https://arxiv.org/pdf/2512.00002v1) | {abstract} |\n"
    page = rst_page(".. arxiv-digest:: digests/a.md", "   :abstract: full")
    app = project.build({"index.rst": page, "digests/a.md": digest})
    soup = project.html(app)
    card = project.cards(soup)[0]
    assert card.find("b") is None
    assert card.find("i") is None
    assert card.find("img") is None
    assert card.find("script") is None
    text = card.select_one(".arxiv-paper-abstract").get_text()
    assert "<b>x</b>" in text
    assert "<script>alert(1)</script>" in text
    assert "<i>html</i>" in card.select_one("p.arxiv-paper-title").get_text()


def test_javascript_links_are_not_hrefs(project):
    abstract = (
        "Click [here](javascript:alert(1)) or <javascript:alert(2)> or "
        '<a href="javascript:alert(3)">there</a> or [x](JavaScript:alert(4)).'
    )
    digest = HEAD + (
        f"| [Evil title](javascript:alert(5)) | Mallory | [PDF](https://arxiv.org/pdf/2512.00003v1) | {abstract} |\n"
    )
    page = rst_page(".. arxiv-digest:: digests/a.md", "   :abstract: full")
    app = project.build({"index.rst": page, "digests/a.md": digest})
    soup = project.html(app)
    cards = project.cards(soup)
    assert len(cards) == 1
    for a in soup.find_all(href=True):
        assert not a["href"].strip().lower().startswith("javascript:"), a
    # The text is still visible.
    assert "here" in cards[0].select_one(".arxiv-paper-abstract").get_text()


# --- digest formats ----------------------------------------------------------------------------------


def test_english_headers_and_paper_dates(project):
    digest = EN_HEAD + (
        "| Dated paper | Frank Lee | [PDF](https://arxiv.org/pdf/2405.01234v3) | Has its own date. | 2024-05-06 |\n"
        "| Undated paper | Grace Kim | [PDF](https://arxiv.org/pdf/2405.05678v1) | Uses the digest date. | |\n"
    )
    app = project.build({"index.rst": rst_page(".. arxiv-digest:: digests/a.md"), "digests/a.md": digest})
    soup = project.html(app)
    assert project.card_ids(soup) == ["arxiv-2405-01234", "arxiv-2405-05678"]
    assert project.card_titles(soup) == ["Dated paper", "Undated paper"]
    dates = [card.select_one("span.arxiv-paper-date").get_text(strip=True) for card in project.cards(soup)]
    assert dates == ["2024-05-06", "2025-12-22"]
    assert project.cards(soup)[0].select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:2405.01234v3"


def test_cv_arxiv_daily_rows(project):
    digest = (
        "## Diffusion\n\n"
        "|Publish Date|Title|Authors|PDF|Code|\n"
        "|---|---|---|---|---|\n"
        "|**2024-07-01**|**Title One**|First Author et.al.|[2407.01292](http://arxiv.org/abs/2407.01292)|null|\n"
        "|**2024-06-30**|**Title Two**|Second Author et.al.|[2406.21000](http://arxiv.org/abs/2406.21000)|"
        "**[link](https://github.com/example/two)**|\n"
    )
    app = project.build({"index.rst": rst_page(".. arxiv-digest:: digests/a.md"), "digests/a.md": digest})
    assert "arxivdigest" not in project.warnings(app)
    soup = project.html(app)
    cards = project.cards(soup)
    assert project.card_ids(soup) == ["arxiv-2407-01292", "arxiv-2406-21000"]
    assert project.card_titles(soup) == ["Title One", "Title Two"]
    first, second = cards
    assert first.select_one("span.arxiv-paper-date").get_text(strip=True) == "2024-07-01"
    assert second.select_one("span.arxiv-paper-date").get_text(strip=True) == "2024-06-30"
    assert "First Author" in first.select_one(".arxiv-paper-authors").get_text()
    assert first.select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:2407.01292"
    assert re.fullmatch(r"https?://arxiv\.org/abs/2407\.01292", first.select_one("p.arxiv-paper-title > a")["href"])
    assert re.match(r"https?://arxiv\.org/pdf/2407\.01292", first.select_one("a.arxiv-paper-pdf")["href"])
    assert first.select_one("a.arxiv-paper-code") is None
    assert second.select_one("a.arxiv-paper-code")["href"] == "https://github.com/example/two"


def test_old_style_id_anchor(project):
    digest = HEAD + "| Strings and branes | Old Timer | [PDF](https://arxiv.org/pdf/hep-th/9901001v2) | Old. |\n"
    app = project.build({"index.rst": rst_page(".. arxiv-digest:: digests/a.md"), "digests/a.md": digest})
    card = project.cards(project.html(app))[0]
    assert card["id"] == "arxiv-hep-th-9901001"
    assert card.select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:hep-th/9901001v2"
    assert card.select_one("a.arxiv-paper-pdf")["href"] == "https://arxiv.org/pdf/hep-th/9901001v2"


def test_reference_digest(project):
    if not SEED.is_file():
        pytest.skip(f"reference digest {SEED} not available")
    project.write({"index.rst": rst_page(f".. arxiv-digest:: digests/{SEED.name}")})
    (project.srcdir / "digests").mkdir()
    shutil.copyfile(SEED, project.srcdir / "digests" / SEED.name)
    app = project.build()
    assert "arxivdigest" not in project.warnings(app)
    soup = project.html(app)
    cards = project.cards(soup)
    ids = project.card_ids(soup)
    assert len(cards) == 10
    assert len(set(ids)) == 10
    third = cards[2]
    assert third["id"] == "arxiv-2512-17907"
    assert third.select_one("span.arxiv-paper-id").get_text(strip=True) == "arXiv:2512.17907v1"
    assert len(project.abstract_paragraphs(third)) == 3
    assert all(c.select_one("span.arxiv-paper-date").get_text(strip=True) == "2025-12-22" for c in cards)


# --- paths ------------------------------------------------------------------------------------------

TOP = HEAD + "| Top level paper | Tom | [PDF](https://arxiv.org/pdf/2512.10001v1) | Top. |\n"
NESTED = HEAD + "| Nested paper | Nina | [PDF](https://arxiv.org/pdf/2512.20002v1) | Nested. |\n"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("/digests/a.md", "arxiv-2512-10001"),  # relative to the source directory
        ("../digests/a.md", "arxiv-2512-10001"),  # relative to sub/page.rst
        ("digests/a.md", "arxiv-2512-20002"),  # relative to sub/page.rst: sub/digests/a.md
    ],
)
def test_paths_from_a_page_in_a_subfolder(project, argument, expected):
    files = {
        "index.rst": rst_page(".. toctree::", "", "   sub/page"),
        "sub/page.rst": rst_page(f".. arxiv-digest:: {argument}", title="Sub"),
        "digests/a.md": TOP,
        "sub/digests/a.md": NESTED,
    }
    app = project.build(files)
    assert "arxivdigest" not in project.warnings(app)
    assert project.card_ids(project.html(app, "sub/page")) == [expected]


def test_leading_slash_in_myst_subfolder_page(project):
    files = {
        "index.md": "# Home\n\n```{toctree}\nsub/page\n```\n",
        "sub/page.md": myst_page("/digests/a.md", title="Sub"),
        "digests/a.md": TOP,
    }
    app = project.build(files, myst=True)
    assert "arxivdigest" not in project.warnings(app)
    assert project.card_ids(project.html(app, "sub/page")) == ["arxiv-2512-10001"]


def test_several_paths(project):
    files = {
        "index.rst": rst_page(".. arxiv-digest:: digests/a.md digests/b.md"),
        "digests/a.md": TOP,
        "digests/b.md": NESTED,
    }
    app = project.build(files)
    assert sorted(project.card_ids(project.html(app))) == ["arxiv-2512-10001", "arxiv-2512-20002"]


def test_glob_renders_all_matching_files_sorted_by_path(project):
    def one(number: int, title: str) -> str:
        return HEAD + f"| {title} | Someone | [PDF](https://arxiv.org/pdf/2512.3000{number}v1) | Text. |\n"

    files = {
        "index.rst": rst_page(".. arxiv-digest:: digests/2025-*.md"),
        # Written out of order on purpose.
        "digests/2025-12-03.md": one(3, "Third file"),
        "digests/2025-12-01.md": one(1, "First file"),
        "digests/2025-12-02.md": one(2, "Second file"),
        "digests/2024-12-31.md": one(9, "Not matched"),
    }
    app = project.build(files)
    assert "arxivdigest" not in project.warnings(app)
    assert project.card_titles(project.html(app)) == ["First file", "Second file", "Third file"]


# --- options ----------------------------------------------------------------------------------------

FILTER_DIGEST = HEAD + (
    "| Diffusion models for images | Alice | [PDF](https://arxiv.org/pdf/2501.00001v1) | Pictures. |\n"
    "| Graph networks | Bob | [PDF](https://arxiv.org/pdf/2501.00002v1) | Uses a diffusion process on graphs. |\n"
    "| Quantum states | Carol | [PDF](https://arxiv.org/pdf/2501.00003v1) | Spins. |\n"
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("DIFFUSION", ["arxiv-2501-00001", "arxiv-2501-00002"]),  # title or abstract, any case
        ("diffusion bob", ["arxiv-2501-00002"]),  # every word must occur
        ("carol", ["arxiv-2501-00003"]),  # authors
        ("diffusion carol", []),
    ],
)
def test_filter(project, words, expected):
    page = rst_page(".. arxiv-digest:: digests/a.md", f"   :filter: {words}")
    app = project.build({"index.rst": page, "digests/a.md": FILTER_DIGEST})
    assert project.card_ids(project.html(app)) == expected


# (arXiv id, title, date) in file order; every sort order below differs from the file order.
SORT_PAPERS = [
    ("2401.00003", "Delta", "2024-01-04"),
    ("2401.00001", "Charlie", "2024-01-02"),
    ("2401.00004", "Alpha", "2024-01-03"),
    ("2401.00002", "Bravo", "2024-01-01"),
]
SORT_DIGEST = EN_HEAD + "".join(
    f"| {title} | Someone | [PDF](https://arxiv.org/pdf/{arxiv_id}v1) | Text. | {date} |\n"
    for arxiv_id, title, date in SORT_PAPERS
)


def _anchor(arxiv_id: str) -> str:
    return "arxiv-" + arxiv_id.replace(".", "-")


@pytest.mark.parametrize("key", ["date", "title", "id", "-date", "-title", "-id"])
def test_sort(project, key):
    index = {"id": 0, "title": 1, "date": 2}[key.lstrip("-")]
    expected = [_anchor(p[0]) for p in sorted(SORT_PAPERS, key=lambda p: p[index], reverse=key.startswith("-"))]
    assert expected != [_anchor(p[0]) for p in SORT_PAPERS]
    page = rst_page(".. arxiv-digest:: digests/a.md", f"   :sort: {key}")
    app = project.build({"index.rst": page, "digests/a.md": SORT_DIGEST})
    assert project.card_ids(project.html(app)) == expected


def test_default_order_is_file_order(project):
    app = project.build({"index.rst": rst_page(".. arxiv-digest:: digests/a.md"), "digests/a.md": SORT_DIGEST})
    assert project.card_ids(project.html(app)) == [_anchor(p[0]) for p in SORT_PAPERS]


def test_limit(project):
    page = rst_page(
        ".. arxiv-digest:: digests/a.md",
        "   :limit: 2",
        "",
        ".. arxiv-digest:: digests/a.md",
        "   :sort: -id",
        "   :limit: 1",
    )
    app = project.build({"index.rst": page, "digests/a.md": SORT_DIGEST})
    soup = project.html(app)
    grids = soup.select("div.arxiv-digest")
    assert len(grids) == 2
    first = [card["id"] for card in grids[0].select("div.arxiv-paper")]
    second = [card["id"] for card in grids[1].select("div.arxiv-paper")]
    assert first == [_anchor(p[0]) for p in SORT_PAPERS[:2]]
    assert second == [_anchor(max(p[0] for p in SORT_PAPERS))]


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
def test_columns_option(project, columns):
    page = rst_page(".. arxiv-digest:: digests/a.md", f"   :columns: {columns}")
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    row = project.html(app).select_one("div.arxiv-digest > div.sd-row")
    assert f"sd-row-cols-lg-{columns}" in row["class"]
    assert [c for c in row["class"] if c.startswith("sd-row-cols-lg-")] == [f"sd-row-cols-lg-{columns}"]


def test_columns_default_and_config(project):
    page = rst_page(".. arxiv-digest:: digests/a.md", "", ".. arxiv-digest:: digests/a.md", "   :columns: 1")
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    rows = project.html(app).select("div.arxiv-digest > div.sd-row")
    assert "sd-row-cols-lg-2" in rows[0]["class"]  # the default
    assert "sd-row-cols-lg-1" in rows[1]["class"]

    app = project.build(confoverrides={"arxivdigest_columns": 4}, freshenv=True)
    rows = project.html(app).select("div.arxiv-digest > div.sd-row")
    assert "sd-row-cols-lg-4" in rows[0]["class"]  # the config value changes the default
    assert "sd-row-cols-lg-1" in rows[1]["class"]  # the option still wins


@pytest.mark.parametrize(("mode", "element"), [("full", "div"), ("collapsed", "details"), ("none", None)])
def test_abstract_option(project, mode, element):
    page = rst_page(".. arxiv-digest:: digests/a.md", f"   :abstract: {mode}")
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    cards = project.cards(project.html(app))
    assert len(cards) == 2
    for card in cards:
        abstract = card.select_one(".arxiv-paper-abstract")
        if element is None:
            assert abstract is None
            assert "Encoders are generators." not in card.get_text()
            assert card.select("details.sd-dropdown") == []  # no abstract dropdown (BibTeX has its own)
        else:
            assert abstract is not None and abstract.name == element
    if element is not None:
        assert "Encoders are generators." in cards[0].select_one(".arxiv-paper-abstract").get_text()


@pytest.mark.parametrize(("config", "element"), [("full", "div"), ("none", None), ("collapsed", "details")])
def test_abstract_config_default(project, config, element):
    page = rst_page(".. arxiv-digest:: digests/a.md", "", ".. arxiv-digest:: digests/a.md", "   :abstract: full")
    project.write({"index.rst": page, "digests/a.md": TWO_PAPERS})
    app = project.build(confoverrides={"arxivdigest_abstract": config})
    grids = project.html(app).select("div.arxiv-digest")
    defaulted = grids[0].select_one("div.arxiv-paper .arxiv-paper-abstract")
    if element is None:
        assert defaulted is None
    else:
        assert defaulted is not None and defaulted.name == element
    explicit = grids[1].select_one("div.arxiv-paper .arxiv-paper-abstract")
    assert explicit is not None and explicit.name == "div"


def test_no_index_still_renders_cards(project):
    page = rst_page(".. arxiv-digest:: digests/a.md", "   :no-index:")
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    assert "arxivdigest" not in project.warnings(app)
    soup = project.html(app)
    assert project.card_titles(soup) == ["Semantic encoders for generation", "Depth anything again"]


def test_no_index_in_myst(project):
    app = project.build(
        {"index.md": myst_page("digests/a.md", ":no-index:"), "digests/a.md": TWO_PAPERS}, myst=True
    )
    assert len(project.cards(project.html(app))) == 2


def test_class_option(project):
    page = rst_page(
        ".. arxiv-digest:: digests/a.md", "   :class: foo highlight", "", ".. arxiv-digest:: digests/a.md"
    )
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    grids = project.html(app).select("div.arxiv-digest")
    with_class = grids[0].select("div.arxiv-paper")
    assert len(with_class) == 2
    for card in with_class:
        assert "foo" in card["class"] and "highlight" in card["class"]
    for card in grids[1].select("div.arxiv-paper"):
        assert "foo" not in card["class"]


# --- ids --------------------------------------------------------------------------------------------


def test_same_paper_twice_on_a_page_gets_unique_ids(project):
    page = rst_page(*[".. arxiv-digest:: digests/a.md\n"] * 3)
    app = project.build({"index.rst": page, "digests/a.md": TWO_PAPERS})
    soup = project.html(app)
    ids = project.card_ids(soup)
    assert ids == [
        "arxiv-2512-17909", "arxiv-2512-17908",
        "arxiv-2512-17909-2", "arxiv-2512-17908-2",
        "arxiv-2512-17909-3", "arxiv-2512-17908-3",
    ]
    all_ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(all_ids) == len(set(all_ids))


def test_same_paper_on_two_pages_keeps_its_anchor(project):
    files = {
        "index.rst": rst_page(".. toctree::", "", "   other", "", ".. arxiv-digest:: digests/a.md"),
        "other.rst": rst_page(".. arxiv-digest:: digests/a.md", title="Other"),
        "digests/a.md": TWO_PAPERS,
    }
    app = project.build(files)
    assert project.card_ids(project.html(app)) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    assert project.card_ids(project.html(app, "other")) == ["arxiv-2512-17909", "arxiv-2512-17908"]
