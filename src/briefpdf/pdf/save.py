"""Moved to `briefpdf.atomic` (every file briefpdf writes goes through it, not only PDFs).

Kept for one release so that `from .pdf.save import refuse_overwriting, write_atomic` still works.
"""

from ..atomic import refuse_overwriting, write_atomic

__all__ = ["refuse_overwriting", "write_atomic"]
