"""The error family: one base with Chinese messages, mapped to the user in one place per shell."""

from __future__ import annotations

import pytest

from assistant.cli import main
from assistant.errors import (
    AssistantError,
    AuditRefusedError,
    BadInputError,
    IndexMismatchError,
    LLMUnavailableError,
    NotFoundError,
    NotIndexedError,
    user_message,
)


def test_module_errors_share_the_base_and_keep_their_builtin_kind():
    from assistant.draft.report import AuditError
    from assistant.draft.tables.metrics import MetricsError
    from assistant.index import indexer, store
    from assistant.ingest.readers import IngestError
    from assistant.llm.base import LLMError
    from assistant.llm.prompts import PromptError
    from assistant.ui.uploads import UploadError

    assert issubclass(MetricsError, BadInputError) and issubclass(MetricsError, ValueError)
    assert issubclass(AuditError, AuditRefusedError) and issubclass(AuditError, ValueError)
    assert issubclass(store.IndexMismatchError, IndexMismatchError)
    assert issubclass(store.IndexMissingError, NotIndexedError)
    assert issubclass(indexer.DocumentNotFoundError, NotFoundError)
    assert issubclass(LLMError, LLMUnavailableError) and issubclass(LLMError, RuntimeError)
    for cls in (IngestError, PromptError, UploadError, store.IndexLockedError):
        assert issubclass(cls, AssistantError)


def test_a_key_error_reads_as_its_message():
    from assistant.draft.outline.genres import get_genre

    with pytest.raises(KeyError) as info:
        get_genre("不存在的文种")
    assert isinstance(info.value, NotFoundError)
    assert str(info.value).startswith("未知的文种“不存在的文种”")
    assert user_message(info.value) == str(info.value)


def test_user_message_covers_file_errors_and_leaves_bugs_alone(tmp_path):
    missing = tmp_path / "无此文件.csv"
    try:
        missing.read_text()
    except OSError as err:
        assert user_message(err) == f"文件不存在：{missing}"
    assert user_message(ZeroDivisionError("x")) is None


def test_cli_prints_the_chinese_message_and_exit_code(tmp_path, capsys):
    assert main(["outline", "--genre", "不存在的文种", "--index", str(tmp_path / "index")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：未知的文种“不存在的文种”") and "'" not in err
    bad = tmp_path / "m.csv"
    bad.write_text("指标,数值,单位\n普法宣传,abc,场\n", encoding="utf-8")
    assert main(["ask", "写一段普法宣传", "--metrics", str(bad), "--index", str(tmp_path / "index")]) == 2
    assert "第" in capsys.readouterr().err
    assert (
        main(
            [
                "draft",
                "--genre",
                "述法报告",
                "--outline",
                str(tmp_path / "无.txt"),
                "--index",
                str(tmp_path / "index"),
            ]
        )
        == 2
    )
    assert "文件不存在" in capsys.readouterr().err
