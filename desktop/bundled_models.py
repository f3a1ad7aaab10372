"""Translation models shipped inside the standalone app, installed on first start.

IT departments preparing laptops build the app with `GLOSE_BUNDLE_MODELS=DIR make app`;
build_app.spec copies DIR's `.argosmodel` files into the bundle under `models/`. When the
app starts, `install_bundled_models` installs each one into the Argos package directory,
offline, unless the same or a newer version of that language pair is already there. The
check reads only each archive's zip directory and metadata, so later starts cost a few
milliseconds. Qt-free: the app calls it from a worker, and it is testable on its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop import config
from desktop.translation import packages

BUNDLE_MODELS_DIRNAME = "models"


@dataclass(frozen=True)
class BundledOutcome:
    file: Path
    action: str  # "installed" | "upgraded" | "skipped" | "failed"
    detail: str  # the model (name version), or why it failed


def bundled_models_dir() -> Path | None:
    """`models/` inside the frozen app; None when running from source (nothing is bundled)."""
    if not getattr(sys, "frozen", False):
        return None
    return config.resource_path().parent / BUNDLE_MODELS_DIRNAME


def bundled_model_files(bundle_dir: Path | None = None) -> list[Path]:
    folder = bundle_dir if bundle_dir is not None else bundled_models_dir()
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.argosmodel") if p.is_file())


def install_bundled_models(
    packages_dir: Path | None = None,
    bundle_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> list[BundledOutcome]:
    """Install the bundled models that are not installed yet; never raises for one bad file.

    A model counts as installed when the package directory holds its language pair at the
    same or a newer version: a user who upgraded a model is not downgraded on the next start.
    """
    files = bundled_model_files(bundle_dir)
    if not files:
        return []
    outcomes = []
    for file in files:
        try:
            archive = packages.validate_archive(file)
            pair = (archive.metadata["from_code"], archive.metadata["to_code"])
            have = packages.find_model(*pair, packages_dir=packages_dir)
            if have is not None and packages._version_key(have.version) >= packages._version_key(archive.version):
                outcome = BundledOutcome(file, "skipped", f"{have.name} {have.version} already installed")
            else:
                result = packages.install_model(file, packages_dir)
                outcome = BundledOutcome(file, result.action, f"{result.model.name} {result.model.version}")
        except (packages.ModelError, OSError) as exc:
            outcome = BundledOutcome(file, "failed", str(exc))
        if log is not None and outcome.action != "skipped":
            log(f"bundled model {file.name}: {outcome.action} ({outcome.detail})")
        outcomes.append(outcome)
    return outcomes


def install_at_start() -> list[BundledOutcome]:
    """Called by the standalone app's start-up hook, before any command or the window.

    Does nothing (and costs nothing) unless the bundle holds models; the first start with
    new ones installs them before the app opens, which takes a few seconds per model.
    Problems are reported on stderr and never stop the app: it still runs without them.
    """
    if not bundled_model_files():
        return []

    def log(line: str) -> None:
        if sys.stderr is not None:  # a Windows GUI executable has no stderr
            print(f"Glose: {line}", file=sys.stderr)

    try:
        return install_bundled_models(log=log)
    except Exception as exc:  # never keep the app from starting
        log(f"bundled models could not be installed: {exc}")
        return []
