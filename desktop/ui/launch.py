"""Starting the desktop app: `glose` with no command, or the `glose-app` GUI script."""

from __future__ import annotations

import os
import sys


def run_app(data_dir: str | None = None, self_test: bool = False, argv: list[str] | None = None) -> int:
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if data_dir is None and not os.environ.get("GLOSE_DATA_DIR"):
            # The self-test imports, highlights and exports: never in the user's own library
            # unless they name one.
            import tempfile

            data_dir = tempfile.mkdtemp(prefix="glose-selftest-")
            print(f"self-test library: {data_dir}")
    from desktop import config
    from desktop.library.db import DatabaseError
    from desktop.ui.app import build_context, create_qapplication, start_window
    from desktop.ui.i18n import install_translators

    problem = _no_display()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = create_qapplication(argv)
    try:
        ctx = build_context(config.data_dir(data_dir))
    except (DatabaseError, OSError) as exc:
        from PySide6.QtWidgets import QMessageBox

        print(f"glose: {exc}", file=sys.stderr)
        if not self_test:
            QMessageBox.critical(None, "Glose", str(exc))
        return 2
    translators = install_translators(app, ctx.settings.ui_language)
    window = start_window(ctx, show=True)
    try:
        if self_test:
            return _self_test(window, ctx)
        return app.exec()
    finally:
        del translators
        ctx.close()


def _no_display() -> str | None:
    """On Linux without any display, Qt aborts the process; say what to do instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "glose: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the app cannot open "
        "its window. The command line works without one: `glose --help`. To run the app without a "
        "screen, set QT_QPA_PLATFORM=offscreen."
    )


def _self_test(window, ctx) -> int:
    try:
        from desktop.ui import selftest
    except ModuleNotFoundError as exc:
        if exc.name != "desktop.ui.selftest":
            raise
        ok = ctx.tasks.wait_idle(60_000)
        print(f"window shown: {window.isVisible()}; background work finished: {ok}")
        return 0 if ok and window.isVisible() else 1
    return int(selftest.run(window, ctx))


def main() -> int:
    return run_app()


if __name__ == "__main__":
    raise SystemExit(main())
