"""Argos Translate packages: discovery, validated install, removal, download from the index.

Packages live in Argos's own package directory (`ARGOS_PACKAGES_DIR`, else
`~/.local/share/argos-translate/packages`), so models a user already has for other Argos
tools are found, and the ones Glose installs work there too. Metadata is read with
`argostranslate.package.Package`; installing does not use Argos's `install_from_path`,
which extracts any zip straight into the package directory: Glose validates the archive
first, extracts it beside the package directory, and moves the finished folder in.

The remote index is fetched only by `refresh_index` / `download_model` (explicit user
actions); everything else reads the last local copy and never touches the network.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import urllib.error
import urllib.request
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import packaging.version

from desktop import safe_json
from desktop.translation import package_metadata

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
MAX_UNPACKED_BYTES = 4 * 1024**3  # the largest Argos models are well under 1 GB
MAX_ENTRIES = 10_000
STAGING_DIRNAME = ".glose-staging"  # beside the package dir: Argos reads every folder inside it

Progress = Callable[[int, int, str], None]


class ModelError(Exception):
    """A model cannot be installed, found, removed or downloaded; the message says what to do."""


class NoModelError(ModelError):
    """No installed model for a language pair."""

    def __init__(self, from_code: str, to_code: str) -> None:
        super().__init__(missing_model_message(from_code, to_code))
        self.from_code = from_code
        self.to_code = to_code


def missing_model_message(from_code: str = "fr", to_code: str = "en") -> str:
    return (
        f"no {from_code}→{to_code} translation model is installed. Get one either way:\n"
        f"  - online: glose models download {from_code} {to_code}\n"
        f"  - offline: copy a translate-{from_code}_{to_code} .argosmodel file from another machine "
        f"(or from argosopentech.com), then: glose models install FILE"
    )


@dataclass(frozen=True)
class ModelInfo:
    name: str  # Argos package name, e.g. "translate-fr_en"
    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    model_id: str  # cache key of its translations: name@version
    target_prefix: str = ""


@dataclass(frozen=True)
class ArchiveInfo:
    top: str
    metadata: dict
    unpacked_bytes: int

    @property
    def name(self) -> str:
        return _package_name(self.metadata)

    @property
    def version(self) -> str:
        return package_metadata.version_of(self.metadata)


@dataclass(frozen=True)
class InstallOutcome:
    model: ModelInfo
    action: str  # "installed" | "upgraded" | "unchanged"
    replaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class AvailableModel:
    name: str
    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    sha256: str | None
    size_bytes: int | None


# -- locations ------------------------------------------------------------------------


def _settings():
    # Imported late: importing it creates Argos's folders under the home directory.
    from argostranslate import settings

    return settings


def default_packages_dir() -> Path:
    """Argos's package directory, read at call time (env, then settings.json, then default)."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    s = _settings()
    return Path(s.get_setting("ARGOS_PACKAGES_DIR", default=s.data_dir / "packages")).expanduser()


def packages_dir_or_default(packages_dir: Path | None) -> Path:
    return Path(packages_dir) if packages_dir is not None else default_packages_dir()


def index_file(packages_dir: Path | None = None) -> Path:
    """The local copy of the remote index: beside the package dir, where Argos keeps it."""
    return packages_dir_or_default(packages_dir).parent / "index.json"


def _staging_root(packages: Path) -> Path:
    return packages.parent / STAGING_DIRNAME


def _downloads_dir(packages: Path) -> Path:
    return packages.parent / "glose-downloads"


# -- installed packages ---------------------------------------------------------------


def _package_name(metadata: dict) -> str:
    kind = metadata.get("type") or "translate"
    return f"{kind}-{metadata.get('from_code')}_{metadata.get('to_code')}"


