"""The hover preview of referenced papers in a real browser (Debian's Chromium through Playwright).

A small project (cards on one page; roles, an ``arxiv-index`` table and "also listed on" links on
others) is built once per theme and opened from ``file://`` URLs: hovering, focusing and tapping a
reference shows ``.arxiv-preview`` with the paper's title, authors, date and abstract start, within
300 ms and without any request; Escape and blur hide it; it stays inside a narrow viewport; it
follows the theme's dark mode; without JavaScript the links work and no popup exists.

Screenshots of the popup (furo and pydata, light and dark) go to pytest's temporary folder (the
path is printed with ``-s``). No browser is ever downloaded: without ``/usr/bin/chromium`` or
Playwright the tests are skipped.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import MARKS
from harness import RST_CONF, page, write_project

pytestmark = MARKS

THEMES = {"alabaster": None, "furo": "furo", "pydata_sphinx_theme": "pydata_sphinx_theme"}

DIGEST = (
    "# arxiv 2025-12-22\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Attention Is **All** You Need | Ashish Vaswani, Noam Shazeer, Niki Parmar | "
    "[PDF](https://arxiv.org/pdf/2512.17909v1) | The dominant sequence transduction models are based on "
    "complex recurrent or convolutional neural networks. " + "We propose a new simple network architecture. " * 12
    + " |\n"
    "| Title B <img src=x onerror=\"window.__pwned=1\"> | Carol | [PDF](https://arxiv.org/pdf/2512.17908v1) "
    "| abs B |\n"
    "| Title C | Dan | [PDF](https://arxiv.org/pdf/2512.17907v1) | abs C |\n"
)
DIGEST_LATER = (
    "# arxiv 2025-12-23\n\n"
    "| 标题 | 作者 | PDF链接 | 摘要 |\n"
    "|---|---|---|---|\n"
    "| Title C | Dan | [PDF](https://arxiv.org/pdf/2512.17907v1) | abs C |\n"
)
FILES = {
    "digests/a.md": DIGEST,
    "digests/later.md": DIGEST_LATER,
    "index.rst": page("Home", ".. arxiv-digest:: digests/a.md\n", toctree=["refs", "later"]),
    "later.rst": page("Later", ".. arxiv-digest:: digests/later.md\n"),
    "refs.rst": page(
        "Refs",
        "First :arxiv:`2512.17909` then :arxiv:`the B one <2512.17908>`, and a `plain link <index.html>`_.\n\n"
        ".. arxiv-index::\n\n"
        "Last :arxiv:`2512.17907`.\n",
    ),
}
TITLE_A = "Attention Is All You Need"
FIRST = "p a[data-arxiv-id='2512.17909'] >> nth=0"
DESKTOP = {"width": 1024, "height": 700}
NARROW = {"width": 320, "height": 480}

# In the page: when the first pointerover of a paper link happened and when the popup showed.
TIMING = """() => {
    window.__over = null; window.__shown = null;
    document.addEventListener('pointerover', (e) => {
        if (window.__over === null && e.target.closest && e.target.closest('a[data-arxiv-id]')) {
            window.__over = performance.now();
        }
    }, true);
    (function poll() {
        const popup = document.querySelector('.arxiv-preview');
        if (popup && !popup.hidden && window.__over !== null) { window.__shown = performance.now(); return; }
        requestAnimationFrame(poll);
    })();
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The project built with each installed theme, side by side."""
    root = tmp_path_factory.mktemp("preview")
    running = {}
    for theme, module in THEMES.items():
        if module and importlib.util.find_spec(module) is None:
            continue
        src = write_project(root / f"src-{theme}", FILES, RST_CONF + f"html_theme = {theme!r}\n")
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", str(src),
                   str(root / theme)]
        running[theme] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    built = {}
    for theme, process in running.items():
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{theme}: {err}"
        built[theme] = root / theme
    return built


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("preview-screenshots")
    print(f"\npreview screenshots: {path}")
    return path


@contextlib.contextmanager
def opened(browser, url: str, *, viewport: dict | None = None, dark: bool = False, touch: bool = False,
           javascript: bool = True) -> Iterator:
    """A fresh context on ``url``; every request is recorded and any that is not a file is aborted."""
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme="dark" if dark else "light",
                                  has_touch=touch, is_mobile=touch, java_script_enabled=javascript,
                                  device_scale_factor=1)
    requests: list[str] = []

    def route(route) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page_ = context.new_page()
    errors: list[str] = []
    page_.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page_.goto(url, wait_until="load")
        page_.requests = requests  # type: ignore[attr-defined]
        yield page_
        assert errors == []
    finally:
        context.close()


def popup_state(page_) -> dict:
    return page_.evaluate("""() => {
        const popup = document.querySelector('.arxiv-preview');
        if (!popup) return {exists: false};
        const box = popup.getBoundingClientRect();
        const described = Array.from(document.querySelectorAll('[aria-describedby]'))
            .filter((el) => el.getAttribute('aria-describedby') === popup.id)
            .map((el) => el.getAttribute('data-arxiv-id'));
        return {exists: true, shown: !popup.hidden && box.width > 0, role: popup.getAttribute('role'),
                title: popup.querySelector('.arxiv-preview-title').textContent,
                authors: popup.querySelector('.arxiv-preview-authors').textContent,
                meta: popup.querySelector('.arxiv-preview-meta').textContent,
                abstract: popup.querySelector('.arxiv-preview-abstract').textContent,
                elements: popup.querySelectorAll('*').length,
                box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
                described,
                background: getComputedStyle(popup).backgroundColor, color: getComputedStyle(popup).color};
    }""")


def wait_shown(page_, shown: bool = True, timeout: int = 1000) -> None:
    test = "!!p && !p.hidden" if shown else "!p || p.hidden"
    page_.wait_for_function(f"() => {{ const p = document.querySelector('.arxiv-preview'); return {test}; }}",
                            timeout=timeout)


def refs_url(sites: dict[str, Path], theme: str = "alabaster") -> str:
    if theme not in sites:
        pytest.skip(f"the theme {theme!r} is not installed")
    return (sites[theme] / "refs.html").as_uri()


def test_hover_shows_the_paper_within_300_ms(browser, sites):
    with opened(browser, refs_url(sites)) as page_:
        assert page_.locator(".arxiv-preview").count() == 0  # nothing is made before it is needed
        page_.evaluate(TIMING)
        loaded = len(page_.requests)
        page_.locator(FIRST).hover()
        page_.wait_for_function("window.__shown !== null", timeout=2000)
        elapsed = page_.evaluate("window.__shown - window.__over")
        assert 0 <= elapsed <= 300, f"the preview took {elapsed:.0f} ms"
        state = popup_state(page_)
        assert state["shown"] and state["role"] == "tooltip"
        assert state["title"] == TITLE_A
        assert state["authors"] == "Ashish Vaswani, Noam Shazeer, Niki Parmar"
        assert state["meta"] == "arXiv:2512.17909 · 2025-12-22"
        assert state["abstract"].startswith("The dominant sequence transduction models") and state["abstract"].endswith("…")
        assert state["described"] == ["2512.17909"]
        assert page_.locator(FIRST).get_attribute("title") is None  # no browser tooltip over the preview

        # Into the popup and out of both: hidden.
        box = page_.locator(".arxiv-preview").bounding_box()
        page_.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
        page_.wait_for_timeout(400)
        assert popup_state(page_)["shown"], "the pointer moved into the popup: it stays"
        page_.mouse.move(2, 690)
        wait_shown(page_, False)
        assert popup_state(page_)["described"] == []

        # An arxiv-index row previews its paper too, and the popup moves to it.
        page_.locator("table.arxiv-index a[data-arxiv-id='2512.17908']").hover()
        wait_shown(page_)
        assert popup_state(page_)["title"].startswith("Title B")
        assert page_.requests[loaded:] == [], "no request for a preview"
        assert all(url.startswith("file:") for url in page_.requests), page_.requests
        assert any(url.split("?")[0].endswith("_static/arxivdigest-preview.js") for url in page_.requests)


def test_also_listed_link_previews(browser, sites):
    with opened(browser, (sites["alabaster"] / "later.html").as_uri()) as page_:
        page_.locator(".arxiv-also-listed a[data-arxiv-id]").hover()
        wait_shown(page_)
        assert popup_state(page_)["title"] == "Title C"


def test_focus_shows_escape_and_blur_hide(browser, sites):
    with opened(browser, refs_url(sites)) as page_:
        link = page_.locator(FIRST)
        link.focus()
        wait_shown(page_)
        state = popup_state(page_)
        assert state["title"] == TITLE_A and state["described"] == ["2512.17909"]
        page_.keyboard.press("Escape")
        wait_shown(page_, False)
        assert popup_state(page_)["described"] == []
        assert page_.evaluate("document.activeElement.getAttribute('data-arxiv-id')") == "2512.17909"
        # Tab to the next link (the B paper): its preview; Tab on to a plain link: hidden.
        page_.keyboard.press("Tab")
        wait_shown(page_)
        assert popup_state(page_)["title"].startswith("Title B")
        assert popup_state(page_)["described"] == ["2512.17908"]
        page_.keyboard.press("Tab")
        assert page_.evaluate("document.activeElement.textContent") == "plain link"
        wait_shown(page_, False)


@pytest.mark.parametrize("corner", ["bottom-right", "top-left"])
def test_popup_stays_inside_a_narrow_viewport(browser, sites, corner):
    with opened(browser, refs_url(sites), viewport=NARROW) as page_:
        place = "right: 2px; bottom: 2px;" if corner == "bottom-right" else "left: 2px; top: 2px;"
        page_.locator(FIRST).evaluate(f"(a) => a.setAttribute('style', 'position: fixed; {place} z-index: 5')")
        link = page_.locator(FIRST).bounding_box()
        width = page_.evaluate("document.documentElement.scrollWidth")  # alabaster's table is wider
        page_.locator(FIRST).hover()
        wait_shown(page_)
        box = popup_state(page_)["box"]
        assert box["left"] >= 0 and box["right"] <= NARROW["width"], box
        assert box["top"] >= 0 and box["bottom"] <= NARROW["height"], box
        if corner == "bottom-right":
            assert box["bottom"] <= link["y"], "flipped above the link"
        else:
            assert box["top"] >= link["y"] + link["height"], "below the link"
        assert page_.evaluate("document.documentElement.scrollWidth") == width, "the popup widens nothing"


def test_touch_first_tap_previews_second_tap_follows(browser, sites):
    url = refs_url(sites)
    with opened(browser, url, viewport=NARROW, touch=True) as page_:
        link = page_.locator(FIRST)
        link.tap()
        wait_shown(page_)
        assert page_.url == url, "the first tap previews instead of leaving"
        assert popup_state(page_)["title"] == TITLE_A
        page_.locator("h1", has_text="Refs").tap()  # a tap elsewhere hides it
        wait_shown(page_, False)
        assert page_.url == url
        link.tap()
        wait_shown(page_)
        link.tap()
        page_.wait_for_url("**/index.html#arxiv-2512-17909")
    with opened(browser, url, viewport=NARROW, touch=True) as page_:
        page_.locator(FIRST).tap()
        wait_shown(page_)
        page_.locator(".arxiv-preview-title a").tap()  # the preview's title is the link too
        page_.wait_for_url("**/index.html#arxiv-2512-17909")


def test_without_javascript_links_work_and_no_popup_exists(browser, sites):
    with opened(browser, refs_url(sites), javascript=False) as page_:
        assert page_.locator(".arxiv-preview").count() == 0
        assert not page_.locator("script.arxiv-preview-data").is_visible()
        page_.locator(FIRST).hover()
        page_.wait_for_timeout(400)
        assert page_.locator(".arxiv-preview").count() == 0
        page_.locator(FIRST).click()
        page_.wait_for_url("**/index.html#arxiv-2512-17909")


def test_hostile_title_is_text(browser, sites):
    with opened(browser, refs_url(sites)) as page_:
        page_.locator("table.arxiv-index a[data-arxiv-id='2512.17908']").hover()
        wait_shown(page_)
        state = popup_state(page_)
        assert state["title"] == 'Title B <img src=x onerror="window.__pwned=1">'
        assert page_.locator(".arxiv-preview img").count() == 0
        assert page_.evaluate("typeof window.__pwned") == "undefined"


def _luminance(css: str) -> float:
    values = [float(v) for v in css[css.index("(") + 1:css.index(")")].replace(",", " ").split()[:3]]
    return sum(weight * (v / 255) for weight, v in zip((0.2126, 0.7152, 0.0722), values, strict=True))


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme"])
def test_dark_mode_colours_differ_from_light(browser, sites, shots, theme):
    url = refs_url(sites, theme)
    seen = {}
    for dark in (False, True):
        with opened(browser, url, dark=dark) as page_:
            page_.locator(FIRST).hover()
            wait_shown(page_)
            page_.wait_for_timeout(100)
            seen[dark] = popup_state(page_)
            name = f"preview-{theme}-{'dark' if dark else 'light'}.png"
            page_.screenshot(path=str(shots / name))
    light, dark = seen[False], seen[True]
    assert light["background"] != dark["background"]
    assert _luminance(light["background"]) > 0.8 and _luminance(dark["background"]) < 0.2, (light, dark)
    assert _luminance(light["color"]) < 0.3 and _luminance(dark["color"]) > 0.6, (light, dark)


def test_data_holds_only_the_referenced_papers(browser, sites):
    with opened(browser, refs_url(sites)) as page_:
        data = json.loads(page_.locator("script.arxiv-preview-data").text_content())
        ids = page_.evaluate("Array.from(new Set(Array.from(document.querySelectorAll('a[data-arxiv-id]'), "
                             "(a) => a.getAttribute('data-arxiv-id'))))")
        assert sorted(data) == sorted(ids) == ["2512.17907", "2512.17908", "2512.17909"]
