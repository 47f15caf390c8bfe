"""Generated bodies and tables for the drafting matrix (issue 18): every body kind × level of
``assistant/data/bodies.yaml`` with names built from pools of place stems (not the samples'
names), and tables of 6–10 rows drawn from a vocabulary of common labels, last year's value on
about half of them. Deterministic for a seed.

Used by ``bench/bench_matrix.py`` and ``tests/test_matrix_lints.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

GENRES = ("述法报告", "法治政府建设年度报告", "工作总结")

#: Place stems (two characters, none of them a sample report's place).
STEMS = (
    "青岚 松川 白溪 临泽 云塘 石屏 安平 桐江 柳岸 金沙 清河 凤栖 长汀 兰溪 梅岭 芦湾 月湖 翠屏 东篱 南浦 "
    "西畴 北屿 鹤鸣 龙泉 桃源 杏坛 竹溪 荷塘 枫林 银滩 双桥 三溪 望江 远山 平湖 明溪 德安 永和 广宁 泰来 "
    "华阳 昌平 宁远 嘉禾 庆丰 瑞安 和顺 景泰 丰乐 宜阳"
).split()
#: Departments by level: (suffix after the place).
GOV_DEPTS = (
    "司法局",
    "市场监督管理局",
    "生态环境局",
    "审计局",
    "教育局",
    "自然资源和规划局",
    "应急管理局",
    "城市管理局",
    "卫生健康委员会",
    "民政局",
)
GOV_DEPTS_PROVINCE = ("司法厅", "生态环境厅", "审计厅", "教育厅", "民政厅")
PARTY_DEPTS = ("组织部", "宣传部", "统战部", "全面依法治{c}委员会办公室")
POSTS = {
    "党委": "党委书记",
    "人民政府": "县长",
    "乡镇": "党委书记",
    "街道": "党工委书记",
    "政府部门": "局长",
    "党委部门": "部长",
    "法院": "院长",
    "检察院": "检察长",
    "人民法庭": "庭长",
}

#: (label, unit, low, high, decimals) — the labels a clerk writes in a year's table.
LABELS: tuple[tuple[str, str, float, float, int], ...] = (
    ("普法宣传活动", "场次", 12, 240, 0),
    ("普法宣传覆盖群众", "人次", 1500, 90000, 0),
    ("发放普法宣传资料", "份", 800, 30000, 0),
    ("法律明白人", "名", 20, 600, 0),
    ("12345热线工单办结", "件", 300, 40000, 0),
    ("罚没款", "万元", 3, 3000, 1),
    ("执行到位金额", "亿元", 0.5, 30, 1),
    ("行政复议案件", "件", 5, 400, 0),
    ("复议纠错率", "%", 2, 18, 1),
    ("行政应诉案件", "件", 3, 200, 0),
    ("行政机关负责人出庭应诉率", "%", 80, 100, 1),
    ("行政执法人员法律知识考试", "人", 50, 3000, 0),
    ("行政执法人员持证率", "%", 85, 100, 1),
    ("规范性文件合法性审核", "件", 5, 120, 0),
    ("重大行政决策合法性审查", "件", 2, 60, 0),
    ("聘请法律顾问", "人", 1, 12, 0),
    ("党委理论学习中心组学法", "次", 3, 14, 0),
    ("领导干部集中学法", "次", 2, 12, 0),
    ("矛盾纠纷调解", "件", 40, 3000, 0),
    ("调解成功率", "%", 90, 99.5, 1),
    ("法律援助案件", "件", 60, 2500, 0),
    ("社区矫正对象", "人", 30, 900, 0),
    ("公共法律服务站点", "个", 8, 300, 0),
    ("民主法治示范村（社区）", "个", 2, 60, 0),
    ("行政处罚案件", "件", 20, 3000, 0),
    ("双随机抽查", "次", 10, 400, 0),
    ("审计项目", "个", 5, 80, 0),
    ("信访事项办结", "件", 30, 2000, 0),
    ("信访事项按期办结率", "%", 90, 100, 1),
    ("政务服务事项网上可办率", "%", 85, 100, 1),
    ("法治督察", "次", 2, 20, 0),
    ("法治培训", "人次", 100, 8000, 0),
    ("法治文化阵地", "个", 3, 120, 0),
    ("审结各类案件", "件", 800, 30000, 0),
    ("法定审限内结案率", "%", 90, 100, 1),
    ("公益诉讼案件", "件", 5, 300, 0),
    ("涉企行政检查", "次", 10, 900, 0),
    ("宪法宣传周活动", "场", 3, 60, 0),
    ("合同合法性审查", "份", 10, 500, 0),
    ("法治讲座", "场", 2, 40, 0),
    ("纠正违法违规行为", "件", 5, 300, 0),
    ("法治建设考核覆盖单位", "个", 10, 150, 0),
    # labels with their own actor, a counted honour, people who checked (blind read r27)
    ("全年开展主要负责人讲授法治专题党课", "次", 1, 4, 0),
    ("主持召开专题会议研究法治工作", "次", 2, 10, 0),
    ("行政执法案卷在评查中获评优秀", "卷", 2, 20, 0),
    ("法律顾问审查各类合同", "份", 10, 300, 0),
    ("行政诉讼一审案件", "件", 2, 80, 0),
)


@dataclass
class Body:
    """One generated body: its name, the kind and level it should be detected as, the reporter's post."""

    org: str
    kind: str
    level: str
    post: str
    rows: list[dict[str, str]] = field(default_factory=list)
    extra: int = 0  # the last rows: the blind read r31 classes (:func:`extras`)

    @property
    def ident(self) -> str:
        return self.org


