"""What a long build tells the person waiting for it: a bar, a rate, an ETA.

On a terminal the display is one line redrawn in place (a bar of the input
read so far, new articles parsed per second, the time left); anywhere else
(a log file, CI) it is a plain line every ``log_every`` seconds, because
carriage returns make logs unreadable.  It writes to stderr only, so stdout
stays the summary line that scripts read.

The ETA needs the number of documents in the input, which streaming does not
know up front: ``count_documents`` counts them (files, JSON Lines records) in
a background thread, cheaply next to parsing, and the ETA appears when it is
done.  Until then, and for inputs it cannot count, only the rate shows.
"""

from __future__ import annotations

import contextlib
import gzip
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

#: Seconds between redraws on a terminal, and between lines in a log.
REDRAW_SECONDS = 0.2
LOG_SECONDS = 10.0
BAR_WIDTH = 24


def count_documents(paths: Sequence[str]) -> int:
    """How many documents ``paths`` hold: one per file, one per JSON Lines line.

    Unreadable files count as one (the build reports them); this is only an
    estimate for the ETA, never a reason to fail.
    """
    from .reading import Skipped, iter_sources

    total = 0
    for source in iter_sources(paths):
        if isinstance(source, Skipped):
            continue
        name = source.lower()
        if name.endswith((".jsonl", ".jsonl.gz")):
            total += _count_lines(source)
        else:
            total += 1
    return total


def _count_lines(path: str) -> int:
    """Non-blank lines of a JSON Lines file, gzip or not (1 if unreadable)."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    count = 0
    try:
        with opener(path, "rb") as fh:
            for line in fh:
                if line.strip():
                    count += 1
    except (OSError, EOFError, ValueError):
        return max(count, 1)
    return count


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block ends: a document is stored *and* counted, or neither.

    Without it, a SIGINT landing between the store's commit and the counter
    would make the summary miss a document that is in fact stored.  Outside
    the main thread (where signals cannot be handled) it does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and callable(previous):
            previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt


def format_seconds(seconds: float) -> str:
    """``42s``, ``3m05s``, ``2h07m``: short enough for a progress line."""
    seconds = max(0, int(seconds + 0.5))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """Progress display of one build; call it with (documents read, new ones stored)."""

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool = True,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty() if tty is None else tty
        self.clock = clock
        self.started = clock()
        # A log gets its first line after LOG_SECONDS: a short build logs nothing.
        self.last = float("-inf") if self.tty else self.started
        self.total: int | None = None
        self.drawn = False
        self.read = 0
        self.added = 0

    def count_in_background(self, paths: Sequence[str]) -> None:
        """Count the input's documents on a daemon thread, for the ETA."""
        if not self.enabled:
            return

        def work() -> None:
            try:
                self.total = count_documents(paths)
            except Exception:  # noqa: BLE001 - the ETA is a nicety; the build must go on
                self.total = None

        threading.Thread(target=work, daemon=True, name="kg-count").start()

    def __call__(self, read: int, added: int) -> None:
        self.read, self.added = read, added
        if not self.enabled:
            return
        now = self.clock()
        if now - self.last < (REDRAW_SECONDS if self.tty else LOG_SECONDS):
            return
        self.last = now
        self._show(self.line(now))

    def line(self, now: float | None = None) -> str:
        """The text of the display: position, rate, time left."""
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.added / elapsed
        parts = [f"{self.read}" + (f"/{self.total}" if self.total else "") + " read",
                 f"{self.added} new", f"{rate:.1f} articles/s"]
        if self.total and self.read <= self.total:
            left = self.total - self.read
            parts.append(f"ETA {format_seconds(left / rate)}" if rate > 0 else "ETA ?")
        text = " · ".join(parts)
        if self.tty and self.total:
            done = min(self.read / self.total, 1.0)
            filled = int(done * BAR_WIDTH)
            text = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {100 * done:3.0f}% {text}"
        return text

    def message(self, text: str) -> None:
        """Print a line of its own (a skipped file, an interruption), keeping the bar intact."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar on a terminal, so that the next output starts on a clean line."""
        if self.tty and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def done(self) -> None:
        self.clear()

    def _show(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + text)
            self.drawn = True
        else:
            self.stream.write(f"kg: {text}\n")
        self.stream.flush()
