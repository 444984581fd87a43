"""The command line: arguments, exit codes and what the terminal shows. No layout logic here.

Exit codes: 0 success; 1 a source, style or output problem (the message says where);
2 the command line itself is wrong; 130 after Ctrl-C (SIGINT), 143 after SIGTERM (see interrupt.py). Heavy modules are imported inside the commands that
need them, so `--help` and `validate` (without --style) never load ReportLab.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from pathlib import Path

from .cli_checks import add_check_options, apply_config, checks_of, cmd_diff, cmd_validate, render_one_source
from .problems import BriefError, printable
from .report import counts, plural, print_problems, shown
from .version import __version__

EXAMPLES = {
    "render": """examples:
  briefpdf render sources/77301.yaml                 write out/77301.pdf
  briefpdf render sources/77301.yaml -o x.pdf --style a4
  briefpdf render sources/ -j 2                      every source in the folder, on 2 cores
  briefpdf render 'sources/77*.yaml' --force         re-render even if up to date
  briefpdf render sources/ --scheduler tcp://scheduler:8786   on a Dask cluster
  briefpdf render sources/77301.yaml --previous old/77301.yaml   with a What changed box on page 1""",
    "validate": """examples:
  briefpdf validate sources/77301.yaml
  briefpdf validate sources/ --style grayscale
  briefpdf validate 'sources/*.yaml' -q              print problems only
  briefpdf validate sources/ --strict --codes codes/cpt.csv   warnings fail; codes checked against a code set
  briefpdf validate --list-warnings                  the warnings, their ids and what they catch""",
    "diff": """examples:
  briefpdf diff old/77301.yaml sources/77301.yaml    what changed, as the What changed box says it""",
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
    for add_command in (_add_render, _add_validate, _add_new, _add_schema, _add_watch, _add_bundle, _add_preview,
                        _add_diff):
        add_command(sub)
    return parser


def _command(sub, name: str, help_text: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES.get(name),
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _paths_option(p, help_text="source files, folders of sources, or glob patterns") -> None:
    p.add_argument("paths", nargs="+", type=_path, metavar="PATH", help=help_text)


def _style_option(p, default="default") -> None:
    p.add_argument("-s", "--style", default=None, metavar="NAME|FILE",  # None: the configuration's, or default
                   help=f"style name (styles/NAME.yaml) or a style file (default: {default or 'none'}, or the "
                        "configuration's)")


def _outputs_options(p) -> None:
    p.add_argument("-o", "--output", type=_path, metavar="FILE",
                   help="output PDF (one source only), or a folder to write NAME.pdf into; default out/NAME.pdf")
    p.add_argument("--out-dir", type=_path, metavar="DIR", default=None,
                   help="folder for outputs (default: out, or the configuration's out-dir)")


def _quiet_option(p, help_text="print errors only") -> None:
    p.add_argument("-q", "--quiet", action="store_true", help=help_text)


def _add_render(sub) -> None:
    r = _command(sub, "render", "Render sources to PDF (files, folders or globs).")
    _paths_option(r)
    _outputs_options(r)
    _style_option(r)
    r.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help="parallel workers; 0 means all cores (default: 0)")
    _quiet_option(r)
    r.add_argument("--force", action="store_true", help="render even if the output is up to date")
    r.add_argument("--scheduler", metavar="ADDRESS|local",
                   help="render on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' "
                        "for one of -j processes here; needs pip install 'briefpdf[cluster]'")
    r.add_argument("--previous", metavar="FILE", help="the previous version of the source (one source): "
                                                      "a What changed box on page 1")
    add_check_options(r)


def _add_validate(sub) -> None:
    v = _command(sub, "validate", "Check sources (and a style) without rendering.")
    v.add_argument("paths", nargs="*", type=_path, metavar="PATH", help="source files, folders of sources, or glob patterns")
    _style_option(v, default=None)
    _quiet_option(v, "print problems only")
    add_check_options(v)
    v.add_argument("--list-warnings", action="store_true", help="list the warnings: id, name, what each catches")


def _add_new(sub) -> None:
    n = _command(sub, "new", "Write a new source, sources/CODE.yaml, with every section and a comment on each field.")
    n.add_argument("code", metavar="CODE", help="the billing code, e.g. 77301, 0075T or G6015")
    n.add_argument("--title", help="the code's short descriptor (default: a placeholder to replace)")
    n.add_argument("--system", choices=("CPT", "HCPCS"), help="code set (default: CPT for CPT-shaped codes, else HCPCS)")
    n.add_argument("--dir", type=_path, default="sources", metavar="DIR", help="folder to write into (default: sources)")


def _add_schema(sub) -> None:
    s = _command(sub, "schema", "Print the JSON Schema of the source format.")
    s.add_argument("-o", "--output", type=_path, metavar="FILE",
                   help="write it to FILE (or into a folder) instead of standard output")


def _add_watch(sub) -> None:
    w = _command(sub, "watch", "Render, then re-render whenever the source or its style changes (Ctrl-C stops).")
    _paths_option(w)
    _outputs_options(w)
    _style_option(w)


def _add_bundle(sub) -> None:
    b = _command(sub, "bundle", "Assemble a meeting packet: cover, contents, then each briefing, one PDF.")
    _paths_option(b, "sources in packet order: files, folders or globs")
    b.add_argument("-o", "--output", type=_path, metavar="FILE", default="out/packet.pdf",
                   help="packet PDF, or a folder to write packet.pdf into (default: out/packet.pdf)")
    b.add_argument("--title", default="Meeting packet", help="title on the cover (default: Meeting packet)")
    b.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="date on the cover (default: the latest briefing date)")
    _style_option(b)
    _quiet_option(b)
    add_check_options(b)


def _add_preview(sub) -> None:
    p = _command(sub, "preview", "Write a PNG of each page next to the PDF (for e-mails and slides).")
    p.add_argument("path", type=_path, metavar="PATH", help="a source (rendered first) or a PDF")
    p.add_argument("--dpi", type=_dpi, default=110, help="resolution, 20 to 600 (default: 110)")
    p.add_argument("-o", "--output", type=_path, metavar="FILE", help="PDF to render a source to; default out/NAME.pdf")
    _style_option(p)
    _quiet_option(p)


def _add_diff(sub) -> None:
    d = _command(sub, "diff", "Print what changed between two versions of a source, in a reader's words.")
    d.add_argument("old", metavar="OLD", help="the previous version's source")
    d.add_argument("new", metavar="NEW", help="the newer version's source")


def _whole(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more, got {value}")
    return value


def _path(text: str) -> str:
    """A path on the command line: an empty one would silently mean the current folder."""
    if not text:
        raise argparse.ArgumentTypeError("expected a path, got an empty string")
    if "\0" in text:
        raise argparse.ArgumentTypeError(f"a path cannot contain a NUL character: {text!r}")
    return text


def _dpi(text: str) -> int:
    """A preview resolution: 600 dpi is print quality; more only costs minutes and gigabytes."""
    from .preview import DPI_RANGE

    value = _whole(text, DPI_RANGE[0])
    if value > DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(f"must be {DPI_RANGE[1]} or less, got {value}")
    return value


def _jobs(text: str) -> int:
    """Workers for -j: 0 is all cores (the default), as the help says."""
    return _whole(text, 0)


def _date(text: str):
    import datetime as dt

    try:  # fromisoformat alone would also take 20261128 and 2026-W48-6
        if len(text) == 10 and text[4] == text[7] == "-":
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}")


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code. Ctrl-C and SIGTERM stop it cleanly (130 and 143)."""
    from . import interrupt

    _never_fail_to_print()
    args = build_parser().parse_args(argv)
    with interrupt.term_as_interrupt():
        try:
            return COMMANDS[args.command](args)
        except BriefError as err:
            print_problems(err)
            if err.problems and all(p.is_warning for p in err.problems):  # --strict: say why they failed it
                print(counts(err.problems) + " (--strict: warnings fail)", file=sys.stderr)
            elif any(p.is_warning for p in err.problems):
                print(counts(err.problems), file=sys.stderr)
            return 1
        except KeyboardInterrupt as exc:
            interrupt.ignore_further()
            from .atomic import remove_temporaries

            remove_temporaries()
            code = interrupt.exit_code(exc)
            print("terminated" if code == 143 else "interrupted", file=sys.stderr)
            return code


