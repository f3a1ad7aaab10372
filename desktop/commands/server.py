"""CLI: `glose server set|show|check|off`, and the backend `glose translate` uses.

The stored setting is the one Preferences writes (translation-server.json in the data
directory); `glose translate --server URL` uses a server for one run without storing it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop.commands.context import CliContext
from desktop.translation.backend import BackendUnavailable
from desktop.translation.server_config import (
    ConfigError,
    ServerConfig,
    api_key_for,
    load_config,
    read_key_file,
    set_server,
)


def register(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="translate through a shared LibreTranslate server (or not)")
    ssub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    p = ssub.add_parser("set", help="use a LibreTranslate server (the local model stands in when it is unreachable)")
    p.add_argument("url", metavar="URL", help="e.g. http://translate.office.lan:5000")
    key = p.add_mutually_exclusive_group()
    key.add_argument("--api-key-file", metavar="FILE", help="file holding the API key (stored in the system keyring, else a file only you can read)")
    key.add_argument("--no-api-key", action="store_true", help="forget the stored API key")
    p.add_argument("--concurrency", type=int, metavar="N", help="requests in flight at once (default 2)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="longest wait for one reply (default 60)")
    p.add_argument("--suggest", action=argparse.BooleanOptionalAction, default=None, help="send your corrected translations to the server's /suggest (off by default)")
    p.set_defaults(func=cmd_server_set)
    p = ssub.add_parser("show", help="the stored choice (no network)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_server_show)
    p = ssub.add_parser("check", help="ask the server for its languages and limits")
    p.set_defaults(func=cmd_server_check)
    p = ssub.add_parser("off", help="translate with the local model only; nothing is sent anywhere")
    p.set_defaults(func=cmd_server_off)


def add_translate_options(parser: argparse.ArgumentParser) -> None:
    """`glose translate` options choosing the backend for one run."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--server", metavar="URL", help="translate through this LibreTranslate server for this run")
    where.add_argument("--local", action="store_true", help="use the local model even if a server is set")
    parser.add_argument("--api-key-file", metavar="FILE", help="the server's API key, in a file")


def translate_backend(args: argparse.Namespace, ctx: CliContext):
    """The server backend for `glose translate` (the local model standing in), or None when
    no server is set or given: the local model alone. The switch to the local model and
    back is said once each on stderr."""
    from desktop.translation.backends import make_backend, with_url

    config = ServerConfig() if getattr(args, "local", False) else load_config(ctx.data_dir)
    key = read_key_file(args.api_key_file) if getattr(args, "api_key_file", None) else None
    if getattr(args, "server", None):
        config = with_url(config, args.server)
        key = key or ""  # a one-run server: only the key given here
    if key is not None and not config.enabled:
        raise ConfigError("--api-key-file needs a server: give --server URL or set one with `glose server set`")
    if not config.enabled:
        return None
    backend = make_backend(ctx.data_dir, None, config=config, api_key=key, notify=lambda m: print(f"glose: {m}", file=ctx.err))
    backend.check()  # decides which translations count as done (server's, or local ones)
    print(f"translating with {backend.description}", file=ctx.err)
    return backend


def _config_json(ctx: CliContext, config: ServerConfig) -> dict[str, Any]:
    return {
        "backend": "libretranslate" if config.enabled else "local",
        "url": config.url or None,
        "api_key": config.key_store or None,
        "concurrency": config.concurrency,
        "timeout": config.timeout,
        "suggest": config.suggest,
    }


def cmd_server_set(args: argparse.Namespace, ctx: CliContext) -> int:
    old = load_config(ctx.data_dir, damaged_ok=True)
    config = ServerConfig(
        url=args.url,
        concurrency=args.concurrency if args.concurrency is not None else old.concurrency,
        timeout=args.timeout if args.timeout is not None else old.timeout,
        suggest=args.suggest if args.suggest is not None else old.suggest,
        extra=old.extra,
    )
    key = read_key_file(args.api_key_file) if args.api_key_file else ("" if args.no_api_key else None)
    saved = set_server(ctx.data_dir, config, key)
    where = {"keyring": "in the system keyring", "file": "in a file only you can read"}.get(saved.key_store, "none")
    print(f"server: {saved.url} (API key: {where}; {saved.concurrency} requests at once)", file=ctx.out)
    return 0


def cmd_server_show(args: argparse.Namespace, ctx: CliContext) -> int:
    config = load_config(ctx.data_dir)
    if args.json:
        json.dump(_config_json(ctx, config), ctx.out, indent=2)
        ctx.out.write("\n")
    elif not config.enabled:
        print("local model only: nothing is sent anywhere", file=ctx.out)
    else:
        where = {"keyring": "system keyring", "file": "file only you can read"}.get(config.key_store, "none")
        print(f"server: {config.url}\nAPI key: {where}\nrequests at once: {config.concurrency}\ntimeout: {config.timeout:g} s\nsuggestions: {'on' if config.suggest else 'off'}", file=ctx.out)
    return 0


def cmd_server_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop.translation.backends import server_backend

    config = load_config(ctx.data_dir)
    if not config.enabled:
        print("glose: no server set (`glose server set URL`)", file=ctx.err)
        return 2
    backend = server_backend(config, api_key_for(ctx.data_dir, config))
    try:
        backend.forget_server()
        info = backend.connect()
        backend.submit(["Bonjour."])()  # the key and the model, for real
    except BackendUnavailable as exc:
        print(f"glose: {exc}", file=ctx.err)
        return 1
    pairs = ", ".join(f"{a}→{b}" for a, b in sorted(info.pairs) if a != b)
    limit = f"{info.char_limit} characters per sentence" if info.char_limit else "no character limit"
    print(f"{config.url}: ok; languages {pairs}; {limit}; suggestions {'accepted' if info.suggestions else 'off'}", file=ctx.out)
    return 0


def cmd_server_off(args: argparse.Namespace, ctx: CliContext) -> int:
    set_server(ctx.data_dir, ServerConfig(), "")
    print("local model only: nothing is sent anywhere", file=ctx.out)
    return 0


def server_models(ctx: CliContext) -> list[dict[str, Any]]:
    """The configured server's language pairs for `glose models list` ([] without a server;
    an unreachable server is said on stderr)."""
    from desktop.translation.backends import server_backend

    config = load_config(ctx.data_dir)
    if not config.enabled:
        return []
    try:
        info = server_backend(config, api_key_for(ctx.data_dir, config)).client.info()
    except BackendUnavailable as exc:
        print(f"glose: {exc}", file=ctx.err)
        return []
    return [{"name": "libretranslate", "from": a, "to": b, "server": config.url} for a, b in sorted(info.pairs) if a != b]


def report_suggestion(ctx: CliContext, doc_id: int, sentence_index: int, text: str) -> None:
    """After a post-edit: send it to the server's /suggest when the user turned that on."""
    from desktop.translation.suggest import send_suggestion, source_sentence, wanted

    if not wanted(ctx.data_dir):
        return
    source = source_sentence(ctx.conn, doc_id, sentence_index)
    outcome = send_suggestion(ctx.data_dir, source or "", text.strip())
    if outcome == "sent":
        print("sent to the translation server as a suggestion", file=ctx.out)
    else:
        print(f"glose: suggestion not sent: {outcome} (your translation is saved)", file=ctx.err)
