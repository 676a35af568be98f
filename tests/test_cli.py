"""The ``arxivdigest`` command line: outputs and exit codes, called in-process and once as a module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_arxivdigest import Digest, __version__, cli
from sphinx_arxivdigest.cli import main

GOOD = (
    "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title A | Alice Smith, Bob Li | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs with $x^2$ & 50% |\n"
    "| 第二篇 | 张三 | [PDF](https://arxiv.org/pdf/2512.17907v2) | 第一段。 |\n"
)
BROKEN = GOOD + "| Bad row | x |\n| No id | Carol | none | abstract |\n"
TOPICS = (
    "# Daily 2025-03-20\n\n## NeRF\n\n|Publish Date|Title|Authors|PDF|Code|\n|---|---|---|---|---|\n"
    "|**2025-03-19**|**Fast NeRF**|Ann Lee et.al.|[2503.00001](http://arxiv.org/abs/2503.00001)|null|\n"
    "|**2025-03-18**|**Slow NeRF**|Bo Wu et.al.|[2503.00002](http://arxiv.org/abs/2503.00002)|null|\n\n"
    "## SLAM\n\n|Publish Date|Title|Authors|PDF|Code|\n|---|---|---|---|---|\n"
    "|**2025-03-19**|**Loop closure**|Cy Ma et.al.|[2503.00003](http://arxiv.org/abs/2503.00003)|null|\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"good": GOOD, "broken": BROKEN, "topics": TOPICS}.items():
        paths[name] = tmp_path / f"{name}.md"
        paths[name].write_text(text, encoding="utf-8")
    paths["latin1"] = tmp_path / "latin1.md"
    paths["latin1"].write_bytes("# d\n\n| Title | PDF |\n|---|---|\n| café | x |\n".encode("latin-1"))
    return paths


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- check -----------------------------------------------------------------------------------------


def test_check_good_digest_exits_0(capsys, files) -> None:
    code, out, err = run(capsys, "check", str(files["good"]))
    assert (code, out) == (0, "")
    assert "1 digest checked, 2 papers, 0 problems" in err
    assert f"{files['good']}: 2 entries read, 2 identifiers seen, 0 not read; layouts: pipe table" in err


def test_check_lists_every_problem_with_file_and_line(capsys, files) -> None:
    code, out, err = run(capsys, "check", str(files["good"]), str(files["broken"]))
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith(f"{files['broken']}:") for line in lines)
    assert f"{files['broken']}:7: table row has 2 cells, the header has 4" in lines
    assert any(line.startswith(f"{files['broken']}:8: ") and "no arXiv id" in line for line in lines)
    assert "2 digests checked" in err
    assert run(capsys, "check", "-q", str(files["broken"]))[2] == ""


@pytest.mark.parametrize("kind", ["missing", "directory", "latin1"])
def test_check_unreadable_file_exits_2_without_traceback(capsys, files, tmp_path, kind) -> None:
    path = {"missing": tmp_path / "nope.md", "directory": tmp_path, "latin1": files["latin1"]}[kind]
    code, out, err = run(capsys, "check", str(files["good"]), str(path))
    assert code == 2
    assert "Traceback" not in err
    error = next(line for line in err.splitlines() if line.startswith("arxivdigest: error:"))
    assert str(path) in error
    if kind == "latin1":
        assert f"{path}:5:" in error and "UTF-8" in error
    assert "1 unreadable" in err


def test_unreadable_file_wins_over_problems(capsys, files, tmp_path) -> None:
    assert run(capsys, "check", str(files["broken"]), str(tmp_path / "nope.md"))[0] == 2


# -- convert ---------------------------------------------------------------------------------------


def test_convert_json_to_stdout_round_trips(capsys, files) -> None:
    code, out, err = run(capsys, "convert", str(files["good"]), "--to", "json")
    assert (code, err) == (0, "")
    digest = Digest.from_json(out)
    assert [p.arxiv_id for p in digest.papers] == ["2512.17909", "2512.17907"]
    assert digest.source == str(files["good"])


def test_convert_to_output_file(capsys, files, tmp_path) -> None:
    out_path = tmp_path / "out" / "digest.bib"
    out_path.parent.mkdir()
    code, out, _ = run(capsys, "convert", str(files["good"]), "--to", "bibtex", "-o", str(out_path))
    assert (code, out) == (0, "")
    text = out_path.read_text(encoding="utf-8")
    assert text.startswith("@misc{arxiv:2512.17909,") and "张三" in text
    assert [p.name for p in out_path.parent.iterdir()] == ["digest.bib"]  # no partial file left


def test_convert_warns_about_problems_but_converts(capsys, files) -> None:
    code, out, err = run(capsys, "convert", str(files["broken"]), "--to", "myst")
    assert code == 0
    assert out.startswith("# arxiv 2025-12-22\n") and "## Title A" in out and "## 第二篇" in out
    assert f"{files['broken']}:7: warning: table row has 2 cells" in err


def test_convert_rst_with_selection(capsys, files) -> None:
    code, out, _ = run(capsys, "convert", str(files["topics"]), "--to", "rst", "--sort=-title", "--limit", "2")
    assert code == 0
    titles = [line for line, under in zip(out.splitlines(), out.splitlines()[1:]) if under and set(under) == {"-"}]
    assert titles == ["Slow NeRF", "Loop closure"]
    code, out, _ = run(capsys, "convert", str(files["topics"]), "--to", "json", "--filter", "nerf fast")
    assert [p["title"] for p in json.loads(out)["papers"]] == ["Fast NeRF"]
    code, out, _ = run(capsys, "convert", str(files["good"]), "--to", "bibtex", "--no-abstract")
    assert "abstract" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "FILE", "--to", "xml"],
        ["convert", "FILE"],
        ["convert", "FILE", "--to", "json", "--limit", "-1"],
        ["convert", "FILE", "--to", "json", "--sort", "stars"],
        ["check"],
        [],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(capsys, files, argv) -> None:
    code, out, err = run(capsys, *[str(files["good"]) if a == "FILE" else a for a in argv])
    assert code == 2 and out == ""
    assert "usage: arxivdigest" in err and "Traceback" not in err


def test_convert_missing_file_and_unwritable_output_exit_2(capsys, files, tmp_path) -> None:
    code, _, err = run(capsys, "convert", str(tmp_path / "nope.md"), "--to", "json")
    assert code == 2 and "digest file not found" in err
    code, _, err = run(capsys, "convert", str(files["good"]), "--to", "json", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    (tmp_path / "taken").mkdir()
    code, _, err = run(capsys, "convert", str(files["good"]), "--to", "json", "-o", str(tmp_path / "taken"))
    assert code == 2 and "cannot write" in err
    assert not list(tmp_path.glob(".*.partial"))


# -- stats -----------------------------------------------------------------------------------------


def test_stats_per_file_date_and_topic(capsys, files) -> None:
    code, out, _ = run(capsys, "stats", str(files["good"]), str(files["topics"]))
    assert code == 0
    sections = {block.splitlines()[0]: block.splitlines()[1:] for block in out.strip().split("\n\n")}
    assert [row.split() for row in sections["Papers per file:"]] == [
        [str(files["good"]), "2"], [str(files["topics"]), "3"], ["total", "5"],
    ]
    assert [row.split() for row in sections["Papers per date:"]] == [["2025-03-18", "1"], ["2025-03-19", "2"], ["2025-12-22", "2"]]
    topics = [row.rsplit(None, 1) for row in sections["Papers per topic:"]]
    assert [(name.strip(), count) for name, count in topics] == [("(no topic)", "2"), ("NeRF", "2"), ("SLAM", "1")]
    # Counts are right-aligned in one column.
    assert len({len(row) for row in sections["Papers per file:"]}) == 1


def test_stats_with_an_unreadable_file_still_counts_the_others(capsys, files, tmp_path) -> None:
    code, out, err = run(capsys, "stats", str(files["good"]), str(tmp_path / "nope.md"))
    assert code == 2 and "digest file not found" in err and "Papers per file:" in out


# -- options and progress --------------------------------------------------------------------------


def test_version_and_help(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"arxivdigest {__version__}")
    code, out, _ = run(capsys, "convert", "--help")
    assert code == 0 and "--to {json,bibtex,myst,rst}" in out


def test_no_progress_when_stderr_is_not_a_terminal(capsys, tmp_path) -> None:
    paths = []
    for number in range(cli.PROGRESS_THRESHOLD + 5):
        path = tmp_path / f"d{number}.md"
        path.write_text(GOOD, encoding="utf-8")
        paths.append(str(path))
    code, _, err = run(capsys, "check", *paths)
    assert code == 0
    summary = [line for line in err.splitlines() if " entries read, " not in line]  # per-file coverage
    assert summary == [f"{len(paths)} digests checked, {2 * len(paths)} papers, 0 problems"]


def test_progress_counter_without_tqdm(capsys, files, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # "import tqdm" now raises ImportError
    code, _, err = run(capsys, "check", "--progress", str(files["good"]), str(files["topics"]))
    assert code == 0
    assert f"[1/2] {files['good']}" in err and f"[2/2] {files['topics']}" in err


def test_progress_with_tqdm(capsys, files) -> None:
    pytest.importorskip("tqdm")
    code, _, err = run(capsys, "stats", "--progress", str(files["good"]), str(files["topics"]))
    assert code == 0 and "0/2 [" in err  # tqdm's bar, cleared at the end (leave=False)


def test_progress_decision() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    threshold = cli.PROGRESS_THRESHOLD
    assert cli._show_progress(None, threshold + 1, Stream(True)) is True
    assert cli._show_progress(None, threshold, Stream(True)) is False
    assert cli._show_progress(None, threshold + 1, Stream(False)) is False
    assert cli._show_progress(True, 1, Stream(False)) is True
    assert cli._show_progress(False, 100, Stream(True)) is False


def test_python_dash_m_check(files) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_arxivdigest", "check", str(files["broken"])],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 1
    assert f"{files['broken']}:7: table row has 2 cells, the header has 4" in result.stdout
    assert "Traceback" not in result.stderr
