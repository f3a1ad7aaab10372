"""Benchmark: translating through a LibreTranslate server on this machine vs the local model.

Run: make test-server once (it makes .venv-server), then
     .venv/bin/python tests/bench/bench_server.py [--quick] [--sentences N]

Both sides run the same transformer-base-size model (random weights, int8, beam 4; see
tests/tiny_model.py), on the same cores, over the same distinct seed sentences:

  local     Glose's engine: sentences batched into translate_batch (the app's path);
  server 1  one client (LibreTranslateBackend, 1 request in flight, 48 sentences a request);
  server 4  four clients at once, each with its own connection, splitting the sentences;

and the overhead of one request: GET /health (HTTP alone, median of 50), and the same 48
sentences sent in one request and then one per request (the difference, per request). LibreTranslate starts with
its defaults for a team (`--load-only fr,en`; waitress 4 threads; Argos 1 inter-thread).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

_TMP = Path(tempfile.mkdtemp(prefix="glose-bench-lt-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(_TMP / "argos-packages")
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_TMP / var.lower())

from desktop import operations  # noqa: E402
from desktop.library import store as library  # noqa: E402
from desktop.library.db import open_library  # noqa: E402
from desktop.translation import engine as eng  # noqa: E402
from desktop.translation import packages  # noqa: E402
from desktop.translation.lt_backend import LibreTranslateBackend  # noqa: E402
from desktop.translation.lt_client import LibreTranslateClient  # noqa: E402
from tests.lt_server import LibreTranslate, ProxyTrap, build_packages, server_python  # noqa: E402
from tests.tiny_model import BASE  # noqa: E402

REQUEST = 48  # sentences per request (jobs.BATCH)


def seed_sentences() -> list[str]:
    data = _TMP / "data"
    data.mkdir()
    conn = open_library(data)
    operations.import_files(conn, data, [REPO / "seeds"], max_bytes=50 * 1024 * 1024)
    docs = [library.get_document(conn, d.id) for d in library.list_documents(conn)]
    return list(dict.fromkeys(d.sentence_text(s) for d in docs for s in d.sentences))


def through_server(url: str, sentences: list[str], clients: int) -> float:
    """Seconds for `clients` concurrent clients to translate `sentences` between them."""
    shares = [sentences[i::clients] for i in range(clients)]
    backends = [LibreTranslateBackend(LibreTranslateClient(url, timeout=3600, pool=1), concurrency=1) for _ in shares]
    for b in backends:
        b.connect()
    errors: list[BaseException] = []

    def work(backend: LibreTranslateBackend, share: list[str]) -> None:
        try:
            for k in range(0, len(share), REQUEST):
                results = backend.submit(share[k : k + REQUEST])()
                assert not any(r.failed for r in results)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(b, s)) for b, s in zip(backends, shares)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - t


def locally(engine, sentences: list[str]) -> float:
    t = time.perf_counter()
    step = REQUEST * engine.replicas
    waiters = [engine.submit(sentences[k : k + step]) for k in range(0, len(sentences), step)]
    for w in waiters:
        w()
    return time.perf_counter() - t


def median_ms(fn, n: int = 50) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def server_rss_mb(server: LibreTranslate) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    quick = "--quick" in sys.argv
    count = int(sys.argv[sys.argv.index("--sentences") + 1]) if "--sentences" in sys.argv else (60 if quick else 240)
    python = server_python()
    if python is None:
        sys.exit("no LibreTranslate environment: run `make test-server` first")
    print(f"cores: {eng.cpu_threads()}, load average at start: {os.getloadavg()[0]:.1f}")
    t = time.perf_counter()
    pkgs = build_packages(_TMP / "models", shape=BASE, quantization="int8")
    print(f"built transformer-base packages in {time.perf_counter() - t:.1f} s ({pkgs[0].stat().st_size / 1e6:.0f} MB each)")
    model = packages.install_model_file(pkgs[0])
    engine = eng.create_engine(model)
    sentences = seed_sentences()[:count]
    chars = sum(map(len, sentences))
    print(f"{len(sentences)} distinct seed sentences, {chars / len(sentences):.0f} characters on average")

    trap = ProxyTrap()
    server = LibreTranslate(python, _TMP / "lt-home", pkgs, trap=trap)
    t = time.perf_counter()
    server.start()
    print(f"LibreTranslate {server.url} answering after {time.perf_counter() - t:.1f} s")
    try:
        warm = LibreTranslateBackend(LibreTranslateClient(server.url, timeout=3600))
        warm.submit(sentences[:4])()  # the model loads on the first request
        engine.translate(sentences[:4])
        # LibreTranslate's CTranslate2 runs 4 threads (its default); on a shared, loaded machine
        # more threads get more of the CPU, so the local model also runs with 4 threads.
        engine4 = eng.create_engine(model, threads=4, replicas=2)
        engine4.translate(sentences[:4])
        rounds = 1 if quick else 2
        for r in range(rounds):
            local_s = locally(engine, sentences)
            local4_s = locally(engine4, sentences)
            one_s = through_server(server.url, sentences, 1)
            four_s = through_server(server.url, sentences, 4)
            print(
                f"round {r + 1}: local {len(sentences) / local_s:6.1f} sentences/s (4 threads: {len(sentences) / local4_s:.1f}) | "
                f"server, 1 client {len(sentences) / one_s:6.1f} | server, 4 clients {len(sentences) / four_s:6.1f} "
                f"(load average {os.getloadavg()[0]:.1f})"
            )
        client = LibreTranslateClient(server.url)
        health = median_ms(lambda: client.health(5))
        # The same 48 sentences in one request, then one per request: the difference is what
        # a request costs beyond its translation (Argos only keeps the previous text, so
        # nothing is served from its cache).
        batch = sentences[:REQUEST]
        t = time.perf_counter()
        client.translate(batch, "fr", "en")
        one_request = time.perf_counter() - t
        t = time.perf_counter()
        for text in batch:
            client.translate([text], "fr", "en")
        many_requests = time.perf_counter() - t
        print(
            f"per request: GET /health {health:.1f} ms (median of 50); {len(batch)} sentences in one request "
            f"{one_request:.2f} s, one per request {many_requests:.2f} s: "
            f"{(many_requests - one_request) / (len(batch) - 1) * 1000:.0f} ms a request"
        )
        print(f"local engine: {engine.replicas} replica(s) x {engine.threads // engine.replicas} thread(s); "
              "LibreTranslate: one CTranslate2 call per sentence, Argos defaults (1 inter-thread, intra-threads 0 = CTranslate2's default)")
        print(f"LibreTranslate RSS: {server_rss_mb(server):.0f} MB; downloads it attempted: {len(trap.downloads)}")
    finally:
        server.stop()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
