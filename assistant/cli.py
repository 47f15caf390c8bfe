"""Command line: ``assistant inspect|ingest|search|remove|info|outline|metrics|draft|alternatives|audit|ask|serve``.

A thin shell over the library's public functions; every command is a few lines. Heavy packages
are imported inside the command that needs them, so ``assistant --help`` stays instant.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.settings import Settings


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _settings(args: argparse.Namespace) -> Settings:
    from assistant.llm.factory import llm_overrides
    from assistant.settings import load_settings

    overrides: dict[str, Any] = {"index_dir": getattr(args, "index", None)}
    overrides.update(
        llm_overrides(
            url=getattr(args, "llm_url", None),
            model=getattr(args, "llm_model", None),
            path=getattr(args, "llm_path", None),
        )
    )
    return load_settings(getattr(args, "config", None), **overrides)


def cmd_inspect(args: argparse.Namespace) -> int:
    from assistant.ingest.pipeline import parse_file

    docs = parse_file(Path(args.file), _settings(args))
    if args.json:
        _print_json(docs[0].to_public() if len(docs) == 1 else [d.to_public() for d in docs])
        return 0
    for doc in docs:
        print(
            f"《{doc.meta.title or doc.title or doc.doc_id}》 标题 {len(doc.headings)} 个，段落 {len(doc.passages)} 段"
            f"  体裁：{_genre_label(doc.meta.genre, doc.meta.genre_confidence)}"
            f"  主体：{doc.meta.body_kind or '未识别'}（{doc.meta.body_level or '层级未识别'}）"
            + (
                f"\n  文字识别（OCR）：{doc.meta.ocr_pages} 页，平均置信度 {doc.meta.ocr_confidence:.2f}，请核对识别结果"
                if doc.meta.ocr
                else ""
            )
        )
        for heading in doc.headings:
            print("  " * (heading.level - 1) + heading.text)
    return 0


def _genre_label(genre: str | None, confidence: float | None) -> str:
    """``述法报告（置信度 0.95）``; ``unknown`` for a document whose genre is not known."""
    genre = genre or "unknown"
    return f"{genre}（置信度 {confidence:.2f}）" if confidence is not None else genre


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.index.indexer import ingest
    from assistant.ingest.classify import normalize_genre

    try:
        genre = normalize_genre(args.genre)
    except ValueError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    report = ingest([Path(p) for p in args.paths], _settings(args), rebuild=args.rebuild, genre=genre)
    print(report.summary())
    return 0 if report.documents or not report.skipped else 1


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.index.search import search

    filters = {"genre": args.genre, "year": args.year, "doc": args.doc, "section": args.section}
    hits = search(args.query, _settings(args), k=args.k, **filters)
    if args.json:
        _print_json([h.to_public() for h in hits])
        return 0
    if not hits:
        print("没有找到相关段落。")
    for rank, hit in enumerate(hits, 1):
        section = " > ".join(hit.passage.section) or "（无标题）"
        print(
            f"[{rank}] {hit.title or hit.passage.doc_id} · {section} · 相关度 {hit.score:.3f}（{hit.passage.doc_id}）"
        )
        print(f"    {hit.passage.text}\n")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from assistant.index.indexer import remove

    removed = remove(args.doc, _settings(args))
    print(f"已从索引中删除“{args.doc}”，共 {removed} 段。")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from assistant.index.indexer import info

    data = info(_settings(args))
    if args.json:
        _print_json(data)
        return 0
    print(
        f"索引：{data.get('index_dir')}  向量模型：{data.get('embedder')}  索引类型：{data.get('index_type')}"
    )
    print(f"文档 {len(data.get('documents', []))} 篇，段落 {data.get('passages', 0)} 段")
    for doc in data.get("documents", []):
        genre = _genre_label(doc.get("genre"), doc.get("genre_confidence"))
        print(
            f"  {doc.get('title') or doc['doc_id']}（{doc['doc_id']}）  {genre}  {doc.get('passages', 0)} 段"
        )
    return 0


def cmd_outline(args: argparse.Namespace) -> int:
    from assistant.draft.outline.build import build_outline
    from assistant.lang.bodies import detect_body

    body = detect_body(args.org, kind=args.body_kind) if (args.org or args.body_kind) else None
    outline = build_outline(args.genre, _settings(args), source=args.source, body=body)
    if args.json:
        _print_json(outline.to_public())
    else:
        print(outline.to_text())
    return 0


def _read_rows(path: str | None, allow_blank: bool = False) -> list[Any]:
    """The user's metrics table, or ``[]``; a malformed table raises MetricsError naming the rows."""
    from assistant.draft.tables.metrics import read_metrics

    rows = read_metrics(Path(path), allow_blank=allow_blank) if path else []
    for row in rows:
        if row.warning:
            print(f"提示：{Path(path).name}：{row.warning}", file=sys.stderr)
    return rows


