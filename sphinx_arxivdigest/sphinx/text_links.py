"""Plain-text output shows no link targets, so card buttons there carry their URL in the text."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = ["TextLinksTransform"]


class TextLinksTransform(SphinxPostTransform):
    """``PDF`` becomes ``PDF <https://arxiv.org/pdf/...>`` in the ``text`` builder's cards."""

    default_priority = 30
    formats = ("text",)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if "arxiv-paper-button" in ref["classes"] and ref.get("refuri"):
                ref += nodes.Text(f" <{ref['refuri']}>")
