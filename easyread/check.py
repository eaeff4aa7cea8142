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

Which text the figures cover is the configuration's ``scope`` (:func:`scope`; see
``docs/metrics.md``): ``all`` judges every body sentence; ``rewritable`` (the easy-read and
large-print profiles' default) judges the text the rewrite may change, without the sentences
that are direct quotations (the rewrite keeps the words inside quotation marks exactly, on
purpose). A quotation longer than ``max_sentence_words`` is then a ``quoted_sentence_words``
note, which never fails a file, unless its words outside the quotation alone are over the
limit. ``unexplained_acronyms`` is judged as the gloss stage explains acronyms: well-known ones
(``gloss.acronym.v1`` ``common_zipf``) and those on the ``keep`` list need no explanation.
Each judged value's scope is in ``FileReport.scopes``.

A file whose judged thresholds all pass but some were not judged is ``insufficient`` (exit code
unaffected); one that fails a judged threshold is ``fail``.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field
from typing import Any

from easyread import level as _level
from easyread.config import Config, Threshold, default_config, default_config_dict
from easyread.errors import ConfigError, ExitCode
from easyread.score import (
    ALL_TEXT_INDICATORS,
    SCOPES,
    MetricRange,
    Scores,
    SentenceScore,
    score_files,
)

EPSILON = 1e-9
CHECK_SCHEMA_VERSION = "1.3"
#: Used when neither the configuration nor its profile sets ``scope``.
DEFAULT_SCOPE = "all"
#: The gloss stage's acronym rule, whose ``common_zipf`` says which acronyms are well known.
ACRONYM_RULE = "gloss.acronym.v1"


@dataclass
class Finding:
    """One finding of ``check``: where, which rule, how severe, the message, value and limit."""

    path: str
    line: int
    column: int
    rule: str  # the metric name, e.g. flesch_kincaid_grade or max_sentence_words
    severity: str  # error, warning or note (notes and warnings never fail a file)
    message: str
    actual: float | None = None
    limit: str | None = None
    sentence_id: str | None = None


@dataclass
class FileReport:
    """One file's ``check`` result: status, findings and the judged values."""

    path: str
    status: str  # pass, fail, insufficient, error
    findings: list[Finding] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)  # the judged thresholds' values
    error: dict[str, str] | None = None
    baseline: dict[str, float] | None = None
    not_checked: list[str] = field(default_factory=list)  # thresholds not judged, e.g. "smog_index <= 9"
    out_of_range: dict[str, dict[str, float]] = field(default_factory=dict)  # metric -> value, min, max
    scope: str = "all"  # the configured scope: all or rewritable
    scopes: dict[str, str] = field(default_factory=dict)  # each value's text: all, rewritable or quoted

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass
class CheckReport:
    """The ``check`` result of every file, with the profile and thresholds used."""

    profile: str
    thresholds: list[str]
    files: list[FileReport]

    @property
    def scope(self) -> str:
        """The scope the files were judged on (the configuration's; ``all`` with no files)."""
        return next((f.scope for f in self.files if f.status != "error"), "all")

    @property
    def exit_code(self) -> ExitCode:
        if any(f.status == "error" for f in self.files):
            return ExitCode.ERROR
        if any(f.status == "fail" for f in self.files):
            return ExitCode.CHECK_FAILED
        return ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "easyread.check",
            "schema_version": CHECK_SCHEMA_VERSION,
            "profile": self.profile,
            "scope": self.scope,
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
        value = (config.raw or default_config_dict()).get("min_sentences")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"min_sentences must be a whole number, 0 or more (got {value!r})")
    return value


def scope(config: Config) -> str:
    """Which text ``check`` judges: ``all`` the body text, or the ``rewritable`` text (without
    the sentences that are direct quotations).

    The top-level ``scope`` setting wins; else the profile's (``[profiles.easy-read] scope``,
    set in ``default_config.toml``); else ``all``.
    """
    value = getattr(config, "scope", None)
    raw = config.raw or default_config_dict()
    if value is None:
        value = raw.get("scope")
    if value is None:
        profile = raw.get("profiles", {}).get(config.profile, {})
        value = profile.get("scope", DEFAULT_SCOPE) if isinstance(profile, dict) else DEFAULT_SCOPE
    if value not in SCOPES:
        raise ConfigError(f"scope must be one of {', '.join(repr(s) for s in SCOPES)} (got {value!r})")
    return str(value)


