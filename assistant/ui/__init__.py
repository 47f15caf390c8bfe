"""The Gradio web app (``assistant serve``).

Gradio is imported only inside this package, and only when :mod:`assistant.ui.app` is imported,
so the CLI and the library stay light. Layout: :mod:`.app` (factory and launcher), :mod:`.tabs`
(one builder per tab), :mod:`.api` (named endpoints), :mod:`.service` (plain-value adapters over
the library), :mod:`.render` (escaping and highlighting), :mod:`.uploads` (upload checks),
:mod:`.ingest_child` (the server's index writes in a low-priority child process),
:mod:`.upload_limit` (gradio's over-size refusals in Chinese), :mod:`.session` (per-session temp folders), :mod:`.locale` (every UI string).
"""
