"""Problems and plans of this body (issue 18 item 7): what only the user's own data and kind can say.

- A figure that moved against its direction for this body (``data/directions.yaml``: a rate that
  fell; a township's 纠错率, a complaint count that rose) is named in the 问题 part with
  【待补充：原因】, and a plan answers it; a neutral one (罚没款, 行政复议案件, a 司法局's 纠错率) is not.
- When the corpus holds too few reports of the body's own kind, the items come from the kind's own
  wording (``data/list_items.yaml``, problem and plan paired, with markers), never from a report of
  another kind, so bodies of different kinds never get the same parts.
- A problem that says a matter falls short which the same draft claims complete (合法性审查全覆盖,
  then 对…合法性要求重视程度仍有待提高) is left out (:func:`contradicts`).
"""

from __future__ import annotations

import re
import zlib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.draft.compose.label_words import DURATION_RE
from assistant.draft.compose.notes import cause_core, note_cause, said_cause
from assistant.draft.outline.genres import PART_RE
from assistant.draft.tables.compare import comparison_for, is_marked
from assistant.draft.voice.scan import out_of_scope
from assistant.lang.direction import direction, row_direction
from assistant.lang.markers import MARKER_RE, missing

DATA = Path(__file__).resolve().parents[2] / "data" / "list_items.yaml"

#: Words that say a matter falls short (a 问题 item's predicate).
SHORT_RE = re.compile(
    r"仍有待|有待(?:进一步)?(?:提高|加强|提升|完善)|不够|不足|不到位|薄弱|欠缺|不高|滞后|不强"
)
#: A claim that a matter is complete: 合法性审查全覆盖, 实现…全覆盖, …率达100%.
CLAIM_RE = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:实现)?(?:全覆盖|全部到位|率达100%|率为100%|百分之百)")
#: A claim that every one of a count went through its steps: 均履行公众参与、专家论证、合法性审查等程序 (r40:
#: a problem of uneven 公众参与、专家论证 beside it contradicts the draft).
ALL_DONE_RE = re.compile(
    r"(?:均|全部|全都|一律)(?:已)?(?:履行|经过|落实|执行|完成)了?([^，。；]{2,40}?)(?:等)?(?:法定)?(?:程序|环节|制度|要求)"
)
#: Three-letter words too general to tie a problem to a claim.
GENERIC = frozenset({"法治建", "治建设", "建设工", "设工作", "全面依", "面依法", "依法治"})


def _last_number(row: Any) -> float | None:
    from assistant.lang.units import parse_value

    if not getattr(row, "last", None):
        return None
    try:
        return parse_value(row.last).number
    except Exception:  # noqa: BLE001 - an unparsable last value says nothing about the direction
        return None


def bad_when_higher(label: str, body: Any = None) -> bool:
    """A figure whose rise reads as bad for this body (复议纠错率 of a township, 行政诉讼败诉率, 群众投诉),
    not one the body settled (信访事项办结, 投诉处理) nor a neutral one (罚没款, 行政复议案件)."""
    return direction(label, None, body).good == "down"


def worsened(row: Any, body: Any = None, rows: list[Any] | None = None) -> str | None:
    """``上升``/``下降`` when the row's figure moved against a direction that is clear for this body
    (``data/directions.yaml``, ``judged``), else None: a rate that fell (出庭应诉率), a figure that is
    better lower and rose (败诉率; a township's 复议纠错率). A neutral figure (罚没款, 行政复议案件, a
    司法局's 复议纠错率, a court's 收案) is stated, never judged. Given the table (``rows``), a part whose
    whole moved the better way is a shift in the mix, never a problem (网上信访 up while all 信访 fell:
    blind read r48), and so is a part that names the way it came (网上…, 来信…)."""
    if (
        rows
        and (whole := _whole_of(row, rows)) is not None
        and (improved(whole, body) or CHANNEL_RE.match(_named(row)))
    ):
        return None  # the part's share of its whole moved, not its matter (网上信访 of 来信来访: r48)
    if not _own_measure(row, body):
        return None
    last = _last_number(row)
    if last is None or row.number is None or last == row.number:
        return None
    if comparison_for(row, body) is None:
        return None  # 2900余 against 2980: the figures leave the direction open
    way = row_direction(row, body)
    if not way.judged:
        return None
    rose = row.number > last
    if way.good == "down":
        return "上升" if rose else None
    return "下降" if way.good == "up" and not rose else None


