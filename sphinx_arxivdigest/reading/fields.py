"""One entry's lines -> :class:`Paper`: fields by label first, then by position.

Labels are English or Chinese, bold or plain, with the colon inside or outside the bold, in
``<summary>``/``<font>``, or a sub-heading inside the entry. What no label names is read by
position: the heading or first line gives the title, the line under it the authors, a date-looking
line the date, and the remaining prose (in a heading's section) the abstract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import ARXIV_URL_RE, Paper, Problem
from .clean import MD_LINK, cell_text, clean_title, first_url, has_cjk, inline_text, split_authors, web_link
from .dates import parse_date
from .labels import classify_label, exact_label_role
from .lines import ATX_HEADING

__all__ = ["LIST_MARK", "Entry", "field_roles", "label_of", "looks_like_authors", "read_entry"]

#: A list marker at the start of a stripped line.
LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
_HR = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# ``**Name**: value``, ``**Name:** value``, ``__Name__：value``, ``*Name*: value`` (colon in or out).
# Names are matched possessively (``{1,40}+``): they stop at the first mark or colon either way, and
# only trailing spaces (stripped by label_of) would differ from a lazy match.
_BOLD_LABEL = re.compile(
    r"^(?P<mark>\*\*|__|\*|_)(?P<name>[^*_:：\n]{1,40}+)\s*(?:(?P=mark)\s*[:：]|[:：]\s*(?P=mark))\s*(?P<value>.*)$")
_PLAIN_LABEL = re.compile(r"^(?P<name>[^:：\[\]()<>*`|]{1,30}+)\s*[:：]\s*(?P<value>.*)$")
_SUMMARY_TAG = re.compile(r"<summary\b[^>]*>(?P<name>.*?)</summary\s*>", re.I | re.S)
_DETAILS_END = re.compile(r"</details\s*>", re.I)
_TAG = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>", re.S)
_PARA_TAG = re.compile(r"</?(?:p|br)\b", re.I)
_DANGLING = re.compile(r"<[A-Za-z/!][^>]*$")
_LONG_ROLES = {"abstract", "abstract_translation", "summary", "note", None}
_GENERIC_LINK = re.compile(
    r"^\s*(?:pdf|html|abs|abstract|arxiv(?: page| 页面| link)?|paper|link|code|project|github|website|"
    r"homepage|demo|huggingface|hf|页面|链接|论文|代码|项目|📄|🔗|\[?\s*pdf\s*\]?)\s*$", re.I)
_SEPARATOR = re.compile(r"\s+(?:[-–—|·•]|\|)\s+")
_SEGMENT_SEPARATOR = re.compile(r"\s+[|·]\s+")
_LETTER = re.compile(r"[^\W\d_]")
# Authors: a line with sentence punctuation is not a list of names; pieces split at commas or "and".
_NOT_NAMES = re.compile(r"[:：?!。]")
_NAME_SPLIT = re.compile(r"[,;，；、]|\band\b")
_NAME_PUNCTUATION = re.compile(r"[,;，；、]")  # the same split for a text without "and" (a faster search)
_ET_AL_PIECE = re.compile(r"(?:et\.?\s*al\.?|等.*|\.\.\.|…)", re.I)
_ET_AL_PIECE_START = ("e", "E", "等", ".", "…")  # how a piece _ET_AL_PIECE matches starts
_ET_AL = re.compile(r"et\.?\s*al", re.I)
_LEADING_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)(?<=[^\s\\])\1(?!\w)(.*)$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?=\S)(.+)(?<=\S)\1()\s*$")  # the whole line is bold
_BOLD_START = re.compile(r"^\s*(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\*)(.*)$")  # a bold title, then more
# What a paragraph of links and ids leaves once its URLs, ids and punctuation are gone.
_META_NOISE = re.compile(r"https?://\S+|arXiv:\s*\S+|\b\d{4}\.\d{4,5}(?:v\d+)?\b", re.I)
_META_PUNCTUATION = re.compile(r"[\s|·•,;:\-–—()\[\]]+")


def _strip_tags(line: str) -> str:
    return _DANGLING.sub("", _TAG.sub("", line))


@dataclass(slots=True)
class _Field:
    name: str
    role: str | None
    lines: list[str] = field(default_factory=list)
    heading: bool = False

    def text(self) -> str:
        """Lines stripped, paragraphs kept (a blank line between them)."""
        paragraphs: list[str] = []
        current: list[str] = []
        for line in [*self.lines, ""]:
            if line.strip():
                current.append(line.strip())
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        return "\n\n".join(paragraphs)

    def flat(self) -> str:
        return " ".join(self.text().split())


@dataclass(slots=True)
class Entry:
    """The lines of one entry and what the structure already says about them."""

    kind: str  # section, item, quote, html, paragraph
    start: int  # 0-based line of the entry's first line
    lines: list[str]
    arxiv_id: str
    version: int | None


def label_of(text: str) -> tuple[str, str | None, str] | None:
    """``(name, role, value)`` when ``text`` starts with a label; plain labels must be known ones."""
    if ":" not in text and "：" not in text:
        return None  # both label forms need a colon; most lines of an entry have none
    match = _BOLD_LABEL.match(text)
    if match:
        name = match["name"].strip()
        return name, classify_label(name), match["value"]
    match = _PLAIN_LABEL.match(text)
    if match and not match["name"].startswith(("http", "www")):
        name = match["name"].strip()
        role = exact_label_role(name)  # plain text: only a known label, not a sentence with a colon
        if role and role != "number":
            return name, role, match["value"]
    return None


def field_roles(lines: list[str]) -> set[str]:
    """The roles of the labelled lines among ``lines`` (up to a thematic break)."""
    roles: set[str] = set()
    for line in lines:
        if line[:4].lstrip()[:1] in ("-", "*", "_") and _HR.match(line):
            break
        labelled = label_of(LIST_MARK.sub("", line.strip()))
        if labelled and labelled[1]:
            roles.add(labelled[1])
    return roles


def _segment_labels(text: str, label: tuple[str, str | None, str]) -> list[tuple[str, str | None, str]]:
    """``Published: 2026-01-13 | Category: cs.CV`` -> one label per segment, when every segment has
    one; else ``[label]``, the label of the whole ``text``."""
    if " | " not in text and " · " not in text:
        return [label]
    parts = _SEGMENT_SEPARATOR.split(text)
    if len(parts) == 1:
        return [label]
    labels = []
    for part in parts:
        part_label = label_of(part)
        if part_label is None:
            return [label]
        labels.append(part_label)
    return labels


@dataclass(slots=True)
class _Read:
    head: str = ""
    fields: list[_Field] = field(default_factory=list)
    free: list[list[tuple[int, str]]] = field(default_factory=list)  # paragraphs of (line, text)


def _scan(entry: Entry) -> _Read:
    """Split an entry into its head line, labelled fields and free paragraphs."""
    read = _Read()
    current: _Field | None = None
    paragraph: list[tuple[int, str]] = []

    def end_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            read.free.append(paragraph)
            paragraph = []

    for offset, raw in enumerate(entry.lines):
        number = entry.start + offset
        line = raw
        if entry.kind == "quote":
            line = _QUOTE_MARK.sub("", line)
        if offset == 0:
            if entry.kind == "section":
                match = ATX_HEADING.match(line)
                read.head = (match.group(2) or "") if match else _strip_tags(line).strip()
                continue
            line = LIST_MARK.sub("", line.strip()) if entry.kind == "item" else line
        stripped = line.strip()
        if line[:4].lstrip()[:1] in ("-", "*", "_") and _HR.match(line):
            if offset and entry.kind == "section":
                break
            current = None
            end_paragraph()
            continue
        summary = _SUMMARY_TAG.search(stripped) if "<" in stripped else None
        if summary:
            end_paragraph()
            name = inline_text(summary["name"]).strip().rstrip(":：")
            current = _Field(name, classify_label(name), [], heading=True)
            read.fields.append(current)
            rest = _strip_tags(stripped[summary.end():]).strip()
            if rest:
                current.lines.append(rest)
            continue
        if "</" in stripped and _DETAILS_END.search(stripped):
            before = _strip_tags(_DETAILS_END.split(stripped)[0]).strip()
            if before and current is not None:
                current.lines.append(before)
            current = None
            end_paragraph()
            continue
        if "<" in stripped:
            plain = _strip_tags(stripped).strip()
            if not plain and stripped:
                if _PARA_TAG.search(stripped) and current is not None:
                    current.lines.append("")
                continue
            stripped = plain
        heading = ATX_HEADING.match(stripped) if offset and stripped[:1] == "#" else None
        if heading:
            end_paragraph()
            name = inline_text(heading.group(2) or "").strip()
            current = _Field(name, exact_label_role(name), [], heading=True)
            read.fields.append(current)
            continue
        if not stripped:
            end_paragraph()
            if current is not None and (current.role in _LONG_ROLES or current.heading):
                current.lines.append("")
            else:
                current = None
            continue
        unlisted = LIST_MARK.sub("", stripped)
        labelled = label_of(unlisted) if offset or entry.kind != "section" else None
        if labelled and (offset or not read.head):
            end_paragraph()
            for name, role, value in _segment_labels(unlisted, labelled):
                current = _Field(name, role, [value] if value.strip() else [])
                read.fields.append(current)
            continue
        if offset == 0:
            read.head = stripped
            continue
        if current is not None:
            current.lines.append(stripped)
            continue
        paragraph.append((number, stripped))
    end_paragraph()
    return read


# A word of a name: capitalised, a short particle ("de", "van"), 2-4 Chinese characters, or marked
# with "*". Found as whole words among space-separated ones, so that one search counts them all.
_NAME_WORDS = re.compile(r"(?<!\S)(?:[A-Z\u00C0-\u024F][\w'’.\-]*|[a-z]{1,3}|[\u4e00-\u9fff]{2,4}\*?|\S+\*)(?!\S)")


def looks_like_authors(text: str) -> bool:
    """A line of names: short comma-separated pieces, mostly capitalised words, no sentence."""
    return _names_only(inline_text(text, escapes=True))


def _names_only(visible: str) -> bool:
    """:func:`looks_like_authors` on text already through :func:`inline_text` (with escapes)."""
    text = visible.strip().rstrip(".")
    if not text or len(text) > 2000 or "http" in text or _NOT_NAMES.search(text):
        return False
    splitter = _NAME_SPLIT if "and" in text else _NAME_PUNCTUATION
    pieces = [p.strip() for p in splitter.split(text) if p.strip()]
    pieces = [p for p in pieces if not (p.startswith(_ET_AL_PIECE_START) and _ET_AL_PIECE.fullmatch(p))]
    if not pieces:
        return bool(_ET_AL.search(text))
    words: list[str] = []
    for piece in pieces:
        piece_words = piece.split()
        if len(piece_words) > 6:
            return False  # a phrase, not a name
        words += piece_words
    capitalised = len(_NAME_WORDS.findall(" ".join(words)))
    return capitalised >= 0.75 * len(words)


def _leading_emphasis(text: str) -> tuple[str, str] | None:
    """``*Names.* [[pdf](...)]`` -> (``Names.``, rest)."""
    match = _LEADING_EMPHASIS.match(text)
    return (match.group(2), match.group(3)) if match else None


def _author_candidates(free: list[list[tuple[int, str]]], head_rest: str) -> Iterator[tuple[int, str]]:
    """Where unlabelled authors may be, best first, as ``(line, text)`` (line -1: the head line):
    the emphasised start of the first lines, the head line's segments after a separator, then the
    first lines up to a separator. A generator: the reader stops at the first that looks like names."""
    lines_after = [(n, t) for p in free[:2] for n, t in p[:2]]
    for number, text in lines_after:
        emphasis = _leading_emphasis(text)
        if emphasis:
            yield number, emphasis[0]
    if _SEPARATOR.match(head_rest):
        for segment in _SEPARATOR.split(head_rest):
            yield -1, segment
    for number, text in lines_after:
        yield number, _SEPARATOR.split(text, maxsplit=1)[0]


def _head_title(head: str, kind: str) -> tuple[str, str]:
    """The title in a head line and what follows it on the line (authors, a date link...)."""
    if kind == "section":
        return head, ""
    whole = _BOLD_LINE.match(head) if head.rstrip().endswith(("**", "__")) else None
    emphasis = whole or _BOLD_START.match(head)
    if emphasis:  # a full stop that only ends the bold title is not part of it
        title = emphasis.group(2)
        return (title[:-1] if title.endswith(".") and not title.endswith("..") else title), emphasis.group(3)
    link = MD_LINK.match(head.strip())
    if link and not _GENERIC_LINK.match(link.group("text")):
        return link.group("text"), head.strip()[link.end():]
    parts = _SEPARATOR.split(head, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _choose_titles(head: str, fields: list[_Field]) -> tuple[str, str]:
    """(original title, translation): a labelled original wins; else the non-CJK candidate."""
    if not fields:
        return clean_title(head), ""  # the head is the only candidate (and no translation is labelled)
    original = next((f.flat() for f in fields if f.role == "original" and f.flat()), "")
    labelled = next((f.flat() for f in fields if f.role == "title" and f.flat()), "")
    translation = next((f.flat() for f in fields if f.role == "translation" and f.flat()), "")
    candidates = [c for c in (clean_title(original), clean_title(head), clean_title(labelled)) if c]
    if not candidates:
        return "", clean_title(translation)
    title = next((c for c in candidates if not has_cjk(c)), candidates[0])
    if not translation:
        translation = next((c for c in candidates if c != title and has_cjk(c)), "")
    return title, clean_title(translation)


def read_entry(entry: Entry, problems: list[Problem]) -> Paper | Problem:
    """The paper an entry describes, or a problem naming its identifier."""
    read = _scan(entry)
    line = entry.start + 1
    head_title, head_rest = _head_title(read.head, entry.kind)
    by_role: dict[str, list[_Field]] = {}
    for f in read.fields:
        by_role.setdefault(f.role or "", []).append(f)
    title, translation = _choose_titles(head_title, read.fields)
    if not title and read.free:  # no head: the first free line names the paper
        first_line = read.free[0][0][1]
        head_title, head_rest = _head_title(first_line, "item")
        title = clean_title(head_title)
        read.free[0] = read.free[0][1:]
        read.free = [p for p in read.free if p]
    if not title or not _LETTER.search(title):
        shown = f" ({title!r})" if title else ""
        return Problem(line, f"entry for arXiv {entry.arxiv_id} has no title{shown}; skipped")

    used_lines: set[int] = set()
    authors: list[str] = []
    truncated = False
    if "authors" in by_role:
        authors, truncated = split_authors(inline_text(_unlabel(by_role["authors"][0].flat()), escapes=True))
    else:
        for number, candidate in _author_candidates(read.free, head_rest):
            if not candidate.strip():
                continue
            visible = inline_text(candidate, escapes=True)
            if _names_only(visible) and not parse_date(candidate):
                authors, truncated = split_authors(visible)
                used_lines.add(number)
                break

    date = None
    for f in by_role.get("date", []):
        date = date or parse_date(f.flat())
    if date is None:
        for text in [head_rest, *(t for p in read.free for n, t in p if len(t) < 200)]:
            date = parse_date(inline_text(text)) if text else None
            if date:
                break

    abstract_fields = by_role.get("abstract", [])
    abstract_field = next((f for f in abstract_fields if f.text() and not has_cjk(f.text())),
                          next((f for f in abstract_fields if f.text()), None))
    abstract = abstract_field.text() if abstract_field else ""
    if not abstract and entry.kind in ("section", "html", "quote"):
        prose = ["\n".join(t for n, t in p if n not in used_lines) for p in read.free]
        prose = [p for p in prose if p and not _is_meta(p)]
        abstract = "\n\n".join(prose)
    summary_field = next((f for f in by_role.get("summary", []) if f.text()), None)
    summary = _unlist(summary_field.text()) if summary_field else ""

    urls = {"abs": "", "pdf": "", "code": ""}
    for text in [read.head, *(f.flat() for f in by_role.get("pdf", []) + by_role.get("links", []))]:
        scheme_end = text.find("://")
        if scheme_end < 0:
            continue  # no URL
        # An arXiv URL starts with "http" or "https", right before its "://": search from there.
        for match in ARXIV_URL_RE.finditer(text, max(0, scheme_end - 5)):
            kind = "pdf" if "/pdf/" in match.group(0).lower() else "abs"
            urls[kind] = urls[kind] or match.group(0)
    for f in by_role.get("code", []):
        urls["code"] = urls["code"] or web_link(f.flat(), "code", line, problems)

    chosen = {id(f) for f in (abstract_field, summary_field) if f is not None}
    extra: dict[str, str] = {}
    for f in read.fields:
        if id(f) in chosen or f.role in ("title", "original", "translation", "authors", "pdf", "links", "id",
                                          "code", "date", "number"):
            continue
        value = cell_text(f.flat())
        if value:
            extra.setdefault(f.name, value)
    return Paper(
        arxiv_id=entry.arxiv_id, version=entry.version, title=title, title_translation=translation,
        authors=authors, authors_truncated=truncated, abstract=abstract, summary=summary,
        abs_url=urls["abs"], pdf_url=urls["pdf"], code_url=urls["code"], date=date, line=line, extra=extra,
    )


def _unlabel(text: str) -> str:
    """An author value that still starts with a label (``Authors: A, B``) loses it."""
    labelled = label_of(text)
    return labelled[2] if labelled and labelled[1] == "authors" else text


def _unlist(text: str) -> str:
    """A summary written as a list keeps its lines, without the list markers."""
    return "\n".join(LIST_MARK.sub("", line) for line in text.split("\n"))


def _is_meta(paragraph: str) -> bool:
    """A paragraph of links, badges, ids or a date only: not prose."""
    text = inline_text(paragraph)
    text = _META_NOISE.sub("", text)
    text = _META_PUNCTUATION.sub(" ", text).strip()
    return len(text) < 25 or (parse_date(text) is not None and len(text) < 40) or first_url(paragraph) == paragraph
