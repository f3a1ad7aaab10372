"""The CLI with a real server: translate --server, models list, server check."""

from __future__ import annotations

import json

from desktop.cli import main
from tests.lt_server import free_port


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_translate_through_a_server_for_one_run(data_dir, seeds_dir, lt_server, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir / "sous-forum-gestion-migration-lianyungang-2025.txt"))[0] == 0
    code, out, err = run(capsys, *d, "translate", "1", "--server", lt_server.url)
    assert code == 0, err
    assert f"translating with LibreTranslate at 127.0.0.1:{lt_server.port} (fr→en)" in err
    assert " translated, 0 already done" in out
    shown = json.loads(run(capsys, *d, "show", "1", "--json")[1])
    sentences = [s for p in shown["paragraphs"] for s in p["sentences"]]
    assert sentences and all(s["translation"] and s["model"] == f"libretranslate:127.0.0.1:{lt_server.port}/fr-en" for s in sentences)
    assert json.loads(run(capsys, *d, "server", "show", "--json")[1])["backend"] == "local"  # not stored


def test_models_list_shows_the_servers_languages(data_dir, lt_server, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "server", "set", lt_server.url)[0] == 0
    code, out, _ = run(capsys, *d, "models", "list")
    assert code == 0 and any(line.split() == ["libretranslate", "fr→en", "server", lt_server.url] for line in out.splitlines())
    listed = json.loads(run(capsys, *d, "models", "list", "--json")[1])
    assert {(m["from"], m["to"]) for m in listed if m.get("server") == lt_server.url} == {("fr", "en"), ("en", "fr")}
    code, out, _ = run(capsys, *d, "server", "check")
    assert code == 0 and "ok; languages en→fr, fr→en; no character limit; suggestions off" in out


def test_an_unreachable_server_without_a_local_model_is_said_plainly(data_dir, seeds_dir, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir / "sous-forum-gestion-migration-lianyungang-2025.txt"))[0] == 0
    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    code, out, err = run(capsys, *d, "translate", "1", "--server", url)
    assert code == 1 and f"glose: {url}: cannot connect (connection refused); is the server running" in err
    assert "translating with" not in err
    assert run(capsys, *d, "server", "set", url)[0] == 0
    code, out, err = run(capsys, *d, "models", "list")
    assert code == 0 and "cannot connect" in err


def test_post_edits_go_to_suggest_only_when_asked(data_dir, seeds_dir, lt_factory, capsys) -> None:
    import sqlite3

    server = lt_factory("--suggestions").start()
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir / "sous-forum-gestion-migration-lianyungang-2025.txt"))[0] == 0
    assert run(capsys, *d, "server", "set", server.url)[0] == 0
    code, out, _ = run(capsys, *d, "post-edit", "1", "0", "My own title.")
    assert code == 0 and "suggestion" not in out  # off by default: nothing sent
    db = server.home / "work" / "db" / "suggestions.db"
    assert not db.exists() or sqlite3.connect(db).execute("SELECT COUNT(*) FROM suggestions").fetchone()[0] == 0
    assert run(capsys, *d, "server", "set", server.url, "--suggest")[0] == 0
    code, out, err = run(capsys, *d, "post-edit", "1", "0", "  Holding of the Sub-forum.  ")
    assert code == 0 and "sent to the translation server as a suggestion" in out, err
    shown = json.loads(run(capsys, *d, "show", "1", "--json")[1])
    source = shown["paragraphs"][0]["sentences"][0]["text"]
    rows = sqlite3.connect(db).execute("SELECT q, s, source, target FROM suggestions").fetchall()
    assert rows == [(source, "Holding of the Sub-forum.", "fr", "en")]


def test_a_server_without_suggestions_is_said_and_the_post_edit_kept(data_dir, seeds_dir, lt_server, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir / "sous-forum-gestion-migration-lianyungang-2025.txt"))[0] == 0
    assert run(capsys, *d, "server", "set", lt_server.url, "--suggest")[0] == 0
    code, out, err = run(capsys, *d, "post-edit", "1", "0", "Mine.")
    assert code == 0 and "does not accept suggestions" in err and "saved your translation" in out
    assert json.loads(run(capsys, *d, "show", "1", "--json")[1])["paragraphs"][0]["sentences"][0]["translation"] == "Mine."


def test_alternatives_come_from_the_server_when_one_is_set(data_dir, seeds_dir, lt_server, capsys) -> None:
    import requests

    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir / "sous-forum-gestion-migration-lianyungang-2025.txt"))[0] == 0
    assert run(capsys, *d, "server", "set", lt_server.url)[0] == 0
    source = json.loads(run(capsys, *d, "show", "1", "--json")[1])["paragraphs"][1]["sentences"][0]
    code, out, err = run(capsys, *d, "alternatives", "1", str(source["index"]), "-n", "3", "--json")
    assert code == 0, err
    r = requests.post(lt_server.url + "/translate", json={"q": source["text"], "source": "fr", "target": "en", "alternatives": 2}, timeout=60).json()
    assert json.loads(out) == list(dict.fromkeys([r["translatedText"], *r["alternatives"]]))[:3]