def cmd_metrics(args: argparse.Namespace) -> int:
    from assistant.draft.base.reader import metrics_table, read_base, write_table

    records = metrics_table(read_base(args.file, _settings(args)))
    if args.output:
        write_table(records, args.output)
    if args.json:
        _print_json(records)
    elif args.output:
        print(f"已生成指标表：{args.output}（{len(records)} 行；请在“数值”列填写今年的数据）")
    else:
        for rec in records:
            print(f"{rec['指标']}\t{rec['上年数值']}{rec['单位']}\t{rec['章节']}")
    return 0


def _draft_base(args: argparse.Namespace, settings: Settings) -> tuple[Any, Any]:
    """``draft --base``: the draft from last year's report and the allowed facts for its audit."""
    from assistant.draft.base.redraft import draft_report_from_base

    rows = _read_rows(args.metrics, allow_blank=True)
    return draft_report_from_base(
        args.base,
        rows,
        settings,
        genre=args.genre,
        org=args.org,
        place=args.place,
        year=args.year,
        compare=not args.no_compare,
    )


def _read_outline(path: str, settings: Settings) -> list[str] | None:
    """The user's own outline file, bounded (size, headings, heading length) before it is read."""
    from assistant.errors import BadInputError
    from assistant.inputs import clean_outline

    file = Path(path)
    cap = settings.max_outline_lines * (settings.max_line_chars + 8) * 4 + 1000
    if file.is_file() and file.stat().st_size > cap:
        raise BadInputError(
            f"提纲文件 {file.name} 过大（{file.stat().st_size} 字节）：至多 {settings.max_outline_lines} 个标题"
            "（设置项 max_outline_lines）"
        )
    return clean_outline(file.read_text(encoding="utf-8", errors="replace"), settings)


