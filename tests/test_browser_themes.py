"""The paper cards in a real browser, in every theme the project supports.

The demo site (``docs/``) is copied to a temporary folder and built once per theme for the whole
session (``ARXIVDIGEST_DEMO_THEME`` picks the theme in ``docs/conf.py``), served on 127.0.0.1 and
opened in Debian's headless Chromium through Playwright, at desktop (1280 px) and phone (375 px)
widths, in light and dark mode. The tests assert on the rendered layout (no horizontal overflow,
cards stacked on phones, several per row on desktops), the PDF links, the collapsed abstract, text
contrast, the ``:filter-box:`` field with and without JavaScript, and MathJax output.

Screenshots go to pytest's temporary folder (the path is printed with ``-s`` / in the report).
``ARXIVDIGEST_UPDATE_SCREENSHOTS=1`` also writes the few kept for the documentation into
``docs/_static/screenshots/``.

No browser is ever downloaded: the tests are skipped when ``/usr/bin/chromium`` or Playwright is
missing. Every request that does not go to the local server is aborted, except MathJax's, which is
answered from an offline copy (the ``sphinx-mathjax-offline`` package) when one is installed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.metadata
import importlib.util
import itertools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import MARKS

DOCS = Path(__file__).resolve().parent.parent / "docs"
KEPT_SCREENSHOTS = DOCS / "_static" / "screenshots"

try:
    from playwright.sync_api import Page
except ImportError:  # pragma: no cover - depends on the environment
    Page = object

pytestmark = MARKS

#: html_theme name -> the module that provides it (None: ships with Sphinx).
THEMES = {
    "alabaster": None,
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
}
DARK_THEMES = ["furo", "pydata_sphinx_theme", "sphinx_book_theme"]
DESKTOP, PHONE = 1280, 375
PDF_URL = re.compile(r"^https://arxiv\.org/pdf/(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
MIN_CONTRAST = 4.5


# -- a page of extreme cards, added to the copy of the demo ----------------------------------------------


def _stress_digest() -> str:
    authors = ", ".join(f"Author{i} Surname-Hyphenated{i}" for i in range(1, 41))
    cjk_authors = "、".join(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"] * 3)
    rows = [
        ("Towards Extremely Long Titles: " + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
         + "-Aware Transformers for Very Long Author Lists, Unbreakable Identifiers and Narrow Phones",
         authors, "https://arxiv.org/abs/2501.00001v3",
         "An unbreakable token " + "x" * 120 + " and a long URL https://example.org/a/very/long/path/without/"
         + "segment" * 12 + ".html stay inside the card; inline math $\\mathcal{L}(\\theta) = "
         "\\sum_{i=1}^{n} \\log p_\\theta(x_i)$ stays readable.", "2025-01-01"),
        ("面向超长中文标题的测试：" + "一种不含任何空格的非常长的中文标题用于检验卡片在窄屏上是否能够正确换行" * 2,
         cjk_authors, "https://arxiv.org/abs/2501.00002",
         "这是一个很长的中文摘要，" + "用于检验中日韩文字在卡片中按字符正确换行而不会溢出屏幕，" * 12 + "并包含公式 $E = mc^2$。",
         "2025-01-02"),
        ("Short", "A. B", "https://arxiv.org/abs/2501.00003", "Short abstract.", "2025-01-03"),
    ]
    lines = ["# Stress digest 2025-01-01", "", "| Title | Authors | Link | Abstract | Date |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


STRESS_PAGE = """---
orphan: true
---
# Stress

```{arxiv-digest} digests/stress.md
:columns: 3
:abstract: full
:no-index:
```