def _bodies_for(kind: str, level: str, stems: list[str], n: int) -> list[tuple[str, str]]:
    """``n`` (org, post) pairs of one kind and level."""
    out = []
    for i in range(n):
        a, b = stems.pop(), stems.pop()
        # every third county-level body a 旗 and every third city-level one an 自治州 (blind read r47: the
        # level characters of the autonomous areas were missing from the patterns of a head's title)
        c = {"县级": ("县", "区", "旗")[i % 3], "设区的市": ("市", "市", "州")[i % 3], "省": "省"}.get(
            level, "县"
        )
        place = f"{a}藏族自治州" if c == "州" else f"{a}{c}"
        if kind == "党委":
            out.append((f"中共{place}委员会", "党委书记"))
        elif kind == "人民政府":
            head = {"县": "县长", "区": "区长", "旗": "旗长", "市": "市长", "州": "州长", "省": "省长"}[c]
            out.append((f"{place}人民政府", head))
        elif kind == "乡镇":
            ch = "镇" if i % 2 == 0 else "乡"
            name = f"{a}县{b}{ch}"
            out.append(
                (f"{name}党委" if i % 3 != 1 else f"{name}人民政府", "党委书记" if i % 3 != 1 else f"{ch}长")
            )
        elif kind == "街道":
            name = f"{a}区{b}街道"
            out.append(
                (f"{name}办事处" if i % 2 == 0 else f"{name}党工委", "主任" if i % 2 == 0 else "党工委书记")
            )
        elif kind == "政府部门":
            depts = GOV_DEPTS_PROVINCE if level == "省" else GOV_DEPTS
            dept = depts[(len(stems) + i) % len(depts)]
            out.append((f"{place}{dept}", "厅长" if dept.endswith("厅") else "局长"))
        elif kind == "党委部门":
            dept = PARTY_DEPTS[(len(stems) + i) % len(PARTY_DEPTS)].format(c=c)
            out.append((f"中共{place}委{dept}", "部长" if dept.endswith("部") else "主任"))
        elif kind == "法院":
            court = {"县级": "人民法院", "设区的市": "中级人民法院", "省": "高级人民法院"}[level]
            out.append((f"{place}{court}", "院长"))
        elif kind == "检察院":
            out.append((f"{place}人民检察院", "检察长"))
        elif kind == "政法委":  # kinds added to bodies.yaml as data only; every third by the committee's full
            # name (中共…县委员会政法委员会: blind read r51, no kind before)
            out.append((f"中共{place}{'委员会' if i % 3 == 2 else '委'}政法委员会", "政法委书记"))
        elif kind == "开发区":
            out.append((f"{a}市{b}经济技术开发区管委会", "管委会主任"))
        elif kind == "人民法庭":
            out.append((f"{place}人民法院{b}人民法庭", "庭长"))
    return out


COMBOS: tuple[tuple[str, str], ...] = tuple(
    [
        (k, lv)
        for k in ("党委", "人民政府", "政府部门", "党委部门", "法院", "检察院")
        for lv in ("县级", "设区的市", "省")
    ]
    + [
        ("乡镇", "乡级"),
        ("街道", "乡级"),
        ("政法委", "县级"),
        ("政法委", "设区的市"),
        ("开发区", "县级"),
        ("人民法庭", "乡级"),
    ]
)


def _value(rng: random.Random, low: float, high: float, decimals: int) -> float:
    v = rng.uniform(low, high)
    return round(v, decimals) if decimals else float(round(v))


def _fmt(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}" if decimals else str(int(v))


