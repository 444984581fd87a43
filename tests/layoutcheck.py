"""A layout checker: pagination and line defects of a rendered briefing, read back from the PDF.

The structure tree (read with pypdf) says which element owns which marked content; PDFium (pypdfium2)
says where each piece of marked content sits on its page. Together they give, for every heading,
paragraph, list item, table row and figure, the pages it is on and how many lines it has there --
what a print designer looks at when signing off a page. Nothing here shares code with briefpdf.

`check(path, frame)` returns the defects found; `KINDS` names every kind it reports.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from layoutread import HEADINGS, UNITS, Doc, Node, lines, read

KINDS = (
    "list_single_item",    # a list of 3+ items split leaving one whole item alone on one side
    "small_table_split",   # a table of 6 body rows or fewer split across pages (though it fits one)
    "heading_stranded",    # a heading without the first 2 lines of what follows on its page
    "widow_orphan",        # a block of 3+ lines split with fewer than 2 lines on one side
    "near_empty_page",     # a last page of only the disclaimer or a few lines; or a page < 60% full
                           # though the block that opens the next page could have split
    "sparse_packet_front",  # a packet's cover and contents ending on a page of a few lines
    "chart_label_cut",     # a chart label shortened with an ellipsis
    "repeated_fact",       # the same fact (a key fact, a benchmark amount) in two tables
    "bad_line_start",      # a line starting with a separator, dash or bullet, or ending in a lone bullet
    "not_provided_split",  # "Not" at a line end, "provided" on the next line
    "label_split",         # a bold "Label:" at a line end, its value on the next line
    "url_break",           # a shown URL broken after a character other than / . - _ ? & = #
)
# the kinds that belong to typography (line breaking, charts, the packet's front pages), not pagination
TYPOGRAPHY = frozenset({"bad_line_start", "not_provided_split", "label_split", "url_break", "chart_label_cut",
                        "sparse_packet_front"})

MIN_LINES = 2  # lines a block keeps on each side of a break
SMALL_TABLE = 6  # body rows of a table that never splits
FULL_ENOUGH = 0.6  # a page left by a block that moved whole is at least this full
FEW_LINES = 6  # a last page with fewer lines than this, taking less than an eighth of the text area
LEAST_FILL = 0.125  # (six lines of body text), is near empty
URL_BREAKS = "/.-_?&=#"
LINE_STARTS = ("·", "—", "–", "-", "•")


@dataclass
class Defect:
    kind: str
    page: int
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} (page {self.page}): {self.detail}"


# ---------------------------------------------------------------------------------------- checks
def check(path, frame: tuple[float, float] | None = None) -> list[Defect]:
    """Every defect of every kind in KINDS; `frame` is the text area's (bottom, top) in points."""
    doc = read(path, frame)
    out: list[Defect] = []
    for rule in (_widows, _lists, _small_tables, _headings, _pages, _charts, _repeats, _lines, _urls):
        out += rule(doc)
    return out


def _first_page(node: Node) -> int:
    return min(node.pages(), default=0)


def _where(node: Node) -> str:
    text = node.text()
    return repr(text[:60] + ("…" if len(text) > 60 else ""))


def _widows(doc: Doc) -> list[Defect]:
    out = []
    for b in doc.blocks:
        ls = lines(b.runs)
        by_page = defaultdict(int)
        for line in ls:
            by_page[line.page] += 1
        if len(ls) < 3 or len(by_page) < 2:
            continue
        pages = sorted(by_page)
        first, last = by_page[pages[0]], by_page[pages[-1]]
        if first < MIN_LINES or last < MIN_LINES:
            out.append(Defect("widow_orphan", pages[0], f"{b.role} {_where(b)} split {first}|…|{last} lines"))
    return out


def _items(lst: Node) -> list[Node]:
    return [k for k in lst.kids if k.role == "LI"]


def _lists(doc: Doc) -> list[Defect]:
    out = []
    for lst in doc.root.walk():
        items = _items(lst) if lst.role == "L" else []
        if len(items) < 3:
            continue
        spans = [(min(p), max(p)) for p in (i.pages() for i in items) if p]
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
        for p in range(lo, hi):
            before = [s for s in spans if s[0] <= p]
            after = [s for s in spans if s[1] > p]
            alone = (len(before) == 1 and before[0][1] <= p) or (len(after) == 1 and after[0][0] > p)
            if alone and before and after:
                out.append(Defect("list_single_item", p,
                                  f"list of {len(items)} items split {len(before)}|{len(after)}: {_where(lst)}"))
    return out


def _body_rows(table: Node) -> list[Node]:
    return [r for r in table.walk() if r.role == "TR" and any(c.role == "TD" for c in r.kids)]


