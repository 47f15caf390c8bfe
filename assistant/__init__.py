"""公文起草助手 — an offline, retrieval-augmented drafting assistant for Chinese official reports.

The library API, by pipeline stage (each name is imported on first use, so ``import assistant``
loads no torch, FAISS or gradio)::

    import assistant
    settings = assistant.load_settings(index_dir="index")
    assistant.ingest([Path("corpus")], settings)
    hits = assistant.search("聘请法律顾问", settings, k=5)
    rows = assistant.read_metrics("my_metrics.csv")
    request = assistant.DraftRequest(genre="述法报告", rows=rows, org="青山县司法局", year=2024)
    draft = assistant.draft_report(request, settings)
    assistant.save_draft(draft, request, Path("述法报告.docx"))   # audits, then exports

The folders are the stages: ``ingest/`` (read, clean, structure, chunk, slots), ``embed/``,
``index/``, ``draft/``, ``llm/``, ``export/``, ``ui/``; ``lang/`` holds the shared language rules.
"""

from __future__ import annotations

from importlib import import_module

#: public name → module that defines it
_EXPORTS: dict[str, str] = {
    # settings
    "Settings": "assistant.settings",
    "load_settings": "assistant.settings",
    # ingestion and the index
    "parse_file": "assistant.ingest.pipeline",
    "ingest": "assistant.index.indexer",
    "remove": "assistant.index.indexer",
    "info": "assistant.index.indexer",
    "IngestReport": "assistant.index.indexer",
    "search": "assistant.index.search",
    # drafting
    "build_outline": "assistant.draft.outline.build",
    "Outline": "assistant.draft.outline.build",
    "DraftRequest": "assistant.draft.report",
    "draft_report": "assistant.draft.report",
    "draft_public": "assistant.export.save",
    "audit_draft": "assistant.draft.report",
    "save_draft": "assistant.export.save",
    "SaveResult": "assistant.export.save",
    "ask": "assistant.draft.chat",
    "ask_stream": "assistant.draft.chat",
    "Answer": "assistant.draft.chat",
    "read_metrics": "assistant.draft.tables.metrics",
    "rows_from_records": "assistant.draft.tables.metrics",
    "MetricRow": "assistant.draft.tables.metrics",
    # the number audit
    "AllowedFacts": "assistant.draft.audit.guard",
    "audit": "assistant.draft.audit.guard",
    "guard_text": "assistant.draft.audit.guard",
    # export
    "export_markdown": "assistant.export",
    "export_docx": "assistant.export",
    # types
    "Slot": "assistant.types",
    "Heading": "assistant.types",
    "Passage": "assistant.types",
    "DocMeta": "assistant.types",
    "Document": "assistant.types",
    "Hit": "assistant.types",
    "Source": "assistant.types",
    "Paragraph": "assistant.types",
    "SectionDraft": "assistant.types",
    "Flag": "assistant.types",
    "Draft": "assistant.types",
    # errors
    "AssistantError": "assistant.errors",
    "BadInputError": "assistant.errors",
    "NotFoundError": "assistant.errors",
    "UnreadableFileError": "assistant.errors",
    "IndexUnavailableError": "assistant.errors",
    "NotIndexedError": "assistant.errors",
    "IndexMismatchError": "assistant.errors",
    "AuditRefusedError": "assistant.errors",
    "LLMUnavailableError": "assistant.errors",
    "EmbedderUnavailableError": "assistant.errors",
}

__all__ = ["__version__", *_EXPORTS]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("assistant")  # written once, in pyproject.toml
    except PackageNotFoundError:  # a bare source tree on PYTHONPATH, never installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    if name == "__version__":
        value: object = _version()
    elif name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    globals()[name] = value  # resolved once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
