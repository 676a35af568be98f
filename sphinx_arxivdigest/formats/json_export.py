"""Digests and papers as JSON: a documented, versioned schema, read back as well as written.

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

BibTeX is written by :mod:`.bibtex`, MyST and rST pages by :mod:`.pages`.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable
from typing import Any

from ..model import Digest, Paper, Problem

__all__ = [
    "DIGEST_SCHEMA_ID",
    "JSON_SCHEMA",
    "PAPERS_JSON_SCHEMA",
    "PAPERS_SCHEMA_ID",
    "SCHEMA_VERSION",
    "digest_from_dict",
    "digest_from_json",
    "digest_to_dict",
    "digest_to_json",
    "json_default",
    "paper_from_dict",
    "paper_to_dict",
    "papers_from_json",
    "papers_to_json",
]

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
        "title_translation": {"type": "string", "description": "the title in another language; empty when none"},
        "summary": {"type": "string", "description": "markdown; a digest's own summary, not the abstract"},
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
    "$id": "urn:sphinx-arxivdigest:schema:digest:1",
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
    "$id": "urn:sphinx-arxivdigest:schema:papers:1",
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
        "title_translation": paper.title_translation,
        "summary": paper.summary,
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
        title_translation=data.get("title_translation") or "",
        summary=data.get("summary") or "",
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


def json_default(value: Any) -> Any:
    """Metadata may hold dates and paths; anything else unknown is an error, as with ``json``."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "__fspath__"):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(data: Any, indent: int | None) -> str:
    # UTF-8 as is: digests are often Chinese, and \uXXXX escapes make the file unreadable.
    return json.dumps(data, indent=indent, ensure_ascii=False, default=json_default) + "\n"


def digest_to_json(digest: Digest, indent: int | None = 2) -> str:
    """The digest as JSON text (schema ``sphinx-arxivdigest/digest`` version 1), newline-terminated."""
    return _dumps(digest_to_dict(digest), indent)


def digest_from_json(text: str | bytes) -> Digest:
    """Read :func:`digest_to_json` output back: ``digest_from_json(digest_to_json(d)) == d``."""
    return digest_from_dict(json.loads(text))


def papers_to_json(papers: Iterable[Paper], /, *, indent: int | None = 2, **meta: Any) -> str:
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