def _tree_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def _model_info(path: Path) -> ModelInfo | None:
    from argostranslate.package import Package

    try:
        pkg = Package(path)
    except (OSError, ValueError):
        return None  # not a package (or unreadable metadata): not ours to judge
    if (pkg.type or "translate") != "translate" or not pkg.from_code or not pkg.to_code:
        return None
    version = str(pkg.package_version or "0")
    name = f"translate-{pkg.from_code}_{pkg.to_code}"
    return ModelInfo(
        name=name,
        from_code=pkg.from_code,
        to_code=pkg.to_code,
        version=version,
        path=path,
        size_bytes=_tree_size(path),
        model_id=f"{name}@{version}",
        target_prefix=pkg.target_prefix or "",
    )


def _version_key(version: str):
    try:
        return (1, packaging.version.parse(version))
    except packaging.version.InvalidVersion:
        return (0, version)


def installed_models(packages_dir: Path | None = None) -> list[ModelInfo]:
    """Installed translation packages, by pair then newest version first."""
    root = packages_dir_or_default(packages_dir)
    if not root.is_dir():
        return []
    found = []
    for child in sorted(root.iterdir()):
        if child.is_dir() and not child.name.startswith("."):
            info = _model_info(child)
            if info is not None:
                found.append(info)
    found.sort(key=lambda m: _version_key(m.version), reverse=True)
    found.sort(key=lambda m: (m.from_code, m.to_code))  # stable: newest first within a pair
    return found


def find_model(from_code: str = "fr", to_code: str = "en", packages_dir: Path | None = None) -> ModelInfo | None:
    """The newest installed model for a pair, or None."""
    matches = [m for m in installed_models(packages_dir) if m.from_code == from_code and m.to_code == to_code]
    if not matches:
        return None
    return max(matches, key=lambda m: _version_key(m.version))


def require_model(from_code: str = "fr", to_code: str = "en", packages_dir: Path | None = None) -> ModelInfo:
    model = find_model(from_code, to_code, packages_dir)
    if model is None:
        raise NoModelError(from_code, to_code)
    return model


# -- archive validation ---------------------------------------------------------------


def _reject(path: Path, why: str) -> ModelError:
    return ModelError(f"{path}: not a usable Argos model package: {why}")


def validate_archive(path: Path, *, max_unpacked: int | None = None) -> ArchiveInfo:
    """Check a .argosmodel file without extracting it; raise ModelError saying what is wrong."""
    path = Path(path)
    max_unpacked = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    if not path.is_file():
        raise ModelError(f"{path}: file not found")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _reject(path, f"not a zip archive, or a truncated one ({exc}); copy the file again") from exc
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    with zf:
        infos = zf.infolist()
        if not infos:
            raise _reject(path, "the archive is empty")
        if len(infos) > MAX_ENTRIES:
            raise _reject(path, f"too many entries ({len(infos)})")
        tops: set[str] = set()
        total = 0
        names: set[str] = set()
        for info in infos:
            name = info.filename
            if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
                raise _reject(path, f"absolute or non-portable path in the archive: {name!r}")
            parts = PurePosixPath(name).parts
            if not parts or any(p in ("..", ".") for p in parts):
                raise _reject(path, f"path escapes the package folder: {name!r}")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise _reject(path, f"symbolic link in the archive: {name!r}")
            kind = stat.S_IFMT(mode)  # 0 when the zip tool stored no file type
            if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                raise _reject(path, f"special file in the archive: {name!r}")
            if info.flag_bits & 0x1:
                raise _reject(path, f"encrypted entry: {name!r}")
            if len(parts) == 1 and not info.is_dir():
                raise _reject(path, f"file outside the package folder: {package_metadata.shown(name)!r}")
            tops.add(parts[0])
            total += info.file_size
            if total > max_unpacked:
                raise _reject(
                    path, f"it would unpack to more than {max_unpacked // 1024**2} MB (zip bomb?)"
                )
            names.add(PurePosixPath(*parts).as_posix())
        if len(tops) != 1:
            raise _reject(path, f"expected one top folder, found {len(tops)}: {package_metadata.shown(', '.join(sorted(tops)[:5]))}")
        top = tops.pop()
        if f"{top}/metadata.json" not in names:
            raise _reject(path, f"{top}/metadata.json is missing")
        try:
            metadata = package_metadata.parse(zf.read(f"{top}/metadata.json"))
            package_metadata.check(metadata, top)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise _reject(path, f"{top}/metadata.json cannot be read ({exc}); copy the file again") from exc
        except ValueError as exc:
            raise _reject(path, str(exc)) from exc
        if (metadata.get("type") or "translate") != "translate":
            raise _reject(path, f"a {package_metadata.shown(metadata.get('type'))!r} package, not a translation model")
        if f"{top}/model/model.bin" not in names:
            raise _reject(path, f"{top}/model/model.bin (the CTranslate2 model) is missing")
        if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
            raise _reject(path, "no tokenizer (sentencepiece.model or bpe.model)")
    return ArchiveInfo(top=top, metadata=metadata, unpacked_bytes=total)


