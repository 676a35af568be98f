"""Papers as BibTeX: one ``@misc`` entry per paper in the style of arXiv's own export.

``eprint``, ``archivePrefix``, ``primaryClass``, ``url``; keys are ``arxiv:<id>`` (``/`` as ``-``),
stable across runs whatever the title or author spelling, with ``a``, ``b``... added to repeats
(:func:`key_suffix`, also used by the Sphinx build's incremental ``papers.bib``). Markdown fields
are walked as a tree, so math stays math and everything else is escaped for LaTeX.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from ..markdown import MarkdownWalker, MdKind, MdNode, parse_markdown, parse_markdown_inline
from ..model import Digest, Paper, is_web_url

__all__ = ["LatexWalker", "bibtex_key", "digest_to_bibtex", "key_suffix", "latex_escape", "paper_to_bibtex", "papers_to_bibtex"]


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


class LatexWalker(MarkdownWalker[str]):
    """Markdown as LaTeX field text: math kept as math when BibTeX can carry it, the rest escaped;
    paragraphs, items, headings and quotes end in a space so that they do not run together."""

    def combine(self, node: MdNode, parts: list[str]) -> str:
        ends_block = node.kind in (MdKind.PARAGRAPH, MdKind.LIST_ITEM, MdKind.HEADING, MdKind.BLOCKQUOTE)
        return "".join(parts) + (" " if ends_block else "")

    def visit_math(self, node: MdNode) -> str:
        return _latex_math(node.text)

    def visit_break(self, node: MdNode) -> str:
        return " "

    def escaped(self, node: MdNode) -> str:
        return latex_escape(node.text)

    visit_text = visit_code = visit_code_block = visit_math_block = escaped


def _latex_text(nodes: Iterable[MdNode]) -> str:
    return "".join(LatexWalker().walk(nodes))


def _field_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bibtex_key(paper: Paper) -> str:
    """``arxiv:2512.17909``, ``arxiv:hep-th-9901001``: stable whatever the title or authors say."""
    # Parsed ids only hold [a-z0-9.-/]; anything else (a hand-made Paper) must not break the entry.
    return "arxiv:" + re.sub(r"[^A-Za-z0-9.\-]", "-", paper.arxiv_id)


def _bibtex_name(name: str) -> str:
    name = latex_escape(_field_text(name))
    # A comma would make BibTeX read "Last, First", " and " would split the name, and a spaced CJK
    # name is family name first ("王 小明"), which BibTeX would turn round: protect them whole.
    cjk_spaced = " " in name and any(unicodedata.east_asian_width(c) in "WF" for c in name)
    if "," in name or re.search(r"\sand\s", name, re.I) or name.casefold() == "others" or cjk_spaced:
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
    fields += [("eprint", latex_escape(paper.arxiv_id), True), ("archivePrefix", "arXiv", True)]
    if paper.primary_category:
        fields.append(("primaryClass", latex_escape(paper.primary_category), True))
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


def key_suffix(number: int) -> str:
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
            candidate = base + key_suffix(repeat)
        used.add(candidate)
        entries.append(paper_to_bibtex(paper, candidate, abstract=abstract))
    return "\n".join(entries)


def digest_to_bibtex(digest: Digest, *, abstract: bool = True) -> str:
    """Every paper of a digest as BibTeX."""
    return papers_to_bibtex(digest.papers, abstract=abstract)
