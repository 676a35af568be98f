"""The ``arxiv`` domain in real Sphinx builds: cards as targets, roles, index, inventory, rebuilds.

Every test writes a small project into ``tmp_path``, builds it with Sphinx's own testing fixtures
and reads the output (HTML with BeautifulSoup, ``objects.inv`` decoded by hand, the warning stream).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from sphinx_arxivdigest.sphinx import store as digest_cache

from harness import (
    MYST_CONF,
    RST_CONF,
    build,
    card_ids,
    html,
    page,
    papers_in,
    read_inventory,
    role_links,
    touch_later,
    warnings_of,
    write_project,
)

pytestmark = pytest.mark.sphinx

# --- sample digests -----------------------------------------------------------------------------

DIGEST_A = (
    "# arxiv 2025-12-22\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Title A | Alice | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs A |\n"
    "| Title B | Bob, Carol | [PDF](https://arxiv.org/pdf/2512.17908v1) | abs B |\n"
)

DIGEST_OLD = (
    "# arxiv 1999-01-05\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Old Strings | Dan | [PDF](https://arxiv.org/pdf/hep-th/9901001v1) | abs old |\n"
)

DIGEST_C = (
    "# arxiv 2025-12-24\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Zeta paper | Zed, Yan | [PDF](https://arxiv.org/pdf/2512.20001v2) | quantum abs C |\n"
    "| alpha paper | Eve | [PDF](https://arxiv.org/pdf/2512.20002v1) | classical abs D |\n"
)

# --- cards are domain objects ---------------------------------------------------------------------


def test_cards_are_paper_objects_with_stable_ids(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md digests/old.md\n"),
    })
    app = build(make_app, src)
    assert warnings_of(app) == ""
    soup = html(app, "index.html")
    assert card_ids(soup) == ["arxiv-2512-17909", "arxiv-2512-17908", "arxiv-hep-th-9901001"]
    titles = [a.get_text(strip=True) for a in soup.select("div.arxiv-paper p.arxiv-paper-title > a")]
    assert titles == ["Title A", "Title B", "Old Strings"]

    inventory = papers_in(read_inventory(Path(app.outdir) / "objects.inv"))
    assert inventory == {
        "2512.17909": ("index.html#arxiv-2512-17909", "Title A"),
        "2512.17908": ("index.html#arxiv-2512-17908", "Title B"),
        "hep-th/9901001": ("index.html#arxiv-hep-th-9901001", "Old Strings"),
    }


def test_objects_inv_loads_with_sphinx_inventory_reader(make_app, tmp_path):
    from sphinx.util.inventory import InventoryFile

    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n"),
    })
    app = build(make_app, src)
    content = (Path(app.outdir) / "objects.inv").read_bytes()
    if hasattr(InventoryFile, "loads"):  # Sphinx >= 8.2: items with named fields
        papers = {k: (v.uri, v.display_name) for k, v in
                  InventoryFile.loads(content, uri="https://a.example/docs/").data["arxiv:paper"].items()}
    else:  # Sphinx 7.4 to 8.1: (project, version, uri, display name) tuples
        import io
        import posixpath

        loaded = InventoryFile.load(io.BytesIO(content), "https://a.example/docs/", posixpath.join)
        papers = {k: (v[2], v[3]) for k, v in loaded["arxiv:paper"].items()}
    assert set(papers) == {"2512.17909", "2512.17908"}
    assert papers["2512.17909"] == ("https://a.example/docs/index.html#arxiv-2512-17909", "Title A")


# --- roles ----------------------------------------------------------------------------------------

ROLE_PAGE = """\
Long :arxiv:paper:`2512.17909`.

Short :arxiv:`2512.17909`.

Versioned :arxiv:`2512.17908v1`.

Explicit :arxiv:`the A paper <2512.17909>`.

Old style :arxiv:paper:`hep-th/9901001`.

