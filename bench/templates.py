"""Plain Typst and HTML templates for the benchmark, generated from the same loaded `Briefing`.

They render the content briefpdf renders (title block, at a glance, summary, billing overview,
clinical context with its lists, the modifier table, the payer matrix, benchmarks, disclaimer)
with the same fonts (Atkinson Hyperlegible and IBM Plex Mono from the fontpkg packages), a
running footer with "Page N of M" and table headers that repeat, so the engines do comparable
work. They are deliberately plain: no chart drawing beyond simple bars, no bookmarks tuning.
"""

from __future__ import annotations

import html
import importlib
from pathlib import Path

NOT_PROVIDED = "Not provided"
LABELS = {
    "covered": "Covered", "covered_with_criteria": "Covered with criteria", "not_covered": "Not covered",
    "varies": "Varies by plan", "required": "Required", "not_required": "Not required",
}


def font_dirs() -> list[Path]:
    """Folders holding the TTF files of the two families briefpdf's default style uses."""
    out = []
    for mod in ("fontpkg_atkinson_hyperlegible", "fontpkg_ibm_plex_mono"):
        out.append(Path(importlib.import_module(mod).__file__).resolve().parent / "files")
    return out


def _money(bm) -> str:
    if bm.basis == "percent_of_medicare":
        return f"{bm.amount:,.1f}% of Medicare"
    return f"${bm.amount:,.2f} {bm.currency}"


def _rows(b):
    """The cells of the three tables, as plain strings (None = not provided)."""
    mods = [(m.modifier, m.description, m.when_to_use) for m in b.coding.modifiers]
    payers = [(p.name, LABELS.get(p.coverage) if p.coverage else None,
               LABELS.get(p.prior_authorization) if p.prior_authorization else None,
               p.policy.name if p.policy else None, _money(p.benchmark) if p.benchmark else None)
              for p in b.payers]
    bench = [(p.name, p.benchmark.amount, _money(p.benchmark)) for p in b.payers if p.benchmark]
    return mods, payers, bench