def _extract(path: Path, info: ArchiveInfo, dest: Path) -> Path:
    """Extract into `dest` (checked names only; CRCs verified while reading)."""
    with zipfile.ZipFile(path) as zf:
        for entry in zf.infolist():
            target = dest.joinpath(*PurePosixPath(entry.filename).parts)
            if entry.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(entry) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    return dest / info.top


def _check_unpacked(root: Path, archive: Path) -> None:
    import ctranslate2

    if not ctranslate2.contains_model(str(root / "model")):
        raise _reject(archive, "model/ does not hold a CTranslate2 model")
    try:
        # Loading is the only real proof; it takes about a second for a full-size model.
        ctranslate2.Translator(str(root / "model"), device="cpu", intra_threads=1)
    except (RuntimeError, ValueError, OSError) as exc:
        raise _reject(archive, f"model/ is not a loadable CTranslate2 model ({exc})") from exc
    sp = root / "sentencepiece.model"
    if sp.exists():
        import sentencepiece as spm

        try:
            spm.SentencePieceProcessor(model_file=str(sp))
        except (RuntimeError, OSError) as exc:
            raise _reject(archive, f"sentencepiece.model cannot be loaded ({exc})") from exc


# -- install / remove -----------------------------------------------------------------


def _package_lock():
    from argostranslate.package import package_lock

    return package_lock  # shared with Argos's own install/uninstall in this process


def _forget_argos_cache() -> None:
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def _clean_staging(packages: Path) -> None:
    """Finish what a killed install left: restore a set-aside package, drop the rest."""
    staging = _staging_root(packages)
    if not staging.is_dir():
        return
    for job in staging.iterdir():
        for old in sorted(job.glob("old-*")):
            original = packages / old.name[len("old-") :]
            marker = job / "committed"
            if not original.exists() and not marker.exists():
                try:
                    old.rename(original)
                except OSError:
                    pass
        shutil.rmtree(job, ignore_errors=True)


def install_model(path: Path, packages_dir: Path | None = None) -> InstallOutcome:
    """Validate and install a .argosmodel; same version again is a no-op, newer replaces older."""
    path = Path(path)
    packages = packages_dir_or_default(packages_dir)
    info = validate_archive(path)
    with _package_lock():
        packages.mkdir(parents=True, exist_ok=True)
        _clean_staging(packages)
        same_pair = [
            m
            for m in installed_models(packages)
            if m.from_code == info.metadata["from_code"] and m.to_code == info.metadata["to_code"]
        ]
        for m in same_pair:
            if m.version == info.version:
                return InstallOutcome(m, "unchanged")
        newer = [m for m in same_pair if _version_key(m.version) > _version_key(info.version)]
        if newer:
            raise ModelError(
                f"{path}: version {info.version} is older than the installed {newer[0].name} "
                f"{newer[0].version}; remove that one first (glose models remove {newer[0].name}) to downgrade"
            )
        target = packages / info.top
        if target.exists() and target not in {m.path for m in same_pair}:
            raise ModelError(f"{target} already exists and is not an older {info.name}; move it away first")
        free = shutil.disk_usage(packages).free
        if free < info.unpacked_bytes + 50 * 1024**2:
            raise ModelError(
                f"{path}: not enough disk space in {packages} "
                f"({info.unpacked_bytes // 1024**2} MB needed, {free // 1024**2} MB free)"
            )
        job = _staging_root(packages) / uuid.uuid4().hex
        job.mkdir(parents=True)
        try:
            try:
                root = _extract(path, info, job / "new")
            except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error) as exc:
                raise _reject(path, f"damaged archive ({exc}); copy the file again") from exc
            except OSError as exc:
                raise ModelError(f"{path}: could not unpack into {job} ({exc.strerror or exc})") from exc
            _check_unpacked(root, path)
            # Set the older versions aside, move the new one in, then drop the old ones.
            for m in same_pair:
                m.path.rename(job / f"old-{m.path.name}")
            try:
                root.rename(target)
            except OSError:
                for m in same_pair:
                    (job / f"old-{m.path.name}").rename(m.path)
                raise
            (job / "committed").touch()
        finally:
            shutil.rmtree(job, ignore_errors=True)
        _forget_argos_cache()
    model = _model_info(target)
    if model is None:  # cannot happen after validation, but never report a ghost install
        raise _reject(path, "installed folder is not readable as an Argos package")
    return InstallOutcome(model, "upgraded" if same_pair else "installed", tuple(m.version for m in same_pair))