#: 备注 a clerk writes beside a figure: results and details (said after the figure), a note on the table
#: itself (never prose), by the figure's unit
NOTES: dict[str, tuple[str, ...]] = {
    "件": (
        "按期办结率100%",
        "均依法办结",
        "已全部整改到位",
        "含线上办理",
        "数据来源：业务系统",
        "均维持原行政行为",
    ),
    "场次": ("含线上活动", "主要在重点时段开展", "统计口径为全年"),
    "人次": ("含线上参与", "截至11月底"),
    "%": ("全年保持稳定",),
    "万元": ("已全部上缴国库",),
}
#: a 其中 row of none a clerk writes below a count of cases (其中：败诉 0)
ZERO_PARTS = {"行政应诉案件": "其中：败诉", "行政复议案件": "其中：被纠错"}


def table(rng: random.Random, size: int | None = None) -> list[dict[str, str]]:
    """6–10 rows drawn from ``LABELS``; about half carry 上年数值 (±35 % of this year's, or equal); some a
    备注 and, below a count of cases, a 其中 row of none."""
    size = size or rng.randint(6, 10)
    rows = []
    for label, unit, low, high, dec in rng.sample(LABELS, size):
        v = _value(rng, low, high, dec)
        rec = {"指标": label, "数值": _fmt(v, dec), "单位": unit}
        if unit in NOTES and rng.random() < 0.3:
            rec["备注"] = rng.choice(NOTES[unit])
        if rng.random() < 0.5:
            last = v * rng.uniform(0.65, 1.35) if rng.random() < 0.9 else v
            last = min(last, 100.0) if unit == "%" else last
            last = max(round(last, dec) if dec else round(last), 1 if not dec else 0.1)
            rec["上年数值"] = _fmt(last, dec)
        rows.append(rec)
        if label in ZERO_PARTS and rng.random() < 0.5:
            rows.append({"指标": ZERO_PARTS[label], "数值": "0", "单位": unit})
    return rows


#: the head's own acts a clerk labels with his title (镇长带头讲法治课, 检察长列席审委会): 本人 in his report
HEAD_ACTS = ("带头讲法治课", "主持召开法治建设专题会议", "列席审判委员会会议", "出席法治培训开班式")
#: events of none a clerk writes as 0 (the user's fact: never 【待确认】), perhaps with last year
NONE_EVENTS = ("安全生产事故", "行政诉讼案件", "群体性事件", "行政复议案件")
#: figures of no 法治 work a clerk copies from the general table (set aside in a 法治 report)
ECONOMY = (("一般公共预算收入", "亿元", "1.86", "1.74"), ("固定资产投资", "亿元", "23.5", ""))
#: an honour a unit of the body won, named in the note
NAMED_HONOURS = (
    ("获评省级民主法治示范村", "个", "石桥村"),
    ("获评全国模范人民调解委员会", "个", "城关社区人民调解委员会"),
)


#: events of none a clerk writes as what befell (被…) or with a word 无 would fuse with (法治建设约谈)
NONE_BEFELL = ("行政执法决定被撤销或确认违法", "工作人员违纪违法被追究责任", "法治建设约谈")
#: stocks a clerk labels with their own word of having or state (blind read r36)
STOCKS = (("现有公职律师", "人"), ("行政执法人员持证上岗", "人"), ("全系统现有法律顾问", "人"))


def extras(rng: random.Random, post: str, org: str = "") -> list[dict[str, str]]:
    """Rows of the blind read r31 and r36 classes, each in about a third of the tables: the head's own
    act labelled with his title (perhaps with the cases it was of), events of none, a figure of no 法治
    work, an honour named in its note (perhaps a unit of the body named in full), stocks labelled with
    their having word."""
    out = []
    own = random.Random(f"{org}:r36")  # the r36 rows draw apart: the earlier tables stay as they were
    if own.random() < 0.3:
        title = post.removeprefix("党委").removeprefix("党工委") if post.endswith("书记") else post
        out.append(
            {
                "指标": f"{title}出庭应诉",
                "数值": "1",
                "单位": "次",
                "上年数值": "0",
                "备注": "某房屋征收补偿行政诉讼案",
            }
        )
    if own.random() < 0.35:
        rec = {"指标": own.choice(NONE_BEFELL), "数值": "0", "单位": "件"}
        if own.random() < 0.5:
            rec["上年数值"] = own.choice(["0", "1"])
        out.append(rec)
    if own.random() < 0.35:
        label, unit = own.choice(STOCKS)
        out.append({"指标": label, "数值": str(own.randint(3, 60)), "单位": unit})
    if org and own.random() < 0.3:
        out.append(
            {"指标": "获评全省法治宣传教育先进集体", "数值": "1", "单位": "个", "备注": f"{org}办公室"}
        )
    title = post.removeprefix("党委").removeprefix("党工委") if post.endswith("书记") else post
    if rng.random() < 0.35:
        out.append({"指标": f"{title}{rng.choice(HEAD_ACTS)}", "数值": str(rng.randint(1, 6)), "单位": "次"})
    if rng.random() < 0.35:
        for event in rng.sample(NONE_EVENTS, rng.randint(1, 2)):
            rec = {"指标": event, "数值": "0", "单位": "起" if "事" in event else "件"}
            if rng.random() < 0.6:
                rec["上年数值"] = rng.choice(["0", "1", "2"])
            out.append(rec)
    if rng.random() < 0.3:
        label, unit, value, last = rng.choice(ECONOMY)
        out.append({"指标": label, "数值": value, "单位": unit, "上年数值": last})
    if rng.random() < 0.3:
        label, unit, who = rng.choice(NAMED_HONOURS)
        out.append({"指标": label, "数值": "1", "单位": unit, "备注": who})
    return out


