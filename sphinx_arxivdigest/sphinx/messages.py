"""The extension's message catalog: every label it writes goes through ``_`` (see ``locale/``)."""

from __future__ import annotations

from sphinx.locale import get_translation, get_translator

__all__ = ["MESSAGE_CATALOG", "_", "ngettext", "translate"]

MESSAGE_CATALOG = "sphinx_arxivdigest"
_ = get_translation(MESSAGE_CATALOG)


def translate(message: str) -> str:
    """A card label (a :data:`~sphinx_arxivdigest.formats.card.LABELS` message id) in the build's
    language, as a plain ``str``: the card renderers take it as their label function."""
    return str(_(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """A message with a plural form, in the build's language (Sphinx's ``get_translation`` has no
    plural form since Sphinx 8, its translator does)."""
    return get_translator(MESSAGE_CATALOG).ngettext(singular, plural, count)
