"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

No browser is ever downloaded; without Chromium or Playwright the tests skip with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

SKIP_REASON = (
    "Playwright for Python cannot be imported (pip install playwright; no browser download is needed)"
    if sync_playwright is None
    else f"{CHROMIUM} is missing (apt-get install chromium); the browser tests never download a browser"
    if not CHROMIUM.exists()
    else ""
)
#: ``pytestmark`` of every browser test module.
MARKS = [pytest.mark.browser, pytest.mark.skipif(bool(SKIP_REASON), reason=SKIP_REASON or "-")]


def launched_chromium() -> Iterator:
    """Yield a launched browser (for a fixture), closed afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()
