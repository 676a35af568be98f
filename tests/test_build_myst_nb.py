"""A Jupyter notebook whose markdown cell holds an ``{arxiv-digest}`` fence builds with myst-nb."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("myst_nb", reason="myst-nb is in the test extra")

DIGEST = """\
# arxiv 2025-12-22

| 标题 | 作者 | PDF链接 | 摘要 |
|---|---|---|---|
| 灵巧世界模型 | Byungjun Kim | [PDF](https://arxiv.org/pdf/2512.17907v1) | 第一段，含 $x^2$。

第二段。 |
| Second paper | Ann Lee | [PDF](https://arxiv.org/pdf/2512.17900v2) | Short. |
"""
# source_suffix is explicit: Sphinx merges extension suffixes into its default dict in place, so an
# earlier MyST build in the same process would otherwise leave ".md" mapped to a missing parser.
CONF = (
    'extensions = ["myst_nb", "sphinx_arxivdigest"]\n'
    'source_suffix = {".rst": "restructuredtext", ".ipynb": "myst-nb"}\n'
    'nb_execution_mode = "off"\n'
    'myst_enable_extensions = ["dollarmath"]\n'
    'exclude_patterns = ["_build", "digests", "**.ipynb_checkpoints"]\n'
)


def _notebook(markdown: str) -> str:
    cells = [
        {"id": "title", "cell_type": "markdown", "metadata": {}, "source": "# Reading list\n\nThis week's papers:"},
        {"id": "digest", "cell_type": "markdown", "metadata": {}, "source": markdown},
        {"id": "code", "cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "1 + 1"},
    ]
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    })


def test_notebook_markdown_cell_renders_cards(project) -> None:
    fence = "```{arxiv-digest} digests/d.md\n:abstract: full\n```\n\nSee {arxiv}`2512.17900`."
    app = project.build({
        "conf.py": CONF,
        "index.rst": "Home\n====\n\n.. toctree::\n\n   weekly\n",
        "weekly.ipynb": _notebook(fence),
        "digests/d.md": DIGEST,
    })
    assert project.warnings(app) == ""
    soup = project.html(app, "weekly")
    assert project.card_ids(soup) == ["arxiv-2512-17907", "arxiv-2512-17900"]
    first = soup.select_one("#arxiv-2512-17907")
    assert [p.get_text() for p in project.abstract_paragraphs(first)][1] == "第二段。"
    assert first.select_one(".arxiv-paper-abstract .math") is not None
    link = soup.select_one("a.reference.internal[href='#arxiv-2512-17900']")
    assert link is not None and link.get_text() == "Second paper"
