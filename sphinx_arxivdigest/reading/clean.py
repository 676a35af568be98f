"""Cleaning values as a careful reader would: markup off titles, list numbers and tags away, author
lists split and "et al." noticed, links found. Pure functions on strings; no structure here.
"""

from __future__ import annotations

import html
import re

from ..model import ARXIV_ID_RE, ARXIV_URL_RE, Problem, is_web_url

__all__ = [
    "MD_LINK",
    "cell_text",
    "clean_title",
    "find_arxiv_id",
    "first_url",
    "has_cjk",
    "inline_text",
    "split_authors",
    "strip_links",
    "web_link",
]

_NULLS = {"", "null", "none", "n/a", "na", "-", "--", "—", "无", "暂无"}
_WRAPPED_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$|^([*_])(.+)\3$", re.S)
#: A markdown link; a destination may hold balanced parentheses (CommonMark), as Wikipedia URLs do.
#: The text and destination are matched possessively (``++``, ``*+``): giving characters back could
#: never let ``](`` or ``)`` follow them, and runs of plain characters are then matched at once.
MD_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:\\.|[^\]\\]++)*+)\]\((?P<url>(?:[^()\s]++|\([^()\s]*+\))*+)(?:\s+\"[^\"]*\")?\)"
)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]|\"']+")
_HREF = re.compile(r"""href\s*=\s*["']?(?P<url>[^"'\s>]+)""", re.I)


def cell_text(raw: str) -> str:
    """A value with surrounding whitespace, wrapping bold/italic markers and ``null`` removed."""
    text = raw.strip()
    while text[:1] in ("*", "_"):  # emphasis wraps the value: it starts with a mark
        match = _WRAPPED_EMPHASIS.match(text)
        if not match:
            break
        text = (match.group(2) or match.group(4)).strip()
    return "" if text.casefold() in _NULLS else text


def first_url(text: str) -> str:
    """The first link target in a value: a markdown link, an ``href``, an autolink or a bare URL."""
    for pattern in (MD_LINK, _HREF, _BARE_URL):
        match = pattern.search(text)
        if match:
            return match.group("url") if pattern is not _BARE_URL else match.group(0)
    return ""


def find_arxiv_id(text: str, *, bare: bool = True) -> tuple[str, int | None] | None:
    """The first arXiv id in text: from an arxiv.org URL, else (when ``bare``) a bare id."""
    match = ARXIV_URL_RE.search(text)
    if not match and bare:
        match = ARXIV_ID_RE.search(text)
    if not match:
        return None
    version = match.group("version")
    return match.group("id"), int(version) if version else None


def web_link(value: str, what: str, line: int, problems: list[Problem] | None = None) -> str:
    """The value's first link when it is http(s); any other scheme is reported and not linked."""
    url = first_url(value)
    if not url or is_web_url(url):
        return url
    if problems is not None:
        shown = url if len(url) <= 60 else url[:57] + "..."
        problems.append(Problem(line, f"{what} link {shown!r} is not http(s); it is not linked"))
    return ""


def strip_links(text: str) -> str:
    """``[text](url)`` -> ``text``; images disappear."""
    if "](" not in text:
        return text
    return MD_LINK.sub(_link_text, text)


def _link_text(match: re.Match[str]) -> str:
    return "" if match.group("image") else match.group("text")


_TAG = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>", re.S)
# An escaped ``\*`` or ``\_`` (``Yi Sun\*``, an equal-contribution mark) neither opens nor closes emphasis.
# The leading ``(?=[*_])`` changes no match: every alternative starts with a mark; checked first, it
# spares trying the three alternatives (each opening with a look-behind) at every other position.
_EMPHASIS = re.compile(r"(?=[*_])(?:(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1"
                       r"|(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\w)"
                       r"|(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w]))")
