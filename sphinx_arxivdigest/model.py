"""The paper model: what a digest holds, independent of how it was written or rendered.

No Sphinx import here: the parser, the directive, exports and plain Python users all share these
types, and the selection rules (filter, sort, limit) live here so that they cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

__all__ = [
    "ABSTRACT_MODES",
    "COLUMNS_MAX",
    "COLUMNS_MIN",
    "NEW_ID_PATTERN",
    "OLD_ID_PATTERN",
    "SORT_KEYS",
    "AbstractMode",
    "Digest",
    "DigestError",
    "Paper",
    "Problem",
    "abs_url_for",
    "anchor_for",
    "canonical_url",
    "check_abstract",
    "check_columns",
    "check_limit",
    "check_sort",
    "is_web_url",
    "parse_arxiv_id",
    "pdf_url_for",
    "select_papers",
    "unique_anchor",
]


class DigestError(Exception):
    """Raised by :func:`load_digest` when a digest cannot be read at all (missing, not UTF-8...).

    ``line`` is the 1-based line the reading failed at, or 0 when the whole file is at fault.
    """

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


# New-style ids (0704.0001 onwards; five digits after the dot since 1501) and old-style
# ``archive(.SUBJ)/YYMMNNN`` ids, each with an optional version suffix.
NEW_ID_PATTERN = r"\d{4}\.\d{4,5}"
#: Regex source of an old-style id (``hep-th/9901001``, ``math.GT/0309136``), without version.
OLD_ID_PATTERN = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_NEW_ID = NEW_ID_PATTERN
_OLD_ID = OLD_ID_PATTERN
ARXIV_ID_RE = re.compile(rf"(?<![\w./])(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?(?![\w])")
#: An arXiv abs/pdf/html URL; the id is taken from its path.
ARXIV_URL_RE = re.compile(
    rf"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/"
    rf"(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?(?:\.pdf)?",
    re.IGNORECASE,
)
_FULL_ID_RE = re.compile(rf"^(?:arxiv:)?(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?$", re.I)


def parse_arxiv_id(text: str) -> tuple[str, int | None] | None:
    """Split ``2512.17909v1`` / ``arXiv:hep-th/9901001`` into ``(id, version)``; None if not an id."""
    match = _FULL_ID_RE.match(text.strip())
    if not match:
        return None
    version = match.group("version")
    return match.group("id"), int(version) if version else None


def anchor_for(arxiv_id: str) -> str:
    """The stable HTML anchor of a paper's card: ``2512.17909v1`` -> ``arxiv-2512-17909``."""
    parsed = parse_arxiv_id(arxiv_id)
    bare = parsed[0] if parsed else arxiv_id
    return "arxiv-" + re.sub(r"[./]", "-", bare).lower()


def abs_url_for(arxiv_id: str, version: int | None = None) -> str:
    """The canonical abstract page of an id."""
    return f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else "")


def pdf_url_for(arxiv_id: str, version: int | None = None) -> str:
    """The canonical PDF of an id."""
    return f"https://arxiv.org/pdf/{arxiv_id}" + (f"v{version}" if version else "")


