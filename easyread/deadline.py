"""A time limit for one piece of work, checked between stages and between sentences.

``with time_limit(seconds): ...`` sets a deadline for the code inside (per thread and per
asyncio task: a :class:`contextvars.ContextVar`); :func:`check` raises
:class:`~easyread.errors.TimeLimitExceeded` (E326) once it has passed. The pipeline calls
:func:`check` before each stage and the replacement rules before each sentence, so no stage runs
on for long after the limit: a stage is stopped at its next sentence.

This is cooperative: one slow step (one long sentence in the parser, WeasyPrint laying out one
page) is not interrupted. ``easyread batch`` adds what is needed for that in its process pool
(an alarm signal in the worker and, after a grace period, the worker is killed; see
:mod:`easyread.batch`). Without a ``time_limit`` around it, :func:`check` costs one lookup.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from easyread.errors import TimeLimitExceeded

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("easyread_deadline", default=None)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Within the block, :func:`check` raises E326 after ``seconds`` (``None`` or 0: no limit).
    A limit set inside another one never extends it."""
    if not seconds or seconds <= 0:
        yield
        return
    end = time.monotonic() + seconds
    outer = _DEADLINE.get()
    if outer is not None and outer[0] <= end:
        end, seconds = outer
    token = _DEADLINE.set((end, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before the deadline (negative once passed), ``None`` without one."""
    current = _DEADLINE.get()
    return None if current is None else current[0] - time.monotonic()


def check(where: str = "") -> None:
    """Raise :class:`TimeLimitExceeded` when the deadline of the enclosing
    :func:`time_limit` has passed."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeLimitExceeded(exceeded_message(current[1], where))


def exceeded_message(seconds: float, where: str = "") -> str:
    at = f" (stopped in {where})" if where else ""
    return (f"took longer than the time limit of {seconds:g} s{at}; "
            "raise it with --timeout or in the config ([batch] timeout)")
