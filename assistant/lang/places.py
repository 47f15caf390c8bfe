"""The level characters of Chinese place names: one list for every pattern that reads a place's level.

A pattern that spells its own list forgets a level somewhere (a 旗's head, 旗长, was no head's title
while 县长 and 镇长 were: blind read r47); every pattern of a place's level builds on these. The
single-character endings of ``bodies.yaml`` ``levels`` are the same set (tests/test_places.py).
"""

from __future__ import annotations

#: single characters that end a place's name and fix its level: 省; 市, 州, 盟; 县, 区, 旗; 乡, 镇
LEVEL_CHARS = "省市州盟县区旗乡镇"
#: the same without the township level (a 本级 or a 委 of a 县 and above)
COUNTY_UP_CHARS = "省市州盟县区旗"
#: a place's whole area as a label names it (全省, 全旗, 全街道)
AREA_LEAD = "全(?:街道|[" + LEVEL_CHARS + "])"
