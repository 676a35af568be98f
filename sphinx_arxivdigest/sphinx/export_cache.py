"""Incremental ``papers.json``/``papers.bib``: serialised fragments cached per digest between builds.

Re-serialising every indexed paper at each build made an incremental build of a 100,000-paper
archive cost as much as the export of the whole archive. The export is therefore assembled from
fragments, one per *group*: a run of consecutive domain targets of one page taken from one digest.
A group's fragment depends only on the digest's contents and on which papers are taken from it, so
it is keyed by the digest path, its ``mtime_ns`` and size and the arXiv ids taken (plus
:data:`FORMAT_VERSION` and the code that parses and serialises). Only groups whose key changed are
parsed and serialised again.

The cache is a folder in the doctree directory: one small pickle per group, named by a hash of its
key and of the code, and a header holding a signature of everything the last export was made from.
Adding a digest writes that group's file and the header, not the 300 MB of every fragment again
(files of groups no longer exported are deleted). Each file is written whole or not at all
(a temporary file, then a rename), and a group's file holds its key, checked when read, so a file
is either right for its name or ignored. The header is removed before the exports are written and
written again after, so a build interrupted in between never leaves a signature for files it did
not finish. With the signature, a build that changed nothing the export depends on (a page's prose,
a removed page without indexed papers) skips it after one ``stat`` per digest, and one that removed
indexed papers does not leave them in the files.

Fragments are UTF-8 bytes: pickling, joining and writing them then copies memory and never
re-encodes 300 MB of text. The assembled files are byte-identical to
``papers_to_json(papers, project=...)`` and ``papers_to_bibtex(papers)`` of the same papers.
BibTeX keys must be unique across the whole file, so each entry is cached under its *base* key and
the ``a``, ``b``... suffixes are applied while assembling, exactly as :func:`papers_to_bibtex` does.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from ..formats.bibtex import bibtex_key, key_suffix, paper_to_bibtex
from ..formats.json_export import json_default, paper_to_dict, papers_to_json
from ..model import Paper
from .domain import PaperEntry
from .store import full_papers

__all__ = [
    "CACHE_NAME", "FORMAT_VERSION", "Assembled", "Fragment", "assemble", "cached_fragments", "code_stamp", "digest_groups",
    "export_signature", "forget_signature", "save", "serialise_papers", "stored_signature",
]

#: The cache folder in the doctree directory.
CACHE_NAME = "arxivdigest-exports"
HEADER_NAME = "header.pickle"
#: Where version 1 kept every fragment in one pickle: deleted once the folder is written.
_OLD_CACHE_NAME = "arxivdigest-exports.pickle"
#: Bump when the layout of the cache or of a fragment changes.
FORMAT_VERSION = 2

#: ``(papers' JSON array items joined by ",\n    ", their BibTeX base keys, each entry after its key)``.
Fragment = tuple[bytes, tuple[str, ...], tuple[bytes, ...]]
#: ``(digest path, mtime_ns, size, arXiv ids taken from it in order)``.
GroupKey = tuple[str, int, int, tuple[str, ...]]

_JSON_ITEM_INDENT = "\n    "  # papers_to_json's items sit at depth 2 of an indent=2 document
_JSON_EMPTY_TAIL = "[]\n}\n"  # how papers_to_json(...) with no papers ends: "papers" is its last key


def code_stamp() -> tuple[Any, ...]:
    """What the cached fragments (and the feeds' cached entries) were made with; any difference
    discards the whole cache.

    Every module of the package counts (not a hand-kept list, which silently stops invalidating the
    cache when a module is renamed): an upgrade or an edit of any of them means no stale exports.
    """
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    files = []
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((str(path.relative_to(package)), stat.st_mtime_ns, stat.st_size))
    versions: list[str | None] = []
    for dist in ("sphinx-arxivdigest", "markdown-it-py", "mdit-py-plugins"):
        try:
            versions.append(version(dist))
        except PackageNotFoundError:
            versions.append(None)
    return FORMAT_VERSION, tuple(versions), tuple(files)


def serialise_papers(papers: Sequence[Paper]) -> Fragment:
    """One group's papers as they appear in ``papers.json`` and ``papers.bib`` (the slow part)."""
    items = []
    keys = []
    tails = []
    for paper in papers:
        text = json.dumps(paper_to_dict(paper), indent=2, ensure_ascii=False, default=json_default)  # as _dumps
        items.append(text.replace("\n", _JSON_ITEM_INDENT))
        key = bibtex_key(paper)
        head = f"@misc{{{key},"
        entry = paper_to_bibtex(paper, key)
        if not entry.startswith(head):  # paper_to_bibtex's layout changed: FORMAT_VERSION is stale
            raise RuntimeError(f"unexpected BibTeX entry start {entry[:40]!r}")
        keys.append(key)
        tails.append(entry[len(head) - 1:].encode("utf-8"))  # from the "," after the key
    return (",\n    ".join(items).encode("utf-8"), tuple(keys), tuple(tails))


@dataclass
class Assembled:
    """Every fragment of the project's export, in output order, and what it cost to get them."""

    fragments: list[Fragment]
    serialised: list[str] = field(default_factory=list)  # digest of each group serialised this time
    by_key: dict[GroupKey, Fragment] = field(default_factory=dict)  # what the cache will hold next
    files: dict[GroupKey, str] = field(default_factory=dict)  # each group's file in the cache folder
    unsaved: list[GroupKey] = field(default_factory=list)  # groups whose file is to be written

    @property
    def papers(self) -> int:
        return sum(len(keys) for _json, keys, _tails in self.fragments)

    def json_bytes(self, end: bytes = b"", **meta: Any) -> bytes:
        """``papers_to_json(papers, **meta)``, UTF-8 encoded, then ``end``: joined in one go (each
        copy of the whole file is 180 MB for 100,000 papers)."""
        empty = papers_to_json([], **meta)
        items = [fragment[0] for fragment in self.fragments if fragment[0]]
        if not items:
            return empty.encode("utf-8") + end
        if not empty.endswith(_JSON_EMPTY_TAIL):  # papers_to_json's layout changed
            raise RuntimeError(f"unexpected papers_to_json ending {empty[-20:]!r}")
        head = empty[: -len(_JSON_EMPTY_TAIL)] + "[" + _JSON_ITEM_INDENT
        parts = [head.encode("utf-8")]
        for item in items:
            parts += (item, b",\n    ")
        parts[-1] = b"\n  ]\n}\n" + end
        return b"".join(parts)

    def bibtex_bytes(self, end: bytes = b"") -> bytes:
        """``papers_to_bibtex(papers)``, UTF-8 encoded, then ``end``: keys made unique across digests here."""
        used: set[str] = set()
        parts: list[bytes] = []
        between = b"\n@misc{"
        for _json, keys, tails in self.fragments:
            for base, tail in zip(keys, tails, strict=True):
                candidate, repeat = base, 0
                while candidate in used:  # as in papers_to_bibtex
                    repeat += 1
                    candidate = base + key_suffix(repeat)
                used.add(candidate)
                parts += (between, candidate.encode("utf-8"), tail)
        if parts:
            parts[0] = b"@misc{"
        parts.append(end)
        return b"".join(parts)


def digest_groups(entries: Iterable[PaperEntry]) -> list[tuple[GroupKey, list[PaperEntry]]]:
    """``entries`` (the domain's targets, in output order) cut into runs from one digest on one page,
    each with the key its fragment is cached under. Runs end at page boundaries too, so removing a
    page does not merge its neighbours' runs into new, uncached ones. Cheap: one ``stat`` a digest."""
    stats: dict[str, tuple[int, int]] = {}
    groups = []
    for (_docname, digest), group in itertools.groupby(entries, key=lambda entry: (entry.docname, entry.digest)):
        members = list(group)
        if digest not in stats:
            try:
                stat = os.stat(digest)
                stats[digest] = stat.st_mtime_ns, stat.st_size
            except OSError:
                stats[digest] = -1, -1
        key = (digest, *stats[digest], tuple(entry.arxiv_id for entry in members))
        groups.append((key, members))
    return groups


def export_signature(groups: Sequence[tuple[GroupKey, Any]], *inputs: Any) -> str:
    """Everything the export files are made from besides the code (checked by :func:`stored_signature`):
    the groups' keys and ``inputs`` such as the enabled files and the project name. Equal
    signatures mean equal files."""
    text = repr((inputs, [key for key, _members in groups]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_signature(path: Path) -> str | None:
    """The signature of the export last written with the cache folder at ``path`` (None when there is
    none, it cannot be read or it was made by other code)."""
    try:
        with open(path / HEADER_NAME, "rb") as stream:
            header = pickle.load(stream)
    except Exception:
        return None
    if not isinstance(header, dict) or header.get("stamp") != code_stamp():
        return None
    signature = header.get("signature")
    return signature if isinstance(signature, str) else None


def forget_signature(path: Path) -> None:
    """Remove the header before the exports are written: if the build stops before :func:`save`,
    the next one cannot take half-written files for up to date."""
    with contextlib.suppress(OSError):
        (path / HEADER_NAME).unlink(missing_ok=True)


def _file_names(keys: Iterable[GroupKey]) -> dict[GroupKey, str]:
    """Each key's file name: a hash of the key and of the code, so other code's files are never read."""
    code = hashlib.sha256(repr(code_stamp()).encode("utf-8")).hexdigest()
    return {key: hashlib.sha256(repr((code, key)).encode("utf-8")).hexdigest()[:40] + ".pickle" for key in keys}


def _load(path: Path, key: GroupKey) -> Fragment | None:
    """The fragment in the group file at ``path`` if the file is whole and was written for ``key``."""
    try:
        with open(path, "rb") as stream:
            found = pickle.load(stream)
    except Exception:  # missing, truncated, corrupt: serialised again
        return None
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key and _valid(found[1]):
        return found[1]
    return None


def cached_fragments(path: Path) -> dict[GroupKey, Fragment]:
    """Every readable group file of the cache folder at ``path``, by key (tests, inspection)."""
    found = {}
    for file in sorted(path.glob("*.pickle")):
        if file.name == HEADER_NAME:
            continue
        try:
            with open(file, "rb") as stream:
                key, fragment = pickle.load(stream)
        except Exception:
            continue
        found[key] = fragment
    return found


def _valid(fragment: Any) -> bool:
    return (
        isinstance(fragment, tuple) and len(fragment) == 3 and isinstance(fragment[0], bytes)
        and isinstance(fragment[1], tuple) and isinstance(fragment[2], tuple) and len(fragment[1]) == len(fragment[2])
    )


def assemble(
    env: BuildEnvironment, groups: Sequence[tuple[GroupKey, Sequence[PaperEntry]]], cache_path: Path
) -> Assembled:
    """The fragments of ``groups`` (from :func:`digest_groups`): read from the cache folder at
    ``cache_path`` where their key's file is there and whole, parsed and serialised otherwise."""
    result = Assembled(fragments=[])
    result.files = _file_names(key for key, _members in groups)
    for key, members in groups:
        fragment = result.by_key.get(key)
        if fragment is None:
            fragment = _load(cache_path / result.files[key], key)
        if fragment is None:
            fragment = serialise_papers([paper for paper, _entry in full_papers(env, members)])
            result.serialised.append(key[0])
            result.unsaved.append(key)
        result.by_key[key] = fragment
        result.fragments.append(fragment)
    return result


def _write_whole(path: Path, value: Any) -> None:
    """``value`` pickled to ``path``: the old file or the new one, never half of one."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def save(cache_path: Path, signature: str, exports: Assembled) -> None:
    """Keep this export's fragments (writing only the groups serialised this time; the files of
    stale groups are deleted) and its signature. A cache that cannot be written only costs time
    next build."""
    try:
        cache_path.mkdir(parents=True, exist_ok=True)
        for key in exports.unsaved:
            _write_whole(cache_path / exports.files[key], (key, exports.by_key[key]))
        _write_whole(cache_path / HEADER_NAME, {"stamp": code_stamp(), "signature": signature})
        keep = {*exports.files.values(), HEADER_NAME}
        for path in cache_path.iterdir():
            if path.name not in keep:
                path.unlink(missing_ok=True)
        (cache_path.parent / _OLD_CACHE_NAME).unlink(missing_ok=True)
    except OSError:
        pass
