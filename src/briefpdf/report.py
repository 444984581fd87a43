"""What the terminal shows: problems as `file:line:column: error: message` and a hint line, and
a batch's progress, summary and exit code.

Shared by cli and watch, so the stages that drive renders never reach back up into the command
line module, and the batch library (batch.py) prints nothing. Colour only on a terminal, and
never when NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import BriefError, printable

if TYPE_CHECKING:
    from .batch import BatchResult, Executor, Outcome
    from .checks import Checks


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
        print(head + paint(f"{p.label}:", "1;33" if p.is_warning else "1;31") + f" {p.message}", file=sys.stderr)
        if p.hint:
            print("  " + paint("hint:", "1;36") + f" {p.hint}", file=sys.stderr)
    more = len(err.problems) - len(shown)
    if more > 0:
        print(f"... and {plural(more, 'more problem')}", file=sys.stderr)


def shown(path: object) -> str:
    """A path as the terminal shows it: control characters and undecodable bytes escaped, so a
    file name can neither repaint the screen nor fail to print."""
    return printable(str(path))


def counts(problems) -> str:
    """'0 errors, 2 warnings': the summary line of a command that checks sources."""
    warned = sum(1 for p in problems if p.is_warning)
    return f"{plural(len(problems) - warned, 'error')}, {plural(warned, 'warning')}"


def print_warnings(outcomes) -> None:
    """Each source's warnings, in the order the sources were given (a batch's successes)."""
    for o in outcomes:
        if o.warnings and o.status != "failed":
            print_problems(BriefError(list(o.warnings)))


def plural(n: int, word: str) -> str:
    """'1 page', '3 pages'."""
    return f"{n} {word}{'s' if n != 1 else ''}"


# ----------------------------------------------------------------------------- a batch on the terminal

class BatchProgress:
    """A batch's progress on stderr or stdout: a bar (tqdm) on a terminal when more than one
    document is rendered, else one line per source when output is piped; nothing with quiet."""

    def __init__(self, total: int, quiet: bool):
        self.quiet = quiet
        self.plain = not quiet and not sys.stderr.isatty()
        self.total = total
        self.done = 0
        self.bar = None

    def on_plan(self, todo: int) -> None:
        if not self.quiet and not self.plain and todo > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=todo, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False,
                            desc="rendering", disable=None)

    def on_outcome(self, o: "Outcome") -> None:
        from .batch import RENDERED, UP_TO_DATE

        self.done += 1
        if self.bar is not None and o.status != UP_TO_DATE:
            self.bar.update(1)
            self.bar.set_postfix_str(shown(o.source.name), refresh=False)
        if self.plain:
            n = f"[{self.done}/{self.total}]"
            if o.status == RENDERED:
                print(f"{n} {shown(o.output)} ({plural(o.pages, 'page')})", flush=True)
            else:
                print(f"{n} {o.status}: {shown(o.output if o.status == UP_TO_DATE else o.source)}", flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def print_summary(result: "BatchResult", quiet: bool) -> None:
    """`rendered N · up to date N · failed N in S s (R docs/s)`, then each failure's problems."""
    from .batch import RENDERED, UP_TO_DATE

    failed = result.failed
    if not quiet:
        rendered = result.count(RENDERED)
        rate = f" ({rendered / result.seconds:.1f} docs/s)" if rendered and result.seconds > 0 else ""
        parts = [f"rendered {rendered}", f"up to date {result.count(UP_TO_DATE)}",
                 paint(f"failed {len(failed)}", "1;31") if failed else "failed 0"]
        print(" · ".join(parts) + f" in {result.seconds:.1f} s{rate}", file=sys.stderr)
    if failed:
        print(paint(f"{plural(len(failed), 'source')} failed:", "1"), file=sys.stderr)
        for o in failed:
            print_problems(BriefError(o.problems))


def run_batch(sources: list[Path], *, out_dir: Path, style: str, jobs: int, quiet: bool, force: bool,
              executor: "Executor | None" = None, scheduler: str | None = None,
              checks: "Checks | None" = None) -> int:
    """The CLI's batch: `batch.render_many` with progress, summary and failures; the exit code.
    `scheduler` (a Dask scheduler's address, or "local") changes where it renders, nothing else."""
    from .batch import render_many

    progress = BatchProgress(len(sources), quiet)
    try:
        result = render_many(sources, out_dir, style, jobs=jobs, force=force, executor=executor,
                             on_outcome=progress.on_outcome, on_plan=progress.on_plan, scheduler=scheduler,
                             checks=checks)
    finally:
        progress.close()
    if not quiet:
        print_warnings(result.outcomes)
    print_summary(result, quiet)
    problems = [p for o in result.outcomes for p in (o.problems or o.warnings)]
    if problems and not quiet:
        print(counts(problems), file=sys.stderr)
    return 1 if result.failed else 0
