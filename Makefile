# Two commands matter: `make demo` builds the documentation site, `make test` runs the test suite on
# the oldest and the newest supported versions (nox sessions, see noxfile.py). Both create .venv and
# install the project (with its extras, and nox) on first use. `make test-here` runs the suite in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-here lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,docs]" nox
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sphinx-build -b html -W --keep-going docs docs/_build/html
	@echo "Demo site: docs/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m nox -s oldest newest

test-here: $(STAMP)
	$(BIN)/python -m pytest

# ruff (lint and import order) and mypy, configured in pyproject.toml; CI runs this before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .nox docs/_build
