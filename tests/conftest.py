"""Fixtures shared by every test; the helpers they use live in :mod:`harness`."""

from __future__ import annotations

import pytest
import sphinx

from sphinx_arxivdigest.sphinx import store

from harness import Project

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(autouse=True)
def _fresh_digest_cache():
    """The parse cache is process-wide (path + mtime + size): start every test without it."""
    store.clear_cache()
    yield
    store.clear_cache()


@pytest.fixture
def make_app(make_app):
    """Sphinx's fixture with Sphinx 8.1's defaults on older Sphinx: warnings show their ``[type]``, and
    ``warningiserror`` keeps going (``exception_on_warning=True`` stops at the first, as before)."""
    if sphinx.version_info >= (8, 1):
        return make_app

    def make(*args, **kwargs):
        kwargs["confoverrides"] = {"show_warning_types": True, **kwargs.get("confoverrides", {})}
        if kwargs.get("warningiserror") and not kwargs.pop("exception_on_warning", False):
            kwargs.setdefault("keep_going", True)
        return make_app(*args, **kwargs)

    return make


@pytest.fixture
def project(tmp_path, make_app) -> Project:
    return Project(tmp_path, make_app)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one at a time)."""
    from browser import launched_chromium

    yield from launched_chromium()
