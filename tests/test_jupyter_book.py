"""Jupyter Book 1 (jupyter-book 1.0.4.post1, Sphinx 7): a small book with the extension in
``sphinx.extra_extensions`` builds with ``jupyter-book build``, with every card and the role's link.

Runs in the ``oldest`` nox session, which installs jupyter-book 1; skipped elsewhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

jupyter_book = pytest.importorskip(
    "jupyter_book", reason="jupyter-book 1 is not installed (the nox session 'oldest' has it)"
)
if not getattr(jupyter_book, "__version__", "1").startswith("1."):
    pytest.skip(f"jupyter-book {jupyter_book.__version__} is not Jupyter Book 1", allow_module_level=True)

DIGEST = """\
# arxiv 2025-12-22

| Title | Authors | PDF | Abstract |
|---|---|---|---|
| Diffusion for $x^2$ models | Ada Lovelace | [PDF](https://arxiv.org/pdf/2512.17909v1) | We study $\\alpha$, see https://github.com/org/repo |
| Second paper | Grace Hopper | [PDF](https://arxiv.org/pdf/2512.17908v2) | Plain abstract with www.example.org |
| Third paper | Alan Turing | [PDF](https://arxiv.org/pdf/2512.17907v1) | Another one. |
"""

BOOK = {
    "_config.yml": (
        "title: Digest book\nauthor: Tests\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  extra_extensions:\n    - sphinx_arxivdigest\n"
    ),
    "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: papers\n",
    "intro.md": "# Intro\n\nThe best paper: {arxiv}`2512.17908`.\n",
    "papers.md": "# Papers\n\n```{arxiv-digest} digests/today.md\n:sort: id\n```\n",
    "digests/today.md": DIGEST,
}


def test_jupyter_book_1_builds_cards_and_links(tmp_path: Path) -> None:
    book = tmp_path / "book"
    for relative, text in BOOK.items():
        (book / relative).parent.mkdir(parents=True, exist_ok=True)
        (book / relative).write_text(text, encoding="utf-8")
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(book)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    html = book / "_build" / "html"
    papers = BeautifulSoup((html / "papers.html").read_text(encoding="utf-8"), "html.parser")
    cards = papers.select("div.arxiv-paper")
    assert [card.get("id") for card in cards] == ["arxiv-2512-17907", "arxiv-2512-17908", "arxiv-2512-17909"]
    assert [c.select_one("p.arxiv-paper-title").get_text(" ", strip=True) for c in cards][1] == "Second paper"
    assert papers.select_one("#arxiv-2512-17908 a[href='http://www.example.org']") is not None
    assert papers.select_one("#arxiv-2512-17909 a[href='https://github.com/org/repo']") is not None
    intro = BeautifulSoup((html / "intro.html").read_text(encoding="utf-8"), "html.parser")
    link = intro.select_one("a[href='papers.html#arxiv-2512-17908']")
    assert link is not None and link.get_text(" ", strip=True) == "Second paper"
    assert "WARNING" not in output, output
