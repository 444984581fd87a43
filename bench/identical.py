"""Fingerprints of rendered PDFs, to prove a refactor changes no byte.

    python bench/identical.py > before.txt      # on the old code
    python bench/identical.py > after.txt       # on the new code
    diff before.txt after.txt                   # no output: byte-identical

Renders the shipped sources, every fixture, 40 bench variants, in every shipped style and with
`toc: true`, plus a packet, and prints one `sha256  name` line each.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import variants  # noqa: E402

from briefpdf import render  # noqa: E402
from briefpdf.bundle import bundle  # noqa: E402


def corpus(tmp: Path) -> list[Path]:
    base = variants.load_base(ROOT / "sources" / "77301.yaml")
    files = sorted((ROOT / "sources").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))
    return files + variants.write_variants(base, tmp / "variants", 40)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        toc = tmp / "toc.yaml"
        toc.write_text("extends: default\noptions:\n  toc: true\n", encoding="utf-8")
        sources = corpus(tmp)
        for style in ("default", "a4", "grayscale", str(toc)):
            for src in sources:
                out = tmp / "out.pdf"
                render(src, out, style=style)
                print(hashlib.sha256(out.read_bytes()).hexdigest(), f"{Path(style).stem}/{src.name}")
        packet = tmp / "packet.pdf"
        bundle([ROOT / "sources" / "77301.yaml", *sources[-3:]], packet, title="Packet")
        print(hashlib.sha256(packet.read_bytes()).hexdigest(), "packet")


if __name__ == "__main__":
    main()