#: An http(s) URL with a plain ASCII host (no user, no brackets) and printable ASCII after it
#: (case-sensitive on purpose: under re.I, ``[a-z]`` would also match ``ſ`` and the Kelvin sign).
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.:-]+(?:[/?#][!-~]*)?")


def is_web_url(url: str) -> bool:
    """The one link rule: only http(s) URLs with a host, from a digest, ever become links
    (in cards, notebooks and exports alike); ``javascript:``, ``data:``, ``file:``... never do."""
    if _PLAIN_WEB_URL.fullmatch(url.strip()):
        return True  # what nearly every digest link looks like; urlsplit would say the same, slower
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def canonical_url(url: str, arxiv_form: Callable[[str, int | None], str] | None) -> str:
    """``url`` if it is http(s), else ""; an arxiv.org URL becomes ``arxiv_form``'s https URL for its id."""
    if not url or not is_web_url(url):
        return ""
    match = ARXIV_URL_RE.match(url.strip()) if arxiv_form else None
    if match and arxiv_form:
        version = match.group("version")
        return arxiv_form(match.group("id"), int(version) if version else None)
    return url.strip()


@dataclass(slots=True)
class Problem:
    """Something in a digest that could not be understood; ``line`` is 1-based in the source file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class Paper:
    """One paper as a digest lists it. ``abstract`` is kept as markdown text."""

    arxiv_id: str
    title: str
    version: int | None = None
    authors: list[str] = field(default_factory=list)
    #: True when the digest shortened the author list ("First Author et.al.").
    authors_truncated: bool = False
    abstract: str = ""
    pdf_url: str = ""
    abs_url: str = ""
    code_url: str = ""
    date: _dt.date | None = None
    topic: str | None = None
    line: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    #: The title in another language when the digest shows one beside the original ``title``.
    title_translation: str = ""
    #: An LLM-written summary or recommendation (markdown), kept apart from the paper's own abstract.
    summary: str = ""

    def __post_init__(self) -> None:
        self.abs_url = canonical_url(self.abs_url, abs_url_for) or abs_url_for(self.arxiv_id, self.version)
        self.pdf_url = canonical_url(self.pdf_url, pdf_url_for) or pdf_url_for(self.arxiv_id, self.version)
        self.code_url = canonical_url(self.code_url, None)

    @property
    def versioned_id(self) -> str:
        """The id as arXiv prints it, with the version when known (``2512.17909v1``)."""
        return self.arxiv_id + (f"v{self.version}" if self.version else "")

    @property
    def anchor(self) -> str:
        """The card's HTML id; stable across builds and versions."""
        return anchor_for(self.arxiv_id)

    @property
    def primary_category(self) -> str | None:
        """The archive of an old-style id (``hep-th``); new-style ids do not carry it."""
        return self.arxiv_id.split("/")[0] if "/" in self.arxiv_id else None

    def matches(self, words: Sequence[str]) -> bool:
        """True when every word occurs (case-insensitively) in the title, authors or abstract."""
        haystack = "\n".join([self.title, *self.authors, self.abstract]).casefold()
        return all(word.casefold() in haystack for word in words)

    def to_bibtex(self) -> str:
        """This paper as a BibTeX ``@misc`` entry (see :mod:`sphinx_arxivdigest.export`)."""
        from .formats.bibtex import paper_to_bibtex  # lazy: export imports this module

        return paper_to_bibtex(self)

    def _repr_html_(self) -> str:
        """Jupyter shows a paper as its card (see :mod:`sphinx_arxivdigest.jupyter`)."""
        from .formats.notebook import paper_html

        return paper_html(self)


@dataclass(slots=True)
class Digest:
    """A parsed digest: its papers in file order and the problems met on the way."""

    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None
    date: _dt.date | None = None
    source: str | None = None
    #: The kinds of paper listing the reader recognised, in the order first met ("pipe table", "list items"...).
    layouts: list[str] = field(default_factory=list, compare=False)
    #: How many distinct arXiv identifiers the reader found in the text (reading metadata, like ``layouts``).
    identifiers_seen: int = field(default=0, compare=False)
    #: How many of them ended in no paper (each is a problem naming it); ids a paper's own text cites
    #: (an abstract linking to related work) are accounted for by that paper.
    identifiers_unread: int = field(default=0, compare=False)

    def __len__(self) -> int:
        return len(self.papers)

    def __iter__(self) -> Iterator[Paper]:
        return iter(self.papers)

    def select(
        self, filter: str | Sequence[str] | None = None, sort: str | None = None, limit: int | None = None
    ) -> list[Paper]:
        """Papers kept by the same rules as the directive's ``:filter:``, ``:sort:`` and ``:limit:``."""
        return select_papers(self.papers, filter=filter, sort=sort, limit=limit)

    def to_json(self, indent: int | None = 2) -> str:
        """JSON in the versioned ``sphinx-arxivdigest/digest`` schema (see :mod:`sphinx_arxivdigest.export`)."""
        from .formats.json_export import digest_to_json  # lazy: export imports this module

        return digest_to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Digest:
        """Read :meth:`to_json` output back; ``Digest.from_json(d.to_json()) == d``."""
        from .formats.json_export import digest_from_json

        return digest_from_json(text)

    def to_bibtex(self) -> str:
        """Every paper as a BibTeX ``@misc`` entry, keys unique within the output."""
        from .formats.bibtex import digest_to_bibtex

        return digest_to_bibtex(self)

    def _repr_html_(self) -> str:
        """Jupyter shows a digest as the same cards as Sphinx (see :mod:`sphinx_arxivdigest.jupyter`)."""
        from .formats.notebook import digest_html

        return digest_html(self)


# -- option rules: one definition each, used by the directives, the configuration, the command line
#    and Jupyter, so that none of them can accept what another refuses ----------------------------

#: How a card shows its abstract: in full, in a closed dropdown, or not at all.
AbstractMode = Literal["full", "collapsed", "none"]
ABSTRACT_MODES: tuple[AbstractMode, ...] = ("full", "collapsed", "none")
#: Accepted values of ``sort`` (each may be prefixed with ``-`` for descending order).
SORT_KEYS = ("date", "title", "id")
#: Cards per row on wide screens (phones always get one).
COLUMNS_MIN, COLUMNS_MAX = 1, 4


def check_abstract(value: object) -> AbstractMode:
    """``value`` if it is an abstract mode; :class:`ValueError` saying what is allowed otherwise."""
    if value not in ABSTRACT_MODES:
        raise ValueError(f"expected one of {', '.join(map(repr, ABSTRACT_MODES))}, got {value!r}")
    return value


def check_columns(value: object) -> int:
    """``value`` if it is a whole number of columns from 1 to 4 (``bool`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int) or not COLUMNS_MIN <= value <= COLUMNS_MAX:
        raise ValueError(f"expected a whole number from {COLUMNS_MIN} to {COLUMNS_MAX}, got {value!r}")
    return value


def check_sort(value: object) -> str:
    """A sort key (``date``, ``title``, ``id``, optionally ``-``-prefixed), normalised to lower case."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if text.lstrip("-") not in SORT_KEYS or text.count("-") > 1:
        raise ValueError(
            f"expected one of {', '.join(map(repr, SORT_KEYS))}, optionally prefixed with '-', got {value!r}"
        )
    return text


def check_limit(value: object) -> int:
    """A number of papers to keep: a whole number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number of 0 or more, got {value!r}")
    return value


def unique_anchor(anchor: str, taken: Container[str]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3``... when taken: a second card for the same paper on one
    page (or in one notebook output) gets a suffix, the first keeps the stable anchor."""
    candidate, number = anchor, 1
    while candidate in taken:
        number += 1
        candidate = f"{anchor}-{number}"
    return candidate


def _sort_key(name: str) -> Callable[[Paper], Any]:
    if name == "date":
        return lambda p: p.date
    if name == "title":
        return lambda p: p.title.casefold()
    return lambda p: p.arxiv_id


def select_papers(
    papers: Iterable[Paper],
    filter: str | Sequence[str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
) -> list[Paper]:
    """Filter (all words must occur), then sort (stable; ``-key`` descends), then cut to ``limit``."""
    words = filter.split() if isinstance(filter, str) else list(filter or [])
    kept = [p for p in papers if p.matches(words)] if words else list(papers)
    if sort:
        sort = check_sort(sort)
        descending = sort.startswith("-")
        name = sort.lstrip("-")
        key = _sort_key(name)
        undated: list[Paper] = []
        if name == "date":  # papers without a date go last in either direction
            undated = [p for p in kept if p.date is None]
            kept = [p for p in kept if p.date is not None]
        kept = sorted(kept, key=key, reverse=descending) + undated  # stable
    if limit is not None:
        kept = kept[: check_limit(limit)]
    return kept
