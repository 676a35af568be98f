"""Digests and papers out of Sphinx: JSON (a documented, versioned schema), BibTeX, MyST and rST.

No Sphinx import: the command line, notebooks and the Sphinx build (``papers.json``/``papers.bib``)
share these functions.

JSON, schema ``sphinx-arxivdigest/digest`` version 1 (:data:`JSON_SCHEMA`), from :func:`digest_to_json`
and ``Digest.to_json()``, read back by :func:`digest_from_json` / ``Digest.from_json()``::

    {
      "schema": "sphinx-arxivdigest/digest",
      "version": 1,
      "title": str | null,     # the digest's title (front matter or first H1)
      "date": str | null,      # the digest's date, ISO 8601 "YYYY-MM-DD"
      "source": str | null,    # the file it was parsed from, as given to the parser
      "papers": [Paper, ...],  # in file order
      "problems": [{"line": int, "message": str}, ...]  # line is 1-based in the source
    }

    Paper = {
      "arxiv_id": str,             # without version: "2512.17909", "hep-th/9901001"
      "version": int | null,       # 1 for "2512.17909v1"; null when the digest did not say
      "title": str,                # markdown, as in the digest
      "authors": [str, ...],
      "authors_truncated": bool,   # the digest wrote "et al."
      "abstract": str,             # markdown, as in the digest ("" when none)
      "pdf_url": str, "abs_url": str,  # always set (canonical arxiv.org URLs by default)
      "code_url": str,             # "" when none
      "date": str | null,          # ISO 8601
      "topic": str | null,         # the section the paper was listed under, if any
      "line": int,                 # 1-based line of the paper in the source digest
      "extra": {str: str}          # table columns without a known role, by header
    }

Schema ``sphinx-arxivdigest/papers`` version 1 (:data:`PAPERS_JSON_SCHEMA`, from
:func:`papers_to_json`) is ``{"schema", "version", "papers"}`` plus caller-chosen metadata keys.
Any change to these keys or their meaning bumps ``version``; readers reject versions they do not know.

BibTeX: one ``@misc`` entry per paper in the style of arXiv's own export (``eprint``,
``archivePrefix``, ``primaryClass``, ``url``); keys are ``arxiv:<id>`` (``/`` as ``-``), stable
across runs whatever the title or author spelling, with ``a``, ``b``... added to repeats.

MyST / rST (:func:`digest_to_myst`, :func:`digest_to_rst`): a standalone page with one section per
paper that needs no extension (not even this one). Digest text is re-serialised from its
markdown-it tokens, never copied, so raw HTML, directives or ``javascript:`` links in a digest
cannot reach the generated page.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

from .model import Digest, Paper, Problem

__all__ = [
    "DIGEST_SCHEMA_ID",
    "JSON_SCHEMA",
    "PAPERS_JSON_SCHEMA",
    "PAPERS_SCHEMA_ID",
    "SCHEMA_VERSION",
    "MdNode",
    "bibtex_key",
    "digest_from_dict",
    "digest_from_json",
    "digest_to_bibtex",
    "digest_to_dict",
    "digest_to_json",
    "digest_to_myst",
    "digest_to_rst",
    "is_web_url",
    "latex_escape",
    "paper_from_dict",
    "paper_to_bibtex",
    "paper_to_dict",
    "papers_from_json",
    "papers_to_bibtex",
    "papers_to_json",
    "parse_markdown",
    "parse_markdown_inline",
    "plain_text",
]

# --------------------------------------------------------------------------------------------------
# Markdown: digest cells as a small tree that every output format walks (HTML, MyST, rST, LaTeX).
# --------------------------------------------------------------------------------------------------


def is_web_url(url: str) -> bool:
    """Only http(s) URLs become links in exports: ``javascript:``, ``data:``, ``file:``... never do."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@dataclass(slots=True)
