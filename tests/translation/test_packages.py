from __future__ import annotations

import hashlib
import http.server
import json
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from desktop.translation import packages
from desktop.translation.packages import ModelError
from tests.tiny_model import build_package, seed_lines, train_sentencepiece


@pytest.fixture(scope="module")
def sp_bytes() -> bytes:
    return train_sentencepiece(seed_lines(), 300)


@pytest.fixture(scope="module")
def model_v11(tmp_path_factory, sp_bytes) -> Path:
    return build_package(tmp_path_factory.mktemp("v11") / "m.argosmodel", version="1.1", seed=7, sp_model=sp_bytes)


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


def rezip(dest: Path, files: dict[str, bytes], extra: list[tuple[zipfile.ZipInfo, bytes]] = ()) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return dest


def leftovers(packages_dir: Path) -> list[str]:
    """Everything in and beside the package dir that an install may have written."""
    found = []
    for root in (packages_dir, packages_dir.parent / packages.STAGING_DIRNAME):
        if root.exists():
            found += [str(p.relative_to(packages_dir.parent)) for p in root.rglob("*")]
    return found


def test_install_list_find_remove(tiny_model_file: Path, tmp_path: Path) -> None:
    pk = tmp_path / "pk"
    assert packages.installed_models(pk) == []
    assert packages.find_model("fr", "en", pk) is None
    outcome = packages.install_model(tiny_model_file, pk)
    assert outcome.action == "installed"
    m = outcome.model
    assert (m.name, m.from_code, m.to_code, m.version) == ("translate-fr_en", "fr", "en", "1.0")
    assert m.model_id == "translate-fr_en@1.0"
    assert m.size_bytes > 100_000 and m.path.parent == pk
    assert packages.installed_models(pk) == [m]
    assert packages.find_model("fr", "en", pk) == m
    assert packages.find_model("en", "fr", pk) is None
    # Argos itself sees the package where Glose put it.
    from argostranslate.package import get_installed_packages

    assert [p.from_code + p.to_code for p in get_installed_packages([pk])] == ["fren"]
    assert packages.remove_model("translate-fr_en", pk) == [m]
    assert packages.installed_models(pk) == [] and leftovers(pk) == []
    with pytest.raises(ModelError, match="no installed model called"):
        packages.remove_model("translate-fr_en", pk)


