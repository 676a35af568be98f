"""``arxivdigest-myst``: a mystmd executable plugin (Jupyter Book 2) for ``arxiv-digest`` and ``arxiv``.

mystmd runs the executable once with no argument (``--declare`` works too) to read what it declares,
then once per directive or role with ``--directive NAME`` / ``--role NAME``, the directive's data as
JSON on stdin and the MyST AST nodes to insert as JSON on stdout. Every call is a fresh process, so
the digest is read and converted each time (see benchmarks/RESULTS.md for the cost).

mystmd does not tell a plugin which page it is on: the page is found by looking for the directive's
argument on its line in the project's pages (the folder of ``myst.yml``, or the working folder).
Problems go to stderr as ``file:line: message`` (mystmd shows a plugin's stderr with ``--debug``);
a digest that cannot be read gives a warning box in the page. A non-zero exit would stop the build,
so every problem with the input ends in a normal exit.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .formats.myst_ast import Node, grid, paper_link
from .model import (
    ABSTRACT_MODES,
    COLUMNS_MAX,
    COLUMNS_MIN,
    SORT_KEYS,
    Digest,
    DigestError,
    Paper,
    check_abstract,
    check_columns,
    check_limit,
    check_sort,
    parse_arxiv_id,
    select_papers,
)
from .reading import load_digest

__all__ = ["DECLARATION", "main", "run_directive", "run_role"]

DECLARATION: dict[str, Any] = {
    "name": "sphinx-arxivdigest",
    "directives": [
        {
            "name": "arxiv-digest",
            "doc": "arXiv digest markdown files as paper cards (paths relative to the page, or to the project with /).",
            "arg": {"type": "string", "required": True, "doc": "digest paths or glob patterns"},
            "options": {
                "filter": {"type": "string", "doc": "keep papers containing every word"},
                "sort": {"type": "string", "doc": f"{', '.join(SORT_KEYS)}; - for descending"},
                "limit": {"type": "number", "doc": "show at most N papers"},
                "columns": {"type": "number", "doc": f"cards per row on wide screens ({COLUMNS_MIN}-{COLUMNS_MAX})"},
                "abstract": {"type": "string", "doc": ", ".join(ABSTRACT_MODES)},
                "no-index": {"type": "boolean", "doc": "cards without labels (no link target; no duplicate labels)"},
                "class": {"type": "string", "doc": "extra classes on every card"},
            },
        }
    ],
    "roles": [
        {
            "name": "arxiv",
            "doc": "A link to a paper with its title as text: to its card in this project, else to arXiv.",
            "body": {"type": "string", "required": True},
        }
    ],
}

_PAGE_SUFFIXES = (".md", ".ipynb", ".myst")
_SKIPPED_DIRS = {"_build", "node_modules", ".git", ".venv", "venv", ".nox", ".tox", "__pycache__"}
_DIRECTIVE_LINE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{arxiv-digest\}\s*(?P<arg>.*?)\s*$")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_EXPLICIT_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def project_root(start: Path | None = None) -> Path:
    """The folder of the nearest ``myst.yml`` (mystmd runs plugins from the project), else ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "myst.yml").is_file():
            return folder
    return here


def _pages(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_PAGE_SUFFIXES):
                yield Path(folder) / name


def _directives_in(page: Path) -> Iterator[tuple[int, str, bool]]:
    """``(line, argument, indexed)`` of each ``arxiv-digest`` directive in a page (notebooks: as text);
    ``indexed`` is false when its options hold ``:no-index:``."""
    try:
        text = page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if page.suffix == ".ipynb":  # directive lines sit inside JSON strings
        text = text.replace("\\n", "\n").replace('\\"', '"')
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        match = _DIRECTIVE_LINE.match(line.strip(' ",'))
        if match:
            options = []
            for following in lines[number:]:
                if not following.strip(' ",').startswith(":"):
                    break
                options.append(following.strip(' ",'))
            yield number, match["arg"], not any(option.startswith(":no-index:") for option in options)


