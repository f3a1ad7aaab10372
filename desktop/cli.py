"""The `glose` command line. No Qt is imported unless the app itself is started.

Each group of subcommands lives in a module of `desktop.commands` with a
`register(subparsers)` function; its handlers take `(args, ctx)` and return an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from desktop import __version__, config
from desktop.commands.context import CliContext
from desktop.library.db import DatabaseError, explain

COMMAND_MODULES = (
    "desktop.commands.library",
    "desktop.commands.translation",
    "desktop.commands.search",
    "desktop.commands.annotations",
    "desktop.commands.server",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glose",
        description="Glose: read French documents side by side with an offline English translation.",
        epilog="Run `glose` with no command to start the app.",
    )
    parser.add_argument("--version", action="version", version=f"Glose {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="library folder (default: $GLOSE_DATA_DIR or the user data folder)")
    parser.add_argument("--self-test", action="store_true", help="start the app offscreen, check it works, exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not a module still to be written
                raise
            continue
        module.register(sub)
    return parser


def _command_args(argv: list[str]) -> list[str]:
    """argv with the command's own fix applied (a module's `fix_argv`, e.g. search's -word)."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] == "--data-dir" else 1  # the global options before the command
    if i >= len(argv):
        return argv
    for name in COMMAND_MODULES:
        module = sys.modules.get(name)
        fix = getattr(module, "fix_argv", None)
        if fix is not None and argv[i] == name.rsplit(".", 1)[1]:
            return argv[: i + 1] + fix(argv[i + 1 :])
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_command_args(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        from desktop.ui.launch import run_app  # the only path that imports Qt

        return run_app(data_dir=args.data_dir, self_test=args.self_test)
    ctx = CliContext(data_dir_override=args.data_dir, out=sys.stdout, err=sys.stderr)
    try:
        return int(args.func(args, ctx) or 0)
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a message.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except DatabaseError as exc:
        print(f"glose: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        # A database that breaks mid-command (damaged page, full disk, read-only folder).
        print(f"glose: {explain(config.db_path(ctx.data_dir), exc)}", file=sys.stderr)
        return 2
    except (LookupError, ValueError, OSError) as exc:
        # User-caused problems: one clear line, no stack trace.
        message = exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)
        if isinstance(exc, OSError) and exc.filename and exc.strerror:
            message = f"{exc.filename}: {exc.strerror}"
        print(f"glose: {message}", file=sys.stderr)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
