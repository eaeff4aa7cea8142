"""The check stage: scores + thresholds -> a report with findings and a verdict.

Document thresholds (``flesch_kincaid_grade <= 9``) give one finding per failing metric at the
file's first line. ``max_sentence_words`` gives one finding per long sentence with its line and
column. With a baseline (an earlier ``--format json`` report), a failing threshold counts only
when the file got harder than in the baseline.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from easyread.config import Config, Threshold
from easyread.score import Scores

EPSILON = 1e-9


@dataclass
class Finding:
    path: str
    line: int
    column: int
    rule: str  # the metric name, e.g. flesch_kincaid_grade or max_sentence_words
    severity: str  # error or warning
    message: str
    actual: float | None = None
    limit: str | None = None
    sentence_id: str | None = None


@dataclass
class FileReport:
    path: str
    status: str  # pass, fail, insufficient, error
    findings: list[Finding] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)
    error: dict[str, str] | None = None
    baseline: dict[str, float] | None = None

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass
class CheckReport:
    profile: str
    thresholds: list[str]
    files: list[FileReport]

    @property
    def exit_code(self) -> int:
        if any(f.status == "error" for f in self.files):
            return 3
        if any(f.status == "fail" for f in self.files):
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "easyread.check",
            "schema_version": "1.0",
            "profile": self.profile,
            "thresholds": self.thresholds,
            "files": [asdict(f) for f in self.files],
            "summary": {
                "files": len(self.files),
                "passed": sum(f.status == "pass" for f in self.files),
                "failed": sum(f.status == "fail" for f in self.files),
                "errors": sum(f.status == "error" for f in self.files),
                "insufficient": sum(f.status == "insufficient" for f in self.files),
            },
        }


def _fmt(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}"


def check_scores(
    path: str,
    scores: Scores,
    config: Config,
    baseline: dict[str, float] | None = None,
) -> FileReport:
    """Apply the configured thresholds to one file's scores."""
    report = FileReport(path=path, status="pass", baseline=baseline)
    words = scores.indicators.get("words", 0.0)
    if words < config.min_words:
        # Formulas on a few words are noise (textstat gives FRE 0 for nothing and 121 for "Hi."):
        # say so instead of letting the gate pass or fail on them (threat T7).
        report.status = "insufficient"
        report.values["words"] = words
        report.findings.append(Finding(
            path, 1, 1, "insufficient_text", "warning",
            f"too little text to score reliably ({words:g} words; thresholds need at least "
            f"{config.min_words}); not checked", words, f"words >= {config.min_words}"))
        return report
    thresholds: list[Threshold] = list(config.thresholds)
    for t in thresholds:
        try:
            actual = scores.value(t.metric)
        except KeyError:
            report.findings.append(Finding(path, 1, 1, t.metric, "error",
                                           f"unknown metric {t.metric!r} in threshold '{t}'"))
            continue
        report.values[t.metric] = actual
        if t.passes(actual):
            continue
        if baseline is not None and t.metric in baseline:
            before = baseline[t.metric]
            worse = actual > before + EPSILON if t.lower_is_better else actual < before - EPSILON
            if not worse:
                report.findings.append(Finding(
                    path, 1, 1, t.metric, "warning",
                    f"{t.metric} is {_fmt(actual)} (limit {t}), not worse than the baseline {_fmt(before)}",
                    actual, str(t)))
                continue
            message = f"{t.metric} got worse: {_fmt(before)} -> {_fmt(actual)} (limit {t})"
        else:
            message = f"{t.metric} is {_fmt(actual)}; the limit is {t}"
        report.findings.append(Finding(path, 1, 1, t.metric, "error", message, actual, str(t)))
    limit = config.max_sentence_words
    if limit is not None:
        long_ones = [s for s in scores.sentences if s.words > limit]
        base_count = baseline.get("sentences_over_limit") if baseline else None
        tolerated = base_count is not None and len(long_ones) <= base_count
        report.values["sentences_over_limit"] = float(len(long_ones))
        for s in long_ones:
            preview = s.text if len(s.text) <= 70 else s.text[:67] + "..."
            report.findings.append(Finding(
                path, s.line or 1, s.column or 1, "max_sentence_words",
                "warning" if tolerated else "error",
                f"sentence has {s.words} words (limit {limit}): {preview}",
                float(s.words), f"max_sentence_words <= {limit}", s.id))
    report.status = "fail" if report.failed else "pass"
    return report


def error_report(path: str, code: str, message: str) -> FileReport:
    return FileReport(path=path, status="error", error={"code": code, "message": message})


def baseline_values(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per-file values from an earlier ``check --format json`` or ``score --format json``."""
    out: dict[str, dict[str, float]] = {}
    for f in data.get("files", []):
        values: dict[str, float] = {}
        values.update(f.get("values", {}))
        values.update(f.get("metrics", {}))
        values.update(f.get("indicators", {}))
        if "path" in f:
            out[f["path"]] = values
    return out
