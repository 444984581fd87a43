"""briefpdf benchmark (issue #7): briefpdf against the stack's floor, Typst and WeasyPrint.

    pip install -e '.[bench]'          # weasyprint, typst, psutil
    python bench/run.py                # full run (< 5 min on 2 cores); writes bench/results.md
    python bench/run.py --quick        # smaller counts, for a smoke check (~1 min)

Every figure is a ratio measured side by side in this one run, so a slow or busy machine
shifts both sides alike. Sections:

1. cold single render: `briefpdf render sources/77301.yaml -o TMP` in a fresh process against
   `python -c "import reportlab.platypus, yaml"` (the import every cold render pays), alternating.
2. warm render of distinct documents in one process: briefpdf (`render_file`, YAML file in, PDF
   file out) against WeasyPrint (HTML string -> PDF bytes) and Typst (markup -> PDF bytes, a fresh
   `typst.compile` per document, and one reused `typst.Compiler`). Typst and HTML markup come from
   the same loaded Briefing through the plain templates in bench/templates.py.
3. batch: 500 distinct variants (bench/variants.py) with `briefpdf render DIR -j 1` and `-j CORES`.
4. repeat: the same folder again after editing one source (only it should be rendered again).
5. memory: peak RSS of one cold render, of each batch worker, and RSS after 100 and 500 documents
   rendered in one process.
6. size of out/77301.pdf; fonts subset and streams compressed.
7. tagging overhead: warm `engine.build(..., tagged=True)` against `tagged=False` (n/a without the switch).
8. cluster: docs/s of the batch on a two-worker Dask LocalCluster against the local `-j 2` batch
   (bench/on_cluster.py; n/a without `pip install 'briefpdf[cluster]'`).

Sections the installed briefpdf cannot run yet (no batch command, no tagging switch) and engines
that are not installed print a line saying so instead of a number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import inspect
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "sources" / "77301.yaml"
sys.path.insert(0, str(HERE))

import install  # noqa: E402
import on_cluster  # noqa: E402
import variants  # noqa: E402

FLOOR = "import reportlab.platypus, yaml"


# ------------------------------------------------------------------------------ helpers
def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def median(xs):
    return statistics.median(xs) if xs else None


def optional(name: str):
    try:
        return importlib.import_module(name)
    except Exception as exc:  # ImportError, or OSError for a missing system library (pango)
        return exc


def version_of(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


INSTALL = install.current()  # main() replaces it with a regular install unless --install current
AGAINST = "b2f1f42"  # the code before issue #17's speed work: the batch figure is set beside it
BEFORE: dict[str, install.Install] = {}  # revision -> that code, installed the same way (main())
ENV = install.user_env()  # timed processes run as from a user's shell


def briefpdf_cmd() -> list[str]:
    return INSTALL.briefpdf()


def renderer():
    """briefpdf's one-render function (module renamed render -> pipeline in 5ac1d83)."""
    for mod in ("briefpdf.pipeline", "briefpdf.render"):
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        if hasattr(m, "render_file"):
            return m.render_file
    raise SystemExit("cannot find briefpdf's render_file")


def supports_batch() -> bool:
    return importlib.util.find_spec("briefpdf.batch") is not None


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []  # measure, value, goal, verdict
        self.notes: list[str] = []

    def row(self, measure: str, value: str, goal: str = "", ok: bool | None = None):
        verdict = "" if ok is None else ("yes" if ok else "NO")
        self.rows.append((measure, value, goal, verdict))
        print(f"  {measure}: {value}" + (f"   [goal {goal}: {verdict}]" if goal else ""), flush=True)

    def note(self, text: str):
        self.notes.append(text)
        print(f"  note: {text}", flush=True)

    def table(self) -> str:
        head = ["Measure", "Value", "Goal", "Met"]
        widths = [max(len(r[i]) for r in self.rows + [tuple(head)]) for i in range(4)]
        lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |",
                 "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in self.rows]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ 1. cold
