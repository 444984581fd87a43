"""Amounts as a reader sees them: decimal, rounded half-up to the places they are shown with.

A float prints 2.675 as 2.67 (its binary value is 2.67499...) and rounds half to even; a fee
schedule is read the way it is written, and rounded the way a person rounds. Shared by the
model's checks (an amount that would print as zero) and by present (the words on the page).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MONEY_PLACES = 2  # $412.50
PERCENT_PLACES = 1  # 118.5% of Medicare


def decimal(value) -> Decimal:
    """The amount as written. A float read from YAML goes back to its shortest decimal text,
    which is the text the author typed for any amount of up to 15 significant digits."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def rounded(value, places: int) -> Decimal:
    """`value` to `places` decimals, halves away from zero; never a negative zero."""
    q = decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return q.copy_abs() if q == 0 else q


def places_for(basis: str | None) -> int:
    """Decimals a benchmark amount is shown with."""
    return PERCENT_PLACES if basis == "percent_of_medicare" else MONEY_PLACES


def amount_problem(value, basis: str | None) -> tuple[str, str] | None:
    """(message, hint) for an amount that cannot be shown as written, else None.

    More decimals than shown are rounded (2.675 is $2.68: an average may be finer than a cent),
    but a figure that is not zero must never print as zero (0.001 as $0.00), and a negative
    zero (-0.0, which would print as $-0.00) is not an amount.
    """
    places = places_for(basis)
    written = decimal(value)
    if written.is_zero() and written.is_signed():
        return f"the amount is written as negative zero ({value})", "write 0"
    if not written.is_zero() and rounded(written, places).is_zero():
        unit = "a tenth of a percent" if places == PERCENT_PLACES else "a cent"
        return (f"the amount {written} would print as {rounded(written, places)}: it is less than {unit}, "
                "the smallest figure shown", "write 0 if it is nothing, or check the figure")
    return None