def _resolve(patterns: str, base: Path, root: Path) -> tuple[list[Path], list[str]]:
    """Digest paths of the argument: relative to ``base`` (the page's folder), or to ``root`` with a
    leading ``/``; globs expand in sorted order. Also the patterns that matched nothing."""
    found: list[Path] = []
    missing: list[str] = []
    for pattern in patterns.split():
        folder, relative = (root, pattern.lstrip("/")) if pattern.startswith("/") else (base, pattern)
        if any(ch in relative for ch in "*?["):
            matches = sorted(p for p in folder.glob(relative) if p.is_file())
        else:
            matches = [folder / relative] if (folder / relative).exists() else []
        if matches:
            found += [m for m in matches if m not in found]
        else:
            missing.append(pattern)
    return found, missing


def find_page(argument: str, line: int | None, root: Path) -> Path | None:
    """The page holding ``{arxiv-digest} argument`` on ``line`` (on any line when none does: a
    notebook's lines are not its cells' lines), preferring one whose digests exist."""
    found = [(page, number) for page in _pages(root) for number, arg, _ in _directives_in(page) if arg == argument]
    candidates = [page for page, number in found if number == line] or [page for page, _ in found]
    for page in candidates:
        if not _resolve(argument, page.parent, root)[1]:
            return page
    return candidates[0] if candidates else None


def _read(paths: Sequence[Path]) -> tuple[list[Paper], list[str]]:
    papers: list[Paper] = []
    errors: list[str] = []
    for path in paths:
        try:
            digest: Digest = load_digest(path)
        except DigestError as error:
            errors.append(f"{path}:{error.line}: {error}" if error.line else f"{path}: {error}")
            continue
        for problem in digest.problems:
            _warn(f"{path}:{problem.line}: {problem.message}")
        papers += digest.papers
    return papers, errors


def _warning_box(messages: Sequence[str]) -> Node:
    return {"type": "admonition", "kind": "warning", "children": [
        {"type": "admonitionTitle", "children": [{"type": "text", "value": "arxiv-digest"}]},
        *({"type": "paragraph", "children": [{"type": "text", "value": m}]} for m in messages),
    ]}


