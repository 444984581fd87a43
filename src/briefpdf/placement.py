"""Where extra sections go: each follows a built-in section or another extra section, by id.

Pure: the ids of the built-in top-level sections, the checks on `after:` and `id:` (positioned
problems with a hint that lists the ids), and the order in which the layout places them.
"""

from __future__ import annotations

from .problems import Problem, did_you_mean

# the built-in top-level sections an extra section can follow, in page order
BUILT_IN = ("at_a_glance", "summary", "billing_overview", "clinical_and_coding", "payers", "notes", "sources")
DEFAULT_AFTER = "notes"


def _extras(b) -> list:
    return [s for s in (b.sections or []) if s is not None]


def following(b, anchor: str) -> list:
    """The extra sections placed after `anchor`, each followed by those that follow it, in order."""
    out: list = []
    seen: set[int] = set()

    def visit(target: str) -> None:
        for s in _extras(b):
            if (s.after or DEFAULT_AFTER) == target and id(s) not in seen:
                seen.add(id(s))
                out.append(s)
                if s.id:
                    visit(s.id)

    visit(anchor)
    return out


def placement_problems(b, doc) -> list[Problem]:
    """Unknown or duplicate ids, an `after:` that names nothing, and loops that would hide sections."""
    problems: list[Problem] = []
    extras = [(i, s) for i, s in enumerate(b.sections or []) if s is not None]
    ids: dict[str, int] = {}
    for i, s in extras:
        if not s.id:
            continue
        if s.id in BUILT_IN:
            problems.append(doc.problem(("sections", i, "id"), f"'{s.id}' is the id of a built-in section",
                                        "choose another id for your section"))
        elif s.id in ids:
            problems.append(doc.problem(("sections", i, "id"), f"the section id '{s.id}' is used twice",
                                        f"first used by sections[{ids[s.id]}]"))
        ids.setdefault(s.id, i)
    allowed = list(BUILT_IN) + [k for k in ids if k not in BUILT_IN]
    for i, s in extras:
        if s.after is None or s.after in allowed:
            continue
        close = did_you_mean(s.after, allowed)
        hint = (f"{close} " if close else "") + "a section can follow: " + ", ".join(allowed)
        if s.after in ("title", "title_block", "disclaimer"):
            hint = "the title block comes first and the disclaimer last; " + hint
        problems.append(doc.problem(("sections", i, "after"), f"unknown section '{s.after}' in after:", hint))
    if not problems:
        placed = {id(s) for anchor in BUILT_IN for s in following(b, anchor)}
        for i, s in extras:
            if id(s) not in placed:
                problems.append(doc.problem(("sections", i, "after"),
                                            f"section '{s.title}' follows '{s.after}', which follows it in turn",
                                            "make one of them follow a built-in section"))
    return problems