# ---------------------------------------------------------------------------------- Typst
def _t(text: str | None) -> str:
    """User text as a Typst content block: a string literal, so nothing in it is markup."""
    if text is None:
        return f'emph("{NOT_PROVIDED}")'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_typst(b) -> str:
    m = b.document
    mods, payers, bench = _rows(b)
    label = f"{m.code_system} {m.code}"
    out = [
        '#set document(title: ' + _t(f"{label}: {m.title}") + ')',
        '#set page(paper: "us-letter", margin: (x: 0.9in, top: 0.9in, bottom: 0.85in),',
        '  header: context { if here().page() > 1 { set text(8.5pt); ' + _t(f"{label} · {m.title}") + ' ; line(length: 100%, stroke: 0.5pt) } },',
        '  footer: context { set text(8.5pt, fill: rgb("#3f4650")); line(length: 100%, stroke: 0.5pt); '
        + _t(f"{label} · {b.short_title} · {m.date.isoformat()}")
        + ' ; h(1fr); strong[Page #counter(page).display() of #counter(page).final().first()] })',
        '#set text(font: "Atkinson Hyperlegible", size: 10.5pt, fill: rgb("#1a1a1a"), lang: "en")',
        '#set par(leading: 0.45em, spacing: 0.9em)',
        '#show heading: set text(fill: rgb("#1d4f7c"))',
        '#show heading.where(level: 1): set text(20pt, fill: rgb("#1a1a1a"))',
        '#show raw: set text(font: "IBM Plex Mono")',
        '#set table(stroke: (x: none, y: 0.4pt + rgb("#8f9aa6")), inset: 5pt)',
        '#let np = emph("' + NOT_PROVIDED + '")',
        '#text(8.5pt, weight: "bold", fill: rgb("#1d4f7c"), upper(' + _t(f"{m.code_system} code briefing · {m.scope or 'Scope not provided'}") + '))',
        '#heading(level: 1, [#text(fill: rgb("#1d4f7c"))[' + label + ':] #' + _t(m.title) + '])',
        '#text(9.5pt, fill: rgb("#3f4650"))[*Scope:* #' + _t(m.scope) + ' · *Date:* ' + m.date.isoformat()
        + ' · *Version:* #' + _t(m.version) + ' · *Audience:* #' + _t(", ".join(m.audience or []) or None)
        + ' · *Author:* #' + _t(m.author) + ']',
        '#line(length: 100%, stroke: 1.4pt + rgb("#1d4f7c"))',
        '== At a Glance',
        '#block(fill: rgb("#f1f5fa"), stroke: 0.8pt + rgb("#1d4f7c"), inset: 8pt, width: 100%, grid(columns: (118pt, 1fr), gutter: 6pt,',
        '  [*Service type*], ' + _t(b.billing_overview.service_type) + ',',
        '  [*Sites of service*], ' + _t(b.billing_overview.sites_of_service) + ',',
        '  [*Payers in scope*], ' + _t(", ".join(p.name for p in b.payers) or None) + ',',
        '))',
        '== ' + b.summary.heading.replace("&", "\\&"),
    ]
    out += ["#" + _t(p) + "\n" for p in b.summary.paragraphs]
    out.append("== Billing Code Overview")
    out += ["#" + _t(p) + "\n" for p in b.billing_overview.description]
    out.append('#table(columns: (150pt, 1fr), [*Code*], [' + label + '], [*Descriptor*], ' + _t(m.title)
               + ', [*Service type*], ' + _t(b.billing_overview.service_type) + ', [*Typical site of service*], '
               + _t(b.billing_overview.sites_of_service) + ')')
    c = b.clinical_context
    out.append("== Clinical & Coding Specifications\n=== Clinical Context")
    out += ["#" + _t(p) + "\n" for p in c.vignette]
    out.append("==== Clinical workflow")
    if c.workflow:
        if c.workflow.summary:
            out.append("#" + _t(c.workflow.summary) + "\n")
        out.append("#enum(" + ", ".join(_t(s) for s in c.workflow.steps) + ")")
    out.append("==== Typical setting\n#" + _t(c.setting) + "\n")
    out.append("==== Common clinical scenarios")
    if c.scenarios:
        if c.scenarios.summary:
            out.append("#" + _t(c.scenarios.summary) + "\n")
        out.append("#list(" + ", ".join(_t(s) for s in c.scenarios.items) + ")")
    out.append("=== Coding Specifications")
    cells = ", ".join(f"raw({_t(a)}), {_t(d)}, {_t(w)}" for a, d, w in mods)
    out.append('#table(columns: (64pt, 27%, 1fr), fill: (_, y) => if y == 0 { rgb("#e3ecf5") } else if calc.even(y) { rgb("#f4f6f9") },'
               ' table.header([*Modifier*], [*Description*], [*When to Use*]), ' + cells + ')')
    out.append("== Payer Coverage & Reimbursement")
    if payers:
        cells = ", ".join(", ".join(["strong(" + _t(r[0]) + ")"] + [_t(x) for x in r[1:]]) for r in payers)
        out.append('#table(columns: (19%, 17%, 15%, 26%, 23%), fill: (_, y) => if y == 0 { rgb("#e3ecf5") },'
                   ' table.header([*Payer*], [*Coverage*], [*Prior authorization*], [*Medical policy*], [*Benchmark*]), '
                   + cells + ')')
    else:
        out.append("No payers are listed in this briefing; payer coverage is not provided.\n")
    out.append("=== Reimbursement benchmarks")
    if bench:
        peak = max(a for _, a, _ in bench) or 1
        for name, amount, text in bench:
            out.append(f'#grid(columns: (150pt, 1fr), {_t(name)}, [#box(rect(width: {amount / peak * 60:.1f}%, height: 10pt, fill: rgb("#3f7cac"))) #{_t(text)}])')
    else:
        out.append(f"No reimbursement benchmark is provided for any of the {len(b.payers)} payers in this briefing.\n")
    out.append("== Disclaimer\n#set text(8.5pt)")
    out += ["#" + _t(p) + "\n" for p in b.disclaimer]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- HTML
def _h(text: str | None) -> str:
    return f"<em>{NOT_PROVIDED}</em>" if text is None else html.escape(text)


def html_css() -> str:
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
    return "\n".join(faces) + """
@page { size: letter; margin: 0.9in 0.9in 0.85in 0.9in;
  @bottom-left { content: string(footer); font: 8.5pt 'Atkinson Hyperlegible'; color: #3f4650; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: bold 8.5pt 'Atkinson Hyperlegible'; } }
body { font: 10.5pt/14pt 'Atkinson Hyperlegible'; color: #1a1a1a; }
.footer { string-set: footer content(); display: none; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 6pt; } h2 { font-size: 14pt; color: #1d4f7c; margin: 14pt 0 5pt; }
h3 { font-size: 11.5pt; margin: 8pt 0 3pt; } h4 { font-size: 10.5pt; margin: 4pt 0 2pt; }
h2, h3, h4 { break-after: avoid; } p { margin: 0 0 6pt; }
.eyebrow { font-size: 8.5pt; font-weight: bold; color: #1d4f7c; text-transform: uppercase; }
.facts { font-size: 9.5pt; color: #3f4650; } hr { border: 0; border-top: 1.4pt solid #1d4f7c; }
.panel { background: #f1f5fa; border: 0.8pt solid #1d4f7c; padding: 8pt; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; } td, th { padding: 5pt; border-bottom: 0.4pt solid #8f9aa6;
  text-align: left; vertical-align: top; } thead th { background: #e3ecf5; } tbody tr:nth-child(even) { background: #f4f6f9; }
code { font-family: 'IBM Plex Mono'; font-weight: bold; } .bar { display: inline-block; height: 10pt; background: #3f7cac; }
.small { font-size: 8.5pt; }
"""


