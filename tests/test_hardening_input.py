"""Hostile and careless inputs -- styles, logos, numbers as written, characters the fonts lack,
links, dates, colours -- each end in FILE:LINE:COLUMN: error: (or a command-line error), with
no traceback; what renders is read back from the PDF."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import SOURCES, cli, pdftotext

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
MESSAGE = re.compile(r"^(?P<file>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|warning\[BP\d+\]): "
                     r"(?P<message>\S[^\n]*)$")


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in `text`."""
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def errors(result: subprocess.CompletedProcess) -> list[re.Match]:
    """The error lines of a failed run, each positioned (warnings, also positioned, left out); no
    traceback anywhere."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if not ln.startswith(("  hint: ", "... and ", "1 source"))
             and not re.match(r"^\d+ (error|warning)", ln)]
    matches = [MESSAGE.match(ln) for ln in lines]
    assert lines and all(matches), result.stderr
    return [m for m in matches if m["kind"] == "error"]


def at(match: re.Match) -> tuple[str, int, int]:
    return match["file"], int(match["line"]), int(match["col"])


def style_file(folder: Path, body: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def source_file(folder: Path, text: str = BASE, name: str = "77301.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- a style's fonts

@pytest.mark.parametrize("fonts", ['  body: ""', "  body: ' '", "  body: null", "  body: [a, b]",
                                   "  body: ../../etc", "  body: fontpkg_x.os", "  bodyy: x"])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_any_mistake_in_a_font_family_is_positioned(tmp_path, fonts, command):
    style = style_file(tmp_path, f"extends: default\nfonts:\n{fonts}\n")
    result = cli(command, SOURCES / "77301.yaml", "--style", style, "-o" if command == "render" else "-q",
                 *([tmp_path / "o.pdf"] if command == "render" else []))
    assert result.returncode == 1
    (first, *_) = errors(result)
    assert at(first) == (str(style), 3, 3 if fonts.startswith("  bodyy") else 9), result.stderr
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("fonts", ['""', "null", "[a]", "7"])
def test_fonts_that_is_not_a_mapping_is_positioned(tmp_path, fonts):
    style = style_file(tmp_path, f"extends: default\nfonts: {fonts}\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    assert [at(m) for m in errors(result)] == [(str(style), 2, 8)]


def test_a_style_without_extends_reports_every_missing_part_at_once(tmp_path):
    style = style_file(tmp_path, "name: bare\nfonts:\n  body: nope\npage:\n  size: letter\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    messages = [m["message"] for m in errors(result)]
    for needed in ("'sizes'", "'colors'", "'spacing'", "'heading' in fonts", "'margin_top' in page",
                   "font family 'nope' is not installed"):
        assert any(needed in m for m in messages), (needed, messages)


# ----------------------------------------------------------------------------- logos

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A grey PNG written by hand (no imaging library in the test's own path)."""
    if rows is None:
        rows = (b"\x00" + b"\x80" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def bomb() -> bytes:
    """13000 x 13000 grey pixels (169 MB unpacked) in a file of about 170 KB."""
    return png(13000, 13000, bytes(13001 * 13000))


LOGOS = {  # how to make the file, and what the message says
    "truncated": (lambda: png(40, 20)[:45], "cannot be decoded"),
    "corrupt": (lambda: png(40, 20)[:8] + b"\x00" * 200, "not one Pillow can read"),
    "zero width": (lambda: png(0, 20, b""), "not one Pillow can read"),
    "bad pixel data": (lambda: png(40, 20, b"\x07" * 30), "cannot be decoded"),
    "not really a jpeg": (lambda: b"\xff\xd8\xff" + b"garbage" * 30, "not one Pillow can read"),
    "decompression bomb": (bomb, "13,000 x 13,000 pixels"),
}


@pytest.mark.parametrize("case", list(LOGOS))
def test_a_logo_that_does_not_decode_is_refused_at_style_load(tmp_path, case):
    make, said = LOGOS[case]
    (tmp_path / "logo.png").write_bytes(make())
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    for command in (["validate", SOURCES / "77301.yaml"], ["render", SOURCES / "77301.yaml", "-o", tmp_path / "o.pdf"],
                    ["bundle", SOURCES / "77301.yaml", "-o", tmp_path / "p.pdf"]):
        result = cli(*command, "--style", style)
        assert result.returncode == 1, (command, result.stdout)
        (first,) = errors(result)
        assert at(first) == (str(style), 3, 9)
        assert said in first["message"], first["message"]
    assert not list(tmp_path.glob("*.pdf"))


def test_a_bomb_is_refused_before_its_pixels_are_unpacked(tmp_path):
    """A fresh process refusing the bomb never holds its 169 MB of pixels."""
    (tmp_path / "logo.png").write_bytes(bomb())
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    # the peak of this process image (VmHWM): ru_maxrss would carry the forking test process's over exec
    script = ("import re, sys\nfrom briefpdf.cli import main\ncode = main(sys.argv[1:])\n"
              "status = open('/proc/self/status').read()\n"
              "print(code, re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))")
    done = subprocess.run([sys.executable, "-c", script, "validate", SOURCES / "77301.yaml", "--style", style],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip(), done.stderr
    code, peak_kb = map(int, done.stdout.splitlines()[-1].split())
    assert code == 1 and "13,000 x 13,000 pixels" in done.stderr, done.stderr
    assert peak_kb < 120_000, (peak_kb, done.stderr)


def test_a_good_logo_still_renders(tmp_path):
    (tmp_path / "logo.png").write_bytes(png(120, 40))
    style = style_file(tmp_path, "extends: default\noptions:\n  logo: logo.png\n")
    result = cli("render", SOURCES / "77301.yaml", "--style", style, "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    images = PdfReader(tmp_path / "o.pdf").pages[0].images
    assert [(i.image.width, i.image.height) for i in images] == [(120, 40)]


# ----------------------------------------------------------------------------- colour contrast

@pytest.mark.parametrize("colors, key, said", [
    ("  text: '#ffffff'", "text", "'colors.text' #ffffff on the white page has a contrast of 1.00:1"),
    ("  muted: '#bbbbbb'", "muted", "the footer and captions needs at least 4.5:1"),
    ("  accent: '#f0a000'", "accent", "links, the eyebrow line and headings"),
    ("  table_header: '#303030'", "table_header", "on 'colors.table_header' #303030"),
    ("  panel: '#1a1a1a'", "panel", "on 'colors.panel' #1a1a1a"),
    ("  chart: ['#1d4f7c', '#eeeeee']", "chart", "chart colour #eeeeee on the white page"),
])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_colours_too_faint_to_read_are_refused(tmp_path, colors, key, said, command):
    body = f"extends: default\ncolors:\n{colors}\n"
    style = style_file(tmp_path, body)
    args = ["-o", tmp_path / "o.pdf"] if command == "render" else []
    result = cli(command, SOURCES / "77301.yaml", "--style", style, *args)
    assert result.returncode == 1
    (first,) = errors(result)
    line, col = where(body, f"  {key}:")
    assert at(first)[:2] == (str(style), line), result.stderr
    assert said in first["message"]
    assert not (tmp_path / "o.pdf").exists()


def test_contrast_is_checked_in_grey_when_the_style_prints_grey(tmp_path):
    style = style_file(tmp_path, "extends: grayscale\ncolors:\n  muted: '#909090'\n")
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    (first,) = errors(result)
    assert "(as grey: options.grayscale is on)" in first["message"]


@pytest.mark.parametrize("name", ["default", "a4", "grayscale"])
def test_the_shipped_styles_pass_the_contrast_check(name):
    assert cli("validate", SOURCES / "77301.yaml", "--style", name, "-q").returncode == 0


# ----------------------------------------------------------------------------- characters the fonts lack

FULL = (Path(__file__).resolve().parent / "fixtures" / "sample_full.yaml").read_text(encoding="utf-8")
ONLY_FALLBACK = "ИМРТ → ₹ ₪"  # Cyrillic and signs the body font lacks and the fallback (mono) font has


def drawn_in(pdf: Path) -> list[tuple[int, str, str]]:
    """(page, text, font) of every piece of text shown on the pages, as pypdf reads it."""
    from pypdf import PdfReader

    pieces: list[tuple[int, str, str]] = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        page.extract_text(visitor_text=lambda text, cm, tm, font, size, n=number:
                          pieces.append((n, text, str(font.get("/BaseFont")) if font else "")))
    return pieces


def test_header_footer_and_chart_draw_what_the_body_font_lacks_in_the_fallback(tmp_path):
    """The running header and footer (short title) and the chart (payer name) are drawn on the
    canvas, not as paragraphs: they too set these characters in the fallback font, never in a
    font that would print empty boxes."""
    text = edit("short_title: IMRT Delivery", f"short_title: {ONLY_FALLBACK}",
                edit("  - name: Aetna", "  - name: Аэтна ₪", FULL))
    result = cli("render", source_file(tmp_path, text), "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    pieces = drawn_in(tmp_path / "o.pdf")
    odd = [(n, t, f) for n, t, f in pieces if any(ch in t for ch in "ИМРТ→₹₪Аэтна")]
    pages = {n for n, t, f in odd if "ИМРТ" in t}
    assert pages == set(range(1, max(n for n, _, _ in pieces) + 1))  # the footer on every page, the header from 2
    assert sum("Аэтна" in t for n, t, f in odd) >= 3  # the panel, the table and the chart label
    assert odd and all("IBMPlexMono" in f for n, t, f in odd), sorted({f for n, t, f in odd})
    plain = [f for n, t, f in pieces if t.startswith("CPT 77301 · ")]  # the header and footer lines
    assert plain and all("AtkinsonHyperlegible" in f for f in plain)  # the rest of the line keeps the body font
    assert ONLY_FALLBACK in pdftotext(tmp_path / "o.pdf")


def test_text_no_font_has_is_one_message_per_run_not_per_letter(tmp_path):
    phrase = "שלום, עולם ומלואו"  # three Hebrew words: one run across the spaces and the comma
    text = edit("  scope: National", f"  scope: National ({phrase}) and 漢字")
    result = cli("validate", source_file(tmp_path, text), "--style", "default")
    assert result.returncode == 1
    found = errors(result)
    assert [at(m)[1:] for m in found] == [where(text, "National (")] * 2, result.stderr
    hebrew, han = (m["message"] for m in found)
    assert hebrew.startswith(f"{phrase!r} cannot be printed: ")
    letters = list(dict.fromkeys(ch for ch in phrase if ch not in " ,"))
    named = re.findall(r"'(.)' \(U\+[0-9A-F]{4}\)", hebrew)
    assert named == letters[:6] and hebrew.endswith(f" and {len(letters) - 6} more")  # each letter once
    assert han.startswith("'漢字' cannot be printed: ")


def test_problems_of_style_source_and_glyphs_come_at_once(tmp_path):
    style = style_file(tmp_path, "extends: default\nfonts:\n  body: nope\n")
    text = edit("  code_system: CPT", "  code_system: CPTX", edit("  scope: National", "  scope: 漢字"))
    src = source_file(tmp_path, text)
    for command in (["render", src, "-o", tmp_path / "o.pdf"], ["validate", src]):
        result = cli(*command, "--style", style)
        assert result.returncode == 1
        files = [at(m)[0] for m in errors(result)]
        assert files == [str(style), str(src)], result.stderr  # the style, then the source's schema problem
    # with a style that loads, the glyph problem joins the schema problem, in file order
    result = cli("render", src, "-o", tmp_path / "o.pdf")
    found = errors(result)
    assert [at(m)[1] for m in found] == sorted(at(m)[1] for m in found) and len(found) == 2
    assert "CPTX" in found[0]["message"] and "漢字" in found[1]["message"]
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("title, said", [("Packet 中文", "'中文' cannot be printed"),
                                         ("Packet 😀", "character '😀' (U+1F600)"),
                                         ("  ", "--title is empty"),
                                         ("a\x07b", "control character U+0007"),
                                         ("x" * 201, "the limit is 200")])
def test_bundle_title_is_checked_like_a_source(tmp_path, title, said):
    result = cli("bundle", SOURCES / "77301.yaml", "-o", tmp_path / "p.pdf", "--title", title)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("briefpdf bundle: error: --title") and said in result.stderr, result.stderr
    assert not (tmp_path / "p.pdf").exists()


def test_bundle_title_only_the_fallback_has_prints_on_cover_and_footer(tmp_path):
    result = cli("bundle", SOURCES / "77301.yaml", "-o", tmp_path / "p.pdf", "--title", f"Пакет {ONLY_FALLBACK}")
    assert result.returncode == 0, result.stderr
    pieces = drawn_in(tmp_path / "p.pdf")
    cyrillic = [(n, f) for n, t, f in pieces if "Пакет" in t]
    assert [n for n, f in cyrillic].count(1) >= 2  # the cover's title and footer (the contents shares the page)
    assert all("IBMPlexMono" in f for n, f in cyrillic)


@pytest.mark.parametrize("date", ["2026-W48-6", "20261128", "2026-333", "2026-11-28T00:00"])
def test_bundle_date_is_written_yyyy_mm_dd(tmp_path, date):
    result = cli("bundle", SOURCES / "77301.yaml", "-o", tmp_path / "p.pdf", "--date", date)
    assert result.returncode == 2 and "expected a date YYYY-MM-DD" in result.stderr


# ----------------------------------------------------------------------------- the layout's budget

TIGHT = ("extends: default\npage:\n  margin_left: 3.25in\n  margin_right: 3.25in\n  margin_top: 4in\n"
         "  margin_bottom: 3.9in\nsizes:\n  title: 36\n  h2: 36\n  h3: 36\n  body: 36\n  leading: 36\n"
         "  table: 36\noptions:\n  toc: true\n")


def test_a_title_longer_than_a_page_is_an_error_at_the_title(tmp_path):
    """A 20,000-character title in a style of 2 x 3 inches and 36 pt type took 211 s and 11 GB
    before a layout error. A title is now at most 400 characters, and one the style cannot fit
    on a page is measured first and refused at the title."""
    import time

    huge = " ".join(["Radiotherapy"] * 1600)[:20000]
    text = edit("  title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"  title: {huge}")
    style = style_file(tmp_path, TIGHT)
    src = source_file(tmp_path, text)
    start = time.perf_counter()
    (found,) = errors(cli("render", src, "--style", style, "-o", tmp_path / "o.pdf"))
    assert time.perf_counter() - start < 10
    assert at(found) == (str(src), *where(text, "Radiotherapy Radiotherapy"))
    assert found["message"] == "'document.title' is 20,000 characters; the limit is 400"

    legal = huge[:390]
    text = edit("  title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"  title: {legal}")
    src = source_file(tmp_path, text)
    (found,) = errors(cli("render", src, "--style", style, "-o", tmp_path / "o.pdf"))
    assert at(found) == (str(src), *where(text, "Radiotherapy Radiotherapy"))
    assert "the title takes" in found["message"] and "a page holds 5" in found["message"]
    bundled = cli("bundle", src, "--style", style, "-o", tmp_path / "p.pdf")
    assert [at(m) for m in errors(bundled)] == [at(found)]
    assert cli("render", src, "-o", tmp_path / "o.pdf").returncode == 0  # the default style fits it
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("limit, value, said", [("DEADLINE", 0.0, "stopped after 0 s"),
                                                 ("MAX_PAGES", 2, "at most 2 pages"),
                                                 ("MAX_GROWTH", -1, "more than")])
def test_the_layout_stops_at_its_budget_with_a_message(tmp_path, monkeypatch, limit, value, said):
    from briefpdf.layout import watchdog

    monkeypatch.setattr(watchdog, limit, value)
    if limit == "MAX_GROWTH":
        monkeypatch.setattr(watchdog, "MEMORY_EVERY", 1)
    result = cli("render", SOURCES / "77301.yaml", "-o", tmp_path / "o.pdf")
    (found,) = errors(result)
    assert at(found) == (str(SOURCES / "77301.yaml"), 1, 1)
    assert said in found["message"] and "the layout was stopped" in found["message"], found["message"]
    assert not (tmp_path / "o.pdf").exists()


def test_validate_style_tries_the_style_on_a_sample(tmp_path):
    """A style that validates field by field but can lay out no briefing is an error at its sizes."""
    body = ("extends: default\npage: {margin_left: 3.25in, margin_right: 3.25in, margin_top: 4in, "
            "margin_bottom: 3.9in}\nsizes: {h2: 36, h3: 36}\n")  # every value allowed; together, no briefing fits
    style = style_file(tmp_path, body)
    result = cli("validate", SOURCES / "77301.yaml", "--style", style)
    assert result.returncode == 1
    (found,) = errors(result)
    assert at(found) == (str(style), *where(body, "sizes:"))
    assert found["message"].startswith("this style cannot lay out a sample briefing: ")
    child = style_file(tmp_path, "extends: s.yaml\nname: child\n", "child.yaml")
    inherited = cli("validate", SOURCES / "77301.yaml", "--style", child)
    assert [at(m) for m in errors(inherited)] == [at(found)]  # the file that sets the sizes


# ----------------------------------------------------------------------------- money as written

CODING_FULL = (Path(__file__).resolve().parent / "fixtures" / "coding_full.yaml").read_text(encoding="utf-8")
AMOUNT = "benchmark: {amount: 420,"


@pytest.mark.parametrize("written, shown", [("2.675", "$2.68"), ("2.665", "$2.67"), ("0.005", "$0.01"),
                                            ("1234567.125", "$1,234,567.13"), ("0", "$0.00")])
def test_amounts_are_decimal_and_rounded_half_up(tmp_path, written, shown):
    """The benchmark table's row for the amount (its currency, shared by every row, in the header)."""
    text = edit(AMOUNT, AMOUNT.replace("420", written), CODING_FULL)
    result = cli("render", source_file(tmp_path, text), "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    lines = pdftotext(tmp_path / "o.pdf", "-layout").splitlines()
    assert "Amount (USD)" in " ".join(pdftotext(tmp_path / "o.pdf").split())
    rows = [line.split() for line in lines if line.strip().startswith("Example Health")]
    assert [shown, "per"] in [row[2:4] for row in rows], rows  # 'Example Health  $2.68  per plan ...'


@pytest.mark.parametrize("written, said", [("-0.0", "the amount is written as negative zero (-0.0)"),
                                           ("0.001", "the amount 0.001 would print as 0.00"),
                                           ("0.0049", "the amount 0.0049 would print as 0.00")])
def test_an_amount_that_would_print_wrong_is_refused_where_it_is(tmp_path, written, said):
    text = edit(AMOUNT, AMOUNT.replace("420", written), CODING_FULL)
    result = cli("validate", source_file(tmp_path, text))
    (found,) = errors(result)
    assert at(found)[1:] == where(text, written + ",")
    assert found["message"].startswith(said)


def test_a_percentage_that_would_print_as_zero_is_refused(tmp_path):
    text = edit(AMOUNT + " currency: USD, basis: per_plan,", "benchmark: {amount: 0.04, basis: percent_of_medicare,",
                CODING_FULL)
    (found,) = errors(cli("validate", source_file(tmp_path, text)))
    assert "would print as 0.0: it is less than a tenth of a percent" in found["message"]


# ----------------------------------------------------------------------------- links

def link_targets(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [str(a.get_object()["/A"]["/URI"]) for page in PdfReader(pdf).pages for a in page.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})]


def test_non_ascii_links_are_written_as_ascii_uris(tmp_path):
    text = edit("url: https://www.example.org/policies/rt-0042\n",
                "url: https://bücher.example/straße?q=ü#teil\n", CODING_FULL)
    text = edit("Delivery of simple intensity", "See [the guide](https://www.тест.example/путь). Delivery of simple intensity",
                text)
    result = cli("render", source_file(tmp_path, text), "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    targets = link_targets(tmp_path / "o.pdf")
    assert "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC#teil" in targets
    assert "https://www.xn--e1aybc.example/%D0%BF%D1%83%D1%82%D1%8C" in targets
    assert all(t.isascii() for t in targets)
    assert "https://www.example.org/policies/rt-0042" in targets  # an ASCII link is kept as written


# ----------------------------------------------------------------------------- messages

def test_a_hint_never_suggests_the_name_back(tmp_path):
    (tmp_path / "x.yaml").symlink_to(tmp_path / "gone.yaml")
    (tmp_path / "y.yaml").write_text(BASE, encoding="utf-8")
    result = cli("validate", tmp_path / "x.yaml")
    (found,) = errors(result)
    assert found["message"] == "is a symbolic link to a file that does not exist"
    assert "did you mean" not in result.stderr and f"it points to {tmp_path / 'gone.yaml'}" in result.stderr
    from briefpdf.problems import did_you_mean

    assert did_you_mean("colour", ["colour", "color"]) == "did you mean 'color'?"
    assert did_you_mean("a\u200b", ["a\u200b"]) is None


# ----------------------------------------------------------------------------- numbers and dates as written

@pytest.mark.parametrize("written", ["1.10", "3.10", "0x12D65", "1e3", "2026-01-05", "1_000"])
def test_a_text_field_keeps_the_text_the_author_wrote(tmp_path, written):
    text = edit('  version: "1.0"', f"  version: {written}", edit("  short_title: IMRT Delivery",
                                                                   f"  short_title: IMRT {written}"))
    text = edit("  title: Intensity Modulated Radiotherapy (IMRT) Delivery", f"  title: {written}", text)
    result = cli("render", source_file(tmp_path, text), "-o", tmp_path / "o.pdf")
    assert result.returncode == 0, result.stderr
    words = " ".join(pdftotext(tmp_path / "o.pdf").split())
    assert f"CPT 77301: {written}" in words and f"Version: {written}" in words and f"v{written}" in words


def test_a_code_written_as_a_hex_number_is_not_read_as_another_code(tmp_path):
    text = edit('  code: "77301"', "  code: 0x12D65")
    (found,) = errors(cli("validate", source_file(tmp_path, text)))
    assert at(found)[1:] == where(text, "0x12D65") and "'0x12D65'" in found["message"]


def test_true_false_in_a_text_field_says_to_quote_it(tmp_path):
    text = edit('  version: "1.0"', "  version: yes")
    result = cli("validate", source_file(tmp_path, text))
    (found,) = errors(result)
    assert found["message"] == "'document.version' must be text, found true/false (true)"
    assert 'hint: YAML reads yes as true/false; write it in quotes: "yes"' in result.stderr


@pytest.mark.parametrize("written, hint", [("2026-W48-6", "write it as 2026-11-28"),
                                           ("20261128", "write it as 2026-11-28"),
                                           ('"20261128"', "write it as 2026-11-28"),
                                           ("2026-11-28 10:30:00", "write it as 2026-11-28 (the date alone)"),
                                           ("2026-11-28T10:30", "write it as 2026-11-28 (the date alone)"),
                                           ("2026-333", "for example 2026-11-28")])
def test_dates_other_than_yyyy_mm_dd_are_refused_with_the_date_meant(tmp_path, written, hint):
    """The JSON Schema allows only YYYY-MM-DD; so does the validator (Python would take the rest)."""
    text = edit("  date: 2026-11-28", f"  date: {written}")
    result = cli("validate", source_file(tmp_path, text))
    (found,) = errors(result)
    assert at(found)[1:] == where(text, written)
    assert found["message"].startswith("'document.date' must be a date written YYYY-MM-DD, found ")
    assert f"  hint: {hint}\n" in result.stderr


@pytest.mark.parametrize("url, said, hint", [
    ('"https://exa mple.org/p"', "the link contains a space (character 12)", "write %20"),
    ('"https://example.org/<p>"', "the link contains the character '<' (character 21)", "write it as %3C"),
    ("HTTPS://example.org/p", "the link starts with 'HTTPS://'", "write the scheme in lower case: https://example.org/p"),
    ("www.example.org/p", "a link must start with https://, http:// or mailto:", "write https://www.example.org/p"),
    ('"https://"', "the link has no host after https://", None),
    ("https://a..b/p", "the link's host 'a..b' is not a valid domain name", None),
    ("mailto:coding", "a mailto: link needs an address", None),
])
def test_a_wrong_link_says_what_is_wrong_with_it(tmp_path, url, said, hint):
    text = edit("      url: https://www.example.org/policies/rt-0042\n", f"      url: {url}\n", CODING_FULL)
    result = cli("validate", source_file(tmp_path, text))
    (found,) = errors(result)
    assert at(found)[1:] == where(text, f"url: {url}\n")[0:1] + (where(text, f"url: {url}\n")[1] + 5,)
    assert found["message"] == f"'payers[0].policy.url': {said}" or found["message"].startswith(
        f"'payers[0].policy.url': {said}")
    assert "links must start with" not in result.stderr
    if hint:
        assert hint in result.stderr
