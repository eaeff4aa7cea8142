"""Pure formatters for score and check results (no I/O): score tables, JSON, CSV; check
reports as text, JSON, GitHub workflow annotations, JUnit XML and SARIF 2.1.0. Listed in the
one table of formats, :data:`easyread.report.FORMATS`.

The JSON shapes are documented in ``docs/wire-schema.md`` and carry ``schema_version``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from easyread import __version__
from easyread.check import CheckReport
from easyread.errors import ExitCode
from easyread.score import ScoreResult

SCORE_SCHEMA_VERSION = "1.2"
#: ``score --format json`` is indented unless it lists more sentences than this: a large
#: report is written compact, on one line (Python's JSON indenter is 4x slower than its
#: compact encoder, the main cost of scoring a few megabytes). ``--indent`` / ``--compact``
#: choose either.
COMPACT_JSON_SENTENCES = 2000
TABLE_METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "gunning_fog",
    "dale_chall_readability_score",
)
TABLE_INDICATORS = (
    "sentences",
    "words",
    "words_per_sentence_mean",
    "words_per_sentence_max",
    "share_over_15",
    "share_over_25",
    "hard_words",
    "passive_sentences",
    "unexplained_acronyms",
    "percentages",
    "large_numbers",
    "reading_time_minutes",
)


def quoteattr(value: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils would import urllib: slow)."""
    value = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return '"' + (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                  .replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")) + '"'


def _num(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}"


# ----------------------------------------------------------------------- score
#: The calibrated level's CSV columns (easyread.level; issue 12).
LEVEL_COLUMNS = ("level_grade", "level_band", "level_model")


def _level_cells(level: dict[str, Any] | None) -> list[Any]:
    if not level:
        return ["", "", ""]
    grade = level.get("grade")
    return ["" if grade is None else grade, level.get("band", ""), level.get("model", "")]


def _level_line(level: dict[str, Any] | None) -> str:
    """The table's line for the calibrated level (``insufficient`` with too little text)."""
    if not level:
        return ""
    grade = level.get("grade")
    value = "-" if grade is None else f"{grade:.1f}"
    return f"  calibrated level (model {level.get('model', '?')})\n    {'level.grade':<32}{value:>10}  {level.get('band', '')}"


def score_status(r: ScoreResult) -> str:
    """``ok``; ``warning`` when a formula's value is out of its meaningful range (or there are no
    words to score); ``error`` when the file could not be read."""
    if r.scores is None:
        return "error"
    return "warning" if r.scores.warnings() else "ok"


def score_json(results: list[ScoreResult], *, sentences: bool = True, indent: bool | None = None) -> str:
    """The ``easyread.score`` JSON report. ``indent``: ``True`` indents, ``False`` writes it
    compact, ``None`` (default) indents unless it lists more than
    :data:`COMPACT_JSON_SENTENCES` sentences."""
    files: list[dict[str, Any]] = []
    for r in results:
        if r.scores is None:
            files.append({"path": r.path, "status": "error",
                          "error": {"code": r.error_code, "message": r.error}})
        else:
            entry = {"path": r.path, "status": score_status(r)}
            entry.update(r.scores.to_dict(sentences=sentences))
            files.append(entry)
    payload = {
        "schema": "easyread.score",
        "schema_version": SCORE_SCHEMA_VERSION,
        "easyread_version": __version__,
        "files": files,
    }
    if indent is None:
        listed = sum(len(r.scores.sentences) for r in results if r.scores is not None) if sentences else 0
        indent = listed <= COMPACT_JSON_SENTENCES
    if indent:
        return json.dumps(payload, indent=2, ensure_ascii=False)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def score_csv(results: list[ScoreResult]) -> str:
    ok = [r for r in results if r.scores is not None]
    metric_names = sorted(ok[0].scores.metrics) if ok and ok[0].scores else []
    indicator_names = list(ok[0].scores.indicators) if ok and ok[0].scores else list(TABLE_INDICATORS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # out_of_range (after the figures, so the earlier columns keep their places): the formulas whose
    # value is outside its meaningful range, separated by ";" (the row's status is then "warning").
    # Then the calibrated level (issue 12): level_grade (empty when insufficient), level_band, level_model.
    writer.writerow(["path", "status", "error", *metric_names, *indicator_names, "out_of_range", *LEVEL_COLUMNS])
    for r in results:
        if r.scores is None:
            writer.writerow([r.path, "error", f"{r.error} [{r.error_code}]"]
                            + [""] * (len(metric_names) + len(indicator_names) + 1 + len(LEVEL_COLUMNS)))
        else:
            writer.writerow([r.path, score_status(r), ""] + [r.scores.metrics.get(m, "") for m in metric_names]
                            + [r.scores.indicators.get(i, "") for i in indicator_names]
                            + [";".join(r.scores.out_of_range())] + _level_cells(r.scores.level))
    return out.getvalue()


def score_table(results: list[ScoreResult], *, per_sentence: bool = False, width: int = 100) -> str:
    lines: list[str] = []
    for r in results:
        if r.scores is None:
            lines.append(f"{r.path}: error: {r.error} [{r.error_code}]")
            continue
        s = r.scores
        lines.append(r.path)
        lines.append(f"  readability (textstat {s.textstat_version})")
        flagged_metrics = s.out_of_range()
        for name in TABLE_METRICS:
            if name in s.metrics:
                mark = f"  ! out of range ({flagged_metrics[name].describe()})" if name in flagged_metrics else ""
                lines.append(f"    {name:<32}{_num(s.metrics[name]):>10}{mark}")
        others = [f"{n} {_num(s.metrics[n])} ({r.describe()})" for n, r in flagged_metrics.items()
                  if n not in TABLE_METRICS]
        if others:
            lines.append(f"  ! also out of range: {', '.join(others)}")
        if flagged_metrics:
            lines.append("  ! values outside a formula's meaningful range are not reliable scores; "
                         f"textstat counts {_num(s.metrics.get('sentence_count', 0))} sentence(s) "
                         "(not those of 1 or 2 words)")
        elif s.warnings():
            lines.extend(f"  ! {w}" for w in s.warnings())
        if s.level:
            lines.extend(_level_line(s.level).split("\n"))
        lines.append("  easy-read indicators")
        for name in TABLE_INDICATORS:
            lines.append(f"    {name:<32}{_num(s.indicators[name]):>10}")
        quoted = s.quoted_sentences()
        if quoted and s.has_scope("rewritable"):
            metrics, indicators = s.figures("rewritable")
            lines.append(f"  rewritable text (scope rewritable: {quoted} direct quotation(s) left out)")
            for name in ("flesch_kincaid_grade",):
                if name in metrics:
                    lines.append(f"    {name:<32}{_num(metrics[name]):>10}")
            for name in ("sentences", "words_per_sentence_mean", "words_per_sentence_max"):
                lines.append(f"    {name:<32}{_num(indicators[name]):>10}")
        flagged = [x for x in s.sentences if x.words > 25 or x.hard_words or x.passive or x.unexplained_acronyms]
        if per_sentence:
            lines.append("  sentences (line:col  words  grade  flags)")
            for x in s.sentences:
                flags = []
                if x.hard_words:
                    flags.append("hard: " + ", ".join(x.hard_words))
                if x.passive:
                    flags.append("passive: " + "; ".join(x.passive))
                if x.unexplained_acronyms:
                    flags.append("acronyms: " + ", ".join(x.unexplained_acronyms))
                if x.quotation:
                    flags.append(f"quotation: {x.quoted_words} quoted words")
                if x.percentages or x.large_numbers:
                    flags.append("numbers")
                if x.level and x.level.get("grade") is not None:
                    flags.append(f"level {x.level['grade']:.1f} {x.level['band']}")
                where = f"{x.line or '?'}:{x.column or '?'}"
                lines.append(f"    {where:<8}{x.words:>5}  {x.flesch_kincaid_grade:>6.1f}  {' | '.join(flags)}")
        elif flagged:
            lines.append(f"  {len(flagged)} sentence(s) flagged; add --sentences to list them")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ----------------------------------------------------------------------- check
#: Warnings that say why thresholds were not judged (the file's status is then ``insufficient``).
NOT_JUDGED_RULES = ("insufficient_text", "insufficient_sentences", "out_of_range", "insufficient_level")
RULE_DESCRIPTIONS = {
    "insufficient_text": "too little text to judge (fewer than min_words words)",
    "insufficient_sentences": "textstat counts too few sentences (fewer than min_sentences) to judge its formulas",
    "out_of_range": "a readability formula's value is outside its meaningful range, so not reliable",
    "insufficient_level": "too little text for the calibrated level (level.grade) to judge",
    "quoted_sentence_words": "a direct quotation, kept word for word by the rewrite, is longer than max_sentence_words",
}
#: Values in a check report that are counts of sentences, not thresholds' values.
SENTENCE_COUNTS = ("sentences_over_limit", "quoted_sentences_over_limit")
#: A finding's severity -> the GitHub workflow command and the SARIF level.
GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}
SARIF_LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def _severity(severity: str) -> str:
    return severity if severity in ("error", "warning", "note") else "warning"


def check_text(report: CheckReport) -> str:
    lines = []
    for f in report.files:
        if f.status == "error" and f.error:
            lines.append(f"{f.path}: error: {f.error['message']} [{f.error['code']}]")
            continue
        for x in f.findings:
            lines.append(f"{x.path}:{x.line}:{x.column}: {_severity(x.severity)}: {x.rule}: {x.message}")
    s = report.to_dict()["summary"]
    verdict = {ExitCode.OK: "PASS", ExitCode.CHECK_FAILED: "FAIL", ExitCode.ERROR: "ERROR"}[report.exit_code]
    scope = f", scope {report.scope}" if report.scope != "all" else ""
    lines.append(
        f"{verdict}: {s['files']} file(s), {s['passed']} passed, {s['failed']} failed, "
        f"{s['errors']} unreadable, {s['insufficient']} not judged (too short or unreliable scores) "
        f"(profile {report.profile}{scope}: {', '.join(report.thresholds) or 'no thresholds'})"
    )
    return "\n".join(lines) + "\n"


def check_json(report: CheckReport) -> str:
    data = report.to_dict()
    data["easyread_version"] = __version__
    return json.dumps(data, indent=2, ensure_ascii=False)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def check_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for f in report.files:
        if f.status == "error" and f.error:
            lines.append(f"::error file={_gh_escape(f.path, prop=True)},title=easyread {f.error['code']}::"
                         f"{_gh_escape(f.error['message'])}")
            continue
        for x in f.findings:
            level = GITHUB_LEVELS[_severity(x.severity)]
            lines.append(
                f"::{level} file={_gh_escape(x.path, prop=True)},line={x.line},col={x.column},"
                f"title={_gh_escape('easyread ' + x.rule, prop=True)}::{_gh_escape(x.message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def check_junit(report: CheckReport) -> str:
    """JUnit XML: one test suite per file, one test case per threshold and per long sentence.

    A threshold that was not judged (too little text, too few counted sentences, scores out of
    range) is a skipped test case whose message gives the reason.
    """
    suites: list[tuple[str, list[str]]] = []
    for f in report.files:
        cases: list[str] = []
        cls = quoteattr(f.path)
        if f.status == "error" and f.error:
            cases.append(f'    <testcase classname={cls} name="read">\n'
                         f'      <error type={quoteattr(f.error["code"])} message={quoteattr(f.error["message"])}/>\n'
                         "    </testcase>")
        else:
            reasons = "; ".join(x.message for x in f.findings if x.rule in NOT_JUDGED_RULES)
            failing = {x.rule: x for x in f.findings if not x.sentence_id}
            # With too little text, values holds only the word count, which is not a threshold.
            judged = {} if any(x.rule == "insufficient_text" for x in f.findings) else f.values
            for metric, value in judged.items():
                if metric in SENTENCE_COUNTS:
                    continue
                finding = failing.get(metric)
                name = quoteattr(f"{metric} = {_num(value)}")
                if finding and finding.severity == "error":
                    cases.append(f"    <testcase classname={cls} name={name}>\n"
                                 f"      <failure type={quoteattr(metric)} message={quoteattr(finding.message)}/>\n"
                                 "    </testcase>")
                else:
                    cases.append(f"    <testcase classname={cls} name={name}/>")
            for threshold in f.not_checked:
                cases.append(f"    <testcase classname={cls} name={quoteattr(threshold)}>\n"
                             f"      <skipped message={quoteattr(reasons or 'not judged')}/>\n"
                             "    </testcase>")
            for x in f.findings:
                if x.sentence_id:
                    name = quoteattr(f"{x.rule} line {x.line} col {x.column}")
                    if x.severity == "error":
                        cases.append(f"    <testcase classname={cls} name={name}>\n"
                                     f"      <failure type={quoteattr(x.rule)} message={quoteattr(x.message)}/>\n"
                                     "    </testcase>")
                    else:
                        cases.append(f"    <testcase classname={cls} name={name}/>")
            if not cases and f.status == "insufficient":
                cases.append(f'    <testcase classname={cls} name="readability">\n'
                             f"      <skipped message={quoteattr(reasons or 'not judged')}/>\n"
                             "    </testcase>")
            elif not cases:
                cases.append(f'    <testcase classname={cls} name="readability"/>')
        suites.append((f.path, cases))
    all_cases = [c for _, cases in suites for c in cases]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="easyread check" tests="{len(all_cases)}" '
           f'failures="{sum("<failure" in c for c in all_cases)}" '
           f'errors="{sum("<error" in c for c in all_cases)}" '
           f'skipped="{sum("<skipped" in c for c in all_cases)}">']
    for path, cases in suites:
        n_fail = sum(1 for c in cases if "<failure" in c)
        n_err = sum(1 for c in cases if "<error" in c)
        n_skip = sum(1 for c in cases if "<skipped" in c)
        out.append(f"  <testsuite name={quoteattr(path)} tests=\"{len(cases)}\" failures=\"{n_fail}\" "
                   f"errors=\"{n_err}\" skipped=\"{n_skip}\">")
        out.extend(cases)
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def check_sarif(report: CheckReport) -> str:
    """SARIF 2.1.0 (validated against the official schema in the tests)."""
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for f in report.files:
        if f.status == "error" and f.error:
            rule_id = f"input/{f.error['code']}"
            rules.setdefault(rule_id, {"id": rule_id, "shortDescription": {"text": "unreadable input"}})
            results.append({
                "ruleId": rule_id, "level": "error", "message": {"text": f.error["message"]},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}}}],
            })
            continue
        for x in f.findings:
            description = RULE_DESCRIPTIONS.get(x.rule, f"readability threshold: {x.rule}")
            rules.setdefault(x.rule, {"id": x.rule, "shortDescription": {"text": description}})
            results.append({
                "ruleId": x.rule,
                "level": SARIF_LEVELS[_severity(x.severity)],
                "message": {"text": x.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": x.path},
                    "region": {"startLine": max(1, x.line), "startColumn": max(1, x.column)},
                }}],
            })
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "easyread",
                "version": __version__,
                "informationUri": "https://github.com/easyread/easyread",
                "rules": list(rules.values()),
            }},
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)