#: rows of the blind read r38 classes: a figure still to come (blank 数值, a pending note), a note naming
#: the campaign or the means the figure came of, where the counted things were found, who the people are,
#: a stock dated by its note
PENDING = (
    ("网上公开行政处罚决定书", "份", "数据待汇总"),
    ("行政诉讼案件一审败诉率", "%", "待年底核定"),
    ("行政复议案件", "件", "待统计部门反馈"),
    ("案件质量评查优良率", "%", "待年底核定"),
)
CAMPAIGN_NOTES = (
    ("排查化解各类矛盾纠纷", "件", "“矛盾纠纷大排查大化解”专项行动"),
    ("诉前调解成功分流案件", "件", "依托“无讼村居”创建行动"),
    ("执法突出问题整改", "个", "“受立案突出问题”专项整治中发现"),
    ("党政主要负责人年度述法", "名", "区直部门和镇（街道）党政主要负责人"),
)
DATED = (("特邀调解员", "名"), ("涉案财物管理中心在库涉案财物", "件"), ("村（社区）法律顾问", "名"))


def r38_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r38 classes, each in about a third of the tables (their own draw: the earlier
    tables stay as they were); none of a label the table has already (``taken``)."""
    own = random.Random(f"{org}:r38")
    out: list[dict[str, str]] = []
    labels = {r["指标"] for r in taken}
    if own.random() < 0.35:
        label, unit, note = own.choice([p for p in PENDING if p[0] not in labels])
        rec = {"指标": label, "数值": "", "单位": unit, "备注": note}
        if own.random() < 0.5:
            rec["上年数值"] = "5.3" if unit == "%" else str(own.randint(5, 60))
        out.append(rec)
    if own.random() < 0.35:
        label, unit, note = own.choice([c for c in CAMPAIGN_NOTES if c[0] not in labels])
        out.append({"指标": label, "数值": str(own.randint(12, 900)), "单位": unit, "备注": note})
    if own.random() < 0.3:
        label, unit = own.choice([d for d in DATED if d[0] not in labels])
        out.append({"指标": label, "数值": str(own.randint(5, 80)), "单位": unit, "备注": "截至11月底"})
    return out


#: rows of the tune read r45 classes: a date inside a label, a unit that led the work, a means of a rate, an
#: event of one week, checks counted by the units checked, reports of others' wrongs received, parts that
#: make the whole
R45 = (
    ("在册人民调解员（截至11月底）", "名", "", ""),
    ("全县属地备案网站（截至11月底）", "个", "其中党政机关网站23个", "81"),
    ("截至10月底登记社会组织", "家", "", ""),
    ("开展法治讲座", "场", "由政策法规股牵头", ""),
    ("年度学法考试参考率", "%", "通过学法用法考试平台组织", ""),
    ("网络安全宣传周线上线下参与", "人次", "9月集中开展", ""),
    ("开展安全检查", "家", "覆盖重点行业单位", "20"),
    ("检查食品经营主体", "家", "", ""),
    ("受理违法违规行为举报", "件", "按期处置率100%", "12"),
    ("召开法治建设领导小组会议", "次", "3月和9月各召开1次", "2"),
)
#: bodies whose names no pattern knew before the tune read r45 (an office of a government, an office of a
#: party committee's committee) and a department no scope rule lists, with the rows of their own work
UNLISTED = (
    ("政府部门", "设区的市", "市", "人民防空办公室", "主任", ("人防工程行政执法检查", "次")),
    ("党委部门", "县级", "县", "委网络安全和信息化委员会办公室", "主任", ("处置网络有害信息", "条")),
    ("政府部门", "县级", "县", "粮食和物资储备局", "局长", ("粮食流通监督检查", "次")),
    ("政府部门", "县级", "区", "人民政府外事办公室", "主任", ("办理因公出国（境）审批", "批次")),
    # a party committee's department named 局 (blind read r46: detected as a government's, 局党组 kept)
    ("党委部门", "县级", "县", "委老干部局", "局长", ("走访慰问离退休干部", "人次")),
)


def record(label: str, value: str, unit: str, note: str = "", last: str = "") -> dict[str, str]:
    """One row of a table as a clerk writes it: 备注 and 上年数值 only when given."""
    rec = {"指标": label, "数值": value, "单位": unit}
    if note:
        rec["备注"] = note
    if last:
        rec["上年数值"] = last
    return rec


def r45_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Two rows of the tune read r45 classes (their own draw: the earlier tables stay as they were)."""
    own = random.Random(f"{org}:r45")
    labels = {r["指标"] for r in taken}
    out = []
    for label, unit, note, last in own.sample([r for r in R45 if r[0] not in labels], 2):
        value = {"%": "98.6", "次": "2"}.get(unit, str(own.randint(24, 300)))
        out.append(record(label, value, unit, note, last))
    return out


