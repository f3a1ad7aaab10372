"""The one place where core work leaves the UI thread.

`TaskRunner.run(fn, *args)` runs `fn` on a QThreadPool worker; its result or error comes
back on the UI thread through a queued signal. If `fn` takes a `progress` keyword it gets
a thread-safe `progress(done, total, label="")` whose reports are coalesced (at most one
every 50 ms reaches the UI), and if it takes `cancel` it gets the `threading.Event` that
`Task.cancel()` sets; if it takes `post`, each `post(value)` reaches `on_message` on the UI
thread (partial results). Workers open their own SQLite connection (AppContext.connect).
"""

from __future__ import annotations

import inspect
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, QThreadPool, Signal, Slot

PROGRESS_INTERVAL_S = 0.05


def error_message(exc: BaseException) -> str:
    """One clear line for the user; core errors already name the file and what to do."""
    if isinstance(exc, LookupError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, sqlite3.Error):
        return QCoreApplication.translate("tasks", "The library database reported an error: {0}").format(exc)
    text = str(exc).strip()
    return text or type(exc).__name__


def _accepts(fn: Callable, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class Task(QObject):
    """A unit of background work; lives on the UI thread, its signals are delivered there."""

    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, int, str)
    _message = Signal(object)
    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.on_result: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        self.on_message: Callable[[Any], None] | None = None
        self.context: QObject | None = None  # callbacks are dropped once this object is gone
        # The work's callable and arguments, kept until the outcome is delivered so that
        # they are released on the UI thread (see _Runnable.run).
        self.keepalive: tuple | None = None
        self._result.connect(self._deliver_result)
        self._error.connect(self._deliver_error)
        self._progress.connect(self._deliver_progress)
        self._message.connect(self._deliver_message)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def detach(self) -> None:
        """Forget the callbacks (their widgets are closing); the work may still finish."""
        self.on_result = self.on_error = self.on_progress = self.on_message = None

    def _alive(self) -> bool:
        return self.context is None or shiboken6.isValid(self.context)

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        self.result = value
        try:
            if self.on_result is not None and self._alive():
                self.on_result(value)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self.error = exc
        try:
            if self.on_error is not None and self._alive():
                self.on_error(exc)
        finally:
            self._finish()

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, label: str) -> None:
        if not self.done and self.on_progress is not None and self._alive():
            self.on_progress(done, total, label)

    @Slot(object)
    def _deliver_message(self, value: Any) -> None:
        if not self.done and self.on_message is not None and self._alive():
            self.on_message(value)

    def _finish(self) -> None:
        self.done = True
        # Let go of every widget here, on the UI thread: the worker's runnable may hold the
        # last reference to this Task's wrapper and release it on its own thread, and a
        # widget (the context, or one a callback is bound to) destroyed there crashes Qt.
        self.keepalive = None
        self.context = None
        self.detach()
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable, args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.task = task
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self._last = 0.0
        self._stage: tuple[str, int] | None = None
        self._lock = threading.Lock()

    def _report(self, done: int, total: int, label: str = "") -> None:
        # Coalesce: a fast loop must not flood the UI thread's event queue. The last report
        # and the first of each stage (new label or total) always get through.
        now = time.monotonic()
        with self._lock:
            stage = (label, total)
            if done < total and stage == self._stage and now - self._last < PROGRESS_INTERVAL_S:
                return
            self._last = now
            self._stage = stage
        self.task._progress.emit(int(done), int(total), str(label))

    def run(self) -> None:
        # The callable and its arguments may hold the last reference to a widget (a bound
        # method of a dialog that has since closed). Python objects die where their last
        # reference drops, and a widget destroyed on this worker thread crashes Qt. So the
        # runnable lets go of them before reporting back, while the Task (released on the UI
        # thread once the outcome is delivered) still holds its own references.
        fn, args, kwargs = self.fn, self.args, dict(self.kwargs)
        self.fn = self.args = self.kwargs = None
        if _accepts(fn, "progress") and "progress" not in kwargs:
            kwargs["progress"] = self._report
        if _accepts(fn, "cancel") and "cancel" not in kwargs:
            kwargs["cancel"] = self.task.cancel_event
        if _accepts(fn, "post") and "post" not in kwargs:
            # Partial results for the UI (e.g. "these paragraphs are translated"): through
            # the task, which outlives the work, never through a widget that may be gone.
            kwargs["post"] = self.task._message.emit
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # delivered to the UI as a message, never a crash
            del fn, args, kwargs
            self.task._error.emit(exc)
        else:
            del fn, args, kwargs
            self.task._result.emit(value)


class TaskRunner(QObject):
    """Runs callables on a thread pool and reports back on the UI thread."""

    failed = Signal(str, str)  # task name, user-facing message (when the caller gave no on_error)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._active: list[Task] = []

    def run(
        self,
        fn: Callable,
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_message: Callable[[Any], None] | None = None,
        name: str = "",
        context: QObject | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run fn(*args, **kwargs) on a worker. `context`: the widget the callbacks belong to;
        once it is deleted they are skipped (and the task is asked to cancel)."""
        task = Task(name or getattr(fn, "__name__", "task"), self)
        task.context = context
        if context is not None:
            context.destroyed.connect(task.cancel)
        task.on_result = on_result
        task.on_error = on_error if on_error is not None else (lambda e, t=task: self._report_error(t, e))
        task.on_progress = on_progress
        task.on_message = on_message
        task.keepalive = (fn, args, kwargs)
        task.finished.connect(lambda t=task: self._finished(t))
        self._active.append(task)
        if len(self._active) == 1:
            self.busyChanged.emit(True)
        self.pool.start(_Runnable(task, fn, args, kwargs))
        return task

    def _report_error(self, task: Task, exc: BaseException) -> None:
        self.failed.emit(task.name, error_message(exc))

    def _finished(self, task: Task) -> None:
        if task in self._active:
            self._active.remove(task)
            task.deleteLater()
            if not self._active:
                self.busyChanged.emit(False)

    def active(self) -> list[Task]:
        return list(self._active)

    def is_idle(self) -> bool:
        return not self._active

    def cancel_all(self) -> None:
        for task in self._active:
            task.cancel()

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until every task has delivered its outcome (for tests and shutdown)."""
        timer = QElapsedTimer()
        timer.start()
        while self._active:
            if timer.elapsed() > timeout_ms:
                return False
            QCoreApplication.processEvents()
            self.pool.waitForDone(5)
        QCoreApplication.processEvents()
        return True

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        """Cancel everything, wait a little for workers to stop, drop late callbacks (at exit)."""
        self.cancel_all()
        for task in self._active:
            task.detach()
        self.pool.waitForDone(timeout_ms)
