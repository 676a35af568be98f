"""The ``arxivdigest_*`` configuration values: declared, validated once, read through one accessor.

Each value is checked when Sphinx has read ``conf.py`` (``config-inited``), with an error that names
the value, what it got and what is allowed, so a typo stops the build at once instead of surfacing
as a traceback from sphinx-design or as a silent fallback. The card options share their rules with
the directive options (:mod:`sphinx_arxivdigest.model`). Code reads configuration only through
:func:`settings`, which returns the validated values as one frozen object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from string import Formatter
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..model import AbstractMode, check_abstract, check_columns, check_sort
from ..reading import DEFAULT_MAX_BYTES

__all__ = ["ArchiveSpec", "IndexEntries", "Settings", "register_config", "settings", "validate_config"]


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected True or False, got {value!r}")
    return value


IndexEntries = Literal["all", "authors", "none"]


def _index_entries(value: object) -> IndexEntries:
    """``"all"`` (title and authors), ``"authors"`` or ``"none"``; ``True``/``False`` (the older
    form) mean all/none."""
    if isinstance(value, bool):
        return "all" if value else "none"
    if value == "all" or value == "authors" or value == "none":
        return value
    raise ValueError(f"expected 'all', 'authors' or 'none' (or True/False), got {value!r}")


def _max_bytes(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"expected a whole number of bytes (1 or more) or None for no limit, got {value!r}")
    return value


def _external_url(value: object) -> str:
    """A URL template whose only fields are ``{id}`` and ``{version}``, and which names ``{id}``."""
    if not isinstance(value, str):
        raise ValueError(f"expected a string such as 'https://arxiv.org/abs/{{id}}', got {value!r}")
    try:
        names = {name for _text, name, _spec, _conv in Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValueError(f"{value!r} is not a valid format string ({error})") from None
    if "id" not in names or not names <= {"id", "version"}:
        raise ValueError(f"expected a template with {{id}} (and optionally {{version}}) only, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class ArchiveSpec:
    """One archive of ``arxivdigest_archive``: a glob of digests (relative to the source directory)
    and the folder of generated pages, with the card options of its digest pages."""

    digests: str
    prefix: str = "archive"
    abstract: AbstractMode | None = None
    columns: int | None = None
    filter_box: bool = False
    sort: str | None = None
    feed_entries: int = 50


_ARCHIVE_KEYS = ("digests", "prefix", "abstract", "columns", "filter_box", "sort", "feed_entries")


def _relative_path(key: str, value: object, *, glob_ok: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key!r} must be a non-empty string, got {value!r}")
    parts = value.replace("\\", "/").strip("/").split("/")
    if value.startswith("/") or ".." in parts or "\0" in value:
        raise ValueError(f"{key!r} must be a path inside the source directory, got {value!r}")
    if not glob_ok and any(c in value for c in "*?["):
        raise ValueError(f"{key!r} must be a plain folder name, got {value!r}")
    return "/".join(part for part in parts if part not in ("", "."))


def _archive_spec(value: object) -> ArchiveSpec:
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping such as {{'digests': 'digests/*.md', 'prefix': 'archive'}}, got {value!r}")
    unknown = sorted(set(map(str, value)) - set(_ARCHIVE_KEYS))
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(_ARCHIVE_KEYS)}")
    if "digests" not in value:
        raise ValueError("the key 'digests' (a glob such as 'digests/*.md') is required")
    digests = _relative_path("digests", value["digests"], glob_ok=True)
    if not any(c in digests for c in "*?["):
        raise ValueError(f"'digests' must be a glob pattern such as 'digests/*.md', got {value['digests']!r}")
    prefix = _relative_path("prefix", value.get("prefix", "archive"), glob_ok=False)
    feed = value.get("feed_entries", 50)
    if isinstance(feed, bool) or not isinstance(feed, int) or feed < 1:
        raise ValueError(f"'feed_entries' must be a whole number (1 or more), got {feed!r}")
    try:
        return ArchiveSpec(
            digests=digests,
            prefix=prefix,
            abstract=check_abstract(value["abstract"]) if "abstract" in value else None,
            columns=check_columns(value["columns"]) if "columns" in value else None,
            filter_box=_bool(value.get("filter_box", False)),
            sort=check_sort(value["sort"]) if "sort" in value else None,
            feed_entries=feed,
        )
    except ValueError as error:
        raise ValueError(f"in the archive {digests!r}: {error}") from None


def _archives(value: object) -> tuple[ArchiveSpec, ...]:
    """``None``, one mapping or a list of mappings; prefixes must not overlap."""
    if value is None:
        return ()
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"expected None, a mapping or a list of mappings, got {value!r}")
    specs = tuple(_archive_spec(item) for item in items)
    prefixes = [spec.prefix for spec in specs]
    for i, prefix in enumerate(prefixes):
        for other in prefixes[i + 1:]:
            if prefix == other or other.startswith(prefix + "/") or prefix.startswith(other + "/"):
                raise ValueError(f"two archives share the prefix {prefix!r} / {other!r}")
    return specs


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated ``arxivdigest_*`` values (field ``x`` is ``arxivdigest_x``)."""

    abstract: AbstractMode = "collapsed"
    columns: int = 2
    index_entries: IndexEntries = "authors"
    bibtex: bool = True
    export_json: bool = True
    export_bibtex: bool = True
    max_bytes: int | None = DEFAULT_MAX_BYTES
    allow_outside_srcdir: bool = False
    external_url: str = "https://arxiv.org/abs/{id}"
    hover_preview: bool = True
    archive: tuple[ArchiveSpec, ...] = ()


