"""What the terminal shows for problems: `file:line:column: error: message` and a hint line.

Shared by cli, batch and watch, so the stages that drive renders never reach back up into the
command line module. Colour only on a terminal, and never when NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys

from .problems import BriefError, Problem


def color() -> bool:
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


def paint(text: str, code: str) -> str:
    """`text` in the ANSI style `code` (e.g. "1;31") when stderr shows colour, else as is."""
    return f"\033[{code}m{text}\033[0m" if color() else text


def print_problems(err: BriefError, limit: int = 20) -> None:
    """Print up to `limit` problems to stderr, then how many more there were."""
    shown = err.problems[:limit]
    for p in shown:
        head = f"{p.file}:{p.line}:{p.column}: "
        print(head + paint("error:", "1;31") + f" {p.message}", file=sys.stderr)
        if p.hint:
            print("  " + paint("hint:", "1;36") + f" {p.hint}", file=sys.stderr)
    more = len(err.problems) - len(shown)
    if more > 0:
        print(f"... and {plural(more, 'more problem')}", file=sys.stderr)


def internal_error(source, exc: BaseException) -> BriefError:
    """A bug in briefpdf as a Problem against the source that met it, so a loop can go on."""
    return BriefError([Problem(str(source), 1, 1, f"internal error: {type(exc).__name__}: {exc}",
                               "please report this with the source file")])


def plural(n: int, word: str) -> str:
    """'1 page', '3 pages'."""
    return f"{n} {word}{'s' if n != 1 else ''}"
