"""Walking IN_DIR into articles, skipped entries and problems, and naming their outputs.

The walk itself is :func:`easyread.inputs.walk` (symlink policy, loop protection); this module
adds the batch's own rules: include/exclude patterns, only regular files, the size cap,
duplicates through links, and outputs that would collide."""

from __future__ import annotations

import fnmatch
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from easyread.batch.models import (
    COLLISION,
    OUTPUT_ENDINGS,
    RESERVED_NAMES,
    ArticleResult,
    BatchOptions,
    Skipped,
    failure,
)
from easyread.errors import InputTooLarge, NotARegularFile
from easyread.inputs import walk


@dataclass(frozen=True)
class Candidate:
    path: str  # relative, POSIX
    source: Path
    size: int


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    failed: list[ArticleResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def _wanted(rel: str, options: BatchOptions) -> bool:
    if options.exclude and _matches(rel, options.exclude):
        return False
    if options.include:
        return _matches(rel, options.include)
    return PurePosixPath(rel).suffix.lower() in options.suffixes


def discover(in_dir: Path, options: BatchOptions, max_bytes: int,
             skip_dirs: Iterable[tuple[int, int]] = (), hint: str = "raise it with --max-bytes") -> Discovery:
    """Walk ``in_dir`` (:func:`easyread.inputs.walk`: sorted, depth first, symlinks as
    ``options`` say) and sort entries into articles and problems.

    Nothing is opened here: entries are classified with ``lstat``/``stat`` only.
    """
    found = Discovery()
    excluded = (lambda rel: _matches(rel, options.exclude)) if options.exclude else (lambda rel: False)
    for entry in walk(in_dir, follow_symlinks=options.follow_symlinks, wanted=lambda rel: _wanted(rel, options),
                      prune=excluded, skip_dirs=skip_dirs):
        if entry.kind == "skipped":
            found.skipped.append(Skipped(entry.rel, entry.code, entry.message))
        elif entry.error is not None:
            found.failed.append(failure(entry.rel, entry.error.code, entry.error.message))
        elif entry.stat is not None:
            if not stat.S_ISREG(entry.stat.st_mode):
                found.failed.append(failure(entry.rel, NotARegularFile.code,
                                            "not a regular file (a pipe, device or socket); never opened"))
            elif entry.stat.st_size > max_bytes:
                found.failed.append(failure(entry.rel, InputTooLarge.code,
                                            f"{entry.stat.st_size:,} bytes is over the limit of {max_bytes:,} "
                                            f"bytes ({hint})"))
            else:
                found.candidates.append(Candidate(entry.rel, Path(entry.path), entry.stat.st_size))
    return found


def plan_outputs(candidates: list[Candidate], formats: tuple[str, ...]
                 ) -> tuple[dict[str, tuple[tuple[str, str], ...]], list[ArticleResult]]:
    """Output paths per article (relative to OUT_DIR), and the articles that collide.

    ``dir/a.txt`` -> ``dir/a.<fmt>``. Inputs in one folder whose stems are equal ignoring case
    (``a.txt``, ``A.md``), or whose output would take a report's name at the top of OUT_DIR
    (``index.txt`` -> ``index.html``), all keep their source suffix: ``dir/a.txt.<fmt>``.
    Any collision left after that is an error for every input involved.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for c in candidates:
        p = PurePosixPath(c.path)
        groups.setdefault((str(p.parent), p.stem.casefold()), []).append(c.path)
    planned: dict[str, tuple[tuple[str, str], ...]] = {}
    for c in candidates:
        p = PurePosixPath(c.path)
        base = p.stem
        clash = len(groups[(str(p.parent), p.stem.casefold())]) > 1
        endings = [OUTPUT_ENDINGS.get(f, f) for f in formats]
        reserved = str(p.parent) == "." and any(f"{p.stem}.{e}".casefold() in RESERVED_NAMES for e in endings)
        if clash or reserved:
            base = p.name
        planned[c.path] = tuple((f, str(p.parent / f"{base}.{e}")) for f, e in zip(formats, endings, strict=True))
    owners: dict[str, list[str]] = {}
    folders: set[str] = set()
    for rel, outs in planned.items():
        for _, out in outs:
            owners.setdefault(out.casefold(), []).append(rel)
            folders.update(str(parent).casefold() for parent in PurePosixPath(out).parents)
    bad: dict[str, str] = {}
    for out, rels in owners.items():
        if len(rels) > 1:
            for rel in rels:
                others = ", ".join(r for r in rels if r != rel)
                bad.setdefault(rel, f"output {out} would also be written for {others}; rename one")
        if out in folders or out in RESERVED_NAMES:
            for rel in rels:
                bad.setdefault(rel, f"output {out} has the name of a folder or report file; rename the input")
    failed = [failure(rel, COLLISION, msg) for rel, msg in sorted(bad.items())]
    return {k: v for k, v in planned.items() if k not in bad}, failed