```{arxiv-digest} digests/stress.md
:no-index:
```
"""


# -- the demo site, built once per theme ----------------------------------------------------------


@dataclass
class DemoBuild:
    theme: str
    outdir: Path
    returncode: int
    stderr: str


@pytest.fixture(scope="session")
def demo_builds(tmp_path_factory) -> dict[str, DemoBuild]:
    """docs/ copied once and built with every installed theme, the builds running side by side."""
    root = tmp_path_factory.mktemp("demo")
    source = root / "docs"
    shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns("_build", "screenshots"))
    (source / "digests" / "stress.md").write_text(_stress_digest(), encoding="utf-8")
    (source / "stress.md").write_text(STRESS_PAGE, encoding="utf-8")
    running = {}
    for theme, module in THEMES.items():
        if module and importlib.util.find_spec(module) is None:
            continue
        outdir = root / theme
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going",
                   "-d", str(root / f"{theme}.doctrees"), str(source), str(outdir)]
        env = {**os.environ, "ARXIVDIGEST_DEMO_THEME": theme, "NO_COLOR": "1"}
        running[theme] = (outdir, subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                                   stderr=subprocess.PIPE, text=True))
    builds = {}
    for theme, (outdir, process) in running.items():
        try:
            _, stderr = process.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
            stderr += "\n(the build took more than 300 s and was stopped)"
        builds[theme] = DemoBuild(theme, outdir, process.returncode, stderr)
    return builds


@pytest.fixture(scope="session")
def server(demo_builds) -> Iterator[str]:
    """The built sites on 127.0.0.1: ``{url}/{theme}/index.html``."""
    root = next(iter(demo_builds.values())).outdir.parent

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def site(demo_builds: dict[str, DemoBuild], server: str, theme: str) -> str:
    """The base URL of one theme's build (skipped if the theme is not installed, failed if it did not build)."""
    if theme not in demo_builds:
        pytest.skip(f"the theme {theme!r} is not installed (pip install -e '.[docs]')")
    build = demo_builds[theme]
    assert build.returncode == 0, f"the demo did not build with {theme}:\n{build.stderr}"
    return f"{server}/{theme}"


# -- the browser ------------------------------------------------------------------------------------


def _offline_mathjax() -> Path | None:
    """A local MathJax (3+) folder holding tex-mml-chtml.js, if one is installed."""
    candidates = []
    if os.environ.get("ARXIVDIGEST_MATHJAX_DIR"):
        candidates.append(Path(os.environ["ARXIVDIGEST_MATHJAX_DIR"]))
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        dist = importlib.metadata.distribution("sphinx-mathjax-offline")
        candidates.append(Path(dist.locate_file("sphinx-mathjax-offline/static/mathjax")))
    return next((path for path in candidates if (path / "tex-mml-chtml.js").is_file()), None)


MATHJAX_DIR = _offline_mathjax()


def section(label: str) -> str:
    """The section a MyST ``(label)=`` target names: its id (myst-parser 4+), or, with myst-parser 3,
    the section holding ``<span id="label">`` before its heading."""
    return f":is(section#{label}, section:has(> span#{label}))"


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {path}")
    return path


def _route(base: str, route) -> None:
    """Only the local server is reached; MathJax comes from the offline copy when there is one."""
    url = route.request.url
    if url.startswith(base):
        route.continue_()
        return
    match = re.search(r"/mathjax@[^/]+/(?:es5/)?([^?#]+)", url)
    if match and MATHJAX_DIR is not None:
        path = (MATHJAX_DIR / match[1]).resolve()
        if path.is_file() and MATHJAX_DIR.resolve() in path.parents:
            route.fulfill(path=str(path))
            return
    route.abort()


