"""Gradio's per-session config copy made lazy and its analytics summary off (assistant/ui/overhead.py)."""

from __future__ import annotations

import gradio as gr
from gradio import state_holder

from assistant.ui.overhead import lean_sessions, no_analytics


def test_a_new_session_copies_no_config_and_still_holds_state(monkeypatch):
    cls = state_holder.SessionState  # gradio's own __init__, even when a server of this process patched it
    monkeypatch.setattr(cls, "__init__", getattr(cls, "_gradio_init", cls.__init__))
    with gr.Blocks() as demo:
        box = gr.Textbox("a")
        state = gr.State([1])
        gr.Button().click(lambda x: x, box, box)
    full = state_holder.SessionState(demo)
    assert full.config_values  # gradio's own: every block's config, for deep links
    assert lean_sessions(demo) is True
    lean = state_holder.SessionState(demo)
    assert lean.config_values == {} and set(vars(lean)) == set(vars(full))
    assert lean[state._id] == [1]  # a State's default value, as gradio gives it
    lean[state._id] = [2]
    assert lean[state._id] == [2] and state._id in lean.config_values  # filled per block when changed
    lean._update_value_in_config(box._id, "b")
    assert lean.config_values[box._id]["props"]["value"] == "b"


def test_the_patch_stands_down_when_gradio_changes_the_class(monkeypatch):
    cls = state_holder.SessionState
    original = getattr(cls, "_gradio_init", cls.__init__)

    def changed(self, blocks):  # a release that adds an attribute
        original(self, blocks)
        self.extra = 1

    monkeypatch.setattr(state_holder.SessionState, "__init__", changed)
    with gr.Blocks() as demo:
        gr.Textbox()
    assert lean_sessions(demo) is False
    assert state_holder.SessionState.__init__ is changed


def test_analytics_knobs_are_set_but_an_explicit_value_stays(monkeypatch):
    monkeypatch.delenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", raising=False)
    monkeypatch.setenv("GRADIO_ANALYTICS_MAX_EVENTS", "7")
    no_analytics()
    import os

    assert int(os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"]) >= 10**9
    assert os.environ["GRADIO_ANALYTICS_MAX_EVENTS"] == "7"
