"""The archive's Atom feeds (RFC 4287): ``<prefix>/atom.xml`` with the newest papers, and one per
topic, ``<prefix>/topics/<slug>.xml``, with the topic's newest papers (linked from its page).

Written by HTML builders at ``build-finished``, with :mod:`xml.etree.ElementTree` (never by joining
strings). Each entry is one card of the archive's digest pages, newest digest first: title, authors,
arXiv id, the digest's date as ``updated``, the abstract as a plain-text summary, and the card's
absolute URL (``html_baseurl`` + the page + the card anchor). Without ``html_baseurl`` there is no
absolute URL to give, so one warning says so and no feed is written. The digests' summaries say
which papers of which digests a feed takes, so a feed needs no more papers than it has entries.

Every HTML build comes here, so the work is kept small. A signature of everything the feeds are
made of (each digest's path and stamp, when each page was read, the archive settings, the base
URL, the project, the builder, the package's code) is kept in the doctree directory: a build with
the same signature that finds every feed file writes none. Otherwise each entry's text (title,
authors and abstract made plain, the abstract through a markdown parse) is made once per paper and
kept with the signature, for the other feeds of the build and for the next build while its digest
is unchanged; a digest is opened only for entries not made yet, and the cards' URLs are worked out
only for the pages the feeds take entries from.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
import pickle
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from sphinx.util import logging

from ..markdown import block_plain, inline_plain
from ..model import Digest, Paper
from .archive import archive_digests, summary_cache
from .archive_pages import ArchiveDigest, topic_slugs
from .archive_summary import Stamp
from .config import ArchiveSpec, settings
from .domain import ArxivDomain
from .export_cache import code_stamp
from .store import open_digest
from .writing import write_if_changed

__all__ = ["CACHE_NAME", "FEED_NAME", "EntryTexts", "FeedInfo", "feed_xml", "write_feeds"]

logger = logging.getLogger(__name__)
FEED_NAME = "atom.xml"
ATOM = "http://www.w3.org/2005/Atom"
#: The feeds' signature and entry texts, in the doctree directory.
CACHE_NAME = "arxivdigest-feeds.pickle"


def _stamp(date: str) -> str:
    day = _dt.date.fromisoformat(date) if date else _dt.date(1970, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says of itself: its title, its own URL, the page it stands for, and the
    papers it may hold (``topic``: only that topic's; ``None``: every paper)."""

    title: str
    url: str
    page_url: str
    topic: str | None = None


class Urls(Protocol):
    """(docname, arXiv id) -> the card's absolute URL (a dict, or :class:`_CardUrls`)."""

    def get(self, key: tuple[str, str], /) -> str | None: ...


class _CardUrls:
    """The cards' URLs, worked out a page at a time when a feed first asks for one of its cards
    (a feed takes a few pages' cards of an archive of 100,000)."""

    def __init__(self, builder: Any, domain: ArxivDomain, base: str) -> None:
        self.builder, self.domain, self.base = builder, domain, base
        self.pages: dict[str, dict[str, str]] = {}

    def get(self, key: tuple[str, str], /) -> str | None:
        docname, arxiv_id = key
        page = self.pages.get(docname)
        if page is None:
            page = self.pages[docname] = {}
            prefix = f"{self.base}{self.builder.get_target_uri(docname)}#"
            for entry in self.domain.papers.get(docname, ()):
                page.setdefault(entry.arxiv_id, prefix + entry.anchor)
        return page.get(arxiv_id)


class EntryText(NamedTuple):
    """What an entry shows of a paper besides its URL, date and topic: plain text, made once."""

    title: str
    related: str
    authors: tuple[str, ...]
    versioned_id: str
    summary: str


def _entry_text(paper: Paper) -> EntryText:
    return EntryText(
        inline_plain(paper.title) or paper.arxiv_id,
        paper.abs_url or f"https://arxiv.org/abs/{paper.arxiv_id}",
        tuple(inline_plain(author) for author in paper.authors or ["Unknown"]),
        paper.versioned_id,
        block_plain(paper.abstract or paper.summary),  # type="text": the text, not markdown
    )


