"""Which label set a briefing speaks: one table per language, chosen by the source's BCP 47 tag."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from .labels import ENGLISH, Labels
from .spanish import SPANISH

if TYPE_CHECKING:
    from ..model import Briefing

TABLES: Mapping[str, Labels] = MappingProxyType({"en": ENGLISH, "es": SPANISH})


def labels_for(language: str) -> Labels:
    """The label set for a BCP 47 tag ('en-US' -> English, 'es-MX' -> Spanish); a language without
    a table gets English (has_labels says so, and a render warns)."""
    return TABLES.get(_primary(language), ENGLISH)


def has_labels(language: str) -> bool:
    """Whether the fixed words exist in this language."""
    return _primary(language) in TABLES


def labels_of(b: "Briefing") -> Labels:
    return labels_for(b.document.language)


def _primary(language: str) -> str:
    return language.split("-")[0].lower()
