"""The ``arxivdigest`` command: check digests, convert them, count their papers. No Sphinx needed.

Exit codes: 0 fine, 1 a digest has problems (``check``), 2 a file could not be read or written, or
the command line was wrong. Messages go to stderr; results (problems, conversions, tables) to stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from .formats.bibtex import papers_to_bibtex
from .formats.json_export import digest_to_json
from .formats.pages import digest_to_myst, digest_to_rst
from .model import SORT_KEYS, Digest, DigestError, check_limit, check_sort
from .reading import load_digest
from .version import __version__

__all__ = ["main"]

PROG = "arxivdigest"
#: More files than this get a progress bar (when stderr is a terminal, or with ``--progress``).
PROGRESS_THRESHOLD = 20
EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class _UsageError(Exception):
    """A wrong command line: argparse's message, turned into exit code 2 instead of SystemExit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(message)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


# -- progress --------------------------------------------------------------------------------------


def _show_progress(option: bool | None, count: int, stream: TextIO) -> bool:
    """``--progress``/``--no-progress`` decide; by default only many files on a terminal get a bar."""
    if option is not None:
        return option
    return count > PROGRESS_THRESHOLD and stream.isatty()


def _counter(items: Sequence[T], stream: TextIO) -> Iterator[T]:
    """The fallback when tqdm is not installed: ``[12/300] path`` rewritten in place."""
    width = 0
    for number, item in enumerate(items, 1):
        text = f"[{number}/{len(items)}] {item}"
        stream.write("\r" + text.ljust(width))
        stream.flush()
        width = len(text)
        yield item
    if items:
        stream.write("\r" + " " * width + "\r")
        stream.flush()


def _progress(items: Sequence[T], enabled: bool) -> Iterable[T]:
    if not enabled:
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return _counter(items, sys.stderr)
    return tqdm(items, file=sys.stderr, unit="file", leave=False, dynamic_ncols=True)


def _load_all(paths: Sequence[str], progress: bool | None) -> tuple[list[tuple[str, Digest]], int]:
    """The readable digests in order, and how many files could not be read (each reported)."""
    loaded, failed = [], 0
    for path in _progress(paths, _show_progress(progress, len(paths), sys.stderr)):
        try:
            loaded.append((path, load_digest(path)))
        except DigestError as error:
            failed += 1
            _error(f"{path}:{error.line}: {error}" if error.line else str(error))
    return loaded, failed


# -- check -----------------------------------------------------------------------------------------


def _coverage(path: str, digest: Digest) -> str:
    """One line per file: entries read, identifiers seen and not read, the layouts recognised."""
    unread = max(0, digest.identifiers_seen - len({p.arxiv_id for p in digest.papers}))
    layouts = ", ".join(digest.layouts) or "none"
    return (f"{path}: {len(digest.papers)} entries read, {digest.identifiers_seen} identifiers seen, "
            f"{unread} not read; layouts: {layouts}")


def cmd_check(args: argparse.Namespace) -> int:
    """``file:line: message`` for every problem; 1 when there are any, 2 when a file is unreadable."""
    loaded, failed = _load_all(args.files, args.progress)
    problems = 0
    for path, digest in loaded:
        for problem in digest.problems:
            print(f"{path}:{problem.line}: {problem.message}")
        problems += len(digest.problems)
        if not args.quiet:
            print(_coverage(path, digest), file=sys.stderr)
    if not args.quiet:
        papers = sum(len(d.papers) for _, d in loaded)
        summary = f"{len(loaded)} digest{'s' if len(loaded) != 1 else ''} checked, {papers} papers, "
        summary += f"{problems} problem{'s' if problems != 1 else ''}"
        if failed:
            summary += f", {failed} unreadable"
        print(summary, file=sys.stderr)
    if failed:
        return EXIT_ERROR
    return EXIT_PROBLEMS if problems else EXIT_OK


# -- convert ---------------------------------------------------------------------------------------

FORMATS = ("json", "bibtex", "myst", "rst")