#: Each value's rule, what a change of it rebuilds (Sphinx's ``rebuild``) and the types Sphinx may
#: see without its own warning (the rule then says precisely what is wrong).
_RULES: dict[str, tuple[Callable[[Any], Any], Literal["env", "html"], tuple[type, ...]]] = {
    "abstract": (check_abstract, "env", (str,)),
    "columns": (check_columns, "env", (int,)),
    "index_entries": (_index_entries, "env", (str, bool)),
    "bibtex": (_bool, "env", (bool,)),
    "export_json": (_bool, "html", (bool,)),
    "export_bibtex": (_bool, "html", (bool,)),
    "max_bytes": (_max_bytes, "env", (int, type(None))),
    "allow_outside_srcdir": (_bool, "env", (bool,)),
    "external_url": (_external_url, "env", (str,)),
    "hover_preview": (_bool, "html", (bool,)),
    "archive": (_archives, "env", (dict, list, tuple, type(None))),
}
def register_config(app: Sphinx) -> None:
    """Declare every value with its default; :func:`validate_config` checks them once read."""
    defaults = Settings()
    for item in fields(Settings):
        _rule, rebuild, types = _RULES[item.name]
        default = getattr(defaults, item.name)
        if item.name == "archive":
            default = None  # the user's form (None, a mapping or a list of them), not the parsed one
        app.add_config_value(f"arxivdigest_{item.name}", default, rebuild, types=types)
    app.connect("config-inited", validate_config)


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: every value checked once; the first wrong one stops the build clearly.

    Nothing is written back to ``config`` (a changed config after this event makes Sphinx rebuild
    everything); :func:`settings` reads the same values again, already known to be valid.
    """
    for name, (rule, _rebuild, _types) in _RULES.items():
        value = getattr(config, f"arxivdigest_{name}")
        try:
            rule(value)
        except ValueError as error:
            raise ConfigError(f"arxivdigest_{name} = {value!r} is not valid: {error}") from None


def settings(config: Config) -> Settings:
    """The validated values of ``config`` (the one accessor every module uses)."""
    return Settings(**{name: rule(getattr(config, f"arxivdigest_{name}")) for name, (rule, _r, _t) in _RULES.items()})
