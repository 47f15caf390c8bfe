"""One source per rule: the markers and the numbering are shared by drafter, audit, exporters and UI."""

from __future__ import annotations

from assistant.draft.audit import guard
from assistant.export import MARKER_RE as EXPORT_MARKER_RE
from assistant.lang import markers, numbering
from assistant.ui import render


def test_every_consumer_uses_the_one_marker_pattern():
    assert EXPORT_MARKER_RE is markers.MARKER_RE
    assert guard.MARKER_RE is markers.MARKER_RE
    text = "开展普法宣传【待补充：普法宣传次数】次，全年【待确认】未发生事故，受众5600【待核实】【注】"
    assert markers.MARKER_RE.findall(text) == ["【待补充：普法宣传次数】", "【待确认】", "【待核实】"]
    html = render.mark_placeholders(text)
    assert html.count('<mark class="todo">') == 3  # the page used to miss 【待核实】
    assert "【注】" in html and '<mark class="todo">【注】' not in html


def test_marker_builders_and_labels():
    assert markers.missing("普法宣传次数", "次") == "【待补充：普法宣传次数】次"
    assert markers.missing_label("【待补充：年度】") == "年度"
    assert markers.missing_label("【待补充】") == "待补充"
    assert markers.is_missing("【待补充：年度】") and not markers.is_missing(markers.CONFIRM)
    assert markers.strip_markers("共【待补充：场次】场") == "共场"
    assert markers.split_markers("a【待确认】b") == [("a", False), ("【待确认】", True), ("b", False)]


def test_numbering_levels_split_and_build():
    assert [
        numbering.heading_level(x) for x in ("一、总体情况", "（二）学法", "3.培训", "（4）考核", "2023年")
    ] == [1, 2, 3, 4, 0]
    head, body = numbering.split_heading("（一）以理论学习提升法治意识。带头认真学习。")
    assert (head, body) == ("（一）以理论学习提升法治意识。", "带头认真学习。")
    assert numbering.split_heading("二、存在的问题") == ("二、存在的问题", "")
    assert numbering.numbered(1, 12, "下一步打算") == "十二、下一步打算"
    assert numbering.numbered(2, 3, "学法") == "（三）学法"
    assert numbering.strip_numbering("（三）学法") == "学法"