def _convert(digest: Digest, fmt: str, args: argparse.Namespace) -> str:
    selected = digest.select(filter=args.filter, sort=args.sort, limit=args.limit)
    if fmt == "json":
        return digest_to_json(dataclasses.replace(digest, papers=selected))
    if fmt == "bibtex":
        return papers_to_bibtex(selected, abstract=not args.no_abstract)
    if fmt == "myst":
        return digest_to_myst(digest, selected)
    return digest_to_rst(digest, selected)


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # Write next to the target, then rename: a failed run never leaves half a file behind.
    target = Path(output)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8", newline="\n")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def cmd_convert(args: argparse.Namespace) -> int:
    """The digest in another format, to stdout or ``-o``; its problems are warned about on stderr."""
    try:
        digest = load_digest(args.file)
    except DigestError as error:
        _error(f"{args.file}:{error.line}: {error}" if error.line else str(error))
        return EXIT_ERROR
    for problem in digest.problems:
        print(f"{args.file}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    try:
        text = _convert(digest, args.to, args)
    except ValueError as error:  # e.g. a negative --limit
        _error(str(error))
        return EXIT_ERROR
    try:
        _write(text, args.output)
    except OSError as error:
        _error(f"cannot write {args.output}: {error.strerror or error}")
        return EXIT_ERROR
    return EXIT_OK


# -- stats -----------------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Terminal columns: CJK and emoji take two, which ``str.ljust`` does not know."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _table(title: str, rows: Sequence[tuple[str, int]]) -> list[str]:
    """A titled two-column table, names left-aligned, counts right-aligned."""
    if not rows:
        return [title, "  (none)"]
    name_width = max(_width(name) for name, _ in rows)
    count_width = max(len(str(count)) for _, count in rows)
    return [title] + [
        f"  {name}{' ' * (name_width - _width(name))}  {str(count).rjust(count_width)}" for name, count in rows
    ]


def cmd_stats(args: argparse.Namespace) -> int:
    """Papers per file, per date and per topic, as plain aligned text."""
    loaded, failed = _load_all(args.files, args.progress)
    per_file = [(path, len(d.papers)) for path, d in loaded]
    papers = [p for _, d in loaded for p in d.papers]
    dates = Counter(p.date.isoformat() if p.date else "(no date)" for p in papers)
    topics = Counter(p.topic or "(no topic)" for p in papers)
    lines = _table("Papers per file:", per_file + ([("total", len(papers))] if len(per_file) > 1 else []))
    lines += [""] + _table("Papers per date:", sorted(dates.items(), key=lambda item: (item[0].startswith("("), item[0])))
    lines += [""] + _table("Papers per topic:", sorted(topics.items(), key=lambda item: (-item[1], item[0])))
    print("\n".join(lines))
    return EXIT_ERROR if failed else EXIT_OK


# -- command line ----------------------------------------------------------------------------------


def _rule(check: Callable[[Any], T], convert: Callable[[str], Any] = str) -> Callable[[str], T]:
    """An argparse type from the model's rule, so the command line accepts what the directive does."""

    def parse(text: str) -> T:
        try:
            return check(convert(text))
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also handy for documentation tools such as sphinx-argparse)."""
    parser = _Parser(
        prog=PROG,
        description="Check arXiv digest markdown files, convert them to JSON, BibTeX, MyST or rST, "
        "and count their papers.",
        epilog="Exit status: 0 fine, 1 problems found by 'check', 2 unreadable files or usage errors.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    many = _Parser(add_help=False)
    many.add_argument("files", nargs="+", metavar="FILE", help="digest markdown files")
    many.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help=f"show a progress bar on stderr (default: when more than {PROGRESS_THRESHOLD} files "
        "are given and stderr is a terminal)",
    )

    check = commands.add_parser(
        "check", parents=[many], help="list every problem of each digest",
        description="Print every problem as FILE:LINE: MESSAGE. Exit 1 when there are problems, "
        "2 when a file cannot be read.",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    check.set_defaults(func=cmd_check)

    convert = commands.add_parser(
        "convert", help="convert one digest to JSON, BibTeX, MyST or rST",
        description="Convert a digest. json: the versioned sphinx-arxivdigest/digest schema; "
        "bibtex: @misc entries; myst/rst: a standalone page with one section per paper (title, "
        "authors, arXiv link, date, PDF link, abstract) that needs no Sphinx extension.",
    )
    convert.add_argument("file", metavar="FILE", help="digest markdown file")
    convert.add_argument("--to", required=True, choices=FORMATS, help="output format")
    convert.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    convert.add_argument("--filter", help="keep papers containing every word (as the directive's :filter:)")
    convert.add_argument(
        "--sort", type=_rule(check_sort), help=f"{', '.join(SORT_KEYS)}; descending with a '-' prefix, written --sort=-date"
    )
    convert.add_argument("--limit", type=_rule(check_limit, int), help="keep at most N papers (after filter and sort)")
    convert.add_argument("--no-abstract", action="store_true", help="bibtex: leave abstracts out")
    convert.set_defaults(func=cmd_convert)

    stats = commands.add_parser(
        "stats", parents=[many], help="count papers per file, date and topic",
        description="Count papers per file, per date and per topic.",
    )
    stats.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status rather than exiting (``sys.exit(main())``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`arxivdigest check ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13  # as if killed by SIGPIPE, like other Unix tools


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
