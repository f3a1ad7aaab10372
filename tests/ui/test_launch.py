from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is Linux only")
def test_no_display_is_a_clear_message_not_a_qt_abort(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "GLOSE_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "no display found" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
