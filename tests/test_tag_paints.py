"""Which pieces of a content stream put marks on the page decides what becomes marked content
and what an artifact; the token test must agree with the operators' meaning (ISO 32000-1, 8.2)."""

from __future__ import annotations

import random
import re

import pytest

from briefpdf.pdf.tags.canvas import paints

# the definition the token test replaced: any whitespace-separated operator that shows text,
# builds or paints a path, paints a shading or an image
REFERENCE = re.compile(r"(?:^|\s)(?:Tj|TJ|'|\"|re|m|l|c|v|y|h|f\*?|F|S|s|B\*?|b\*?|sh|Do|BI)(?=\s|$)")


@pytest.mark.parametrize("op", ["q", "Q", "1 0 0 1 72 617.7 cm", ".101961 .101961 .101961 rg", ".5 w", "1 J",
                                "BT /F1+0 10 Tf 12 TL ET", "", " ", "/Artifact BMC", "EMC", "n"])
def test_state_only_pieces_paint_nothing(op):
    assert not paints(op)


@pytest.mark.parametrize("op", ["BT 1 0 0 1 0 2.85 Tm /F3+0 9.5 Tf (Not provided) Tj T* ET", "[(A) 120 (B)] TJ",
                                "n 72 36.85 m 540 36.85 l S", "0 0 468 12 re f", "0 0 10 10 re\nB*", "/Im0 Do",
                                "/Sh0 sh", "1 2 3 4 5 6 c h f*"])
def test_marks_are_seen(op):
    assert paints(op)


def test_the_token_test_agrees_with_the_operator_grammar_on_random_pieces():
    rng = random.Random(7)
    words = ["q", "Q", "cm", "rg", "RG", "w", "Tf", "TL", "Tm", "T*", "BT", "ET", "Tj", "TJ", "'", '"', "re", "m", "l",
             "c", "v", "y", "h", "f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "BI", "n", "W", "1", ".5",
             "(a", "m)", "(Tj)", "/F1+0", "Tjx", "xS", "ff"]
    for i in range(4000):
        op = "".join(rng.choice(words) + rng.choice([" ", " ", "\n", "\t", "  ", ""])
                     for _ in range(rng.randint(0, 4 if i < 3000 else 30)))
        assert paints(op) == bool(REFERENCE.search(op)), repr(op)