Old style versioned :arxiv:`hep-th/9901001v1`.
"""


def _assert_role_links(links, prefix: str) -> None:
    got = [(a["href"], a.get_text(strip=True)) for a in links]
    assert got == [
        (f"{prefix}#arxiv-2512-17909", "Title A"),
        (f"{prefix}#arxiv-2512-17909", "Title A"),
        (f"{prefix}#arxiv-2512-17908", "Title B"),
        (f"{prefix}#arxiv-2512-17909", "the A paper"),
        (f"{prefix}#arxiv-hep-th-9901001", "Old Strings"),
        (f"{prefix}#arxiv-hep-th-9901001", "Old Strings"),
    ]
    for a in links:
        assert "arxiv-external" not in a.get("class", [])


def _role_project(root: Path) -> Path:
    return write_project(root, {
        "digests/a.md": DIGEST_A,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md digests/old.md\n",
                          toctree=["sub/deeper/page", "other"]),
        "sub/deeper/page.rst": page("Deep", ROLE_PAGE),
        "other.rst": page("Other", ROLE_PAGE),
    })


def test_rst_roles_link_to_cards_html(make_app, tmp_path):
    app = build(make_app, _role_project(tmp_path / "src"))
    assert warnings_of(app) == ""
    _assert_role_links(role_links(html(app, "sub/deeper/page.html")), "../../index.html")
    _assert_role_links(role_links(html(app, "other.html")), "index.html")
    # A reference is not a card: the role's node must not carry the card's class.
    assert html(app, "other.html").select("div.arxiv-paper") == []


def test_rst_roles_link_to_cards_from_the_same_page(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n\nSee :arxiv:`2512.17908`.\n"),
    })
    app = build(make_app, src)
    links = role_links(html(app, "index.html"))
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [("#arxiv-2512-17908", "Title B")]


def test_rst_roles_link_to_cards_dirhtml(make_app, tmp_path):
    app = build(make_app, _role_project(tmp_path / "src"), "dirhtml")
    assert warnings_of(app) == ""
    _assert_role_links(role_links(html(app, "sub/deeper/page/index.html")), "../../../")
    _assert_role_links(role_links(html(app, "other/index.html")), "../")


def test_rst_roles_link_to_cards_singlehtml(make_app, tmp_path):
    app = build(make_app, _role_project(tmp_path / "src"), "singlehtml")
    assert warnings_of(app) == ""
    soup = html(app, "index.html")
    links = role_links(soup)
    assert len(links) == 12
    _assert_role_links(links[:6], "")
    _assert_role_links(links[6:], "")
    ids = {tag.get("id") for tag in soup.find_all(id=True)}
    assert {"arxiv-2512-17909", "arxiv-2512-17908", "arxiv-hep-th-9901001"} <= ids


def test_any_role_finds_papers(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs"]),
        "refs.rst": page("Refs", "See :any:`2512.17908`.\n"),
    })
    app = build(make_app, src)
    assert warnings_of(app) == ""
    links = [a for a in html(app, "refs.html").select("a.reference.internal") if "#arxiv-" in a.get("href", "")]
    assert [a["href"] for a in links] == ["index.html#arxiv-2512-17908"]


def test_myst_roles_and_directive(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "digests/old.md": DIGEST_OLD,
        "index.md": dedent("""\
            # Home

            ```{toctree}
            :hidden:

            sub/notes
            ```

            ```{arxiv-digest} digests/a.md digests/old.md
            ```
            """),
        "sub/notes.md": dedent("""\
            # Notes

            Long {arxiv:paper}`2512.17909`.

            Short {arxiv}`2512.17909`.

            Versioned {arxiv}`2512.17908v1`.

            Explicit {arxiv}`the A paper <2512.17909>`.

            Old style {arxiv:paper}`hep-th/9901001`.

            Old style versioned {arxiv}`hep-th/9901001v1`.
            """),
    }, conf=MYST_CONF)
    app = build(make_app, src)
    assert warnings_of(app) == ""
    assert card_ids(html(app, "index.html")) == ["arxiv-2512-17909", "arxiv-2512-17908", "arxiv-hep-th-9901001"]
    _assert_role_links(role_links(html(app, "sub/notes.html")), "../index.html")


def test_myst_no_index_option(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.md": dedent("""\
            # Home

            ```{arxiv-digest} digests/a.md
            :no-index:
            ```

            See {arxiv}`2512.17909`.
            """),
    }, conf=MYST_CONF)
    app = build(make_app, src)
    soup = html(app, "index.html")
    assert card_ids(soup) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    links = role_links(soup)
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("https://arxiv.org/abs/2512.17909", "2512.17909")
    ]
    assert "arxiv-external" in links[0]["class"]
    assert papers_in(read_inventory(Path(app.outdir) / "objects.inv")) == {}


# --- unknown ids ----------------------------------------------------------------------------------

UNKNOWN_PAGE = """\
Known :arxiv:`2512.17909`.

Unknown :arxiv:`9999.99999`.

