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

from ..model import AbstractMode, check_abstract, check_columns
from ..reading import DEFAULT_MAX_BYTES

__all__ = ["Settings", "register_config", "settings", "validate_config"]


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected True or False, got {value!r}")
    return value


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
class Settings:
    """The validated ``arxivdigest_*`` values (field ``x`` is ``arxivdigest_x``)."""

    abstract: AbstractMode = "collapsed"
    columns: int = 2
    index_entries: bool = True
    bibtex: bool = True
    export_json: bool = True
    export_bibtex: bool = True
    max_bytes: int | None = DEFAULT_MAX_BYTES
    allow_outside_srcdir: bool = False
    external_url: str = "https://arxiv.org/abs/{id}"


#: Each value's rule, what a change of it rebuilds (Sphinx's ``rebuild``) and the types Sphinx may
#: see without its own warning (the rule then says precisely what is wrong).
_RULES: dict[str, tuple[Callable[[Any], Any], Literal["env", "html"], tuple[type, ...]]] = {
    "abstract": (check_abstract, "env", (str,)),
    "columns": (check_columns, "env", (int,)),
    "index_entries": (_bool, "env", (bool,)),
    "bibtex": (_bool, "env", (bool,)),
    "export_json": (_bool, "html", (bool,)),
    "export_bibtex": (_bool, "html", (bool,)),
    "max_bytes": (_max_bytes, "env", (int, type(None))),
    "allow_outside_srcdir": (_bool, "env", (bool,)),
    "external_url": (_external_url, "env", (str,)),
}
def register_config(app: Sphinx) -> None:
    """Declare every value with its default; :func:`validate_config` checks them once read."""
    defaults = Settings()
    for item in fields(Settings):
        _rule, rebuild, types = _RULES[item.name]
        app.add_config_value(f"arxivdigest_{item.name}", getattr(defaults, item.name), rebuild, types=types)
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
