"""The extension's message catalog: every label it writes goes through ``_`` (see ``locale/``)."""

from __future__ import annotations

from sphinx.locale import get_translation

__all__ = ["MESSAGE_CATALOG", "_", "translate"]

MESSAGE_CATALOG = "sphinx_arxivdigest"
_ = get_translation(MESSAGE_CATALOG)


def translate(message: str) -> str:
    """A card label (a :data:`~sphinx_arxivdigest.formats.card.LABELS` message id) in the build's
    language, as a plain ``str``: the card renderers take it as their label function."""
    return str(_(message))
