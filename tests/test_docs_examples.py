"""Every live directive example of the docs, built in reStructuredText and in MyST (no browser needed).

The examples are read from ``docs/`` (MyST fences outside a ````` ````md ````` block, and rST
directives at the start of a line), written as one page each in both syntaxes beside the demo's
digests, and built; each page must build without a warning and show what the model selects.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sphinx_arxivdigest import load_digest, select_papers

from harness import MYST_CONF, RST_CONF, Project

DOCS = Path(__file__).resolve().parent.parent / "docs"
DIRECTIVES = ("arxiv-digest", "arxiv-paper", "arxiv-index")


@dataclass(frozen=True)
class Example:
    where: str
    name: str
    argument: str
    options: tuple[tuple[str, str], ...]

    def rst(self) -> str:
        lines = [f".. {self.name}:: {self.argument}".rstrip()]
        lines += [f"   :{key}: {value}".rstrip() for key, value in self.options]
        return "Example\n=======\n\n" + "\n".join(lines) + "\n"

    def myst(self) -> str:
        lines = [f"```{{{self.name}}} {self.argument}".rstrip()]
        lines += [f":{key}: {value}".rstrip() for key, value in self.options]
        return "# Example\n\n" + "\n".join([*lines, "```"]) + "\n"


_OPTION = re.compile(r"^:(?P<key>[\w-]+):(?: (?P<value>.*))?$")


def _myst_examples(path: Path) -> list[Example]:
    found, outer = [], None
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        fence = re.match(r"^(`{4,})", line)
        if fence:
            outer = None if outer == fence.group(1) else (outer or fence.group(1))
            continue
        match = re.match(r"^```\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$", line)
        if outer or not match or match["name"] not in DIRECTIVES:
            continue
        options = []
        for option_line in lines[number + 1:]:
            option = _OPTION.match(option_line.strip())
            if not option:
                break
            options.append((option["key"], option["value"] or ""))
        found.append(Example(f"{path.name}:{number + 1}", match["name"], match["arg"].strip(), tuple(options)))
    return found


def _rst_examples(path: Path) -> list[Example]:
    found = []
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        match = re.match(r"^\.\. (?P<name>[\w-]+)::\s*(?P<arg>.*)$", line)
        if not match or match["name"] not in DIRECTIVES:
            continue
        options = []
        for option_line in lines[number + 1:]:
            option = _OPTION.match(option_line.strip()) if option_line.startswith("   ") else None
            if not option:
                break
            options.append((option["key"], option["value"] or ""))
        found.append(Example(f"{path.name}:{number + 1}", match["name"], match["arg"].strip(), tuple(options)))
    return found


EXAMPLES = [e for p in sorted(DOCS.glob("*.md")) for e in _myst_examples(p)] + [
    e for p in sorted(DOCS.glob("*.rst")) for e in _rst_examples(p)
]


def test_the_docs_have_examples_of_every_directive() -> None:
    assert {example.name for example in EXAMPLES} == set(DIRECTIVES)
    assert len(EXAMPLES) >= 20


def _expected_cards(example: Example) -> int:
    options = dict(example.options)
    papers = []
    for pattern in example.argument.split():
        for path in sorted((DOCS / pattern.lstrip("/")).parent.glob(Path(pattern).name)):
            papers += load_digest(path).papers
    limit = int(options["limit"]) if "limit" in options else None
    return len(select_papers(papers, filter=options.get("filter"), sort=options.get("sort"), limit=limit))


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_every_example_builds_without_a_warning_and_shows_what_the_model_selects(
    syntax: str, tmp_path: Path, make_app
) -> None:
    """The examples of the docs as pages of one project, in one syntax."""
    project = Project(tmp_path, make_app)
    shutil.copytree(DOCS / "digests", project.srcdir / "digests")
    suffix = ".md" if syntax == "myst" else ".rst"
    files: dict[str, str | bytes] = {"conf.py": MYST_CONF if syntax == "myst" else RST_CONF}
    names = [f"example{number}" for number in range(len(EXAMPLES))]
    for name, example in zip(names, EXAMPLES, strict=True):
        files[name + suffix] = example.myst() if syntax == "myst" else example.rst()
    # Every digest indexed once, so arxiv-paper and arxiv-index have papers to show.
    indexed = ".. arxiv-digest:: /digests/*.md\n" if syntax == "rst" else "```{arxiv-digest} /digests/*.md\n```\n"
    toctree = "\n".join(["", ".. toctree::", "", *[f"   {n}" for n in names], ""]) if syntax == "rst" else (
        "\n```{toctree}\n" + "\n".join(names) + "\n```\n"
    )
    files["index" + suffix] = ("Home\n====\n\n" if syntax == "rst" else "# Home\n\n") + indexed + toctree
    app = project.build(files)
    assert project.warnings(app) == ""
    for name, example in zip(names, EXAMPLES, strict=True):
        soup = project.html(app, name)
        cards = soup.select("div.arxiv-paper")
        options = dict(example.options)
        if example.name == "arxiv-digest":
            assert len(cards) == _expected_cards(example), example
            if "filter-box" in options:
                assert soup.select_one("div.arxiv-filter input") is not None, example
        elif example.name == "arxiv-paper":
            assert [card.get("id") for card in cards] == ["arxiv-" + re.sub(r"[./]", "-", example.argument)], example
        else:
            rows = soup.select("table.arxiv-index tbody tr")
            assert rows, example
            if "limit" in options:
                assert len(rows) <= int(options["limit"]), example
