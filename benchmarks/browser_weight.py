"""What the reader's browser pays: page weight, load time and filter latency of a page of cards.

Builds, at each size, (a) one page with ``arxiv-digest`` and ``:filter-box:`` (default options:
collapsed abstracts, BibTeX button) and (b) the same papers as hand-written sphinx-design cards
(as ``benchmarks/run.py`` writes them), then opens both in headless Chromium over ``file://``:

- HTML bytes per card: (page of N cards - page of 1 card) / (N - 1), UTF-8 bytes;
- DOM elements of the page, ``searchindex.js`` size;
- load: ``loadEventEnd`` of the navigation, ``--loads`` interleaved loads of (a) and (b), median;
  the ratio (a)/(b) of the medians;
- filter latency of (a): from the ``input`` event to the next frame (a ``requestAnimationFrame``
  then a task), for each keystroke of a word typed letter by letter, a word matching nothing,
  and clearing the field; and clearing until every card is back (the filter changes a bounded
  number of cards a frame, the grid ``aria-busy`` meanwhile) and the frame after.

Usage::

    python benchmarks/browser_weight.py --sizes 2000 10000 [--append]

``--append`` adds the table to ``benchmarks/RESULTS.md``. Never downloads a browser: Chromium is
``/usr/bin/chromium``, driven by Playwright.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # keystroke.py

from generate import generate_archive, write_archive  # noqa: E402
from run import CONF, EXTENSIONS, _hand_card  # noqa: E402

from keystroke import KEYSTROKE_JS, SETTLED_JS  # noqa: E402  (the same measure as tests/test_browser_weight.py)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

def write_project(root: Path, variant: str, digests: int, papers: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    archive = generate_archive(digests, papers, seed=1)
    (root / "conf.py").write_text(CONF.format(variant=variant, extensions=EXTENSIONS[variant]))
    if variant == "a":
        write_archive(archive, root / "digests")
        body = "```{arxiv-digest} digests/*.md\n:filter-box:\n```\n"
    else:
        cards = [paper for digest in archive for paper in digest.papers]
        body = "`````{grid} 1 1 2 2\n:gutter: 3\n\n" + "".join(map(_hand_card, cards)) + "`````\n"
    (root / "index.md").write_text("# Papers\n\n" + body, encoding="utf-8")


def build(root: Path) -> Path:
    out = root / "_build" / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(root), str(out)], check=True)
    return out


def split(count: int) -> tuple[int, int]:
    """(digests, papers a digest) for ``count`` papers."""
    if count <= 999:
        return 1, count
    for digests in range(2, 200):
        if count % digests == 0 and count // digests <= 999:
            return digests, count // digests
    raise ValueError(count)


def measure_size(count: int, work: Path, loads: int) -> dict:
    from playwright.sync_api import sync_playwright

    result: dict = {"cards": count}
    outs = {}
    for variant in "ab":
        one = work / f"{variant}-1"
        write_project(one, variant, 1, 1)
        page_one = (build(one) / "index.html").stat().st_size
        root = work / f"{variant}-{count}"
        write_project(root, variant, *split(count))
        outs[variant] = build(root)
        size = (outs[variant] / "index.html").stat().st_size
        result[variant] = {
            "html_bytes": size,
            "bytes_per_card": round((size - page_one) / (count - 1)),
            "searchindex_bytes": (outs[variant] / "searchindex.js").stat().st_size,
        }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS[1:])
        times: dict[str, list[float]] = {"a": [], "b": []}
        for _ in range(loads):
            for variant in "ab":
                page = browser.new_page()
                page.goto((outs[variant] / "index.html").as_uri(), wait_until="load")
                times[variant].append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd"))
                result[variant]["dom_elements"] = page.evaluate("document.getElementsByTagName('*').length")
                page.close()
        for variant in "ab":
            result[variant]["load_ms"] = round(statistics.median(times[variant]), 1)
        result["load_ratio"] = round(result["a"]["load_ms"] / result["b"]["load_ms"], 3)
        page = browser.new_page()
        page.goto((outs["a"] / "index.html").as_uri(), wait_until="load")
        page.wait_for_selector(".arxiv-filter-input", state="visible")
        page.wait_for_timeout(300)
        strokes = []
        for word in ("diffusion", "zzzq"):
            for end in range(1, len(word) + 1):
                strokes.append(("type", page.evaluate(KEYSTROKE_JS, word[:end])))
            for end in range(len(word) - 1, -1, -1):  # backspace to empty
                strokes.append(("delete", page.evaluate(KEYSTROKE_JS, word[:end])))
        page.evaluate(KEYSTROKE_JS, "diffusion")
        clear = [page.evaluate(KEYSTROKE_JS, "") for _ in range(1)]
        for _ in range(4):
            page.evaluate(KEYSTROKE_JS, "transformer")
            clear.append(page.evaluate(KEYSTROKE_JS, ""))
        settled = []
        for _ in range(3):
            page.evaluate(KEYSTROKE_JS, "transformer")
            page.wait_for_timeout(500)
            settled.append(page.evaluate(SETTLED_JS, ""))
        typed = [ms for _, ms in strokes]
        result["filter_ms"] = {
            "keystroke_median": round(statistics.median(typed), 1),
            "keystroke_max": round(max(typed), 1),
            "clear_max": round(max(clear), 1),
            "clear_settled_max": round(max(settled), 1),
        }
        result["shown_after"] = page.locator(".arxiv-filter-count").text_content()
        browser.close()
    return result


def table(results: list[dict]) -> str:
    lines = [
        "| cards | variant | HTML/card | page HTML | searchindex.js | DOM elements | load (median) | "
        "load ratio a/b | filter keystroke median / max | clearing max | clearing, every card back |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for variant, name in (("a", "(a) arxiv-digest :filter-box:"), ("b", "(b) hand-written sphinx-design")):
            v = r[variant]
            filt = r["filter_ms"] if variant == "a" else None
            typed = f"{filt['keystroke_median']} / {filt['keystroke_max']} ms" if filt else ""
            cleared = f"{filt['clear_max']} ms" if filt else ""
            settled = f"{filt['clear_settled_max']} ms" if filt else ""
            lines.append(
                f"| {r['cards']:,} | {name} | {v['bytes_per_card']:,} B | {v['html_bytes'] / 1e6:.2f} MB | "
                f"{v['searchindex_bytes'] / 1e3:.0f} KB | {v['dom_elements']:,} | {v['load_ms']:.0f} ms | "
                f"{r['load_ratio'] if variant == 'a' else ''} | "
                f"{typed} | {cleared} | {settled} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--loads", type=int, default=5, help="interleaved page loads per variant (default 5)")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "browser")
    parser.add_argument("--append", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    results = []
    for count in args.sizes:
        print(f"{count} cards...", flush=True)
        results.append(measure_size(count, args.work, args.loads))
        print(json.dumps(results[-1]), flush=True)
    text = table(results)
    print(text)
    if args.append:
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n## Browser weight ({dt.date.today().isoformat()}, {platform.python_version()}, headless Chromium, "
                f"file://)\n\n`python benchmarks/browser_weight.py --sizes {' '.join(map(str, args.sizes))} "
                f"--loads {args.loads}`: (a) the directive with `:filter-box:` at default options, (b) the same papers "
                "hand-written with sphinx-design. Load: median `loadEventEnd`; filter: input event to next frame.\n\n"
                + text + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
