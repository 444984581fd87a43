"""Plain Typst and HTML templates for the benchmark, generated from the same loaded `Briefing`.

They render the content briefpdf renders (title block, at a glance, summary, billing overview,
clinical context with its lists, the modifier table, the payer matrix, benchmarks, disclaimer)
with the same fonts (Atkinson Hyperlegible and IBM Plex Mono from the fontpkg packages), a
running footer with "Page N of M" and table headers that repeat, so the engines do comparable
work. Every word comes from `briefpdf.present`, as in briefpdf's own layout; only the markup is
written here. They are deliberately plain: no chart drawing beyond simple bars, no bookmarks tuning.
"""

from __future__ import annotations

import html
import importlib
from pathlib import Path

from briefpdf import present
from briefpdf.present import ENGLISH, Labels


def font_dirs() -> list[Path]:
    """Folders holding the TTF files of the two families briefpdf's default style uses."""
    out = []
    for mod in ("fontpkg_atkinson_hyperlegible", "fontpkg_ibm_plex_mono"):
        out.append(Path(importlib.import_module(mod).__file__).resolve().parent / "files")
    return out


def _rows(b, L: Labels):
    """The cells of the three tables, as plain strings (None = not provided)."""
    mods = [(m.modifier, m.description, m.when_to_use) for m in b.coding.modifiers]
    payers = [(p.name, present.value_word(p.coverage, L), present.value_word(p.prior_authorization, L),
               p.policy.name if p.policy else None, present.benchmark_text(p.benchmark, L) if p.benchmark else None)
              for p in b.payers]
    bench = [(p.name, p.benchmark.amount, present.money(p.benchmark, L)) for p in b.payers if p.benchmark]
    return mods, payers, bench


def _no_benchmark(b, L: Labels, **how) -> str:
    return present.missing_text(L.gaps["benchmark"], L, L.no_benchmark.format(n=len(b.payers)), **how) + "."


def _no_payers(L: Labels, **how) -> str:
    return present.missing_text(L.gaps["payers"], L, **how) + "."


# ---------------------------------------------------------------------------------- Typst
def _t(text: str | None, L: Labels = ENGLISH) -> str:
    """User text as a Typst content block: a string literal, so nothing in it is markup."""
    if text is None:
        return f"emph({_t(L.not_provided)})"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _tm(text: str) -> str:
    """Text placed in Typst markup mode (inside [...]): still a string literal."""
    return "#" + _t(text)


def _tline(L: Labels) -> dict:
    """How a line that mixes fixed words and a "Not provided" is written in Typst markup."""
    return {"esc": _tm, "missing": "#" + _t(None, L)}


def _theading(level: int, text: str) -> str:
    return "=" * level + " " + _tm(text)


def _theader(cells) -> str:
    return "table.header(" + ", ".join(f"strong({_t(c)})" for c in cells) + ")"


def _tglance(b, L: Labels) -> list[str]:
    rows = [f"  strong({_t(k)}), {_t(v, L)}," for k, v in present.glance_facts(b, L)]
    gaps = [present.gap_text(g, L, **_tline(L)) for g in present.availability(b)] or [_tm(L.nothing_missing)]
    rows.append(f"  strong({_t(L.facts['missing'])}), [{' #linebreak() '.join(gaps)}],")
    return rows