def cmd_draft(args: argparse.Namespace) -> int:
    from assistant.draft.report import DraftRequest, draft_report, ensure_audited
    from assistant.export.save import draft_public, save_draft
    from assistant.lang.bodies import unknown_body_hint

    settings = _settings(args)
    allowed = None
    if args.base:
        draft, allowed = _draft_base(args, settings)
        request = DraftRequest(
            genre=draft.genre,
            org=args.org,
            year=draft.year,
            place=args.place,
            body_kind=args.body_kind,
            level=args.level,
            superiors=args.superiors,
        )
    else:
        if not args.genre:
            from assistant.errors import BadInputError

            raise BadInputError("请用 --genre 指定文种（或用 --base 给出往年报告）")
        rows = _read_rows(args.metrics, allow_blank=True)
        if args.no_compare or not settings.compare_last_year:
            rows = [replace(r, last=None) for r in rows]
        outline = _read_outline(args.outline, settings) if args.outline else None
        request = DraftRequest(
            genre=args.genre,
            rows=rows,
            org=args.org,
            year=args.year,
            place=args.place,
            outline=outline,
            body_kind=args.body_kind,
            level=args.level,
            superiors=args.superiors,
            post=args.post,
            person=args.person,
        )
        draft = draft_report(request, settings, polish=settings.llm_backend != "none")
    if (hint := unknown_body_hint(request.body() if request.org else None)) and not args.json:
        print(f"提示：{hint}", file=sys.stderr)
    if args.output:
        result = save_draft(
            draft, request, Path(args.output), allowed, appendix=args.appendix, refuse_voice=not args.base
        )
    else:
        ensure_audited(draft, allowed or request.allowed())  # audited while drafting: not again
        result = None
    if args.json:
        _print_json(result.to_public() if result else draft_public(draft))
    elif result is None:
        print(draft_public(draft)["markdown"])
    else:
        print(f"已生成：{args.output}")
        if draft.missing:
            print(f"待补充数据 {len(draft.missing)} 项：" + "；".join(draft.missing))
        if draft.unused:
            print(f"未使用的数据 {len(draft.unused)} 项：" + "；".join(draft.unused))
    if draft.voice and not args.json:
        print(
            f"口吻核查：{len(draft.voice)} 处不是本单位的表述（导出时将拒绝）："
            + "；".join(f"{f.reason}：{f.text}" for f in draft.voice),
            file=sys.stderr,
        )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.draft.chat import ask

    answer = ask(
        args.message,
        _settings(args),
        rows=_read_rows(args.metrics, allow_blank=True),
        org=args.org,
        year=args.year,
    )
    if args.json:
        _print_json(answer.to_public())
        return 0
    print(answer.answer)
    if answer.citations:
        print("\n来源：")
        for i, cite in enumerate(answer.citations, 1):
            print(f"  [{i}] {cite.label()}")
    for flag in answer.flags:
        print(f"  ⚠ {flag.reason}：{flag.text}")
    return 0


def _request(args: argparse.Namespace, genre: str | None) -> Any:
    """The DraftRequest of ``alternatives``/``audit``: the user's figures, body and year."""
    from assistant.draft.report import DraftRequest

    return DraftRequest(
        genre=genre or "",
        rows=_read_rows(args.metrics, allow_blank=True),
        org=args.org,
        year=args.year,
        place=args.place,
        body_kind=args.body_kind,
        level=args.level,
    )


def cmd_alternatives(args: argparse.Namespace) -> int:
    from assistant.draft.alternatives import alternatives

    versions = alternatives(_request(args, args.genre), args.section, _settings(args), k=args.k)
    if args.json:
        _print_json([v.to_public() for v in versions])
        return 0
    if not versions:
        print(f"语料中没有可用于“{args.section}”的往年写法。")
    for n, v in enumerate(versions, 1):
        print(f"【第{n}版】{v.source_title} · {v.source_section}")
        print(v.text)
        for f in v.flags:
            print(f"  ⚠ {f.reason}：{f.text}")
        print()
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from assistant.draft.checks import check_text, read_edited

    request = _request(args, None)
    settings = _settings(args)
    flags = check_text(
        read_edited(args.file, settings),
        request.rows,
        org=request.org,
        year=request.year,
        place=request.place,
        body=request.body() if (request.org or request.body_kind) else None,
    )
    if args.json:
        _print_json({"flags": [f.to_public() for f in flags]})
    elif not flags:
        print(f"核查通过：{Path(args.file).name} 中的数字、地名和口吻均可追溯到您提供的数据。")
    else:
        print(f"核查发现 {len(flags)} 处问题：")
        for f in flags:
            print(f"  ⚠ {f.reason}：{f.text}")
    return 1 if flags else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.ui.app import serve

    serve(_settings(args), host=args.host, port=args.port, auth=args.auth)
    return 0


