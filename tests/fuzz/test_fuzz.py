"""Fuzzing import, notes import (JSON-LD) and model install (issue 18): no input may end in a
traceback, a crash, a hang or a runaway memory use. Every case runs in a forked child with a
time and memory budget (tests/fuzz/worker.py).

`make test` runs a bounded number of cases per target (GLOSE_FUZZ_EXAMPLES, default 25);
`make fuzz` runs many more and writes the figures (cases, outcomes, time and memory maxima)
to fuzz-report.json; the README's reliability section quotes them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz import strategies
from tests.fuzz.worker import read_message, write_message

EXAMPLES = int(os.environ.get("GLOSE_FUZZ_EXAMPLES", "25"))
REPORT = os.environ.get("GLOSE_FUZZ_REPORT")
# Budgets per case, proportional to its size: generous for a loaded 2-core CI machine, far
# below what the bugs this hunts used (minutes, gigabytes).
BASE_SECONDS, SECONDS_PER_MB = 30.0, 20.0
BASE_MB, MB_PER_MB = 600, 60

# pytest-timeout's limit is per test, and a test here runs EXAMPLES cases.
LONG = pytest.mark.timeout(300 + 6 * EXAMPLES)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not REPORT,  # CI runs the same cases every time; `make fuzz` explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    database=None,
)


class Worker:
    def __init__(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="glose-fuzz-")
        repo = Path(__file__).resolve().parents[2]
        env = {**os.environ, "PYTHONPATH": str(repo), "GLOSE_FUZZ_TMP": self.tmp, "GLOSE_DATA_DIR": self.tmp,
               "ARGOS_PACKAGES_DIR": os.path.join(self.tmp, "argos")}
        env.pop("QT_QPA_PLATFORM", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.worker"], cwd=repo, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.stats: dict[str, dict] = {}

    def run(self, target: str, payload, size: int) -> dict:
        mb = size / 1e6
        seconds, megabytes = BASE_SECONDS + SECONDS_PER_MB * mb, int(BASE_MB + MB_PER_MB * mb)
        write_message(self.proc.stdin, (target, payload, seconds, megabytes))
        result = read_message(self.proc.stdout)
        assert result is not None, "the fuzz worker died"
        s = self.stats.setdefault(target, {"cases": 0, "statuses": Counter(), "outcomes": Counter(),
                                           "max_seconds": 0.0, "max_peak_mb": 0.0, "max_input_bytes": 0})
        s["cases"] += 1
        s["statuses"][result["status"]] += 1
        s["outcomes"][result.get("outcome") or result.get("error", "")[:60]] += 1
        s["max_seconds"] = max(s["max_seconds"], result["seconds"])
        s["max_peak_mb"] = max(s["max_peak_mb"], result["peak_mb"])
        s["max_input_bytes"] = max(s["max_input_bytes"], size)
        assert result["status"] == "ok", f"{target}: {result.get('error')}\n{result.get('trace', '')}"
        assert result["peak_mb"] <= megabytes, f"{target}: {result['peak_mb']} MB for {size} bytes"
        return result

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(60)
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()
    lines = []
    for target, s in sorted(w.stats.items()):
        lines.append(f"{target}: {s['cases']} cases, statuses {dict(s['statuses'])}, max {s['max_seconds']:.2f} s, "
                     f"max peak {s['max_peak_mb']:.0f} MB, largest input {s['max_input_bytes']:,} bytes")
    print("\nfuzz: " + "\nfuzz: ".join(lines))
    if REPORT:
        data = {t: {**s, "statuses": dict(s["statuses"]), "outcomes": dict(s["outcomes"].most_common(12))}
                for t, s in w.stats.items()}
        Path(REPORT).write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")


@LONG
@FUZZ
@given(case=strategies.import_cases())
def test_import_never_fails_badly(worker, case) -> None:
    suffix, data = case
    worker.run("import", (suffix, data), len(data))


@LONG
@FUZZ
@given(data=strategies.jsonld_cases())
def test_notes_import_never_fails_badly(worker, data: bytes) -> None:
    worker.run("jsonld", data, len(data))


@pytest.fixture(scope="module")
def model_archive(tiny_model_file: Path) -> bytes:
    return tiny_model_file.read_bytes()


@LONG
def test_model_install_never_fails_badly(worker, model_archive: bytes) -> None:
    @FUZZ
    @given(data=strategies.model_cases(model_archive))
    def check(data: bytes) -> None:
        worker.run("model", data, len(data))

    check()