class MdNode:
    """One markdown element. Blocks: ``paragraph``, ``bullet_list``, ``ordered_list``, ``list_item``,
    ``blockquote``, ``heading``, ``code_block``, ``math_block``. Inline: ``text``, ``code``, ``math``,
    ``strong``, ``em``, ``strike``, ``link`` (``href`` unchecked: renderers call :func:`is_web_url`),
    ``break``. ``text`` holds the content of leaves; ``tight`` marks paragraphs of tight lists."""

    kind: str
    text: str = ""
    children: list[MdNode] = field(default_factory=list)
    href: str = ""
    tight: bool = False


@cache
def _parser() -> MarkdownIt:
    """CommonMark with raw HTML off (tags stay text), ``$math$`` and bare URLs, like ``inline.py``."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(gfm_autolink_plugin)
    return md


_BLOCKS = {
    "paragraph_open": "paragraph", "bullet_list_open": "bullet_list", "ordered_list_open": "ordered_list",
    "list_item_open": "list_item", "blockquote_open": "blockquote", "heading_open": "heading",
}
_INLINES = {"strong_open": "strong", "em_open": "em", "s_open": "strike", "link_open": "link"}


def _inline_nodes(tokens: Sequence[Token]) -> list[MdNode]:
    root = MdNode("root")
    stack = [root]
    for token in tokens:
        kind = token.type
        if kind in _INLINES:
            node = MdNode(_INLINES[kind], href=str(token.attrGet("href") or ""))
            stack[-1].children.append(node)
            stack.append(node)
        elif kind.endswith("_close"):
            if len(stack) > 1:
                stack.pop()
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].children.append(MdNode("break"))
        elif kind == "code_inline":
            stack[-1].children.append(MdNode("code", token.content))
        elif kind in ("math_inline", "math_inline_double"):
            stack[-1].children.append(MdNode("math", token.content))
        elif kind == "image":  # never embedded (no remote loads from digest text): a link to it
            alt = _inline_nodes(token.children or []) or [MdNode("text", str(token.attrGet("src") or ""))]
            stack[-1].children.append(MdNode("link", href=str(token.attrGet("src") or ""), children=alt))
        else:  # text, and anything unknown shown as its source text
            stack[-1].children.append(MdNode("text", token.content))
    return root.children


def parse_markdown(text: str) -> list[MdNode]:
    """A cell of markdown (an abstract) as block nodes."""
    root = MdNode("root")
    stack = [root]
    for token in _parser().parse(text):
        kind = token.type
        if kind in _BLOCKS:
            node = MdNode(_BLOCKS[kind], tight=token.hidden)
            stack[-1].children.append(node)
            stack.append(node)
        elif kind.endswith("_close"):
            if len(stack) > 1:
                stack.pop()
        elif kind == "inline":
            stack[-1].children.extend(_inline_nodes(token.children or []))
        elif kind in ("fence", "code_block"):
            stack[-1].children.append(MdNode("code_block", token.content))
        elif kind in ("math_block", "math_block_label"):
            stack[-1].children.append(MdNode("math_block", token.content.strip("\n")))
        elif kind != "hr" and token.content:  # html_block cannot occur with html off
            stack[-1].children.append(MdNode("paragraph", children=[MdNode("text", token.content)]))
    return root.children


def parse_markdown_inline(text: str) -> list[MdNode]:
    """One line of markdown (a title) as inline nodes: ``1. Intro`` stays text, not a list."""
    found: list[MdNode] = []
    for token in _parser().parseInline(text):
        found.extend(_inline_nodes(token.children or []))
    return found


def _walk_text(nodes: Iterable[MdNode], math: Callable[[str], str]) -> Iterator[str]:
    for node in nodes:
        if node.kind in ("text", "code"):
            yield node.text
        elif node.kind == "math":
            yield math(node.text)
        elif node.kind == "break":
            yield " "
        elif node.kind in ("code_block", "math_block"):
            yield node.text.strip("\n")
        else:
            yield from _walk_text(node.children, math)


def plain_text(nodes: Iterable[MdNode], *, keep_math: bool = True) -> str:
    """The text of inline or block nodes on one line; math kept as ``$...$`` unless ``keep_math``
    is false. Blocks are joined by a space: exports want one line per field."""
    parts = []
    for node in nodes:
        math = (lambda m: f"${m}$") if keep_math else (lambda m: m)
        parts.append("".join(_walk_text([node], math)))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


# --------------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------------

DIGEST_SCHEMA_ID = "sphinx-arxivdigest/digest"
PAPERS_SCHEMA_ID = "sphinx-arxivdigest/papers"
SCHEMA_VERSION = 1

_NULLABLE_STR = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PAPER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "arxiv_id", "version", "title", "authors", "authors_truncated", "abstract",
        "pdf_url", "abs_url", "code_url", "date", "topic", "line", "extra",
    ],
    "properties": {
        "arxiv_id": {"type": "string", "minLength": 1, "description": "arXiv id without version"},
        "version": {"type": ["integer", "null"], "minimum": 1},
        "title": {"type": "string", "description": "markdown"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "authors_truncated": {"type": "boolean", "description": "the digest wrote 'et al.'"},
        "abstract": {"type": "string", "description": "markdown; empty when none"},
        "pdf_url": {"type": "string"},
        "abs_url": {"type": "string"},
        "code_url": {"type": "string"},
        "date": _DATE,
        "topic": _NULLABLE_STR,
        "line": {"type": "integer", "minimum": 0, "description": "1-based line in the source digest"},
        "extra": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
_PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["line", "message"],
    "properties": {"line": {"type": "integer", "minimum": 0}, "message": {"type": "string"}},
}

#: JSON Schema (draft 2020-12) of :func:`digest_to_json`'s output.
JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://sphinx-arxivdigest.invalid/schemas/digest-1.json",
    "title": "sphinx-arxivdigest digest",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "version", "title", "date", "source", "papers", "problems"],
    "properties": {
        "schema": {"const": DIGEST_SCHEMA_ID},
        "version": {"const": SCHEMA_VERSION},
        "title": _NULLABLE_STR,
        "date": _DATE,
        "source": _NULLABLE_STR,
        "papers": {"type": "array", "items": {"$ref": "#/$defs/paper"}},
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
    },
    "$defs": {"paper": _PAPER_SCHEMA, "problem": _PROBLEM_SCHEMA},
}

#: JSON Schema of :func:`papers_to_json`'s output: any further top-level keys are the caller's metadata.
PAPERS_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://sphinx-arxivdigest.invalid/schemas/papers-1.json",
    "title": "sphinx-arxivdigest paper list",
    "type": "object",
    "required": ["schema", "version", "papers"],
    "properties": {
        "schema": {"const": PAPERS_SCHEMA_ID},
        "version": {"const": SCHEMA_VERSION},
        "papers": {"type": "array", "items": {"$ref": "#/$defs/paper"}},
    },
    "$defs": {"paper": _PAPER_SCHEMA},
}


def _iso(date: _dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _date(value: Any, where: str) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: expected an ISO date (YYYY-MM-DD) or null, got {value!r}") from None


def paper_to_dict(paper: Paper) -> dict[str, Any]:
    """A paper as a JSON-ready dict, keys in schema order."""
    return {
        "arxiv_id": paper.arxiv_id,
        "version": paper.version,
        "title": paper.title,
        "authors": list(paper.authors),
        "authors_truncated": paper.authors_truncated,
        "abstract": paper.abstract,
        "pdf_url": paper.pdf_url,
        "abs_url": paper.abs_url,
        "code_url": paper.code_url,
        "date": _iso(paper.date),
        "topic": paper.topic,
        "line": paper.line,
        "extra": dict(paper.extra),
    }


def paper_from_dict(data: dict[str, Any], where: str = "paper") -> Paper:
    """The inverse of :func:`paper_to_dict`; :class:`ValueError` names what is wrong and where."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    for key in ("arxiv_id", "title"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"{where}: {key!r} must be a non-empty string")
    return Paper(
        arxiv_id=data["arxiv_id"],
        title=data["title"],
        version=data.get("version"),
        authors=list(data.get("authors") or []),
        authors_truncated=bool(data.get("authors_truncated", False)),
        abstract=data.get("abstract") or "",
        pdf_url=data.get("pdf_url") or "",
        abs_url=data.get("abs_url") or "",
        code_url=data.get("code_url") or "",
        date=_date(data.get("date"), f"{where}.date"),
        topic=data.get("topic"),
        line=int(data.get("line") or 0),
        extra=dict(data.get("extra") or {}),
    )


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """A digest as a JSON-ready dict following :data:`JSON_SCHEMA`."""
    return {
        "schema": DIGEST_SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "title": digest.title,
        "date": _iso(digest.date),
        "source": digest.source,
        "papers": [paper_to_dict(p) for p in digest.papers],
        "problems": [{"line": p.line, "message": p.message} for p in digest.problems],
    }