def _height(node: Node) -> float:
    """The height a table takes, summed over the pages it is on."""
    total = 0.0
    for page in node.pages():
        rs = [r for r in node.all_runs() if r.page == page]
        if rs:
            total += max(r.top for r in rs) - min(r.bottom for r in rs)
    return total


def _small_tables(doc: Doc) -> list[Defect]:
    out = []
    frame_h = doc.frame[1] - doc.frame[0]
    for t in doc.root.walk():
        if t.role != "Table":
            continue
        rows = _body_rows(t)
        pages = sorted(t.pages())
        if len(rows) <= SMALL_TABLE and len(pages) > 1 and _height(t) < 0.85 * frame_h:
            out.append(Defect("small_table_split", pages[0], f"{len(rows)}-row table over pages {pages}: {_where(t)}"))
    return out


def _lines_on(node: Node, page: int) -> int:
    return sum(1 for line in lines(node.all_runs()) if line.page == page)


def _headings(doc: Doc) -> list[Defect]:
    out = []
    units = doc.units
    for i, h in enumerate(units):
        if h.role not in HEADINGS or not h.runs:
            continue
        page = max(r.page for r in h.runs)
        nxt = next((u for u in units[i + 1:] if u.role not in HEADINGS), None)
        between = [u for u in units[i + 1:units.index(nxt) if nxt else len(units)]]
        if nxt is None:
            continue
        if nxt.role == "Table":
            rows = _body_rows(nxt)
            first = rows[0] if rows else nxt
            ok = page in first.pages()
        elif nxt.role in UNITS:
            ok = page in nxt.pages()
        else:
            ok = _lines_on(nxt, page) >= min(MIN_LINES, len(lines(nxt.all_runs())))
        ok = ok and all(page in u.pages() for u in between)
        if not ok:
            out.append(Defect("heading_stranded", page, f"{h.role} {_where(h)} without the start of {nxt.role}"))
    return out


def _segments(doc: Doc) -> list[tuple[str, list[int]]]:
    """Runs of pages that end where a page break is forced: each Part (briefing) of a packet; the
    pages before the first Part (cover, contents); or the whole document."""
    parts = [n for n in doc.root.walk() if n.role == "Part"]
    if not parts:
        return [("document", list(range(1, doc.pages + 1)))]
    firsts = sorted(_first_page(p) for p in parts if p.pages())
    out = [("front", list(range(1, firsts[0])))] if firsts[0] > 1 else []
    for a, b in zip(firsts, firsts[1:] + [doc.pages + 1], strict=True):
        out.append(("part", list(range(a, b))))
    return out


def _fill(doc: Doc, page: int) -> float:
    bottoms = [r.bottom for r in doc.page_runs[page]] + [b for b, _ in doc.page_marks[page]]
    if not bottoms:
        return 0.0
    lo, hi = doc.frame
    return (hi - max(lo, min(bottoms))) / (hi - lo)


def _movable(doc: Doc, unit: Node) -> bool:
    """Whether the rules let `unit` move whole though 40% of a page is free: a figure, a small table,
    or a heading kept with one of those (or with anything that cannot split)."""
    i = doc.units.index(unit)
    nxt = next((u for u in doc.units[i:] if u.role not in HEADINGS), None)
    if nxt is None:
        return True
    if nxt.role == "Figure":
        return True
    if nxt.role == "Table":  # a small table moves whole, unless it is taller than a page (it then splits)
        return len(_body_rows(nxt)) <= SMALL_TABLE and len(nxt.pages()) == 1
    return False


def _pages(doc: Doc) -> list[Defect]:
    out = []
    for name, pages in _segments(doc):
        if not pages:
            continue
        last = pages[-1]
        kind = "sparse_packet_front" if name == "front" else "near_empty_page"
        page_lines = len(lines(doc.page_runs[last]))
        if len(pages) > 1 and page_lines < FEW_LINES and _fill(doc, last) < LEAST_FILL:
            out.append(Defect(kind, last, f"last page of the {name} holds {page_lines} lines"))
        elif len(pages) > 1 and name != "front" and _only_last_section(doc, last):
            # (a packet's contents that does not fit the cover's page has a page of its own: that is
            # the contents page, not a last page left with a few lines -- which the test above finds)
            out.append(Defect(kind, last, f"last page of the {name} holds only its last section"))
        for p in pages[:-1] if name != "front" else ():  # a packet's cover ends in a page break
            first = next((u for u in doc.units if p + 1 in u.pages()), None)
            if first is None or _first_page(first) <= p:
                continue  # the next page opens with the rest of a block: nothing moved
            fill = _fill(doc, p)
            if fill < FULL_ENOUGH and not _movable(doc, first):
                out.append(Defect(kind, p, f"page {fill:.0%} full; {first.role} {_where(first)} moved whole"))
    return out


