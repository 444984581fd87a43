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
  briefpdf validate sources/ --style grayscale""",
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

    r = add("render", "Render sources to PDF (files, folders or globs).")
    r.add_argument("paths", nargs="+", metavar="PATH", help="source files, folders of sources, or glob patterns")
    r.add_argument("-o", "--output", metavar="FILE", help="output PDF (one source only); default out/NAME.pdf")
    r.add_argument("--out-dir", metavar="DIR", default="out", help="folder for outputs (default: out)")
    r.add_argument("-s", "--style", default="default", metavar="NAME|FILE",
                   help="style name (styles/NAME.yaml) or a style file (default: default)")
    r.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="parallel workers (default: all cores)")
    r.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    r.add_argument("--force", action="store_true", help="render even if the output is up to date")

    v = add("validate", "Check sources (and a style) without rendering.")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.add_argument("-s", "--style", default=None, metavar="NAME|FILE", help="also check this style")
    v.add_argument("-q", "--quiet", action="store_true")

    add("schema", "Print the JSON Schema of the source format.")
    return parser


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


def cmd_render(args) -> int:
    from .paths import expand

    sources = expand(args.paths)
    if args.output and len(sources) > 1:
        print("briefpdf render: error: -o/--output takes one source; use --out-dir for several", file=sys.stderr)
        return 2
    if len(sources) == 1:
        from .pipeline import render_file

        out = Path(args.output) if args.output else Path(args.out_dir) / (sources[0].stem + ".pdf")
        result = render_file(sources[0], out, args.style)
        if not args.quiet:
            print(f"{result.path} ({result.pages} page{'s' if result.pages != 1 else ''}, {result.size / 1024:.0f} KB)")
        return 0
    from .batch import run_batch

    return run_batch(sources, out_dir=Path(args.out_dir), style=args.style, jobs=args.jobs,
                     quiet=args.quiet, force=args.force)


def cmd_validate(args) -> int:
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
    return 1 if failed else 0


def cmd_schema(args) -> int:
    from .jsonschema import schema_text

    sys.stdout.write(schema_text())
    return 0


COMMANDS = {"render": cmd_render, "validate": cmd_validate, "schema": cmd_schema}


def run() -> None:
    raise SystemExit(main())
