"""Generated metrics tables for the property test of the value parser (tests/test_values_property.py)
and bench/bench_values.py: every unit class, magnitudes 0..10^9, decimals, approximations, zeros,
with and without 上年数值, labels with digits and punctuation, for several bodies and the three genres.

Plain data generation with Hypothesis strategies; it uses only the public table API
(``rows_from_records``), so the bench can run it against an older checkout too.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

BODIES: tuple[str, ...] = (
    "青山镇党委",  # 乡镇党委
    "青山县人民政府",  # 县政府
    "临江市司法局",  # 市局
    "城关街道办事处",  # 街道
    "青山县人民法院",  # 法院
)
GENRES: tuple[str, ...] = ("述法报告", "法治政府建设年度报告", "工作总结")

# (unit, label) pairs of every unit class; the label suits the unit.
UNIT_LABELS: dict[str, tuple[str, ...]] = {
    "次": ("召开党委会专题研究法治建设", "开展警示教育", "组织旁听庭审"),
    "场次": ("开展普法宣传活动", "举办法治讲座", "开展送法下乡"),
    "人": ("培育法律明白人", "聘请法律顾问", "参加学法考试人员"),
    "人次": ("普法宣传覆盖群众", "法治培训参训", "接待来访群众"),
    "件": ("办理行政复议案件", "调解矛盾纠纷", "审查规范性文件"),
    "个": ("建成法治示范村", "设立公共法律服务站", "法治建设考核覆盖单位"),
    "万元": ("罚没款", "执行到位金额", "法律援助经费"),
    "亿元": ("执行到位金额", "涉案标的额", "挽回经济损失"),
    "元": ("法律援助补贴", "普法经费", "人民调解员补贴"),
    "%": ("行政机关负责人出庭应诉率", "矛盾纠纷调解成功率", "法律顾问覆盖率"),
    "‰": ("行政诉讼败诉率", "案件发回改判率", "信访事项办结差错率"),
    "小时": ("领导干部年度学法", "法治培训时长", "网上学法学时"),
    # units the unit table does not list, with and without 万 (blind read r13: 5.6 万辆次 was refused)
    "万人次": ("全省法治培训", "普法宣传覆盖群众", "网上学法参学"),
    "万辆次": ("治超检测车辆", "道路运输车辆检查", "交通违法查处"),
    "批次": ("食品安全抽检", "产品质量监督抽查", "农产品检测"),
    "台": ("特种设备定期检验", "执法记录仪配备", "电梯安全检查"),
    "千元": ("普法经费", "法律援助补贴", "人民调解员补贴"),
}
# Labels a clerk writes with digits and punctuation of their own (the digits are the user's words).
ODD_LABELS: tuple[str, ...] = (
    "纳入市政府“14+N”重点工作周交办月讲评机制的事项",
    "落实“1+3+N”普法责任清单",
    "办理12345热线转办法律咨询",
    "二十条措施（试行）落实事项",
    "“八五”普法中期检查问题整改",
    "开展“3·15”消费维权宣传",
    "“4·22”地球日、“6·25”全国土地日普法宣传活动",
    "《法治政府建设实施纲要（2021—2025年）》任务",
)
RATE_UNITS = ("%", "‰")


def writes(org: str, genre: str) -> bool:
    """Whether the body writes the genre (a court writes no 法治政府建设年度报告: genres.yaml ``not_for``)."""
    from assistant.draft.outline.genres import get_genre
    from assistant.lang.bodies import detect_body
    from assistant.lang.body_outline import writer_refusal

    return writer_refusal(get_genre(genre), detect_body(org)) is None


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@st.composite
def values(draw: st.DrawFn, unit: str) -> tuple[str, str | None]:
    """A (数值, 上年数值) pair written the way users write them, for ``unit`` (万元/亿元 carry their
    magnitude in the unit, so their values never add a 万 of their own)."""
    if unit in RATE_UNITS:
        this = Decimal(draw(st.integers(0, 1000))) / 10
        last = Decimal(draw(st.integers(0, 1000))) / 10
        style = draw(st.sampled_from(["plain", "plain", "sign", "approx"]))
        sign = unit if style == "sign" else ""
        pre = "约" if style == "approx" else ""
        raw_last = draw(st.sampled_from([None, _plain(last), _plain(last) + sign]))
        return f"{pre}{_plain(this)}{sign}", raw_last
    scale = draw(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
    this = draw(st.integers(0, 10**scale))
    last = draw(st.integers(0, 10**scale))
    style = draw(
        st.sampled_from(
            ["int", "int", "decimal", "wan", "comma", "approx_yu", "approx_duo", "approx_yue", "cn"]
        )
    )
    if style == "decimal":
        places = draw(st.integers(1, 2))
        t, la = Decimal(this) / 10**places, Decimal(last) / 10**places
        return _plain(t), draw(st.sampled_from([None, _plain(la)]))
    if style == "wan" and this >= 10000 and not unit.startswith(("万", "亿")):
        t, la = Decimal(this // 1000) / 10, Decimal(last // 1000) / 10
        return f"{_plain(t)}万", draw(st.sampled_from([None, _plain(la), f"{_plain(la)}万", str(last)]))
    if style == "comma" and this >= 1000:
        return f"{this:,}", draw(st.sampled_from([None, f"{last:,}", str(last)]))
    if style == "approx_yu" and this >= 10:
        return f"{this // 10 * 10}余", draw(st.sampled_from([None, str(last), f"{last // 10 * 10}余"]))
    if style == "approx_duo" and this >= 10:
        return f"{this // 10 * 10}多", draw(st.sampled_from([None, str(last)]))
    if style == "approx_yue":
        return f"约{this}", draw(st.sampled_from([None, str(last), f"约{last}"]))
    if style == "cn" and this < 10**8:
        import cn2an

        return cn2an.an2cn(this, "low"), draw(st.sampled_from([None, str(last)]))
    return str(this), draw(st.sampled_from([None, str(last), "0"]))


#: labels of a part of the row before it
PART_LABELS = ("其中：网上办理", "其中线上参与", "其中涉企事项")


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    """One record of the metrics table (指标/数值/单位/上年数值)."""
    unit = draw(st.sampled_from(sorted(UNIT_LABELS)))
    odd = draw(st.integers(0, 9)) == 0
    label = draw(st.sampled_from(ODD_LABELS if odd else UNIT_LABELS[unit]))
    value, last = draw(values(unit))
    where = draw(st.sampled_from(["unit_column", "unit_column", "in_value"]))
    record = {"指标": label, "数值": value, "单位": unit}
    spelled = unit.startswith("千") and not value[-1:].isdigit()  # 六十九千元 is no numeral a user writes
    if where == "in_value" and not value.endswith(unit) and unit not in RATE_UNITS and not spelled:
        record = {"指标": label, "数值": value + unit, "单位": ""}
    if last is not None:
        record["上年数值"] = last
    return record


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str, list[dict[str, str]]]:
    """(organisation, genre, records): a table of 1–6 rows with distinct labels."""
    org = draw(st.sampled_from(BODIES))
    genre = draw(st.sampled_from(GENRES))
    if not writes(org, genre):  # the same draws as before; a genre the body does not write → 工作总结
        genre = "工作总结"
    records = draw(st.lists(rows(), min_size=1, max_size=6, unique_by=lambda r: r["指标"]))
    whole = records[0]
    if draw(st.integers(0, 2)) == 0 and whole["数值"].isdigit() and int(whole["数值"]) >= 4:
        # a part of the first row with a comparison of its own after its whole's (blind read r48: the audit
        # read the part's 同比上升6.7% against its whole and the draft refused itself)
        n = int(whole["数值"]) // 2
        part = {"指标": draw(st.sampled_from(PART_LABELS)), "数值": str(n), "单位": whole["单位"]}
        last = draw(st.sampled_from([None, str(max(n - 3, 1)), str(n + 5)]))
        if last is not None:
            part["上年数值"] = last
        records = [whole, part, *records[1:]]
    return org, genre, records