def test_env_packages_dir_is_read_at_call_time(tiny_model_file: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    m = packages.install_model_file(tiny_model_file)
    assert m.path.parent == tmp_path / "from-env"
    assert packages.find_model() == m


def test_same_version_twice_is_a_no_op(tiny_model_file: Path, tmp_path: Path) -> None:
    pk = tmp_path / "pk"
    first = packages.install_model(tiny_model_file, pk)
    stamp = (first.model.path / "model" / "model.bin").stat().st_mtime_ns
    again = packages.install_model(tiny_model_file, pk)
    assert again.action == "unchanged" and again.model == first.model
    assert (first.model.path / "model" / "model.bin").stat().st_mtime_ns == stamp


def test_newer_version_replaces_older(tiny_model_file: Path, model_v11: Path, tmp_path: Path) -> None:
    pk = tmp_path / "pk"
    old = packages.install_model_file(tiny_model_file, pk)
    outcome = packages.install_model(model_v11, pk)
    assert outcome.action == "upgraded" and outcome.replaced == ("1.0",)
    assert [m.version for m in packages.installed_models(pk)] == ["1.1"]
    assert not old.path.exists()
    assert sorted(p.name for p in pk.iterdir()) == ["translate-fr_en-1_1"]
    with pytest.raises(ModelError, match="older than the installed"):
        packages.install_model(tiny_model_file, pk)
    assert [m.version for m in packages.installed_models(pk)] == ["1.1"]


def test_newer_version_in_the_same_folder_name(tmp_path: Path, sp_bytes: bytes) -> None:
    pk = tmp_path / "pk"
    a = build_package(tmp_path / "a.argosmodel", version="2.0", top_folder="fr_en", sp_model=sp_bytes)
    b = build_package(tmp_path / "b.argosmodel", version="2.1", top_folder="fr_en", sp_model=sp_bytes, seed=9)
    packages.install_model_file(a, pk)
    assert packages.install_model_file(b, pk).version == "2.1"
    assert [m.version for m in packages.installed_models(pk)] == ["2.1"]
    assert leftovers(pk) and all(not p.startswith(packages.STAGING_DIRNAME) for p in leftovers(pk))


def _bad(tmp_path: Path, tiny: Path, case: str) -> Path:
    files = entries(tiny)
    top = next(iter(files)).split("/")[0]
    dest = tmp_path / f"{case}.argosmodel"
    if case == "not-a-zip":
        dest.write_text("this is not a model", encoding="utf-8")
    elif case == "truncated":
        data = tiny.read_bytes()
        dest.write_bytes(data[: len(data) // 2])
    elif case == "two-tops":
        rezip(dest, {**files, "other/readme.txt": b"x"})
    elif case == "file-at-root":
        rezip(dest, {**files, "stray.txt": b"x"})
    elif case == "no-metadata":
        rezip(dest, {k: v for k, v in files.items() if not k.endswith("metadata.json")})
    elif case == "bad-metadata":
        rezip(dest, {**files, f"{top}/metadata.json": b"{not json"})
    elif case == "no-codes":
        rezip(dest, {**files, f"{top}/metadata.json": json.dumps({"package_version": "1"}).encode()})
    elif case == "no-model":
        rezip(dest, {k: v for k, v in files.items() if "/model/" not in k})
    elif case == "no-tokenizer":
        rezip(dest, {k: v for k, v in files.items() if not k.endswith("sentencepiece.model")})
    elif case == "dotdot":
        rezip(dest, {**files, f"{top}/../evil.txt": b"x"})
    elif case == "absolute":
        rezip(dest, files, [(zipfile.ZipInfo("/etc/evil.txt"), b"x")])
    elif case == "symlink":
        link = zipfile.ZipInfo(f"{top}/model/link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        rezip(dest, files, [(link, b"/etc/passwd")])
    elif case == "bomb":
        rezip(dest, {**files, f"{top}/padding.bin": bytes(64 * 1024**2)})
    elif case == "not-a-ctranslate2-model":
        rezip(dest, {**files, f"{top}/model/model.bin": b"garbage"})
    elif case == "corrupt-data":
        # Valid directory, damaged content: caught by the CRC check while extracting.
        data = bytearray(tiny.read_bytes())
        with zipfile.ZipFile(tiny) as zf:
            info = zf.getinfo(f"{top}/model/model.bin")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
        for i in range(start, start + 200):
            data[i] ^= 0xFF
        dest.write_bytes(bytes(data))
    return dest


BAD_CASES = {
    "not-a-zip": "not a zip",
    "truncated": "not a zip",
    "two-tops": "one top folder",
    "file-at-root": "outside the package folder",
    "no-metadata": "metadata.json is missing",
    "bad-metadata": "metadata.json is not JSON",
    "no-codes": "from_code .* is not a language code",
    "no-model": "model.bin",
    "no-tokenizer": "no tokenizer",
    "dotdot": "escapes the package folder",
    "absolute": "absolute",
    "symlink": "symbolic link",
    "bomb": "zip bomb",
    "not-a-ctranslate2-model": "CTranslate2|cannot be loaded|damaged",
    "corrupt-data": "damaged|CTranslate2|cannot be loaded",
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_archives_are_refused_and_leave_nothing(
    case: str, tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packages, "MAX_UNPACKED_BYTES", 32 * 1024**2)
    bad = _bad(tmp_path, tiny_model_file, case)
    pk = tmp_path / "pk"
    with pytest.raises(ModelError, match=BAD_CASES[case]) as err:
        packages.install_model(bad, pk)
    assert str(bad) in str(err.value)  # the message names the file
    assert leftovers(pk) == []
    assert not (tmp_path / "etc").exists() and not (tmp_path / "evil.txt").exists()


def test_failed_upgrade_keeps_the_installed_model(tiny_model_file: Path, tmp_path: Path, sp_bytes: bytes) -> None:
    pk = tmp_path / "pk"
    good = packages.install_model_file(tiny_model_file, pk)
    newer = build_package(tmp_path / "n.argosmodel", version="3.0", sp_model=sp_bytes)
    broken = rezip(tmp_path / "broken.argosmodel", {**entries(newer), "translate-fr_en-3_0/model/model.bin": b"x"})
    with pytest.raises(ModelError):
        packages.install_model(broken, pk)
    assert packages.installed_models(pk) == [good]


def test_interrupted_upgrade_is_recovered(tiny_model_file: Path, tmp_path: Path) -> None:
    # A kill between "set the old version aside" and "move the new one in".
    pk = tmp_path / "pk"
    good = packages.install_model_file(tiny_model_file, pk)
    job = pk.parent / packages.STAGING_DIRNAME / "deadbeef"
    job.mkdir(parents=True)
    good.path.rename(job / f"old-{good.path.name}")
    assert packages.installed_models(pk) == []
    packages.install_model(tiny_model_file, pk)  # any later install cleans up first
    assert [m.path for m in packages.installed_models(pk)] == [good.path]
    assert not job.exists()


# -- download from an Argos-style index on a loopback server ---------------------------


class _Server:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.served = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                data = outer.files.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                start = 0
                rng = self.headers.get("Range")
                if rng and rng.startswith("bytes=") and rng.endswith("-"):
                    start = int(rng[len("bytes=") : -1])
                    if start >= len(data):
                        self.send_error(416)
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                outer.served += len(body)  # counted before the client can see it: no race
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def index_server(tiny_model_file: Path):
    data = tiny_model_file.read_bytes()
    server = _Server({})

    def publish(sha256: str | None = hashlib.sha256(data).hexdigest(), version: str = "1.0") -> _Server:
        entry = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": "fr",
            "from_name": "French",
            "to_code": "en",
            "to_name": "English",
            "links": [f"{server.url}/models/translate-fr_en.argosmodel"],
        }
        if sha256 is not None:
            entry["sha256"] = sha256
        other = {**entry, "from_code": "de", "links": [f"{server.url}/missing"]}
        server.files["/index.json"] = json.dumps([other, entry]).encode()
        server.files["/models/translate-fr_en.argosmodel"] = data
        return server

    yield publish
    server.close()


def test_download_from_index_with_checksum(index_server, tmp_path: Path) -> None:
    server = index_server()
    pk = tmp_path / "pk"
    assert packages.available_models(pk) == []  # never fetched: nothing, and no network
    seen = []
    outcome = packages.download_model("fr", "en", lambda d, t, label: seen.append((d, t)), pk, server.url + "/")
    assert outcome.action == "installed" and outcome.model.model_id == "translate-fr_en@1.0"
    assert seen and seen[-1][0] == seen[-1][1] == len(server.files["/models/translate-fr_en.argosmodel"])
    assert packages.index_file(pk).exists()  # the last copy of the index is kept
    assert {m.from_code for m in packages.available_models(pk)} == {"de", "fr"}
    assert [p.name for p in (pk.parent / "glose-downloads").iterdir()] == []
    # Asking again: the index says nothing newer, so nothing is downloaded.
    before = server.served
    assert packages.download_model("fr", "en", None, pk, server.url + "/").action == "unchanged"
    assert server.served - before == len(server.files["/index.json"])


def test_download_with_bad_checksum_leaves_nothing(index_server, tmp_path: Path) -> None:
    server = index_server(sha256="0" * 64)
    pk = tmp_path / "pk"
    with pytest.raises(ModelError, match="checksum"):
        packages.download_model("fr", "en", None, pk, server.url + "/index.json")
    assert packages.installed_models(pk) == [] and leftovers(pk) == []
    assert list((pk.parent / "glose-downloads").iterdir()) == []


def test_download_resumes_a_partial_file(index_server, tmp_path: Path) -> None:
    server = index_server()
    pk = tmp_path / "pk"
    data = server.files["/models/translate-fr_en.argosmodel"]
    downloads = pk.parent / "glose-downloads"
    downloads.mkdir(parents=True)
    (downloads / "translate-fr_en-1.0.argosmodel.part").write_bytes(data[:100_000])
    packages.download_model("fr", "en", None, pk, server.url)
    assert server.served == len(server.files["/index.json"]) + len(data) - 100_000
    assert packages.find_model("fr", "en", pk) is not None


def test_download_without_checksum_still_validates(index_server, tmp_path: Path) -> None:
    server = index_server(sha256=None)
    server.files["/models/translate-fr_en.argosmodel"] = b"<html>captive portal</html>"
    pk = tmp_path / "pk"
    with pytest.raises(ModelError, match="not a zip"):
        packages.download_model("fr", "en", None, pk, server.url)
    assert packages.installed_models(pk) == [] and leftovers(pk) == []


def test_index_unreachable_keeps_last_copy(index_server, tmp_path: Path) -> None:
    server = index_server()
    pk = tmp_path / "pk"
    packages.refresh_index(pk, server.url)
    url = server.url
    server.close()
    with pytest.raises(ModelError, match="could not reach the model index .*install a model from a file"):
        packages.refresh_index(pk, url)
    assert [m.from_code for m in packages.available_models(pk)] == ["de", "fr"]


def test_missing_model_message_names_the_pair_and_both_ways() -> None:
    msg = packages.missing_model_message("fr", "en")
    assert "fr→en" in msg and "glose models download fr en" in msg and "glose models install FILE" in msg
    with pytest.raises(packages.NoModelError, match="fr→en"):
        packages.require_model("fr", "en", Path("/nonexistent/glose-packages"))
