"""Digests as standalone MyST markdown or reStructuredText pages (``arxivdigest convert --to``).

One section per paper, needing no extension (not even this one), rendering the paper's
:func:`~.card.describe_card` description (authors, arXiv link, date, topic, PDF, code) as a field
list. Digest text is re-serialised from
its markdown tree, never copied, so raw HTML, directives or ``javascript:`` links in a digest cannot
reach the generated page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from ..markdown import MarkdownWalker, MdKind, MdNode, parse_markdown_inline, plain_text
from ..model import Digest, Paper, is_web_url
from .card import BadgeKind, CardDescription, describe_card

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


class MystInlineWalker(MarkdownWalker[str]):
    """Inline nodes as MyST text: everything escaped, math as the core ``{math}`` role, links only
    to http(s) URLs; strikethrough (an extension) and other links keep only their text."""

    def combine(self, node: MdNode, parts: list[str]) -> str:
        return "".join(parts)

    def visit_text(self, node: MdNode) -> str:
        return _md_escape(node.text)

    def visit_break(self, node: MdNode) -> str:
        return " "

    def visit_code(self, node: MdNode) -> str:
        return _md_code(node.text)

    def visit_math(self, node: MdNode) -> str:  # the {math} role is core MyST: no dollarmath extension needed
        return _md_code(node.text, "{math}")

    def emphasis(self, node: MdNode) -> str:
        inner = _myst_inline(node.children).strip()
        mark = "**" if node.kind == MdKind.STRONG else "*"
        return f"{mark}{inner}{mark}" if inner else ""

    visit_strong = visit_em = emphasis

    def visit_link(self, node: MdNode) -> str:
        if not is_web_url(node.href):
            return _myst_inline(node.children)
        return f"[{_myst_inline(node.children) or _md_escape(node.href)}](<{_md_url(node.href)}>)"


def _myst_inline(nodes: Iterable[MdNode]) -> str:
    return "".join(MystInlineWalker().walk(nodes)).replace("\n", " ")


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


class MystBlockWalker(MarkdownWalker[list[str]]):
    """Block nodes as MyST lines; a fence never gets an info string that could make it a directive."""

    def default(self, node: MdNode) -> list[str]:
        return [_line_start_safe(_myst_inline([node]).strip())]

    def visit_paragraph(self, node: MdNode) -> list[str]:
        return [_line_start_safe(_myst_inline(node.children).strip())]

    def visit_heading(self, node: MdNode) -> list[str]:
        text = _line_start_safe(_myst_inline(node.children).strip())
        return [f"**{text}**" if text else text]

    def visit_code_block(self, node: MdNode) -> list[str]:
        return _md_fence(node.text)

    def visit_math_block(self, node: MdNode) -> list[str]:
        return _md_fence(node.text, "{math}")

    def visit_blockquote(self, node: MdNode) -> list[str]:
        return [f"> {line}".rstrip() for line in _myst_blocks(node.children)]

    def lists(self, node: MdNode) -> list[str]:
        lines: list[str] = []
        for number, item in enumerate(node.children, 1):
            marker = "- " if node.kind == MdKind.BULLET_LIST else f"{number}. "
            body = _myst_blocks(item.children) or [""]
            lines.append(marker + body[0])
            lines += [(" " * len(marker) + line).rstrip() for line in body[1:]]
        return lines

    visit_bullet_list = visit_ordered_list = lists


def _blank_separated(blocks: Iterable[list[str]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += block
    return lines


def _myst_blocks(nodes: Iterable[MdNode]) -> list[str]:
    """Markdown lines; blocks separated by a blank line."""
    return _blank_separated(MystBlockWalker().walk(nodes))


def _badge_text(card: CardDescription, kind: BadgeKind) -> str:
    badge = card.badge(kind)
    return badge.text if badge else ""


def _page_title(digest: Digest) -> str:
    if digest.title:
        return digest.title
    if digest.date:
        return f"arXiv digest {digest.date.isoformat()}"
    return "arXiv digest"


def _count(papers: Sequence[Paper]) -> str:
    return f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"


def _untranslated(message: str) -> str:
    """Pages are written in the digest's own language: labels stay as the card's message ids."""
    return message


def digest_to_myst(digest: Digest, papers: Sequence[Paper] | None = None) -> str:
    """A MyST page: the digest title, then one ``##`` section per paper with its metadata as a list
    and its abstract. ``papers`` defaults to all of the digest's (pass ``digest.select(...)``)."""
    papers = digest.papers if papers is None else papers
    lines = [f"# {_myst_inline(parse_markdown_inline(_page_title(digest)))}", ""]
    lines += [_count(papers) + (f", {_md_escape(digest.date.isoformat())}" if digest.date else "") + ".", ""]
    for paper in papers:
        card = describe_card(paper, abstract="full")
        lines += [f"## {_myst_inline(card.title).strip() or _md_escape(paper.arxiv_id)}", ""]
        meta = []
        if card.title_translation:
            meta.append(f"- **Translated title:** {_myst_inline(card.title_translation)}")
        if card.authors:
            meta.append(f"- **Authors:** {_md_escape(card.authors.text(_untranslated))}")
        ident = _md_escape(_badge_text(card, "id"))
        meta.append(f"- **arXiv:** [{ident}](<{_md_url(card.title_url)}>)" if card.title_url else f"- **arXiv:** {ident}")
        if date := card.badge("date"):
            meta.append(f"- **Date:** {_md_escape(date.text)}")
        if topic := card.badge("topic"):
            meta.append(f"- **Topic:** {_myst_inline(parse_markdown_inline(topic.text))}")
        for button in card.buttons:
            if button.kind != "abs":
                meta.append(f"- **{button.label}:** <{_md_url(button.url)}>")
        lines += meta + [""]
        abstract = _myst_blocks(card.abstract.nodes) if card.abstract else []
        if abstract:
            lines += abstract + [""]
        summary = _myst_blocks(card.summary) if card.summary else []
        if summary:
            lines += ["**Summary:**", "", *summary, ""]
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