#: rows of the blind read r47 classes: the year's new designations, a unit that undertook the work, where, to
#: whom and for whom the act was done (each note names the label's act again)
R47 = (
    ("新命名县级民主法治示范村（社区）", "个", "", ""),
    ("本年度新获评市级法治宣传教育示范点", "个", "", ""),
    ("举办法治讲座", "场", "由县法学会承办", "9"),
    ("公布权责清单事项", "项", "在政府门户网站公布", ""),
    ("报送备案规范性文件", "件", "向上级政府备案", "7"),
    ("讲授法治专题课", "次", "为新任职干部讲授", ""),
)


#: rows of the blind read r48 classes: notes naming a unit that did it, how the figure is counted, the sites,
#: how often, the fields, a date and the act again, two parts with the head's own; a channel part that rose
#: while its whole fell (label, value, unit, note, last)
R48 = (
    ("规范性文件合法性审核", "23", "件", "法规科审核", "19"),
    ("截至11月底持证执法人员", "640", "人", "两级合计；执法证年审合格率100%", ""),
    ("法治宣传进站点活动覆盖群众", "3.6万人次", "", "客运站、服务区、港口码头设点", ""),
    ("会前学法", "12", "次", "每月1次", "12"),
    ("落地公共数据应用场景", "9", "个", "交通、医疗、金融等领域", "3"),
    ("主要负责人出庭应诉", "1", "次", "3月出庭某行政处罚案", ""),
    ("理论学习中心组专题学法", "4", "次", "含习近平法治思想专题1次；{post}领学2次", "3"),
)
#: rows of the blind read r49 classes (label, value, unit, note, last)
R49 = (
    ("局党组会议专题研究法治建设", "4", "次", "含听取年度法治建设工作汇报1次（3月）", "3"),
    ("重大行政决策经合法性审查", "3", "件", "含公共供水价格调整方案", "2"),
    ("地方性法规草案起草", "1", "件", "", ""),
    ("规范性文件制定", "0", "件", "", "1"),
    ("行政许可事项办结", "143", "件", "取水许可38件，建设项目审批11件，其余为其他事项", "126"),
    ("普法活动覆盖群众", "3.8万人次", "", "政策法规处牵头组织", ""),
    # blind read r50: a clerk's note with spaces for its clause breaks, a head's act beside a comparison
    ("作出行政处罚决定", "9", "件", "罚款合计86.4万元 均已执行到位", "6"),
    ("政府常务会议会前学法", "14", "次", "主要负责人带头领学", "12"),
    ("重大行政决策事项", "6", "件", "均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序", "5"),
)
#: a whole that fell and its channel part that rose (blind read r48: 网上信访 called a problem)
R48_CHANNEL = (
    {"指标": "受理群众来信来访", "数值": "1864", "单位": "件次", "上年数值": "2137"},
    {"指标": "其中：网上信访", "数值": "1052", "单位": "件次", "上年数值": "986"},
)


