"""Embedded TrueType subsets with a subset tag of their own.

ReportLab names every subset of every font `AAAAAA+Name` (then `AAAAAB+`...), so all the fonts
of a document share one tag. ISO 32000-1 (9.6.4) asks for a tag that differs between subsets;
here it is six capitals derived from the font's name and the characters in the subset, so the
same document still gives the same bytes.
"""

from __future__ import annotations

import hashlib
import threading

from reportlab.pdfbase import ttfonts

_LOCK = threading.Lock()  # the tag function is swapped in ReportLab's module for one font at a time


def subset_tag(face_name: bytes, codes: list[int]) -> bytes:
    """Six capital letters, a function of the font and of the characters its subset holds."""
    digest = hashlib.sha256(face_name + b"\0" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


class TaggedSubsetFont(ttfonts.TTFont):
    """A TTFont whose subsets carry distinct, deterministic tags."""

    def addObjects(self, doc):
        state = self.state.get(doc)
        tags = [subset_tag(self.face.name, list(s)) for s in (state.subsets if state else [])]
        with _LOCK:
            original = ttfonts.SUBSETN
            ttfonts.SUBSETN = lambda n, *_: tags[n]
            try:
                super().addObjects(doc)
            finally:
                ttfonts.SUBSETN = original
