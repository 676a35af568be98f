"""Incremental builds: pages whose content depends on other pages' papers are rebuilt with them.

``arxiv-paper`` and ``arxiv-index`` show papers from every digest of the project, and paper roles
link to wherever a paper's card is: when documents are added, changed or removed, the pages that
show or point at papers which appeared, moved or vanished are read or written again; with hover
previews, pages pointing at papers of a document read again are written again too.
"""

from __future__ import annotations

from typing import Any

from .domain import ArxivDomain
from .preview_nodes import previews_enabled

__all__ = ["moved_references", "outdated_consumers"]


def _target_map(domain: ArxivDomain) -> dict[str, tuple[str, str, str]]:
    return {arxiv_id: (e.docname, e.anchor, e.title) for arxiv_id, e in domain.targets().items()}


def _listing_map(domain: ArxivDomain) -> dict[str, tuple[tuple[str, str], ...]]:
    """The papers listed on several pages (only their cards say "also listed on"): a paper that
    gains or loses a second listing enters or leaves the map, which is all a comparison needs."""
    return {arxiv_id: tuple((e.docname, e.anchor) for e in entries)
            for arxiv_id, entries in domain.listings().items() if len(entries) > 1}


def outdated_consumers(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: pages with ``arxiv-paper``/``arxiv-index`` follow every change.

    Also remembers where every paper pointed before reading, for :func:`moved_references`.
    """
    domain: ArxivDomain = env.domains["arxiv"]
    domain.targets_before_read = _target_map(domain)
    domain.listings_before_read = _listing_map(domain)
    domain.documents_to_read = frozenset(added | changed)
    if not (added or changed or removed):
        return []
    return [doc for doc in domain.consumers if doc not in changed and doc not in removed]


def moved_references(app: Any, env: Any) -> list[str]:
    """``env-updated``: pages whose roles point at a paper that appeared, moved or vanished are
    rewritten, so no link is left stale by an incremental build."""
    domain: ArxivDomain = env.domains["arxiv"]
    before = domain.targets_before_read
    if before is None:
        return []
    after = _target_map(domain)
    moved = {arxiv_id for arxiv_id in before.keys() | after.keys() if before.get(arxiv_id) != after.get(arxiv_id)}
    if previews_enabled(app.builder):
        # A reference's preview shows the paper's authors and abstract, which the domain does not
        # keep: the papers of every document read again (its digest may have changed) count as moved.
        moved.update(entry.arxiv_id for doc in domain.documents_to_read for entry in domain.papers.get(doc, ()))
    rewrite = domain.referrers_of(moved) if moved else []
    # A paper listed on one more or one fewer day: its other cards' "also listed on" changes.
    listed_before = domain.listings_before_read or {}
    listed_after = _listing_map(domain)
    relisted = [ids for ids in listed_before.keys() | listed_after.keys()
                if listed_before.get(ids) != listed_after.get(ids)]
    holders = {doc for arxiv_id in relisted for doc, _anchor in listed_after.get(arxiv_id, ())}
    return sorted(set(rewrite) | holders)
