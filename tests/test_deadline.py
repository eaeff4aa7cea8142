"""easyread.deadline: a cooperative time limit (E326) checked between stages and sentences."""

from __future__ import annotations

import time

import pytest

from easyread.deadline import check, exceeded_message, remaining, time_limit
from easyread.errors import TimeLimitExceeded


def test_no_limit_never_raises() -> None:
    assert remaining() is None
    check("anywhere")
    with time_limit(None):
        check()
        assert remaining() is None
    with time_limit(0):
        assert remaining() is None


def test_check_raises_once_the_limit_has_passed() -> None:
    with time_limit(0.01):
        left = remaining()
        assert left is not None and 0 < left <= 0.01
        time.sleep(0.02)
        with pytest.raises(TimeLimitExceeded, match=r"time limit of 0\.01 s \(stopped in the split stage\)") as info:
            check("the split stage")
    assert info.value.code == "E326"
    assert remaining() is None  # the limit ends with its block


def test_an_inner_limit_never_extends_the_outer_one() -> None:
    with time_limit(0.05), time_limit(100):
        left = remaining()
        assert left is not None and left <= 0.05


def test_message_names_the_limit_and_how_to_raise_it() -> None:
    assert exceeded_message(300) == (
        "took longer than the time limit of 300 s; raise it with --timeout or in the config ([batch] timeout)"
    )