def cold(rep: Report, runs: int, tmp: Path) -> float | None:
    """Fresh processes, alternating: the floor, then a render, with the install the run uses
    (regular by default); the running environment's own install (editable) too when it differs."""
    print("1. cold single render vs floor", flush=True)
    out = tmp / "cold.pdf"
    args = ["render", str(SEED), "-o", str(out), "-q"]
    # name -> (render, floor, environment); the running environment's editable install runs as
    # this shell runs it (with PYTHONDONTWRITEBYTECODE, if set), which is what earlier runs measured
    sides = {"regular": (INSTALL.briefpdf() + args, [INSTALL.python, "-c", FLOOR], ENV)}
    here = install.current()
    if here.python != INSTALL.python and here.kind.startswith("editable"):
        sides["editable"] = (here.briefpdf() + args, [here.python, "-c", FLOOR], dict(os.environ))
    for cmd, floor_cmd, env in sides.values():  # warm the OS file cache once
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)
        subprocess.run(floor_cmd, check=True, env=env)
    times: dict[str, tuple[list, list]] = {k: ([], []) for k in sides}
    for _ in range(runs):
        for name, (cmd, floor_cmd, env) in sides.items():
            for cmd_, acc in zip((floor_cmd, cmd), times[name], strict=True):
                t = time.perf_counter()
                subprocess.run(cmd_, check=True, cwd=ROOT, env=env)
                acc.append(time.perf_counter() - t)
    f, r = (median(x) for x in times["regular"])
    rep.row(f"cold render, median of {runs} (fresh process; {INSTALL.kind})", ms(r))
    rep.row(f"floor `{FLOOR}`, median of {runs}", ms(f))
    rep.row("cold render / floor", f"{r / f:.2f}x", "<= 1.25", r / f <= 1.25)
    if "editable" in times:
        fe, re_ = (median(x) for x in times["editable"])
        rep.row(f"cold render / floor, {here.kind} (running environment)", f"{re_ / fe:.2f}x "
                f"({ms(re_)} / {ms(fe)})")
    return r


# ------------------------------------------------------------------------------ 2. warm
def warm(rep: Report, sources: list[Path], wp_docs: int, tmp: Path) -> dict:
    print(f"2. warm render of {len(sources)} distinct documents in one process", flush=True)
    from templates import font_dirs, html_css, to_html, to_typst

    import briefpdf

    render_file = renderer()
    outdir = tmp / "warm"
    outdir.mkdir()
    render_file(SEED, outdir / "first.pdf")  # fonts, style and imports once, as a batch worker does
    t_brief = []
    for src in sources:
        t = time.perf_counter()
        render_file(src, outdir / (src.stem + ".pdf"))
        t_brief.append(time.perf_counter() - t)
    b = median(t_brief)
    rep.row("briefpdf warm, median per document", ms(b))
    models = [briefpdf.load(src) for src in sources]
    result = {"briefpdf": b}

    typst = optional("typst")
    if isinstance(typst, Exception):
        rep.note(f"Typst skipped: cannot import typst ({typst}); pip install -e '.[bench]'")
    else:
        dirs = [str(d) for d in font_dirs()]
        marks = [to_typst(m).encode() for m in models]
        typst.compile(marks[0], font_paths=dirs, ignore_system_fonts=True)
        t_fresh = []
        for src in marks:
            t = time.perf_counter()
            typst.compile(src, font_paths=dirs, ignore_system_fonts=True)
            t_fresh.append(time.perf_counter() - t)
        compiler = typst.Compiler(font_paths=dirs, ignore_system_fonts=True)
        compiler.compile(input=marks[0])
        t_reused = []
        for src in marks:
            t = time.perf_counter()
            compiler.compile(input=src)
            t_reused.append(time.perf_counter() - t)
        tf, tr = median(t_fresh), median(t_reused)
        result.update(typst_fresh=tf, typst_reused=tr)
        rep.row("Typst, fresh typst.compile per document, median", ms(tf))
        rep.row("Typst, one reused Compiler, median", ms(tr))
        rep.row("briefpdf warm / Typst fresh compile", f"{b / tf:.2f}x", "<= 1.25", b / tf <= 1.25)
        rep.row("briefpdf warm / Typst reused compiler", f"{b / tr:.2f}x")

    t = time.perf_counter()
    weasy = optional("weasyprint")
    t_import = time.perf_counter() - t
    if isinstance(weasy, Exception):
        rep.note(f"WeasyPrint skipped: cannot import weasyprint ({weasy}); pip install -e '.[bench]'")
    else:
        css = html_css()
        pages = [to_html(m, css) for m in models[:wp_docs]]
        weasy.HTML(string=pages[0]).write_pdf()
        t_wp = []
        for page in pages:
            t = time.perf_counter()
            weasy.HTML(string=page).write_pdf()
            t_wp.append(time.perf_counter() - t)
        w = median(t_wp)
        result["weasyprint"] = w
        rep.row("WeasyPrint import", ms(t_import))
        rep.row(f"WeasyPrint, median per document ({len(pages)} docs)", ms(w))
        rep.row("WeasyPrint / briefpdf warm (speed-up)", f"{w / b:.1f}x", ">= 12", w / b >= 12)
    return result


