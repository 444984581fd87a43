"""The layout checker's corpus: shipped sources, fixtures, the `new` skeleton and generated sources
(lists, long URLs, many payers, partial data), rendered in-process in every shipped style, with
contents, and as packets.

Run it as a script for the defect counts per kind: `python tests/layoutcorpus.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import yaml
from hypothesis import strategies as st

import briefpdf
from briefpdf import engine
from briefpdf.new import template
from briefpdf.pipeline import load_checked

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the shipped sources and every fixture a briefing can be read from (two versions of one: What changed)
FIXED = (sorted((ROOT / "sources").glob("*.yaml")) + sorted((HERE / "fixtures").glob("*.yaml"))
         + sorted((HERE / "fixtures" / "versions").glob("*.yaml"))
         + sorted((HERE / "fixtures" / "layout").glob("*.yaml")))  # sources made to break a layout rule
STYLES = ("default", "a4", "grayscale", "toc")  # "toc": the default style with contents

WORDS = ("radiation therapy treatment plan session delivery coverage payer policy criteria record physician "
         "facility modifier technical professional component prior authorization approval image guidance course "
         "daily dose fraction target volume normal tissue limits benefit manager claim denial edit units quarter "
         "review outpatient hospital centre clinician analyst medical necessity documentation signed verification "
         "schedule allowed amount locality contract network appeal letter physics simulation contouring planning "
         "intensity modulated beam field weekly management billing coding guidance notes").split()
PAYERS = ("Aetna", "Cigna Health", "UnitedHealthcare", "Humana", "Kaiser Permanente",
          "Anthem Blue Cross and Blue Shield of the Example State", "Medicare (Original Medicare, physician fee "
          "schedule)", "Regional Health Plan With Every Field Missing", "Example Medicaid Managed Care Organization",
          "Blue Cross Blue Shield Federal Employee Program")


@st.composite
def sentence(draw, lo: int = 4, hi: int = 22) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi))
    return " ".join(words).capitalize() + "."


@st.composite
def paragraph(draw, hi: int = 5) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=hi)))


@st.composite
def url(draw) -> str:
    parts = draw(st.lists(st.sampled_from(WORDS + ["pub09-30", "2026_v2", "policy_id=8123", "page?id=42&x=1"]),
                          min_size=1, max_size=14))
    sep = draw(st.sampled_from(["-", "_", "/"]))
    return "https://www.example-health-plan.org/content/" + sep.join(parts)


@st.composite
def prose(draw, long: bool = True):
    """A prose field: a paragraph, several, or block text with a (nested) list."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(paragraph(8 if long else 3))
    if kind == 1:
        return draw(st.lists(paragraph(6 if long else 2), min_size=1, max_size=3))
    lead = draw(sentence())[:-1] + ":"
    items = draw(st.lists(sentence(2, 14 if long else 6), min_size=2, max_size=9))
    lines = [lead] + [f"{i + 1}. {t}" if kind == 3 else f"- {t}" for i, t in enumerate(items)]
    if draw(st.booleans()):
        lines.insert(2, "   - " + draw(sentence(2, 8)))
    return "\n".join(lines)


def maybe(draw, strategy, p_none: int = 3):
    """Partial data: about one value in `p_none` is left out (null)."""
    return None if draw(st.integers(0, p_none - 1)) == 0 else draw(strategy)


@st.composite
def payer(draw, i: int) -> dict:
    p = {"name": PAYERS[i % len(PAYERS)]}
    p["coverage"] = maybe(draw, st.sampled_from(["covered", "covered_with_criteria", "not_covered", "varies"]))
    p["prior_authorization"] = maybe(draw, st.sampled_from(["required", "not_required", "varies"]))
    if draw(st.booleans()):
        p["policy"] = {"name": draw(sentence(2, 14))[:-1], "url": maybe(draw, url()),
                       "effective_date": maybe(draw, st.just("2026-01-01"))}
    if draw(st.integers(0, 3)):
        p["benchmark"] = {"amount": draw(st.integers(5000, 250000)) / 100,
                          "basis": draw(st.sampled_from(["fee_schedule", "per_plan", "case_rate"])),
                          "setting": maybe(draw, st.sampled_from(["facility", "non_facility", "freestanding"])),
                          "currency": "USD"}
    if p.get("coverage") == "covered_with_criteria" or draw(st.booleans()):
        p["criteria"] = maybe(draw, prose(long=False))
    p["notes"] = maybe(draw, prose(long=False), 2)
    if draw(st.booleans()):
        p["sources"] = [{"title": draw(sentence(2, 10))[:-1], "url": maybe(draw, url())}]
    return p


@st.composite
def rules(draw) -> dict | None:
    if not draw(st.integers(0, 2)):
        return None
    n = st.integers(1, 8)
    return {
        "ptp_edits": [{"column_1": "77301", "column_2": f"77{i:03d}", "modifier_indicator": 1,
                       "note": maybe(draw, sentence(2, 16), 2)} for i in range(draw(n))],
        "units_limits": maybe(draw, st.just([{"code": "77301", "units": 1}])),
        "places_of_service": [{"code": f"{11 + i}", "name": draw(sentence(1, 4))[:-1]} for i in range(draw(n))],
        "documentation": draw(st.lists(sentence(3, 18), min_size=1, max_size=9)),
        "tips": maybe(draw, st.lists(sentence(3, 12), min_size=1, max_size=6)),
        "denial_reasons": maybe(draw, st.lists(sentence(2, 10), min_size=1, max_size=7)),
    }


