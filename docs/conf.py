"""Sphinx configuration of the sphinx-arxivdigest documentation and demo site."""

from __future__ import annotations

import os
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
    "myst_nb",  # MyST markdown pages and Jupyter notebooks (it brings myst_parser)
    "sphinx_arxivdigest",  # also loads sphinx_design
]

myst_enable_extensions = ["dollarmath", "colon_fence"]
nb_execution_mode = "off"  # the notebook page shows its stored outputs; no kernel needed

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

# The digests are data read by the arxiv-digest directive, not pages of their own.
exclude_patterns = ["_build", "digests", "archive-digests", "**.ipynb_checkpoints"]

# The archive demo: every digest of archive-digests/ gets a page under archive/ (generated, git-ignored),
# with archive/index (in the toctree of index.md), topic pages and the Atom feed archive/atom.xml.
arxivdigest_archive = {"digests": "archive-digests/*.md", "prefix": "archive", "feed_entries": 20}
html_baseurl = "https://sphinx-arxivdigest.example.org/"

html_title = "sphinx-arxivdigest: arXiv digests as paper cards"

# The demo can be built with any of the themes the cards are checked in (the browser tests build
# it once per theme): ARXIVDIGEST_DEMO_THEME=furo make demo. Each theme only gets the options it
# accepts, so that the -W build stays warning-free whichever is chosen.
DEMO_THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme")
html_theme = os.environ.get("ARXIVDIGEST_DEMO_THEME", "").strip() or "alabaster"
if html_theme not in DEMO_THEMES:
    raise ValueError(f"ARXIVDIGEST_DEMO_THEME={html_theme!r}: expected one of {', '.join(DEMO_THEMES)}")

if html_theme == "alabaster":
    html_theme_options = {
        "description": "arXiv digest markdown files as Sphinx paper cards",
        "fixed_sidebar": True,
        "page_width": "1100px",
        "sidebar_width": "220px",
    }
elif html_theme == "furo":
    html_theme_options = {"sidebar_hide_name": False}
elif html_theme == "pydata_sphinx_theme":
    # A short name in the navigation bar: the long html_title would not fit on a phone.
    html_theme_options = {"logo": {"text": "sphinx-arxivdigest"}, "navigation_with_keys": False}
else:  # sphinx_book_theme
    html_theme_options = {"home_page_in_toc": True, "use_download_button": False}

# Only for the :class: example of the options page.
html_static_path = ["_static"]
html_css_files = ["custom.css"]