def _check_header(data: Any, schema_id: str) -> None:
    if not isinstance(data, dict) or data.get("schema") != schema_id:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"not a {schema_id} document (schema: {found!r})")
    if data.get("version") != SCHEMA_VERSION:
        raise ValueError(f"unsupported {schema_id} version {data.get('version')!r}; this reader knows {SCHEMA_VERSION}")


def _papers(data: dict[str, Any]) -> list[Paper]:
    items = data.get("papers", [])
    if not isinstance(items, list):
        raise ValueError("'papers' must be a list")
    return [paper_from_dict(item, f"papers[{index}]") for index, item in enumerate(items)]


def digest_from_dict(data: dict[str, Any]) -> Digest:
    """The inverse of :func:`digest_to_dict`."""
    _check_header(data, DIGEST_SCHEMA_ID)
    problems = [Problem(int(p["line"]), str(p["message"])) for p in data.get("problems") or []]
    return Digest(
        papers=_papers(data),
        problems=problems,
        title=data.get("title"),
        date=_date(data.get("date"), "date"),
        source=data.get("source"),
    )


def _json_default(value: Any) -> Any:
    """Metadata may hold dates and paths; anything else unknown is an error, as with ``json``."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "__fspath__"):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(data: Any, indent: int | None) -> str:
    # UTF-8 as is: digests are often Chinese, and \uXXXX escapes make the file unreadable.
    return json.dumps(data, indent=indent, ensure_ascii=False, default=_json_default) + "\n"


def digest_to_json(digest: Digest, indent: int | None = 2) -> str:
    """The digest as JSON text (schema ``sphinx-arxivdigest/digest`` version 1), newline-terminated."""
    return _dumps(digest_to_dict(digest), indent)


def digest_from_json(text: str | bytes) -> Digest:
    """Read :func:`digest_to_json` output back: ``digest_from_json(digest_to_json(d)) == d``."""
    return digest_from_dict(json.loads(text))


def papers_to_json(papers: Iterable[Paper], *, indent: int | None = 2, **meta: Any) -> str:
    """Papers from anywhere (e.g. every indexed paper of a project) as a ``sphinx-arxivdigest/papers``
    document; ``meta`` (project name, build date...) become extra top-level keys."""
    reserved = {"schema", "version", "papers"}.intersection(meta)
    if reserved:
        raise ValueError(f"metadata keys {sorted(reserved)} are reserved")
    data = {"schema": PAPERS_SCHEMA_ID, "version": SCHEMA_VERSION, **meta}
    data["papers"] = [paper_to_dict(p) for p in papers]
    return _dumps(data, indent)


def papers_from_json(text: str | bytes) -> list[Paper]:
    """The papers of a ``papers`` or ``digest`` JSON document."""
    data = json.loads(text)
    schema = data.get("schema") if isinstance(data, dict) else None
    _check_header(data, DIGEST_SCHEMA_ID if schema == DIGEST_SCHEMA_ID else PAPERS_SCHEMA_ID)
    return _papers(data)


# --------------------------------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------------------------------

# Braces become commands, not \{ \}: BibTeX counts every brace, escaped or not, so "\{" alone would
# unbalance the field. Every replacement is itself balanced.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex_escape(text: str) -> str:
    """Text for a LaTeX/BibTeX field: the ten special characters escaped, everything else (CJK,
    accents) left as UTF-8 for biber and modern BibTeX."""
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _latex_math(content: str) -> str:
    """``$...$`` kept as math when BibTeX can carry it (balanced braces), else escaped as text.
    ``%``, ``#`` and ``&`` would end or break the field in LaTeX even inside math: escaped."""
    if not content.strip() or not _balanced(content) or "\n" in content:
        return latex_escape(f"${content}$")
    return "$" + re.sub(r"(?<!\\)([%#&])", r"\\\1", content) + "$"


