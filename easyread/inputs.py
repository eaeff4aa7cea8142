"""Score and check many inputs; one bad file never stops the others.

Paths may be files, folders (walked for ``.txt``, ``.md`` and ``.html`` files, symlinks not
followed, sorted) or ``-`` for standard input. A folder with no article in it is an error
(E308), so a CI gate pointed at a renamed or empty folder does not pass silently.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from easyread.check import CheckReport, FileReport, check_scores, error_report
from easyread.config import Config
from easyread.errors import EasyreadError, NoArticlesFound
from easyread.read import SUFFIXES
from easyread.score import Scores


@dataclass
class ScoreResult:
    path: str
    scores: Scores | None = None
    error_code: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.scores is not None


def expand_paths(paths: list[str]) -> Iterator[tuple[str, EasyreadError | None]]:
    """Files to read: folders are walked (sorted, without following symlinks)."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        p = Path(raw)
        try:
            st = os.lstat(p)
        except OSError:
            yield raw, None  # the reader reports the precise problem
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield raw, None
            continue
        found = False
        for item in _walk(p):
            found = True
            yield item
        if not found:
            yield raw, NoArticlesFound(
                f"no articles found in this folder (looked for {article_suffixes()} files; "
                "symbolic links are not followed)", path=raw)


def article_suffixes() -> str:
    """The file name endings a folder is searched for: ``.htm, .html, .markdown, ...``."""
    return ", ".join(sorted(SUFFIXES))


def article_paths(paths: list[str]) -> list[str]:
    """The files :func:`score_files` would read (``-`` included), without reading them."""
    return [path for path, problem in expand_paths(paths) if problem is None]


def _walk(root: Path) -> Iterator[tuple[str, EasyreadError | None]]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield str(folder), EasyreadError(f"cannot list folder: {exc.strerror}", path=str(folder))
            continue
        subdirs = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in SUFFIXES and not entry.is_symlink():
                yield entry.path, None
        stack.extend(reversed(subdirs))


def score_one(path: str, config: Config, *, stdin_bytes: bytes | None = None,
              encoding: str | None = None, fmt: str | None = None, whole_file: bool = False) -> ScoreResult:
    from easyread.read import load
    from easyread.score import score
    from easyread.segment import segment

    name = "<stdin>" if path == "-" else path
    try:
        # As pipeline.read_document, without tokens: scoring works from the sentence texts.
        doc = segment(load(path, fmt=fmt, encoding=encoding, max_bytes=config.max_bytes,
                           stdin_bytes=stdin_bytes), tokens=False)
        scores = score(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm,
                       whole_file=whole_file)
    except EasyreadError as exc:
        return ScoreResult(name, error_code=exc.code, error=exc.message)
    return ScoreResult(name, scores=scores)


def score_files(paths: list[str], config: Config, *, stdin_bytes: bytes | None = None,
                encoding: str | None = None, fmt: str | None = None,
                whole_file: bool = False) -> list[ScoreResult]:
    results = []
    for path, problem in expand_paths(paths):
        if problem is not None:
            results.append(ScoreResult(path, error_code=problem.code, error=problem.message))
            continue
        results.append(score_one(path, config, stdin_bytes=stdin_bytes, encoding=encoding, fmt=fmt,
                                 whole_file=whole_file))
    return results


def check_files(
    paths: list[str],
    config: Config,
    *,
    baseline: dict[str, dict[str, float]] | None = None,
    stdin_bytes: bytes | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
) -> CheckReport:
    files: list[FileReport] = []
    for result in score_files(paths, config, stdin_bytes=stdin_bytes, encoding=encoding, fmt=fmt):
        if result.scores is None:
            files.append(error_report(result.path, result.error_code or "E300", result.error or "unreadable"))
            continue
        base = None
        if baseline is not None:
            base = baseline.get(result.path)
            if base is None:
                base = baseline.get(os.path.normpath(result.path))
        files.append(check_scores(result.path, result.scores, config, base))
    return CheckReport(profile=config.profile, thresholds=[str(t) for t in config.thresholds], files=files)
