"""The Dask executor: a real 2-worker LocalCluster on loopback converts a small folder, and the
report matches the local process pool's (everything outside summary.json's ``run`` block)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from easyread.batch import BatchError, BatchOptions, run_batch

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (pip install 'easyread[dask]')")

ARTICLE = (
    "Article {i}\n\n"
    "The council said on Monday that {i} new buses will start in the town in May. "
    "People who live near the station asked for more buses last year.\n\n"
    "A spokesperson said the plan would cost about £{i} million.\n"
)

# Two housekeeping warnings distributed raises with warnings.warn on a busy shared machine
# (none fired in our runs; they are about the machine, not easyread); anything else stays an
# error under the project's filterwarnings = error.
DASK_WARNINGS = [
    "ignore:Creating scratch directories is taking a surprisingly long time:UserWarning",
    "ignore:Port .* is already in use:UserWarning",
]


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for i in range(5):
        (d / ("sub" if i % 2 else ".") / f"a{i}.txt").write_text(ARTICLE.format(i=i + 1), "utf-8")
    (d / "bad.txt").write_bytes(b"\x00\x01binary")
    (d / "cfg").mkdir()
    return d


def _cfg(tmp_path: Path) -> str:
    path = tmp_path / "batch-test.toml"
    path.write_text('pipeline = ["numbers"]\n', "utf-8")
    return str(path)


@pytest.mark.slow
@pytest.mark.filterwarnings(*DASK_WARNINGS)
def test_dask_local_cluster_matches_local_pool(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    cfg = _cfg(tmp_path)
    formats = ("html", "md", "json")
    local = run_batch(d, tmp_path / "local",
                      BatchOptions(executor="local", jobs=2, formats=formats, config_file=cfg))
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        remote = run_batch(d, tmp_path / "dask",
                           BatchOptions(executor="dask", scheduler=address, formats=formats, config_file=cfg))
    assert remote.exit_code == local.exit_code == 1
    a = json.loads((tmp_path / "local" / "summary.json").read_text("utf-8"))
    b = json.loads((tmp_path / "dask" / "summary.json").read_text("utf-8"))
    assert b["run"]["executor"] == "dask" and a["run"]["executor"] == "local"
    a.pop("run"), b.pop("run")
    assert a == b
    assert a["summary"]["ok"] == 5 and a["summary"]["failed"] == 1
    for rel in ("a0.html", "sub/a1.md", "a4.json"):
        assert (tmp_path / "local" / rel).read_bytes() == (tmp_path / "dask" / rel).read_bytes()
    assert (tmp_path / "local" / "index.html").read_bytes() == (tmp_path / "dask" / "index.html").read_bytes()


@pytest.mark.filterwarnings(*DASK_WARNINGS)
def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("easyread.batch.executors.DASK_CONNECT_TIMEOUT", "1s")
    d = _folder(tmp_path)
    opts = BatchOptions(executor="dask", scheduler="tcp://127.0.0.1:9", formats=("md",),
                        config_file=_cfg(tmp_path))
    with pytest.raises(BatchError, match="cannot connect to the Dask scheduler"):
        run_batch(d, tmp_path / "out", opts)
