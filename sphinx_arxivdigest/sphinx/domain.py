"""The ``arxiv`` domain: every indexed card is a ``paper`` object that roles, intersphinx and the
search index can find.

Domain data holds plain tuples keyed by document (never nodes), so ``clear_doc`` and
``merge_domaindata`` are simple and ``-j`` builds pickle it cheaply. When a paper is in several
documents, the target is the first by document name, then by position in the document: the same
whatever order documents were read in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any, NamedTuple

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..markdown import inline_plain
from ..model import Paper, parse_arxiv_id
from .compat import builder_of, current_docname
from .config import settings
from .preview_nodes import paper_link

__all__ = ["ArxivDomain", "ExternalFallbackTransform", "PaperEntry", "PaperRole", "one_page_per_document"]


class PaperEntry(NamedTuple):
    """What the domain remembers of one indexed card (picklable, no nodes)."""

    arxiv_id: str
    docname: str
    anchor: str
    title: str
    first_author: str
    date: str
    digest: str
    position: int

    @property
    def sort_key(self) -> tuple[str, int]:
        return self.docname, self.position


class PaperRole(XRefRole):
    """``:arxiv:paper:`id``` and the short ``:arxiv:`id```, explicit titles as usual.

    The link text falls back to an external link (``arxivdigest_external_url``) when no digest in the
    project holds the paper; :class:`ExternalFallbackTransform` turns the bare text into that link.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.name = "arxiv:paper"
        return super().run()

    def process_link(
        self, env: BuildEnvironment, refnode: Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        target = target.strip()
        parsed = parse_arxiv_id(target)
        if parsed:
            url = settings(env.config).external_url.format(id=parsed[0], version=parsed[1] or "")
            refnode["arxiv_external"] = url
            env.domains["arxiv"].note_reference(current_docname(env), parsed[0])  # type: ignore[attr-defined]
        return title, target

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        inner = node[0]
        assert isinstance(inner, Element)
        # "arxiv-paper" is the class of a card; a reference says what it is instead.
        inner["classes"] = [c if c != "arxiv-paper" else "arxiv-paper-ref" for c in inner["classes"]]
        if "arxiv_external" in node:
            inner["arxiv_external"] = node["arxiv_external"]
        return [node], []


class ArxivDomain(Domain):
    """Papers from ``arxiv-digest`` cards, as cross-reference targets."""

    name = "arxiv"
    label = "arXiv"
    object_types = {"paper": ObjType("paper", "paper")}  # noqa: RUF012 (class attributes are Sphinx's API)
    roles = {"paper": PaperRole(innernodeclass=nodes.inline)}  # noqa: RUF012
    initial_data = {"papers": {}, "consumers": {}, "references": {}}  # noqa: RUF012
    data_version = 2
    dangling_warnings = {"paper": "arXiv paper %(target)s is not in any digest of this project"}  # noqa: RUF012
    #: id -> the entry references go to (built on demand, dropped on every change).
    _targets: dict[str, PaperEntry] | None = None
    #: id -> its first entry in each document listing it, in document order (built on demand).
    _listings: dict[str, list[PaperEntry]] | None = None
    #: Where every paper pointed before an incremental read (see :mod:`.incremental`).
    targets_before_read: dict[str, tuple[str, str, str]] | None = None
    #: Where every paper was listed before an incremental read (see :mod:`.incremental`).
    listings_before_read: dict[str, tuple[tuple[str, str], ...]] | None = None
    #: The documents an incremental build reads again (see :mod:`.incremental`).
    documents_to_read: frozenset[str] = frozenset()

    @property
    def papers(self) -> dict[str, list[PaperEntry]]:
        """docname -> the entries its cards registered, in page order."""
        return self.data["papers"]

    @property
    def consumers(self) -> dict[str, bool]:
        """Documents whose output depends on every digest (``arxiv-paper``, ``arxiv-index``)."""
        return self.data["consumers"]

    def note_paper(self, docname: str, paper: Paper, anchor: str, digest: str) -> None:
        entries = self.papers.setdefault(docname, [])
        first = inline_plain(paper.authors[0]) if paper.authors else ""
        date = paper.date.isoformat() if paper.date else ""
        title = inline_plain(paper.title)  # link texts and objects.inv show text, not markdown
        entries.append(PaperEntry(paper.arxiv_id, docname, anchor, title, first, date, digest, len(entries)))
        self._targets = self._listings = None

    @property
    def references(self) -> dict[str, dict[str, None]]:
        """docname -> the ids its roles point at (an ordered set), to rewrite it when they move."""
        return self.data["references"]

    def note_consumer(self, docname: str) -> None:
        self.consumers[docname] = True

    def note_reference(self, docname: str, arxiv_id: str) -> None:
        self.references.setdefault(docname, {})[arxiv_id] = None

    def clear_doc(self, docname: str) -> None:
        self.papers.pop(docname, None)
        self.consumers.pop(docname, None)
        self.references.pop(docname, None)
        self._targets = self._listings = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("papers", "consumers", "references"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._targets = self._listings = None

    def referrers_of(self, ids: Set[str]) -> list[str]:
        """Documents whose roles point at any of ``ids``."""
        return sorted(doc for doc, targets in self.references.items() if not ids.isdisjoint(targets))

    def targets(self) -> dict[str, PaperEntry]:
        """arXiv id -> the one entry references go to (first by document name, then position)."""
        cached = self._targets
        if cached is None:
            cached = {}
            for docname in sorted(self.papers):
                for entry in self.papers[docname]:
                    cached.setdefault(entry.arxiv_id, entry)
            self._targets = cached
        return cached

    def listings(self) -> dict[str, list[PaperEntry]]:
        """arXiv id -> one entry per document that lists the paper (its first card there), by
        document name: a paper listed on several days has several. References go to the first."""
        cached = self._listings
        if cached is None:
            cached = {}
            for docname in sorted(self.papers):
                seen: set[str] = set()
                for entry in self.papers[docname]:
                    if entry.arxiv_id not in seen:
                        seen.add(entry.arxiv_id)
                        cached.setdefault(entry.arxiv_id, []).append(entry)
            self._listings = cached
        return cached

    def all_entries(self) -> Iterator[PaperEntry]:
        """Every indexed card, by document name then position."""
        for docname in sorted(self.papers):
            yield from self.papers[docname]

    def find(self, target: str) -> PaperEntry | None:
        parsed = parse_arxiv_id(target)
        return self.targets().get(parsed[0]) if parsed else None

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
        node: pending_xref, contnode: Element,
    ) -> nodes.reference | None:
        if typ == "listing":  # "also listed on": one given card, not the paper's first listing
            docname, _sep, anchor = target.partition("#")
            if docname not in env.all_docs:
                return None
            ref = _one_page_uri(make_refnode(builder, fromdocname, docname, anchor, contnode, contnode.astext()))
            return paper_link(ref, node.get("arxiv_id", ""), builder)
        entry = self.find(target)
        if entry is None:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(entry.title, entry.title, classes=["xref", "arxiv", "arxiv-paper-ref"])
        ref = _one_page_uri(make_refnode(builder, fromdocname, entry.docname, entry.anchor, contnode, entry.title))
        return paper_link(ref, entry.arxiv_id, builder)

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
        node: pending_xref, contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "paper", target, node, contnode)
        return [("arxiv:paper", found)] if found is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for entry in self.targets().values():
            yield entry.arxiv_id, entry.title, "paper", entry.docname, entry.anchor, 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")


