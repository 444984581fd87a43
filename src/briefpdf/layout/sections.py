"""One function per section of a briefing. Each returns flowables; none reads files."""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from ..model import LABELS, Briefing
from ..present_content import gap_lines
from . import prose, rules
from .blocks import bullets, gap, heading, rule, section
from .tables import BriefTable, definition_table
from .typography import Para, Theme


def title_block(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """Code label and title, then one line of facts: scope, date, version/status, audience."""
    m = b.document
    st = theme.styles
    eyebrow = Para(theme.text(" · ".join(x for x in (f"{m.code_system} code briefing", m.scope) if x).upper()),
                   st["eyebrow"])
    eyebrow.role = "P"
    title = Para(f'<font color="{theme.hex("accent")}">{theme.text(b.label)}:</font> {theme.text(m.title)}',
                 st["title"])
    title.role = "H1"
    title.outline_level = 0
    title.outline_title = f"{b.label}: {m.title}"
    facts = [
        f"<b>Scope:</b> {theme.value_or_missing(m.scope)}",
        f"<b>Date:</b> {m.date.isoformat()}",
        f"<b>Version:</b> {theme.value_or_missing(m.version)}",
        f"<b>Status:</b> {LABELS[m.status]}",
    ]
    who = [
        f"<b>Audience:</b> {theme.value_or_missing(', '.join(m.audience) if m.audience else None)}",
        f"<b>Author:</b> {theme.value_or_missing(m.author)}",
        f"<b>Organization:</b> {theme.value_or_missing(m.organization)}",
    ]
    out = [logo] if (logo := _logo(b, theme)) else []
    out += [eyebrow, title]
    for line in (facts, who):
        p = Para(" &nbsp;·&nbsp; ".join(line), st["facts"])
        p.role = "P"
        out.append(p)
    out.append(rule(theme, thick=1.4, space=8, color="accent"))
    return out


def _logo(b: Briefing, theme: Theme):
    """The style's logo (already checked when the style loaded), top right, as a figure with alt text."""
    path = theme.style.options.logo
    if not path:
        return None
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    iw, ih = ImageReader(path).getSize()
    h = 36.0
    w = iw * h / ih
    if w > 160:
        w, h = 160.0, ih * 160.0 / iw
    img = Image(path, w, h, hAlign="RIGHT")
    img.role = "Figure"
    img.alt = f"{b.document.organization} logo" if b.document.organization else "Publisher logo"
    return img


def at_a_glance(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The boxed panel a reader who stops here needs: service, sites, payers and what is missing."""
    st = theme.styles
    ov = b.billing_overview
    payers = ", ".join(p.name for p in b.payers) if b.payers else None
    rows = [
        ("Service type", theme.value_or_missing(ov.service_type)),
        ("Sites of service", theme.value_or_missing(ov.sites_of_service)),
        ("Payers in scope", theme.value_or_missing(payers)),
        ("Data not provided", availability(b, theme)),
    ]
    label_w = 118
    data = [[Para(theme.text(k), st["cell_head"]), Para(v, st["cell"])] for k, v in rows]
    table = BriefTable(data, colWidths=[label_w, width - label_w - 2], header_rows=0, header_cols=1,
                       splitInRow=1, summary="At a glance", hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), theme.body_family.regular),
        ("BACKGROUND", (0, 0), (-1, -1), theme.color("panel")),
        ("BOX", (0, 0), (-1, -1), 0.8, theme.color("accent")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, theme.color("accent")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]))
    return [heading(theme, "At a Glance", "h2"), table, gap(4)]


def availability(b: Briefing, theme: Theme) -> str:
    """Everything the source leaves out, counted: the gaps at a glance, in the same words."""
    missing = theme.not_provided()
    lines = []
    meta, ov, cc = b.document, b.billing_overview, b.clinical_context
    single = [("Scope", meta.scope), ("Version", meta.version), ("Audience", meta.audience),
              ("Author", meta.author), ("Organization", meta.organization), ("Service type", ov.service_type),
              ("Sites of service", ov.sites_of_service), ("Clinical workflow", cc.workflow),
              ("Typical setting", cc.setting), ("Common clinical scenarios", cc.scenarios)]
    lines += [f"{label}: {missing}" for label, value in single if value is None]
    guidance = sum(1 for m in b.coding.modifiers if m.when_to_use is None)
    if guidance:
        lines.append(f"Modifier guidance (when to use): {missing} for {_count(guidance, len(b.coding.modifiers), 'modifier')}")
    n = len(b.payers)
    if not n:
        lines.append(f"Payers: {missing}")
    fields = [("Coverage policy", lambda p: p.coverage), ("Prior authorization", lambda p: p.prior_authorization),
              ("Medical policy reference", lambda p: p.policy), ("Reimbursement benchmark", lambda p: p.benchmark)]
    for label, get in fields:
        count = sum(1 for p in b.payers if get(p) is None)
        if count:
            lines.append(f"{label}: {missing} for {_count(count, n, 'payer')}")
    lines += gap_lines(b, missing)
    return "<br/>".join(lines) if lines else "Nothing: every field is provided"


def _count(k: int, n: int, noun: str) -> str:
    return f"{k} of {n} {noun}{'s' if n != 1 else ''}"


def summary(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    s = b.summary
    return section(theme, s.heading, "h2", prose.flow(theme, s.paragraphs))


def billing_overview(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    ov = b.billing_overview
    facts = [
        ("Code", f'<font face="{theme.mono_family.bold}">{theme.text(b.label)}</font>'),
        ("Descriptor", theme.text(b.document.title)),
        ("Service type", theme.value_or_missing(ov.service_type)),
        ("Typical site of service", theme.value_or_missing(ov.sites_of_service)),
    ]
    body = prose.flow(theme, ov.description)
    body.append(definition_table(theme, facts, width, summary=f"Key facts for {b.label}"))
    body.append(gap(6))
    return section(theme, ov.heading, "h2", body)


def clinical_and_coding(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The seed's "Clinical & Coding Specifications" with its two subsections."""
    out = section(theme, "Clinical & Coding Specifications", "h2", [])
    out += clinical_context(b, theme, width)
    out += coding(b, theme, width)
    return out


def clinical_context(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    c = b.clinical_context
    body: list[Flowable] = prose.flow(theme, c.vignette)
    wf = c.workflow
    wf_body = (prose.flow(theme, wf.summary, "lead") if wf and wf.summary else []) + \
        ([bullets(theme, wf.steps, numbered=True)] if wf else [theme.para(None)])
    body += section(theme, "Clinical workflow", "h4", wf_body)
    body += section(theme, "Typical setting", "h4", prose.flow(theme, c.setting))
    sc = c.scenarios
    sc_body = (prose.flow(theme, sc.summary, "lead") if sc and sc.summary else []) + \
        ([bullets(theme, sc.items)] if sc else [theme.para(None)])
    body += section(theme, "Common clinical scenarios", "h4", sc_body)
    return section(theme, c.heading, "h3", body)


def coding(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    cd = b.coding
    table = rules.modifier_table(b, theme, width)
    body: list[Flowable] = [table, gap(6)] + prose.flow(theme, cd.notes) + rules.coding_rules(b, theme, width)
    return section(theme, cd.heading, "h3", body)


def notes(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    if not b.notes:
        return []
    return section(theme, "Notes", "h2", prose.flow(theme, b.notes))


def disclaimer(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    body = prose.flow(theme, b.disclaimer, "small")
    return section(theme, "Disclaimer", "h2", [rule(theme, space=2)] + body)


def contents(theme: Theme) -> list[Flowable]:
    """An optional table of contents (style option `toc`); filled in by a second layout pass."""
    return toc_block(theme, levels=3)


def toc_block(theme: Theme, levels: int) -> list[Flowable]:
    """A "Contents" heading and a table of contents listing `levels` levels of headings."""
    from reportlab.platypus.tableofcontents import TableOfContents

    st = theme.styles
    toc = TableOfContents(levelStyles=[st["toc1"]] + [st["toc2"]] * (levels - 1), dotsMinLevel=0)
    toc.role = "TOC"
    return [heading(theme, "Contents", "h2"), toc]