def to_typst(b) -> str:
    L = present.labels_of(b)
    h = L.headings
    m = b.document
    mods, payers, bench = _rows(b, L)
    page = L.page.format(page="#counter(page).display()", total="#counter(page).final().first()")
    facts = " · ".join(f"#strong({_t(k + ':')}) #{_t(v, L)}" for line in present.title_facts(b, L) for k, v in line)
    out = [
        '#set document(title: ' + _t(present.document_title(b)) + ')',
        '#set page(paper: "us-letter", margin: (x: 0.9in, top: 0.9in, bottom: 0.85in),',
        '  header: context { if here().page() > 1 { set text(8.5pt); ' + _t(present.header_text(b, L)) + ' ; line(length: 100%, stroke: 0.5pt) } },',
        '  footer: context { set text(8.5pt, fill: rgb("#3f4650")); line(length: 100%, stroke: 0.5pt); '
        + _t(present.footer_text(b, L)) + ' ; h(1fr); strong[' + page + '] })',
        f'#set text(font: "Atkinson Hyperlegible", size: 10.5pt, fill: rgb("#1a1a1a"), lang: "{L.language}")',
        '#set par(leading: 0.45em, spacing: 0.9em)',
        '#show heading: set text(fill: rgb("#1d4f7c"))',
        '#show heading.where(level: 1): set text(20pt, fill: rgb("#1a1a1a"))',
        '#show raw: set text(font: "IBM Plex Mono")',
        '#set table(stroke: (x: none, y: 0.4pt + rgb("#8f9aa6")), inset: 5pt)',
        '#text(8.5pt, weight: "bold", fill: rgb("#1d4f7c"), ' + _t(present.eyebrow_text(b, L)) + ')',
        '#heading(level: 1, [#text(fill: rgb("#1d4f7c"))[' + _tm(b.label + ":") + '] ' + _tm(m.title) + '])',
        '#text(9.5pt, fill: rgb("#3f4650"))[' + facts + ']',
        '#line(length: 100%, stroke: 1.4pt + rgb("#1d4f7c"))',
        _theading(2, h["at_a_glance"]),
        '#block(fill: rgb("#f1f5fa"), stroke: 0.8pt + rgb("#1d4f7c"), inset: 8pt, width: 100%, grid(columns: (118pt, 1fr), gutter: 6pt,',
        *_tglance(b, L),
        '))',
        _theading(2, present.section_heading(b.summary.heading, "summary", L)),
    ]
    out += [_tm(p) + "\n" for p in b.summary.paragraphs]
    ov, f = b.billing_overview, L.facts
    out.append(_theading(2, present.section_heading(ov.heading, "billing_overview", L)))
    out += [_tm(p) + "\n" for p in ov.description]
    out.append(f'#table(columns: (150pt, 1fr), strong({_t(f["code"])}), raw({_t(b.label)}), strong({_t(f["descriptor"])}), '
               f'{_t(m.title)}, strong({_t(f["service_type"])}), {_t(ov.service_type, L)}, '
               f'strong({_t(f["site_of_service"])}), {_t(ov.sites_of_service, L)})')
    out += _typst_clinical(b, L)
    out.append(_theading(3, present.section_heading(b.coding.heading, "coding", L)))
    cells = ", ".join(f"raw({_t(a)}), {_t(d)}, {_t(w, L)}" for a, d, w in mods)
    out.append('#table(columns: (64pt, 27%, 1fr), fill: (_, y) => if y == 0 { rgb("#e3ecf5") } else if calc.even(y) { rgb("#f4f6f9") },'
               f' {_theader(L.modifier_headers)}, ' + cells + ')')
    out.append(_theading(2, h["payers"]))
    if payers:
        cells = ", ".join(", ".join(["strong(" + _t(r[0]) + ")"] + [_t(x, L) for x in r[1:]]) for r in payers)
        out.append('#table(columns: (19%, 17%, 15%, 26%, 23%), fill: (_, y) => if y == 0 { rgb("#e3ecf5") },'
                   f' {_theader(L.coverage_headers)}, ' + cells + ')')
        out.append(_theading(3, h["benchmarks"]))
        peak = max((a for _, a, _ in bench), default=0) or 1
        for name, amount, text in bench:
            out.append(f'#grid(columns: (150pt, 1fr), {_t(name)}, [#box(rect(width: {amount / peak * 60:.1f}%, height: 10pt, fill: rgb("#3f7cac"))) #{_t(text)}])')
        if not bench:
            out.append(_no_benchmark(b, L, **_tline(L)) + "\n")
    else:
        out.append(_no_payers(L, **_tline(L)) + "\n")
    out.append(_theading(2, h["disclaimer"]) + "\n#set text(8.5pt)")
    out += [_tm(p) + "\n" for p in b.disclaimer]
    return "\n".join(out) + "\n"


def _typst_clinical(b, L: Labels) -> list[str]:
    c, h = b.clinical_context, L.headings
    out = [_theading(2, h["clinical_and_coding"]),
           _theading(3, present.section_heading(c.heading, "clinical_context", L))]
    out += [_tm(p) + "\n" for p in c.vignette]
    out.append(_theading(4, h["workflow"]))
    if c.workflow:
        if c.workflow.summary:
            out.append(_tm(c.workflow.summary) + "\n")
        out.append("#enum(" + ", ".join(_t(s) for s in c.workflow.steps) + ")")
    else:
        out.append("#" + _t(None, L) + "\n")
    out.append(_theading(4, h["setting"]) + "\n#" + _t(c.setting, L) + "\n")
    out.append(_theading(4, h["scenarios"]))
    if c.scenarios:
        if c.scenarios.summary:
            out.append(_tm(c.scenarios.summary) + "\n")
        out.append("#list(" + ", ".join(_t(s) for s in c.scenarios.items) + ")")
    else:
        out.append("#" + _t(None, L) + "\n")
    return out


