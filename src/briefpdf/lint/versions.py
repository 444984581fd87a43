"""The rules that compare a briefing with its previous version (`--previous` or `previous:`)."""

from __future__ import annotations

from typing import Iterator

from .base import Context, Finding


def other_code(ctx: Context) -> Iterator[Finding]:
    old = ctx.previous
    if old is not None and (old.document.code, old.document.code_system) != (ctx.b.document.code,
                                                                             ctx.b.document.code_system):
        yield Finding(ctx.previous_path or ("document", "code"), f"the previous version is about {old.label}, this briefing about "
                                         f"{ctx.b.label}", "name the previous version of this briefing")


def not_newer(ctx: Context) -> Iterator[Finding]:
    old = ctx.previous
    if old is not None and old.document.date > ctx.date:
        yield Finding(ctx.previous_path or ("document", "date"), f"the previous version is dated {old.document.date}, after this one "
                                         f"({ctx.date})", "are the two files the other way round?")


def same_version(ctx: Context) -> Iterator[Finding]:
    """Content changed but the version label did not: two different documents with one name."""
    from ..diff import compare

    old, new = ctx.previous, ctx.b
    if old is None or new.document.version is None or old.document.version != new.document.version \
            or old.label != new.label:  # another code's briefing is not an earlier version (BP301)
        return
    if compare(old, new):
        yield Finding(("document", "version"), f"the content changed since the previous version, but the version "
                                               f"is still {new.document.version}", "raise the version")
