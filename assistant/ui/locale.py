"""Every string the web app shows, in one table, Chinese first.

Builders and handlers never hard-code user-facing text: they call :func:`t` with a key. A new
language is a new column (``"en"`` is kept as a translator's reference). Placeholders use
``str.format`` names, e.g. ``t("search_count", n=3)``.
"""

from __future__ import annotations

DEFAULT_LANG = "zh"

LOCALES: dict[str, dict[str, str]] = {
    # app frame
    "app_title": {"zh": "公文起草助手", "en": "Report drafting assistant"},
    "app_intro": {
        "zh": "检索往年报告的规范表述，起草述法报告、法治政府建设年度报告和工作总结。"
        "所有数字只取自您提供的指标，缺少的以【待补充】标出。",
        "en": "Search past reports and draft new ones. Figures come only from your metrics.",
    },
    "auth_message": {"zh": "请输入账号和密码登录公文起草助手。", "en": "Please log in."},
    "all": {"zh": "全部", "en": "All"},
    # the gate (ui/gate.py): logins, sessions, files, streams
    "gate_locked": {
        "zh": "登录失败次数过多，已暂停登录 {minutes} 分钟，请稍后再试；如忘记密码请联系管理员。",
        "en": "Too many failed logins; locked for {minutes} minutes.",
    },
    "gate_session": {
        "zh": "该会话属于另一个登录账号，不能使用；请刷新页面。",
        "en": "This session belongs to another login.",
    },
    "gate_file": {
        "zh": "无权下载该文件：文件只提供给生成或上传它的账号。",
        "en": "This file belongs to another login.",
    },
    "gate_rate": {
        "zh": "请求过于频繁（每个账号每秒上限 {n:g} 次，设置项 max_requests_per_s），请稍后再试。",
        "en": "Too many requests from this login (limit {n:g} a second).",
    },
    "gate_streams": {
        "zh": "同一地址打开的页面过多（上限 {n} 个，设置项 max_heartbeats），请关闭一些页面后再试。",
        "en": "Too many open pages from this address (limit {n}).",
    },
    "gate_body": {
        "zh": "请求内容过大（上限 {kb} KB，设置项 max_request_kb）。",
        "en": "Request too large (limit {kb} KB).",
    },
    "gate_deep_link": {"zh": "本服务不提供会话链接。", "en": "Deep links are off."},
    "corpus_remove_denied": {
        "zh": "无权删除“{doc}”：只有上传它的账号和管理员（账号文件中的 admins = …）可以删除。",
        "en": "Only the uploader of {doc} and the admins may remove it.",
    },
    "corpus_remove_admins": {
        "zh": "无权删除“{doc}”：只有管理员（账号文件中的 admins = …）可以删除语料。",
        "en": "Only the admins may remove {doc}.",
    },
    # tab names
    "tab_chat": {"zh": "对话起草", "en": "Chat drafting"},
    "tab_search": {"zh": "语料检索", "en": "Search"},
    "tab_outline": {"zh": "提纲", "en": "Outline"},
    "tab_draft": {"zh": "整篇起草", "en": "Whole report"},
    "tab_corpus": {"zh": "语料库", "en": "Corpus"},
    # chat
    "chat_label": {"zh": "对话", "en": "Conversation"},
    "chat_placeholder": {
        "zh": "说明要写什么，并附上数字，例如：帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
        "en": "Say what to write and give the figures.",
    },
    "chat_empty": {
        "zh": "可以让我起草或修改一段文字，数字请直接写在消息里或上传指标表。",
        "en": "Ask me to draft a paragraph.",
    },
    "chat_send": {"zh": "发送", "en": "Send"},
    "chat_clear": {"zh": "清空对话", "en": "Clear"},
    "chat_sources": {"zh": "来源（{n} 条，点击展开）", "en": "Sources ({n})"},
    "chat_flags": {"zh": "数字核对提示（{n} 条）", "en": "Number checks ({n})"},
    "chat_no_message": {"zh": "请输入要起草的内容。", "en": "Please type a message."},
    "settings_panel": {"zh": "设置（仅对本次会话有效）", "en": "Settings (this session only)"},
    "llm_backend": {"zh": "大模型", "en": "Language model"},
    "llm_none": {"zh": "不使用大模型", "en": "No LLM"},
    "llm_openai": {"zh": "OpenAI 兼容服务", "en": "OpenAI-compatible server"},
    "llm_transformers": {"zh": "本地模型目录", "en": "Local model folder"},
    "llm_url": {"zh": "服务地址（…/v1）", "en": "Server URL (…/v1)"},
    "llm_model": {"zh": "模型名", "en": "Model name"},
    "llm_path": {"zh": "本地模型目录", "en": "Local model folder"},
    "llm_saved": {"zh": "已保存：{backend}", "en": "Saved: {backend}"},
    "draft_outline": {"zh": "提纲（可修改）", "en": "Outline (editable)"},
    "draft_outline_hint": {
        "zh": "每行一个标题：一、为章，（一）为节；不改则按官方提纲起草",
        "en": "One heading a line: 一、 for sections, （一） for sub-points",
    },
    "started": {
        "zh": "网页已启动：{url}（按 Ctrl+C 退出）",
        "en": "Web app running at {url} (Ctrl+C to quit)",
    },
    "llm_locked": {
        "zh": "本服务为共享服务（有登录或对外开放），大模型设置已由管理员固定，此处修改不会生效"
        "（管理员可在配置中设置 ui_llm_editable = true 放开）。",
        "en": "Shared server: the LLM setting is locked by the operator; changes are ignored.",
    },
    "llm_need_url": {"zh": "请填写服务地址和模型名。", "en": "URL and model name are required."},
    "llm_need_path": {"zh": "请填写本地模型目录。", "en": "A model folder is required."},
    "llm_bad": {"zh": "设置无效：{error}", "en": "Invalid settings: {error}"},
    "org": {"zh": "单位", "en": "Organisation"},
    "year": {"zh": "年度", "en": "Year"},
    "year_placeholder": {"zh": "如 2024", "en": "e.g. 2024"},
    "place": {"zh": "地名", "en": "Place"},
    "genre": {"zh": "文种", "en": "Genre"},
    "metrics_upload": {"zh": "指标表（CSV / XLSX / YAML / JSON，可选）", "en": "Metrics file (optional)"},
    "metrics_loaded": {"zh": "已读入指标 {n} 行。", "en": "{n} metric rows loaded."},
    "metrics_cleared": {"zh": "未使用指标表。", "en": "No metrics file."},
    "metrics_error": {"zh": "指标表有误：{error}", "en": "Metrics error: {error}"},
    # search
    "search_query": {"zh": "检索内容", "en": "Query"},
    "search_placeholder": {"zh": "例如：聘请法律顾问", "en": "e.g. legal adviser"},
    "search_button": {"zh": "检索", "en": "Search"},
    "search_k": {"zh": "返回条数", "en": "Results"},
    "search_year": {"zh": "年份（留空为全部）", "en": "Year (blank = all)"},
    "search_doc": {"zh": "文档", "en": "Document"},
    "search_section": {"zh": "章节（如 存在问题）", "en": "Section"},
    "search_filters": {"zh": "筛选", "en": "Filters"},
    "search_count": {"zh": "找到 {n} 段相关表述。", "en": "{n} passages found."},
    "search_none": {"zh": "没有找到相关段落，请换个说法或放宽筛选。", "en": "Nothing found."},
    "search_empty": {"zh": "请输入检索内容。", "en": "Please type a query."},
    "copy": {"zh": "复制", "en": "Copy"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "score": {"zh": "相关度", "en": "Score"},
    "no_section": {"zh": "（无标题）", "en": "(no heading)"},
    # outline
    "outline_source": {"zh": "提纲来源", "en": "Source"},
    "outline_merged": {"zh": "官方结构 + 语料归纳", "en": "Official + corpus"},
    "outline_official": {"zh": "官方结构", "en": "Official"},
    "outline_corpus": {"zh": "语料归纳", "en": "Corpus"},
    "outline_button": {"zh": "生成提纲", "en": "Build outline"},
    "outline_table": {"zh": "提纲（可直接修改）", "en": "Outline (editable)"},
    "outline_text": {"zh": "提纲文本（可修改后下载）", "en": "Outline text (editable)"},
    "outline_download": {"zh": "下载提纲", "en": "Download outline"},
    "outline_picks": {
        "zh": "勾选要写入“我的提纲”的章节和语料要点（〔n/m〕为同文种报告中有此部分的篇数）",
        "en": "Pick sections and corpus points for my outline",
    },
    "outline_mine": {"zh": "我的提纲（可修改）", "en": "My outline (editable)"},
    "outline_to_draft": {"zh": "用我的提纲起草", "en": "Draft from my outline"},
    "outline_learned_mark": {"zh": "语料", "en": "corpus"},
    "col_level": {"zh": "层级", "en": "Level"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_coverage": {"zh": "往年报告覆盖", "en": "Covered by"},
    "col_examples": {"zh": "往年写法示例", "en": "Examples"},
    "col_key": {"zh": "章节标识", "en": "Key"},
    "coverage_fmt": {"zh": "{n}/{total} 篇", "en": "{n}/{total}"},
    "versions_section": {"zh": "对照章节", "en": "Section to compare"},
    "versions_button": {"zh": "对照往年写法", "en": "Compare past versions"},
    "versions_none": {"zh": "往年报告中没有找到这一章节。", "en": "No past versions found."},
    "versions_pick": {"zh": "请先生成提纲并选择章节。", "en": "Build the outline and pick a section."},
    # draft
    "draft_metrics": {"zh": "指标表（可直接编辑，或上传 CSV / XLSX）", "en": "Metrics (edit or upload)"},
    "draft_upload": {"zh": "上传指标表", "en": "Upload metrics"},
    "draft_button": {"zh": "生成", "en": "Generate"},
    "draft_output": {"zh": "草稿", "en": "Draft"},
    "draft_missing": {"zh": "待补充的数据", "en": "Missing figures"},
    "draft_unused": {"zh": "未使用的数据（草稿中没有写入的指标）", "en": "Rows the draft does not state"},
    "draft_files": {"zh": "下载（.docx / .md）", "en": "Downloads"},
    "draft_review": {"zh": "核对清单（点击跳到草稿中的位置）", "en": "Review list (click to jump)"},
    "draft_appendix": {
        "zh": "Word 文件附上待补充数据清单、未使用的数据和材料来源",
        "en": "Appendix in the .docx",
    },
    "draft_none": {"zh": "无", "en": "None"},
    "draft_audit_failed": {"zh": "数字核对未通过，未生成下载文件：{error}", "en": "Audit failed: {error}"},
    "draft_hint": {"zh": "填写单位、年度和指标后点击“生成”。", "en": "Fill in and click Generate."},
    "draft_bad_year": {"zh": "年度应为四位数字，如 2024。", "en": "Year must be like 2024."},
    "col_metric": {"zh": "指标", "en": "Metric"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_note": {"zh": "备注", "en": "Note"},
    "col_section": {"zh": "章节", "en": "Section"},
    "col_last": {"zh": "上年数值", "en": "Last year"},
    "draft_base_upload": {
        "zh": "上传往年本单位报告（作底稿，自动填入指标表）",
        "en": "Last year's report (base)",
    },
    "draft_base_short": {"zh": "上传往年本单位报告（作底稿）", "en": "Last year's report"},
    "draft_base_use": {"zh": "以往年报告为底稿起草", "en": "Draft from last year's report"},
    "draft_compare": {"zh": "写入与上年的比较（较上年增加…）", "en": "Year-over-year comparisons"},
    "draft_grid_xlsx": {"zh": "下载指标表（.xlsx）", "en": "Download table (.xlsx)"},
    "draft_derived": {"zh": "计算得出的数字及公式", "en": "Derived figures and formulas"},
    # workbench (整篇起草)
    "wb_hint": {
        "zh": "生成后每一部分是一个可编辑的段落块：可换一版、对照往年写法并采用、润色；每次修改后自动核查数字和口吻。",
        "en": "After Generate, each section is an editable block.",
    },
    "wb_tab_blocks": {"zh": "逐段修改", "en": "Sections"},
    "wb_tab_preview": {"zh": "全文预览", "en": "Preview"},
    "wb_next": {"zh": "换一版", "en": "Another version"},
    "wb_versions": {"zh": "往年写法", "en": "Past versions"},
    "wb_polish": {"zh": "润色", "en": "Polish"},
    "wb_pick": {"zh": "选择一版", "en": "Pick a version"},
    "wb_use": {"zh": "采用", "en": "Use"},
    "wb_version": {"zh": "第{n}版", "en": "Version {n}"},
    "wb_pick_first": {"zh": "请先点击“往年写法”并选择一版。", "en": "Pick a version first."},
    "wb_clean": {"zh": "✓ 核查通过：数字和口吻均可追溯", "en": "Audit passed"},
    "wb_flags": {"zh": "核查发现 {n} 处问题（导出时将拒绝）：", "en": "{n} findings (export refused):"},
    "wb_sources": {"zh": "来源：{items}", "en": "Sources: {items}"},
    "wb_no_sources": {"zh": "来源：本段为您的数据或文种规范写法", "en": "Sources: your own figures"},
    "wb_export": {"zh": "导出 .docx / .md", "en": "Export"},
    "wb_save": {"zh": "保存草稿", "en": "Save draft"},
    "wb_open": {"zh": "打开草稿", "en": "Open draft"},
    "wb_saved": {"zh": "草稿文件（下次用“打开草稿”继续）", "en": "Draft file"},
    "wb_saved_note": {"zh": "已保存草稿：请下载草稿文件，下次点击“打开草稿”继续修改。", "en": "Draft saved."},
    "wb_opened": {"zh": "已打开草稿（{n} 个段落块），核查已重新运行。", "en": "Draft opened ({n} blocks)."},
    "wb_exported": {"zh": "✓ 已按当前段落导出，核查通过。", "en": "Exported."},
    "wb_refused": {"zh": "核查未通过，未导出：{error}", "en": "Audit failed, not exported: {error}"},
    "wb_nothing": {"zh": "请先点击“生成”或“打开草稿”。", "en": "Generate or open a draft first."},
    "wb_no_llm": {"zh": "未配置大模型，无法润色（可在“对话起草”页设置）。", "en": "No LLM configured."},
    "wb_polish_items": {"zh": "问题和打算条目不做润色，请直接修改。", "en": "Items are not polished."},
    "wb_appendix": {"zh": "附录：待补充数据、未使用的数据、计算公式", "en": "Appendices"},
    # corpus
    "corpus_upload": {
        "zh": "上传往年报告（.docx .doc .wps .pdf .ofd .txt .md .csv .jsonl；扫描件 .pdf .png .jpg .tif 自动文字识别）",
        "en": "Upload reports",
    },
    "corpus_add": {"zh": "加入语料库并索引", "en": "Add and index"},
    "corpus_docs": {"zh": "已索引的文档", "en": "Indexed documents"},
    "corpus_remove_pick": {"zh": "要删除的文档", "en": "Document to remove"},
    "corpus_remove": {"zh": "从索引中删除", "en": "Remove"},
    "corpus_reindex": {"zh": "重建索引", "en": "Rebuild index"},
    "corpus_refresh": {"zh": "刷新", "en": "Refresh"},
    "corpus_summary": {
        "zh": "索引：{docs} 篇文档，{passages} 段；向量模型 {embedder}；索引类型 {index_type}",
        "en": "{docs} documents, {passages} passages; {embedder}; {index_type}",
    },
    "corpus_empty": {
        "zh": "索引为空或尚未建立。请上传报告后点击“加入语料库并索引”。",
        "en": "The index is empty.",
    },
    "corpus_no_files": {"zh": "请先选择要上传的文件。", "en": "Choose files first."},
    "corpus_removed": {"zh": "已从索引中删除“{doc}”，共 {n} 段。", "en": "Removed {doc} ({n} passages)."},
    "corpus_pick_doc": {"zh": "请选择要删除的文档。", "en": "Pick a document."},
    "corpus_rejected": {"zh": "未接受：{name}：{reason}", "en": "Rejected: {name}: {reason}"},
    "corpus_saved": {"zh": "已保存到语料库：{names}", "en": "Saved: {names}"},
    "col_doc_id": {"zh": "文件", "en": "File"},
    "col_doc_title": {"zh": "标题", "en": "Title"},
    "col_doc_genre": {"zh": "体裁（可修改）", "en": "Genre (editable)"},
    "col_doc_confidence": {"zh": "置信度", "en": "Confidence"},
    "corpus_save_genres": {"zh": "保存体裁", "en": "Save genres"},
    "corpus_genres_saved": {
        "zh": "已保存 {n} 篇文档的体裁（未重新向量化）：{docs}",
        "en": "Saved the genre of {n} documents: {docs}",
    },
    "corpus_genres_same": {"zh": "体裁没有变化。", "en": "No genre changed."},
    "col_passages": {"zh": "段落数", "en": "Passages"},
    "progress_ingest": {"zh": "正在解析并建立索引…", "en": "Indexing…"},
    # uploads
    "upload_bad_type": {
        "zh": "不支持的文件类型“{ext}”，只接受：{allowed}",
        "en": "Unsupported type {ext}; allowed: {allowed}",
    },
    "upload_too_big": {
        "zh": "文件“{name}”有 {size:.1f} MB，超过上限 {limit:.1f} MB。",
        "en": "{name} is {size:.1f} MB, over the {limit:.1f} MB limit.",
    },
    "upload_limit": {
        "zh": "文件过大：上限 {limit} MB，请拆分或压缩后再上传",
        "en": "File too large: the limit is {limit} MB; split or compress it",
    },
    "upload_empty": {"zh": "文件“{name}”是空的。", "en": "{name} is empty."},
    "upload_missing": {"zh": "上传的文件不存在，请重新上传。", "en": "Upload missing; try again."},
    # indexing in the child process (ui/ingest_child.py)
    # heavy requests in the worker pool (ui/workers.py)
    "heavy_failed": {"zh": "{what}未完成：{reason}", "en": "{what} failed: {reason}"},
    "heavy_died": {
        "zh": "{what}中断：后台进程意外退出（{cause}），请重试。",
        "en": "{what} was interrupted: the worker exited ({cause}); please retry.",
    },
    "heavy_timeout": {
        "zh": "{what}超时：超过 {seconds} 秒（设置项 heavy_timeout），已停止。",
        "en": "{what} took over {seconds} s and was stopped.",
    },
    "heavy_memory": {
        "zh": "{what}占用内存超过 {mb} MB（设置项 heavy_memory_mb），已停止。",
        "en": "{what} used over {mb} MB and was stopped.",
    },
    "heavy_queue_full": {
        "zh": "您已有 {n} 个请求在处理或排队（设置项 heavy_queue），请等前面的完成后再提交{what}。",
        "en": "You already have {n} requests running or waiting; wait before sending {what}.",
    },
    "heavy_what_ask": {"zh": "对话起草", "en": "Chat answer"},
    "heavy_what_draft": {"zh": "整篇起草", "en": "Drafting"},
    "heavy_what_export": {"zh": "导出", "en": "Export"},
    "heavy_what_alternatives": {"zh": "往年写法", "en": "Alternatives"},
    "heavy_what_polish": {"zh": "润色", "en": "Polishing"},
    "ingest_what_upload": {"zh": "索引“{names}”", "en": "Indexing {names}"},
    "ingest_what_rebuild": {"zh": "重建索引", "en": "Rebuilding the index"},
    "ingest_failed": {
        "zh": "{what}失败：{reason}。语料库和索引均未改动。",
        "en": "{what} failed: {reason}. Corpus and index unchanged.",
    },
    "ingest_died": {
        "zh": "{what}时后台进程意外退出（{cause}）。语料库和索引均未改动，请稍后重试；文件很大时请拆分后再上传。",
        "en": "{what}: the background process died ({cause}). Corpus and index unchanged.",
    },
    "ingest_cause_killed": {"zh": "进程被系统终止，多为内存不足", "en": "killed, usually out of memory"},
    "ingest_cause_signal": {"zh": "信号 {sig}", "en": "signal {sig}"},
    "ingest_cause_code": {"zh": "退出码 {code}", "en": "exit code {code}"},
    "ingest_cause_unknown": {"zh": "原因不明", "en": "unknown cause"},
    "ingest_unexpected": {"zh": "意外错误（{error}）", "en": "unexpected error ({error})"},
    # errors
    "error_title": {"zh": "出错了", "en": "Error"},
    "warning_title": {"zh": "提示", "en": "Warning"},
    "info_title": {"zh": "提示", "en": "Info"},
    "wb_refused_title": {"zh": "核查未通过，未导出", "en": "Audit failed"},
    "error_generic": {"zh": "出错了：{error}", "en": "Error: {error}"},
    "error_not_ready": {"zh": "该功能所需的模块尚未就绪：{error}", "en": "Feature not available: {error}"},
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The UI string ``key`` in ``lang`` (falling back to Chinese), formatted with ``values``.

    Args:
        key: a key of :data:`LOCALES`.
        lang: ``"zh"`` (default) or ``"en"``.
        **values: ``str.format`` placeholders of the string.

    Returns:
        The text to show.

    Raises:
        KeyError: when ``key`` is not in the table (a programming error, caught by the tests).
    """
    entry = LOCALES[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text
