"""The archive's Atom feeds (RFC 4287): ``<prefix>/atom.xml`` with the newest papers, and one per
topic, ``<prefix>/topics/<slug>.xml``, with the topic's newest papers (linked from its page).

Written by HTML builders at ``build-finished``, with :mod:`xml.etree.ElementTree` (never by joining
strings). Each entry is one card of the archive's digest pages, newest digest first: title, authors,
arXiv id, the digest's date as ``updated``, the abstract as a plain-text summary, and the card's
absolute URL (``html_baseurl`` + the page + the card anchor). Without ``html_baseurl`` there is no
absolute URL to give, so one warning says so and no feed is written. The digests' summaries say
which digests hold a topic's papers, so a feed opens only the newest of those, no more than it has
entries.
"""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.util import logging

from ..markdown import block_plain, inline_plain
from ..model import Digest, Paper
from .archive import archive_digests, summary_cache
from .archive_pages import ArchiveDigest, topic_slugs
from .config import ArchiveSpec, settings
from .domain import ArxivDomain
from .store import open_digest
from .writing import write_if_changed

__all__ = ["FEED_NAME", "FeedInfo", "feed_xml", "write_feeds"]

logger = logging.getLogger(__name__)
FEED_NAME = "atom.xml"
ATOM = "http://www.w3.org/2005/Atom"


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


def feed_xml(info: FeedInfo, spec: ArchiveSpec, items: list[ArchiveDigest], urls: dict[tuple[str, str], str],
             env: Any) -> bytes:
    """One feed; ``urls`` maps (docname, arXiv id) to the card's absolute URL. Only the newest digests
    that hold the feed's papers, as many as the entries need, are opened for abstracts and authors."""
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
        digest = open_digest(env, item.path)
        for paper in digest.papers if isinstance(digest, Digest) else ():
            url = urls.get((item.docname, paper.arxiv_id))
            if url is None or (info.topic is not None and paper.topic != info.topic):
                continue
            _entry(feed, paper, item, url)
            count += 1
            if count >= spec.feed_entries:
                break
        if count >= spec.feed_entries:
            break
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, paper: Paper, item: ArchiveDigest, url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", url)
    _sub(entry, "title", inline_plain(paper.title) or paper.arxiv_id, type="text")
    _sub(entry, "updated", _stamp(item.date))
    _sub(entry, "link", rel="alternate", href=url, type="text/html")
    _sub(entry, "link", rel="related", href=paper.abs_url or f"https://arxiv.org/abs/{paper.arxiv_id}")
    for author in paper.authors or ["Unknown"]:
        _sub(_sub(entry, "author"), "name", inline_plain(author))
    _sub(entry, "category", term=f"arXiv:{paper.versioned_id}", label=f"arXiv:{paper.versioned_id}")
    if paper.topic:
        _sub(entry, "category", term=paper.topic)
    summary = block_plain(paper.abstract or paper.summary)  # type="text": the text, not markdown
    if summary:
        _sub(entry, "summary", summary, type="text")


def write_feeds(app: Any, exception: Exception | None) -> None:
    """``build-finished``: one feed per archive in HTML builds."""
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
    domain: ArxivDomain = app.env.domains["arxiv"]
    for spec in specs:
        items = archive_digests(str(app.srcdir), spec, app.env, summary_cache(app))
        urls: dict[tuple[str, str], str] = {}
        for item in items:
            uri = app.builder.get_target_uri(item.docname)
            for entry in domain.papers.get(item.docname, ()):
                urls.setdefault((item.docname, entry.arxiv_id), f"{base}{uri}#{entry.anchor}")
        title = f"{app.config.project}: {spec.prefix}"
        feeds = [(f"{spec.prefix}/{FEED_NAME}", FeedInfo(
            title, f"{base}{spec.prefix}/{FEED_NAME}", base + app.builder.get_target_uri(f"{spec.prefix}/index")))]
        for topic, slug in topic_slugs(items).items():
            docname = f"{spec.prefix}/topics/{slug}"
            if docname in app.env.all_docs:
                feeds.append((f"{docname}.xml", FeedInfo(
                    f"{title}: {topic}", f"{base}{docname}.xml", base + app.builder.get_target_uri(docname), topic)))
        for relative, info in feeds:
            write_if_changed(Path(app.outdir) / relative, feed_xml(info, spec, items, urls, app.env))
