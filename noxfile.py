"""The tested support range: the whole test suite on the oldest and on the newest supported versions.

``nox -s oldest newest`` (what ``make test`` and ``.ci/run`` call). ``oldest`` pins the lower bounds
declared in pyproject.toml, which is also the environment of Jupyter Book 1 (jupyter-book 1.0.4.post1:
Sphinx 7, myst-parser 3, markdown-it-py 3), so its build test runs there; ``newest`` takes the latest
release of everything. Virtual environments are reused between runs.
"""

from __future__ import annotations

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["oldest", "newest"]

#: Keep in step with the lower bounds of [project] dependencies in pyproject.toml.
OLDEST = [
    "sphinx==7.4.7",
    "docutils==0.20.1",
    "myst-parser==3.0.1",
    "markdown-it-py==3.0.0",
    "mdit-py-plugins==0.4.1",
    "sphinx-design==0.6.0",
    "jupyter-book==1.0.4.post1",
]

PYTEST = ["python", "-m", "pytest", "-p", "no:cacheprovider"]


@nox.session(venv_backend="venv")
def oldest(session: nox.Session) -> None:
    """The lowest supported versions, pinned exactly, with Jupyter Book 1."""
    session.install("-e", ".[test,docs]", *OLDEST)
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run(*PYTEST, *session.posargs)


@nox.session(venv_backend="venv")
def newest(session: nox.Session) -> None:
    """The latest release of every dependency."""
    session.install("--upgrade", "--upgrade-strategy", "eager", "-e", ".[test,docs]")
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run(*PYTEST, *session.posargs)
