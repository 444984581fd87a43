"""The command line: arguments, exit codes and what the terminal shows. No layout logic here.

Exit codes: 0 success; 1 a source, style or output problem (the message says where);
2 the command line itself is wrong. Heavy modules are imported inside the commands that
need them, so `--help` and `validate` never load ReportLab.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .problems import BriefError

EXAMPLES = {
    "render": """examples:
  briefpdf render sources/77301.yaml                 write out/77301.pdf
  briefpdf render sources/77301.yaml -o x.pdf --style a4
  briefpdf render sources/ -j 2                      every source in the folder, on 2 cores
  briefpdf render 'sources/77*.yaml' --force         re-render even if up to date""",
    "validate": """examples:
  briefpdf validate sources/77301.yaml
  briefpdf validate sources/ --style grayscale
  briefpdf validate 'sources/*.yaml' -q              print problems only""",
    "new": """examples:
  briefpdf new 77301 --title "Intensity Modulated Radiotherapy (IMRT) Delivery"
  briefpdf new G6015 --system HCPCS                  write sources/G6015.yaml
  briefpdf new 0075T --dir drafts                    write drafts/0075T.yaml""",
    "schema": """examples:
  briefpdf schema > schema/briefing.schema.json
  briefpdf schema -o schema/briefing.schema.json""",
    "watch": """examples:
  briefpdf watch sources/77301.yaml                  re-render out/77301.pdf on every save
  briefpdf watch sources/77301.yaml -o x.pdf --style a4
  briefpdf watch sources/                            every source in the folder""",
    "bundle": """examples:
  briefpdf bundle sources/77301.yaml sources/0075T.yaml -o out/packet.pdf
  briefpdf bundle sources/ -o out/aetna-q3.pdf --title "Aetna quarterly review" --date 2026-12-01""",
    "preview": """examples:
  briefpdf preview sources/77301.yaml                render, then out/77301-1.png, out/77301-2.png ...
  briefpdf preview out/packet.pdf --dpi 150          PNGs of an existing PDF, beside it""",
}


def _color() -> bool:
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, code: str) -> str:
    return f"\033[{code}m{text}\033[0m" if _color() else text


def print_problems(err: BriefError, limit: int = 20) -> None:
    shown = err.problems[:limit]
    for p in shown:
        head = f"{p.file}:{p.line}:{p.column}: "
        print(head + _paint("error:", "1;31") + f" {p.message}", file=sys.stderr)
        if p.hint:
            print("  " + _paint("hint:", "1;36") + f" {p.hint}", file=sys.stderr)
    more = len(err.problems) - len(shown)
    if more > 0:
        print(f"... and {more} more problem{'s' if more != 1 else ''}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with a short usage line, like other CLIs
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)



def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefpdf", description="Turn a YAML briefing about a billing code into a printable, tagged PDF.",
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="Run 'briefpdf COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"briefpdf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name, help_text):
        return sub.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES.get(name),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def style_option(p, default="default"):
        p.add_argument("-s", "--style", default=default, metavar="NAME|FILE",
                       help=f"style name (styles/NAME.yaml) or a style file (default: {default})")

    r = add("render", "Render sources to PDF (files, folders or globs).")
    r.add_argument("paths", nargs="+", metavar="PATH", help="source files, folders of sources, or glob patterns")
    r.add_argument("-o", "--output", metavar="FILE", help="output PDF (one source only); default out/NAME.pdf")
    r.add_argument("--out-dir", metavar="DIR", default="out", help="folder for outputs (default: out)")
    style_option(r)
    r.add_argument("-j", "--jobs", type=_positive, default=0, metavar="N", help="parallel workers (default: all cores)")
    r.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    r.add_argument("--force", action="store_true", help="render even if the output is up to date")

    v = add("validate", "Check sources (and a style) without rendering.")
    v.add_argument("paths", nargs="+", metavar="PATH", help="source files, folders of sources, or glob patterns")
    style_option(v, default=None)
    v.add_argument("-q", "--quiet", action="store_true", help="print problems only")

    n = add("new", "Write a new source, sources/CODE.yaml, with every section and a comment on each field.")
    n.add_argument("code", metavar="CODE", help="the billing code, e.g. 77301, 0075T or G6015")
    n.add_argument("--title", help="the code's short descriptor (default: a placeholder to replace)")
    n.add_argument("--system", choices=("CPT", "HCPCS"), help="code set (default: CPT for CPT-shaped codes, else HCPCS)")
    n.add_argument("--dir", default="sources", metavar="DIR", help="folder to write into (default: sources)")

    s = add("schema", "Print the JSON Schema of the source format.")
    s.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of standard output")

    w = add("watch", "Render, then re-render whenever the source or its style changes (Ctrl-C stops).")
    w.add_argument("paths", nargs="+", metavar="PATH", help="source files, folders of sources, or glob patterns")
    w.add_argument("-o", "--output", metavar="FILE", help="output PDF (one source only); default out/NAME.pdf")
    w.add_argument("--out-dir", metavar="DIR", default="out", help="folder for outputs (default: out)")
    style_option(w)

    b = add("bundle", "Assemble a meeting packet: cover, contents, then each briefing, one PDF.")
    b.add_argument("paths", nargs="+", metavar="PATH", help="sources in packet order: files, folders or globs")
    b.add_argument("-o", "--output", metavar="FILE", default="out/packet.pdf", help="packet PDF (default: out/packet.pdf)")
    b.add_argument("--title", default="Meeting packet", help="title on the cover (default: Meeting packet)")
    b.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="date on the cover (default: the latest briefing date)")
    style_option(b)
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    p = add("preview", "Write a PNG of each page next to the PDF (for e-mails and slides).")
    p.add_argument("path", metavar="PATH", help="a source (rendered first) or a PDF")
    p.add_argument("--dpi", type=_positive, default=110, help="resolution (default: 110)")
    p.add_argument("-o", "--output", metavar="FILE", help="PDF to render a source to; default out/NAME.pdf")
    style_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BriefError as err:
        print_problems(err)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def cmd_render(args) -> int:
    from .paths import expand, names_one_file

    sources = expand(args.paths)
    if args.output and len(sources) > 1:
        print("briefpdf render: error: -o/--output takes one source; use --out-dir for several", file=sys.stderr)
        return 2
    if len(sources) == 1 and (args.output or names_one_file(args.paths)):
        from . import render

        out = Path(args.output) if args.output else Path(args.out_dir) / (sources[0].stem + ".pdf")
        result = render(sources[0], out, args.style)
        if not args.quiet:
            print(f"{result.path} ({_plural(result.pages, 'page')}, {result.size / 1024:.0f} KB)")
        return 0
    from .batch import run_batch

    return run_batch(sources, out_dir=Path(args.out_dir), style=args.style, jobs=args.jobs,
                     quiet=args.quiet, force=args.force)


def cmd_validate(args) -> int:
    """The same checks and messages as render, up to the layout; never imports ReportLab."""
    from . import load
    from .paths import expand

    failed = 0
    if args.style:
        from .style import load as load_style

        try:
            load_style(args.style)
        except BriefError as err:
            print_problems(err)
            failed += 1
    sources = expand(args.paths)
    for path in sources:
        try:
            load(path)
            if not args.quiet:
                print(f"{path}: ok")
        except BriefError as err:
            print_problems(err)
            failed += 1
    if not args.quiet and len(sources) > 1:
        bad = f", {failed} with problems" if failed else ", all ok"
        print(f"{_plural(len(sources), 'source')} checked{bad}")
    return 1 if failed else 0


def cmd_new(args) -> int:
    from .new import UsageError, write_new

    try:
        path, extra = write_new(args.code, title=args.title, system=args.system, folder=Path(args.dir))
    except UsageError as exc:
        print(f"briefpdf new: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    for line in extra:
        print(line)
    print(f"next: fill it in, then `briefpdf validate {path}` and `briefpdf render {path}`")
    return 0


def cmd_schema(args) -> int:
    from .jsonschema import schema_text

    if args.output:
        from .pdf.save import write_atomic

        write_atomic(Path(args.output), schema_text().encode("utf-8"))
        print(args.output)
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_watch(args) -> int:
    from .paths import expand
    from .watch import watch

    sources = expand(args.paths)
    if args.output and len(sources) > 1:
        print("briefpdf watch: error: -o/--output takes one source; use --out-dir for several", file=sys.stderr)
        return 2
    outputs = {s: Path(args.output) if args.output else Path(args.out_dir) / (s.stem + ".pdf") for s in sources}
    return watch(outputs, args.style)


def cmd_bundle(args) -> int:
    from .bundle import bundle
    from .paths import expand

    result = bundle(expand(args.paths), Path(args.output), title=args.title, date=args.date, style=args.style)
    if not args.quiet:
        print(f"{result.path} ({_plural(len(result.parts), 'briefing')}, {_plural(result.pages, 'page')}, "
              f"{result.size / 1024:.0f} KB)")
    return 0


def cmd_preview(args) -> int:
    from .preview import MissingRasteriser, preview

    source = Path(args.path)
    if source.suffix.lower() == ".pdf":
        pdf = source
    else:
        from . import render

        pdf = render(source, Path(args.output) if args.output else None, args.style).path
    try:
        images = preview(pdf, dpi=args.dpi)
    except MissingRasteriser as exc:
        print(f"briefpdf preview: error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for image in images:
            print(image)
    return 0


COMMANDS = {"render": cmd_render, "validate": cmd_validate, "new": cmd_new, "schema": cmd_schema,
            "watch": cmd_watch, "bundle": cmd_bundle, "preview": cmd_preview}


def run() -> None:
    raise SystemExit(main())
