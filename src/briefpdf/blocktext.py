"""Block text: the paragraphs and lists a prose field may hold, parsed into a small tree.

Guidance is lists, so every prose field accepts them, written as a reader would type them:

    Paragraphs are separated by a blank line; a single line break is a soft wrap.
    - a bulleted item (or `* `)
      - a nested item, indented under its parent
    1. a numbered item; the list starts at the first item's number

The inline subset (`**bold**`, `*italic*`, links, `[^id]` citations) is left in the text for
markup.py. Pure: no ReportLab, no styles; layout/prose.py turns the tree into flowables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:(?P<bullet>[-*])|(?P<number>\d{1,9})\.)[ \t]+(?P<text>\S.*)")


@dataclass
class Paragraph:
    """Running text, its soft line breaks already joined."""

    text: str


@dataclass
class Item:
    """One list item: its own text, then any list nested under it."""

    text: str
    children: list["ListBlock"] = field(default_factory=list)


@dataclass
class ListBlock:
    """A bulleted or numbered list; `start` is the number of its first item."""

    numbered: bool
    items: list[Item] = field(default_factory=list)
    start: int = 1


Block = Paragraph | ListBlock


def is_plain(text: str) -> bool:
    """True when `text` is one paragraph with no list: the common case, set exactly as before."""
    return "\n" not in text and _ITEM.match(text) is None


def parse(text: str) -> list[Block]:
    """The paragraphs and lists of `text`, in order."""
    blocks: list[Block] = []
    lines: list[str] = []  # the paragraph being gathered
    stack: list[tuple[int, ListBlock]] = []  # open lists, outermost first, with their indent
    after_blank = False

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(" ".join(lines)))
            lines.clear()

    for raw in text.splitlines():
        if not raw.strip():
            flush()
            after_blank = True
            continue
        m = _ITEM.fullmatch(raw.rstrip())
        if m:
            flush()
            _add_item(blocks, stack, m)
        elif stack and not after_blank or stack and _indent(raw) > stack[0][0]:
            item = stack[-1][1].items[-1]  # a continuation line of the last item
            item.text += " " + raw.strip()
        else:
            stack.clear()
            lines.append(raw.strip())
        after_blank = False
    flush()
    return blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _add_item(blocks: list[Block], stack: list[tuple[int, ListBlock]], m: re.Match) -> None:
    """Place one item: in the open list at its indent, nested under the item above, or a new list."""
    indent, numbered = len(m["indent"].expandtabs(4)), m["number"] is not None
    while stack and indent < stack[-1][0]:
        stack.pop()
    if stack and indent == stack[-1][0] and stack[-1][1].numbered != numbered:
        stack.pop()  # a change of marker at the same depth ends that list
    item = Item(m["text"].strip())
    if stack and indent == stack[-1][0]:
        stack[-1][1].items.append(item)
        return
    new = ListBlock(numbered, [item], int(m["number"]) if numbered else 1)
    if stack and indent > stack[-1][0]:
        stack[-1][1].items[-1].children.append(new)
    else:
        stack.clear()
        blocks.append(new)
    stack.append((indent, new))


def paragraphs(value: str | list[str] | None) -> list[str]:
    """A prose field's value as a list of texts (a single text, or a list given as paragraphs)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
