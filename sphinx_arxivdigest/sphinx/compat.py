"""Differences between the supported Sphinx (7.2 to 9.x) and docutils (0.20 to 0.22) versions.

One place for every version check, so the rest of the package is written against one API and the
day an old version is dropped only this module shrinks.
"""

from __future__ import annotations

import inspect
import os
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["SPHINX_VERSION", "builder_of", "copy_file_overwriting", "current_docname", "note_card_math"]

#: ``(major, minor)`` of the running Sphinx.
SPHINX_VERSION: tuple[int, int] = tuple(sphinx.version_info[:2])  # type: ignore[assignment]


def current_docname(env: BuildEnvironment) -> str:
    """The document being read or post-transformed: ``env.current_document`` since Sphinx 8.1,
    ``env.docname`` (the same value, through ``temp_data``) before."""
    current = getattr(env, "current_document", None)
    if current is not None:
        return current.docname
    return env.docname


def builder_of(env: BuildEnvironment) -> Any:
    """The running builder's class (``env._builder_cls``, what Sphinx's own post-transforms read
    since Sphinx 8), or before Sphinx 8 the application's builder: both have ``name`` and ``format``."""
    builder = getattr(env, "_builder_cls", None)
    return builder if builder is not None else getattr(getattr(env, "app", None), "builder", None)


_COPY_HAS_FORCE = "force" in inspect.signature(copy_asset_file).parameters


def copy_file_overwriting(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
    """Copy an asset, replacing an older copy: Sphinx 8 keeps an existing file unless ``force=True``,
    older Sphinx always overwrites and has no ``force``."""
    if _COPY_HAS_FORCE:
        copy_asset_file(source, destination, force=True)
    else:
        copy_asset_file(source, destination)


def note_card_math(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: before Sphinx 8.2, MathJax is loaded only on pages where the math domain saw
    math nodes while reading, and card math is written later, in one piece. A card whose title or
    abstract holds a ``$`` marks its page (a stray ``$`` only costs loading MathJax there)."""
    if SPHINX_VERSION >= (8, 2):  # the HTML writer notes the math it writes
        return
    from .card import arxiv_card  # here, not at the top: card.py reads the builder through this module

    if any("$" in card["paper"].abstract or "$" in card["paper"].title for card in doctree.findall(arxiv_card)):
        app.env.get_domain("math").data["has_equations"][current_docname(app.env)] = True
