"""One list of the level characters of place names (assistant/lang/places.py) for every pattern."""

from __future__ import annotations

import re

import pytest

from assistant.lang.body_model import bodies
from assistant.lang.places import AREA_LEAD, COUNTY_UP_CHARS, LEVEL_CHARS


def test_level_chars_are_the_single_character_levels_of_the_data():
    """Every one-character ending ``bodies.yaml`` gives a level is in the list, and nothing else."""
    single = {ending for ending in bodies().levels if len(ending) == 1}
    assert set(LEVEL_CHARS) == single
    assert set(COUNTY_UP_CHARS) == {c for c in single if bodies().levels[c] != "乡级"}


def test_the_whole_area_of_every_level():
    for word in ("全省", "全州", "全盟", "全市", "全县", "全区", "全旗", "全乡", "全镇", "全街道"):
        assert re.fullmatch(AREA_LEAD, word), word
    assert not re.fullmatch(AREA_LEAD, "全局")


def test_no_pattern_lost_its_counted_repeat_to_an_f_string() -> None:
    """A ``{2,8}`` inside an ``rf"…"`` pattern is a Python expression: the tuple (2, 8) is printed into the
    pattern and the repeat is lost (SYSTEM_SCOPE_RE, when it was built on the place list). Every compiled
    pattern of the package is checked for that footprint."""
    import importlib
    import pkgutil

    import assistant

    bad = []
    for info in pkgutil.walk_packages(assistant.__path__, "assistant."):
        if info.name.startswith("assistant.ui") or info.name.endswith("__main__"):
            continue  # gradio at import (its own tests check it); __main__ runs the CLI
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and re.search(r"\(\d+, \d+\)|\(\d+,\)", value.pattern):
                bad.append(f"{info.name}.{name}")
    assert bad == []


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        # the system an honour is given in is its scope (全省自然资源系统法治建设先进单位)
        (
            "assistant.draft.compose.routing:SYSTEM_SCOPE_RE",
            "全省自然资源系统法治建设先进单位",
            "全省自然资源系统",
        ),
        ("assistant.draft.compose.routing:SYSTEM_SCOPE_RE", "全盟检察系统先进集体", "全盟检察系统"),
        # what stands in a 盟 or a 街道, as in a 县
        ("assistant.draft.compose.phrasing:STANDING_RE", "全盟现行有效规范性文件", "全盟现行有效"),
        ("assistant.draft.compose.phrasing:STANDING_RE", "全街道在册人民调解员", "全街道在册"),
        # another level's rule of law: 依法治旗 as 依法治县
        ("assistant.draft.voice.scan:RULE_OF_LAW_RE", "推进全面依法治旗", "依法治旗"),
        # a level of place the figure goes before (覆盖12个旗)
        ("assistant.draft.compose.label_words:PLACE_LEVEL_RE", "旗", "旗"),
    ],
)
def test_every_level_of_the_place_list_is_read(pattern: str, text: str, found: str) -> None:
    import importlib

    module, name = pattern.split(":")
    m = getattr(importlib.import_module(module), name).search(text)
    assert m is not None and m.group(0) == found
