"""The command line's side of warnings, configuration and versions: the options, `validate`,
`validate --list-warnings` and `diff`, and how the project configuration fills in options.

Kept beside cli.py so the command table there stays a table. Prints; never lays anything out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks import Checks
from .problems import BriefError, printable
from .report import counts, plural, print_problems


def add_check_options(p: argparse.ArgumentParser) -> None:
    """--strict and --codes: the options every command that checks sources takes."""
    p.add_argument("--strict", action="store_true", help="warnings fail like errors (exit 1)")
    p.add_argument("--codes", action="append", metavar="FILE",
                   help="a code-set CSV to check codes against (repeatable; replaces 'codes' of the configuration)")


def checks_of(args: argparse.Namespace) -> Checks:
    return Checks(codes=tuple(args.codes) if args.codes else None, strict=args.strict,
                  previous=getattr(args, "previous", None))


def apply_config(args: argparse.Namespace, sources: list[Path], out_dir: bool = True) -> None:
    """Options left unset take the project configuration's value (the one nearest the first
    source, else the working folder), then briefpdf's default."""
    from . import config

    settings = config.for_source(sources[0] if sources else None)
    if getattr(args, "style", "unset") is None:
        args.style = settings.style or "default"
    if out_dir and getattr(args, "out_dir", "unset") is None:
        args.out_dir = settings.out_dir or "out"


def cmd_validate(args: argparse.Namespace) -> int:
    """The same checks and messages as render, up to the layout; without --style, never imports
    ReportLab. With --style, the style is also tried on a sample briefing and the sources'
    characters are checked against its fonts."""
    from .paths import expand
    from .pipeline import load_checked

    if args.list_warnings:
        return list_warnings()
    if not args.paths:
        print("briefpdf validate: error: give one or more sources (or --list-warnings)", file=sys.stderr)
        return 2
    failed, found = 0, []
    style = None
    if args.style:
        from .pipeline import probe_style

        try:
            probe = probe_style(args.style)  # loads the style first: its own problems come from there
            if probe:
                raise BriefError(probe)
            style = args.style
        except BriefError as err:
            print_problems(err)
            failed, found = 1, list(err.problems)
    sources = expand(args.paths)
    checks = checks_of(args)
    for path in sources:
        try:
            warnings = load_checked(path, style, checks)[3].warnings
        except BriefError as err:
            print_problems(err)
            failed += 1
            found += err.problems
            continue
        found += warnings
        if warnings:
            print_problems(BriefError(list(warnings)))
        if checks.strict and warnings:
            failed += 1
        elif not args.quiet:
            print(f"{printable(str(path))}: ok" + (f" ({plural(len(warnings), 'warning')})" if warnings else ""))
    if not args.quiet and (len(sources) > 1 or any(p.is_warning for p in found)):
        print(f"{plural(len(sources), 'source')} checked: {counts(found)}")
    return 1 if failed else 0


def list_warnings() -> int:
    from .lint import table

    print("id     name                 default  what it catches")
    for line in table():
        print(line)
    print("\nsilence one in briefpdf.toml (or [tool.briefpdf] in pyproject.toml): ignore = [\"BP103\"];"
          " switch one on: enable = [\"BP111\"]")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed between two versions of a source: the lines of the What changed box."""
    from .diff import comparison
    from .present import date_text, labels_of

    old, new = _load_pair(args.old, args.new)
    found = comparison(old, new)
    words = labels_of(new).changes
    print(f"{words['heading']}, {new.label}: {found.since} ({printable(args.old)} \u2192 {printable(args.new)})")
    for line in found.lines or (words["nothing"],):
        print(f"  - {line}")
    for change in new.changes:
        print(f"  {date_text(change.date)}: {' '.join(change.text.split())}")
    return 0


def _load_pair(old: str, new: str):
    """Both versions, or every problem of both."""
    from .load import load

    loaded, problems = [], []
    for path in (old, new):
        try:
            loaded.append(load(path))
        except BriefError as err:
            problems += err.problems
    if problems:
        raise BriefError(problems)
    return loaded


def render_one_source(args: argparse.Namespace, source: Path, out: Path) -> int:
    """`render FILE`: the PDF, its warnings (unless -q) and the counts line when there are any."""
    from .pipeline import render_file

    result = render_file(source, out, args.style, checks_of(args))
    if not args.quiet:
        if result.warnings:
            print_problems(BriefError(list(result.warnings)))
        print(f"{printable(str(result.path))} ({plural(result.pages, 'page')}, {result.size / 1024:.0f} KB)")
        if result.warnings:
            print(counts(result.warnings), file=sys.stderr)
    return 0
