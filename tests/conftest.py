"""Shared fixtures for the tests that build real Sphinx projects.

``project`` writes a Sphinx project from ``{relative path: text or bytes}`` into a temporary folder
and builds it with Sphinx's own ``make_app`` fixture; its helpers parse the HTML with BeautifulSoup
and turn the warning stream into located records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup

from sphinx_arxivdigest import digest_cache

pytest_plugins = ("sphinx.testing.fixtures",)

#: The conf.py of a reStructuredText project (digests kept out of the page list anyway).
#: ``source_suffix`` is explicit because Sphinx merges extension suffixes into the *default* dict in
#: place: after a MyST app ran in this process, ``.md`` would otherwise be a source suffix here too.
RST_CONF = (
    'project = "Digest test"\nextensions = ["sphinx_arxivdigest"]\n'
    'source_suffix = {".rst": "restructuredtext"}\nexclude_patterns = ["_build", "digests"]\n'
)
#: The conf.py of a MyST project: every .md would be a page, so the digests folder is excluded.
MYST_CONF = (
    'project = "Digest test"\nextensions = ["myst_parser", "sphinx_arxivdigest"]\n'
    'exclude_patterns = ["_build", "digests"]\n'
)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_WARNING_LINE = re.compile(
    r"^(?P<location>.*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL|SEVERE): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)
_INCLUDED_FROM = re.compile(r"\(digest included from (?P<page>.+):(?P<line>\d+)\)$")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


@dataclass
class Warning_:
    """One warning line: where Sphinx located it, its text and its ``[type.subtype]``."""

    raw: str
    location: str
    line: int | None
    level: str
    message: str
    type: str | None

    @property
    def included_from(self) -> tuple[str, int] | None:
        """``(page, directive line)`` of the ``(digest included from page:line)`` suffix, if any."""
        match = _INCLUDED_FROM.search(self.message)
        return (match["page"], int(match["line"])) if match else None


def parse_warnings(text: str) -> list[Warning_]:
    found = []
    for raw in strip_ansi(text).splitlines():
        match = _WARNING_LINE.match(raw.strip())
        if match:
            found.append(
                Warning_(
                    raw=raw,
                    location=match["location"],
                    line=int(match["line"]) if match["line"] else None,
                    level=match["level"],
                    message=match["message"],
                    type=match["type"],
                )
            )
    return found


def same_file(location: str, path: Path) -> bool:
    """A warning location names ``path`` (it must be absolute, symlinks aside)."""
    return Path(location).is_absolute() and Path(location).resolve() == path.resolve()


def cards(soup: BeautifulSoup) -> list:
    """Every paper card of a page, in document order."""
    return soup.select("div.arxiv-paper")


def card_ids(soup: BeautifulSoup) -> list[str]:
    return [card.get("id") for card in cards(soup)]


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [card.select_one("p.arxiv-paper-title").get_text(" ", strip=True) for card in cards(soup)]


def abstract_paragraphs(card) -> list:
    """The ``<p>`` of a card's abstract (not the dropdown's summary)."""
    abstract = card.select_one(".arxiv-paper-abstract")
    if abstract is None:
        return []
    return [p for p in abstract.find_all("p") if p.find_parent("summary") is None]


class Project:
    """A Sphinx project in a temporary folder, built with ``make_app``."""

    def __init__(self, root: Path, make_app) -> None:
        self.srcdir = root / "src"
        self.srcdir.mkdir(parents=True, exist_ok=True)
        self._make_app = make_app

    def write(self, files: dict[str, str | bytes], *, myst: bool = False) -> Path:
        """Write ``{relative path: text or bytes}``; a default conf.py is added when none exists."""
        for relative, content in files.items():
            path = self.srcdir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        conf = self.srcdir / "conf.py"
        if not conf.exists():
            conf.write_text(MYST_CONF if myst else RST_CONF, encoding="utf-8")
        return self.srcdir

    def app(self, buildername: str = "html", **kwargs):
        return self._make_app(buildername, srcdir=self.srcdir, **kwargs)

    def build(self, files: dict[str, str | bytes] | None = None, buildername: str = "html", *,
              myst: bool = False, **kwargs):
        """Write ``files`` (if given), build with a new app and return it."""
        if files:
            self.write(files, myst=myst)
        app = self.app(buildername, **kwargs)
        app.build()
        return app

    @staticmethod
    def html(app, docname: str = "index") -> BeautifulSoup:
        return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")

    @staticmethod
    def warnings(app) -> str:
        return strip_ansi(app.warning.getvalue())

    @staticmethod
    def warning_records(app) -> list[Warning_]:
        return parse_warnings(app.warning.getvalue())

    # The module helpers, reachable from the fixture so that test modules need not import conftest.
    cards = staticmethod(cards)
    card_ids = staticmethod(card_ids)
    card_titles = staticmethod(card_titles)
    abstract_paragraphs = staticmethod(abstract_paragraphs)
    line_of = staticmethod(line_of)
    same_file = staticmethod(same_file)


@pytest.fixture(autouse=True)
def _fresh_digest_cache():
    """The parse cache is process-wide (path + mtime + size): start every test without it."""
    digest_cache.clear_cache()
    yield
    digest_cache.clear_cache()


@pytest.fixture
def make_app(make_app):
    """Sphinx's fixture with Sphinx 8.1's defaults on older Sphinx: warnings show their ``[type]``, and
    ``warningiserror`` keeps going (``exception_on_warning=True`` stops at the first, as before)."""
    if sphinx.version_info >= (8, 1):
        return make_app

    def make(*args, **kwargs):
        kwargs["confoverrides"] = {"show_warning_types": True, **kwargs.get("confoverrides", {})}
        if kwargs.get("warningiserror") and not kwargs.pop("exception_on_warning", False):
            kwargs.setdefault("keep_going", True)
        return make_app(*args, **kwargs)

    return make


@pytest.fixture
def project(tmp_path, make_app) -> Project:
    return Project(tmp_path, make_app)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one at a time)."""
    from browser import launched_chromium

    yield from launched_chromium()