def _whole_number(value: object) -> object:
    """A whole number as an ``int`` (mystmd sends JSON numbers, a hand-written call may send "3"), so
    that the model's check judges the number; anything else is passed on for the check to refuse."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value)
    return value


def _as_given(value: object) -> object:
    return value


def _lowered(value: object) -> object:
    """A mode as the Sphinx directive reads it: stripped, in lower case."""
    return value.strip().lower() if isinstance(value, str) else value


#: Each checked option: how the raw value is read, then the model's rule (as the Sphinx directive does).
_CHECKS: dict[str, tuple[Callable[[object], object], Callable[[object], Any]]] = {
    "sort": (_as_given, check_sort),  # check_sort normalises itself
    "limit": (_whole_number, check_limit),
    "columns": (_whole_number, check_columns),
    "abstract": (_lowered, check_abstract),
}


def _options(raw: dict[str, Any] | None, where: str) -> tuple[dict[str, Any], list[str]]:
    """The directive's options checked by the model's rules, the Sphinx directive's; a bad one is
    reported in the words MyST pages under Sphinx use (myst-parser's) and dropped."""
    raw = raw or {}
    options: dict[str, Any] = {"filter": None, "sort": None, "limit": None, "columns": 2, "abstract": "collapsed",
                               "index": not raw.get("no-index"), "classes": str(raw.get("class") or "").split()}
    errors: list[str] = []
    if raw.get("filter"):
        options["filter"] = str(raw["filter"])
    for name, (read, check) in _CHECKS.items():
        value = raw.get(name)
        if value is None:
            continue
        try:
            options[name] = check(read(value))
        except ValueError as error:
            errors.append(f"{where}: 'arxiv-digest': Invalid option value for {name!r}: {value}: {error}")
    return options, errors


def _line_of(data: dict[str, Any]) -> int | None:
    try:
        return int(data["node"]["position"]["start"]["line"])
    except (KeyError, TypeError, ValueError):
        return None


def run_directive(data: dict[str, Any], root: Path | None = None) -> list[Node]:
    """``arxiv-digest``: the digests of the argument as a grid of cards."""
    root = root or project_root()
    argument = str(data.get("arg") or "").strip()
    line = _line_of(data)
    page = find_page(argument, line, root)
    where = f"{page}:{line}" if page and line else f"{{arxiv-digest}} {argument}"
    if not argument:
        _warn(f"{where}: arxiv-digest needs the path of a digest")
        return [_warning_box(["arxiv-digest needs the path of a digest"])]
    options, errors = _options(data.get("options"), where)
    for error in errors:
        _warn(error)
    paths, missing = _resolve(argument, page.parent if page else root, root)
    problems = [f"{where}: no digest matches {pattern!r}" for pattern in missing]
    papers, read_errors = _read(paths)
    problems += read_errors
    for problem in problems:
        _warn(problem)
    selected = select_papers(papers, filter=options["filter"], sort=options["sort"], limit=options["limit"])
    nodes: list[Node] = [_warning_box(problems)] if problems else []
    return [*nodes, grid(selected, columns=options["columns"], abstract=options["abstract"],
                         classes=options["classes"], index=options["index"])]


def _project_papers(root: Path) -> dict[str, tuple[Paper, bool]]:
    """Every paper an ``arxiv-digest`` directive of the project shows, by arXiv id, and whether one
    shows it with its label (without ``:no-index:``), so that a link can reach its card."""
    found: dict[str, tuple[Paper, bool]] = {}
    for page in _pages(root):
        for _, argument, indexed in _directives_in(page):
            paths, _ = _resolve(argument, page.parent, root)
            for path in paths:
                try:
                    digest = load_digest(path)
                except DigestError:
                    continue
                for paper in digest.papers:
                    known = found.get(paper.arxiv_id)
                    found[paper.arxiv_id] = (known[0] if known else paper, indexed or bool(known and known[1]))
    return found


def run_role(data: dict[str, Any], root: Path | None = None) -> list[Node]:
    """``arxiv``: ``{arxiv}`2512.17909``` or ``{arxiv}`text <2512.17909>```."""
    body = str(data.get("body") or "").strip()
    explicit = _EXPLICIT_TEXT.match(body)
    text, target = (explicit["text"].strip() or None, explicit["target"]) if explicit else (None, body)
    parsed = parse_arxiv_id(target)
    if parsed is None:
        _warn(f"{{arxiv}}`{body}`: not an arXiv identifier")
        return [{"type": "text", "value": body}]
    paper, local = _project_papers(root or project_root()).get(parsed[0], (None, False))
    return [paper_link(paper, parsed[0], parsed[1], text=text, local=local)]


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: declare, or run one directive or role on stdin's JSON."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args == ["--declare"]:
        print(json.dumps(DECLARATION))
        return 0
    if len(args) != 2 or args[0] not in ("--directive", "--role"):
        _warn("usage: arxivdigest-myst [--declare | --directive NAME | --role NAME] < data.json")
        return 2
    kind, name = args
    try:
        data = json.loads(sys.stdin.read() or "{}")
    except json.JSONDecodeError as error:
        _warn(f"arxivdigest-myst: the input is not JSON: {error}")
        return 2
    if not isinstance(data, dict):
        data = {}
    if kind == "--directive" and name == "arxiv-digest":
        result = run_directive(data)
    elif kind == "--role" and name == "arxiv":
        result = run_role(data)
    else:
        _warn(f"arxivdigest-myst: no {kind[2:]} named {name!r}")
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
