"""Errors with stable codes.

Every error easyread raises on purpose is an :class:`EasyreadError` with a code:

* ``E1xx`` configuration (bad threshold, unknown profile, bad config file)
* ``E2xx`` data files (a bad row in a shipped or user data file, with file:line)
* ``E3xx`` input (missing, unreadable, binary, wrong encoding, empty, too large, a folder
  with no articles); files named by options (``--config``, ``--css``, ``--baseline``,
  ``--glossary``) use the same codes
* ``E4xx`` rendering (accessibility checks, PDF problems)
* ``E5xx`` missing resources (a model or data package is not installed)
* ``E6xx`` output (``-o`` names a folder, device, FIFO or socket, or the same file as an input;
  the name is too long, the disk is full, the folder may not be written, the file system is
  read-only; the destination is left untouched and no temporary file is left behind)
* ``E326`` an article ran past its time limit (``batch --timeout``, :mod:`easyread.deadline`)

The CLI turns these into one clear line and exit code 3 (see ``docs/cli.md``).

The contracts are written here once: :class:`ExitCode` (the process exit statuses the library
reports and the CLI exits with) and :data:`NOTES` (every warning/note code a document, a read or
a batch may record, with its meaning; ``docs/cli.md`` lists them and a test compares both ways).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of ``easyread`` (docs/cli.md, docs/batch.md)."""

    OK = 0
    #: a check threshold failed; for ``batch``, some articles failed (or --fail-fast stopped it)
    CHECK_FAILED = 1
    #: a usage error (Click's own code)
    USAGE = 2
    #: unreadable input, bad configuration, a refused output or an internal error
    ERROR = 3
    #: ``batch``: the journal, manifest or report could not be written (disk full?)
    STATE = 4
    #: interrupted by Ctrl-C (128 + SIGINT)
    INTERRUPTED = 130
    #: stopped by SIGTERM (128 + SIGTERM): timeout, systemd, docker stop, Kubernetes
    TERMINATED = 143


#: Every warning/note code, with what it means: the registry ``docs/cli.md`` lists (a test
#: compares the two, and every code the package records, both ways). ``W3xx`` input, ``W6xx``
#: rewriting.
NOTES: dict[str, str] = {
    "W301": "the input was not UTF-8 and was decoded as Windows-1252 (clean, no UTF-8 sequences)",
    "W320": "batch: a symbolic link was not followed",
    "W321": "batch: a symbolic link loop",
    "W322": "batch with --follow-symlinks: a file reached twice",
    "W601": "the meaning guard skipped an edit (it would lose a negation, number or name)",
    "W602": "a long sentence has no safe split point",
    "W603": "an aside was dropped (easy read only)",
    "W604": "an edit was skipped because it would break a quotation",
    "W605": "a split was refused: a new sentence would be a fragment, or a list not a list",
    "W606": "a sentence over the length limit is left as it is (not rewritten, not searched for terms)",
    "W611": "a term has no explanation (source = \"missing\"): a human must write one",
    "W612": "a term is explained in the glossary only (no safe place in the text)",
}


class EasyreadError(Exception):
    """Base class: a problem easyread can explain in one line."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class ConfigError(EasyreadError):
    code = "E100"


class ThresholdError(ConfigError):
    code = "E101"


class ProfileError(ConfigError):
    code = "E102"


class PipelineError(ConfigError):
    """Stages in an order that cannot work, or a stage nobody knows: the message names both
    stages (the one that needs, and the one that provides or comes before)."""

    code = "E103"


class DataError(EasyreadError):
    code = "E200"


class InputError(EasyreadError):
    code = "E300"


class InputNotFound(InputError):
    code = "E301"


class NotARegularFile(InputError):
    code = "E302"


class InputUnreadable(InputError):
    code = "E303"


class BinaryInput(InputError):
    code = "E304"


class EncodingProblem(InputError):
    code = "E305"


class InputTooLarge(InputError):
    code = "E306"


class EmptyInput(InputError):
    code = "E307"


class NoArticlesFound(InputError):
    """A folder given to ``score`` or ``check`` holds no file with an article suffix."""

    code = "E308"


class TimeLimitExceeded(InputError):
    """Converting an input took longer than its time limit (``batch --timeout``)."""

    code = "E326"


class RenderError(EasyreadError):
    code = "E400"


class AccessibilityError(RenderError):
    code = "E401"


class ResourceMissing(EasyreadError):
    code = "E500"


class OutputError(EasyreadError):
    """The output cannot be written (permission denied, disk full, ...)."""

    code = "E600"


class OutputNotRegular(OutputError):
    """The output exists and is not a regular file: a folder, a device, a FIFO or a socket."""

    code = "E601"


class OutputIsInput(OutputError):
    """The output is the same file as an input (also through a symbolic or hard link)."""

    code = "E602"


class OutputNameTooLong(OutputError):
    """A name in the output path is longer than the file system allows (ENAMETOOLONG)."""

    code = "E603"


class OutputNoSpace(OutputError):
    """The disk is full, the quota is used up or the file is over the size limit
    (ENOSPC, EDQUOT, EFBIG: ``ulimit -f``)."""

    code = "E604"


class OutputPermissionDenied(OutputError):
    """The output folder (or file) may not be written (EACCES, EPERM)."""

    code = "E605"


class OutputReadOnly(OutputError):
    """The output is on a read-only file system (EROFS)."""

    code = "E606"