def common_acronym_zipf(config: Config) -> float:
    """The gloss stage's ``common_zipf`` for acronyms (``[rules."gloss.acronym.v1"]``)."""
    value = config.rules.get(ACRONYM_RULE, {}).get("common_zipf", default_config().rules[ACRONYM_RULE]["common_zipf"])
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"rules.{ACRONYM_RULE}.common_zipf must be a number (got {value!r})") from None


_SCOPE_TEXT = {"all": "", "rewritable": " in the rewritable text (direct quotations left out)"}


def _not_judged(path: str, scores: Scores, config: Config, formula: list[Threshold],
                report: FileReport, used: str) -> set[str]:
    """The metrics whose thresholds are not judged, with a warning saying why.

    All of textstat's metrics when it counts fewer than ``min_sentences`` sentences; otherwise
    those whose own value is out of its meaningful range (a threshold on a metric that is in
    range is still judged, so a hard text cannot pass because another formula went wild).
    Both are judged on the scope ``used``.
    """
    need = min_sentences(config)
    metrics = scores.figures(used)[0]
    counted = metrics.get("sentence_count")
    skip: set[str] = set()
    if formula and counted is not None and counted < need:
        skip = {t.metric for t in formula}
        names = ", ".join(str(t) for t in formula)
        report.findings.append(Finding(
            path, 1, 1, "insufficient_sentences", "warning",
            f"textstat counts {counted:g} sentence{'' if counted == 1 else 's'}{_SCOPE_TEXT[used]} "
            f"(it does not count sentences of 1 or 2 words) and its formulas need at least {need}, "
            f"so {names} {'is' if len(formula) == 1 else 'are'} not checked",
            float(counted), f"sentence_count >= {need}"))
    flagged: dict[str, MetricRange] = scores.out_of_range(used)
    if flagged:
        report.out_of_range = {name: {"value": metrics[name], "min": r.min, "max": r.max}
                               for name, r in flagged.items()}
        listed = ", ".join(f"{name} {_fmt(metrics[name])} (range {r.describe()})"
                           for name, r in flagged.items())
        newly = [t for t in formula if t.metric in flagged and t.metric not in skip]
        skip |= {t.metric for t in newly}
        tail = ""
        if newly:
            names = ", ".join(str(t) for t in newly)
            tail = f", so {names} {'is' if len(newly) == 1 else 'are'} not checked"
        report.findings.append(Finding(
            path, 1, 1, "out_of_range", "warning",
            f"outside the formula's meaningful range, so not a reliable score{_SCOPE_TEXT[used]}: "
            f"{listed}{tail}"))
    return skip


def _level_of(scores: Scores, used: str) -> tuple[dict[str, Any] | None, str]:
    """The calibrated level object of scope ``used`` (``all`` when the scores lack the scope's)."""
    if used == "rewritable" and scores.rewritable_level is not None:
        return scores.rewritable_level, "rewritable"
    return scores.level, "all"


def _level_not_judged(path: str, scores: Scores, thresholds: list[Threshold], used: str,
                      report: FileReport) -> set[str]:
    """Thresholds on the calibrated level (``level.grade``) that are not judged, with a warning:
    the text is too small for the level model (its band is ``insufficient``) or the scores
    have no level (rebuilt from a report made before issue 12)."""
    on_level = [t for t in thresholds if t.metric.startswith("level.")]
    level, where = _level_of(scores, used)
    if not on_level or (level and level.get("grade") is not None):
        return set()
    names = ", ".join(str(t) for t in on_level)
    reason = ("the scores have no calibrated level" if not level else
              f"too little text for the calibrated level{_SCOPE_TEXT[where]} (model {level.get('model')} "
              f"needs at least {_level.model().min_words} words in {_level.model().min_sentences} sentences)")
    report.findings.append(Finding(path, 1, 1, "insufficient_level", "warning",
                                   f"{reason}, so {names} {'is' if len(on_level) == 1 else 'are'} not checked"))
    return {t.metric for t in on_level}


