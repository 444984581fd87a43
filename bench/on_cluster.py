"""Section 8 of bench/run.py: what rendering on a Dask cluster costs against a local batch.

A fresh child process renders the same sources twice with --force: `render_many(..., jobs=2)`
(a local pool of two processes) and on a LocalCluster of two worker processes (`DaskExecutor`),
and compares the PDFs byte for byte. The cluster's start-up is timed apart: a cluster that
serves many batches pays it once. Both rates count the workers' first document (imports,
fonts), as a batch does.

    python bench/on_cluster.py SOURCES_DIR OUT_DIR COUNT     # the child; prints one JSON line
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

WORKERS = 2


def cluster(rep, src_dir: Path, count: int, tmp: Path) -> None:
    """Add the section's rows to `rep` (bench/run.py's Report)."""
    print(f"8. batch of {count} on a {WORKERS}-worker LocalCluster against the local -j {WORKERS} batch", flush=True)
    if importlib.util.find_spec("distributed") is None or importlib.util.find_spec("briefpdf.cluster") is None:
        rep.row("batch on a LocalCluster", "n/a (pip install 'briefpdf[cluster]')")
        return
    res = subprocess.run([sys.executable, __file__, str(src_dir), str(tmp / "cluster-out"), str(count)],
                         capture_output=True, text=True)
    if res.returncode:
        sys.stderr.write(res.stderr[-2000:])
        rep.row("batch on a LocalCluster", f"failed (exit {res.returncode}); see stderr")
        return
    d = json.loads(res.stdout.strip().splitlines()[-1])
    rep.row(f"batch -j {WORKERS}, local pool ({count} docs, one process)", f"{d['local']:.1f} docs/s")
    rep.row(f"batch on a {WORKERS}-worker LocalCluster", f"{d['cluster']:.1f} docs/s "
            f"(start-up {d['startup']:.1f} s, not counted)")
    rep.row(f"LocalCluster / local -j {WORKERS}", f"{d['cluster'] / d['local']:.2f}x")
    rep.row("LocalCluster PDFs identical to local", "yes" if d["identical"] else "NO", "yes", d["identical"])


def child(src_dir: Path, out: Path, count: int) -> dict:
    import logging
    import time

    from distributed import Client, LocalCluster

    from briefpdf.batch import RENDERED, render_many
    from briefpdf.cluster import DaskExecutor

    sources = sorted(src_dir.glob("*.yaml"))[:count]
    local = render_many(sources, out / "local", jobs=WORKERS, force=True)
    t = time.perf_counter()
    lc = LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.CRITICAL)
    client = Client(lc, set_as_default=False)
    client.wait_for_workers(WORKERS)
    startup = time.perf_counter() - t
    try:
        remote = render_many(sources, out / "cluster", executor=DaskExecutor(client), force=True)
    finally:
        client.close()
        lc.close()
    identical = all((out / "local" / o.output.name).read_bytes() == o.output.read_bytes()
                    for o in remote.outcomes) and remote.count(RENDERED) == local.count(RENDERED) == len(sources)
    return {"local": local.count(RENDERED) / local.seconds, "cluster": remote.count(RENDERED) / remote.seconds,
            "startup": startup, "identical": identical}


if __name__ == "__main__":
    print(json.dumps(child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))))