Unknown old :arxiv:paper:`astro-ph/0101001`.
"""


def _unknown_project(root: Path, extra_conf: str = "") -> Path:
    return write_project(root, {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["sub/refs"]),
        "sub/refs.rst": page("Refs", UNKNOWN_PAGE),
    }, conf=RST_CONF + extra_conf)


def test_unknown_id_links_to_arxiv_without_warning(make_app, tmp_path):
    app = build(make_app, _unknown_project(tmp_path / "src"))
    assert warnings_of(app) == ""
    links = role_links(html(app, "sub/refs.html"))
    got = [(a["href"], a.get_text(strip=True), "arxiv-external" in a.get("class", [])) for a in links]
    assert got == [
        ("../index.html#arxiv-2512-17909", "Title A", False),
        ("https://arxiv.org/abs/9999.99999", "9999.99999", True),
        ("https://arxiv.org/abs/astro-ph/0101001", "astro-ph/0101001", True),
    ]


def test_unknown_id_warns_when_nitpicky(make_app, tmp_path):
    src = _unknown_project(tmp_path / "src", "nitpicky = True\n")
    app = build(make_app, src)
    warnings = warnings_of(app).strip().splitlines()
    page_path = str(src / "sub" / "refs.rst")
    assert sorted(warnings) == sorted([
        f"{page_path}:6: WARNING: arXiv paper 9999.99999 is not in any digest of this project [ref.paper]",
        f"{page_path}:8: WARNING: arXiv paper astro-ph/0101001 is not in any digest of this project [ref.paper]",
    ])
    # The link is still there, pointing at arXiv.
    hrefs = [a["href"] for a in role_links(html(app, "sub/refs.html"))]
    assert hrefs[1:] == ["https://arxiv.org/abs/9999.99999", "https://arxiv.org/abs/astro-ph/0101001"]


def test_external_url_config(make_app, tmp_path):
    src = _unknown_project(tmp_path / "src", 'arxivdigest_external_url = "https://mirror.example/abs/{id}"\n')
    app = build(make_app, src)
    hrefs = [a["href"] for a in role_links(html(app, "sub/refs.html"))]
    assert hrefs == [
        "../index.html#arxiv-2512-17909",
        "https://mirror.example/abs/9999.99999",
        "https://mirror.example/abs/astro-ph/0101001",
    ]


# --- several cards for one paper ------------------------------------------------------------------


def test_paper_on_several_pages_links_to_first_by_docname(make_app, tmp_path):
    # The toctree lists b before a: the target is chosen by document name, not reading order.
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "See :arxiv:`2512.17909` and :arxiv:`2512.17908`.\n", toctree=["b", "a"]),
        "b.rst": page("B", ".. arxiv-digest:: digests/a.md\n"),
        "a.rst": page("A", ".. arxiv-digest:: digests/a.md\n   :filter: Alice\n"),
    })
    app = build(make_app, src)
    assert warnings_of(app) == ""
    assert card_ids(html(app, "a.html")) == ["arxiv-2512-17909"]
    assert card_ids(html(app, "b.html")) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    links = role_links(html(app, "index.html"))
    assert [a["href"] for a in links] == ["a.html#arxiv-2512-17909", "b.html#arxiv-2512-17908"]
    inventory = papers_in(read_inventory(Path(app.outdir) / "objects.inv"))
    assert inventory["2512.17909"][0] == "a.html#arxiv-2512-17909"
    assert inventory["2512.17908"][0] == "b.html#arxiv-2512-17908"


def test_paper_twice_on_one_page_links_to_first_card(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", dedent("""\
            .. arxiv-digest:: digests/a.md
               :sort: title
               :limit: 1

            .. arxiv-digest:: digests/a.md

            See :arxiv:`2512.17909`.
            """)),
    })
    app = build(make_app, src)
    assert warnings_of(app) == ""
    soup = html(app, "index.html")
    assert card_ids(soup) == ["arxiv-2512-17909", "arxiv-2512-17909-2", "arxiv-2512-17908"]
    assert [a["href"] for a in role_links(soup)] == ["#arxiv-2512-17909"]


def test_no_index_cards_are_never_targets(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "See :arxiv:`2512.17909` and :arxiv:`2512.17908`.\n", toctree=["a", "b"]),
        # a.rst comes first by name but its cards are not indexed.
        "a.rst": page("A", ".. arxiv-digest:: digests/a.md\n   :no-index:\n"),
        "b.rst": page("B", ".. arxiv-digest:: digests/a.md\n   :filter: Bob\n"),
    })
    app = build(make_app, src)
    assert warnings_of(app) == ""
    assert card_ids(html(app, "a.html")) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    links = role_links(html(app, "index.html"))
    assert [a["href"] for a in links] == ["https://arxiv.org/abs/2512.17909", "b.html#arxiv-2512-17908"]
    assert "arxiv-external" in links[0]["class"]
    assert papers_in(read_inventory(Path(app.outdir) / "objects.inv")) == {
        "2512.17908": ("b.html#arxiv-2512-17908", "Title B")
    }


def test_only_no_index_card_falls_back_to_external_link_with_nitpick_warning(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n   :no-index:\n\nSee :arxiv:`2512.17908`.\n"),
    }, conf=RST_CONF + "nitpicky = True\n")
    app = build(make_app, src)
    links = role_links(html(app, "index.html"))
    assert [a["href"] for a in links] == ["https://arxiv.org/abs/2512.17908"]
    assert "arXiv paper 2512.17908 is not in any digest of this project" in warnings_of(app)


# --- arxiv-paper ----------------------------------------------------------------------------------


def test_arxiv_paper_directive_renders_card_from_another_page(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md digests/old.md\n", toctree=["sub/one"]),
        "sub/one.rst": page("One", dedent("""\
            Intro.

            .. arxiv-paper:: 2512.17908

            .. arxiv-paper:: hep-th/9901001v1

            .. arxiv-paper:: 2512.11111
            """)),
    })
    app = build(make_app, src)
    soup = html(app, "sub/one.html")
    cards = soup.select("div.arxiv-paper")
    assert [c.get("id") for c in cards] == ["arxiv-2512-17908", "arxiv-hep-th-9901001"]
    assert cards[0].select_one("p.arxiv-paper-title > a").get_text(strip=True) == "Title B"
    assert "Bob, Carol" in cards[0].get_text()
    assert cards[1].select_one("p.arxiv-paper-title > a").get_text(strip=True) == "Old Strings"
    # The digest page still has its own cards, and references still go there.
    assert card_ids(html(app, "index.html")) == ["arxiv-2512-17909", "arxiv-2512-17908", "arxiv-hep-th-9901001"]
    assert papers_in(read_inventory(Path(app.outdir) / "objects.inv"))["2512.17908"][0] == (
        "index.html#arxiv-2512-17908"
    )
    warnings = warnings_of(app).strip().splitlines()
    assert warnings == [
        f"{src / 'sub' / 'one.rst'}:10: WARNING: arxiv-paper: 2512.11111 is not in any indexed digest "
        "of this project [arxivdigest.unknown]"
    ]


def test_arxiv_paper_ignores_no_index_cards(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n   :no-index:\n", toctree=["other"]),
        "other.rst": page("Other", ".. arxiv-paper:: 2512.17909\n"),
    })
    app = build(make_app, src)
    assert card_ids(html(app, "other.html")) == []
    assert (
        f"{src / 'other.rst'}:4: WARNING: arxiv-paper: 2512.17909 is not in any indexed digest of this project"
        in warnings_of(app)
    )


# --- arxiv-index ----------------------------------------------------------------------------------


def _index_project(root: Path, options: str = "") -> Path:
    return write_project(root, {
        "digests/a.md": DIGEST_A,
        "digests/c.md": DIGEST_C,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["more/c", "list"]),
        "more/c.rst": page("More", ".. arxiv-digest:: /digests/c.md /digests/old.md\n"),
        "list.rst": page("List", ".. arxiv-index::\n" + options),
    })


def _index_rows(app, name: str = "list.html") -> list[tuple[str, str, str, str, str, str]]:
    """(date, title, title href, first author, page text, page href) of each row."""
    table = html(app, name).select_one("table.arxiv-index")
    assert table is not None
    rows = []
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td")
        assert len(cells) == 4
        title_link = cells[1].find("a")
        page_link = cells[3].find("a")
        rows.append((
            cells[0].get_text(strip=True),
            cells[1].get_text(strip=True),
            title_link["href"],
            cells[2].get_text(strip=True),
            page_link.get_text(strip=True),
            page_link["href"],
        ))
    return rows


def test_arxiv_index_lists_every_indexed_paper(make_app, tmp_path):
    app = build(make_app, _index_project(tmp_path / "src"))
    assert warnings_of(app) == ""
    headers = [th.get_text(strip=True) for th in html(app, "list.html").select("table.arxiv-index thead th")]
    assert headers == ["Date", "Title", "First author", "Page"]
    assert _index_rows(app) == [
        ("2025-12-22", "Title A", "index.html#arxiv-2512-17909", "Alice", "Home", "index.html"),
        ("2025-12-22", "Title B", "index.html#arxiv-2512-17908", "Bob", "Home", "index.html"),
        ("2025-12-24", "Zeta paper", "more/c.html#arxiv-2512-20001", "Zed", "More", "more/c.html"),
        ("2025-12-24", "alpha paper", "more/c.html#arxiv-2512-20002", "Eve", "More", "more/c.html"),
        ("1999-01-05", "Old Strings", "more/c.html#arxiv-hep-th-9901001", "Dan", "More", "more/c.html"),
    ]


def test_arxiv_index_in_subfolder_has_relative_links(make_app, tmp_path):
    src = _index_project(tmp_path / "src")
    (src / "more" / "list2.rst").write_text(page("List 2", ".. arxiv-index::\n   :limit: 1\n"), encoding="utf-8")
    (src / "index.rst").write_text(
        page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["more/c", "list", "more/list2"]), encoding="utf-8"
    )
    app = build(make_app, src)
    assert _index_rows(app, "more/list2.html") == [
        ("2025-12-22", "Title A", "../index.html#arxiv-2512-17909", "Alice", "Home", "../index.html"),
    ]


@pytest.mark.parametrize(
    ("options", "expected_titles"),
    [
        ("   :sort: title\n", ["alpha paper", "Old Strings", "Title A", "Title B", "Zeta paper"]),
        ("   :sort: -date\n", ["Zeta paper", "alpha paper", "Title A", "Title B", "Old Strings"]),
        ("   :sort: id\n", ["Title B", "Title A", "Zeta paper", "alpha paper", "Old Strings"]),
        ("   :sort: -date\n   :limit: 2\n", ["Zeta paper", "alpha paper"]),
        ("   :filter: Bob\n", ["Title B"]),
        # The filter also searches abstracts, which the domain does not keep.
        ("   :filter: quantum\n", ["Zeta paper"]),
        ("   :filter: abs\n   :sort: title\n   :limit: 3\n", ["alpha paper", "Old Strings", "Title A"]),
    ],
)
def test_arxiv_index_options(make_app, tmp_path, options, expected_titles):
    app = build(make_app, _index_project(tmp_path / "src", options))
    assert warnings_of(app) == ""
    assert [row[1] for row in _index_rows(app)] == expected_titles


def test_arxiv_index_without_matches(make_app, tmp_path):
    app = build(make_app, _index_project(tmp_path / "src", "   :filter: nothing-matches-this\n"))
    soup = html(app, "list.html")
    assert soup.select("table.arxiv-index") == []
    assert soup.select_one(".arxiv-index-empty").get_text(strip=True) == "No indexed papers match."


def test_arxiv_index_skips_no_index_cards_and_duplicates(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "digests/c.md": DIGEST_C,
        "index.rst": page("Home", ".. arxiv-index::\n", toctree=["a", "b"]),
        "a.rst": page("A", ".. arxiv-digest:: digests/c.md\n   :no-index:\n\n.. arxiv-digest:: digests/a.md\n"),
        "b.rst": page("B", ".. arxiv-digest:: digests/a.md\n"),
    })
    app = build(make_app, src)
    rows = _index_rows(app, "index.html")
    assert [(row[1], row[2]) for row in rows] == [
        ("Title A", "a.html#arxiv-2512-17909"),
        ("Title B", "a.html#arxiv-2512-17908"),
    ]


# --- general index --------------------------------------------------------------------------------


def _genindex_texts(app) -> str:
    soup = html(app, "genindex.html")
    return " | ".join(a.get_text(" ", strip=True) for a in soup.select("table.indextable a"))


def test_general_index_has_titles_and_authors(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n"),
    }, conf=RST_CONF + 'arxivdigest_index_entries = "all"\n')
    app = build(make_app, src)
    soup = html(app, "genindex.html")
    entries = {}
    for a in soup.select("table.indextable a"):
        entries.setdefault(a.get_text(" ", strip=True), set()).add(a.get("href"))
    text = soup.get_text(" ", strip=True)
    for word in ("Title A", "Title B", "Alice", "Bob", "Carol"):
        assert word in text
    # Sub-entries link to the card of the paper.
    assert "index.html#arxiv-2512-17909" in entries.get("arXiv paper 2512.17909v1", set())
    assert "index.html#arxiv-2512-17908" in entries.get("arXiv paper 2512.17908v1", set())
    hrefs = {href for targets in entries.values() for href in targets}
    assert {"index.html#arxiv-2512-17909", "index.html#arxiv-2512-17908"} <= hrefs


def test_general_index_entries_can_be_turned_off(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n"),
    }, conf=RST_CONF + "arxivdigest_index_entries = False\n")
    app = build(make_app, src)
    text = html(app, "genindex.html").select_one("div.body, div[role=main]").get_text(" ", strip=True)
    for word in ("Title A", "Title B", "Alice", "Bob", "Carol", "arXiv paper"):
        assert word not in text
    # Still cross-reference targets.
    assert set(papers_in(read_inventory(Path(app.outdir) / "objects.inv"))) == {"2512.17909", "2512.17908"}


@pytest.mark.parametrize("value", ["'authors'", "'none'", "True", "False", None])
def test_general_index_entries_by_author_only_or_none(make_app, tmp_path, value):
    """The default (None here) is 'authors'."""
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n"),
    }, conf=RST_CONF + (f"arxivdigest_index_entries = {value}\n" if value else ""))
    value = value or "'authors'"
    app = build(make_app, src)
    top = html(app, "genindex.html").select("table.indextable td > ul > li")
    rows = [row.get_text(" ", strip=True) for row in top]  # an entry with its sub-entries
    heads = [next(row.stripped_strings) for row in top]
    if value in ("'authors'", "True"):
        assert {"Alice", "Bob", "Carol"} <= set(heads), rows
        assert any(row.startswith("Alice") and "Title A" in row for row in rows), rows
    if value == "'authors'":  # the titles are only below their authors
        assert not any(head.startswith("Title") for head in heads) and "arXiv paper" not in str(rows), rows
    if value == "True":  # the older spelling of 'all'
        assert any(row.startswith("Title A") and "arXiv paper 2512.17909v1" in row for row in rows), rows
    if value in ("'none'", "False"):
        assert rows == [], rows
    assert "WARNING" not in warnings_of(app), warnings_of(app)


def test_no_index_cards_add_no_general_index_entries(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n   :no-index:\n"),
    })
    app = build(make_app, src)
    text = html(app, "genindex.html").select_one("div.body, div[role=main]").get_text(" ", strip=True)
    for word in ("Title A", "Alice", "Carol"):
        assert word not in text


# --- intersphinx ----------------------------------------------------------------------------------


def test_intersphinx_round_trip(make_app, tmp_path):
    src_a = write_project(tmp_path / "a", {
        "digests/a.md": DIGEST_A,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md digests/old.md\n"),
    })
    app_a = build(make_app, src_a)
    inv = Path(app_a.outdir) / "objects.inv"
    assert inv.is_file()

    conf_b = (
        'extensions = ["sphinx.ext.intersphinx", "sphinx_arxivdigest"]\n'
        f'intersphinx_mapping = {{"theirdocs": ("https://a.example/docs/", {str(inv)!r})}}\n'
    )
    src_b = write_project(tmp_path / "b", {
        "index.rst": page("B", dedent("""\
            Theirs :external+theirdocs:arxiv:paper:`2512.17909`.

            Old :external+theirdocs:arxiv:paper:`hep-th/9901001`.

            Explicit :external+theirdocs:arxiv:paper:`their B <2512.17908>`.
            """)),
    }, conf=conf_b)
    app_b = build(make_app, src_b)
    assert warnings_of(app_b) == ""
    soup = html(app_b, "index.html")
    links = [a for a in soup.select("a") if a.get("href", "").startswith("https://a.example/")]
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("https://a.example/docs/index.html#arxiv-2512-17909", "Title A"),
        ("https://a.example/docs/index.html#arxiv-hep-th-9901001", "Old Strings"),
        ("https://a.example/docs/index.html#arxiv-2512-17908", "their B"),
    ]


# --- incremental builds ---------------------------------------------------------------------------


def test_incremental_removal_of_digest_leaves_no_stale_target(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "Home page.\n", toctree=["cards", "refs", "list"]),
        "cards.rst": page("Cards", ".. arxiv-digest:: digests/a.md\n"),
        "refs.rst": page("Refs", "See :arxiv:`2512.17909`.\n"),
        "list.rst": page("List", ".. arxiv-index::\n"),
    })
    app = build(make_app, src)
    assert [a["href"] for a in role_links(html(app, "refs.html"))] == ["cards.html#arxiv-2512-17909"]
    assert "2512.17909" in papers_in(read_inventory(Path(app.outdir) / "objects.inv"))
    assert len(_index_rows(app)) == 2

    cards = src / "cards.rst"
    cards.write_text(page("Cards", "No digest any more.\n"), encoding="utf-8")
    touch_later(cards)
    digest_cache.clear_cache()
    app2 = build(make_app, src, freshenv=False)
    assert "cards" in app2.env.all_docs
    assert html(app2, "cards.html").select("div.arxiv-paper") == []
    assert papers_in(read_inventory(Path(app2.outdir) / "objects.inv")) == {}
    soup = html(app2, "list.html")
    assert soup.select("table.arxiv-index") == []
    assert soup.select_one(".arxiv-index-empty") is not None
    # refs.rst did not change, but its link did: it must not point at the card that is gone.
    links = role_links(html(app2, "refs.html"))
    assert [a["href"] for a in links] == ["https://arxiv.org/abs/2512.17909"]
    assert "arxiv-external" in links[0]["class"]


def test_incremental_moving_digest_to_another_page(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "Home page.\n", toctree=["x", "y", "refs"]),
        "x.rst": page("X", ".. arxiv-digest:: digests/a.md\n"),
        "y.rst": page("Y", "Nothing yet.\n"),
        "refs.rst": page("Refs", "See :arxiv:`2512.17908`.\n"),
    })
    app = build(make_app, src)
    assert [a["href"] for a in role_links(html(app, "refs.html"))] == ["x.html#arxiv-2512-17908"]

    for name, text in (("x.rst", page("X", "Gone.\n")), ("y.rst", page("Y", ".. arxiv-digest:: digests/a.md\n"))):
        (src / name).write_text(text, encoding="utf-8")
        touch_later(src / name)
    app2 = build(make_app, src, freshenv=False)
    assert papers_in(read_inventory(Path(app2.outdir) / "objects.inv"))["2512.17908"][0] == "y.html#arxiv-2512-17908"
    assert card_ids(html(app2, "x.html")) == []
    # refs.rst did not change, but its target moved from x.html to y.html.
    assert [a["href"] for a in role_links(html(app2, "refs.html"))] == ["y.html#arxiv-2512-17908"]


def test_incremental_new_digest_resolves_external_reference(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "Home page.\n", toctree=["cards", "refs"]),
        "cards.rst": page("Cards", "Nothing yet.\n"),
        "refs.rst": page("Refs", "See :arxiv:`2512.17909v1` and :arxiv:`the B one <2512.17908>`.\n"),
    })
    app = build(make_app, src)
    assert [a["href"] for a in role_links(html(app, "refs.html"))] == [
        "https://arxiv.org/abs/2512.17909", "https://arxiv.org/abs/2512.17908"
    ]

    cards = src / "cards.rst"
    cards.write_text(page("Cards", ".. arxiv-digest:: digests/a.md\n"), encoding="utf-8")
    touch_later(cards)
    app2 = build(make_app, src, freshenv=False)
    links = role_links(html(app2, "refs.html"))
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("cards.html#arxiv-2512-17909", "Title A"),
        ("cards.html#arxiv-2512-17908", "the B one"),
    ]
    assert all("arxiv-external" not in a.get("class", []) for a in links)


def test_incremental_digest_edit_updates_implicit_link_text(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs", "list"]),
        "refs.rst": page("Refs", "See :arxiv:`2512.17909` and :arxiv:`2512.17908`.\n"),
        "list.rst": page("List", ".. arxiv-index::\n"),
    })
    app = build(make_app, src)
    assert [a.get_text(strip=True) for a in role_links(html(app, "refs.html"))] == ["Title A", "Title B"]

    digest = src / "digests" / "a.md"
    digest.write_text(DIGEST_A.replace("| Title A |", "| Renamed A |"), encoding="utf-8")
    touch_later(digest)
    app2 = build(make_app, src, freshenv=False)
    assert card_ids(html(app2, "index.html")) == ["arxiv-2512-17909", "arxiv-2512-17908"]
    assert [r[1] for r in _index_rows(app2)] == ["Renamed A", "Title B"]
    assert papers_in(read_inventory(Path(app2.outdir) / "objects.inv"))["2512.17909"][1] == "Renamed A"
    links = role_links(html(app2, "refs.html"))
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("index.html#arxiv-2512-17909", "Renamed A"),
        ("index.html#arxiv-2512-17908", "Title B"),
    ]


def test_incremental_after_parallel_build_rewrites_referrers(make_app, tmp_path):
    # The first build reads in parallel: the references each process noted must survive the merge.
    files = {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", "Home.\n", toctree=["x", "y"] + [f"r{i}" for i in range(6)]),
        "x.rst": page("X", ".. arxiv-digest:: digests/a.md\n"),
        "y.rst": page("Y", "Nothing yet.\n"),
    }
    files.update({f"r{i}.rst": page(f"R{i}", f"Ref {i} :arxiv:`2512.1790{8 + i % 2}`.\n") for i in range(6)})
    src = write_project(tmp_path / "src", files)
    app = build(make_app, src, parallel=2)
    assert app.is_parallel_allowed("read")
    assert [a["href"] for a in role_links(html(app, "r1.html"))] == ["x.html#arxiv-2512-17909"]

    for name, text in (("x.rst", page("X", "Gone.\n")), ("y.rst", page("Y", ".. arxiv-digest:: digests/a.md\n"))):
        (src / name).write_text(text, encoding="utf-8")
        touch_later(src / name)
    app2 = build(make_app, src, freshenv=False)
    for i in range(6):
        expected = f"y.html#arxiv-2512-1790{8 + i % 2}"
        assert [a["href"] for a in role_links(html(app2, f"r{i}.html"))] == [expected], i


def test_incremental_rebuild_without_changes_keeps_targets(make_app, tmp_path):
    src = write_project(tmp_path / "src", {
        "digests/a.md": DIGEST_A,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs"]),
        "refs.rst": page("Refs", "See :arxiv:`2512.17909`.\n\n.. arxiv-paper:: 2512.17908\n"),
    })
    build(make_app, src)
    digest_cache.clear_cache()
    app2 = build(make_app, src, freshenv=False)
    assert warnings_of(app2) == ""
    soup = html(app2, "refs.html")
    assert [a["href"] for a in role_links(soup)] == ["index.html#arxiv-2512-17909"]
    assert card_ids(soup) == ["arxiv-2512-17908"]
    assert set(papers_in(read_inventory(Path(app2.outdir) / "objects.inv"))) == {"2512.17909", "2512.17908"}


# --- parallel builds ------------------------------------------------------------------------------


def _parallel_project(root: Path) -> Path:
    files = {
        "digests/a.md": DIGEST_A,
        "digests/c.md": DIGEST_C,
        "digests/old.md": DIGEST_OLD,
        "index.rst": page(
            "Home", "See :arxiv:`2512.17909` and :arxiv:`hep-th/9901001`.\n\n.. arxiv-index::\n",
            toctree=[f"p{i}" for i in range(10)] + ["sub/deep"],
        ),
        "sub/deep.rst": page("Deep", "Deep :arxiv:`2512.20002` and :arxiv:`2512.17908v1`.\n"),
    }
    digests = ["digests/a.md", "digests/c.md", "digests/old.md"]
    for i in range(10):
        body = f"Page {i} cites :arxiv:`2512.20001`, :arxiv:`2512.17908` and :arxiv:`0000.0000{i}`.\n\n"
        if i % 3 == 0:
            body += f".. arxiv-digest:: {digests[(i // 3) % len(digests)]}\n\n"
        if i % 4 == 1:
            body += f".. arxiv-digest:: {digests[(i + 1) % len(digests)]}\n   :no-index:\n\n"
        if i == 7:
            body += ".. arxiv-paper:: 2512.20001\n\n.. arxiv-index::\n   :sort: -date\n   :limit: 3\n"
        files[f"p{i}.rst"] = page(f"Page {i}", body)
    return write_project(root, files)


def test_parallel_build_matches_serial_build(make_app, tmp_path):
    src = _parallel_project(tmp_path / "src")
    serial = build(make_app, src, builddir=tmp_path / "serial", parallel=1)
    digest_cache.clear_cache()
    parallel = build(make_app, src, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(serial) == warnings_of(parallel) == ""
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    assert parallel.parallel == 2 and parallel.builder.parallel_ok

    serial_out, parallel_out = Path(serial.outdir), Path(parallel.outdir)
    serial_pages = sorted(p.relative_to(serial_out) for p in serial_out.rglob("*.html"))
    parallel_pages = sorted(p.relative_to(parallel_out) for p in parallel_out.rglob("*.html"))
    assert serial_pages == parallel_pages
    assert len(serial_pages) >= 12
    different = [
        str(rel) for rel in serial_pages
        if (serial_out / rel).read_bytes() != (parallel_out / rel).read_bytes()
    ]
    assert different == []

    serial_inv = read_inventory(serial_out / "objects.inv")
    assert serial_inv == read_inventory(parallel_out / "objects.inv")
    assert papers_in(serial_inv) == {
        "2512.17909": ("p0.html#arxiv-2512-17909", "Title A"),
        "2512.17908": ("p0.html#arxiv-2512-17908", "Title B"),
        "2512.20001": ("p3.html#arxiv-2512-20001", "Zeta paper"),
        "2512.20002": ("p3.html#arxiv-2512-20002", "alpha paper"),
        "hep-th/9901001": ("p6.html#arxiv-hep-th-9901001", "Old Strings"),
    }
    # The content is what a serial build means, not just the same in both.
    soup = html(parallel, "sub/deep.html")
    assert [a["href"] for a in role_links(soup)] == ["../p3.html#arxiv-2512-20002", "../p0.html#arxiv-2512-17908"]
    assert len(_index_rows(parallel, "index.html")) == 5


def test_titles_written_in_markdown_are_shown_as_text(make_app, tmp_path):
    """A digest's ``**bold**``/`` `code` `` title is markdown: links, index rows, the general index
    and objects.inv show its text, not the marks."""
    digest = (
        "| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
        "| Attention Is **All** You Need for `X` | *Ada* Lovelace | [PDF](https://arxiv.org/pdf/2512.17909v1) | a |\n"
    )
    src = write_project(tmp_path / "src", {
        "digests/a.md": digest,
        "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs"]),
        "refs.rst": page("Refs", "See :arxiv:paper:`2512.17909`.\n\n.. arxiv-index::\n"),
    })
    app = build(make_app, src)
    plain = "Attention Is All You Need for X"
    refs = html(app, "refs.html")
    assert next(a.get_text(" ", strip=True) for a in role_links(refs)) == plain
    row_titles = [cell.get_text(" ", strip=True) for cell in refs.select("table.arxiv-index tbody tr td:nth-of-type(2)")]
    assert row_titles == [plain]
    assert [c.get_text(strip=True) for c in refs.select("table.arxiv-index tbody tr td:nth-of-type(3)")] == ["Ada Lovelace"]
    assert papers_in(read_inventory(Path(app.outdir) / "objects.inv"))["2512.17909"][1] == plain
    genindex = html(app, "genindex.html").get_text(" ", strip=True)
    assert plain in genindex and "Ada Lovelace" in genindex
    assert "**" not in genindex and "`" not in genindex
