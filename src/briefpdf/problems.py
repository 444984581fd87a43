"""Errors as values with a place: every stage reports `Problem`s, only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass


def printable(text: str) -> str:
    """`text` with line breaks, control and invisible characters shown as escapes.

    A message is one line on a terminal: a key typed as '\\r' or an ANSI escape must neither
    break it nor repaint the user's screen.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] if ord(ch) < 0x10000 and repr(ch)[1] == "\\"
                   else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}" for ch in text)


ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, pointing at the file, line and column (1-based).

    An error stops a render; a warning (a briefing that is valid but may mislead, see lint.py)
    does not, and carries the stable id of its rule (`code`, e.g. BP102) so it can be silenced.
    """

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: str = ERROR
    code: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "file", printable(str(self.file)))
        object.__setattr__(self, "message", printable(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", printable(self.hint))

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def label(self) -> str:
        """'error' or 'warning[BP102]': what the terminal prints after the position."""
        return f"{self.severity}[{self.code}]" if self.code else self.severity

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.label}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class BriefError(Exception):
    """Raised when an input cannot be rendered; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def internal_error(source, exc: BaseException) -> BriefError:
    """A bug in briefpdf as a Problem against the source that met it, so a loop can go on."""
    return BriefError([Problem(str(source), 1, 1, f"internal error: {type(exc).__name__}: {exc}",
                               "please report this with the source file")])


def did_you_mean(word: str, choices) -> str | None:
    """A ruff-style suggestion for a misspelt key or name, or None."""
    import difflib

    shown = printable(str(word))  # never suggest back what the user wrote (as the terminal shows it)
    close = difflib.get_close_matches(word, [c for c in choices if printable(str(c)) != shown], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