def _never_fail_to_print() -> None:
    """A terminal that cannot show a character (an ASCII-only one, or a file name that is not
    UTF-8) gets an escape for it: the work is done by the time its name is printed."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def cmd_render(args) -> int:
    from .paths import expand, names_folder, names_one_file, output_for

    sources = expand(args.paths)
    apply_config(args, sources)
    if args.output is not None and names_folder(args.output):  # `-o DIR/`: into it, like cp
        args.out_dir, args.output = args.output, None
    if args.output and len(sources) > 1:
        print("briefpdf render: error: -o/--output takes one source; use --out-dir for several", file=sys.stderr)
        return 2
    if args.output and args.scheduler:
        print("briefpdf render: error: -o/--output renders here; --scheduler writes into --out-dir", file=sys.stderr)
        return 2
    if len(sources) == 1 and not args.scheduler and (args.output or names_one_file(args.paths)):
        if _ENTRY:  # one document, then the process ends: collecting garbage would only cost time
            gc.disable()
        return render_one_source(args, sources[0], output_for(args.output, sources[0], args.out_dir))
    if args.previous:
        print("briefpdf render: error: --previous takes one source; name it in each source with previous:",
              file=sys.stderr)
        return 2
    from .report import run_batch

    return run_batch(sources, out_dir=Path(args.out_dir), style=args.style, jobs=args.jobs,
                     quiet=args.quiet, force=args.force, scheduler=args.scheduler, checks=checks_of(args))


def cmd_new(args) -> int:
    from .new import UsageError, write_new

    try:
        path, extra = write_new(args.code, title=args.title, system=args.system, folder=Path(args.dir))
    except UsageError as exc:
        print(f"briefpdf new: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {shown(path)}")
    for line in extra:
        print(line)
    print(f"next: fill it in, then `briefpdf validate {shown(path)}` and `briefpdf render {shown(path)}`")
    return 0


def cmd_schema(args) -> int:
    from .jsonschema import schema_text

    if args.output:
        from .atomic import check_target, write_atomic
        from .paths import names_folder

        target = Path(args.output) / "briefing.schema.json" if names_folder(args.output) else Path(args.output)
        check_target(target, wanted=".json")
        write_atomic(target, schema_text().encode("utf-8"))
        print(shown(target))
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_watch(args) -> int:
    from .paths import expand, names_folder, output_for
    from .watch import watch

    sources = expand(args.paths)
    apply_config(args, sources)
    if args.output and len(sources) > 1 and not names_folder(args.output):
        print("briefpdf watch: error: -o/--output takes one source; use --out-dir for several", file=sys.stderr)
        return 2
    return watch({s: output_for(args.output, s, args.out_dir) for s in sources}, args.style)


def cmd_bundle(args) -> int:
    from .bundle import TitleError, bundle
    from .paths import expand, output_for

    sources = expand(args.paths)
    apply_config(args, sources, out_dir=False)
    try:
        result = bundle(sources, output_for(args.output, "packet"), title=args.title, date=args.date,
                        style=args.style, checks=checks_of(args))
    except TitleError as exc:
        print(f"briefpdf bundle: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    if not args.quiet and result.warnings:
        print_problems(BriefError(list(result.warnings)))
    if not args.quiet:
        print(f"{shown(result.path)} ({plural(len(result.parts), 'briefing')}, {plural(result.pages, 'page')}, "
              f"{result.size / 1024:.0f} KB)")
        if result.warnings:
            print(counts(result.warnings), file=sys.stderr)
    return 0


def cmd_preview(args) -> int:
    from .preview import MissingRasteriser, preview

    source = Path(args.path)
    apply_config(args, [source], out_dir=False)
    if source.suffix.lower() == ".pdf":
        pdf = source
    else:
        from .paths import output_for
        from .pipeline import render_file

        pdf = render_file(source, output_for(args.output, source), args.style).path
    try:
        images = preview(pdf, dpi=args.dpi)
    except MissingRasteriser as exc:
        print(f"briefpdf preview: error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for image in images:
            print(shown(image))
    return 0


COMMANDS = {"render": cmd_render, "validate": cmd_validate, "new": cmd_new, "schema": cmd_schema,
            "watch": cmd_watch, "bundle": cmd_bundle, "preview": cmd_preview, "diff": cmd_diff}


_ENTRY = False  # set by run(): this process is the command line and ends after the one command


def run() -> None:
    """The `briefpdf` command. When the command returns, what it wrote is already on disk
    (written atomically and fsynced); flush the terminal, run the exit handlers, and leave
    without tearing the interpreter down object by object (tens of milliseconds a render)."""
    global _ENTRY
    _ENTRY = True
    code = main()
    threads = sys.modules.get("threading")
    if threads is not None and threads.active_count() > 1:  # someone's thread: exit the usual way, which waits
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe: let the interpreter report it as it always does
        raise SystemExit(code) from None
    os._exit(code)
