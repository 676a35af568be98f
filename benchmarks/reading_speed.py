"""Reading speed: MB of digest text per second of CPU time, median of several runs.

Three inputs: the table layouts (the seed digest's pipe table, repeated) on the fast path, and the
general reader (every non-table corpus digest, repeated), and the general reader on the
list-item digests only (where markdown-it parses everything). Run: python benchmarks/reading_speed.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sphinx_arxivdigest import parse_digest

TESTS = Path(__file__).resolve().parents[1] / "tests"
TABLE_FILES = ["seed/arxiv-2025-12-22.md", "corpus/vincentqyw__cv-arxiv-daily__readme.md"]
GENERAL_FILES = [p for p in sorted((TESTS / "corpus").glob("*.md"))
                 if p.name not in ("MANIFEST.md", "README-second-batch.md", "SOURCES.md")
                 and "cv-arxiv-daily__readme" not in p.name and "shiyibihua" not in p.name
                 and "exopoiesis" not in p.name]


def _table_text(target: int) -> str:
    seed = (TESTS / TABLE_FILES[0]).read_text(encoding="utf-8")
    header, _, rows = seed.partition("|------")
    body = rows.split("\n", 1)[1]
    text = header + "|------" + rows.split("\n", 1)[0] + "\n"
    while len(text) < target:
        text += body
    return text


LIST_FILES = [p for p in GENERAL_FILES if any(n in p.name for n in ("aaron617", "thunlp", "panagiotagr", "lindongguo"))]


def _general_text(target: int, files: list[Path] = GENERAL_FILES) -> str:
    parts = [p.read_text(encoding="utf-8") for p in files]
    text = ""
    while len(text.encode()) < target:
        text += "\n\n".join(parts) + "\n\n"
    return text


def measure(text: str, runs: int = 5) -> float:
    size = len(text.encode("utf-8")) / 1e6
    times = []
    for _ in range(runs):
        start = time.process_time()
        parse_digest(text)
        times.append(time.process_time() - start)
    return size / statistics.median(times)


def main() -> None:
    table = _table_text(10_000_000)
    general = _general_text(5_000_000)
    print(f"tables:  {len(table.encode()) / 1e6:.1f} MB, {measure(table):.1f} MB/s (median of 5, CPU time)")
    print(f"general: {len(general.encode()) / 1e6:.1f} MB, {measure(general):.1f} MB/s (median of 5, CPU time)")
    lists = _general_text(5_000_000, LIST_FILES)
    print(f"general, list layouts only: {len(lists.encode()) / 1e6:.1f} MB, {measure(lists):.1f} MB/s")


if __name__ == "__main__":
    main()
