"""The command line, end to end: inspect, search, info, remove, ask — real index, real embedder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import CORPUS, seed_file

from assistant.cli import main


def test_help_is_instant_and_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0
    for command in ("inspect", "ingest", "search", "remove", "info", "outline", "draft", "ask", "serve"):
        assert command in out.stdout
    probe = "import sys, assistant.cli; print('torch' in sys.modules, 'gradio' in sys.modules)"
    mods = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert mods.stdout.split() == ["False", "False"]


def test_inspect_json_contract(capsys):
    assert main(["inspect", str(seed_file("001")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"title", "headings", "passages", "genre", "genre_confidence"}
    assert data["title"] == "党员干部2023年度述法报告"
    assert [h["level"] for h in data["headings"]].count(1) == 3
    assert [h["level"] for h in data["headings"]].count(2) == 13
    slot = data["passages"][1]["slots"][0]
    assert set(slot) == {"label", "value", "unit", "masked"}
    values = [(s["value"], s["unit"]) for p in data["passages"] for s in p["slots"] if s["unit"]]
    assert ("180", "场次") in values and ("1000", "名") in values


def test_inspect_reports_a_broken_file(tmp_path, capsys):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert main(["inspect", str(bad), "--json"]) == 2
    assert "坏文件.docx" in capsys.readouterr().err


def test_search_json_contract(sample_settings, capsys):
    assert (
        main(
            [
                "search",
                "聘请法律顾问 合法性审查",
                "--k",
                "5",
                "--json",
                "--index",
                str(sample_settings.index_dir),
            ]
        )
        == 0
    )
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 5
    assert all(set(h) == {"text", "doc", "section", "score", "title"} for h in hits)
    assert "法律顾问" in hits[0]["text"]
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_ingest_remove_info_cycle(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for prefix in ("001", "004"):
        shutil.copy(seed_file(prefix), corpus)
    (corpus / "损坏.pdf").write_bytes(b"%PDF-1.4 broken")
    index = tmp_path / "index"
    assert main(["ingest", str(corpus), "--index", str(index)]) == 0
    out = capsys.readouterr()
    assert "损坏.pdf" in out.out + out.err
    assert main(["info", "--index", str(index), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert sorted(d["doc_id"] for d in info["documents"])[0].startswith("001")
    assert main(["remove", "004", "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["info", "--index", str(index), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [d["doc_id"][:3] for d in info["documents"]] == ["001"]
    assert CORPUS.is_dir()


def test_ask_json_contract(sample_settings, capsys):
    code = main(
        [
            "ask",
            "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
            "--year",
            "2024",
            "--index",
            str(sample_settings.index_dir),
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert {"answer", "citations", "flags"} <= set(data)
    assert "23场" in data["answer"] and "5600人次" in data["answer"]
    assert all({"doc", "section", "text"} <= set(c) for c in data["citations"])
