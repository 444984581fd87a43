"""A batch stopped by Ctrl-C, SIGTERM (what CI time-outs and process managers send) or SIGKILL:
it stops within two seconds, its workers end with it, no temporary file is left, and the cache
names only PDFs that are whole. Exit 130 after SIGINT, 143 after SIGTERM."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import SOURCES, tool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the workers")


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory) -> Path:
    """64 long sources (300 payers, about 20 pages each): a chunk of four takes seconds to render."""
    data = yaml.safe_load((SOURCES / "77301.yaml").read_text(encoding="utf-8"))
    data["payers"] = [dict(copy.deepcopy(p), name=f"{p['name']} {i}") for i in range(60) for p in data["payers"]]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    folder = tmp_path_factory.mktemp("slow")
    for n in range(64):
        (folder / f"s{n:02}.yaml").write_text(text, encoding="utf-8")
    return folder


def group_alive(pgid: int) -> list[int]:
    """Processes of the process group that are still running (not zombies)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def start_batch(folder: Path, out: Path, jobs: str = "4") -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "briefpdf", "render", str(folder), "--out-dir", str(out), "-j", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 90
    while not list(out.glob("*.pdf")):  # in the middle of the batch: some PDFs written, workers busy
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    return proc


def assert_consistent(out: Path) -> None:
    """No temporary file; every PDF whole; every cache entry names a PDF of the recorded size."""
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".pdf") == [".briefpdf-cache.json"]
    for pdf in out.glob("*.pdf"):
        subprocess.run([tool("qpdf"), "--check", str(pdf)], check=True, capture_output=True)
    entries = json.loads((out / ".briefpdf-cache.json").read_text(encoding="utf-8"))["entries"]
    for name, entry in entries.items():
        assert Path(name).stat().st_size == entry["size"]


@pytest.mark.parametrize("signum, whom, code, jobs", [
    (signal.SIGINT, "group", 130, "4"), (signal.SIGINT, "parent", 130, "4"),
    (signal.SIGTERM, "parent", 143, "4"), (signal.SIGTERM, "group", 143, "4"), (signal.SIGTERM, "parent", 143, "1")])
def test_a_signal_stops_the_batch_promptly_and_cleanly(slow_folder, tmp_path, signum, whom, code, jobs):
    out = tmp_path / "out"
    proc = start_batch(slow_folder, out, jobs)
    sent = time.monotonic()
    if whom == "group":  # Ctrl-C on a terminal, or a CI runner ending the job
        os.killpg(proc.pid, signum)
    else:  # kill PID, or a process manager that knows only the parent
        proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=30)
    stopped = time.monotonic() - sent
    assert proc.returncode == code, stderr
    assert stderr.endswith("terminated\n" if code == 143 else "interrupted\n") and "Traceback" not in stderr
    assert stopped < 2.0, f"took {stopped:.1f} s to stop"
    time.sleep(0.5)
    assert group_alive(proc.pid) == []
    written = sorted(out.glob("*.pdf"))
    assert 0 < len(written) < 64
    time.sleep(1.0)
    assert sorted(out.glob("*.pdf")) == written  # nothing goes on rendering behind the user's back
    assert_consistent(out)


def test_workers_die_with_a_killed_parent(slow_folder, tmp_path):
    out = tmp_path / "out"
    proc = start_batch(slow_folder, out)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 2.0
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_alive(proc.pid) == []
    assert [p.name for p in out.iterdir() if p.suffix == ".part"] == []
    for pdf in out.glob("*.pdf"):
        subprocess.run([tool("qpdf"), "--check", str(pdf)], check=True, capture_output=True)


def test_sigterm_to_a_bundle_leaves_the_previous_packet(slow_folder, tmp_path):
    packet = tmp_path / "packet.pdf"
    packet.write_bytes(b"%PDF-1.7 the previous packet")
    proc = subprocess.Popen([sys.executable, "-m", "briefpdf", "bundle", *map(str, sorted(slow_folder.iterdir())[:8]),
                             "-o", str(packet)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # loading and laying out eight long briefings takes several seconds
    assert proc.poll() is None
    proc.terminate()
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143 and stderr == "terminated\n", stderr
    assert packet.read_bytes() == b"%PDF-1.7 the previous packet"
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]