def _latex_text(nodes: Iterable[MdNode]) -> str:
    parts = []
    for node in nodes:
        if node.kind == "math":
            parts.append(_latex_math(node.text))
        elif node.kind == "break":
            parts.append(" ")
        elif node.kind in ("text", "code", "code_block", "math_block"):
            parts.append(latex_escape(node.text))
        else:
            parts.append(_latex_text(node.children))
            if node.kind in ("paragraph", "list_item", "heading", "blockquote"):
                parts.append(" ")
    return "".join(parts)


def _field_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bibtex_key(paper: Paper) -> str:
    """``arxiv:2512.17909``, ``arxiv:hep-th-9901001``: stable whatever the title or authors say."""
    return "arxiv:" + paper.arxiv_id.replace("/", "-")


def _bibtex_name(name: str) -> str:
    name = latex_escape(_field_text(name))
    # A comma would make BibTeX read "Last, First", and " and " would split the name: protect it.
    if "," in name or re.search(r"\sand\s", name, re.I) or name.casefold() == "others":
        return "{" + name + "}"
    return name


def _bibtex_fields(paper: Paper, abstract: bool) -> list[tuple[str, str, bool]]:
    """``(name, value, braced)``; only the month macro is written unbraced."""
    fields = [("title", _field_text(_latex_text(parse_markdown_inline(paper.title))), True)]
    names = [_bibtex_name(n) for n in paper.authors if n.strip()]
    if paper.authors_truncated:
        names.append("others")
    if names:
        fields.append(("author", " and ".join(names), True))
    if paper.date:
        fields.append(("year", str(paper.date.year), True))
        fields.append(("month", _MONTHS[paper.date.month - 1], False))
    fields += [("eprint", paper.arxiv_id, True), ("archivePrefix", "arXiv", True)]
    if paper.primary_category:
        fields.append(("primaryClass", paper.primary_category, True))
    if is_web_url(paper.abs_url):
        fields.append(("url", paper.abs_url.replace("{", "%7B").replace("}", "%7D"), True))
    if abstract and paper.abstract.strip():
        fields.append(("abstract", _field_text(_latex_text(parse_markdown(paper.abstract))), True))
    return fields