# ---------------------------------------------------------------------------------- HTML
def _h(text: str | None, L: Labels = ENGLISH) -> str:
    return f"<em>{html.escape(L.not_provided)}</em>" if text is None else html.escape(text)


def _hline(L: Labels) -> dict:
    return {"esc": html.escape, "missing": _h(None, L)}


def html_css(labels: Labels = ENGLISH) -> str:
    """@font-face rules pointing at the same TTF files, and print CSS close to the default style."""
    atk, mono = font_dirs()
    faces = []
    for name, weight, style in (("Regular", 400, "normal"), ("Bold", 700, "normal"), ("Italic", 400, "italic"),
                                ("BoldItalic", 700, "italic")):
        faces.append(f"@font-face {{ font-family: 'Atkinson Hyperlegible'; font-weight: {weight}; font-style: {style};"
                     f" src: url('{(atk / f'AtkinsonHyperlegible-{name}.ttf').as_uri()}'); }}")
    for name, weight in (("Regular", 400), ("Bold", 700)):
        faces.append(f"@font-face {{ font-family: 'IBM Plex Mono'; font-weight: {weight};"
                     f" src: url('{(mono / f'IBMPlexMono-{name}.ttf').as_uri()}'); }}")
    page = '"' + labels.page.format(page='" counter(page) "', total='" counter(pages) "') + '"'
    return "\n".join(faces) + """
@page { size: letter; margin: 0.9in 0.9in 0.85in 0.9in;
  @bottom-left { content: string(footer); font: 8.5pt 'Atkinson Hyperlegible'; color: #3f4650; }
  @bottom-right { content: PAGE; font: bold 8.5pt 'Atkinson Hyperlegible'; } }
body { font: 10.5pt/14pt 'Atkinson Hyperlegible'; color: #1a1a1a; }
.footer { string-set: footer content(); display: none; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 6pt; } h2 { font-size: 14pt; color: #1d4f7c; margin: 14pt 0 5pt; }
h3 { font-size: 11.5pt; margin: 8pt 0 3pt; } h4 { font-size: 10.5pt; margin: 4pt 0 2pt; }
h2, h3, h4 { break-after: avoid; } p { margin: 0 0 6pt; }
.eyebrow { font-size: 8.5pt; font-weight: bold; color: #1d4f7c; }
.facts { font-size: 9.5pt; color: #3f4650; } hr { border: 0; border-top: 1.4pt solid #1d4f7c; }
.panel { background: #f1f5fa; border: 0.8pt solid #1d4f7c; padding: 8pt; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; } td, th { padding: 5pt; border-bottom: 0.4pt solid #8f9aa6;
  text-align: left; vertical-align: top; } thead th { background: #e3ecf5; } tbody tr:nth-child(even) { background: #f4f6f9; }
code { font-family: 'IBM Plex Mono'; font-weight: bold; } .bar { display: inline-block; height: 10pt; background: #3f7cac; }
.small { font-size: 8.5pt; }
""".replace("PAGE", page)


def _hglance(b, L: Labels) -> str:
    rows = [f"<tr><th>{_h(k)}</th><td>{_h(v, L)}</td></tr>" for k, v in present.glance_facts(b, L)]
    gaps = [present.gap_text(g, L, **_hline(L)) for g in present.availability(b)] or [_h(L.nothing_missing)]
    rows.append(f"<tr><th>{_h(L.facts['missing'])}</th><td>{'<br>'.join(gaps)}</td></tr>")
    return f"<h2>{_h(L.headings['at_a_glance'])}</h2><div class='panel'><table>" + "".join(rows) + "</table></div>"


def _hbars(bench) -> str:
    peak = max(a for _, a, _ in bench) or 1
    return "<table>" + "".join(f"<tr><td style='width:150pt'>{_h(n)}</td><td><span class='bar' style='width:{a / peak * 60:.1f}%'>"
                               f"</span> {_h(t)}</td></tr>" for n, a, t in bench) + "</table>"


def _hheader(cells) -> str:
    return "<thead><tr>" + "".join(f"<th>{_h(c)}</th>" for c in cells) + "</tr></thead>"


