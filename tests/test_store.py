"""One store owns "digest path -> Digest": every consumer gets the same papers under the user's
limits, and each digest is parsed once per build whatever the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_arxivdigest.sphinx import store

from harness import RST_CONF, Project

DIGEST_A = (
    "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title A | Alice | [PDF](https://arxiv.org/pdf/2512.17909v1) | quantum abs A |\n"
    "| Title B | Bob | [PDF](https://arxiv.org/pdf/2512.17908v1) | abs B |\n"
)
DIGEST_B = (
    "# arxiv 2025-12-23\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title C | Carol | [PDF](https://arxiv.org/pdf/2512.17907v1) | quantum abs C |\n"
)


def _files(extra_conf: str) -> dict[str, str]:
    return {
        "conf.py": RST_CONF + extra_conf,
        "digests/a.md": DIGEST_A,
        "digests/b.md": DIGEST_B,
        "index.rst": "Home\n====\n\n.. toctree::\n\n   one\n   two\n   refs\n\n.. arxiv-digest:: digests/a.md\n",
        "one.rst": "One\n===\n\n.. arxiv-digest:: digests/a.md digests/b.md\n   :no-index:\n",
        "two.rst": "Two\n===\n\n.. arxiv-digest:: /digests/*.md\n   :filter: quantum\n",
        "refs.rst": (
            "Refs\n====\n\nSee :arxiv:`2512.17907`.\n\n.. arxiv-paper:: 2512.17907\n\n"
            ".. arxiv-index::\n   :filter: quantum\n"
        ),
    }


@pytest.mark.parametrize("extra_conf", ["", "arxivdigest_max_bytes = None\n", "arxivdigest_max_bytes = 10**9\n"])
def test_each_digest_is_parsed_once_per_build_whatever_the_limit(project: Project, extra_conf: str) -> None:
    """The reported bug: with ``arxivdigest_max_bytes = None`` the later lookups (arxiv-paper,
    arxiv-index, papers.json) read every digest again under the default limit, so a digest over it
    rendered on its page and was missing everywhere else. One store, one limit: one parse."""
    before = store.parse_count()
    app = project.build(_files(extra_conf))
    assert store.parse_count() - before == 2  # a.md and b.md, for four pages, the index, arxiv-paper and exports
    refs = project.html(app, "refs")
    assert [card.get("id") for card in refs.select("div.arxiv-paper")] == ["arxiv-2512-17907"]
    assert len(refs.select("table.arxiv-index tbody tr")) == 2  # Title A and Title C hold "quantum"
    exported = json.loads((Path(app.outdir) / "papers.json").read_text(encoding="utf-8"))
    assert sorted(p["arxiv_id"] for p in exported["papers"]) == ["2512.17907", "2512.17908", "2512.17909"]
    assert all(p["abstract"] for p in exported["papers"])


def test_a_digest_over_the_limit_is_refused_alike_everywhere(project: Project) -> None:
    """``arxivdigest_max_bytes`` decides for every consumer: the directive warns, and nothing else
    shows papers the directive refused (no second reading under another limit)."""
    assert len(DIGEST_B.encode()) < 200 < len(DIGEST_A.encode())
    app = project.build(_files("arxivdigest_max_bytes = 200\n"))
    warnings = project.warnings(app)
    assert "over the limit of 200 bytes" in warnings
    assert "arxiv-paper: 2512.17907 is not in any indexed digest" not in warnings  # b.md is small enough
    exported = json.loads((Path(app.outdir) / "papers.json").read_text(encoding="utf-8"))
    assert [p["arxiv_id"] for p in exported["papers"]] == ["2512.17907"]


def test_a_reader_failure_is_a_located_warning_not_a_traceback(project: Project, monkeypatch) -> None:
    """Should the reader ever raise on a digest nobody foresaw, the build warns at that digest and
    the other digests still render."""
    import sphinx_arxivdigest.sphinx.store as store_module

    real = store_module.load_digest

    def flaky(path, **kwargs):
        if path.endswith("a.md"):
            raise KeyError("ſep")
        return real(path, **kwargs)

    monkeypatch.setattr(store_module, "load_digest", flaky)
    store.clear_cache()
    files = _files("")
    files["index.rst"] = "Home\n====\n\n.. arxiv-digest:: digests/a.md\n\n.. arxiv-digest:: digests/b.md\n"
    app = project.build({k: v for k, v in files.items() if k in ("conf.py", "digests/a.md", "digests/b.md", "index.rst")})
    warnings = project.warnings(app)
    assert "a.md" in warnings and "could not be read (KeyError" in warnings, warnings
    assert [card.get("id") for card in project.html(app, "index").select("div.arxiv-paper")] == ["arxiv-2512-17907"]
