"""The mystmd (Jupyter Book 2) plugin ``arxivdigest-myst``: its JSON in and out, run as mystmd runs it
(a fresh process per call), and a real ``myst build`` whose page AST is checked.

``myst build --site`` writes ``_build/site/content/<page>.json`` before it fetches a site template, so
the build test works offline (the template step then fails, which is ignored). mystmd comes from npm
(pinned, installed once into a cache folder) or from ``myst`` on PATH; the test skips without both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MYSTMD_VERSION = "1.8.3"
PLUGIN = Path(sys.executable).parent / "arxivdigest-myst"

DIGEST = """\
# arxiv 2025-12-22

| Title | Authors | PDF | Abstract |
|---|---|---|---|
| Diffusion for $x^2$ models | Ada Lovelace, Alan Turing | [PDF](https://arxiv.org/pdf/2512.17909v1) | We study $\\alpha + \\beta$ and see https://github.com/org/repo. Also **bold**. |
| Second paper | Grace Hopper | [PDF](https://arxiv.org/pdf/2512.17908v2) | Plain abstract. |
| Broken row | Nobody | [PDF](https://arxiv.org/pdf/2512.17907v1) | a | extra |
"""
PAGE = """\
# Papers

See {arxiv}`2512.17909` and {arxiv}`1234.56789`.

```{arxiv-digest} digests/today.md
:sort: title
:columns: 3
```
"""
OTHER_PAGE = """\
# Other

Linked from here: {arxiv}`the diffusion paper <2512.17909v1>`.

```{arxiv-digest} ../digests/today.md
:abstract: full
:filter: Hopper
:no-index:
```
"""

pytestmark = pytest.mark.skipif(not PLUGIN.exists(), reason=f"the console script {PLUGIN} is not installed")


def _project(root: Path) -> Path:
    (root / "digests").mkdir(parents=True)
    (root / "sub").mkdir()
    (root / "digests" / "today.md").write_text(DIGEST, encoding="utf-8")
    (root / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "sub" / "other.md").write_text(OTHER_PAGE, encoding="utf-8")
    (root / "myst.yml").write_text(
        "version: 1\nproject:\n  title: Digest test\n  exclude:\n    - digests\n"
        f"  plugins:\n    - type: executable\n      path: {PLUGIN}\nsite:\n  template: book-theme\n",
        encoding="utf-8",
    )
    return root


def _call(args: list[str], data: object = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PLUGIN), *args], input=None if data is None else json.dumps(data),
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def _walk(node):
    yield node
    for child in node.get("children", []) or []:
        yield from _walk(child)


def _text(node) -> str:
    return "".join(n.get("value", "") for n in _walk(node) if n["type"] in ("text", "inlineCode", "inlineMath"))


def _directive_data(arg: str, line: int, **options) -> dict:
    return {"name": "arxiv-digest", "arg": arg, "options": options,
            "node": {"type": "mystDirective", "position": {"start": {"line": line}}}}


# -- the plugin's JSON, one process per call ---------------------------------------------------------


def test_declaration() -> None:
    for args in ([], ["--declare"]):
        result = _call(args)
        assert result.returncode == 0, result.stderr
        spec = json.loads(result.stdout)
        (directive,) = spec["directives"]
        assert directive["name"] == "arxiv-digest"
        assert set(directive["options"]) == {"filter", "sort", "limit", "columns", "abstract", "no-index", "class"}
        assert [role["name"] for role in spec["roles"]] == ["arxiv"]


def test_directive_returns_a_grid_of_cards(tmp_path: Path) -> None:
    root = _project(tmp_path)
    data = _directive_data("digests/today.md", 5, sort="title", columns=3)
    result = _call(["--directive", "arxiv-digest"], data, root)
    assert result.returncode == 0, result.stderr
    (grid,) = json.loads(result.stdout)
    assert grid["type"] == "grid" and grid["columns"] == [1, 1, 2, 3]
    cards = grid["children"]
    assert [c["type"] for c in cards] == ["card"] * 3
    assert [c["identifier"] for c in cards] == ["arxiv-2512-17907", "arxiv-2512-17909", "arxiv-2512-17908"]
    first = cards[1]
    title = first["children"][0]
    assert title["type"] == "cardTitle"
    link = title["children"][0]
    assert link["type"] == "link" and link["url"] == "https://arxiv.org/abs/2512.17909v1"
    assert [n["type"] for n in link["children"]] == ["text", "inlineMath", "text"]
    assert "Ada Lovelace, Alan Turing" in _text(first)
    assert "arXiv:2512.17909v1" in _text(first) and "2025-12-22" in _text(first)
    details = next(n for n in _walk(first) if n["type"] == "details")
    assert details["children"][0] == {"type": "summary", "children": [{"type": "text", "value": "Abstract"}]}
    nodes = list(_walk(details))
    assert {"type": "inlineMath", "value": "\\alpha + \\beta"} in nodes
    assert any(n["type"] == "link" and n["url"] == "https://github.com/org/repo" for n in nodes)
    assert any(n["type"] == "strong" for n in nodes)
    buttons = [n for n in _walk(first) if n["type"] == "link" and "button" in n.get("class", "")]
    assert [(b["url"], _text(b)) for b in buttons] == [
        ("https://arxiv.org/pdf/2512.17909v1", "PDF"), ("https://arxiv.org/abs/2512.17909v1", "arXiv")]
    # the digest's problem is reported at the digest's file and line
    digest = root / "digests" / "today.md"
    assert f"{digest}:7: table row has 5 cells, the header has 4" in result.stderr


def test_directive_options_and_page_relative_paths(tmp_path: Path) -> None:
    root = _project(tmp_path)
    data = _directive_data("../digests/today.md", 5, abstract="full", filter="Hopper")
    (grid,) = json.loads(_call(["--directive", "arxiv-digest"], data, root).stdout)
    (card,) = grid["children"]
    assert card["identifier"] == "arxiv-2512-17908"
    assert not any(n["type"] == "details" for n in _walk(card))
    assert "Plain abstract." in _text(card)
    data = _directive_data("digests/today.md", 5, limit=1, **{"no-index": True, "class": "mine other"})
    (grid,) = json.loads(_call(["--directive", "arxiv-digest"], data, root).stdout)
    (card,) = grid["children"]
    assert "identifier" not in card and "label" not in card and card["class"] == "arxiv-paper mine other"
    data = _directive_data("digests/today.md", 5, limit=1, abstract="none")
    (grid,) = json.loads(_call(["--directive", "arxiv-digest"], data, root).stdout)
    assert len(grid["children"]) == 1 and "abstract" not in json.dumps(grid["children"][0]).lower().replace(
        "arxiv-paper-abstract", "")


def test_bad_input_never_gives_a_traceback(tmp_path: Path) -> None:
    root = _project(tmp_path)
    data = _directive_data("digests/missing.md", 5, sort="sideways", columns=9, limit=-1, abstract="some")
    result = _call(["--directive", "arxiv-digest"], data, root)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    box, grid = json.loads(result.stdout)
    assert box["type"] == "admonition" and "missing.md" in _text(box)
    assert grid["children"] == []
    for word in ("sort", "columns", "limit", "abstract", "missing.md"):
        assert word in result.stderr
    # the model's rules, in the words myst-parser gives the Sphinx directive's option errors
    where = "{arxiv-digest} digests/missing.md: 'arxiv-digest': Invalid option value for"
    for message in (
        f"{where} 'sort': sideways: expected one of 'date', 'title', 'id', optionally prefixed with '-', got 'sideways'",
        f"{where} 'columns': 9: expected a whole number from 1 to 4, got 9",
        f"{where} 'limit': -1: expected a whole number of 0 or more, got -1",
        f"{where} 'abstract': some: expected one of 'full', 'collapsed', 'none', got 'some'",
    ):
        assert message in result.stderr.splitlines()
    for args, data in ((["--directive", "arxiv-digest"], "not json"), (["--role", "nope"], {}), (["--x"], None)):
        result = subprocess.run([str(PLUGIN), *args], input=data if isinstance(data, str) else json.dumps(data),
                                capture_output=True, text=True, cwd=root, timeout=60)
        assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr
    result = _call(["--role", "arxiv"], {"name": "arxiv", "body": "not an id"}, root)
    assert result.returncode == 0 and json.loads(result.stdout) == [{"type": "text", "value": "not an id"}]


LABELLED = """\
# Digest 2025-12-22

## Graphs for $x$

- **中文标题**: 图的 $x$
- **Authors**: Ada Lovelace, et al.
- **arXiv**: https://arxiv.org/abs/2512.17909
- **Abstract**: Abstract text.
- **TL;DR**: Worth it: see **bold** and https://example.org/x.
"""


def test_card_shows_translated_title_and_summary(tmp_path: Path) -> None:
    """The parts of the card description that the HTML card shows: the translated title under the
    title, "et al.", and the digest's summary labelled after the abstract."""
    root = _project(tmp_path)
    (root / "digests" / "labelled.md").write_text(LABELLED, encoding="utf-8")
    data = _directive_data("digests/labelled.md", 5, sort="title", columns=1, abstract="full")
    result = _call(["--directive", "arxiv-digest"], data, root)
    assert result.returncode == 0, result.stderr
    (grid,) = json.loads(result.stdout)
    assert grid["columns"] == [1, 1, 1, 1]
    (card,) = grid["children"]
    kinds = [(n["type"], n.get("class")) for n in card["children"]]
    assert kinds == [("cardTitle", None), ("paragraph", "arxiv-title-translation"),
                     ("paragraph", "arxiv-paper-authors"), ("paragraph", "arxiv-paper-badges"),
                     ("div", "arxiv-paper-abstract"), ("div", "arxiv-summary"), ("footer", None)]
    translation, authors = card["children"][1], card["children"][2]
    assert translation["children"] == [{"type": "text", "value": "图的 "}, {"type": "inlineMath", "value": "x"}]
    assert _text(authors) == "Ada Lovelace et al."
    summary = card["children"][5]
    assert summary["children"][0] == {"type": "paragraph", "class": "arxiv-summary-label", "children": [
        {"type": "strong", "children": [{"type": "text", "value": "Summary"}]}]}
    nodes = list(_walk(summary))
    assert any(n["type"] == "strong" and _text(n) == "bold" for n in nodes)
    assert any(n["type"] == "link" and n["url"] == "https://example.org/x" for n in nodes)
    assert _text(card["children"][4]) == "Abstract text."


def test_role_links_to_the_card_or_to_arxiv(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (link,) = json.loads(_call(["--role", "arxiv"], {"name": "arxiv", "body": "2512.17908"}, root).stdout)
    assert link == {"type": "link", "url": "#arxiv-2512-17908", "class": "arxiv-paper-ref",
                    "children": [{"type": "text", "value": "Second paper"}]}
    (link,) = json.loads(_call(["--role", "arxiv"], {"name": "arxiv", "body": "my text <2512.17909v1>"}, root).stdout)
    assert link["url"] == "#arxiv-2512-17909" and _text(link) == "my text"
    (link,) = json.loads(_call(["--role", "arxiv"], {"name": "arxiv", "body": "1234.56789"}, root).stdout)
    assert link["url"] == "https://arxiv.org/abs/1234.56789" and _text(link) == "arXiv:1234.56789"
    # shown only without labels (:no-index:): the title, linked to arXiv (no card to reach)
    (root / "index.md").write_text(PAGE.replace(":columns: 3", ":columns: 3\n:no-index:"), encoding="utf-8")
    (link,) = json.loads(_call(["--role", "arxiv"], {"name": "arxiv", "body": "2512.17908"}, root).stdout)
    assert link["url"] == "https://arxiv.org/abs/2512.17908v2" and _text(link) == "Second paper"


def test_plugin_imports_no_sphinx() -> None:
    """mystmd starts the plugin for every directive: it must not pay for importing Sphinx."""
    code = ("import sys, sphinx_arxivdigest.mystmd_plugin; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils', 'sphinx_design')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


# -- a real mystmd build -------------------------------------------------------------------------------


def _cache_dir() -> Path:
    base = os.environ.get("ARXIVDIGEST_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sphinx-arxivdigest" / f"mystmd-{MYSTMD_VERSION}"


@pytest.fixture(scope="session")
def myst_command() -> str:
    """``myst`` of the pinned mystmd, installed from npm once per cache; else ``myst`` on PATH."""
    prefix = _cache_dir()
    binary = prefix / "node_modules" / ".bin" / "myst"
    if not binary.exists() and shutil.which("npm") and shutil.which("node"):
        prefix.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), f"mystmd@{MYSTMD_VERSION}"]
        subprocess.run(command, capture_output=True, text=True, timeout=600)
    if binary.exists():
        return str(binary)
    on_path = shutil.which("myst")
    if on_path:
        return on_path
    pytest.skip("mystmd is not available: npm (to install mystmd) and myst on PATH are both missing")


def test_myst_build_writes_cards_and_links(tmp_path: Path, myst_command: str) -> None:
    root = _project(tmp_path / "book")
    env = {**os.environ, "NO_COLOR": "1", "MYSTMD_TELEMETRY": "0"}
    result = subprocess.run([myst_command, "build", "--site"], cwd=root, capture_output=True, text=True,
                            timeout=300, env=env)
    content = root / "_build" / "site" / "content"
    page = content / "index.json"
    assert page.exists(), result.stdout + result.stderr
    assert not (content / "today.json").exists()  # the digest is excluded in myst.yml
    tree = json.loads(page.read_text(encoding="utf-8"))["mdast"]
    nodes = list(_walk(tree))
    (grid,) = [n for n in nodes if n["type"] == "grid"]
    cards = [n for n in grid["children"] if n["type"] == "card"]
    assert len(cards) == 3
    titles = [_text(next(c for c in card["children"] if c["type"] == "cardTitle")) for card in cards]
    assert titles == ["Broken row", "Diffusion for x^2 models", "Second paper"]
    title_links = [next(n for n in _walk(card) if n["type"] == "link")["url"] for card in cards]
    assert title_links == [f"https://arxiv.org/abs/2512.1790{n}" for n in ("7v1", "9v1", "8v2")]
    assert {"inlineMath"} <= {n["type"] for n in _walk(cards[1])}
    assert any(n["type"] == "details" for n in _walk(cards[1]))
    # the role: the paper's title, linked to its card (mystmd turns "#label" into a cross-reference)
    refs = [n for n in nodes if n.get("class") == "arxiv-paper-ref"]
    assert refs[0]["type"] == "crossReference" and refs[0]["identifier"] == "arxiv-2512-17909"
    assert _text(refs[0]) == "Diffusion for x^2 models"
    assert refs[1]["type"] == "link" and refs[1]["url"] == "https://arxiv.org/abs/1234.56789"
    other = json.loads((content / "other.json").read_text(encoding="utf-8"))["mdast"]
    (ref,) = [n for n in _walk(other) if n.get("class") == "arxiv-paper-ref"]
    assert _text(ref) == "the diffusion paper"
    (card,) = [n for n in _walk(other) if n["type"] == "card"]
    assert "identifier" not in card and "Plain abstract." in _text(card)
    assert "Duplicate identifier" not in result.stdout + result.stderr


def test_option_values_as_text_are_read_like_the_sphinx_directive(tmp_path: Path, capsys) -> None:
    """Numbers may come as text ("3"); what is no whole number is refused by the model's rule, never a traceback."""
    from sphinx_arxivdigest.mystmd_plugin import run_directive

    root = _project(tmp_path)
    data = _directive_data("digests/today.md", 5, limit=" 1 ", columns="3", sort=" -TITLE", abstract="Full")
    (grid,) = run_directive(data, root)
    assert grid["columns"] == [1, 1, 2, 3] and [c["identifier"] for c in grid["children"]] == ["arxiv-2512-17908"]
    assert not any(n["type"] == "details" for n in _walk(grid))
    (grid,) = run_directive(_directive_data("digests/today.md", 5, limit="--1", columns=2.5), root)
    assert len(grid["children"]) == 3 and grid["columns"] == [1, 1, 2, 2]
    errors = capsys.readouterr().err
    assert "Invalid option value for 'limit': --1: expected a whole number of 0 or more, got '--1'" in errors
    assert "Invalid option value for 'columns': 2.5: expected a whole number from 1 to 4, got 2.5" in errors