def to_html(b, css: str | None = None) -> str:
    L = present.labels_of(b)
    h = L.headings
    m = b.document
    mods, payers, bench = _rows(b, L)
    facts = " · ".join(f"<b>{_h(k)}:</b> {_h(v, L)}" for line in present.title_facts(b, L) for k, v in line)
    out = [f"<!doctype html><html lang='{m.language}'><head><meta charset='utf-8'><title>{_h(present.document_title(b))}</title>",
           f"<style>{css if css is not None else html_css(L)}</style></head><body>",
           "<div class='footer'>" + _h(present.footer_text(b, L)) + "</div>",
           "<div class='eyebrow'>" + _h(present.eyebrow_text(b, L)) + "</div>",
           f"<h1><span style='color:#1d4f7c'>{_h(b.label)}:</span> {_h(m.title)}</h1>",
           f"<p class='facts'>{facts}</p><hr>", _hglance(b, L),
           f"<h2>{_h(present.section_heading(b.summary.heading, 'summary', L))}</h2>"]
    out += [f"<p>{_h(p)}</p>" for p in b.summary.paragraphs]
    ov, f = b.billing_overview, L.facts
    out.append(f"<h2>{_h(present.section_heading(ov.heading, 'billing_overview', L))}</h2>")
    out += [f"<p>{_h(p)}</p>" for p in ov.description]
    out.append(f"<table><tr><th>{_h(f['code'])}</th><td><code>{_h(b.label)}</code></td></tr>"
               f"<tr><th>{_h(f['descriptor'])}</th><td>{_h(m.title)}</td></tr>"
               f"<tr><th>{_h(f['service_type'])}</th><td>{_h(ov.service_type, L)}</td></tr>"
               f"<tr><th>{_h(f['site_of_service'])}</th><td>{_h(ov.sites_of_service, L)}</td></tr></table>")
    out += _html_clinical(b, L)
    out.append(f"<h3>{_h(present.section_heading(b.coding.heading, 'coding', L))}</h3><table><colgroup>"
               "<col style='width:64pt'><col style='width:27%'><col></colgroup>" + _hheader(L.modifier_headers) + "<tbody>")
    out += [f"<tr><td><code>{_h(a)}</code></td><td>{_h(d)}</td><td>{_h(w, L)}</td></tr>" for a, d, w in mods]
    out.append(f"</tbody></table><h2>{_h(h['payers'])}</h2>")
    if payers:
        out.append("<table>" + _hheader(L.coverage_headers) + "<tbody>")
        out += ["<tr><td><b>" + _h(r[0]) + "</b></td>" + "".join(f"<td>{_h(x, L)}</td>" for x in r[1:]) + "</tr>" for r in payers]
        out.append(f"</tbody></table><h3>{_h(h['benchmarks'])}</h3>")
        out.append(_hbars(bench) if bench else f"<p>{_no_benchmark(b, L, **_hline(L))}</p>")
    else:
        out.append(f"<p>{_no_payers(L, **_hline(L))}</p>")
    out.append(f"<h2>{_h(h['disclaimer'])}</h2><hr>")
    out += [f"<p class='small'>{_h(p)}</p>" for p in b.disclaimer]
    out.append("</body></html>")
    return "\n".join(out)


def _html_clinical(b, L: Labels) -> list[str]:
    c, h = b.clinical_context, L.headings
    out = [f"<h2>{_h(h['clinical_and_coding'])}</h2><h3>{_h(present.section_heading(c.heading, 'clinical_context', L))}</h3>"]
    out += [f"<p>{_h(p)}</p>" for p in c.vignette]
    out.append(f"<h4>{_h(h['workflow'])}</h4>")
    if c.workflow:
        if c.workflow.summary:
            out.append(f"<p>{_h(c.workflow.summary)}</p>")
        out.append("<ol>" + "".join(f"<li>{_h(s)}</li>" for s in c.workflow.steps) + "</ol>")
    else:
        out.append(f"<p>{_h(None, L)}</p>")
    out.append(f"<h4>{_h(h['setting'])}</h4><p>{_h(c.setting, L)}</p><h4>{_h(h['scenarios'])}</h4>")
    if c.scenarios:
        if c.scenarios.summary:
            out.append(f"<p>{_h(c.scenarios.summary)}</p>")
        out.append("<ul>" + "".join(f"<li>{_h(s)}</li>" for s in c.scenarios.items) + "</ul>")
    else:
        out.append(f"<p>{_h(None, L)}</p>")
    return out