class RstInlineWalker(MarkdownWalker[tuple[str, bool]]):
    """Inline nodes as ``(rST, is_markup)`` pieces, joined by :func:`_rst_inline`. rST cannot nest
    inline markup, so the inside of emphasis and links is plain (escaped) text."""

    def default(self, node: MdNode) -> tuple[str, bool]:
        return _rst_inline(node.children), False

    def visit_text(self, node: MdNode) -> tuple[str, bool]:
        return _rst_escape(re.sub(r"\s+", " ", node.text)), False

    def visit_break(self, node: MdNode) -> tuple[str, bool]:
        return " ", False

    def literal(self, node: MdNode) -> tuple[str, bool]:
        content = re.sub(r"\s+", " ", node.text).strip()
        if not content or "`" in content:  # literals know no escaping: such content stays text
            if node.kind == MdKind.MATH:
                return _rst_escape(f"${node.text}$"), False
            return _rst_escape(re.sub(r"\s+", " ", node.text)), False
        return (f":math:`{content}`" if node.kind == MdKind.MATH else f"``{content}``"), True

    visit_code = visit_math = literal

    def emphasis(self, node: MdNode) -> tuple[str, bool]:
        content = _rst_escape(plain_text(node.children))
        mark = "**" if node.kind == MdKind.STRONG else "*"
        return (f"{mark}{content}{mark}" if content else ""), True

    visit_strong = visit_em = emphasis

    def visit_link(self, node: MdNode) -> tuple[str, bool]:
        if is_web_url(node.href) and _RST_URL_OK.match(node.href):
            return _rst_link(_rst_escape(plain_text(node.children)), node.href), True
        return self.default(node)


def _rst_inline(nodes: Iterable[MdNode]) -> str:
    """Inline nodes as one line of rST. Markup touching a word gets ``\\ `` (an escaped space,
    which renders as nothing) so that docutils still recognises it."""
    parts = RstInlineWalker().walk(nodes)
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


class RstBlockWalker(MarkdownWalker[list[str]]):
    """Block nodes as rST lines: paragraphs escaped where they would start markup, literal and math
    blocks, quotes as indented text after an empty comment, lists with ``-`` and ``#.``."""

    def default(self, node: MdNode) -> list[str]:
        text = _rst_inline([node])
        return [_rst_paragraph(text)] if text else []

    def visit_paragraph(self, node: MdNode) -> list[str]:
        text = _rst_inline(node.children)
        return [_rst_paragraph(text)] if text else []

    def visit_heading(self, node: MdNode) -> list[str]:
        text = _rst_inline(node.children)
        if text:
            text = f"**{_rst_escape(plain_text(node.children))}**"
        return [_rst_paragraph(text)] if text else []

    def visit_code_block(self, node: MdNode) -> list[str]:
        return ["::", "", *_indent(node.text.rstrip("\n").split("\n"), "   ")]

    def visit_math_block(self, node: MdNode) -> list[str]:
        return [".. math::", "", *_indent(node.text.split("\n"), "   ")]

    def visit_blockquote(self, node: MdNode) -> list[str]:
        return [".."] + [""] + _indent(_rst_blocks(node.children), "   ")  # an empty comment ends any list

    def lists(self, node: MdNode) -> list[str]:
        lines: list[str] = []
        for item in node.children:
            marker = "- " if node.kind == MdKind.BULLET_LIST else "#. "
            body = _rst_blocks(item.children) or [""]
            lines.append((marker + body[0]).rstrip())
            lines += _indent(body[1:], " " * len(marker))
        return lines

    visit_bullet_list = visit_ordered_list = lists


def _rst_blocks(nodes: Iterable[MdNode]) -> list[str]:
    lines = _blank_separated(RstBlockWalker().walk(nodes))
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
        card = describe_card(paper, abstract="full")
        title = _rst_inline(card.title) or _rst_escape(paper.arxiv_id)
        lines += [*_rst_title(title, "-"), ""]
        fields = []
        if card.title_translation:
            fields.append(_rst_field("Translated title", _rst_inline(card.title_translation)))
        if card.authors:
            fields.append(_rst_field("Authors", _rst_escape(card.authors.text(_untranslated))))
        fields.append(_rst_field("arXiv", _rst_link(_rst_escape(_badge_text(card, "id")), card.title_url)))
        if date := card.badge("date"):
            fields.append(_rst_field("Date", date.text))
        if topic := card.badge("topic"):
            fields.append(_rst_field("Topic", _rst_inline(parse_markdown_inline(topic.text))))
        for button in card.buttons:
            if button.kind != "abs" and _RST_URL_OK.match(button.url):
                fields.append(_rst_field(button.label, button.url))  # a standalone http(s) URL is a link in rST
        lines += fields + [""]
        abstract = _rst_blocks(card.abstract.nodes) if card.abstract else []
        if abstract:
            lines += abstract + [""]
        summary = _rst_blocks(card.summary) if card.summary else []
        if summary:
            lines += ["**Summary:**", "", *summary, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