def install_model_file(path: Path, packages_dir: Path | None = None) -> ModelInfo:
    return install_model(path, packages_dir).model


def remove_model(name: str, packages_dir: Path | None = None) -> list[ModelInfo]:
    """Remove the installed package(s) called `name` (e.g. translate-fr_en, its folder, or name@version)."""
    packages = packages_dir_or_default(packages_dir)
    models = installed_models(packages)
    chosen = [m for m in models if name in (m.name, m.path.name, m.model_id)]
    if not chosen:
        known = ", ".join(m.model_id for m in models) or "none"
        raise ModelError(f"no installed model called {name!r} (installed: {known})")
    with _package_lock():
        job = _staging_root(packages) / uuid.uuid4().hex
        job.mkdir(parents=True)
        (job / "committed").touch()  # what is set aside here is meant to go
        try:
            for m in chosen:
                m.path.rename(job / f"old-{m.path.name}")
        finally:
            shutil.rmtree(job, ignore_errors=True)
        _forget_argos_cache()
    return chosen


# -- the remote index and downloads ---------------------------------------------------


def _index_url(index_url: str | None) -> str:
    base = index_url or os.environ.get("ARGOS_PACKAGE_INDEX") or _settings().get_setting(
        "ARGOS_PACKAGE_INDEX", default=DEFAULT_INDEX
    )
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def network_reason(exc: BaseException) -> str:
    """Why a download failed, in words (not "<urlopen error [Errno -2] ...>")."""
    import socket
    import ssl

    reason = exc.reason if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError) else exc
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered {exc.code} {exc.reason}"
    if isinstance(reason, socket.gaierror):
        return "no network connection (the server's name could not be looked up)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer from the server (timed out)"
    if isinstance(reason, ssl.SSLError):
        return "a secure connection could not be made"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason)


def unreachable_message(url: str, exc: BaseException) -> str:
    return (
        f"could not reach the model index ({network_reason(exc)}). Without a network, install a model "
        f"from a file: copy a .argosmodel file from another machine, then Install from file… "
        f"(glose models install FILE)"
    )


def _open(url: str, headers: dict[str, str] | None = None, timeout: float = 30.0):
    req = urllib.request.Request(url, headers={"User-Agent": "Glose (ArgosTranslate)", **(headers or {})})
    return urllib.request.urlopen(req, timeout=timeout)


