"""Sphinx configuration of the sphinx-arxivdigest documentation and demo site."""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import sphinx_arxivdigest  # normally installed in the virtualenv
except ImportError:  # building from a plain checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import sphinx_arxivdigest

project = "sphinx-arxivdigest"
author = "sphinx-arxivdigest developers"
copyright = "2025, sphinx-arxivdigest developers"
release = sphinx_arxivdigest.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx_arxivdigest",  # also loads sphinx_design
]

myst_enable_extensions = ["dollarmath", "colon_fence"]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"

# The digests are data read by the arxiv-digest directive, not pages of their own.
exclude_patterns = ["_build", "digests"]

html_theme = "alabaster"
html_title = "sphinx-arxivdigest: arXiv digests as paper cards"
html_theme_options = {
    "description": "arXiv digest markdown files as Sphinx paper cards",
    "fixed_sidebar": True,
    "page_width": "1100px",
    "sidebar_width": "220px",
}

# Only for the :class: example of the options page.
html_static_path = ["_static"]
html_css_files = ["custom.css"]
