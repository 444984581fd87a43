"""Distinct, valid variants of sources/77301.yaml for the benchmark.

Each variant changes the text lengths (paragraphs repeated or cut), the modifier table size
(1 to 30 rows), the payer count (0 to 12, with coverage, policy and benchmark data for some)
and the title, so no two documents are the same and caches keyed on content cannot help.
Variant 0 of `seed_sized` is the issue's reference document: the seed's text and a 30-row table.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml

COVERAGE = ["covered", "covered_with_criteria", "not_covered", "varies", None]
PRIOR = ["required", "not_required", "varies", None]
BASIS = ["fee_schedule", "median_allowed", "case_rate", "percent_of_medicare"]
SETTING = ["facility", "non_facility", "hospital_outpatient", "freestanding", None]
PAYER_NAMES = ["Aetna", "Blue Cross Blue Shield", "Cigna Health", "UnitedHealthcare", "Medicare", "Humana",
               "Kaiser Permanente", "Anthem", "Centene", "Molina Healthcare", "Highmark", "Oscar Health"]
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def load_base(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _resize(paragraphs: list[str], factor: float) -> list[str]:
    """Cut or repeat text so the paragraph count and lengths change with `factor`."""
    out = []
    for p in paragraphs:
        words = p.split()
        n = max(6, int(len(words) * factor))
        out.append(" ".join((words * (n // len(words) + 1))[:n]))
    return out


def modifiers(n: int, rng: random.Random) -> list[dict]:
    rows = []
    for i in range(n):
        code = ALNUM[(i // 36) % 36] + ALNUM[i % 36] if i >= 2 else ("26", "TC")[i]
        rows.append({
            "modifier": code,
            "description": rng.choice(["Professional component", "Technical component", "Distinct procedural service",
                                       "Repeat procedure by same physician", "Reduced services"]) + f" ({i + 1})",
            "when_to_use": None if rng.random() < 0.15 else
            "Use when " + " ".join(rng.choice(["billing", "the", "physician", "separately", "component", "technical",
                                               "delivery", "planning", "work", "is", "documented"])
                                   for _ in range(rng.randint(6, 30))) + ".",
        })
    return rows


def payers(n: int, rng: random.Random) -> list[dict]:
    out = []
    for i in range(n):
        p: dict = {"name": PAYER_NAMES[i % len(PAYER_NAMES)] + (f" {i // len(PAYER_NAMES) + 1}" if i >= 12 else "")}
        p["coverage"] = rng.choice(COVERAGE)
        p["prior_authorization"] = rng.choice(PRIOR)
        p["policy"] = None if rng.random() < 0.4 else {
            "name": f"Radiation therapy policy {rng.randint(100, 999)}",
            "url": f"https://example.org/policy/{rng.randint(1000, 9999)}",
        }
        if rng.random() < 0.6:
            basis = rng.choice(BASIS)
            bm = {"amount": round(rng.uniform(80, 900), 2), "basis": basis, "setting": rng.choice(SETTING)}
            if basis != "percent_of_medicare":
                bm["currency"] = "USD"
            else:
                bm["amount"] = round(rng.uniform(90, 250), 1)
            p["benchmark"] = bm
        else:
            p["benchmark"] = None
        out.append(p)
    return out


def variant(base: dict, i: int, *, seed: int = 7301) -> dict:
    """The i-th distinct variant: text length, table rows and payer count drawn from a fixed seed."""
    rng = random.Random(seed * 100_003 + i)
    d = copy.deepcopy(base)
    factor = rng.choice([0.5, 0.8, 1.0, 1.0, 1.3, 1.8, 2.5])
    d["document"]["title"] = f"{base['document']['title']} — variant {i}"
    d["document"]["version"] = f"1.{i}"
    d["summary"]["paragraphs"] = _resize(base["summary"]["paragraphs"], factor)
    d["billing_overview"]["description"] = _resize(base["billing_overview"]["description"], factor)
    d["clinical_context"]["vignette"] = _resize(base["clinical_context"]["vignette"], factor)
    d["coding"]["modifiers"] = modifiers(rng.randint(1, 30), rng)
    d["payers"] = payers(rng.randint(0, 12), rng)
    return d


def seed_sized(base: dict, i: int = 0) -> dict:
    """The issue's reference shape: the seed's text, a 30-row modifier table, the seed's payers."""
    d = copy.deepcopy(base)
    d["coding"]["modifiers"] = modifiers(30, random.Random(i))
    if i:
        d["document"]["title"] = f"{base['document']['title']} — variant {i}"
        d["document"]["version"] = f"1.{i}"
    return d


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_variants(base: dict, folder: Path, count: int, *, prefix: str = "v") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}{i:04d}.yaml"
        path.write_text(dump(variant(base, i)), encoding="utf-8")
        paths.append(path)
    return paths