#: rows of the blind read r51 classes: a note naming the figure's source, the rest of the decisions, one more
#: beside the head's own, a partner, a routine, a doer with an adverb, the head who chaired it, a level, a sum
#: of money kept in 万元 (label, value, unit, note, last)
R51 = (
    ("行政执法案卷评查", "120", "件", "由市司法局提供", ""),
    ("依申请公开办理", "36", "件", "不予公开2件", "31"),
    ("主要负责人出庭应诉", "2", "次", "另委托分管负责人出庭1次", ""),
    ("举办执法人员业务培训", "9", "期", "与市委党校联合举办", ""),
    ("领导干部接访下访", "86", "人次", "“领导干部接访日”每月开展", ""),
    ("矛盾纠纷调处", "214", "件", "已会同司法所专项调处", "190"),
    ("主持专题会议学法", "4", "次", "{post}主持", "3"),
    ("行政执法案件平均办理时长", "12.5", "天", "", "14"),
    ("法治建设专项经费", "38.5", "万元", "以财政预算台账为准", "35"),
)
#: a count of cases, the sum they came to, and a part of the count below the sum (blind read r51)
R51_SUM = (
    {"指标": "办理行政处罚案件", "数值": "186", "单位": "件", "上年数值": "214"},
    {"指标": "罚没款金额", "数值": "164.7", "单位": "万元"},
    {"指标": "其中：实施按日连续处罚", "数值": "0", "单位": "件"},
)


