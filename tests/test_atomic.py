"""Every file briefpdf writes goes through atomic.write_atomic; `new` must also never overwrite."""

from __future__ import annotations

import os

import pytest

from briefpdf.atomic import write_atomic


def test_create_only_never_overwrites_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sources" / "77301.yaml"
    write_atomic(target, b"first\n", replace=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second\n", replace=False)
    assert target.read_bytes() == b"first\n"
    write_atomic(target, b"third\n")
    assert target.read_bytes() == b"third\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["77301.yaml"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as any other program's new file
