# Two commands matter: `make demo` builds the documentation site, `make test` runs the test suite.
# Both create .venv and install the project (with its extras) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sphinx-build -b html -W --keep-going docs docs/_build/html
	@echo "Demo site: docs/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff (lint and import order) and mypy, configured in pyproject.toml; CI runs this before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) docs/_build