#: a figure another kind of body answers for, named at the label's head (全市法院一审民商事案件结案率 in a
#: 政法委's report), and the body whose kind it is
_OTHERS_RE = re.compile(r"^(?:全[省市县区州旗盟])?(?:各级)?(?:人民)?(?P<kind>法院|检察院)")
#: the conformity of things inspected (农资监督抽检合格率): the state of what is regulated, no shortfall of the
#: body's own rule-of-law work (blind read r56: a 农业农村局's first problem and plan)
_INSPECTED_RE = re.compile(r"(?:抽检|抽查|检验|检测|监测)[^，,]{0,6}合格率")


def _own_measure(row: Any, body: Any) -> bool:
    """Whether a figure measures the body's own work, which a problem of its report may name: not another
    kind's (a court's 结案率 in a 政法委's report: blind read r56) nor the state of what it inspects."""
    label = getattr(row, "label", "") or ""
    if _INSPECTED_RE.search(label):
        return False
    m = _OTHERS_RE.match(label)
    return m is None or body is None or getattr(body, "kind", None) in (m["kind"], "人民法庭")


#: a part of a whole that names the way it came (网上信访, 线上调解, 来信, 电话咨询): a share of the whole
CHANNEL_RE = re.compile(
    r"^(?:通过)?(?:网上|线上|线下|网络|来信|来访|来电|电话|信件|邮件|现场|窗口|走访|视频)"
)


def _whole_of(row: Any, rows: list[Any]) -> Any:
    from assistant.draft.compose.phrasing import parent_of  # phrasing imports this module in a function

    return parent_of(row, rows)


def improved(row: Any, body: Any = None) -> bool:
    """Whether the row's figure moved the way that is better for this body, a way that is judged
    (信访事项 34 → 21 for a town; 出庭应诉率 up): the mirror of :func:`worsened`."""
    last = _last_number(row)
    if last is None or row.number is None or last == row.number or comparison_for(row, body) is None:
        return False
    way = row_direction(row, body)
    return way.judged and way.good == ("up" if row.number > last else "down")


