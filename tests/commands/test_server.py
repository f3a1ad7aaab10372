"""`glose server set|show|off` and the stored setting: no network needed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from desktop.cli import main
from desktop.translation.server_config import config_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_show_off_and_the_key_never_in_the_settings(data_dir: Path, tmp_path: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "server", "show")[1].strip() == "local model only: nothing is sent anywhere"
    key_file = tmp_path / "key.txt"
    key_file.write_text("\n  s3cret-key-123  \n", encoding="utf-8")
    code, out, _ = run(capsys, *d, "server", "set", "http://translate.office.lan:5000/", "--api-key-file", str(key_file), "--concurrency", "4")
    assert code == 0 and "http://translate.office.lan:5000 (API key: in a file only you can read; 4 requests at once)" in out
    code, out, _ = run(capsys, *d, "server", "show", "--json")
    shown = json.loads(out)
    assert shown == {"backend": "libretranslate", "url": "http://translate.office.lan:5000", "api_key": "file", "concurrency": 4, "timeout": 60.0, "suggest": False}
    # The key is in a 0600 file in a 0700 folder, never in the settings.
    assert "s3cret" not in config_path(data_dir).read_text()
    [secret] = list((data_dir / "secrets").iterdir())
    assert secret.read_text().strip() == "s3cret-key-123"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600 and stat.S_IMODE(os.stat(secret.parent).st_mode) == 0o700
    # Changing another setting keeps the key; off forgets it.
    assert run(capsys, *d, "server", "set", "http://translate.office.lan:5000", "--suggest")[0] == 0
    assert json.loads(run(capsys, *d, "server", "show", "--json")[1])["api_key"] == "file" and secret.exists()
    assert run(capsys, *d, "server", "off")[1].strip() == "local model only: nothing is sent anywhere"
    assert not secret.exists() and json.loads(run(capsys, *d, "server", "show", "--json")[1])["backend"] == "local"


def test_bad_input_is_named(data_dir: Path, tmp_path: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    code, _, err = run(capsys, *d, "server", "set", "translate.office.lan:5000")
    assert code == 2 and "starts with http:// or https://" in err
    code, _, err = run(capsys, *d, "server", "set", "http://x:5000", "--api-key-file", str(tmp_path / "missing"))
    assert code == 2 and "missing: cannot read the API key file" in err
    (tmp_path / "empty").write_text("\n\n")
    code, _, err = run(capsys, *d, "server", "set", "http://x:5000", "--api-key-file", str(tmp_path / "empty"))
    assert code == 2 and "the API key file is empty" in err
    code, _, err = run(capsys, *d, "server", "set", "http://x:5000", "--concurrency", "0")
    assert code == 2 and "choose 1 to 32" in err
    assert not config_path(data_dir).exists()  # nothing half-written
    config_path(data_dir).write_text("{not json")
    code, _, err = run(capsys, *d, "server", "show")
    assert code == 2 and "translation-server.json: unreadable" in err and "glose server off" in err
    assert run(capsys, *d, "server", "off")[0] == 0  # rewrites it
    code, _, err = run(capsys, *d, "translate", "--all", "--api-key-file", str(tmp_path / "empty"))
    assert code == 2 and "empty" in err
