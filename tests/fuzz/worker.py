"""The fuzz tests' worker: runs each case in a forked child within a time and memory budget.

Started once per test session (`python -m tests.fuzz.worker`, no Qt, single-threaded, so
forking is safe). It reads (target, payload, seconds, megabytes) requests on stdin and
answers one result per request on stdout, both as length-prefixed pickles. Each case runs in
a fork: its address space is capped (RLIMIT_AS: nothing can take the machine down), it is
killed at its time budget, and its peak resident memory comes from the kernel (wait4).

Result: {"status": "ok" | "traceback" | "crash" | "timeout" | "memory", "outcome" | "error",
"seconds", "peak_mb"}.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import struct
import sys
import time
import traceback

PAGE = os.sysconf("SC_PAGE_SIZE")


def read_message(stream):
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    return pickle.loads(stream.read(size))


def write_message(stream, value) -> None:
    data = pickle.dumps(value)
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def _statm() -> tuple[int, int]:
    """(virtual size, resident size) of this process, in bytes."""
    with open("/proc/self/statm") as fh:
        size, resident = fh.read().split()[:2]
    return int(size) * PAGE, int(resident) * PAGE


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _child(target: str, payload, megabytes: int, out: int) -> None:
    from tests.fuzz import targets

    start_kb = _status_kb("VmRSS")
    virtual, _resident = _statm()
    limit = virtual + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = {"status": "ok", "outcome": targets.TARGETS[target](payload)}
    except MemoryError:
        result = {"status": "memory", "error": "MemoryError"}
    except BaseException as exc:  # noqa: BLE001 - what the fuzz test is looking for
        result = {"status": "traceback", "error": f"{type(exc).__name__}: {exc}"[:500],
                  "trace": traceback.format_exc()[-3000:]}
    result["peak_mb"] = round(max(0, _status_kb("VmHWM") - start_kb) / 1024, 1)  # this case's own growth
    data = pickle.dumps(result)
    view = memoryview(data)
    while view:
        view = view[os.write(out, view):]


def run_case(target: str, payload, seconds: float, megabytes: int) -> dict:
    read_end, write_end = os.pipe()
    _virtual, base_resident = _statm()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the case
        os.close(read_end)
        code = 0
        try:
            _child(target, payload, megabytes, write_end)
        except BaseException:  # noqa: BLE001 - never return into the worker's loop
            code = 70
        os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    timed_out = False
    while True:
        remaining = start + seconds - time.perf_counter()
        if remaining <= 0:
            os.kill(pid, signal.SIGKILL)
            timed_out = True
            break
        ready, _w, _x = select.select([read_end], [], [], remaining)
        if ready:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    peak_mb = round(max(0.0, (usage.ru_maxrss * 1024 - base_resident) / 2**20), 1)  # when the case could not say
    if timed_out:
        result = {"status": "timeout", "error": f"still running after {seconds:.0f} s"}
    elif os.WIFSIGNALED(status):
        result = {"status": "crash", "error": f"killed by signal {os.WTERMSIG(status)}"}
    else:
        try:
            result = pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001
            result = {"status": "crash", "error": f"no result (exit {os.WEXITSTATUS(status)})"}
    result.setdefault("peak_mb", peak_mb)
    result["seconds"] = round(elapsed, 3)
    return result


def main() -> None:
    import logging

    from tests.fuzz import targets  # noqa: F401 - imported once, before any fork

    logging.disable(logging.WARNING)  # parsers' warnings about damaged files are expected here

    targets.warm_up()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed by a target stays out of the protocol
    while True:
        request = read_message(stdin)
        if request is None:
            return
        write_message(stdout, run_case(*request))


if __name__ == "__main__":
    main()
