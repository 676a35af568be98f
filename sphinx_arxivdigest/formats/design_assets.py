"""sphinx-design's icon and stylesheet, read from the installed sphinx-design's package data.

The cards copy sphinx-design's markup so that its stylesheet applies; copying its SVG and CSS as
well would freeze them at one release while the project allows several. ``sphinx_design.icons``
imports docutils and Sphinx at module level, which ``formats/`` must not, so the data files are read
directly: the package is located with :func:`importlib.util.find_spec` (which does not import it).
The octicons are ``compiled/octicons.json`` in every release; the compiled stylesheet is
``static/sphinx-design.min.css`` from 0.6.1 on and ``compiled/style.min.css`` before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = ["alias_css", "design_css", "octicon", "octicon_mask", "octicon_path", "scope_css"]

_STYLESHEETS = ("static/sphinx-design.min.css", "compiled/style.min.css")


@cache
def _package_dir() -> Path:
    spec = find_spec("sphinx_design")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("sphinx-design is not installed (it is a dependency of sphinx-arxivdigest)")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _octicons() -> dict[str, Any]:
    return json.loads((_package_dir() / "compiled" / "octicons.json").read_text("utf-8"))


def octicon_path(name: str, size: int = 24) -> str:
    """The ``<path>`` element of octicon ``name`` drawn at ``size`` px, as sphinx-design ships it."""
    return str(_octicons()[name]["heights"][str(size)]["path"])


def octicon_mask(name: str) -> str:
    """Octicon ``name`` as a CSS ``url()`` (an SVG data URI) for ``mask-image``: a stylesheet draws the
    icon once for every card instead of each card carrying its own ``<svg>``."""
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>{octicon_path(name)}</svg>"
    return 'url("data:image/svg+xml,' + quote(svg, safe="/:=' ") + '")'


def octicon(name: str, *, height: str = "1.5em") -> str:
    """An octicon ``<svg>`` as ``sphinx_design.icons.get_octicon`` writes it (decorative, so
    ``aria-hidden``); the 24 px drawing from 1.5em up, the 16 px one below, as sphinx-design picks."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(px|em|rem)", height)
    if not match:
        raise ValueError(f"expected a height such as 1.5em, got {height!r}")
    value, unit = round(float(match.group(1)), 3), match.group(2)
    heights = _octicons()[name]["heights"]
    size = 24 if "24" in heights and value >= (24 if unit == "px" else 1.5) else 16
    if str(size) not in heights:
        size = int(next(iter(heights)))
    width = round(heights[str(size)]["width"] * value / size, 3)
    return (
        f'<svg version="1.1" width="{width}{unit}" height="{value}{unit}" '
        f'class="sd-octicon sd-octicon-{name}" viewBox="0 0 {heights[str(size)]["width"]} {size}" '
        f'aria-hidden="true">{octicon_path(name, size)}</svg>'
    )


@cache
def design_css() -> str:
    """sphinx-design's compiled stylesheet, as the installed release ships it."""
    for name in _STYLESHEETS:
        path = _package_dir() / name
        if path.is_file():
            return path.read_text("utf-8")
    raise FileNotFoundError(f"no compiled stylesheet in {_package_dir()} (looked for {', '.join(_STYLESHEETS)})")


def _blocks(css: str) -> Iterator[tuple[str, str]]:
    """Top-level ``(prelude, body)`` pairs of a stylesheet; comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    start = 0
    while (brace := css.find("{", start)) >= 0:
        depth, end = 0, brace
        for end in range(brace, len(css)):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            if depth == 0:
                break
        yield css[start:brace].strip(), css[brace + 1:end]
        start = end + 1


def _selectors(prelude: str) -> list[str]:
    """Selectors split at commas outside parentheses (``:is(a, b)`` stays whole)."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def scope_css(css: str, scope: str, keep: Callable[[str], bool] = lambda selector: True) -> str:
    """``css`` with every rule confined to ``scope`` (``:root`` becomes ``scope`` itself), keeping only
    the selectors ``keep`` accepts; ``@media`` blocks are scoped inside, ``@keyframes`` and other
    at-rules are dropped (the cards use no animation)."""
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@media"):
            inner = scope_css(body, scope, keep)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@"):
            kept = [s for s in _selectors(prelude) if keep(s)]
            scoped = [scope if s == ":root" else f"{scope} {s}" for s in kept]
            if scoped:
                out.append(f"{','.join(scoped)}{{{body}}}")
    return "\n".join(out)


def alias_css(css: str, aliases: dict[str, str]) -> str:
    """The rules of ``css`` that name a class of ``aliases``, copied with that class replaced by its
    alias: the alias then looks as the class does in the installed sphinx-design, and a page of
    cards need not write the class into every card. ``@media`` blocks are followed; other at-rules
    are dropped."""
    names = "|".join(re.escape(name) for name in sorted(aliases, key=len, reverse=True))
    pattern = re.compile(rf"\.({names})(?![\w-])")
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@media"):
            inner = alias_css(body, aliases)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@"):
            copied = [pattern.sub(lambda m: "." + aliases[m.group(1)], s) for s in _selectors(prelude)
                      if pattern.search(s)]
            if copied:
                out.append(f"{','.join(dict.fromkeys(copied))}{{{body}}}")
    return "\n".join(out)
