"""Configuration values are checked once, when ``conf.py`` is read, with errors that say what is wrong;
directive options follow the same rules."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError

from sphinx_arxivdigest.model import check_abstract, check_columns, check_sort
from sphinx_arxivdigest.sphinx.config import Settings, settings

from harness import MYST_CONF, RST_CONF, Project

DIGEST = (
    "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title A | Alice | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs A |\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("arxivdigest_columns = 13", r"arxivdigest_columns = 13 is not valid: expected a whole number from 1 to 4, got 13"),
        ("arxivdigest_columns = True", r"arxivdigest_columns = True is not valid: expected a whole number from 1 to 4"),
        ("arxivdigest_abstract = 'folded'", r"arxivdigest_abstract = 'folded' is not valid: expected one of 'full', 'collapsed', 'none', got 'folded'"),
        ("arxivdigest_max_bytes = -5", r"arxivdigest_max_bytes = -5 is not valid: expected a whole number of bytes"),
        ("arxivdigest_bibtex = 'yes'", r"arxivdigest_bibtex = 'yes' is not valid: expected True or False"),
        ("arxivdigest_index_entries = 'titles'", r"arxivdigest_index_entries = 'titles' is not valid: expected 'all', 'authors' or 'none'"),
        ("arxivdigest_index_entries = 1", r"arxivdigest_index_entries = 1 is not valid: expected 'all', 'authors' or 'none'"),
        ("arxivdigest_external_url = 'https://example.org/{paper}'", r"arxivdigest_external_url = .* expected a template with \{id\}"),
        ("arxivdigest_external_url = 'https://example.org/{id'", r"arxivdigest_external_url = .* is not a valid format string"),
    ],
)
def test_a_wrong_value_stops_the_build_naming_value_and_allowed(project: Project, line: str, expected: str) -> None:
    project.write({"conf.py": RST_CONF + line + "\n", "index.rst": "Home\n====\n"})
    with pytest.raises(ConfigError, match=expected):
        project.app()


def test_settings_hold_the_validated_values(project: Project) -> None:
    project.write({"conf.py": RST_CONF + "arxivdigest_columns = 3\narxivdigest_max_bytes = None\n",
                   "index.rst": "Home\n====\n"})
    app = project.app()
    assert settings(app.config) == Settings(columns=3, max_bytes=None)
    assert "arxivdigest" not in app.warning.getvalue()  # None and int pass Sphinx's own type check too


@pytest.mark.parametrize("myst", [False, True])
@pytest.mark.parametrize(
    ("option", "check", "value"),
    [("columns", check_columns, 7), ("abstract", check_abstract, "folded"), ("sort", check_sort, "author")],
)
def test_directive_options_refuse_what_the_model_refuses(project: Project, myst: bool, option, check, value) -> None:
    with pytest.raises(ValueError) as refused:
        check(value)
    if myst:
        page = {"index.md": f"# Home\n\n```{{arxiv-digest}} digests/a.md\n:{option}: {value}\n```\n"}
    else:
        page = {"index.rst": f"Home\n====\n\n.. arxiv-digest:: digests/a.md\n   :{option}: {value}\n"}
    project.write({"conf.py": MYST_CONF if myst else RST_CONF, "digests/a.md": DIGEST, **page})
    app = project.build()
    warnings = project.warnings(app)
    assert str(refused.value) in warnings.replace("\n", " ")
    assert "Traceback" not in warnings