@st.composite
def briefing(draw) -> dict:
    """A source as an author might write one: sometimes long, sometimes sparse."""
    n_pay = draw(st.integers(0, 8))
    data = {
        "document": {"code": "77301", "code_system": "CPT", "title": draw(sentence(3, 12))[:-1],
                     "date": "2026-11-28", "status": draw(st.sampled_from(["draft", "final", "sample"])),
                     "scope": maybe(draw, st.just("National")), "organization": maybe(draw, st.just("Example Org"))},
        "summary": {"paragraphs": draw(st.lists(paragraph(6), min_size=1, max_size=4))},
        "billing_overview": {"description": draw(prose()), "service_type": maybe(draw, sentence(2, 6)),
                             "sites_of_service": maybe(draw, sentence(2, 12))},
        "clinical_context": {
            "vignette": draw(prose()),
            "workflow": {"steps": draw(st.lists(sentence(2, 12), min_size=1, max_size=9))},
            "setting": maybe(draw, paragraph(2)),
            "scenarios": {"items": draw(st.lists(sentence(1, 8), min_size=1, max_size=8))},
        },
        "coding": {"modifiers": [{"modifier": m, "description": draw(sentence(2, 6))[:-1],
                                  "when_to_use": maybe(draw, prose(long=False))}
                                 for m in draw(st.lists(st.sampled_from(["26", "TC", "59", "XS", "76", "GC"]),
                                                        min_size=1, max_size=6, unique=True))],
                   "notes": maybe(draw, prose(), 2), "rules": draw(rules())},
        "payers": [draw(payer(i)) for i in range(n_pay)],
        "notes": maybe(draw, prose(), 2),
        "disclaimer": [draw(paragraph(3))],
    }
    for fields in (data, data["coding"]):  # these may be left out, not null
        if fields["notes"] is None:
            del fields["notes"]
    return data


def style(name: str):
    """A shipped style by name; "toc" is the default with its contents page switched on."""
    if name == "toc":
        s = briefpdf.load_style("default")
        return dataclasses.replace(s, options=dataclasses.replace(s.options, toc=True))
    return briefpdf.load_style(name)


def frame(s) -> tuple[float, float]:
    """The text area's (bottom, top), in points from the foot of the page."""
    _, height = s.paper()
    return s.length(s.page.margin_bottom), height - s.length(s.page.margin_top)


def render(source: Path, s) -> bytes:
    """The source as `render` lays it out: with its What changed box when it names a previous version."""
    _, _, b, checked = load_checked(source, None)
    return engine.build(b, s, source=str(source), changes=checked.comparison(b)).data


def write_source(folder: Path, name: str, data: dict) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def skeleton(folder: Path) -> Path:
    """The untouched `briefpdf new` skeleton."""
    path = folder / "new-77301.yaml"
    path.write_text(template("77301", title=None, system="CPT", today=dt.date(2026, 11, 28),
                             schema_ref="briefing.schema.json"), encoding="utf-8")
    return path


def packet(sources: list[Path], out: Path, style_name: str) -> Path:
    from briefpdf.bundle import bundle

    bundle(sources, out, title="Payer meeting, December", date=dt.date(2026, 12, 1), style=style_name)
    return out


def generated(n: int) -> list[dict]:
    """n generated sources, the same on every run (hypothesis, derandomized)."""
    from hypothesis import HealthCheck, Phase, given, settings

    out: list[dict] = []

    @settings(max_examples=n, derandomize=True, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(briefing())
    def collect(data: dict) -> None:
        out.append(data)

    collect()
    return out


def main(n_generated: int = 12) -> None:
    import tempfile

    import layoutcheck

    totals = layoutcheck.count([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = FIXED + [skeleton(folder)]
        sources += [write_source(folder, f"gen{i}", d) for i, d in enumerate(generated(n_generated))]
        pdfs = 0
        for name in STYLES:
            s = style(name)
            for src in sources:
                found = layoutcheck.check(render(src, s), frame(s))
                pdfs += 1
                for d in found:
                    totals[d.kind] += 1
                    print(f"{src.name} [{name}] {d}")
        for name in ("default", "a4", "grayscale"):
            s = style(name)
            for n in (len(FIXED), 2):  # a contents page of its own; a contents on the cover's page
                out = packet(FIXED[:n], folder / f"packet-{name}-{n}.pdf", name)
                found = layoutcheck.check(out.read_bytes(), frame(s))
                pdfs += 1
                for d in found:
                    totals[d.kind] += 1
                    print(f"packet of {n} [{name}] {d}")
    print(f"{pdfs} PDFs:", totals, "total", sum(totals.values()))


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