def refresh_index(packages_dir: Path | None = None, index_url: str | None = None) -> list[AvailableModel]:
    """Fetch the remote index (an explicit user action) and keep it as the local copy."""
    url = _index_url(index_url)
    try:
        with _open(url) as resp:
            data = resp.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ModelError(unreachable_message(url, exc)) from exc
    try:
        parsed = safe_json.loads(data.decode("utf-8"), 16)
        if not isinstance(parsed, list):
            raise ValueError("it is not a JSON list")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"the model index {url} is not a model index ({exc}); try again later") from exc
    local = index_file(packages_dir)
    local.parent.mkdir(parents=True, exist_ok=True)
    tmp = local.with_name(local.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(local)
    return _parse_index(parsed)


def _parse_index(entries: list) -> list[AvailableModel]:
    """The index's translation models; an entry whose codes or version are not what they
    should be is left out (it would name files and be printed)."""
    out = []
    for e in entries:
        if not isinstance(e, dict) or (e.get("type") or "translate") != "translate":
            continue
        try:
            package_metadata.check(e, _package_name(e))
            version = package_metadata.version_of(e)
        except ValueError:
            continue
        checksum = e.get("sha256") or e.get("checksum")
        if isinstance(checksum, str) and checksum.startswith("sha256:"):
            checksum = checksum[len("sha256:") :]
        size = e.get("size") or e.get("size_bytes")
        links = e.get("links", [])
        out.append(
            AvailableModel(
                name=_package_name(e),
                from_code=e["from_code"],
                to_code=e["to_code"],
                version=version,
                links=tuple(x for x in links if isinstance(x, str)) if isinstance(links, list) else (),
                sha256=checksum.lower() if isinstance(checksum, str) else None,
                size_bytes=int(size) if isinstance(size, (int, float)) and 0 < size < 2**50 else None,
            )
        )
    return out


def available_models(packages_dir: Path | None = None) -> list[AvailableModel]:
    """Models of the last fetched index; never touches the network (empty if never fetched)."""
    local = index_file(packages_dir)
    try:
        parsed = safe_json.loads(local.read_text(encoding="utf-8"), 16)
    except (OSError, ValueError):
        return []
    return _parse_index(parsed) if isinstance(parsed, list) else []


def _fetch(url: str, part: Path, progress: Progress | None, label: str) -> None:
    """Download `url` into `part`, resuming what a previous attempt left there."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        resp = _open(url, headers, timeout=60.0)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing left to fetch
            return
        raise
    with resp:
        if have and resp.status != 206:
            have = 0  # the server ignored the range: start again
        length = resp.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else 0
        with open(part, "ab" if have else "wb") as out:
            done = have
            while chunk := resp.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total or done, label)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download_model(
    from_code: str,
    to_code: str,
    progress: Progress | None = None,
    packages_dir: Path | None = None,
    index_url: str | None = None,
) -> InstallOutcome:
    """Refresh the index, download the newest pair (resuming a partial file), verify, install."""
    packages = packages_dir_or_default(packages_dir)
    candidates = [m for m in refresh_index(packages, index_url) if m.from_code == from_code and m.to_code == to_code]
    if not candidates:
        raise ModelError(f"the model index has no {from_code}→{to_code} translation model")
    best = max(candidates, key=lambda m: _version_key(m.version))
    installed = find_model(from_code, to_code, packages)
    if installed is not None and _version_key(installed.version) >= _version_key(best.version):
        return InstallOutcome(installed, "unchanged")
    if not best.links:
        raise ModelError(f"the model index gives no download link for {best.name} {best.version}")
    downloads = _downloads_dir(packages)
    downloads.mkdir(parents=True, exist_ok=True)
    part = downloads / f"{best.name}-{best.version}.argosmodel.part"
    label = f"{best.name} {best.version}"
    errors = []
    for url in best.links:
        try:
            _fetch(url, part, progress, label)
            break
        except (urllib.error.URLError, OSError) as exc:
            errors.append(f"{url}: {network_reason(exc)}")
    else:
        raise ModelError(
            f"download of {label} failed ({'; '.join(errors)}); run the same command again to resume"
        )
    if best.sha256 and _sha256(part) != best.sha256:
        part.unlink(missing_ok=True)
        raise ModelError(f"download of {label} is corrupt (checksum mismatch); it was deleted, try again")
    done = part.with_suffix("")  # .argosmodel
    part.replace(done)
    try:
        return install_model(done, packages)
    finally:
        done.unlink(missing_ok=True)
