"""Everything ``setup(app)`` registers: sphinx-design, the directive, config values, CSS, messages."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..formats.card_html import STYLESHEET_ALIASES
from ..formats.design_assets import alias_css, design_css, octicon_mask
from .archive import generate_archives
from .archive_links import (
    ArchiveLinksTransform,
    ArxivArchiveLinksDirective,
    arxiv_archive_links,
    visit_archive_links_html,
)
from .card import CardTreesTransform, SearchEntriesTransform, arxiv_card, visit_card_html
from .compat import copy_file_overwriting, note_card_math
from .config import register_config
from .directives import ArxivDigestDirective, ArxivIndexDirective, ArxivPaperDirective
from .domain import ArxivDomain, ExternalFallbackTransform, PaperRole
from .exports import write_exports
from .feed import write_feeds
from .filter_box import (
    FILTER_SCRIPT,
    arxiv_filter_box,
    depart_filter_box,
    skip_filter_box,
    visit_filter_box,
)
from .incremental import moved_references, outdated_consumers
from .late_content import LateCardsTransform, arxiv_index_placeholder, arxiv_paper_placeholder
from .listings import AlsoListedTransform
from .messages import MESSAGE_CATALOG
from .preview import PREVIEW_SCRIPT, add_preview_data, add_preview_script, arxiv_preview_data, visit_preview_data_html
from .preview_nodes import arxiv_paper_link, depart_paper_link_html, visit_paper_link_html
from .text_links import TextLinksTransform
from .writing import write_if_changed

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PACKAGE_DIR / "static"
LOCALE_DIR = PACKAGE_DIR / "locale"
CSS_FILE = "arxivdigest.css"
#: Where the stylesheet takes sphinx-design's chevron (``none`` when the file is used as it is).
CHEVRON_PLACEHOLDER = "/*ARXIVDIGEST_CHEVRON*/none"


def stylesheet() -> str:
    """The package stylesheet with sphinx-design's chevron read from the installed sphinx-design,
    then that sphinx-design's rules for the utility classes the cards leave out
    (:data:`~..formats.card_html.STYLESHEET_ALIASES`), copied onto the cards' own class."""
    css = (STATIC_DIR / CSS_FILE).read_text(encoding="utf-8")
    aliases = alias_css(design_css(), STYLESHEET_ALIASES)
    return (css.replace(CHEVRON_PLACEHOLDER, octicon_mask("chevron-right"))
            + "\n/* sphinx-design's own rules for the classes a card leaves out */\n" + aliases + "\n")


def _copy_static(app: Sphinx, exception: Exception | None) -> None:
    """Ship the assets with every HTML build (without touching the user's ``html_static_path``)."""
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        copy_file_overwriting(STATIC_DIR / FILTER_SCRIPT, static)
        copy_file_overwriting(STATIC_DIR / PREVIEW_SCRIPT, static)
        write_if_changed(static / CSS_FILE, stylesheet())


def setup_extension(app: Sphinx) -> None:
    if "sphinx_design" not in app.extensions:
        app.setup_extension("sphinx_design")
    register_config(app)
    app.add_domain(ArxivDomain)
    app.add_role("arxiv", PaperRole(innernodeclass=nodes.inline))
    app.add_directive("arxiv-digest", ArxivDigestDirective)
    app.add_directive("arxiv-paper", ArxivPaperDirective)
    app.add_directive("arxiv-index", ArxivIndexDirective)
    app.add_directive("arxiv-archive-links", ArxivArchiveLinksDirective)
    app.add_node(arxiv_archive_links, html=(visit_archive_links_html, None))
    app.add_post_transform(ArchiveLinksTransform)
    app.add_node(arxiv_paper_placeholder)
    app.add_node(arxiv_index_placeholder)
    app.add_post_transform(LateCardsTransform)
    app.add_post_transform(AlsoListedTransform)
    app.add_post_transform(ExternalFallbackTransform)
    app.add_post_transform(TextLinksTransform)
    app.connect("builder-inited", generate_archives)
    app.connect("env-get-outdated", outdated_consumers)
    app.connect("env-updated", moved_references)
    app.connect("build-finished", write_exports)
    app.connect("build-finished", write_feeds)
    app.add_css_file(CSS_FILE)
    app.add_js_file(FILTER_SCRIPT, loading_method="defer")
    skip = (skip_filter_box, None)
    app.add_node(arxiv_card, html=(visit_card_html, None))
    app.add_post_transform(CardTreesTransform)
    app.add_post_transform(SearchEntriesTransform)
    app.add_node(
        arxiv_filter_box, html=(visit_filter_box, depart_filter_box),
        latex=skip, text=skip, man=skip, texinfo=skip,
    )
    app.add_node(arxiv_paper_link, html=(visit_paper_link_html, depart_paper_link_html))
    app.add_node(arxiv_preview_data, html=(visit_preview_data_html, None))
    app.connect("doctree-resolved", add_preview_data)
    app.connect("html-page-context", add_preview_script)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("build-finished", _copy_static)
    app.connect("doctree-read", note_card_math)
