"""TaskRunner: work off the UI thread, outcome delivered on it."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from desktop.ui.tasks import TaskRunner, error_message


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()


def test_result_arrives_on_the_ui_thread(qtbot, runner):
    ui_thread = threading.get_ident()
    seen = {}

    def work(x, y):
        seen["worker"] = threading.get_ident()
        return x + y

    def got(value):
        seen["value"] = value
        seen["delivered_on"] = threading.get_ident()

    runner.run(work, 2, 3, on_result=got)
    assert runner.wait_idle(60_000)
    assert seen["value"] == 5
    assert seen["worker"] != ui_thread
    assert seen["delivered_on"] == ui_thread
    assert runner.is_idle()


def test_error_becomes_one_message(qtbot, runner):
    errors = []

    def work():
        raise LookupError("no document with id 9; `glose list` shows the library")

    runner.run(work, on_error=errors.append)
    assert runner.wait_idle(60_000)
    assert len(errors) == 1
    assert error_message(errors[0]) == "no document with id 9; `glose list` shows the library"


def test_unhandled_error_reported_by_signal(qtbot, runner):
    def work():
        raise ValueError("/tmp/x.docx: not a Word document; save it as .docx and try again")

    with qtbot.waitSignal(runner.failed, timeout=60_000) as sig:
        runner.run(work, name="import")
    assert sig.args == ["import", "/tmp/x.docx: not a Word document; save it as .docx and try again"]


def test_database_error_message_is_clear():
    text = error_message(sqlite3.OperationalError("database is locked"))
    assert "database" in text and "locked" in text and "Traceback" not in text


def test_progress_is_coalesced_and_delivered(qtbot, runner):
    reports = []

    def work(progress):
        for i in range(1, 2001):
            progress(i, 2000, "step")
        return "done"

    runner.run(work, on_progress=lambda d, t, label: reports.append((d, t, label)))
    assert runner.wait_idle(60_000)
    assert reports, "no progress reached the UI"
    assert reports[-1] == (2000, 2000, "step")  # the final report is never dropped
    assert len(reports) < 200  # 2000 calls coalesced


def test_cancel_sets_the_event(qtbot, runner):
    started = threading.Event()

    def work(cancel):
        started.set()
        while not cancel.is_set():
            time.sleep(0.005)
        return "stopped"

    results = []
    task = runner.run(work, on_result=results.append)
    assert started.wait(60)
    task.cancel()
    assert runner.wait_idle(60_000)
    assert results == ["stopped"]


def test_wait_idle_times_out_on_a_stuck_task(qtbot, runner):
    release = threading.Event()
    runner.run(lambda: release.wait(10))
    assert runner.wait_idle(100) is False
    release.set()
    assert runner.wait_idle(60_000)


def test_busy_signal(qtbot, runner):
    states = []
    runner.busyChanged.connect(states.append)
    runner.run(lambda: 1)
    assert runner.wait_idle(60_000)
    assert states == [True, False]


def test_partial_results_are_posted_in_order(qtbot, runner):
    def work(post):
        for i in range(5):
            post([i, i + 1])
        return "done"

    messages = []
    runner.run(work, on_message=messages.append)
    assert runner.wait_idle(60_000)
    assert messages == [[i, i + 1] for i in range(5)]


def test_a_widget_whose_last_reference_is_the_work_dies_on_the_ui_thread(qtbot):
    """Regression: a bound method of a closed widget, run as a task, used to drop the
    widget's last reference on the worker thread, and Qt crashed destroying it there."""
    import threading

    from PySide6.QtWidgets import QListView, QVBoxLayout, QWidget

    from desktop.ui.tasks import TaskRunner

    destroyed_on: list[bool] = []

    class Panel(QWidget):
        def __init__(self) -> None:
            super().__init__()
            QVBoxLayout(self).addWidget(QListView(self))
            self.gate = threading.Event()

        def work(self) -> int:
            self.gate.wait(5)
            return 42

        def __del__(self) -> None:
            destroyed_on.append(threading.current_thread() is threading.main_thread())

    runner = TaskRunner()
    panel = Panel()
    gate = panel.gate
    results: list[int] = []
    runner.run(panel.work, on_result=results.append)
    del panel  # the widget closes; only the task still knows it
    gate.set()
    assert runner.wait_idle(10_000)
    import gc

    gc.collect()
    qtbot.waitUntil(lambda: results == [42] and bool(destroyed_on), timeout=60_000)
    assert results == [42]
    assert destroyed_on == [True]


def test_a_finished_task_holds_no_widget(qtbot):
    """Regression: a worker's runnable may drop the last reference to its Task on the worker
    thread; the Task must by then hold no widget (its context or a bound callback), else the
    widget is destroyed on that thread and Qt crashes (seen in the library panel's tests)."""
    import gc
    import weakref

    from PySide6.QtWidgets import QListView, QVBoxLayout, QWidget

    from desktop.ui.tasks import TaskRunner

    class Panel(QWidget):
        def __init__(self) -> None:
            super().__init__()
            QVBoxLayout(self).addWidget(QListView(self))
            self.got: list[int] = []

        def done(self, value: int) -> None:
            self.got.append(value)

    runner = TaskRunner()
    panel = Panel()
    ref = weakref.ref(panel)
    task = runner.run(lambda: 42, on_result=panel.done, on_error=panel.done, context=panel)
    assert runner.wait_idle(10_000)
    assert panel.got == [42] and task.done
    del panel
    gc.collect()
    assert ref() is None  # the task (still referenced here) keeps no widget alive