def to_html(b, css: str | None = None) -> str:
    m = b.document
    mods, payers, bench = _rows(b)
    label = f"{m.code_system} {m.code}"
    out = [f"<!doctype html><html lang='{m.language}'><head><meta charset='utf-8'><title>{_h(label + ': ' + m.title)}</title>",
           f"<style>{css if css is not None else html_css()}</style></head><body>",
           "<div class='footer'>" + _h(f"{label} · {b.short_title} · {m.date.isoformat()}") + "</div>",
           "<div class='eyebrow'>" + _h(f"{m.code_system} code briefing · {m.scope or 'Scope not provided'}") + "</div>",
           f"<h1><span style='color:#1d4f7c'>{label}:</span> {_h(m.title)}</h1>",
           f"<p class='facts'><b>Scope:</b> {_h(m.scope)} · <b>Date:</b> {m.date.isoformat()} · <b>Version:</b> {_h(m.version)}"
           f" · <b>Audience:</b> {_h(', '.join(m.audience or []) or None)} · <b>Author:</b> {_h(m.author)}</p><hr>",
           "<h2>At a Glance</h2><div class='panel'><table>",
           f"<tr><th>Service type</th><td>{_h(b.billing_overview.service_type)}</td></tr>",
           f"<tr><th>Sites of service</th><td>{_h(b.billing_overview.sites_of_service)}</td></tr>",
           f"<tr><th>Payers in scope</th><td>{_h(', '.join(p.name for p in b.payers) or None)}</td></tr></table></div>",
           f"<h2>{_h(b.summary.heading)}</h2>"]
    out += [f"<p>{_h(p)}</p>" for p in b.summary.paragraphs]
    out.append("<h2>Billing Code Overview</h2>")
    out += [f"<p>{_h(p)}</p>" for p in b.billing_overview.description]
    out.append(f"<table><tr><th>Code</th><td>{label}</td></tr><tr><th>Descriptor</th><td>{_h(m.title)}</td></tr>"
               f"<tr><th>Service type</th><td>{_h(b.billing_overview.service_type)}</td></tr>"
               f"<tr><th>Typical site of service</th><td>{_h(b.billing_overview.sites_of_service)}</td></tr></table>")
    c = b.clinical_context
    out.append("<h2>Clinical &amp; Coding Specifications</h2><h3>Clinical Context</h3>")
    out += [f"<p>{_h(p)}</p>" for p in c.vignette]
    out.append("<h4>Clinical workflow</h4>")
    if c.workflow:
        if c.workflow.summary:
            out.append(f"<p>{_h(c.workflow.summary)}</p>")
        out.append("<ol>" + "".join(f"<li>{_h(s)}</li>" for s in c.workflow.steps) + "</ol>")
    out.append(f"<h4>Typical setting</h4><p>{_h(c.setting)}</p><h4>Common clinical scenarios</h4>")
    if c.scenarios:
        if c.scenarios.summary:
            out.append(f"<p>{_h(c.scenarios.summary)}</p>")
        out.append("<ul>" + "".join(f"<li>{_h(s)}</li>" for s in c.scenarios.items) + "</ul>")
    out.append("<h3>Coding Specifications</h3><table><colgroup><col style='width:64pt'><col style='width:27%'><col></colgroup>"
               "<thead><tr><th>Modifier</th><th>Description</th><th>When to Use</th></tr></thead><tbody>")
    out += [f"<tr><td><code>{_h(a)}</code></td><td>{_h(d)}</td><td>{_h(w)}</td></tr>" for a, d, w in mods]
    out.append("</tbody></table><h2>Payer Coverage &amp; Reimbursement</h2>")
    if payers:
        out.append("<table><thead><tr><th>Payer</th><th>Coverage</th><th>Prior authorization</th><th>Medical policy</th>"
                   "<th>Benchmark</th></tr></thead><tbody>")
        out += ["<tr><td><b>" + _h(r[0]) + "</b></td>" + "".join(f"<td>{_h(x)}</td>" for x in r[1:]) + "</tr>" for r in payers]
        out.append("</tbody></table>")
    else:
        out.append("<p>No payers are listed in this briefing; payer coverage is not provided.</p>")
    out.append("<h3>Reimbursement benchmarks</h3>")
    if bench:
        peak = max(a for _, a, _ in bench) or 1
        out.append("<table>" + "".join(f"<tr><td style='width:150pt'>{_h(n)}</td><td><span class='bar' style='width:{a / peak * 60:.1f}%'>"
                                       f"</span> {_h(t)}</td></tr>" for n, a, t in bench) + "</table>")
    else:
        out.append(f"<p>No reimbursement benchmark is provided for any of the {len(b.payers)} payers in this briefing.</p>")
    out.append("<h2>Disclaimer</h2><hr>")
    out += [f"<p class='small'>{_h(p)}</p>" for p in b.disclaimer]
    out.append("</body></html>")
    return "\n".join(out)