def paper_to_bibtex(paper: Paper, key: str | None = None, *, abstract: bool = True) -> str:
    """One ``@misc`` entry (arXiv's own export style), ending in a newline."""
    lines = [f"@misc{{{key or bibtex_key(paper)},"]
    for name, value, braced in _bibtex_fields(paper, abstract):
        lines.append(f"  {name} = {{{value}}}," if braced else f"  {name} = {value},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _suffix(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the suffix of the ``number``-th repeat of a key."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def papers_to_bibtex(
    papers: Iterable[Paper], *, abstract: bool = True, key: Callable[[Paper], str] = bibtex_key
) -> str:
    """Entries separated by blank lines; a key seen before gets ``a``, ``b``... (first one unchanged)."""
    used: set[str] = set()
    entries = []
    for paper in papers:
        base = candidate = key(paper)
        repeat = 0
        while candidate in used:
            repeat += 1
            candidate = base + _suffix(repeat)
        used.add(candidate)
        entries.append(paper_to_bibtex(paper, candidate, abstract=abstract))
    return "\n".join(entries)


def digest_to_bibtex(digest: Digest, *, abstract: bool = True) -> str:
    """Every paper of a digest as BibTeX."""
    return papers_to_bibtex(digest.papers, abstract=abstract)


# --------------------------------------------------------------------------------------------------
# MyST markdown and reStructuredText pages
# --------------------------------------------------------------------------------------------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark. These can start markup
# anywhere (code, emphasis, links, HTML, entities, MyST roles and math, tables, strikethrough)...
_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>{}$|~&#])")
# ...and these only at the start of a line (lists, quotes, MyST comments, targets, block breaks).
_MD_LINE_START = re.compile(r"^(?:(\d+)([.)])|([%+\-=(:>]))")


def _md_escape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\\\1", text)


def _md_code(content: str, role: str = "") -> str:
    """A code span (or ``{role}`` span) whose backtick fence is longer than any run inside it."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", content)), default=0) + 1)
    pad = " " if content.startswith("`") or content.endswith("`") or not content.strip() else ""
    return f"{role}{fence}{pad}{content}{pad}{fence}"


def _md_url(url: str) -> str:
    return url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _myst_inline(nodes: Iterable[MdNode]) -> str:
    parts = []
    for node in nodes:
        kind = node.kind
        if kind == "text":
            parts.append(_md_escape(node.text))
        elif kind == "break":
            parts.append(" ")
        elif kind == "code":
            parts.append(_md_code(node.text))
        elif kind == "math":  # the {math} role is core MyST: no dollarmath extension needed
            parts.append(_md_code(node.text, "{math}"))
        elif kind in ("strong", "em"):
            inner = _myst_inline(node.children).strip()
            mark = "**" if kind == "strong" else "*"
            parts.append(f"{mark}{inner}{mark}" if inner else "")
        elif kind == "link" and is_web_url(node.href):
            parts.append(f"[{_myst_inline(node.children) or _md_escape(node.href)}](<{_md_url(node.href)}>)")
        else:  # strike (an extension) and unsafe links: their text only
            parts.append(_myst_inline(node.children))
    return "".join(parts).replace("\n", " ")


def _line_start_safe(line: str) -> str:
    """``1. x``, ``- x``, ``% x``, ``(x)=`` at the start of a line would be markup: escape it."""
    match = _MD_LINE_START.match(line)
    if not match:
        return line
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}{line[match.end():]}"
    return "\\" + line


def _md_fence(content: str, info: str = "") -> list[str]:
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", content)), default=0) + 1)
    return [f"{fence}{info}", *content.rstrip("\n").split("\n"), fence]


def _myst_blocks(nodes: Iterable[MdNode]) -> list[str]:
    """Markdown lines; blocks separated by a blank line."""
    lines: list[str] = []
    for node in nodes:
        if lines:
            lines.append("")
        kind = node.kind
        if kind in ("paragraph", "heading"):
            text = _line_start_safe(_myst_inline(node.children).strip())
            lines.append(f"**{text}**" if kind == "heading" and text else text)
        elif kind == "code_block":  # no info string: a fence can never become a directive
            lines += _md_fence(node.text)
        elif kind == "math_block":
            lines += _md_fence(node.text, "{math}")
        elif kind == "blockquote":
            lines += [f"> {line}".rstrip() for line in _myst_blocks(node.children)]
        elif kind in ("bullet_list", "ordered_list"):
            for number, item in enumerate(node.children, 1):
                marker = "- " if kind == "bullet_list" else f"{number}. "
                body = _myst_blocks(item.children) or [""]
                lines.append(marker + body[0])
                lines += [(" " * len(marker) + line).rstrip() for line in body[1:]]
        else:
            lines.append(_line_start_safe(_myst_inline([node]).strip()))
    return lines


def _page_title(digest: Digest) -> str:
    if digest.title:
        return digest.title
    if digest.date:
        return f"arXiv digest {digest.date.isoformat()}"
    return "arXiv digest"


def _count(papers: Sequence[Paper]) -> str:
    return f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"


def _authors_text(paper: Paper) -> str:
    names = ", ".join(n.strip() for n in paper.authors if n.strip())
    if paper.authors_truncated:
        names = f"{names} et al." if names else "et al."
    return names


def digest_to_myst(digest: Digest, papers: Sequence[Paper] | None = None) -> str:
    """A MyST page: the digest title, then one ``##`` section per paper with its metadata as a list
    and its abstract. ``papers`` defaults to all of the digest's (pass ``digest.select(...)``)."""
    papers = digest.papers if papers is None else papers
    lines = [f"# {_myst_inline(parse_markdown_inline(_page_title(digest)))}", ""]
    lines += [_count(papers) + (f", {_md_escape(digest.date.isoformat())}" if digest.date else "") + ".", ""]
    for paper in papers:
        lines += [f"## {_myst_inline(parse_markdown_inline(paper.title)).strip() or _md_escape(paper.arxiv_id)}", ""]
        meta = []
        if paper.authors or paper.authors_truncated:
            meta.append(f"- **Authors:** {_md_escape(_authors_text(paper))}")
        ident = _md_escape(f"arXiv:{paper.versioned_id}")
        meta.append(f"- **arXiv:** [{ident}](<{_md_url(paper.abs_url)}>)" if is_web_url(paper.abs_url) else f"- **arXiv:** {ident}")
        if paper.date:
            meta.append(f"- **Date:** {_md_escape(paper.date.isoformat())}")
        if paper.topic:
            meta.append(f"- **Topic:** {_myst_inline(parse_markdown_inline(paper.topic))}")
        if is_web_url(paper.pdf_url):
            meta.append(f"- **PDF:** <{_md_url(paper.pdf_url)}>")
        if paper.code_url and is_web_url(paper.code_url):
            meta.append(f"- **Code:** <{_md_url(paper.code_url)}>")
        lines += meta + [""]
        abstract = _myst_blocks(parse_markdown(paper.abstract))
        if abstract:
            lines += abstract + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# reStructuredText: inline markup characters are escaped everywhere, and so is the colon of a
# "scheme:..." other than http(s)/mailto, because docutils links bare "javascript:..." on its own.
_RST_ESCAPE = re.compile(r"([\\`*_|])")
_RST_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]*):(?=\S)")
_RST_BLOCK_START = re.compile(r"^(?:[^\w\s]|\w{1,3}[.)](?:\s|$)|\(\w{1,3}\)(?:\s|$))")
_RST_URL_OK = re.compile(r"^[^\s<>`]+$")


