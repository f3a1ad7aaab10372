"""A real LibreTranslate server on loopback, for tests and benchmarks (never a mock).

LibreTranslate runs from its own virtual environment (`.venv-server`, made by `make
test-server`: it pins numpy<2), with its own home, Argos package folder and working
folder, so it never sees the user's files. It gets the tiny test models (fr→en and en→fr:
with fewer than two packages installed, LibreTranslate downloads the package index at
start), each carrying its own MiniSBD sentence splitter (tests/tiny_splitter.py), so
nothing is downloaded at start or on the first translation, and ORT_DISABLE_TELEMETRY=1
(onnxruntime's usage reports). Every proxy variable points at a `ProxyTrap` on loopback:
an attempt to reach the internet shows there instead of leaving.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LT_VENV = REPO / ".venv-server"
LANGS = {"fr": "French", "en": "English"}
BASE_ARGS = ("--load-only", "fr,en", "--disable-web-ui", "--disable-files-translation")


def server_python() -> Path | None:
    """The LibreTranslate environment's python: $GLOSE_LT_PYTHON, else .venv-server's."""
    env = os.environ.get("GLOSE_LT_PYTHON")
    if env:
        return Path(env)
    path = LT_VENV / "bin" / "python"
    return path if path.exists() else None


def build_packages(folder: Path, shape=None, quantization: str | None = None) -> list[Path]:
    """fr→en and en→fr test packages, each with its splitter under minisbd/ (with the tiny
    shape, the same weights as tests/tiny_model.py's fr→en model with the default seed)."""
    from tests.tiny_model import TINY, build_package, seed_lines, train_sentencepiece
    from tests.tiny_splitter import build_model

    shape = shape or TINY
    sp = train_sentencepiece(seed_lines(), shape.vocab)
    out = []
    for src, tgt in (("fr", "en"), ("en", "fr")):
        top = f"translate-{src}_{tgt}-1_0"
        out.append(
            build_package(
                Path(folder) / f"{top}.argosmodel",
                shape=shape,
                sp_model=sp,
                quantization=quantization,
                top_folder=top,
                extra_metadata={"from_code": src, "to_code": tgt, "from_name": LANGS[src], "to_name": LANGS[tgt]},
                extra_files={f"minisbd/{src}.onnx": build_model(src).SerializeToString()},
            )
        )
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listens(pid: int, port: int) -> bool:
    """Whether process `pid` holds the socket listening on 127.0.0.1:`port` (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) in {f"socket:[{i}]" for i in inodes}:
                return True
        except OSError:
            continue
    return False


class ProxyTrap:
    """A loopback listener that counts connections: the server's only "internet"."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.requests: list[str] = []  # the first line each one sent (e.g. CONNECT host:443)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.settimeout(2)
            try:
                self.requests.append(conn.recv(200).split(b"\r\n")[0].decode("latin-1"))
            except OSError:
                self.requests.append("(nothing sent)")
            conn.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def downloads(self) -> list[str]:
        """Proxy requests received (CONNECT host:443, GET http://...). Other connections
        (another process on this shared machine probing ports) are not counted."""
        return [r for r in self.requests if r.split(" ")[0] in {"CONNECT", "GET", "POST", "HEAD", "PUT"}]

    def close(self) -> None:
        self.sock.close()


class LibreTranslate:
    """One LibreTranslate process; `start()` waits until it answers /health."""

    def __init__(self, python: Path, home: Path, packages: list[Path], args: tuple = (), *, trap: ProxyTrap | None = None, port: int | None = None) -> None:
        self.python = Path(python)
        self.home = Path(home)
        self.packages = packages
        self.args = tuple(args)
        self.trap = trap
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.log = self.home / "server.log"
        self._installed = False
        self._started = False  # once started, a restart keeps its address

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


    def env(self) -> dict[str, str]:
        h = self.home
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(h),
            "XDG_DATA_HOME": str(h / "data"),
            "XDG_CONFIG_HOME": str(h / "config"),
            "XDG_CACHE_HOME": str(h / "cache"),
            "ARGOS_PACKAGES_DIR": str(h / "packages"),
            "PYTHONUNBUFFERED": "1",
            "LANG": "C.UTF-8",
            # onnxruntime (MiniSBD's runtime) reports usage to Microsoft on Linux since 1.29
            # unless told not to; the trap caught it doing so.
            "ORT_DISABLE_TELEMETRY": "1",
        }
        if self.trap is not None:
            for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
                env[name] = self.trap.url
        return env

    def install(self) -> None:
        """Install the packages with the server environment's own Argos code."""
        if self._installed:
            return
        (self.home / "work" / "db").mkdir(parents=True, exist_ok=True)  # LibreTranslate's suggestions.db goes there
        code = "import sys, argostranslate.package as p\nfor f in sys.argv[1:]: p.install_from_path(f)"
        subprocess.run([str(self.python), "-c", code, *map(str, self.packages)], env=self.env(), check=True, capture_output=True, timeout=300)
        self._installed = True

    def command(self) -> list[str]:
        exe = self.python.parent / "libretranslate"
        return [str(exe), "--host", "127.0.0.1", "--port", str(self.port), *BASE_ARGS, *self.args]

    def launch(self) -> None:
        """Start the process without waiting for it to answer."""
        self.install()
        log = open(self.log, "ab")
        self.process = subprocess.Popen(self.command(), cwd=self.home / "work", env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def start(self, timeout: float = 120.0) -> LibreTranslate:
        import requests

        self.launch()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if not self._started and "Address already in use" in self.log_tail():
                    self.port = free_port()  # taken meanwhile by another process: another one
                    self.launch()
                    continue
                raise RuntimeError(f"LibreTranslate exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                # Ours, not another test's server that took the same free port (shared machine).
                if requests.get(self.url + "/health", timeout=2).status_code == 200 and listens(self.process.pid, self.port):
                    self._started = True
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"LibreTranslate did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def add_key(self, per_minute: int = 100000) -> str:
        """A new API key (ltmanage, the server's own tool), in the keys database both use by
        default: db/api_keys.db in the server's working folder."""
        exe = self.python.parent / "ltmanage"
        out = subprocess.run(
            [str(exe), "keys", "add", str(per_minute)],
            cwd=self.home / "work", env=self.env(), check=True, capture_output=True, text=True, timeout=120,
        )
        return out.stdout.strip().splitlines()[-1].strip()

    def _signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections are accepted by the kernel, never answered."""
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would."""
        if self.process is not None:
            self._signal(signal.SIGCONT)
            self._signal(signal.SIGKILL)
            self.process.wait(timeout=30)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self._signal(signal.SIGCONT)
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
            self.process = None


if __name__ == "__main__":
    # Run a test server by hand: python -m tests.lt_server [extra libretranslate args]
    import tempfile

    python = server_python()
    if python is None:
        sys.exit("no LibreTranslate environment: run `make test-server` first")
    home = Path(tempfile.mkdtemp(prefix="glose-lt-"))
    server = LibreTranslate(python, home, build_packages(home / "models"), tuple(sys.argv[1:])).start()
    print(f"LibreTranslate at {server.url} (home {home}); Ctrl-C stops it")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
