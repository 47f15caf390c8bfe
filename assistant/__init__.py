"""Retrieval-augmented drafting assistant for Chinese official reports.

The public functions (ingest, search, outline, draft, ask) live in their own modules and are
re-exported lazily by :mod:`assistant.api`, so importing the package stays instant.
"""

__version__ = "0.1.0"
