"""Time one ``arxiv-digest`` directive call of the mystmd plugin on a 1,000-paper digest.

mystmd starts the executable plugin afresh for every directive and role, so the cost of a page is
process start + imports + reading the digest + building the AST + JSON. Target: under 2 s a call.
The digest is generated (``generate.py``: the rows of two 500-paper digests in one table);
each call runs the installed console script exactly as mystmd does (JSON on stdin, cwd = project).

Usage::

    .venv/bin/python benchmarks/mystmd_plugin.py [--runs 9] [--papers 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import HEADER, make_digest

PLUGIN = Path(sys.executable).parent / "arxivdigest-myst"


def write_project(root: Path, papers: int) -> Path:
    """A mystmd project whose page shows one digest of ``papers`` papers (500 rows per generated day)."""
    rows: list[str] = []
    day = count = 0
    while count < papers:
        digest = make_digest(1, day, min(500, papers - count))
        rows.append(digest.text.split(HEADER, 1)[1])  # the table body: rows span several lines
        count += len(digest.papers)
        day += 1
    (root / "digests").mkdir(parents=True)
    digest = root / "digests" / "big.md"
    digest.write_text(f"# arxiv 2023-01-02\n\n{HEADER}{''.join(rows)}", encoding="utf-8")
    (root / "myst.yml").write_text(f"version: 1\nproject:\n  plugins:\n    - type: executable\n      path: {PLUGIN}\n")
    (root / "index.md").write_text("# Papers\n\n```{arxiv-digest} digests/big.md\n```\n", encoding="utf-8")
    return digest


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def call(root: Path, args: list[str], data: dict | None) -> tuple[float, float, str]:
    """Wall-clock and CPU (user + sys) seconds of one plugin process, and its stdout. CPU time is
    what to compare on a busy machine; wall clock is what mystmd waits."""
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([str(PLUGIN), *args], input=json.dumps(data) if data else "", capture_output=True,
                            text=True, cwd=root, check=True)
    return time.perf_counter() - start, _children_cpu() - cpu, result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--papers", type=int, default=1000)
    args = parser.parse_args(argv)
    data = {"name": "arxiv-digest", "arg": "digests/big.md", "options": {},
            "node": {"type": "mystDirective", "position": {"start": {"line": 3}}}}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        digest = write_project(root, args.papers)
        declare = [call(root, ["--declare"], None) for _ in range(args.runs)]
        directive = [call(root, ["--directive", "arxiv-digest"], data) for _ in range(args.runs)]
        out = directive[-1][2]
        cards = len(json.loads(out)[-1]["children"])
        size, output = digest.stat().st_size / 1e6, len(out.encode()) / 1e6
        print(f"digest: {size:.2f} MB, {cards} cards; output {output:.2f} MB JSON")
        print(f"load average before the runs: {load[0]:.1f} (1 min) on {os.cpu_count()} cores")
        for name, runs in (("--declare (process start + imports)", declare), ("--directive arxiv-digest", directive)):
            wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
            print(f"{name}: median {statistics.median(wall):.3f} s wall (min {min(wall):.3f}, max {max(wall):.3f}), "
                  f"median {statistics.median(cpu):.3f} s CPU; {args.runs} runs")
        median = statistics.median(r[0] for r in directive)
        print(f"{'PASS' if median < 2 else 'FAIL'}  one directive call on {cards} papers < 2 s wall: {median:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