def _rst_escape(text: str) -> str:
    text = _RST_ESCAPE.sub(r"\\\1", text)
    return _RST_SCHEME.sub(
        lambda m: m.group(0) if m.group(1).lower() in ("http", "https", "mailto") else m.group(1) + r"\:", text
    )


def _rst_link(label: str, url: str) -> str:
    """An anonymous hyperlink for http(s) URLs docutils can carry; otherwise the label as text."""
    if not (is_web_url(url) and _RST_URL_OK.match(url)):
        return label
    return f"`{label.replace('<', chr(92) + '<') or _rst_escape(url)} <{url}>`__"


def _rst_markup(node: MdNode) -> str | None:
    """The inline markup of one node, or None when it is plain (escaped) text."""
    kind = node.kind
    if kind in ("code", "math"):
        content = re.sub(r"\s+", " ", node.text).strip()
        if not content or "`" in content:  # literals know no escaping: such content stays text
            return None
        return f":math:`{content}`" if kind == "math" else f"``{content}``"
    if kind in ("strong", "em"):  # rST cannot nest inline markup: the inside is plain text
        content = _rst_escape(plain_text(node.children))
        mark = "**" if kind == "strong" else "*"
        return f"{mark}{content}{mark}" if content else ""
    if kind == "link" and is_web_url(node.href) and _RST_URL_OK.match(node.href):
        return _rst_link(_rst_escape(plain_text(node.children)), node.href)
    return None


