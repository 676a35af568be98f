"""What the hover preview of a referenced paper shows, as the JSON a page carries for its script.

A reference to a paper (a role, an ``arxiv-index`` row, an "also listed on" link) previews the paper
without leaving the page and without a network request: each HTML page carries, in one
``<script type="application/json">``, the papers it references and nothing else. The parts come
from :func:`~.card.describe_card` (the card's own title, author line and date, decided once) and
are plain text (:func:`~sphinx_arxivdigest.markdown.plain_text`): the script sets them with
``textContent``, so digest text never becomes markup.

The JSON is written inside an HTML ``<script>`` element, so ``<``, ``>`` and ``&`` are escaped as
``\\u003c``... : a title holding ``</script>`` cannot end the element early (and the text is valid
in XHTML too). Keys are one letter: an ``arxiv-index`` page carries one entry per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from html import escape
from unicodedata import east_asian_width

from ..markdown import plain_text, text_start
from ..model import Paper
from .card import describe_card

__all__ = ["PREVIEW_ABSTRACT_CHARS", "PREVIEW_AUTHORS_CHARS", "paper_preview", "preview_json", "preview_script"]

#: How much of the abstract a preview shows: a few lines, enough to tell what the paper is about
#: (in columns: a Chinese character counts as two).
PREVIEW_ABSTRACT_CHARS = 300
#: The author line is cut too (a collaboration paper names hundreds of authors).
PREVIEW_AUTHORS_CHARS = 160
#: The class of the data element (the script reads every element of this class on the page).
DATA_CLASS = "arxiv-preview-data"


def _untranslated(message: str) -> str:
    return message


def paper_preview(paper: Paper, label: Callable[[str], str] = _untranslated) -> dict[str, str]:
    """``{"t": title, "a": authors, "d": date, "x": start of the abstract}`` in plain text; parts the
    paper lacks are left out. ``label`` translates "et al." as on the card."""
    card = describe_card(paper, abstract="full")
    preview = {"t": plain_text(card.title)}
    if card.authors is not None:
        preview["a"] = text_start(card.authors.text(label), PREVIEW_AUTHORS_CHARS, "…")
    date = card.badge("date")
    if date is not None:
        preview["d"] = date.text
    if card.abstract is not None:
        abstract = plain_text(card.abstract.nodes)
        preview["x"] = text_start(abstract, _fitting(abstract, PREVIEW_ABSTRACT_CHARS), "…")
    return preview


def _fitting(text: str, width: int) -> int:
    """How many characters of ``text`` fill ``width`` columns, a wide (Chinese, Japanese, Korean)
    character taking two: 300 Chinese characters would make a popup three times as tall."""
    used = 0
    for count, char in enumerate(text):
        used += 2 if east_asian_width(char) in "WF" else 1
        if used > width:
            return count
    return len(text)


def preview_json(previews: Mapping[str, Mapping[str, str]]) -> str:
    """``{arXiv id: preview}`` as compact JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(previews, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def preview_script(previews: Mapping[str, Mapping[str, str]]) -> str:
    """The data element of one page."""
    return f'<script type="application/json" class="{escape(DATA_CLASS)}">{preview_json(previews)}</script>\n'