# ------------------------------------------------------------------------------ 3-5. batch, repeat, memory
def _run_watched(cmd: list[str], cwd: Path) -> tuple[float, int, dict]:
    """Run cmd; return (wall seconds, exit code, {pid: peak RSS bytes} of it and its children)."""
    psutil = optional("psutil")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    peaks: dict[int, int] = {}
    if not isinstance(psutil, Exception):
        try:
            root = psutil.Process(proc.pid)
            while proc.poll() is None:
                for p in [root] + root.children(recursive=True):
                    try:
                        peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
                    except psutil.Error:
                        pass
                time.sleep(0.02)
        except psutil.Error:
            pass
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return wall, proc.returncode, {pid: rss for pid, rss in peaks.items() if pid != proc.pid} | (
        {"main": peaks.get(proc.pid, 0)})


def typst_one_core(sources_dir: Path, count: int) -> float | None:
    """Documents per second of one reused Typst compiler pinned to one core, in a child process."""
    code = f"""
import os, sys, time, json
sys.path.insert(0, {str(HERE)!r})
os.sched_setaffinity(0, {{0}})
import briefpdf, typst
from templates import font_dirs, to_typst
srcs = sorted(__import__('pathlib').Path({str(sources_dir)!r}).glob('*.yaml'))[:{count}]
marks = [to_typst(briefpdf.load(s)).encode() for s in srcs]
c = typst.Compiler(font_paths=[str(d) for d in font_dirs()], ignore_system_fonts=True)
c.compile(input=marks[0])
t = time.perf_counter()
for m in marks: c.compile(input=m)
print(json.dumps(len(marks) / (time.perf_counter() - t)))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if res.returncode:
        return None
    return json.loads(res.stdout.strip().splitlines()[-1])


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def control_speedup(jobs: int) -> float:
    """What `jobs` processes gain on a pure CPU loop on this machine right now: the ceiling for
    the batch speed-up (other work sharing the cores lowers both alike)."""
    from concurrent.futures import ProcessPoolExecutor

    work = [2_000_000] * (4 * jobs)
    t = time.perf_counter()
    for n in work:
        _spin(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_spin, work[:jobs]))  # start the workers first
        t = time.perf_counter()
        list(pool.map(_spin, work))
        parallel = time.perf_counter() - t
    return serial / parallel


def batch(rep: Report, src_dir: Path, count: int, jobs: int, cold_time: float | None, tmp: Path):
    print(f"3. batch of {count} distinct sources, -j 1 and -j {jobs}", flush=True)
    if not supports_batch():
        rep.row("batch (`briefpdf render DIR -j N`)", "not available yet (no briefpdf.batch)")
        rep.row("repeat render after editing one source", "not available yet (no briefpdf.batch)")
        return
    out = tmp / "batch-out"
    base = briefpdf_cmd() + ["render", str(src_dir), "--out-dir", str(out), "-q", "--force"]
    w1, rc1, mem1 = _run_watched(base + ["-j", "1"], ROOT)
    wn, rcn, memn = _run_watched(base + ["-j", str(jobs)], ROOT)
    if rc1 or rcn:
        rep.row("batch", f"failed (exit {rc1}/{rcn}); see stderr")
        return
    d1, dn = count / w1, count / wn
    rep.row("batch -j 1", f"{d1:.1f} docs/s ({w1:.1f} s)")
    rep.row(f"batch -j {jobs}", f"{dn:.1f} docs/s ({wn:.1f} s)")
    speedup = dn / d1
    control = control_speedup(jobs)
    rep.row(f"batch speed-up -j {jobs} / -j 1", f"{speedup:.2f}x ({0.85 * jobs:.2f} = 0.85 x {jobs} cores on an idle "
            f"machine)", ">= 0.85 x control", speedup >= 0.85 * control)
    rep.row(f"control: pure-Python CPU loop, {jobs} processes / 1", f"{control:.2f}x (batch reaches "
            f"{speedup / control * 100:.0f}% of it)")
    for rev, earlier in BEFORE.items():
        before_batch(rep, src_dir, count, jobs, base, tmp, rev, earlier)
    ty = typst_one_core(src_dir, count)
    if ty is None:
        rep.row("Typst, reused compiler, one core", "n/a (typst not installed)")
    else:
        rep.row("Typst, reused compiler, one core", f"{ty:.1f} docs/s")
        rep.row(f"batch -j {jobs} / Typst one core", f"{dn / ty:.2f}x", "> 1.0", dn > ty)
    workers = [v for k, v in memn.items() if k != "main"]
    if workers:
        rep.row(f"peak RSS per worker (-j {jobs})", f"{max(workers) / 2**20:.0f} MiB max, "
                f"{min(workers) / 2**20:.0f} MiB min ({len(workers)} processes)")
    rep.row("peak RSS of the batch's main process", f"{memn['main'] / 2**20:.0f} MiB")

    print("4. repeat render after editing one source", flush=True)
    up, rc, _ = _run_watched(base[:-1] + ["-j", str(jobs)], ROOT)  # nothing changed: all skipped
    # three times, each editing another source; the fastest counts (one timing of a fraction of
    # a second is at the mercy of whatever else the machine does, and other work only slows it)
    agains, changes, rc2 = [], [], 0
    for k in range(REPEATS):
        before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
        edited = sorted(src_dir.glob("*.yaml"))[count // 2 + k]
        edited.write_text(edited.read_text(encoding="utf-8").replace("variant", "variant (edited)", 1),
                          encoding="utf-8")
        t, code, _ = _run_watched(base[:-1] + ["-j", str(jobs)], ROOT)
        after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
        agains.append(t)
        changes.append(len([n for n in after if before.get(n) != after[n]]))
        rc2 = rc2 or code
    again, changed = min(agains), max(changes)
    rep.row("repeat, nothing changed", f"{up * 1000:.0f} ms" + ("" if rc == 0 else f" (exit {rc})"))
    rep.row(f"repeat after editing one source, best of {REPEATS}",
            f"{again * 1000:.0f} ms ({', '.join(f'{a * 1000:.0f}' for a in agains)}), {changed} re-rendered"
            + ("" if rc2 == 0 else f" (exit {rc2})"))
    if cold_time:
        rep.row("repeat / one cold single render", f"{again / cold_time:.2f}x", "<= 2.0 and 1 re-rendered",
                again / cold_time <= 2.0 and changed == 1)


def before_batch(rep: Report, src_dir: Path, count: int, jobs: int, base: list[str], tmp: Path, rev: str,
                 earlier: install.Install):
    """`-j N` with this code and with an earlier revision's (--against), alternating twice; the
    faster run of each counts (other work on the machine only ever slows one down)."""
    old = earlier.briefpdf() + base[len(briefpdf_cmd()):]
    old[old.index("--out-dir") + 1] = str(tmp / f"batch-{rev}")
    # both sides run in an empty folder, so each uses the default style it ships with (this
    # checkout's styles/ may hold keys an earlier revision does not know)
    neutral = tmp / f"neutral-{rev}"
    neutral.mkdir(exist_ok=True)
    now_t, old_t = [], []
    for _ in range(2):
        for cmd, acc in ((base, now_t), (old, old_t)):
            wall, rc, _ = _run_watched(cmd + ["-j", str(jobs)], neutral)
            if rc:
                rep.row(f"batch -j {jobs} against {rev}", f"failed (exit {rc})")
                return
            acc.append(count / wall)
    now, before = max(now_t), max(old_t)
    rep.row(f"batch -j {jobs} at {rev}, best of 2", f"{before:.1f} docs/s")
    rep.row(f"batch -j {jobs} now / at {rev} (now: {now:.1f} docs/s, best of 2)", f"{now / before:.2f}x",
            ">= 1.3" if rev == AGAINST else "", now / before >= 1.3 if rev == AGAINST else None)


REPEATS = 3  # repeats of a batch after editing one source

MEMORY_CHILD = """
import json, os, sys, time, resource
sys.path.insert(0, {here!r})
import run
render_file = run.renderer()
from pathlib import Path
srcs = sorted(Path({src!r}).glob('*.yaml'))
out = Path({out!r}); out.mkdir(exist_ok=True)
def rss():
    with open('/proc/self/statm') as fh:
        return int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
