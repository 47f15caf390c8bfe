"""One list of the level characters of place names (assistant/lang/places.py) for every pattern."""

from __future__ import annotations

import re

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