class _VersionAction(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        import assistant

        print(f"assistant {assistant.__version__}")
        parser.exit()


#: argparse's own words in Chinese (usage, help, errors); see :func:`chinese_argparse`.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


@contextlib.contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside this block (its messages go through ``argparse._``)."""
    old, old_n = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def zh(text: str) -> str:
        return ARGPARSE_ZH.get(text, old(text))

    def zh_n(single: str, plural: str, n: int) -> str:
        return ARGPARSE_ZH.get(single if n == 1 else plural, old_n(single, plural, n))

    argparse._, argparse.ngettext = zh, zh_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old, old_n  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """The ``assistant`` argument parser (its own words in Chinese)."""
    with chinese_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="公文起草助手：检索往年报告、起草述法报告/法治政府建设年度报告/工作总结。",
    )
    parser.add_argument("--config", type=Path, help="配置文件（TOML），默认 ./assistant.toml")
    parser.add_argument("--version", action=_VersionAction, help="显示版本号")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Any, help_text: str, index: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if index:
            p.add_argument("--index", type=Path, help="索引目录（默认 index/）")
        return p

    def add_llm(p: argparse.ArgumentParser) -> None:
        p.add_argument("--llm-url", help="OpenAI 兼容服务地址，如 http://127.0.0.1:8000/v1")
        p.add_argument("--llm-model", help="该服务上的模型名")
        p.add_argument("--llm-path", type=Path, help="本地 transformers 模型目录")

    p = add("inspect", cmd_inspect, "解析一个文件，显示标题结构、段落和指标槽位", index=False)
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("ingest", cmd_ingest, "把报告文件或目录加入索引（增量）")
    p.add_argument(
        "paths",
        nargs="+",
        help="文件或目录：.docx .doc .wps .pdf .ofd .txt .md .csv .jsonl；扫描件（.pdf/.ofd 中无文字的页、"
        ".png .jpg .tif）自动文字识别",
    )
    p.add_argument("--rebuild", action="store_true", help="丢弃现有索引，全部重建")
    p.add_argument(
        "--genre",
        help="为本次导入的全部文档指定体裁（如 述法报告、工作总结、政府工作报告），以后重新导入时保留",
    )

    p = add("search", cmd_search, "按语义和字面检索往年报告中的表述")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10, help="返回条数")
    p.add_argument("--genre", help="文种过滤")
    p.add_argument("--year", type=int, help="年份过滤")
    p.add_argument("--doc", help="文档过滤")
    p.add_argument("--section", help="章节过滤，如 存在问题")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("remove", cmd_remove, "从索引中删除一篇文档")
    p.add_argument("doc")

    p = add("info", cmd_info, "显示索引概况")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("outline", cmd_outline, "显示某文种的提纲（官方结构 + 语料归纳）")
    p.add_argument("--genre", required=True, help="述法报告 / 法治政府建设年度报告 / 工作总结")
    p.add_argument("--source", default="merged", help="official | corpus | merged | <文档id>")
    p.add_argument("--org", help="单位名称：按单位类别给出提纲（如 县司法局 的述法报告用部门的履职要点）")
    p.add_argument("--body-kind", help="单位类别：党委/人民政府/政府部门/党委部门/乡镇/街道/法院/检察院")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("metrics", cmd_metrics, "从往年报告生成指标表：每个指标一行，上年数值已填，数值留空待填")
    p.add_argument("file", help="往年报告（.txt/.md/.docx/.pdf …）")
    p.add_argument("-o", "--output", help="输出指标表（.csv 或 .xlsx）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("draft", cmd_draft, "起草整篇报告，导出 .md 或 .docx")
    p.add_argument("--genre", help="文种（用 --base 时可省略，取底稿的文种）")
    p.add_argument("--base", help="以往年本单位的报告为底稿（保留结构和表述，数字换成今年的）")
    p.add_argument("--no-compare", action="store_true", help="不写与上年的比较（较上年增加…）")
    p.add_argument(
        "--metrics", help="指标表：CSV / XLSX / YAML / JSON（列：指标、数值、单位，可选 上年数值）"
    )
    p.add_argument("--org", help="单位名称")
    p.add_argument("--place", help="地名（如 某某县）")
    p.add_argument("--year", type=int, help="报告年度")
    p.add_argument("--outline", help="自拟提纲文件：每行一个标题（一、…／（一）…）；省略时用官方提纲")
    p.add_argument(
        "--body-kind",
        help="单位类别（默认从 --org 识别）：党委/人民政府/政府部门/党委部门/乡镇/街道/法院/检察院",
    )
    p.add_argument("--level", help="层级（默认从 --org 识别）：乡级/县级/设区的市/省")
    p.add_argument("--superiors", help="上级机关，如“市委、市政府”（默认按类别和层级）")
    p.add_argument("--post", help="报告人职务（述法报告落款），如 镇党委书记")
    p.add_argument("--person", help="报告人姓名（述法报告落款）")
    p.add_argument("-o", "--output", help="输出文件（.md 或 .docx）；省略时在屏幕上显示 Markdown")
    p.add_argument(
        "--appendix",
        action="store_true",
        help="在 .docx 正文后附上待补充数据清单、未使用的数据和材料来源（默认只含报告正文和批注）",
    )
    p.add_argument("--json", action="store_true", help="同时输出 JSON")
    add_llm(p)

    p = add("ask", cmd_ask, "对话式起草：用一句话说明要写什么，附上数字")
    p.add_argument("message")
    p.add_argument("--metrics", help="指标表（可选）")
    p.add_argument("--org", help="单位名称")
    p.add_argument("--year", type=int, help="报告年度")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_llm(p)

    def add_user(p: argparse.ArgumentParser) -> None:
        p.add_argument("--metrics", help="指标表：CSV / XLSX / YAML / JSON（列：指标、数值、单位）")
        p.add_argument("--org", help="单位名称（用于口吻核查和地名核对）")
        p.add_argument("--place", help="地名（如 某某县）")
        p.add_argument("--year", type=int, help="报告年度")
        p.add_argument("--body-kind", help="单位类别（默认从 --org 识别）")
        p.add_argument("--level", help="层级（默认从 --org 识别）：乡级/县级/设区的市/省")
        p.add_argument("--json", action="store_true", help="输出 JSON")

    p = add("alternatives", cmd_alternatives, "某一部分的往年写法：每篇往年报告一版，已填入您的数据")
    p.add_argument("--genre", required=True, help="述法报告 / 法治政府建设年度报告 / 工作总结")
    p.add_argument("--section", required=True, help="提纲中的标题或其中的词，如 普法宣传、存在的问题")
    p.add_argument("--k", type=int, default=5, help="最多几版（默认 5）")
    add_user(p)

    p = add(
        "audit", cmd_audit, "核查手工修改过的文稿（.txt/.md/.docx）：数字、地名和口吻能否追溯", index=False
    )
    p.add_argument("file", help="要核查的文件")
    add_user(p)

    p = add("serve", cmd_serve, "启动网页界面")
    p.add_argument("--host", default=None, help="绑定地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, default=None, help="端口（默认 7860）")
    p.add_argument("--auth", help="登录账号 USER:PASS，或每行一个 USER:PASS 的文件")
    return parser


_TEXT_ARGS = ("message", "query", "org", "place", "post", "person", "superiors")


def _check_inputs(args: argparse.Namespace) -> None:
    """Bound and clean every typed value before a command runs (limits are settings; Chinese refusals)."""
    from assistant.inputs import check_year, clean_field
    from assistant.settings import load_settings

    if not any(getattr(args, name, None) is not None for name in (*_TEXT_ARGS, "year")):
        return
    limits = load_settings(getattr(args, "config", None))
    for name in _TEXT_ARGS:
        value = getattr(args, name, None)
        if value is not None:
            field = "org" if name == "superiors" else name
            text = clean_field(value, field, limits)
            if text is None and name in ("message", "query"):
                from assistant.errors import BadInputError

                raise BadInputError("消息为空：请写明要起草的内容。" if name == "message" else "检索词为空。")
            setattr(args, name, text)
    if getattr(args, "year", None) is not None:
        args.year = check_year(args.year)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``assistant`` console script."""
    parser = build_parser()
    with chinese_argparse():
        args = parser.parse_args(argv)
    try:
        _check_inputs(args)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as err:  # the one place where errors become what the user reads
        from assistant.errors import AssistantError, user_message

        message = user_message(err)
        if message is None:
            raise
        print(f"错误：{message}", file=sys.stderr)
        return err.exit_code if isinstance(err, AssistantError) else 2


if __name__ == "__main__":
    sys.exit(main())
