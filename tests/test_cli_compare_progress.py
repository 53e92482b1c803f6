"""The progress spinner: on stderr only when it is a terminal and only when the work lasts."""

from __future__ import annotations

import io
import sys
import time

import pytest

from draftdiff.cli.compare import progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> FakeTTY:
    # Set inside the test itself: pytest's capture puts back its own sys.stderr between setup and call.
    fake = FakeTTY()
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return fake


def test_long_work_on_a_terminal_shows_the_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = fake_terminal(monkeypatch)
    with progress("Comparing \x1b]0;title\x07 drafts", delay=0.05):
        time.sleep(0.4)
    out = tty.getvalue()
    assert "Comparing" in out and "\\x1b]0;title\\x07" in out  # the message is shown, escaped
    assert "\x1b]0;" not in out


def test_quick_work_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = fake_terminal(monkeypatch)
    with progress("Comparing", delay=0.5):
        pass
    time.sleep(0.6)  # the timer was cancelled: nothing appears later either
    assert tty.getvalue() == ""


def test_never_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress("Comparing", delay=0.0):
        time.sleep(0.2)
    assert pipe.getvalue() == ""
