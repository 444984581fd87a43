"""One function per section of a briefing. Each returns flowables; none reads files."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, TableStyle

from .. import present
from ..model import Briefing
from ..semantics import declare
from . import prose, rules
from .blocks import bullets, gap, heading, rule, section
from .ending import smallest
from .tables import BriefTable
from .typography import Para, Theme


def title_block(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """Code label and title, then one line of facts: scope, date, version/status, audience."""
    st = theme.styles
    labels = present.labels_of(b)
    eyebrow = declare(Para(theme.text(present.eyebrow_text(b, labels)), st["eyebrow"]), role="P")
    title = declare(title_para(b, theme), role="H1", outline_level=0, outline_title=present.document_title(b))
    out = [logo] if (logo := _logo(b, theme)) else []
    out += [eyebrow, title]
    for line in present.title_facts(b, labels):
        p = Para(" &nbsp;·&nbsp; ".join(f"<b>{theme.text(k)}:</b> {theme.value_or_missing(v)}" for k, v in line),
                 st["facts"])
        out.append(declare(p, role="P"))
    out.append(rule(theme, thick=1.4, space=8, color="accent"))
    return out


def title_para(b: Briefing, theme: Theme) -> Para:
    """The code label and the title, as the title block sets them."""
    return Para(f'<font color="{theme.hex("accent")}">{theme.text(b.label)}:</font> {theme.text(b.document.title)}',
                theme.styles["title"])


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
    return declare(Image(path, w, h, hAlign="RIGHT"), role="Figure", alt=present.logo_alt(b, present.labels_of(b)))


def at_a_glance(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The boxed panel a reader who stops here needs: service, sites, payers and what is missing."""
    st = theme.styles
    labels = present.labels_of(b)
    rows = [(k, theme.value_or_missing(v)) for k, v in present.glance_facts(b, labels)]
    rows.append((labels.facts["missing"], availability(b, theme)))
    label_w = 118
    data = [[Para(theme.text(k), st["cell_head"]), Para(v, st["cell"])] for k, v in rows]
    table = BriefTable(data, colWidths=[label_w, width - label_w - 2], header_rows=0, header_cols=1,
                       splitInRow=1, summary=labels.summaries["at_a_glance"], hAlign="LEFT",
                       page_height=theme.style.frame()[1])
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
    return section(theme, labels.headings["at_a_glance"], "h2", [table, gap(4)])


def availability(b: Briefing, theme: Theme) -> str:
    """Everything the source leaves out, counted (see present.availability), one line each."""
    labels = present.labels_of(b)
    missing = theme.not_provided()
    lines = [present.gap_text(g, labels, missing=missing, esc=theme.text) for g in present.availability(b)]
    return "<br/>".join(lines) if lines else theme.text(labels.nothing_missing)


def summary(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    s = b.summary
    title = present.section_heading(s.heading, "summary", present.labels_of(b))
    return section(theme, title, "h2", prose.flow(theme, s.paragraphs))


def billing_overview(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The code's description. Its key facts (code, descriptor, service type, site) are not set again
    here: the title block gives the code and descriptor, At a Glance the service type and sites."""
    ov = b.billing_overview
    labels = present.labels_of(b)
    return section(theme, present.section_heading(ov.heading, "billing_overview", labels), "h2",
                   prose.flow(theme, ov.description))


def clinical_and_coding(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    """The seed's "Clinical & Coding Specifications" with its two subsections."""
    return section(theme, present.labels_of(b).headings["clinical_and_coding"], "h2",
                   clinical_context(b, theme, width) + coding(b, theme, width))


def clinical_context(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    c = b.clinical_context
    h = present.labels_of(b).headings
    body: list[Flowable] = prose.flow(theme, c.vignette)
    wf = c.workflow
    wf_body = (prose.flow(theme, wf.summary, "lead") if wf and wf.summary else []) + \
        ([bullets(theme, wf.steps, numbered=True)] if wf else [theme.para(None)])
    body += section(theme, h["workflow"], "h4", wf_body)
    body += section(theme, h["setting"], "h4", prose.flow(theme, c.setting))
    sc = c.scenarios
    sc_body = (prose.flow(theme, sc.summary, "lead") if sc and sc.summary else []) + \
        ([bullets(theme, sc.items)] if sc else [theme.para(None)])
    body += section(theme, h["scenarios"], "h4", sc_body)
    return section(theme, present.section_heading(c.heading, "clinical_context", present.labels_of(b)), "h3", body)


def coding(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    cd = b.coding
    labels = present.labels_of(b)
    table = rules.modifier_table(b, theme, width)
    body: list[Flowable] = [table, gap(6)] + prose.flow(theme, cd.notes) + rules.coding_rules(b, theme, width)
    return section(theme, present.section_heading(cd.heading, "coding", labels), "h3", body)


def notes(b: Briefing, theme: Theme, width: float) -> list[Flowable]:
    if not b.notes:
        return []
    return section(theme, present.labels_of(b).headings["notes"], "h2", prose.flow(theme, b.notes))


def disclaimer(b: Briefing, theme: Theme, width: float, *, compact: bool = False) -> list[Flowable]:
    """The disclaimer, small; `compact`: at the smallest size the design guide allows (8 pt)."""
    body = prose.flow(theme, b.disclaimer, smallest(theme, "small") if compact else "small")
    return section(theme, present.labels_of(b).headings["disclaimer"], "h2", [rule(theme, space=2)] + body)


def contents(theme: Theme, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """An optional table of contents (style option `toc`); filled in by a second layout pass."""
    return kept_toc_block(theme, levels=4, labels=labels)


def toc_block(theme: Theme, levels: int, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """A "Contents" heading (bookmarked, but not an entry of itself) and the contents, `levels` deep."""
    from .contents import Contents

    head = declare(heading(theme, labels.headings["contents"], "h2"), listed=False)
    return [head, Contents(theme, labels, levels)]


def kept_toc_block(theme: Theme, levels: int, labels: present.Labels = present.ENGLISH) -> list[Flowable]:
    """`toc_block`, its heading kept with the first three entries. Not by a LeadIn: the contents must
    stay a top-level flowable, where a multi-pass build finds it to fill it in."""
    head, toc = toc_block(theme, levels, labels)
    st = theme.styles
    room = st["h2"].spaceBefore + st["h2"].leading + st["h2"].spaceAfter + 3 * st["toc1"].leading
    return [CondPageBreak(room), head, toc]