def _rst_inline(nodes: Iterable[MdNode]) -> str:
    """Inline nodes as one line of rST. Markup touching a word gets ``\\ `` (an escaped space,
    which renders as nothing) so that docutils still recognises it."""
    parts: list[tuple[str, bool]] = []
    for node in nodes:
        markup = _rst_markup(node)
        if markup is not None:
            parts.append((markup, True))
        elif node.kind == "break":
            parts.append((" ", False))
        elif node.kind in ("text", "code"):
            parts.append((_rst_escape(re.sub(r"\s+", " ", node.text)), False))
        elif node.kind == "math":
            parts.append((_rst_escape(f"${node.text}$"), False))
        else:
            parts.append((_rst_inline(node.children), False))
    out = ""
    for index, (text, markup) in enumerate(parts):
        if markup and text:
            if out and not out[-1].isspace():
                out += "\\ "
            out += text
            following = next((t for t, _ in parts[index + 1:] if t), "")
            if following and not following[0].isspace():
                out += "\\ "
        else:
            out += text
    return re.sub(r"[ \t\n]+", " ", out).strip()


def _rst_paragraph(text: str) -> str:
    """A paragraph whose start looks like a list, a comment, a directive or a title is escaped."""
    if text.endswith("::"):
        text = text[:-1] + "\\:"
    return "\\" + text if _RST_BLOCK_START.match(text) and not text.startswith("\\") else text


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [(prefix + line) if line else "" for line in lines]


