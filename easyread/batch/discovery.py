"""Walking IN_DIR into articles, skipped entries and problems, and naming their outputs.

The walk itself is :func:`easyread.inputs.walk` (symlink policy, loop protection); this module
adds the batch's own rules: include/exclude patterns, only regular files, the size cap,
duplicates through links, and outputs that would collide."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from easyread.batch.models import (
    COLLISION,
    DUPLICATE,
    LINK_LOOP,
    LINK_NOT_FOLLOWED,
    RESERVED_NAMES,
    ArticleResult,
    BatchOptions,
    Skipped,
)


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


def _describe_link(path: str, ancestors: set[tuple[int, int]]) -> tuple[str, str]:
    """What a symlink points to, found with ``stat`` only (nothing is opened)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return LINK_NOT_FOLLOWED, "dangling symlink (its target does not exist), not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK_LOOP, "symlink loop, not followed"
        return LINK_NOT_FOLLOWED, f"symlink not followed ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        if (st.st_dev, st.st_ino) in ancestors:
            return LINK_LOOP, "symlink loop (points to a folder above it), not followed"
        return LINK_NOT_FOLLOWED, "symlink to a folder, not followed (use --follow-symlinks)"
    if stat.S_ISREG(st.st_mode):
        return LINK_NOT_FOLLOWED, "symlink to a file, not followed (use --follow-symlinks)"
    return LINK_NOT_FOLLOWED, "symlink to a device, pipe or socket, not followed"


def _failed(rel: str, code: str, message: str) -> ArticleResult:
    return ArticleResult(path=rel, status="failed", error={"code": code, "message": message})


def discover(in_dir: Path, options: BatchOptions, max_bytes: int,
             skip_dirs: Iterable[tuple[int, int]] = ()) -> Discovery:
    """Walk ``in_dir`` (sorted, depth first) and sort entries into articles and problems.

    Nothing is opened here: entries are classified with ``lstat``/``stat`` only.
    """
    found = Discovery()
    skip = set(skip_dirs)
    visited: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], str] = {}
    root = os.stat(in_dir)
    stack: list[tuple[Path, str, tuple[tuple[int, int], ...]]] = [(in_dir, "", ())]
    del root
    while stack:
        folder, rel_folder, parents = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            found.failed.append(_failed(rel_folder or ".", "E303", f"cannot open folder: {exc.strerror}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            found.skipped.append(Skipped(rel_folder, LINK_LOOP, "folder already visited (symlink loop), not entered again"))
            continue
        visited.add(key)
        if key in skip:
            continue  # OUT_DIR inside IN_DIR: never read our own outputs
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.failed.append(_failed(rel_folder or ".", "E303", f"cannot list folder: {exc.strerror}"))
            continue
        ancestors = {*parents, key}
        subdirs: list[tuple[Path, str, tuple[tuple[int, int], ...]]] = []
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                lst = entry.stat(follow_symlinks=False)
            except OSError as exc:
                found.failed.append(_failed(rel, "E303", f"cannot stat: {exc.strerror}"))
                continue
            mode = lst.st_mode
            if stat.S_ISLNK(mode):
                if options.exclude and _matches(rel, options.exclude):
                    continue
                if not options.follow_symlinks:
                    code, message = _describe_link(entry.path, ancestors)
                    found.skipped.append(Skipped(rel, code, message))
                    continue
                try:
                    target = os.stat(entry.path)
                except FileNotFoundError:
                    found.failed.append(_failed(rel, "E301", "dangling symlink: its target does not exist"))
                    continue
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        found.skipped.append(Skipped(rel, LINK_LOOP, "symlink loop, skipped"))
                    else:
                        found.failed.append(_failed(rel, "E303", f"cannot follow symlink: {exc.strerror}"))
                    continue
                mode, lst = target.st_mode, target
                if stat.S_ISDIR(mode) and (target.st_dev, target.st_ino) in ancestors:
                    found.skipped.append(Skipped(rel, LINK_LOOP, "symlink loop (points to a folder above it), skipped"))
                    continue
            if stat.S_ISDIR(mode):
                if not (options.exclude and _matches(rel, options.exclude)):
                    subdirs.append((Path(entry.path), rel, tuple(ancestors)))
                continue
            if not _wanted(rel, options):
                continue
            if not stat.S_ISREG(mode):
                found.failed.append(_failed(rel, "E302", "not a regular file (a pipe, device or socket); never opened"))
                continue
            fkey = (lst.st_dev, lst.st_ino)
            if options.follow_symlinks and fkey in seen_files:
                found.skipped.append(Skipped(rel, DUPLICATE, f"same file as {seen_files[fkey]}, skipped"))
                continue
            seen_files[fkey] = rel
            if lst.st_size > max_bytes:
                found.failed.append(_failed(
                    rel, "E306", f"{lst.st_size:,} bytes is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"))
                continue
            found.candidates.append(Candidate(rel, Path(entry.path), lst.st_size))
        stack.extend(reversed(subdirs))
    return found


# --------------------------------------------------------------------------------------------
# Output names


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
        reserved = str(p.parent) == "." and any(f"{p.stem}.{f}".casefold() in RESERVED_NAMES for f in formats)
        if clash or reserved:
            base = p.name
        planned[c.path] = tuple((f, str(p.parent / f"{base}.{f}")) for f in formats)
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
    failed = [_failed(rel, COLLISION, msg) for rel, msg in sorted(bad.items())]
    return {k: v for k, v in planned.items() if k not in bad}, failed