_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds Chinese, Japanese or Korean characters."""
    return bool(_CJK.search(text))


def _emphasis_text(match: re.Match[str]) -> str:
    return next(group for group in match.groups()[1:] if group is not None)


def inline_text(text: str, *, escapes: bool = False) -> str:
    """Visible text of inline markdown/HTML on one line: tags, emphasis, code marks and link syntax
    off, entities decoded, whitespace collapsed. ``escapes``: resolve backslash escapes too (not for
    values kept as markdown, where ``20\\%`` must stay as written)."""
    if "<" in text:
        text = _TAG.sub("", text)
    text = strip_links(text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    for _ in range(2):  # a second pass for emphasis inside emphasis (``**_x_**``)
        if "*" not in text and "_" not in text:
            break
        text, count = _EMPHASIS.subn(_emphasis_text, text)
        if not count:
            break  # the same text again would give the same result
    if escapes and "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


_NUMBER_PREFIX = re.compile(
    r"^(?:(?:\[\s*(?:new|cross|replaced|rep|upd)?\s*\d+\s*\]|\(\s*\d+\s*\)|\d{1,4}\s*[.)、:：]|[#№]\s*\d+[.:]?"
    r"|[0-9]\ufe0f?\u20e3+|\[(?:en|zh|cn|new)\]|`[^`]+`\s*[-–—:])\s*)+", re.I)
_BACK_LINK = re.compile(r"\s*\[\s*\[?\s*(?:back|返回|top|↑|回到顶部)[^\]]*\]?\s*\]\(#[^)]*\)", re.I)
# `` PDF, HTML`` / `` [PDF]`` after a title: the labels of links that followed it (case as bots write them).
_TRAILING_LABELS = re.compile(
    r"(?:\s+\[?(?:PDF|HTML|Abs|abs)\]?\s*[,|/·]\s*\[?(?:PDF|HTML|Abs|abs|Other)\]?"
    r"|\s*\[(?:PDF|pdf|HTML|html|abs|arXiv)\])\s*$")
_KEYCAP = re.compile(r"^[0-9#*]\ufe0f?\u20e3\s*")
# What a text must end with (before trailing spaces) for _TRAILING_LABELS to match; checked first
# because searching that pattern tries every position of the title.
_LABEL_ENDINGS = ("PDF", "HTML", "Abs", "abs", "Other", "]")


def clean_title(text: str) -> str:
    """A title as shown: markup off, list numbers, ``[new 001]``/``[en]`` tags, `` `cs.AI` - ``
    prefixes, back-links and trailing ``PDF, HTML`` link labels removed; a final full stop of a bold
    title (``**Title.**``) dropped."""
    if not text.strip():
        return ""  # most entries have no labelled title or original: nothing to clean
    if "](#" in text:
        text = _BACK_LINK.sub("", text)
    text = _KEYCAP.sub("", text.strip())
    text = _NUMBER_PREFIX.sub("", text.strip())
    text = inline_text(text, escapes=True)
    text = _NUMBER_PREFIX.sub("", text).strip()
    if text.endswith(_LABEL_ENDINGS):
        stripped = _TRAILING_LABELS.sub("", text).strip()
        if stripped and len(stripped) >= 8:
            text = stripped
    return text.strip(" \t-–—|·").strip()


_ET_AL = re.compile(
    r"[\s,，;]*(?:\bet\.?\s*al\.?|等\s*\d*\s*(?:位作者|人|位)?|(?:\.\.\.|…)|\band\s+others\b)\s*\.?\s*$", re.I)
_ELIDED = re.compile(r"(?:^|[,，;、]\s*)(?:\.\.\.|…)\s*(?=[,，;、]|$)")
_AUTHOR_SPLIT = re.compile(r"\s*(?:[;，；、]|,(?!\s*(?:Jr|Sr|II|III)\b)|\band\b|&)\s*")
_AUTHOR_SPLIT_NO_AND = re.compile(r"\s*(?:[;，；、]|,(?!\s*(?:Jr|Sr|II|III)\b)|&)\s*")  # faster, for text without "and"


# How the part of an _ET_AL match before its closing spaces and dot can end (case-folded).
_ET_AL_ENDINGS = ("al", "al.", "等", "者", "人", "位", "...", "…", "others")


def _may_end_et_al(text: str) -> bool:
    """False when ``text`` cannot end in what _ET_AL matches (whose search tries every position):
    once the closing spaces and dot are off, "al", "等", a number (``等 5 人``), "..." or "others"."""
    end = text.rstrip()
    ends = (end, end[:-1].rstrip()) if end.endswith(".") else (end,)
    return any(e.casefold().endswith(_ET_AL_ENDINGS) or e[-1:].isdecimal() for e in ends)


def split_authors(text: str) -> tuple[list[str], bool]:
    """Author names, and whether the list was cut short ("et al.", "等", an elided "...").
    Markup is the caller's to remove (a table cell's text is kept as written)."""
    text = " ".join(cell_text(text).split()).rstrip(".").strip()
    truncated = False
    while _may_end_et_al(text) and (match := _ET_AL.search(text)):
        text, truncated = text[: match.start()], True
        if not text:
            break
    if ("..." in text or "…" in text) and _ELIDED.search(text):
        text, truncated = _ELIDED.sub(",", text), True
    names = [cell_text(name).strip(" .") if name.endswith("..") else cell_text(name).strip()
             for name in (_AUTHOR_SPLIT if "and" in text else _AUTHOR_SPLIT_NO_AND).split(text)]
    names = [name for name in names if name]
    if len(names) >= 3 and " " not in names[0] + names[1] and all(" " in name for name in names[2:]):
        names[:2] = [f"{names[0]}, {names[1]}"]  # a first author written "Last, First" before full names
    return names, truncated
