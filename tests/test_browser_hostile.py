"""A hostile digest in a real browser: no payload from digest text ever runs.

Every cell of the digest carries a payload that sets ``window.__pwned`` and ``document.title`` when it
runs: ``<script>`` tags, ``onerror``/``onload``/``ontoggle``/``onfocus`` handlers, ``javascript:`` and
``data:`` links. The built pages are opened from ``file://`` URLs in Debian's headless Chromium through
Playwright; every non-http(s) link in the cards is clicked (there should be none), every ``<details>``
opened, every card hovered and the ``:filter-box:`` field typed into; then the title and the flag are
checked, and the console must have stayed free of errors (a failed ``<img src=x>`` load would show).

No browser is ever downloaded: the tests are skipped when ``/usr/bin/chromium`` or Playwright is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import MARKS

pytestmark = [*MARKS, pytest.mark.sphinx]

RUN = "window.__pwned=1;document.title='PWNED'"
SCRIPT = f"<script>{RUN}</script>"
IMG = f'<img src=x onerror="{RUN}">'
JS_LINK = f"[x](javascript:{RUN})"
MORE = (
    f'<svg onload="{RUN}"></svg> <a href="javascript:{RUN}">a</a> <body onload="{RUN}"> '
    f'<input autofocus onfocus="{RUN}"> <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe> '
    f"<javascript:{RUN}> [d](data:text/html,<script>{RUN}</script>) [v](vbscript:{RUN})"
)
EVERYTHING = f"{SCRIPT} {IMG} {JS_LINK}"

DIGEST = (
    f"# arxiv 2025-12-22 {SCRIPT}\n\n"
    f"## Topic {IMG} {SCRIPT}\n\n"
    "| Title | arXiv ID | Authors | PDF | Code | Abstract |\n|---|---|---|---|---|---|\n"
    f"| First {EVERYTHING} | 2501.00001 {SCRIPT} | {IMG}, {SCRIPT}, Eve {JS_LINK} "
    f"| [PDF](javascript:{RUN}) | [code](javascript:{RUN}) | {EVERYTHING} {MORE}\n"
    "\n"
    f'<details open ontoggle="{RUN}"><summary>{SCRIPT}</summary>{IMG}</details>\n'
    "\n"
    f"<div onmouseover=\"{RUN}\">\n{SCRIPT}\n</div>\n"
    "\n"
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}"> <base href="javascript:/"> |\n'
    f"| Second \" onmouseover=\"{RUN}\" x=\" | 2501.00002 | ' onfocus='{RUN}' | "
    f"[PDF](data:application/pdf;base64,JVBERi0=) | {EVERYTHING} | {MORE} |\n"
)

PAGES = {
    "index.rst": (
        "Papers\n======\n\n.. toctree::\n\n   full\n   one\n   list\n\n"
        ".. arxiv-digest:: digests/hostile.md\n   :filter-box:\n"
    ),
    "full.rst": "Full\n====\n\n.. arxiv-digest:: digests/hostile.md\n   :abstract: full\n   :no-index:\n",
    "one.rst": "One\n===\n\n.. arxiv-paper:: 2501.00002\n\nSee :arxiv:`2501.00001`.\n",
    "list.rst": "List\n====\n\n.. arxiv-index::\n",
    "digests/hostile.md": DIGEST,
}


def _no_network(route) -> None:
    """Nothing leaves the machine: the pages are files, and a payload must not fetch anything."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _exercise(browser, url: str) -> dict:
    """Open ``url``, poke everything a user could, and return what the page looked like after."""
    context = browser.new_context()
    context.route("**/*", _no_network)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url, wait_until="load")
        clicked = []
        for link in page.locator(".arxiv-paper a").all():
            href = (link.get_attribute("href") or "").strip()
            # http(s), in-page anchors and the project's own pages ("also listed on" links) are
            # fine; any other scheme (javascript:, data:...) must never have been written.
            internal = href.startswith("#") or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href)
            if not href.lower().startswith(("http://", "https://")) and not internal:
                clicked.append(href)
                link.click(no_wait_after=True)
        for summary in page.locator("details > summary").all():
            summary.click()
        for card in page.locator(".arxiv-paper").all():
            card.hover()
        previewed = []
        for link in page.locator("a[data-arxiv-id]").all():  # the hover preview shows digest text
            link.hover()
            page.wait_for_function("() => { const p = document.querySelector('.arxiv-preview'); return p && !p.hidden; }")
            previewed.append(page.locator(".arxiv-preview").inner_text())
            page.mouse.move(0, 0)
            page.wait_for_function("() => document.querySelector('.arxiv-preview').hidden")
        if page.locator(".arxiv-filter-input").count():
            page.locator(".arxiv-filter-input").first.fill("first")
            page.locator(".arxiv-filter-input").first.fill("")
        page.wait_for_timeout(300)  # image errors and toggle events are asynchronous
        return {
            "title": page.title(),
            "pwned": page.evaluate("typeof window.__pwned"),
            "clicked": clicked,
            "closed": page.locator("details:not([open])").count(),
            "cards": page.locator(".arxiv-paper").count(),
            "handlers": page.evaluate(
                "Array.from(document.querySelectorAll('.arxiv-digest *, .arxiv-paper *, table.arxiv-index *, "
                "a[data-arxiv-id], .arxiv-preview *'))"
                ".flatMap(el => Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"
            ),
            "active": page.evaluate(
                "document.querySelectorAll(':is(.arxiv-digest, .arxiv-paper, table.arxiv-index, .arxiv-preview) "
                ":is(script, img, iframe, object, embed, input, meta, base, body)').length"
            ),
            "schemes": page.evaluate(
                "Array.from(document.querySelectorAll('[href], [src]')).map(el => el.getAttribute('href') ?? "
                "el.getAttribute('src')).filter(u => /^\\s*(javascript|data|vbscript):/i.test(u))"
            ),
            "text": page.locator("body").inner_text(),
            "previewed": previewed,
            "errors": errors,
        }
    finally:
        context.close()


def test_no_digest_payload_runs_in_the_browser(project, browser):
    app = project.build(PAGES)
    outdir = Path(app.outdir)
    # Cards on every page that shows them, the arxiv-index table, and the general index (which
    # holds titles and author names as entries).
    expected_cards = {"index": 2, "full": 2, "one": 1, "list": 0, "genindex": 0}
    previews = {}
    for name, cards in expected_cards.items():
        seen = _exercise(browser, (outdir / f"{name}.html").as_uri())
        previews[name] = len(seen["previewed"])
        assert seen["title"] != "PWNED", name
        assert seen["pwned"] == "undefined", name
        assert seen["clicked"] == [], name  # no card link that is not http(s)
        assert seen["closed"] == 0, name
        assert seen["cards"] == cards, name
        assert seen["handlers"] == [] and seen["active"] == 0 and seen["schemes"] == [], name
        assert seen["errors"] == [], (name, seen["errors"])
        assert "<script>window.__pwned=1" in seen["text"], name  # shown as text
        if seen["previewed"]:  # the first paper's title holds a <script> payload, shown as text
            assert any("<script>window.__pwned=1" in text for text in seen["previewed"]), name
    # The role (one.html) and the index rows (list.html) were previewed, payloads as text.
    assert previews == {"index": 0, "full": 0, "one": 1, "list": 2, "genindex": 0}
