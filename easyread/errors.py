"""Errors with stable codes.

Every error easyread raises on purpose is an :class:`EasyreadError` with a code:

* ``E1xx`` configuration (bad threshold, unknown profile, bad config file)
* ``E2xx`` data files (a bad row in a shipped or user data file, with file:line)
* ``E3xx`` input (missing, unreadable, binary, wrong encoding, empty, too large)
* ``E4xx`` rendering (accessibility checks, PDF problems)
* ``E5xx`` missing resources (a model or data package is not installed)

The CLI turns these into one clear line and exit code 3 (see ``docs/cli.md``).
"""

from __future__ import annotations


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


class RenderError(EasyreadError):
    code = "E400"


class AccessibilityError(RenderError):
    code = "E401"


class ResourceMissing(EasyreadError):
    code = "E500"
