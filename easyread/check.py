"""The check stage: scores + thresholds -> a report with findings and a verdict.

Document thresholds (``flesch_kincaid_grade <= 9``) give one finding per failing metric at the
file's first line. ``max_sentence_words`` gives one finding per long sentence with its line and
column. With a baseline (an earlier ``--format json`` report), a failing threshold counts only
when the file got harder than in the baseline.

A file is not judged where its numbers mean nothing (threat T7), and says why in a warning:

* fewer than ``min_words`` words: no threshold is judged (``insufficient_text``);
* textstat counts fewer than ``min_sentences`` sentences (it does not count sentences of 1 or 2
  words; ``insufficient_sentences``): thresholds on textstat's metrics are not judged;
* a formula's value lies outside its meaningful range (``data/ranges.toml``; ``out_of_range``):
  thresholds on that formula are not judged (the warning is given even with no such threshold).

Thresholds on easyread's own indicators and ``max_sentence_words`` are still judged: they use
easyread's segmentation, not textstat's sentence rule.

A file whose judged thresholds all pass but some were not judged is ``insufficient`` (exit code
unaffected); one that fails a judged threshold is ``fail``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from easyread.config import Config, Threshold
from easyread.errors import ConfigError
from easyread.score import MetricRange, Scores

EPSILON = 1e-9
CHECK_SCHEMA_VERSION = "1.1"
#: Used when the configuration does not set ``min_sentences`` (default_config.toml sets it).
DEFAULT_MIN_SENTENCES = 2


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
    values: dict[str, float] = field(default_factory=dict)  # the judged thresholds' values
    error: dict[str, str] | None = None
    baseline: dict[str, float] | None = None
    not_checked: list[str] = field(default_factory=list)  # thresholds not judged, e.g. "smog_index <= 9"
    out_of_range: dict[str, dict[str, float]] = field(default_factory=dict)  # metric -> value, min, max

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
            "schema_version": CHECK_SCHEMA_VERSION,
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


def min_sentences(config: Config) -> int:
    """``min_sentences`` from the configuration (top level, next to ``min_words``)."""
    value = getattr(config, "min_sentences", None)
    if value is None:
        value = config.raw.get("min_sentences", DEFAULT_MIN_SENTENCES)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"min_sentences must be a whole number, 0 or more (got {value!r})")
    return value


def _not_judged(path: str, scores: Scores, config: Config, formula: list[Threshold],
                report: FileReport) -> set[str]:
    """The metrics whose thresholds are not judged, with a warning saying why.

    All of textstat's metrics when it counts fewer than ``min_sentences`` sentences; otherwise
    those whose own value is out of its meaningful range (a threshold on a metric that is in
    range is still judged, so a hard text cannot pass because another formula went wild).
    """
    need = min_sentences(config)
    counted = scores.metrics.get("sentence_count")
    skip: set[str] = set()
    if formula and counted is not None and counted < need:
        skip = {t.metric for t in formula}
        names = ", ".join(str(t) for t in formula)
        report.findings.append(Finding(
            path, 1, 1, "insufficient_sentences", "warning",
            f"textstat counts {counted:g} sentence{'' if counted == 1 else 's'} (it does not count "
            f"sentences of 1 or 2 words) and its formulas need at least {need}, so {names} "
            f"{'is' if len(formula) == 1 else 'are'} not checked",
            float(counted), f"sentence_count >= {need}"))
    flagged: dict[str, MetricRange] = scores.out_of_range()
    if flagged:
        report.out_of_range = {name: {"value": scores.metrics[name], "min": r.min, "max": r.max}
                               for name, r in flagged.items()}
        listed = ", ".join(f"{name} {_fmt(scores.metrics[name])} (range {r.describe()})"
                           for name, r in flagged.items())
        newly = [t for t in formula if t.metric in flagged and t.metric not in skip]
        skip |= {t.metric for t in newly}
        tail = ""
        if newly:
            names = ", ".join(str(t) for t in newly)
            tail = f", so {names} {'is' if len(newly) == 1 else 'are'} not checked"
        report.findings.append(Finding(
            path, 1, 1, "out_of_range", "warning",
            f"outside the formula's meaningful range, so not a reliable score: {listed}{tail}"))
    return skip


def check_scores(
    path: str,
    scores: Scores,
    config: Config,
    baseline: dict[str, float] | None = None,
) -> FileReport:
    """Apply the configured thresholds to one file's scores."""
    report = FileReport(path=path, status="pass", baseline=baseline)
    thresholds: list[Threshold] = list(config.thresholds)
    limit = config.max_sentence_words
    words = scores.indicators.get("words", 0.0)
    if words < config.min_words:
        # Formulas on a few words are noise (textstat gives FRE 0 for nothing and 121 for "Hi."):
        # say so instead of letting the gate pass or fail on them (threat T7).
        report.status = "insufficient"
        report.values["words"] = words
        report.not_checked = [str(t) for t in thresholds]
        if limit is not None:
            report.not_checked.append(f"max_sentence_words <= {limit}")
        report.findings.append(Finding(
            path, 1, 1, "insufficient_text", "warning",
            f"too little text to score reliably ({words:g} words; thresholds need at least "
            f"{config.min_words}); not checked", words, f"words >= {config.min_words}"))
        return report
    formula = [t for t in thresholds if t.metric in scores.metrics]
    skip = _not_judged(path, scores, config, formula, report)
    for t in thresholds:
        try:
            actual = scores.value(t.metric)
        except KeyError:
            report.findings.append(Finding(path, 1, 1, t.metric, "error",
                                           f"unknown metric {t.metric!r} in threshold '{t}'"))
            continue
        if t.metric in skip:
            report.not_checked.append(str(t))
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
    if report.failed:
        report.status = "fail"
    elif report.not_checked:
        report.status = "insufficient"
    else:
        report.status = "pass"
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