def _rst_blocks(nodes: Iterable[MdNode]) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        if lines:
            lines.append("")
        kind = node.kind
        if kind in ("paragraph", "heading"):
            text = _rst_inline(node.children)
            if kind == "heading" and text:
                text = f"**{_rst_escape(plain_text(node.children))}**"
            if text:
                lines.append(_rst_paragraph(text))
        elif kind == "code_block":
            lines += ["::", "", *_indent(node.text.rstrip("\n").split("\n"), "   ")]
        elif kind == "math_block":
            lines += [".. math::", "", *_indent(node.text.split("\n"), "   ")]
        elif kind == "blockquote":
            lines += [".."] + [""] + _indent(_rst_blocks(node.children), "   ")  # an empty comment ends any list
        elif kind in ("bullet_list", "ordered_list"):
            for item in node.children:
                marker = "- " if kind == "bullet_list" else "#. "
                body = _rst_blocks(item.children) or [""]
                lines.append((marker + body[0]).rstrip())
                lines += _indent(body[1:], " " * len(marker))
        else:
            text = _rst_inline([node])
            if text:
                lines.append(_rst_paragraph(text))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _width(text: str) -> int:
    """Display columns: docutils wants an underline at least as wide, and CJK is two columns wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _rst_title(text: str, char: str, overline: bool = False) -> list[str]:
    text = _rst_paragraph(text) if not text.startswith("\\") else text
    rule = char * max(4, _width(text))
    return [rule, text, rule] if overline else [text, rule]


def _rst_field(name: str, value: str) -> str:
    return f":{name}: {value}"


def digest_to_rst(digest: Digest, papers: Sequence[Paper] | None = None) -> str:
    """A reStructuredText page, like :func:`digest_to_myst`: a section per paper with a field list
    (authors, arXiv link, date, PDF) and the abstract."""
    papers = digest.papers if papers is None else papers
    lines = _rst_title(_rst_inline(parse_markdown_inline(_page_title(digest))), "=", overline=True)
    lines += ["", _count(papers) + (f", {digest.date.isoformat()}" if digest.date else "") + ".", ""]
    for paper in papers:
        title = _rst_inline(parse_markdown_inline(paper.title)) or _rst_escape(paper.arxiv_id)
        lines += [*_rst_title(title, "-"), ""]
        fields = []
        if paper.authors or paper.authors_truncated:
            fields.append(_rst_field("Authors", _rst_escape(_authors_text(paper))))
        fields.append(_rst_field("arXiv", _rst_link(_rst_escape(f"arXiv:{paper.versioned_id}"), paper.abs_url)))
        if paper.date:
            fields.append(_rst_field("Date", paper.date.isoformat()))
        if paper.topic:
            fields.append(_rst_field("Topic", _rst_inline(parse_markdown_inline(paper.topic))))
        for name, url in (("PDF", paper.pdf_url), ("Code", paper.code_url)):
            if url and is_web_url(url) and _RST_URL_OK.match(url):
                fields.append(_rst_field(name, url))  # a standalone http(s) URL is a link in rST
        lines += fields + [""]
        abstract = _rst_blocks(parse_markdown(paper.abstract))
        if abstract:
            lines += abstract + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