def belied_by_gain(text: str, rows: list[Any], body: Any = None) -> bool:
    """Whether a problem of a past report speaks of a matter whose figure got better this year (不少纠纷争议在
    信访途径循环 beside 信访事项 34 → 21: blind read r39): the words of the matter are those of the
    figure's direction entry (``data/directions.yaml``) that its label holds."""
    from assistant.lang.direction import indicator_for, is_rate

    for row in rows:
        if not improved(row, body):
            continue
        entry = indicator_for(row.label, is_rate(row.label, getattr(row, "unit_class", None)))
        words = (
            [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", entry.match) if w in row.label] if entry else []
        )
        if any(w in text for w in words):
            return True
    return False


#: a worsened rate that moved this little (percentage points) slipped; it did not collapse (r21: 100% →
#: 98.6% is no state to 扭转)
SLIGHT_POINTS = 2.0


def _slight(row: Any) -> bool:
    last = _last_number(row)
    return (
        last is not None
        and row.number is not None
        and getattr(row, "unit_class", None) == "rate"
        and abs(row.number - last) <= SLIGHT_POINTS
    )


def _named(row: Any) -> str:
    """How an item names a row's matter: a part's own words (其中网上信访 → 网上信访; blind read r26)."""
    return PART_RE.sub("", row.label.strip()) or row.label


#: the verbs of intake a matter's name carries (受理信访事项 → 信访事项, 督办…案件 → …案件)
_INTAKE_VERB_RE = re.compile(r"^(?:受理|督办|收到|接收|接到|新收)|(?:受理|受理量|数量|数)$")


def figure_item(rows: list[Any], problems: bool, body: Any = None) -> tuple[str, str] | None:
    """The item naming every worsened figure (problem) or answering it (plan), or None; figures of
    one direction share it (法定审限内结案率、调解成功率较上年下降). A rate that moved at most
    ``SLIGHT_POINTS`` 有所下降 and is brought back up (推动…回升), never 扭转ed."""
    groups: dict[str, list[Any]] = {}
    for row in rows:
        if d := worsened(row, body, rows):
            if DURATION_RE.search(
                row.label.strip()
            ):  # a time grows longer (审理天数较上年延长: blind read r61)
                d = {"上升": "延长", "下降": "缩短"}.get(d, d)
            groups.setdefault(d, []).append(row)
    if not groups:
        return None
    moved_rows = [r for group in groups.values() for r in group]
    slight = all(_slight(r) for r in moved_rows)
    # the causes the user's notes give (主要受征收补偿类案件集中影响), each by what it names
    causes = [note_cause(r) for r in moved_rows]
    cores = list(dict.fromkeys(cause_core(c) for c in causes))
    # the plan names what it answers (blind reads r61, r62: never 逐项查找原因 again, never 针对上述原因，【…】 alone)
    answered = f"针对{'、'.join(cores)}的情况，{missing('针对性整改措施')}。" if all(causes) else ""
    if problems:
        said = "，".join(
            f"{'、'.join(_named(r) for r in group)}较上年{'有所' if slight else ''}{d}"
            for d, group in groups.items()
        )
        # the cause the user's note gives, else asked for (blind read r59: never a marker where the table says why)
        if all(causes):  # said with the figure it explains, the item's title (no body said twice)
            if len(cores) > 1 and all(re.match(r"^(?:主要|均|多)?受", c) for c in causes):
                return (
                    f"{said}，主要受{'、'.join(cores)}影响",
                    "",
                )  # one 主要受…影响 for all (never said thrice)
            return said + "，" + "，".join(dict.fromkeys(said_cause(c) for c in causes)), ""
        return said, f"主要原因是{missing('原因')}。"
    # the plan answers this item's own figures, whose names its lead already says, not every problem
    # above (r24: 针对上述问题 under a plan of one rate read as filler)
    moved = "，".join(f"{'、'.join(_named(r) for r in group)}{d}" for d, group in groups.items())
    if set(groups) == {"上升"} and all(INTAKE_RE.search(r.label) or "督办" in r.label for r in moved_rows):
        # what comes to the body (信访事项受理, 督办涉法涉诉信访案件) is never turned back: its sources are worked on
        # (blind read r64: never 着力扭转信访事项受理上升的状况)
        matters = "、".join(
            dict.fromkeys(_INTAKE_VERB_RE.sub("", _named(r)) or _named(r) for r in moved_rows)
        )
        return f"加强{matters}的源头预防和依法化解", answered or f"{missing('源头预防和化解措施')}。"
    answer = answered or f"逐项查找原因，{missing('针对性整改措施')}。"
    if slight:
        back = "，".join(
            f"{'、'.join(_named(r) for r in group)}{'回升' if d == '下降' else '回落'}"
            for d, group in groups.items()
        )
        return f"推动{back}", answer
    return f"着力扭转{moved}的状况", answer


#: a count of work that comes to the body (受理…仲裁案件, 投诉举报, 信访, 新收案件): its rise is a pressure
#: on the body, not a fruit of its effort (查办案件 rose: more enforcement) nor a worse state
INTAKE_RE = re.compile(r"受理|新收|收案|收到|接收|接到|投诉|举报|信访|来访|工单|申请")
#: work finished rather than work coming in (工单办结, 审结, 结案)
DONE_RE = re.compile(r"办结|结案|审结|办毕|完成")
#: a rise this large (share of last year) and a count this large make a pressure worth a problem item
PRESSURE_SHARE, PRESSURE_MIN = 0.10, 50


#: a completion rate in a note (按期办结率99.6%, 办结率100%): the work that came was done
_DONE_RATE_RE = re.compile(r"(?:办结|结案|办复|答复|回复|处置)率(?:达|为)?(\d+(?:\.\d+)?)\s*[%％]")
#: from this completion rate the rise was met: no shortfall of staff or machinery to report
KEPT_PACE = 95.0


def _kept_pace(row: Any) -> bool:
    """Whether the row's own note says the work that came was done (受理投诉举报 46.2万件, note 按期办结率99.6%):
    its rise is no shortfall of 办理力量 (blind read r52: a problem the same row's note belied)."""
    note = getattr(row, "note", "") or ""
    if any(float(m.group(1)) >= KEPT_PACE for m in _DONE_RATE_RE.finditer(note)):
        return True
    # …or a count of what was done, its share of the intake (受理矛盾纠纷361件, note 调解成功356件: r56)
    total = getattr(row, "number", None) or 0
    return total > 0 and any(
        float(m.group(1)) / total * 100 >= KEPT_PACE for m in _DONE_COUNT_RE.finditer(note)
    )


#: a count of the intake done, in a note (调解成功356件, 办结118件, 化解45起)
_DONE_COUNT_RE = re.compile(
    r"(?:调解成功|成功调解|办结|化解|结案|审结|处置|答复)(\d+(?:\.\d+)?)\s*(?:件|起|个|宗)"
)


def pressure(rows: list[Any], body: Any = None) -> Any | None:
    """The row of work coming to the body that rose most against last year (≥ ``PRESSURE_SHARE``), or
    None: the clearest pressure in the user's data (blind read r25: a 人社局's arbitration cases rose
    14.8 % and its problems never said so). A kind's item that speaks of that growth (``unless_fell``:
    案多人少 of a court) says it already."""
    best, share = None, PRESSURE_SHARE
    for row in rows:
        last = _last_number(row)
        if (
            last is None
            or row.number is None
            or last <= 0
            or row.number < PRESSURE_MIN
            or getattr(row, "unit_class", None) != "case"
            or not INTAKE_RE.search(row.label)
            or DONE_RE.search(row.label)  # 12345热线工单办结: work finished, no pressure coming in
            or worsened(row, body)
            or row_direction(row, body).judged
            or _kept_pace(row)
        ):
            continue
        rise = (row.number - last) / last
        if rise >= share:
            best, share = row, rise
    if best is None or body is None:
        return best
    for entry in [*department_items(body), *list_items().get(getattr(body, "kind", "") or "", [])]:
        if any(w in best.label for w in entry.get("unless_fell", [])):
            return None
    return best


def pressure_item(rows: list[Any], problems: bool, body: Any = None) -> tuple[str, str] | None:
    """The item of :func:`pressure` (problem) or its answer (plan): no figure, the table says it."""
    row = pressure(rows, body)
    if row is None:
        return None
    label = row.label.strip()
    last = _last_number(row)
    how = (
        "明显" if last and is_marked(Decimal(str(row.number)), Decimal(str(last))) else "有所"
    )  # the audit's rule
    if problems:
        return (
            f"{label}较上年{how}增加，办理力量和工作机制还不相适应",
            f"案件增长与人员力量、工作机制之间的矛盾有所显现，{missing('具体表现')}。",
        )
    # 12315平台受理投诉举报 → 12315平台投诉举报 (r52: never 提升…受理投诉举报办理效能)
    matter = re.sub(r"^(?:全年|年内)?(?:依法)?", "", label)
    matter = re.sub(r"(?:受理|新收|收到|接收|接到|办理)(?=.{2,})", "", matter, count=1) or label
    matter = re.sub(r"(?:收案|受理量|收案数)$", "", matter) or matter  # 行政复议收案 → 行政复议 (r54)
    return (
        f"提升{matter}办理效能",
        f"充实办理力量，加强业务培训，健全分流、调处和办理机制，{missing('具体措施')}。",
    )


#: words that name the matter of a worsened figure and of a kind's item alike (督察 in 督察发现问题整改
#: 完成率 and in 督察发现问题的整改跟踪还不到位)
MATTER_WORDS = (
    "督察",
    "督查",
    "整改",
    "投诉",
    "信访",
    "应诉",
    "复议",
    "调解",
    "执法",
    "审查",
    "普法",
    "考核",
    "述法",
)


def figure_home(rows: list[Any], body: Any = None) -> dict[str, str] | None:
    """The kind's own item (problem and plan) that speaks of the matter of the one worsened figure, or
    None: the figure is then said in that item, not in an item of its own beside it (r21: 督察…整改完成率
    较上年下降 next to 督察发现问题的整改跟踪还不到位)."""
    bad = [r for r in rows if worsened(r, body, rows)]
    if len(bad) != 1 or body is None or not getattr(body, "kind", None):
        return None
    words = [w for w in MATTER_WORDS if w in bad[0].label]
    for entry in [*department_items(body), *list_items().get(body.kind, [])]:
        title = _fill(entry["problem"], body) or ""  # the item's own matter: its title names it
        if words and any(w in title for w in words) and not belied(entry, rows):
            return entry
    return None


HEAD_DATA = DATA.with_name("head_items.yaml")


@lru_cache(maxsize=1)
def head_items() -> list[dict[str, Any]]:
    """The items of a head's own duty in a 述法报告 (``data/head_items.yaml``)."""
    return list_items(HEAD_DATA)["述法"]


DEPARTMENT_DATA = DATA.with_name("department_items.yaml")


def department_items(body: Any) -> list[dict[str, str]]:
    """The items of the body's department (``data/department_items.yaml``), before its kind's."""
    department = getattr(body, "department", None)
    return list_items(DEPARTMENT_DATA).get(department, []) if department else []


@lru_cache(maxsize=4)
def list_items(path: Path = DATA) -> dict[str, list[dict[str, str]]]:
    """The kinds' own problem/plan pairs (``data/list_items.yaml``), checked on load."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fields = {"problem", "problem_body", "plan", "plan_body"}
    optional = {"unless_fell", "unless_rose"}
    for kind, entries in data.items():
        for entry in entries:
            if not fields <= set(entry) <= fields | optional:
                raise ValueError(f"{path.name}：{kind} 的条目字段应为 {sorted(fields)}，实为 {sorted(entry)}")
    return data


def belied(entry: dict[str, Any], rows: list[Any]) -> bool:
    """Whether the user's own figures belie an item: it speaks of a growth the table shows fell
    (``unless_fell``: 案多人少 while the cases received fell) or of a shortfall of a figure that rose
    (``unless_rose``)."""
    for key, fell in (("unless_fell", True), ("unless_rose", False)):
        for row in rows:
            last = _last_number(row)
            if last is None or row.number is None or last == row.number or (row.number < last) != fell:
                continue
            if any(word in row.label for word in entry.get(key, [])):
                return True
    return False


def _head_entry(body: Any) -> dict[str, Any]:
    """The head's duty item for this body (one of :func:`head_items`, by its name: bodies vary)."""
    items = head_items()
    return items[zlib.crc32((body.name or body.kind or "").encode("utf-8")) % len(items)]


def kind_items(
    body: Any, problems: bool, rows: list[Any] | None = None, head: bool = False
) -> list[tuple[str, str]]:
    """(title, body) of the body kind's own items, its roles filled in (全面依法治县委员会, 全镇干部),
    without those the user's figures belie (:func:`belied`); ``head`` (a 述法报告): one item of the
    head's own duty first."""
    if body is None or not body.kind:
        return []
    out = []
    entries = [*department_items(body), *list_items().get(body.kind, [])]
    for entry in ([_head_entry(body)] if head else []) + entries:
        if rows and belied(entry, rows):
            continue
        title, text = (
            (entry["problem"], entry["problem_body"]) if problems else (entry["plan"], entry["plan_body"])
        )
        filled = [_fill(t, body) for t in (title, text)]
        if all(filled) and not out_of_scope(f"{filled[0]}。{filled[1]}", body):  # 执法办案 of an 审计局
            out.append((filled[0], filled[1]))
    return out


def plan_for(problem_title: str, body: Any) -> tuple[str, str] | None:
    """The kind's plan paired with one of its problems (matched by the problem's own text)."""
    if body is None or not body.kind:
        return None
    for entry in [*department_items(body), *list_items().get(body.kind, []), *head_items()]:
        if _fill(entry["problem"], body) and _fill(entry["problem"], body) in problem_title:
            return _fill(entry["plan"], body) or "", _fill(entry["plan_body"], body) or ""
    return None


def _fill(template: str, body: Any) -> str | None:
    """``template`` with the body's roles ({staff}, {whole}, {study} …) and level character ({p})."""
    names = set(re.findall(r"\{(\w+)\}", template))
    values = {"p": body.char or ""}
    for name in names - {"p"}:
        role = body.role(name)
        if not role:
            return None
        values[name] = role
    return template.format(**values)


def claims(texts: list[str]) -> set[str]:
    """The three-letter words of every matter the texts claim complete (合法性审查全覆盖 → 合法性 …)."""
    matters = [
        re.sub(r"^.*?(?:实现|做到|达到|基本)", "", m.group(1))[-6:]
        for t in texts
        for m in CLAIM_RE.finditer(MARKER_RE.sub("", t))
    ]
    matters += [
        item
        for t in texts
        for m in ALL_DONE_RE.finditer(MARKER_RE.sub("", t))
        for item in re.split(r"[、和及与]", m.group(1))
        if len(item) >= 3
    ]
    return {m[i : i + 3] for m in matters for i in range(len(m) - 2)} - GENERIC


def claims_of_rows(rows: list) -> set[str]:
    """What the user's table claims complete, whether or not the text says it yet: a note that every one went
    through its steps (均履行公众参与、专家论证…程序) and a rate of 100 % (blind read r50: the table's own
    sentence said so, and the problems, drafted from the sentences of past reports, said the steps were
    uneven)."""
    texts = [r.note for r in rows if getattr(r, "note", None)]
    texts += [
        f"{r.label}达100%"
        for r in rows
        if r.unit_class == "rate" and r.number == 100 and r.label.endswith("率")
    ]
    return claims(texts)


#: a rate of all done, the matter before its ending (…综治中心规范化建设覆盖率 100%)
_DONE_RATE_LABEL_RE = re.compile(r"(?:覆盖率|完成率|达标率|建成率|到位率|落实率)$")
#: the scope before a matter (截至…, 全市, 市县乡三级, 各级)
_MATTER_SCOPE_RE = re.compile(
    r"^(?:截至[^，,]{2,12}?(?:底|日))?(?:全[省市县区乡镇]|[省市县区乡镇]{2,4}三级|[省市县区乡镇]{2,3}两级|各级)?"
)
#: a plan's push toward a matter (推动…, 加快…, 实现…), the longest first
PUSH_VERBS = ("推动", "推进", "加快", "加快推进", "完成", "实现", "全面推进")
_PUSH = "|".join(sorted(PUSH_VERBS, key=len, reverse=True))


def done_matters(rows: list) -> list[str]:
    """The matters the user's table says are done everywhere (a rate of 100 % of 覆盖率, 完成率 …):
    市县乡三级综治中心规范化建设覆盖率 100% → 综治中心规范化建设."""
    out = []
    for r in rows:
        label = (getattr(r, "label", "") or "").strip()
        if (
            getattr(r, "unit_class", None) != "rate"
            or r.number != 100
            or not _DONE_RATE_LABEL_RE.search(label)
        ):
            continue
        core = _MATTER_SCOPE_RE.sub("", _DONE_RATE_LABEL_RE.sub("", label))
        if len(core) >= 4:
            out.append(core)
    return out


def kept_up(text: str, done: list[str]) -> str:
    """A plan's text with a push toward a matter done everywhere said as keeping it (推动综治中心规范化建设 beside
    a coverage of 100 % → 巩固综治中心规范化建设成果: blind read r56, never a plan to build what is built)."""
    for core in done:
        text = re.sub(
            rf"(?:{_PUSH}){re.escape(core)}((?:全覆盖|工作)?)",
            lambda m, c=core: f"巩固{c}{m.group(1)}成果",
            text,
        )
    return text


def claims_of_none(rows: list) -> set[str]:
    """The three-letter words of what the user's rows say was not made or done this year (制定行政规范性文件
    0 → 规范性 …): a problem of how it is done contradicts the draft (an event of none, 未发生…, is no
    such claim)."""
    from assistant.draft.compose.phrasing import none_of

    out: set[str] = set()
    for row in rows:
        if row.number != 0 or row.unit_class == "rate":
            continue
        said = none_of(row)
        if said.startswith("全年未") and not said.startswith("全年未发生"):
            thing = re.sub(r"^全年未\S{2}", "", said)  # the object after its verb: 行政规范性文件
            out |= {thing[i : i + 3] for i in range(len(thing) - 2)}
    return out - GENERIC


def contradicts(sentence: str, claimed: set[str]) -> str | None:
    """The claimed matter a sentence says falls short, or None."""
    if not claimed or not SHORT_RE.search(sentence):
        return None
    return next((g for g in sorted(claimed) if g in sentence), None)