def _value(scores: Scores, metric: str, used: str, config: Config) -> tuple[float, str]:
    """A threshold's value and the scope it was computed on."""
    if metric.startswith("level."):
        level, where = _level_of(scores, used)
        value = _level.value(level, metric)  # KeyError for a name the level does not have
        return (math.nan if value is None else value), where  # None: not judged (_level_not_judged)
    if metric == "unexplained_acronyms":
        return scores.unexplained_count(common_acronym_zipf(config), set(config.keep)), "all"
    if metric in ALL_TEXT_INDICATORS:
        return scores.value(metric), "all"
    return scores.value(metric, used), used


def _preview(s: SentenceScore) -> str:
    return s.text if len(s.text) <= 70 else s.text[:67] + "..."


def _sentence_lengths(path: str, scores: Scores, limit: int, used: str,
                      baseline: dict[str, float] | None, report: FileReport) -> None:
    """``max_sentence_words``: one finding per sentence over the limit.

    In the ``rewritable`` scope a direct quotation over the limit is a ``quoted_sentence_words``
    note (the rewrite keeps quoted words as they are), unless its words outside the quotation
    alone are over the limit: those the rewrite could have shortened.
    """
    judged: list[tuple[SentenceScore, int]] = []
    quoted: list[SentenceScore] = []
    for s in scores.sentences:
        if s.words <= limit:
            continue
        if used == "rewritable" and s.quotation:
            if s.words - s.quoted_words > limit:
                judged.append((s, s.words - s.quoted_words))
            else:
                quoted.append(s)
        else:
            judged.append((s, s.words))
    base_count = _baseline_value(baseline, "sentences_over_limit", used)
    tolerated = base_count is not None and len(judged) <= base_count
    report.values["sentences_over_limit"] = float(len(judged))
    report.scopes["sentences_over_limit"] = used
    for s, words in judged:
        if words == s.words:
            message = f"sentence has {s.words} words (limit {limit}): {_preview(s)}"
        else:
            message = (f"sentence has {words} words outside its quotation (limit {limit}; "
                       f"{s.words} in all): {_preview(s)}")
        report.findings.append(Finding(
            path, s.line or 1, s.column or 1, "max_sentence_words",
            "warning" if tolerated else "error", message,
            float(words), f"max_sentence_words <= {limit}", s.id))
    if used == "rewritable":
        report.values["quoted_sentences_over_limit"] = float(len(quoted))
        report.scopes["quoted_sentences_over_limit"] = "quoted"
    for s in quoted:
        report.findings.append(Finding(
            path, s.line or 1, s.column or 1, "quoted_sentence_words", "note",
            f"direct quotation has {s.words} words ({s.quoted_words} inside quotation marks, "
            f"kept word for word; limit {limit}): {_preview(s)}",
            float(s.words), f"max_sentence_words <= {limit}", s.id))