def _only_last_section(doc: Doc, page: int) -> bool:
    """The page holds nothing but the document's (or part's) last H2 section, from its heading on."""
    on_page = [u for u in doc.units if page in u.pages()]
    if not on_page or on_page[0].role != "H2":
        return False
    later = doc.units[doc.units.index(on_page[0]) + 1:]
    return not any(u.role in ("H1", "H2") for u in later if _first_page(u) <= page) and \
        _first_page(on_page[0]) == page and not any(u.role == "H1" for u in later if _first_page(u) == page)


def _charts(doc: Doc) -> list[Defect]:
    out = []
    for fig in (n for n in doc.root.walk() if n.role == "Figure"):
        for line in lines(fig.all_runs()):
            if "…" in line.text:
                out.append(Defect("chart_label_cut", line.page, f"chart label {line.text!r}"))
    return out


AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*(?:\.\d\d)(?!\d)|\d+(?:\.\d+)?%")
MISSING = "Not provided"
CHANGE = "\u2192"  # the arrow of a What changed line: from one value to another


def _repeats(doc: Doc) -> list[Defect]:
    """A key fact (a row-headed value, or the title) in two tables; a figure in two tables' cells.
    Each briefing of a packet on its own (the cover's list of briefings repeats nothing)."""
    parts = [n for n in doc.root.walk() if n.role == "Part"] or [doc.root]
    return [d for part in parts for d in _repeats_in(part)]


def _repeats_in(scope: Node) -> list[Defect]:
    out = []
    facts, amounts = defaultdict(set), defaultdict(set)
    title = next((n for n in scope.walk() if n.role == "H1"), None)
    title_text = title.text().split(": ", 1)[-1].strip() if title else None
    for t in (n for n in scope.walk() if n.role == "Table"):
        for row in (r for r in t.walk() if r.role == "TR"):
            cells = [c for c in row.kids if c.role in ("TH", "TD")]
            tds = [c for c in cells if c.role == "TD"]
            if len(cells) == 2 and cells[0].role == "TH" and len(tds) == 1:
                value = " ".join(tds[0].text().split())
                if len(value) >= 6 and MISSING not in value:
                    facts[value].add(t.index)
                    if title_text and value == title_text:
                        facts[value].add(-1)
            for c in tds:
                for line in lines(c.all_runs()):
                    if CHANGE in line.text:
                        continue  # a change ('$541.32 USD → $556.10 USD') names the value it changed to
                    for amount in AMOUNT.findall(line.text):
                        amounts[amount].add(t.index)
    for kind, found in (("fact", facts), ("figure", amounts)):
        by_tables = defaultdict(list)
        for value, tables in found.items():
            if len(tables) > 1:
                by_tables[frozenset(tables)].append(value)
        for values in by_tables.values():
            out.append(Defect("repeated_fact", 0, f"{kind}s shown twice: {', '.join(map(repr, values))}"))
    return out


def _lines(doc: Doc) -> list[Defect]:
    out = []
    for b in doc.blocks:
        ls = lines(b.runs)
        for i, line in enumerate(ls):
            text = line.text
            if text.startswith(LINE_STARTS) or text.endswith(" •") or text == "•":
                out.append(Defect("bad_line_start", line.page, f"line {text[:50]!r} in {b.role} {_where(b)}"))
            nxt = ls[i + 1] if i + 1 < len(ls) else None
            if nxt is None:
                continue
            if text.endswith(" Not") or text == "Not":
                if nxt.text.startswith("provided"):
                    out.append(Defect("not_provided_split", line.page, f"{text[-30:]!r} / {nxt.text[:20]!r}"))
            last = max(line.runs, key=lambda r: r.x)
            if last.bold and last.text.strip().endswith(":") and not nxt.runs[0].bold:
                out.append(Defect("label_split", line.page, f"{last.text.strip()!r} ends a line in {_where(b)}"))
    return out


def _urls(doc: Doc) -> list[Defect]:
    """A link whose text is its URL, broken across lines after a character URLs do not break after."""
    out = []
    for link in (n for n in doc.root.walk() if n.role == "Link" and n.uri):
        ls = lines([r for n in link.walk() for r in n.own])
        shown = "".join(line.text for line in ls)
        if len(ls) < 2 or not _is_url_text(shown, link.uri):
            continue
        for line in ls[:-1]:
            if line.text and line.text[-1] not in URL_BREAKS:
                out.append(Defect("url_break", line.page, f"{shown!r} broken after {line.text[-12:]!r}"))
    return out


def _is_url_text(shown: str, uri: str) -> bool:
    bare = re.sub(r"^(https?://|mailto:)", "", uri).rstrip("/")
    return bool(bare) and bare[:20] in shown.replace(" ", "")


def count(defects: list[Defect]) -> dict[str, int]:
    """Defects per kind, every kind present (0 when clean)."""
    c = dict.fromkeys(KINDS, 0)
    for d in defects:
        c[d.kind] += 1
    return c