#: Digest path -> (its stamp, position of a paper in the digest -> the paper's entry text).
Texts = dict[str, tuple[Stamp, dict[int, EntryText]]]


class EntryTexts:
    """Entry texts by digest and position: made at most once a build, and reused from ``earlier``
    (the last build's) where the digest's stamp is the same. ``stamps`` gives a digest's stamp (None:
    do not reuse)."""

    def __init__(self, env: Any, stamps: Callable[[str], Stamp | None], earlier: Texts | None = None) -> None:
        self.env, self.stamps, self.earlier = env, stamps, earlier or {}
        self.used: dict[str, tuple[Stamp | None, dict[int, EntryText]]] = {}
        self.opened: dict[str, list[Paper]] = {}  # the digests this build opened (a feed's few)

    def get(self, path: str, position: int, arxiv_id: str) -> EntryText | None:
        """The text of paper number ``position`` of the digest (None when it is not ``arxiv_id`` any more)."""
        stamp = self.stamps(path)
        held = self.used.get(path)
        if held is None or held[0] != stamp:
            held = self.used[path] = (stamp, {})
        text = held[1].get(position)
        if text is None and stamp is not None:
            earlier = self.earlier.get(path)
            if earlier is not None and earlier[0] == stamp:
                text = earlier[1].get(position)
        if text is None:
            papers = self.opened.get(path)
            if papers is None:
                digest = open_digest(self.env, path)
                papers = self.opened[path] = digest.papers if isinstance(digest, Digest) else []
            if position >= len(papers) or papers[position].arxiv_id != arxiv_id:
                return None
            text = _entry_text(papers[position])
        held[1][position] = text
        return text

    def kept(self) -> Texts:
        """The texts used by this build, of digests with a stamp (what the next build may reuse)."""
        return {path: (stamp, held) for path, (stamp, held) in self.used.items() if stamp is not None}


def feed_xml(info: FeedInfo, spec: ArchiveSpec, items: list[ArchiveDigest], urls: Urls, env: Any,
             texts: EntryTexts | None = None) -> bytes:
    """One feed; ``urls`` maps (docname, arXiv id) to the card's absolute URL. The items' summaries
    say which papers the feed takes; ``texts`` (shared by a build's feeds) gives their entries' text,
    opening only digests it holds no text of."""
    texts = texts if texts is not None else EntryTexts(env, lambda _path: None)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    wanted = [item for item in items
              if any(info.topic is None or paper.topic == info.topic for paper in item.papers)]
    _sub(feed, "id", info.url)
    _sub(feed, "title", info.title)
    _sub(feed, "updated", _stamp(wanted[0].date if wanted else ""))
    _sub(feed, "link", rel="self", href=info.url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=info.page_url, type="text/html")
    _sub(_sub(feed, "author"), "name", info.title)
    _sub(feed, "generator", "sphinx-arxivdigest")
    count = 0
    for item in wanted:
        for position, paper in enumerate(item.papers):
            if info.topic is not None and paper.topic != info.topic:
                continue
            url = urls.get((item.docname, paper.arxiv_id))
            text = texts.get(item.path, position, paper.arxiv_id) if url is not None else None
            if url is None or text is None:
                continue
            _entry(feed, text, paper.topic, item, url)
            count += 1
            if count >= spec.feed_entries:
                break
        if count >= spec.feed_entries:
            break
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, text: EntryText, topic: str, item: ArchiveDigest, url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", url)
    _sub(entry, "title", text.title, type="text")
    _sub(entry, "updated", _stamp(item.date))
    _sub(entry, "link", rel="alternate", href=url, type="text/html")
    _sub(entry, "link", rel="related", href=text.related)
    for author in text.authors:
        _sub(_sub(entry, "author"), "name", author)
    _sub(entry, "category", term=f"arXiv:{text.versioned_id}", label=f"arXiv:{text.versioned_id}")
    if topic:
        _sub(entry, "category", term=topic)
    if text.summary:
        _sub(entry, "summary", text.summary, type="text")


# -- between builds ----------------------------------------------------------------------------------


