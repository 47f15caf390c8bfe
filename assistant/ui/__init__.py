"""The Gradio web app (``assistant serve``).

Gradio is imported only inside this package, and only when :mod:`assistant.ui.app` is imported,
so the CLI and the library stay light. Layout: :mod:`.app` (factory and launcher), :mod:`.tabs`
(one builder per tab), :mod:`.api` (named endpoints), :mod:`.service` (plain-value adapters over
the library), :mod:`.render` (escaping and highlighting), :mod:`.uploads` (upload checks),
:mod:`.session` (per-session temp folders), :mod:`.locale` (every UI string).
"""