@contextlib.contextmanager
def open_page(browser, url: str, *, width: int = DESKTOP, dark: bool = False, javascript: bool = True,
              storage: dict[str, str] | None = None) -> Iterator[Page]:
    """A fresh context at ``width`` px, in light or dark colour scheme, ``storage`` put in localStorage
    before the page's own scripts run (the themes keep the reader's choice of mode there)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
        device_scale_factor=1,
    )
    context.route("**/*", functools.partial(_route, url.split("/", 3)[0] + "//" + url.split("/", 3)[2]))
    if storage:
        context.add_init_script(
            "".join(f"localStorage.setItem({key!r}, {value!r});" for key, value in storage.items())
        )
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        yield page
    finally:
        context.close()


def screenshot(page: Page, folder: Path, name: str, selector: str = ".arxiv-digest") -> Path:
    """The viewport with the first ``selector`` scrolled into view."""
    target = page.locator(selector).first
    if target.count():
        target.scroll_into_view_if_needed()
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# -- page measurements (run in the page) -------------------------------------------------------------

_CARD_BOXES = """() => Array.from(document.querySelectorAll('.arxiv-digest')).map((grid) => ({
    columns: Array.from(grid.querySelector('.sd-row').classList)
        .map((name) => /^sd-row-cols-lg-(\\d)$/.exec(name)).filter(Boolean).map((m) => +m[1])[0] || 1,
    cards: Array.from(grid.querySelectorAll('.arxiv-paper'))
        .filter((card) => card.offsetParent !== null)
        .map((card) => {
            const box = card.getBoundingClientRect();
            return {id: card.id, x: box.left + scrollX, y: box.top + scrollY, width: box.width,
                    height: box.height, scrollWidth: card.scrollWidth, clientWidth: card.clientWidth};
        }),
}))"""

# WCAG 2 contrast of each matched element's text against its effective background: colours parsed
# by a canvas (any CSS colour syntax), backgrounds composited up the ancestors until an opaque one.
_CONTRAST = """(selectors) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    function rgba(colour) {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = 'rgba(0, 0, 0, 0)';
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        return [r, g, b, a / 255];
    }
    function over(top, bottom) {
        const a = top[3];
        return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
    }
    function background(el) {
        const layers = [];
        for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour[3] > 0) layers.push(colour);
            if (colour[3] >= 1) break;
        }
        let result = [255, 255, 255, 1];  // the canvas of a page without a background
        for (const layer of layers.reverse()) result = over(layer, result);
        return result;
    }
    function luminance(c) {
        const [r, g, b] = c.slice(0, 3).map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
    const found = [];
    for (const selector of selectors) {
        for (const el of document.querySelectorAll(selector)) {
            const box = el.getBoundingClientRect();
            if (!el.textContent.trim() || box.width === 0 || box.height === 0 || el.closest('[hidden]')) continue;
            const bg = background(el);
            const fg = over(rgba(getComputedStyle(el).color), bg);
            const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            found.push({selector, text: el.textContent.trim().slice(0, 40),
                        fg: fg.slice(0, 3).map(Math.round), bg: bg.slice(0, 3).map(Math.round),
                        bgLuminance: luminance(bg), ratio: (l1 + 0.05) / (l2 + 0.05)});
        }
    }
    return found;
}"""

CONTRAST_SELECTORS = [
    ".arxiv-paper .arxiv-paper-title > a",
    ".arxiv-paper .arxiv-paper-abstract p",
    ".arxiv-paper .arxiv-paper-authors",
    ".arxiv-paper .arxiv-paper-badges > span",
    ".arxiv-paper details.arxiv-paper-abstract > summary",
    ".arxiv-paper .sd-card-footer > a.sd-btn",
    ".arxiv-filter-count",
]


def open_first_abstracts(page: Page, count: int = 2) -> None:
    """Open the first ``count`` collapsed abstracts, and as many BibTeX entries when cards have them."""
    for kind in ("arxiv-paper-abstract", "arxiv-bibtex"):
        summaries = page.locator(f".arxiv-paper details.{kind}:not([open]) > summary")
        for _ in range(min(count, summaries.count())):
            summaries.first.click()


def is_dark(page: Page) -> bool:
    """The theme switched to dark: the page background is dark (whatever the theme's mechanism)."""
    luminance = page.evaluate(_CONTRAST, ["body"])
    return bool(luminance) and luminance[0]["bgLuminance"] < 0.2


# -- the build --------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_demo_builds_without_warnings(demo_builds, theme):
    """docs/conf.py gives each theme only options it accepts: the -W build of `make demo` passes."""
    if theme not in demo_builds:
        pytest.skip(f"the theme {theme!r} is not installed")
    build = demo_builds[theme]
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr and "ERROR" not in build.stderr, build.stderr
    html = (build.outdir / "index.html").read_text(encoding="utf-8")
    assert "_static/arxivdigest.css" in html and 'class="sd-card' in html


# -- layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_phone_one_card_per_row_without_overflow(browser, demo_builds, server, shots, theme, dark):
    if dark and theme not in DARK_THEMES:
        pytest.skip(f"{theme} has no dark mode")
    base = site(demo_builds, server, theme)
    for name in ("index", "options", "stress"):
        with open_page(browser, f"{base}/{name}.html", width=PHONE, dark=dark) as page:
            open_first_abstracts(page, 1)
            screenshot(page, shots, f"{theme}-{'dark' if dark else 'light'}-phone-{name}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= PHONE, f"{name}.html scrolls horizontally: {scroll_width}px wide"
            grids = page.evaluate(_CARD_BOXES)
            assert grids and any(grid["cards"] for grid in grids)
            for grid in grids:
                cards = grid["cards"]
                for card in cards:
                    assert card["x"] >= -0.5 and card["x"] + card["width"] <= PHONE + 0.5, card
                    assert card["scrollWidth"] <= card["clientWidth"] + 1, f"content overflows {card}"
                for above, below in itertools.pairwise(cards):
                    assert abs(above["x"] - below["x"]) < 1, f"not stacked: {above} / {below}"
                    assert below["y"] >= above["y"] + above["height"] - 1, f"overlapping: {above} / {below}"


@pytest.mark.parametrize("theme", THEMES)
def test_desktop_puts_several_cards_per_row(browser, demo_builds, server, shots, theme):
    base = site(demo_builds, server, theme)
    for name in ("options", "stress"):
        with open_page(browser, f"{base}/{name}.html", width=DESKTOP) as page:
            screenshot(page, shots, f"{theme}-light-desktop-{name}",
                       f"{section('opt-columns')} .arxiv-digest >> nth=1" if name == "options" else ".arxiv-digest")
            assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP
            grids = page.evaluate(_CARD_BOXES)
            multi = [grid for grid in grids if grid["columns"] > 1 and len(grid["cards"]) >= grid["columns"]]
            assert {grid["columns"] for grid in multi} >= {2, 3}, f"{name}.html shows 2- and 3-column grids"
            for grid in grids:
                cards, columns = grid["cards"], grid["columns"]
                for card in cards:
                    assert card["scrollWidth"] <= card["clientWidth"] + 1, f"content overflows {card}"
                rows = [cards[start:start + columns] for start in range(0, len(cards), columns)]
                for row in rows:
                    assert len({round(card["y"]) for card in row}) == 1, f"{columns} per row expected: {row}"
                    xs = [card["x"] for card in row]
                    assert xs == sorted(xs) and len({round(x) for x in xs}) == len(xs), row
                    assert all(a["x"] + a["width"] <= b["x"] for a, b in itertools.pairwise(row)), f"overlap: {row}"
                if columns > 1 and len(rows) > 1:
                    assert rows[1][0]["y"] >= max(card["y"] + card["height"] for card in rows[0]) - 1


# -- links and abstracts -------------------------------------------------------------------------------


# Each visible card's PDF links: href, and whether the link is on screen and on top (nothing covers
# its centre) once scrolled to the middle of the viewport, inside its card.
_PDF_LINKS = """() => Array.from(document.querySelectorAll('.arxiv-paper'))
    .filter((card) => card.offsetParent !== null)
    .map((card) => {
        const links = card.querySelectorAll('a.arxiv-paper-pdf');
        const link = links[0];
        if (!link) return {card: card.id, count: 0};
        link.scrollIntoView({block: 'center', behavior: 'instant'});
        const box = link.getBoundingClientRect(), outer = card.getBoundingClientRect();
        const style = getComputedStyle(link);
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return {
            card: card.id, count: links.length, href: link.getAttribute('href'), text: link.textContent.trim(),
            width: box.width, height: box.height, onTop: !!hit && link.contains(hit),
            shown: style.visibility === 'visible' && +style.opacity > 0,
            inside: outer.left <= box.left + 0.5 && box.right <= outer.right + 0.5
                && outer.top <= box.top + 0.5 && box.bottom <= outer.bottom + 0.5,
        };
    })"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_card_has_a_visible_pdf_link(browser, demo_builds, server, theme, width):
    base = site(demo_builds, server, theme)
    checked = 0
    for name in ("index", "formats", "options", "stress"):
        with open_page(browser, f"{base}/{name}.html", width=width) as page:
            for link in page.evaluate(_PDF_LINKS):
                assert link["count"] == 1, f"{name}.html: card {link['card']} has {link['count']} PDF links"
                assert PDF_URL.match(link["href"]), f"{name}.html: {link['href']!r} is not an arXiv PDF URL"
                assert link["text"] and link["shown"], link
                assert link["width"] > 10 and link["height"] > 10, link
                assert link["inside"], f"{name}.html: the PDF link sticks out of its card {link}"
                assert link["onTop"], f"{name}.html: something covers the PDF link {link}"
                checked += 1
    assert checked >= 30


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_collapsed_abstract_opens_on_click(browser, demo_builds, server, theme, width):
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/index.html", width=width) as page:
        details = page.locator(".arxiv-paper details.arxiv-paper-abstract").first
        content = details.locator(":scope > div")
        assert details.get_attribute("open") is None
        assert not content.is_visible()
        details.locator("summary").click()
        content.wait_for(state="visible")
        assert details.get_attribute("open") is not None
        assert len(content.inner_text().strip()) > 50
        card = page.locator(".arxiv-paper").first.bounding_box()
        box = content.bounding_box()
        assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"] + 0.5
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        details.locator("summary").click()
        content.wait_for(state="hidden")


# -- colours -----------------------------------------------------------------------------------------


def assert_contrast(page: Page) -> None:
    """Every measured text of the page's cards reaches MIN_CONTRAST against its background."""
    found = page.evaluate(_CONTRAST, CONTRAST_SELECTORS)
    selectors = {item["selector"] for item in found}
    for required in CONTRAST_SELECTORS[:2]:
        assert required in selectors, f"nothing measured for {required}"
    failures = [item for item in found if item["ratio"] < MIN_CONTRAST]
    assert not failures, "\n".join(
        f"{item['selector']} {item['text']!r}: {item['ratio']:.2f} ({item['fg']} on {item['bg']})" for item in failures
    )


#: The dark mode the reader picked with the theme's switch, kept in localStorage: furo sets
#: body[data-theme="dark"] from "theme", pydata and the book theme html[data-theme="dark"] from "mode".
DARK_SWITCH = {"furo": {"theme": "dark"}, "pydata_sphinx_theme": {"mode": "dark"},
               "sphinx_book_theme": {"mode": "dark"}}


@pytest.mark.parametrize("theme", DARK_THEMES)
@pytest.mark.parametrize("how", ["system", "switch"])
def test_dark_mode_text_contrast(browser, demo_builds, server, shots, theme, how):
    """Dark mode from the system's colour scheme (the themes' "auto"), or from the theme's switch on a
    light system."""
    base = site(demo_builds, server, theme)
    system = how == "system"
    with open_page(browser, f"{base}/options.html", width=DESKTOP, dark=system,
                   storage=None if system else DARK_SWITCH[theme]) as page:
        assert is_dark(page), f"{theme} did not switch to dark mode"
        if theme == "furo":
            assert page.evaluate("document.body.dataset.theme") == ("auto" if system else "dark")
        else:
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        open_first_abstracts(page, 2)
        screenshot(page, shots, f"{theme}-dark-{how}-desktop-options", f"{section('opt-abstract')} .arxiv-digest")
        assert_contrast(page)


@pytest.mark.parametrize("theme", THEMES)
def test_light_mode_text_contrast(browser, demo_builds, server, theme):
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/options.html", width=DESKTOP) as page:
        assert not is_dark(page)
        open_first_abstracts(page, 2)
        assert_contrast(page)


# -- the :filter-box: field ---------------------------------------------------------------------------

FILTER_GRID = ".arxiv-filter + .arxiv-digest"


@pytest.mark.parametrize("theme", THEMES)
def test_filter_box_hides_cards_and_counts(browser, demo_builds, server, shots, theme):
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/options.html", width=PHONE) as page:
        box = page.locator(".arxiv-filter").first
        box.wait_for(state="visible")
        field, count = box.locator("input.arxiv-filter-input"), box.locator(".arxiv-filter-count")
        cards = page.locator(f"{FILTER_GRID} .arxiv-paper")
        total = cards.count()
        assert total >= 3
        assert count.inner_text() == f"{total} of {total} papers shown"
        field.fill("dao")
        visible = [cards.nth(i) for i in range(total) if cards.nth(i).is_visible()]
        assert 0 < len(visible) < total
        assert all("dao" in card.inner_text().lower() for card in visible)
        assert count.inner_text() == f"{len(visible)} of {total} papers shown"
        screenshot(page, shots, f"{theme}-light-phone-filter", ".arxiv-filter")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        field.fill("flashattention memory")
        assert count.inner_text() == f"1 of {total} papers shown"
        field.fill("no-such-word-anywhere")
        assert count.inner_text() == f"0 of {total} papers shown"
        assert not any(cards.nth(i).is_visible() for i in range(total))
        field.fill("")
        assert count.inner_text() == f"{total} of {total} papers shown"
        assert all(cards.nth(i).is_visible() for i in range(total))


@pytest.mark.parametrize("theme", THEMES)
def test_without_javascript_every_card_shows_and_the_field_is_hidden(browser, demo_builds, server, theme):
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/options.html", width=DESKTOP, javascript=False) as page:
        assert page.locator(".arxiv-filter").count() >= 1
        assert not page.locator(".arxiv-filter").first.is_visible()
        assert not page.locator(".arxiv-filter-input").first.is_visible()
        cards = page.locator(f"{FILTER_GRID} .arxiv-paper")
        assert cards.count() >= 3
        assert all(cards.nth(i).is_visible() for i in range(cards.count()))
        # The abstracts are native <details>: they open without JavaScript too.
        details = page.locator(f"{FILTER_GRID} details.arxiv-paper-abstract").first
        details.locator("summary").click()
        details.locator(":scope > div").wait_for(state="visible")


# -- math --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_math_is_typeset_inside_the_cards(browser, demo_builds, server, theme):
    if MATHJAX_DIR is None:
        pytest.skip("no offline MathJax (pip install sphinx-mathjax-offline, or set ARXIVDIGEST_MATHJAX_DIR)")
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/options.html", width=PHONE) as page:
        page.wait_for_selector(f"{section('opt-abstract')} .arxiv-paper mjx-container", timeout=20_000)
        page.wait_for_function("() => !document.querySelector('.arxiv-paper .math:not(:has(mjx-container))')")
        cards = page.locator(f"{section('opt-abstract')} .arxiv-digest >> nth=0").locator(".arxiv-paper")
        for i in range(cards.count()):
            card = cards.nth(i)
            text = card.locator(".arxiv-paper-abstract").inner_text()
            assert "\\(" not in text and "$" not in text, text
            outer = card.bounding_box()
            formulas = card.locator("mjx-container")
            for j in range(formulas.count()):
                box = formulas.nth(j).bounding_box()
                assert box["width"] > 0 and box["height"] > 0
                assert outer["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= outer["x"] + outer["width"] + 0.5
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


# -- the screenshots kept in the documentation ------------------------------------------------------------

#: (file name, theme, dark, width, page, the part of the page shown)
DOC_SCREENSHOTS = [
    ("cards-alabaster-desktop.png", "alabaster", False, DESKTOP, "options", f"{section('opt-abstract')} .arxiv-digest"),
    ("cards-furo-dark-desktop.png", "furo", True, DESKTOP, "options", f"{section('opt-abstract')} .arxiv-digest"),
    ("cards-pydata-phone.png", "pydata_sphinx_theme", False, PHONE, "index", ".arxiv-digest"),
    ("cards-book-theme-desktop.png", "sphinx_book_theme", False, DESKTOP, "index", ".arxiv-digest"),
]


@pytest.mark.parametrize(("filename", "theme", "dark", "width", "name", "selector"), DOC_SCREENSHOTS,
                         ids=[entry[0].removesuffix(".png") for entry in DOC_SCREENSHOTS])
def test_documentation_screenshots(browser, demo_builds, server, shots, filename, theme, dark, width, name, selector):
    """The screenshots of docs/_static/screenshots (rewritten with ARXIVDIGEST_UPDATE_SCREENSHOTS=1)."""
    base = site(demo_builds, server, theme)
    with open_page(browser, f"{base}/{name}.html", width=width, dark=dark) as page:
        if MATHJAX_DIR is not None and page.locator(f"{selector} .math").count():
            page.wait_for_selector(f"{selector} mjx-container", timeout=20_000)
        grid = page.locator(selector).first
        if width == PHONE:
            grid.locator("details.arxiv-paper-abstract > summary").first.click()
        page.mouse.move(0, 0)  # no hover or focus styles in the picture
        page.evaluate("document.activeElement && document.activeElement.blur()")
        # Hide the themes' sticky headers and skip links, which would cover the top of the cards.
        page.add_style_tag(content="header, .bd-header, .mobile-header, .bd-header-article, .skip-link"
                                   " { visibility: hidden !important; }")
        # The grid in page coordinates, cut after the last card that fits in 1400 px.
        box = grid.evaluate("""(el) => {
            const r = el.getBoundingClientRect();
            let bottom = r.bottom;
            const cards = Array.from(el.querySelectorAll('.arxiv-paper')).map((c) => c.getBoundingClientRect().bottom);
            if (bottom - r.top > 1400) bottom = Math.max(...cards.filter((b) => b - r.top <= 1400));
            return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: bottom - r.top};
        }""")
        side, top = 12, 5  # room for the cards' shadows, not for the text above them
        clip = {"x": max(box["x"] - side, 0), "y": max(box["y"] - top, 0),
                "width": min(box["width"] + 2 * side, width), "height": box["height"] + top + side}
        path = shots / filename
        page.screenshot(path=str(path), clip=clip, full_page=True, animations="disabled")
        assert 0 < path.stat().st_size < 300_000, f"{filename}: {path.stat().st_size} bytes"
        if os.environ.get("ARXIVDIGEST_UPDATE_SCREENSHOTS"):
            KEPT_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, KEPT_SCREENSHOTS / filename)


def test_bibtex_opens_and_its_copy_button_copies_the_entry(browser, demo_builds, server):
    base = site(demo_builds, server, "furo")
    with open_page(browser, f"{base}/index.html", width=DESKTOP) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        card = page.locator(".arxiv-paper").first
        fold = card.locator("details.arxiv-bibtex")
        entry = fold.locator("pre.arxiv-bibtex-entry")
        assert not entry.is_visible()
        fold.locator("summary").click()
        assert entry.is_visible() and entry.inner_text().startswith("@misc{arxiv:")
        button = fold.locator("button.arxiv-bibtex-copy")
        assert button.is_visible(), "the script shows the copy button where a clipboard exists"
        button.click()
        page.wait_for_function("document.querySelector('.arxiv-bibtex-copy').textContent === 'Copied'")
        assert page.evaluate("navigator.clipboard.readText()") == entry.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP
