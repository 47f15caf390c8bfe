"""Gradio's per-request bookkeeping that this server does not use, made cheap (issue 21).

**Sessions without a copy of every component's config** (deep links are off). Gradio's ``SessionState.__init__`` renders the config of every block of the app into
``config_values``, so that ``/gradio_api/deep_link`` can rebuild the page of a session. Our gate
refuses deep links (:mod:`assistant.ui.gate`), yet every new session still pays for the copy: each
API call through ``/gradio_api/call/*`` is a session of its own, and on this app the copy was about
70 % of the server's CPU for a short ``/ask`` (py-spy; issue 21: another user's search slowed by a
hostile client's stream of requests). :func:`lean_sessions` makes the copy lazy: gradio itself
fills ``config_values`` per block when a value changes (``_update_value_in_config``), which is all a
session uses once deep links are off.

The patch checks itself against gradio: a lean session must have the same attributes as one built
by gradio's own ``__init__``; if a release changes the class, the patch is not applied (logged) and
the server runs as gradio made it.

**No analytics summary.** After every event gradio's queue rebuilds a pandas summary of the last
10,000 events (``compute_analytics_summary``) for its monitoring page, which this server launches
off; the cost grows with the events recorded. :func:`no_analytics` sets gradio's own knobs
(``GRADIO_ANALYTICS_CACHE_FREQUENCY``, ``GRADIO_ANALYTICS_MAX_EVENTS``) so it is never rebuilt and
few events are kept; an explicit value in the environment is left alone.
"""

from __future__ import annotations

import copy
import logging
import os
from typing import Any

log = logging.getLogger("assistant.overhead")

_ATTRS = {"blocks_config", "config_values", "state_data", "_state_ttl", "is_closed", "STATE_TTL_WHEN_CLOSED"}


def _lean_init(self: Any, blocks: Any) -> None:
    self.blocks_config = copy.copy(blocks.default_config)
    self.config_values = {}  # filled per block by gradio when a value changes
    self.state_data = {}
    self._state_ttl = {}
    self.is_closed = False
    self.STATE_TTL_WHEN_CLOSED = 1 if os.getenv("GRADIO_IS_E2E_TEST", None) else 3600


def no_analytics() -> None:
    """Before the queue is made: gradio's analytics summary never rebuilt, 100 events kept."""
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**12))
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "100")


def lean_sessions(blocks: Any) -> bool:
    """Make new sessions of ``blocks`` cheap (see the module docstring); ``True`` when applied."""
    from gradio import state_holder

    cls = state_holder.SessionState
    if getattr(cls.__init__, "_lean", False):
        return True
    try:
        made = cls(blocks)
    except Exception:  # noqa: BLE001  # gradio changed: leave it as it is
        log.warning("gradio's SessionState could not be built here; sessions left as gradio makes them")
        return False
    if set(vars(made)) != _ATTRS:
        log.warning(
            "gradio's SessionState changed (%s); sessions left as gradio makes them", sorted(vars(made))
        )
        return False
    _lean_init._lean = True  # type: ignore[attr-defined]
    cls._gradio_init = cls.__init__  # type: ignore[attr-defined]  # gradio's own, for tests
    cls.__init__ = _lean_init  # type: ignore[method-assign]
    return True