def check_scores(
    path: str,
    scores: Scores,
    config: Config,
    baseline: dict[str, float] | None = None,
) -> FileReport:
    """Apply the configured thresholds to one file's scores, on the configured :func:`scope`.

    Scores rebuilt without the rewritable figures (an older report) are judged on ``all``;
    ``FileReport.scopes`` says so for each value.
    """
    wanted = scope(config)
    used = wanted if scores.has_scope(wanted) else "all"
    report = FileReport(path=path, status="pass", baseline=baseline, scope=wanted)
    thresholds: list[Threshold] = list(config.thresholds)
    limit = config.max_sentence_words
    words = scores.indicators.get("words", 0.0)
    if words < config.min_words:
        # Formulas on a few words are noise (textstat gives FRE 0 for nothing and 121 for "Hi."):
        # say so instead of letting the gate pass or fail on them (threat T7).
        report.status = "insufficient"
        report.values["words"] = words
        report.scopes["words"] = "all"
        report.not_checked = [str(t) for t in thresholds]
        if limit is not None:
            report.not_checked.append(f"max_sentence_words <= {limit}")
        report.findings.append(Finding(
            path, 1, 1, "insufficient_text", "warning",
            f"too little text to score reliably ({words:g} words; thresholds need at least "
            f"{config.min_words}); not checked", words, f"words >= {config.min_words}"))
        return report
    formula = [t for t in thresholds if t.metric in scores.metrics]
    skip = _not_judged(path, scores, config, formula, report, used)
    skip |= _level_not_judged(path, scores, thresholds, used, report)
    for t in thresholds:
        try:
            actual, where = _value(scores, t.metric, used, config)
        except KeyError:
            report.findings.append(Finding(path, 1, 1, t.metric, "error",
                                           f"unknown metric {t.metric!r} in threshold '{t}'"))
            continue
        if t.metric in skip:
            report.not_checked.append(str(t))
            continue
        report.values[t.metric] = actual
        report.scopes[t.metric] = where
        if t.passes(actual):
            continue
        before = _baseline_value(baseline, t.metric, where)
        if before is not None:
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
        _sentence_lengths(path, scores, limit, used, baseline, report)
    if report.failed:
        report.status = "fail"
    elif report.not_checked:
        report.status = "insufficient"
    else:
        report.status = "pass"
    return report


def error_report(path: str, code: str, message: str) -> FileReport:
    return FileReport(path=path, status="error", error={"code": code, "message": message})


def _baseline_value(baseline: dict[str, float] | None, name: str, where: str) -> float | None:
    """The baseline's value of ``name`` on the scope ``where``.

    :func:`baseline_values` keys a value both by name and by ``scope:name``. A report that says
    which scope its values cover is only compared on the same scope; an older one, which does
    not, is taken as it is.
    """
    if baseline is None:
        return None
    scoped = f"{where}:{name}"
    if scoped in baseline:
        return baseline[scoped]
    if any(":" in key for key in baseline):
        return None
    return baseline.get(name)


def baseline_values(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per-file values from an earlier ``check --format json`` or ``score --format json``.

    Each value is keyed by its name and, when the report says which text it covers, also by
    ``scope:name`` (``rewritable:flesch_kincaid_grade``): a check report's ``scopes``, a score
    report's top level (``all``) and its ``rewritable`` figures.
    """
    out: dict[str, dict[str, float]] = {}
    for f in data.get("files", []):
        values: dict[str, float] = {}
        values.update(f.get("values", {}))
        values.update(f.get("metrics", {}))
        values.update(f.get("indicators", {}))
        for name, where in (f.get("scopes") or {}).items():
            if name in f.get("values", {}):
                values[f"{where}:{name}"] = f["values"][name]
        if "scope" in f and ("metrics" in f or "indicators" in f):
            for name, value in {**f.get("metrics", {}), **f.get("indicators", {})}.items():
                values[f"{f['scope']}:{name}"] = value
        rewritable = f.get("rewritable") or {}
        for name, value in {**rewritable.get("metrics", {}), **rewritable.get("indicators", {})}.items():
            values[f"rewritable:{name}"] = value
        for where, lv in (("all", f.get("level")), ("rewritable", rewritable.get("level"))):
            if isinstance(lv, dict) and lv.get("grade") is not None:  # a score report's level
                values[f"{where}:level.grade"] = float(lv["grade"])
                if where == "all":
                    values.setdefault("level.grade", float(lv["grade"]))
        if "path" in f:
            out[f["path"]] = values
    return out


def check_files(
    paths: list[str],
    config: Config,
    *,
    baseline: dict[str, dict[str, float]] | None = None,
    stdin_bytes: bytes | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
) -> CheckReport:
    """Score many inputs (:func:`easyread.score.score_files`) and check each against the
    config's thresholds (and ``baseline``, keyed by path)."""
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