marks = {{}}
for i, s in enumerate(srcs, 1):
    render_file(s, out / (s.stem + '.pdf'))
    if i in (1, 10, 100, 250, 500) or i == len(srcs):
        marks[i] = rss()
print(json.dumps({{"marks": marks, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}}))
"""


def memory(rep: Report, src_dir: Path, tmp: Path):
    print("5. memory", flush=True)
    out = tmp / "cold-mem.pdf"
    # a small launcher, so the child's peak is not the size of this process at fork time
    launcher = [sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"]
    peak = int(subprocess.run(launcher + briefpdf_cmd() + ["render", str(SEED), "-o", str(out), "-q"], cwd=ROOT,
                              capture_output=True, text=True, check=True, env=ENV).stdout.split()[-1])
    floor = int(subprocess.run(launcher + [INSTALL.python, "-c", FLOOR], capture_output=True, text=True,
                               check=True, env=ENV).stdout.split()[-1])
    rep.row("peak RSS of one cold render (CLI process)", f"{peak / 1024:.0f} MiB (floor process: {floor / 1024:.0f} MiB)")
    code = MEMORY_CHILD.format(here=str(HERE), src=str(src_dir), out=str(tmp / "mem-out"))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if res.returncode:
        rep.row("RSS over a run", "failed: " + res.stderr.strip().splitlines()[-1])
        return
    data = json.loads(res.stdout.strip().splitlines()[-1])
    marks = {int(k): v for k, v in data["marks"].items()}
    text = ", ".join(f"{k}: {v / 2**20:.0f}" for k, v in sorted(marks.items()))
    rep.row("RSS after N documents in one process (MiB)", text)
    first, last = min(marks), max(marks)
    if 100 in marks and last > 100:
        growth = (marks[last] - marks[100]) / (last - 100)
        rep.row(f"RSS growth per document, 100 -> {last}", f"{growth / 1024:.1f} KiB/doc", "~0 (no growth)",
                growth < 20 * 1024)
    else:
        rep.row(f"RSS growth {first} -> {last}", f"{(marks[last] - marks[first]) / 2**20:.1f} MiB")


# ------------------------------------------------------------------------------ 6. size, 7. tagging
def size(rep: Report, tmp: Path):
    print("6. size", flush=True)
    out = tmp / "size" / "77301.pdf"
    subprocess.run(briefpdf_cmd() + ["render", str(SEED), "--out-dir", str(out.parent), "-q"], check=True, cwd=ROOT,
                   env=ENV)
    data = out.read_bytes()
    streams = len(re.findall(rb"\bstream\r?\n", data))
    flate = len(re.findall(rb"/FlateDecode", data))
    detail = f"{flate} of {streams} streams Flate-compressed"
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout.splitlines()[2:]
        subset = sum(1 for line in fonts if line.split()[-4] == "yes")
        detail += f"; {subset} of {len(fonts)} fonts subset"
    rep.row("size of out/77301.pdf", f"{len(data):,} bytes ({detail})")


def tagging(rep: Report, sources: list[Path], tmp: Path):
    """Warm build time with and without the structure tree, same documents, alternating."""
    print("7. tagging overhead", flush=True)
    try:
        from briefpdf.engine import build
        from briefpdf.style import load as load_style

        def build_pdf(b, style, tagged=True):
            return build(b, style, tagged=tagged)
        theme_for = load_style
    except ImportError:  # before the engine interface: build_pdf(briefing, theme)
        try:
            from briefpdf.pdf.build import build_pdf
            from briefpdf.pipeline import theme_for
        except ImportError as exc:
            rep.row("tagging overhead (tagged / untagged warm)", f"n/a ({exc})")
            return
    if "tagged" not in inspect.signature(build_pdf).parameters:
        rep.row("tagging overhead (tagged / untagged warm)", "n/a (build_pdf has no `tagged` switch yet)")
        return
    import briefpdf

    theme = theme_for("default")
    models = [briefpdf.load(src) for src in sources]
    build_pdf(models[0], theme, tagged=True)
    build_pdf(models[0], theme, tagged=False)
    times: dict[bool, list[float]] = {True: [], False: []}
    for i, model in enumerate(models):
        for flag in ((False, True) if i % 2 else (True, False)):
            t = time.perf_counter()
            build_pdf(model, theme, tagged=flag)
            times[flag].append(time.perf_counter() - t)
    tagged, untagged = median(times[True]), median(times[False])
    over = tagged / untagged - 1
    rep.row(f"warm build, tagged / untagged ({len(models)} docs)", f"{ms(tagged)} / {ms(untagged)}")
    rep.row("tagging overhead", f"{over * 100:+.0f}%", "<= 15%", over <= 0.15)


# ------------------------------------------------------------------------------ main
def header(args) -> str:
    accel = importlib.util.find_spec("_rl_accel") is not None
    return (f"Measured {dt.date.today().isoformat()} with `python bench/run.py{' --quick' if args.quick else ''}` on "
            f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}), Python {platform.python_version()}; "
            f"briefpdf {version_of('briefpdf')}, ReportLab {version_of('reportlab')} "
            f"(C accelerator rl_accel: {'yes' if accel else 'no'}), Typst (PyPI) {version_of('typst')}, "
            f"WeasyPrint {version_of('weasyprint')}. Command-line runs use briefpdf {INSTALL.kind}, "
            f"without PYTHONDONTWRITEBYTECODE. Load average at the start: "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (anything near the CPU count means other work shared the cores).")


def installs(args, tmp: Path) -> None:
    """Install this checkout (and the --against revision) as a user would, for the timed CLI runs."""
    global INSTALL
    if args.install == "regular":
        print("installing briefpdf into a fresh venv (pip install ., compiled) ...", flush=True)
        INSTALL = install.regular(ROOT, tmp / "venv")
    if "3" in args.only or "4" in args.only:
        for rev in filter(None, args.against.split(",")):
            print(f"installing briefpdf at {rev} the same way ...", flush=True)
            earlier = install.at_revision(ROOT, rev, tmp / f"at-{rev}")
            if earlier is not None:
                BEFORE[rev] = earlier


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small counts (9 cold runs, 20 docs, batch of 60)")
    ap.add_argument("--runs", type=int, help="cold runs of each command (default 11; at least 9)")
    ap.add_argument("--docs", type=int, help="distinct documents for the warm comparison (default 100)")
    ap.add_argument("--wp-docs", type=int, help="of those, how many WeasyPrint renders (default: all)")
    ap.add_argument("--batch", type=int, help="sources in the batch (default 500)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count(), help="workers for the parallel batch")
    ap.add_argument("--only", default="12345678", help="sections to run, e.g. 12 (default all)")
    ap.add_argument("--out", default=str(HERE / "results.md"), help="markdown file to write ('' for none)")
    ap.add_argument("--install", choices=("regular", "current"), default="regular",
                    help="regular: pip install this checkout into a fresh venv, compiled (default); "
                         "current: the running environment's briefpdf as it is")
    ap.add_argument("--against", default=AGAINST, metavar="REV[,REV]",
                    help=f"git revisions whose batch -j N is set beside this code's; the goal (1.3x) is against "
                         f"{AGAINST}, the code before the speed work (default {AGAINST}; '' for none)")
    args = ap.parse_args(argv)
    runs = max(9, args.runs or (9 if args.quick else 11))
    docs = args.docs or (20 if args.quick else 100)
    count = args.batch or (60 if args.quick else 500)
    count = max(count, docs)
    start = time.perf_counter()
    rep = Report()
    with tempfile.TemporaryDirectory(prefix="briefpdf-bench-") as td:
        tmp = Path(td)
        installs(args, tmp)
        head = header(args)
        print(head, flush=True)
        src_dir = tmp / "sources"
        sources = variants.write_variants(variants.load_base(SEED), src_dir, count)
        cold_time = cold(rep, runs, tmp) if "1" in args.only else None
        if "2" in args.only:
            warm(rep, sources[:docs], args.wp_docs or docs, tmp)
        if "3" in args.only or "4" in args.only:
            batch(rep, src_dir, count, args.jobs, cold_time, tmp)
        if "5" in args.only:
            memory(rep, src_dir, tmp)
        if "6" in args.only:
            size(rep, tmp)
        if "7" in args.only:
            tagging(rep, sources[: min(docs, 30)], tmp)
        if "8" in args.only:
            on_cluster.cluster(rep, src_dir, count, tmp)
    took = time.perf_counter() - start
    text = (f"# briefpdf benchmark\n\n{head} The whole run took {took:.0f} s; load average at the end: "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n\n{rep.table()}\n")
    if rep.notes:
        text += "\n" + "\n".join(f"- {n}" for n in rep.notes) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print("\n" + rep.table())
    print(f"\nbenchmark took {took:.0f} s" + (f"; wrote {args.out}" if args.out else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
