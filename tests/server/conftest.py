"""Real LibreTranslate servers on loopback (tests/lt_server.py), started once per session
where a test only reads from them, and per test where a test kills or freezes one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.lt_server import LibreTranslate, ProxyTrap, build_packages, server_python

# Limits of the limited server: small enough that the seed documents cross them.
CHAR_LIMIT = 80
BATCH_LIMIT = 3


@pytest.fixture(scope="session")
def lt_python() -> Path:
    python = server_python()
    if python is None or not python.exists():
        pytest.skip("no LibreTranslate environment: `make test-server` (or `make test`) creates .venv-server")
    return python


@pytest.fixture(scope="session")
def lt_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_packages(tmp_path_factory.mktemp("lt-models"))


@pytest.fixture(scope="session")
def proxy_trap() -> Iterator[ProxyTrap]:
    trap = ProxyTrap()
    yield trap
    trap.close()


@pytest.fixture(scope="session")
def lt_factory(lt_python, lt_packages, proxy_trap, tmp_path_factory) -> Iterator[Callable[..., LibreTranslate]]:
    """Make (not start) a server with extra arguments; every one is stopped at the end."""
    made: list[LibreTranslate] = []

    def make(*args: str) -> LibreTranslate:
        server = LibreTranslate(lt_python, tmp_path_factory.mktemp("lt-home"), lt_packages, args, trap=proxy_trap)
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture(scope="session")
def lt_server(lt_factory) -> LibreTranslate:
    """A server with LibreTranslate's default limits (none)."""
    return lt_factory().start()


@pytest.fixture(scope="session")
def lt_limited(lt_factory) -> LibreTranslate:
    return lt_factory("--char-limit", str(CHAR_LIMIT), "--batch-limit", str(BATCH_LIMIT)).start()


@pytest.fixture
def lt_own(lt_factory) -> Iterator[LibreTranslate]:
    """A server of this test's own (to kill, freeze or restart)."""
    server = lt_factory()
    yield server
    server.stop()
