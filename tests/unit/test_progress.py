"""The build's progress display: a bar with rate and ETA on a terminal, log lines elsewhere."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from graph.progress import LOG_SECONDS, Progress, count_documents, format_seconds


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(tty: bool, total: int | None = None) -> tuple[Progress, io.StringIO, Clock]:
    clock = Clock()
    out = io.StringIO()
    progress = Progress(out, tty=tty, clock=clock)
    progress.total = total
    return progress, out, clock


def test_terminal_bar_shows_rate_and_eta() -> None:
    progress, out, clock = make(tty=True, total=100)
    clock.now += 10
    progress(25, 20)  # 20 new in 10 s: 2/s; 75 documents left: 37.5 s
    text = out.getvalue()
    assert text.startswith("\r\x1b[K[")
    assert " 25%" in text and "25/100 read" in text and "20 new" in text
    assert "2.0 articles/s" in text and "ETA 38s" in text
    assert "\n" not in text  # redrawn in place, never scrolling


def test_terminal_redraws_are_throttled() -> None:
    progress, out, clock = make(tty=True, total=10)
    progress(1, 1)
    progress(2, 2)  # same instant: not drawn again
    assert out.getvalue().count("\r") == 1
    clock.now += 1
    progress(3, 3)
    assert out.getvalue().count("\r") == 2


def test_log_lines_every_few_seconds_without_carriage_returns() -> None:
    progress, out, clock = make(tty=False, total=None)
    progress(1, 1)  # a build shorter than the interval logs nothing
    clock.now += LOG_SECONDS / 2
    progress(2, 2)
    assert out.getvalue() == ""
    clock.now += LOG_SECONDS
    progress(30, 29)
    clock.now += 1
    progress(31, 30)  # too soon after the last line
    clock.now += LOG_SECONDS
    progress(60, 59)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("kg: ") and "\r" not in line for line in lines)
    assert "30 read" in lines[0] and "ETA" not in lines[0]  # no total known: no ETA
    assert "60 read" in lines[1]


def test_message_clears_the_bar_first() -> None:
    progress, out, _ = make(tty=True, total=5)
    progress(1, 1)
    progress.message("kg: skipped x.txt: empty text")
    assert out.getvalue().endswith("\r\x1b[Kkg: skipped x.txt: empty text\n")
    progress.done()  # nothing drawn since: nothing to clear
    assert out.getvalue().endswith("empty text\n")


def test_disabled_prints_nothing() -> None:
    out = io.StringIO()
    progress = Progress(out, enabled=False, tty=True)
    progress(5, 5)
    progress.done()
    assert out.getvalue() == ""


def test_eta_unknown_before_anything_is_parsed() -> None:
    progress, _, clock = make(tty=False, total=50)
    clock.now += 5
    progress.read, progress.added = 3, 0
    assert "ETA ?" in progress.line()


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (59.4, "59s"), (61, "1m01s"), (3600 * 2 + 7 * 60, "2h07m")]
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_count_documents_counts_files_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Two", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"text": "d"}\n{"text": "e"}\n')
    assert count_documents([str(tmp_path)]) == 2 + 3 + 2
    assert count_documents([str(tmp_path / "missing")]) == 0


def test_count_documents_survives_a_broken_gzip(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.gz").write_bytes(b"not gzip at all")
    assert count_documents([str(tmp_path / "bad.jsonl.gz")]) == 1