def _load(path: Path) -> tuple[str | None, Texts]:
    """``(signature, texts)`` of the last build, ``(None, {})`` when missing, unreadable or from other code."""
    try:
        with open(path, "rb") as stream:
            data = pickle.load(stream)
        if isinstance(data, dict) and data.get("stamp") == code_stamp() and _valid(data.get("texts")):
            return data.get("signature"), data["texts"]
    except Exception:  # a cache that cannot be read only costs time
        pass
    return None, {}


def _valid(texts: Any) -> bool:
    """A few hundred entries: checked whole, so a damaged file is no cache rather than a failed build."""
    return isinstance(texts, dict) and all(
        isinstance(held, tuple) and len(held) == 2 and isinstance(held[1], dict)
        and all(isinstance(position, int) and isinstance(text, EntryText) for position, text in held[1].items())
        for held in texts.values()
    )


def _save(path: Path, signature: str, texts: Texts) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            pickle.dump({"stamp": code_stamp(), "signature": signature, "texts": texts}, stream,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def _signature(app: Any, base: str, feeds: list[tuple[str, FeedInfo, ArchiveSpec, list[ArchiveDigest]]],
               stamps: Callable[[str], Stamp | None]) -> str:
    """Everything the feed files are made of besides the code: equal signatures, equal files. A
    page's read time stands for its cards' anchors; a digest's stamp for its papers."""
    docs = app.env.all_docs
    archives = {id(items): items for _relative, _info, _spec, items in feeds}
    parts = [
        base, app.config.project, app.builder.name, str(app.outdir), app.builder.get_target_uri("a/b"),
        repr(settings(app.config)),
        [(relative, info, spec) for relative, info, spec, _items in feeds],
        [[(item.path, stamps(item.path), item.docname, item.date, item.title, docs.get(item.docname))
          for item in items] for items in archives.values()],
    ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def write_feeds(app: Any, exception: Exception | None) -> None:
    """``build-finished``: one feed per archive in HTML builds (none when no input changed)."""
    if exception is not None or app.builder.format != "html" or app.builder.name not in ("html", "dirhtml"):
        return
    specs = settings(app.config).archive
    if not specs:
        return
    base = (app.config.html_baseurl or "").strip()
    if not base:
        logger.warning(
            "arxivdigest_archive: set html_baseurl to write the archive's Atom feed (its entries need "
            "absolute URLs); no feed written", type="arxivdigest", subtype="feed",
        )
        return
    if not base.endswith("/"):
        base += "/"
    cache = summary_cache(app)
    feeds: list[tuple[str, FeedInfo, ArchiveSpec, list[ArchiveDigest]]] = []
    for spec in specs:
        items = archive_digests(str(app.srcdir), spec, app.env, cache)
        title = f"{app.config.project}: {spec.prefix}"
        feeds.append((f"{spec.prefix}/{FEED_NAME}", FeedInfo(
            title, f"{base}{spec.prefix}/{FEED_NAME}", base + app.builder.get_target_uri(f"{spec.prefix}/index")),
            spec, items))
        for topic, slug in topic_slugs(items).items():
            docname = f"{spec.prefix}/topics/{slug}"
            if docname in app.env.all_docs:
                feeds.append((f"{docname}.xml", FeedInfo(
                    f"{title}: {topic}", f"{base}{docname}.xml", base + app.builder.get_target_uri(docname), topic),
                    spec, items))
    outdir = Path(app.outdir)
    state = Path(app.doctreedir) / CACHE_NAME
    stamps = cache.stamps.get
    signature = _signature(app, base, feeds, stamps)
    stored, earlier = _load(state)
    if stored == signature and all((outdir / relative).is_file() for relative, *_rest in feeds):
        return
    with contextlib.suppress(OSError):
        state.unlink(missing_ok=True)  # until every feed is written: a stopped build leaves no signature
    urls = _CardUrls(app.builder, app.env.domains["arxiv"], base)
    texts = EntryTexts(app.env, stamps, earlier)
    for relative, info, spec, items in feeds:
        write_if_changed(outdir / relative, feed_xml(info, spec, items, urls, app.env, texts))
    _save(state, signature, texts.kept())
