"""The archive's build caches at full size, without building: what every build and an incremental one pay.

- summary cache (:mod:`sphinx_arxivdigest.sphinx.archive_summary`): 1,000 digest summaries of 100
  papers (titles of 80 characters, 20 topics). ``load``: a new cache read from its file, ``read``:
  the same plus every summary asked for and every paper's topic read (what ``builder-inited``
  does), ``save``: the file written after one digest changed.
- export cache (:mod:`sphinx_arxivdigest.sphinx.export_cache`): 1,000 cached groups of 100
  fragments (~1.8 KB of JSON, ~1.5 KB of BibTeX each) and one group added, as after adding a
  digest: the signature check, ``assemble``, both files' bytes, writing them, ``save``.

Digest parsing and serialising are replaced by synthetic data (only the caches are timed). Each
number is the median of ``--runs`` runs, in milliseconds.

Usage::

    .venv/bin/python benchmarks/cache_speed.py [--baseline-src DIR] [--runs 5]

``--baseline-src`` times the ``sphinx_arxivdigest`` found in ``DIR`` (a checkout of another
revision) instead of this one, in a separate process per package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def bench_summaries(runs: int, folder: Path) -> dict[str, float]:
    model = importlib.import_module("sphinx_arxivdigest.model")
    summary = importlib.import_module("sphinx_arxivdigest.sphinx.archive_summary")
    rng = random.Random(1)
    words = ["diffusion", "transformer", "latent", "policy", "reward", "agent", "graph", "vision", "language"]
    topics = [f"Topic number {i}" for i in range(20)]
    digests = {}
    for d in range(1000):
        papers = [model.Paper(arxiv_id=f"{2300 + d // 100}.{d * 100 + p:05d}",
                              title=" ".join(rng.choice(words) for _ in range(20))[:80], topic=rng.choice(topics))
                  for p in range(100)]
        digests[f"/src/digests/{d:04d}.md"] = model.Digest(papers=papers, title=f"arxiv day {d}",
                                                           date=dt.date(2023, 1, 1) + dt.timedelta(d))
    summary.open_digest = lambda env, path: digests[path]
    summary.settings = lambda config: SimpleNamespace(max_bytes=None)
    summary._stamp = lambda path, max_bytes: (1, 2, max_bytes)
    env = SimpleNamespace(config=None)
    times: dict[str, list[float]] = {"load": [], "read": [], "save": []}
    for run in range(runs):
        path = folder / f"summaries{run}.pickle"
        cache = summary.SummaryCache(path)
        for name in digests:
            cache.get(env, name)
        start = time.perf_counter()
        cache.save()
        times["save"].append(time.perf_counter() - start)
        start = time.perf_counter()
        cache = summary.SummaryCache(path)
        times["load"].append(time.perf_counter() - start)
        count = sum(1 for name in digests for paper in cache.get(env, name).papers if paper.topic)
        times["read"].append(time.perf_counter() - start)
        assert count == 100_000 and not cache.changed
    return {f"summary {key}": _median_ms(value) for key, value in times.items()}


def bench_exports(runs: int, folder: Path) -> dict[str, float]:
    cache_module = importlib.import_module("sphinx_arxivdigest.sphinx.export_cache")
    item = ('{\n  "arxiv_id": "%s",\n  "title": "' + "x" * 1700 + '"\n}').replace("\n", "\n    ")
    tail = (",\n  title = {" + "y" * 1450 + "},\n}\n").encode()

    def serialise(ids: list[str]) -> Any:
        return (",\n    ".join(item % i for i in ids).encode(), tuple(f"arxiv:{i}" for i in ids), (tail,) * len(ids))

    cache_module.full_papers = lambda env, members: [(member, member) for member in members]
    cache_module.serialise_papers = serialise

    def groups(count: int) -> list[Any]:
        made = []
        for group in range(count):
            ids = tuple(f"{2300 + group // 100}.{group * 100 + p:05d}" for p in range(100))
            made.append(((f"/src/digests/{group}.md", 1, 2, ids), list(ids)))
        return made

    cache = folder / cache_module.CACHE_NAME
    base, added = groups(1000), groups(1001)[-1]
    ends = "end" in inspect.signature(cache_module.Assembled.json_bytes).parameters
    steps = ("signature", "assemble", "join", "write", "save", "total")
    times: dict[str, list[float]] = {step: [] for step in steps}
    for _run in range(runs):
        cache_module.save(cache, cache_module.export_signature(base, "x"), cache_module.assemble(None, base, cache))
        now = [*base, added]
        marks = [time.perf_counter()]
        signature = cache_module.export_signature(now, "x")
        assert cache_module.stored_signature(cache) != signature
        marks.append(time.perf_counter())
        exports = cache_module.assemble(None, now, cache)
        marks.append(time.perf_counter())
        if ends:
            data = [exports.json_bytes(b"\n", project="P"), exports.bibtex_bytes(b"\n")]
        else:
            data = [exports.json_bytes(project="P") + b"\n", exports.bibtex_bytes() + b"\n"]
        marks.append(time.perf_counter())
        for number, chunk in enumerate(data):
            (folder / f"export{number}").write_bytes(chunk)
        del data
        marks.append(time.perf_counter())
        cache_module.save(cache, signature, exports)
        marks.append(time.perf_counter())
        assert len(exports.serialised) == 1
        for step, start, end in zip(steps, marks, marks[1:], strict=False):
            times[step].append(end - start)
        times["total"].append(marks[-1] - marks[0])
    return {f"export {key}": _median_ms(value) for key, value in times.items()}


def measure(runs: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="cache-speed-"))
    try:
        return {**bench_summaries(runs, folder), **bench_exports(runs, folder)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline-src", type=Path, help="time the sphinx_arxivdigest of this checkout instead")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one process's numbers
    args = parser.parse_args(argv)
    if args.json:
        package = importlib.import_module("sphinx_arxivdigest").__file__
        print(json.dumps({"package": str(Path(str(package)).parent.parent), **measure(args.runs)}))
        return 0
    source = (args.baseline_src or HERE.parent).resolve()
    command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(source)!r}); sys.path.insert(0, "
               f"{str(HERE)!r}); import cache_speed; sys.exit(cache_speed.main(['--json', '--runs', '{args.runs}']))"]
    numbers = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    print(f"sphinx_arxivdigest from {numbers.pop('package')}; medians of {args.runs} runs, ms")
    for key, value in numbers.items():
        print(f"  {key:<20} {value:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
