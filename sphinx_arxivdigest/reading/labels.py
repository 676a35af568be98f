"""What a label or a column header means: one table of synonyms for table headers and field labels.

English and Chinese, bold or not, with emoji: ``Authors``, ``作者``, ``👤``, ``Abstract (ZH)``,
``原文标题``, ``TL;DR``... A role says where the value goes on the :class:`Paper`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["ROLES", "classify_header", "classify_label", "exact_label_role", "is_paper_header", "normalise_label"]

#: Roles a header or label can have.
ROLES = ("title", "original", "translation", "authors", "pdf", "abstract", "abstract_translation", "summary",
         "date", "code", "id", "number", "category", "comment", "links")

# Exact names (after normalisation) first, then substrings in order; the first match wins.
_EXACT: dict[str, str] = {
    "#": "number", "no": "number", "no.": "number", "num": "number", "序号": "number", "编号": "number",
    "paper": "title", "papers": "title", "name": "title", "title": "title", "标题": "title", "题目": "title",
    "论文": "title", "论文标题": "title", "名称": "title", "title (en)": "original",
    "原文": "original", "原文标题": "original", "original title": "original", "英文标题": "original",
    "original": "original", "english title": "original",
    "title (zh)": "translation", "中文标题": "translation", "译名": "translation", "标题翻译": "translation",
    "翻译标题": "translation", "translated title": "translation", "中文题目": "translation",
    "author": "authors", "authors": "authors", "first author": "authors", "作者": "authors", "👤": "authors",
    "作者列表": "authors",
    "pdf": "pdf", "link": "pdf", "links": "links", "url": "pdf", "arxiv": "pdf", "paper link": "pdf",
    "arxiv link": "pdf", "链接": "pdf", "论文链接": "pdf", "🔗": "pdf", "相关链接": "links", "paper url": "pdf",
    "id": "id", "arxiv id": "id", "paper id": "id", "arxiv_id": "id", "arxiv-id": "id", "arxiv编号": "id",
    "abstract": "abstract", "摘要": "abstract", "abstract (en)": "abstract", "英文摘要": "abstract",
    "原文摘要": "abstract", "论文摘要": "abstract",
    "abstract (zh)": "abstract_translation", "中文摘要": "abstract_translation",
    "摘要翻译": "abstract_translation", "translated abstract": "abstract_translation",
    "summary": "summary", "tl;dr": "summary", "tldr": "summary", "总结": "summary", "概要": "summary",
    "简介": "summary", "中文概述": "summary", "概述": "summary", "一句话总结": "summary",
    "推荐理由": "summary", "ai summary": "summary", "key takeaway": "summary", "要点": "summary",
    "date": "date", "publish date": "date", "published": "date", "update date": "date", "updated": "date",
    "submitted": "date", "日期": "date", "发布日期": "date", "发表日期": "date", "时间": "date",
    "发布时间": "date", "published date": "date", "submission date": "date",
    "code": "code", "repo": "code", "github": "code", "代码": "code", "源码": "code", "code link": "code",
    "代码链接": "code", "项目": "code", "project": "code",
    "category": "category", "categories": "category", "分类": "category", "main category": "category",
    "subjects": "category", "primary category": "category", "类别": "category", "领域": "category",
    "comment": "comment", "comments": "comment", "备注": "comment",
}
_CONTAINS: tuple[tuple[str, str], ...] = (
    ("abstract", "abstract"), ("摘要", "abstract"), ("summary", "summary"), ("总结", "summary"),
    ("概述", "summary"), ("author", "authors"), ("作者", "authors"),
    ("date", "date"), ("日期", "date"),
    ("code", "code"), ("代码", "code"),
    ("arxiv id", "id"),
    ("pdf", "pdf"), ("链接", "pdf"), ("link", "pdf"), ("url", "pdf"),
    ("title", "title"), ("标题", "title"), ("题目", "title"), ("paper", "title"),
)
# Table headers keep their historic meaning: a "Summary"/"TL;DR" column is the abstract column.
_HEADER_ROLE = {"summary": "abstract", "original": "title", "links": "pdf"}
_TRANSLATED = re.compile(r"\((?:zh|cn|中文|chinese|translat\w*)\)|（(?:中文|译)）|\bzh\b", re.I)


def normalise_label(text: str) -> str:
    """A label without markup, emoji, keycaps, colons and case (``**📝 Abstract:**`` -> ``abstract``)."""
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":：").strip()
    if text in _EXACT:  # keeps symbol-only labels such as "#" and "🔗"
        return text
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("S", "Mn", "Cf")))
    return re.sub(r"\s+", " ", kept).strip().casefold()


@lru_cache(maxsize=4096)  # the same few labels repeat in every entry
def _role(text: str) -> str | None:
    name = normalise_label(text)
    if name in _EXACT:
        return _EXACT[name]
    translated = bool(_TRANSLATED.search(name))
    for needle, role in _CONTAINS:
        if needle in name:
            if translated and role == "title":
                return "translation"
            if translated and role == "abstract":
                return "abstract_translation"
            return role
    return None


def classify_label(text: str) -> str | None:
    """The role of a field label (``**Authors**:``, ``摘要``, ``<summary>Abstract</summary>``), or None."""
    return _role(text)


#: Summary headers that stay summaries in a table (the English ones mean the abstract column there).
_TABLE_SUMMARIES = {"推荐理由", "中文概述", "一句话总结", "ai summary", "key takeaway", "要点"}


def classify_header(text: str) -> str | None:
    """The role of a table column from its header text (any case, common synonyms, Chinese), or None."""
    role = _role(text)
    if role == "summary" and normalise_label(text) in _TABLE_SUMMARIES:
        return role
    return _HEADER_ROLE.get(role, role) if role else None


@lru_cache(maxsize=4096)
def exact_label_role(text: str) -> str | None:
    """The role of a label only when it is exactly a known one (for sub-headings such as
    ``### Summary``, where "Paper A" must not count as a title label)."""
    return _EXACT.get(normalise_label(text))


def is_paper_header(roles: Sequence[str | None]) -> bool:
    """A table lists papers when it has a title column and somewhere to find an id."""
    return "title" in roles and any(r in roles for r in ("pdf", "id", "abstract", "authors"))
