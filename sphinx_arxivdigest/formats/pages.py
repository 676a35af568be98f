"""Digests as standalone MyST markdown or reStructuredText pages (``arxivdigest convert --to``).

One section per paper, needing no extension (not even this one). Digest text is re-serialised from
its markdown tree, never copied, so raw HTML, directives or ``javascript:`` links in a digest cannot
reach the generated page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from ..markdown import MdNode, parse_markdown, parse_markdown_inline, plain_text
from ..model import Digest, Paper, is_web_url

__all__ = ["digest_to_myst", "digest_to_rst"]

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
    """A paragraph whose start looks like a list, a comment, a directive or a title is escaped.
    Text never starts with a bare ``*``, backtick or ``:math:`` (those are escaped): there it is
    markup this module wrote, and must stay unescaped."""
    if text.endswith("::"):
        text = text[:-1] + "\\:"
    if text.startswith(("\\", "`", ":math:`")) or re.match(r"\*\S", text):
        return text
    return "\\" + text if _RST_BLOCK_START.match(text) else text


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