def _one_page_uri(ref: nodes.reference) -> nodes.reference:
    """singlehtml: every document is on one page ("#document-x#anchor" -> "#anchor")."""
    uri = ref.get("refuri", "")
    if uri.startswith("#") and uri.count("#") > 1:
        ref["refuri"] = uri[uri.index("#", 1):]
    return ref


def one_page_per_document(env: BuildEnvironment) -> bool:
    """True for builders whose post-transforms see one document at a time (singlehtml and latex
    assemble several documents into one tree, under the name of the first). Read the way Sphinx's
    own ``SphinxPostTransform.is_supported`` does."""
    return getattr(builder_of(env), "name", "") in ("html", "dirhtml", "epub")


class ExternalFallbackTransform(SphinxPostTransform):
    """After references are resolved, a paper role left unresolved becomes a link to arXiv itself."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        domain: ArxivDomain = self.env.domains["arxiv"]  # type: ignore[assignment]
        if one_page_per_document(self.env) and current_docname(self.env) not in domain.references:
            return  # no paper role on this page: no need to walk a page of 10,000 cards
        for node in list(self.document.findall(nodes.inline)):
            url = node.get("arxiv_external")
            if not url or isinstance(node, pending_xref) or isinstance(node.parent, nodes.reference):
                continue
            del node["arxiv_external"]
            link = nodes.reference("", "", refuri=url, classes=["arxiv-external"])
            node.replace_self(link)
            link += node
