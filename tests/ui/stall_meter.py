"""Measures how late the UI thread's event loop runs (for the benchmarks; tests print it).

A 5 ms timer ticks on the UI thread; each gap between ticks is a moment the UI could not
react. On a machine shared with other busy processes part of a gap is time the thread
was ready but the kernel ran someone else: Linux reports it in /proc/thread-self/schedstat
(run-queue wait), so `own_gaps` subtracts it and counts only the time the app itself held
the thread (work on the UI thread, or waiting for the GIL held by a worker).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer

_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def _runqueue_wait_s() -> float:
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class StallMeter:
    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.wall_gaps: list[float] = []  # seconds between ticks
        self.own_gaps: list[float] = []  # the same, minus time waiting for a CPU
        self._last = (0.0, 0.0)

    def start(self) -> None:
        self._last = (time.perf_counter(), _runqueue_wait_s())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now, waited = time.perf_counter(), _runqueue_wait_s()
        gap = now - self._last[0]
        self.wall_gaps.append(gap)
        self.own_gaps.append(max(0.0, gap - (waited - self._last[1])))
        self._last = (now, waited)

    @property
    def worst_ms(self) -> float:
        return 1000 * max(self.own_gaps, default=0.0)

    @property
    def worst_wall_ms(self) -> float:
        return 1000 * max(self.wall_gaps, default=0.0)

    def summary(self) -> str:
        return (
            f"{len(self.wall_gaps)} ticks; worst gap {self.worst_ms:.0f} ms "
            f"({self.worst_wall_ms:.0f} ms wall clock, including time other processes had the CPU)"
        )