def r51_rows(org: str, post: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r51 classes in most tables (their own draw)."""
    own = random.Random(f"{org}:r51")
    labels = {r["指标"] for r in taken}
    out: list[dict[str, str]] = []
    for label, value, unit, note, last in own.sample([r for r in R51 if r[0] not in labels], 2):
        if own.random() < 0.2:
            continue
        out.append(record(label, value, unit, note.format(post=post or "主要负责人"), last))
    if own.random() < 0.3 and not labels & {r["指标"] for r in R51_SUM}:
        out += [dict(r) for r in R51_SUM]
    return out


#: rows of the blind read r52 classes: an office that kept the figure, a note after a space and a date, a
#: measure of a matter, how they spread, a project's name, the adviser who checked (label, value, unit, note, last)
R52 = (
    ("罚没款金额合计", "231.6", "万元", "财务处提供", "208.7"),
    ("执法图斑核查", "218", "个", "省厅下发 11月25日完成实地核查", ""),
    ("违法用地涉及面积", "186.4", "亩", "其中耕地62.3亩", "241.7"),
    ("在册法律明白人", "86", "人", "每村不少于5人", "72"),
    ("重大行政决策事项", "1", "件", "集镇污水管网建设 已履行合法性审查程序", ""),
    ("合同合法性审查", "23", "份", "法律顾问审查 均经负责人签批", "17"),
)
#: a whole with a result part in its note and a 其中 row; a note counting another thing before a 其中 row (r52)
R52_PARTS = (
    (
        {
            "指标": "排查调处矛盾纠纷",
            "数值": "137",
            "单位": "件",
            "上年数值": "152",
            "备注": "调解成功131件 成功率95.6%",
        },
        {"指标": "其中：土地山林权属纠纷", "数值": "38", "单位": "件"},
    ),
    (
        {"指标": "审查各类合同", "数值": "41", "单位": "份", "备注": "提出修改意见63条"},
        {"指标": "其中：工程建设类合同", "数值": "9", "单位": "份"},
    ),
)


def r52_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r52 classes in most tables (their own draw)."""
    own = random.Random(f"{org}:r52")
    labels = {r["指标"] for r in taken}
    out = [
        record(label, value, unit, note, last)
        for label, value, unit, note, last in own.sample([r for r in R52 if r[0] not in labels], 2)
        if own.random() >= 0.2
    ]
    block = own.choice(R52_PARTS)
    if own.random() < 0.4 and not labels & {r["指标"] for r in block}:
        out += [dict(r) for r in block]
    return out


#: rows of the blind read r53 classes: an office or a federation that kept the figure, a review's outcome in a
#: word, a unit of the body as the subject, an act done in full, a rated score, a zero said again, a service
R53 = (
    ("行政执法检查", "38", "次", "市民族宗教事务局提供", ""),
    ("企业法律体检", "86", "家", "市工商联提供", ""),
    ("被申请行政复议", "1", "件", "维持", ""),
    ("法制科审核案件", "214", "件", "", ""),
    ("案件审核发现问题整改", "86", "个", "已全部整改", ""),
    ("执法质量考评得分", "96.5", "分", "市局考评 全市第2名", "94.2"),
    ("执法过错责任追究", "0", "人", "全年未发生执法过错追究", ""),
    ("律师服务团公益法律服务", "73", "场", "", "60"),
)


def _drawn(org: str, tag: str, pool: tuple, size: int, taken: list[dict[str, str]]) -> list[dict[str, str]]:
    """``size`` rows of ``pool`` not in the table yet, each kept four times in five: a draw of its own per
    body and ``tag``, so adding a pool never changes another's."""
    own = random.Random(f"{org}:{tag}")
    labels = {r["指标"] for r in taken}
    return [
        record(label, value, unit, note, last)
        for label, value, unit, note, last in own.sample([r for r in pool if r[0] not in labels], size)
        if own.random() >= 0.2
    ]


def r53_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r53 classes in most tables (their own draw)."""
    return _drawn(org, "r53", R53, 2, taken)


#: rows of the blind read r54 and r55 classes: an office that counted the figure, a note that compares with
#: last year, words listed with spaces, the year's count a rate is of, an honour counted by what won, a
#: coverage, a figure of no law work, a list's matters (label, value, unit, note, last)
R55 = (
    ("受理各类案件", "1248", "件", "同比上升4.9%；审判管理办公室统计", "1190"),
    ("合法性审核合同、协议及文件", "312", "件", "提出修改意见574条；综合法务部统计", "268"),
    ("一审服判息诉率", "91.3", "%", "同比下降1.3个百分点，主要受系列案件集中上诉影响", "92.6"),
    ("重大行政决策事项", "5", "项", "均履行公众参与 专家论证 风险评估 合法性审查 集体讨论决定程序", ""),
    ("行政机关负责人出庭应诉率", "100", "%", "全年审理行政诉讼案件87件", ""),
    ("连续3年获评省级依法治校示范校", "11", "所", "", ""),
    ("法治副校长配备覆盖公办中小学", "100", "%", "共聘任法治副校长298名", ""),
    ("在校学生", "38.6万人", "", "", "38.2万人"),
    ("政务服务一网通办事项", "1873", "项", "", ""),
    # blind read r56: a committee or a group that kept the figure, a review's outcome, a whole reached, days of
    # publicity, a cause listed with spaces, people of misconduct, a headcount, a label that says its years
    ("受理矛盾纠纷", "361", "件", "街道人民调解委员会及11个社区调委会汇总；调解成功356件", "322"),
    ("行政复议案件", "1", "件", "经区政府复议维持原行政行为", ""),
    ("法治乡村示范村创建覆盖乡镇", "12", "个", "已覆盖全部乡镇", ""),
    ("普法宣传活动覆盖居民", "1.8万人次", "", "民法典宣传月 国家安全教育日 宪法宣传周", "1.5万人次"),
    (
        "一审民商事案件结案率",
        "95.3",
        "%",
        "同比下降0.8个百分点，主要受金融借款 物业纠纷案件数量增长影响",
        "96.1",
    ),
    ("政法队伍违纪违法人员", "3", "人", "市纪委监委驻市委政法委纪检监察组提供", "5"),
    ("局机关及下属事业单位在编人员", "186", "人", "局人事股提供", "192"),
    ("连续3年获评全省平安建设优秀市", "3", "年", "", ""),
    # blind read r57: a zero with its reason, a yes for an honour, a cause with a count after a space, documents
    # listed with spaces, a manner between the object and its check, a body's own reporting line
    ("提出刑事抗诉", "0", "件", "经审查未发现确有错误需提出抗诉的刑事裁判", "1"),
    ("连续2年获评全市优秀基层单位", "是", "", "市委依法治市办通报", ""),
    ("首次信访7日内程序性回复率", "98.6", "%", "主要受11月集中来访量增加影响 2件回复超期", "100"),
    ("重大行政决策事项", "2", "项", "《城镇老旧小区改造实施方案》 《住宅专项维修资金管理办法》", ""),
    ("干部人事档案专项审核", "1240", "卷", "", ""),
    ("受理12380举报", "27", "件", "办结率100%；其中来信21件 网络举报6件", "19"),
    # blind read r58: the units counted named in the note, the line the cases came by, an honour's rank, whose
    # people, a grade for a value and for last year's, a case's outcome
    ("县级以上民主法治示范村", "3", "个", "上坪村 石桥村 枫湾村 其中上坪村连续2年获评市级", ""),
    ("安全生产举报投诉", "218", "件", "“12350”热线受理 办结率100%", ""),
    ("连续3年获评市法治政府建设考核优秀等次", "3", "年", "", ""),
    ("组织全市系统执法人员参加执法能力轮训", "460", "人次", "", ""),
    ("市级法治建设考核等次", "优秀", "", "", "良好"),
    ("行政诉讼一审案件", "1", "件", "涉宅基地审批 一审胜诉", ""),
)


def r55_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r54–r58 classes in most tables (their own draw)."""
    return _drawn(org, "r55", R55, 5, taken)


def r48_rows(org: str, post: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """Rows of the blind read r48 and r49 classes in most tables (their own draw)."""
    own = random.Random(f"{org}:r48")
    labels = {r["指标"] for r in taken}
    out: list[dict[str, str]] = []
    for label, value, unit, note, last in own.sample([r for r in R48 if r[0] not in labels], 2):
        if own.random() < 0.3:
            continue
        out.append(record(label, value, unit, note.format(post=post or "主要负责人"), last))
    label, value, unit, note, last = own.choice([r for r in R49 if r[0] not in labels])
    if own.random() < 0.6:  # r49's rows, in most tables
        out.append(record(label, value, unit, note, last))
    if own.random() < 0.25 and not labels & {r["指标"] for r in R48_CHANNEL}:
        out += [dict(r) for r in R48_CHANNEL]
    return out


def r47_rows(org: str, taken: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """One row of the blind read r47 classes in about half the tables (its own draw)."""
    own = random.Random(f"{org}:r47")
    labels = {r["指标"] for r in taken}
    if own.random() < 0.5:
        return []
    label, unit, note, last = own.choice([r for r in R47 if r[0] not in labels])
    return [record(label, str(own.randint(3, 40)), unit, note, last)]


def unlisted_bodies(seed: int = 45) -> list[Body]:
    """Bodies of the names no pattern knew (tune read r45), each with a table and its own business."""
    rng = random.Random(seed)
    stems = list(STEMS)
    rng.shuffle(stems)
    out = []
    for kind, level, char, name, post, (own_label, own_unit) in UNLISTED:
        place = f"{stems.pop()}{char}"
        org = f"中共{place}{name}" if name.startswith("委") else f"{place}{name}"
        drawn = table(rng)
        more = [{"指标": own_label, "数值": str(rng.randint(20, 90)), "单位": own_unit}]
        more += r45_rows(org, drawn + more)
        more += r47_rows(org, drawn + more)
        more += r48_rows(org, post, drawn + more)
        more += r51_rows(org, post, drawn + more)
        more += r52_rows(org, drawn + more)
        more += r53_rows(org, drawn + more)
        more += r55_rows(org, drawn + more)
        out.append(Body(org=org, kind=kind, level=level, post=post, rows=drawn + more, extra=len(more)))
    return out


def bodies(seed: int = 18, per_combo: int = 3, quick: bool = False) -> list[Body]:
    """Every kind × level, ``per_combo`` bodies each (``quick``: one body of 8 chosen combos)."""
    rng = random.Random(seed)
    stems = list(STEMS) * 4
    rng.shuffle(stems)
    combos = COMBOS
    if quick:
        combos = (
            ("乡镇", "乡级"),
            ("街道", "乡级"),
            ("人民政府", "县级"),
            ("政府部门", "设区的市"),
            ("党委", "县级"),
            ("党委部门", "县级"),
            ("法院", "县级"),
            ("检察院", "设区的市"),
        )
        per_combo = 1
    out = []
    for kind, level in combos:
        for org, post in _bodies_for(kind, level, stems, per_combo):
            drawn, more = table(rng), extras(rng, post, org)
            more += r38_rows(org, drawn + more)
            if not quick:
                more += r45_rows(org, drawn + more)
                more += r47_rows(org, drawn + more)
                more += r48_rows(org, post, drawn + more)
                more += r51_rows(org, post, drawn + more)
                more += r52_rows(org, drawn + more)
                more += r53_rows(org, drawn + more)
                more += r55_rows(org, drawn + more)
            out.append(Body(org=org, kind=kind, level=level, post=post, rows=drawn + more, extra=len(more)))
    return out + ([] if quick else unlisted_bodies())


def writes(body: Body, genre: str) -> bool:
    """Whether a body of this kind writes the genre at all (genres.yaml ``not_for``: a court or a 县委
    does not write a 法治政府建设年度报告; the draft is refused with a message naming the right genre)."""
    from assistant.draft.outline.genres import get_genre
    from assistant.lang.bodies import detect_body
    from assistant.lang.body_outline import writer_refusal

    return writer_refusal(get_genre(genre), detect_body(body.org)) is None


def chat_message(body: Body, rng: random.Random) -> tuple[str, list[dict[str, str]]]:
    """One chat request naming two or three of the body's figures (its first row gives the topic)."""
    picked = body.rows[: rng.choice((2, 3))]
    figures = "，".join(f"{r['指标']}{r['数值']}{r['单位']}" for r in picked)
    return f"帮我写一段{picked[0]['指标']}方面的内容，今年{figures}", picked
