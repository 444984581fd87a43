"""Where a long word may break: URLs after `/ . - _ ? & = #`, other words after a hyphen or slash.

ReportLab breaks lines at spaces only. A word too long for what is left of a line goes whole
to the next one, or -- when it is longer than a line -- is cut between any two letters
("uhcprovider.com/co|ntent"). Its one hook for breaking inside a word is the URI splitter it
consults when a style sets `uriWasteReduce`; that splitter knows only slashes in
`scheme://` addresses. (With `embeddedHyphenation` 2, a word that cannot break on what is left
of a line moves to the next one and breaks there, rather than being cut where it stands.) briefpdf's paragraphs (typography.Para) swap in `break_pairs` while they
break lines, through a context variable, so any other ReportLab user in the process keeps
ReportLab's own behaviour. No hyphen is ever added: a URL must read as it is typed.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph

from ..markup import NBSP

URL_BREAK_AFTER = "/.-_?&=#"
# a URL, or the rest of one already broken ("lcd.aspx?lcdid=36711&ver=12"): a scheme, www., a
# path or query character, or a dot between a name and two or more letters
_URL = re.compile(r"^(?:(?:https?|ftp)://|mailto:|www\.)|[/?=&#_]|[^\W\d_]\.[^\W\d_]{2}", re.I)
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|mailto:)", re.I)
# a word that is not a URL breaks after a hyphen or slash between two letters only: never in
# a date, a code or a number (2026-11-28, RT-0042, 77385-77386)
_WORD_BREAK = re.compile(r"(?<=[^\W\d_][-/])(?=[^\W\d_])")

# while a briefpdf paragraph breaks its lines: (its font, size and line width), the ends of
# URLs already broken (which need not look like URLs: "30.pdf")
_active: ContextVar[tuple | None] = ContextVar("briefpdf_breaking", default=None)
_reportlab_pairs = _rl_paragraph._uri_split_pairs


def is_url(word: str) -> bool:
    return bool(_URL.search(word))


def url_breaks(url: str) -> list[int]:
    """Offsets a URL may break at: after a run of `URL_BREAK_AFTER` characters, never inside or
    right after its scheme ("https://"), never in a number (1,020.50), never before its last
    character."""
    start = m.end() + 1 if (m := _SCHEME.match(url)) else 1
    out = []
    for i in range(start, len(url) - 1):
        ch, nxt = url[i], url[i + 1]
        if ch in URL_BREAK_AFTER and nxt not in URL_BREAK_AFTER and not (ch == "." and url[i - 1:i].isdigit()
                                                                        and nxt.isdigit()):
            out.append(i + 1)
    return out


def word_breaks(word: str) -> list[int]:
    return [m.start() for m in _WORD_BREAK.finditer(word)]


def break_pairs(word: str) -> list[tuple[str, str]] | None:
    """(head, tail) pairs, longest head first, as ReportLab's URI splitter returns them; None
    when the word has no allowed break (ReportLab then moves it whole, or cuts it if it must).

    A stretch between two allowed breaks that is wider than a whole line may also break between
    any two of its characters: the last resort, as ReportLab's own for a long word. Only heads
    that fit the widest line are offered (ReportLab takes the longest that fits what is left of
    its line), so a 2,000-character link costs a line's worth of pairs, not a million characters."""
    state = _active.get()
    if state is None:
        return _reportlab_pairs(word)
    (font, size, narrow, wide), url_tails = state
    if NBSP in word:
        return None  # a phrase held together (markup.bind): too wide, it is let go at its spaces (typography.Para)
    url = word in url_tails or is_url(word)
    cuts = url_breaks(word) if url else word_breaks(word)
    fits = _fitting(word, font, size, wide)
    for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True):
        if a < fits and stringWidth(word[a:b], font, size) > narrow:
            cuts += range(a + 1, min(b, fits + 1))  # (also a word with no allowed break at all: the rest
            # of a cut URL, which ReportLab would not cut again, would run past the margin)
    cuts = sorted({c for c in cuts if c <= fits}, reverse=True)
    if not cuts:
        return None
    pairs = [(word[:i], word[i:]) for i in cuts]
    if url:
        url_tails.update(tail.rstrip(".,;:!?)]}'\"") for _, tail in pairs)  # what is left of a URL is one
    return pairs


def _fitting(word: str, font: str, size: float, width: float) -> int:
    """The length of the longest start of `word` no wider than `width`."""
    lo, hi = 0, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(word[:mid], font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


class Breaking:
    """`with Breaking(font, size, width):` -- briefpdf's break rules for the paragraphs broken
    inside, set in `font` at `size` in lines `width` wide (a list: each line's width)."""

    def __init__(self, font: str, size: float, width):
        widths = width if isinstance(width, (list, tuple)) else [width]
        self.measure = (font, size, min(widths), max(widths))

    def __enter__(self):
        self._token = _active.set((self.measure, set()))
        return self

    def __exit__(self, *exc):
        _active.reset(self._token)


_rl_paragraph._uri_split_pairs = break_pairs
