"""Text is text: what an analyst types is printed as typed, except the documented inline subset.

ReportLab's Paragraph would read `<img src=...>` from disk and make links from `<a href>`; the
tests render hostile text and read the PDF back with pdftotext and pypdf, and watch every file
the process opens with an audit hook.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest

from briefpdf.markup import inline, link, plain
from conftest import SOURCES, normalise, pdftotext

BASE = (SOURCES / "77301.yaml").read_text(encoding="utf-8")
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


# ----------------------------------------------------------------------------- the markup itself

@pytest.mark.parametrize("text, markup", [
    ('<img src="/etc/passwd"/>', '&lt;img src="/etc/passwd"/&gt;'),
    ("<font size=40>big</font>", "&lt;font size=40&gt;big&lt;/font&gt;"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](file:///etc/passwd)", "[x](file:///etc/passwd)"),
    ("R&D", "R&amp;D"),
    ("a < b", "a &lt; b"),
    ("&amp; &#65; &nbsp;", "&amp;amp; &amp;#65; &amp;nbsp;"),
    ("**bold", "**bold"),
    ("*italic", "*italic"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("**b** and *i*", "<b>b</b> and <i>i</i>"),
    ("[label](https://e.org/?a=1&b=2)", '<a href="https://e.org/?a=1&amp;b=2" color="#000000"><u>label</u></a>'),
    ("[mail](mailto:x@example.org)", '<a href="mailto:x@example.org" color="#000000"><u>mail</u></a>'),
    ('[a](https://e.org" onclick="x)', '[a](https://e.org" onclick="x)'),
    ("[**b**](http://e.org)", '<a href="http://e.org" color="#000000"><u><b>b</b></u></a>'),
    ("**[l](https://e.org)**", '**<a href="https://e.org" color="#000000"><u>l</u></a>**'),
])
def test_inline_subset(text, markup):
    assert inline(text, link_color="#000000") == markup


def test_plain_escapes_everything():
    assert plain("**x** <b>&") == "**x** &lt;b&gt;&amp;"


def test_link_refuses_other_schemes():
    assert link("javascript:alert(1)", "click") == "click"
    assert link('https://e.org/"><img src=x>', None, "#000000") == (
        '<a href="https://e.org/%22%3E%3Cimg%20src=x%3E" color="#000000">'
        "<u>https://e.org/\"&gt;&lt;img src=x&gt;</u></a>")


# ----------------------------------------------------------------------------- in the PDF

HOSTILE = [
    '<img src="{secret}" width="40" height="40"/> picture',
    "<font size=40 color=red>big</font> R&D a<b",
    "[click](javascript:alert(1)) and [file](file:///etc/passwd) &amp; &#65;",
    "<link href=\"file:///etc/passwd\">passwd</link> ]]> **unclosed *half",
    "**Bold** and *italic* and [AMA](https://www.ama-assn.org/?q=1&r=2)",
]

HOOK = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from briefpdf.cli import main
rc = main(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    json.dump({"rc": rc, "opened": opened}, fh)
"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    secret.write_bytes(PNG)
    texts = [t.format(secret=secret) for t in HOSTILE]
    src = BASE
    src = src.replace("      - Head and neck malignancies", "\n".join(f"      - {_quote(t)}" for t in texts))
    src = src.replace("  scope: National", f"  scope: {_quote(texts[1])}")
    src = src.replace("      description: Technical component", f"      description: {_quote(texts[0])}")
    src = src.replace("  - name: Aetna", f"  - name: {_quote(texts[1])}")
    src = src.replace("  - name: Medicare\n    coverage: null", "  - name: Medicare\n    coverage: null\n"
                      f"    notes: {_quote(texts[2])}")
    path = tmp / "hostile.yaml"
    path.write_text(src, encoding="utf-8")
    out, log = tmp / "hostile.pdf", tmp / "log.json"
    result = subprocess.run([sys.executable, "-c", HOOK, str(log), "render", str(path), "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out, json.loads(log.read_text()), texts, secret


def test_hostile_text_is_printed_as_typed(hostile_pdf):
    out, _, texts, _ = hostile_pdf
    text = normalise(pdftotext(out))
    for t in texts[:4]:
        assert normalise(t) in text, t
    # the documented subset is rendered, its markers are gone
    assert "Bold and italic and AMA" in text and "**Bold**" not in text


def test_no_file_outside_the_source_is_read(hostile_pdf):
    _, log, _, secret = hostile_pdf
    assert log["rc"] == 0
    assert str(secret) not in log["opened"]
    assert not [p for p in log["opened"] if p.startswith("/etc/passwd")]


def test_the_audit_hook_would_have_seen_the_read(tmp_path):
    """Control: ReportLab, handed the same text unescaped, does open the file."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    code = ("import sys; seen = []\n"
            "sys.addaudithook(lambda e, a: seen.append(str(a[0])) if e == 'open' else None)\n"
            "from reportlab.platypus import Paragraph\nfrom reportlab.lib.styles import getSampleStyleSheet\n"
            "Paragraph(sys.argv[1], getSampleStyleSheet()['Normal']).wrap(300, 300)\n"
            "print(sys.argv[2] in seen)")
    raw = HOSTILE[0].format(secret=secret)
    result = subprocess.run([sys.executable, "-c", code, raw, str(secret)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"


def test_only_safe_links_in_the_pdf(hostile_pdf):
    from pypdf import PdfReader

    out, *_ = hostile_pdf
    uris = []
    for page in PdfReader(out).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://www.ama-assn.org/?q=1&r=2" in uris
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in uris), uris


# ----------------------------------------------------------------------------- a style's logo

LOGO_STYLE = "extends: default\nname: branded\noptions:\n  logo: {logo}\n"


def _style(folder, logo: str):
    style = folder / "branded.yaml"
    style.write_text(LOGO_STYLE.format(logo=_quote(logo)), encoding="utf-8")
    return style


def _logo_error(style) -> str:
    from briefpdf import BriefError, load_style

    with pytest.raises(BriefError) as err:
        load_style(str(style))
    assert len(err.value.problems) == 1
    return err.value.problems[0].format()


def test_logo_in_the_style_folder_is_found(tmp_path):
    from briefpdf import load_style

    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(PNG)
    from PIL import Image

    Image.new("RGB", (4, 2), "navy").save(tmp_path / "logo.jpg", "JPEG")  # a JPEG that decodes, as a logo must
    assert load_style(str(_style(tmp_path, "img/logo.png"))).options.logo == str(tmp_path / "img" / "logo.png")
    assert load_style(str(_style(tmp_path, "logo.jpg"))).options.logo == str(tmp_path / "logo.jpg")


@pytest.mark.parametrize("logo", ["../outside.png", "/etc/passwd", "img/../../outside.png"])
def test_logo_may_not_leave_the_style_folder(tmp_path, logo):
    styles = tmp_path / "styles"
    (styles / "img").mkdir(parents=True)
    (tmp_path / "outside.png").write_bytes(PNG)
    style = _style(styles, logo)
    assert _logo_error(style) == (f"{style}:4:9: error: logo '{logo}' is outside the style's folder\n"
                                  f"  hint: copy the image into {styles} and name it relative to the style, "
                                  "e.g. logo: logo.png")


def test_logo_symlink_out_of_the_folder_is_refused(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    (styles / "logo.png").symlink_to(tmp_path / "secret.png")
    assert "error: logo 'logo.png' is outside the style's folder" in _logo_error(_style(styles, "logo.png"))


def test_logo_must_be_png_or_jpeg_by_content(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"GIF89a" + b"\0" * 32)
    style = _style(tmp_path, "logo.png")
    assert _logo_error(style) == (f"{style}:4:9: error: logo 'logo.png' is not a PNG or JPEG image\n"
                                  "  hint: save the logo as .png or .jpg")


def test_logo_size_limit(tmp_path):
    from briefpdf.images import MAX_IMAGE_BYTES

    (tmp_path / "logo.png").write_bytes(PNG + b"\0" * MAX_IMAGE_BYTES)
    style = _style(tmp_path, "logo.png")
    assert _logo_error(style).startswith(f"{style}:4:9: error: logo 'logo.png' is {len(PNG) + MAX_IMAGE_BYTES:,} "
                                         f"bytes; the limit is {MAX_IMAGE_BYTES:,}")


def test_missing_logo(tmp_path):
    style = _style(tmp_path, "logo.png")
    assert _logo_error(style).startswith(f"{style}:4:9: error: logo 'logo.png' does not exist")


def test_logo_problem_points_at_the_file_that_set_it(tmp_path):
    base = _style(tmp_path, "../x.png")
    child = tmp_path / "child.yaml"
    child.write_text("extends: branded.yaml\nname: child\n", encoding="utf-8")
    assert _logo_error(child).startswith(f"{base}:4:9: error: logo '../x.png' is outside the style's folder")
