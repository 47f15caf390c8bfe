"""The user's metrics table: read it from CSV/XLSX/YAML/JSON, or a web grid.

Figures stated in a chat message are read by :mod:`assistant.draft.tables.message`.

Columns: 指标, 数值, 单位 (optional 备注, 章节, kind); the English names label/value/unit/note/section
are accepted too. Values are parsed the way people write them (``180余``, ``2.3万``, ``97.7%``,
``23场``). Every malformed row is collected and reported at once in a ``MetricsError`` whose
message lists each row number and reason in Chinese.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.draft.tables.bounds import (
    YamlAliasError,
    check_record,
    delimiter,
    load_yaml,
    rate_warning,
    value_error,
)
from assistant.draft.tables.cells import unneutralise
from assistant.errors import BadInputError
from assistant.inputs import excerpt
from assistant.lang.units import (
    normalize_digits,
    parse_quantity,
    parse_value,
    put_magnitude,
    split_unit,
    times_thousand,
    unit_class,
)
from assistant.lang.vocab import classify

_COLUMNS: dict[str, tuple[str, ...]] = {
    "label": ("指标", "指标名称", "项目", "label", "name", "metric"),
    "value": ("数值", "数量", "值", "value", "number"),
    "unit": ("单位", "量词", "unit"),
    "note": ("备注", "说明", "note", "notes", "comment"),
    "section": ("章节", "栏目", "section"),
    "kind": ("kind", "类别", "类型"),
    "last": ("上年数值", "上年", "去年数值", "去年", "上年值", "last", "last_year"),
}
_READ_COLUMNS = {name.lower() for names in _COLUMNS.values() for name in names}
_ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")
METRICS_EXTS: tuple[str, ...] = (".csv", ".tsv", ".xlsx", ".yaml", ".yml", ".json")
"""The file types :func:`read_metrics` reads (a ``.txt`` is read as CSV too)."""
METRIC_COLUMNS: tuple[str, ...] = ("指标", "数值", "单位", "备注", "章节", "上年数值")
"""The metrics table's columns, in the order of a header-less table."""


class MetricsError(BadInputError):
    """The table has malformed rows; ``errors`` lists them (``第3行：数值“abc”不是数字``)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("指标数据有误：\n" + "\n".join(self.errors))


@dataclass
class MetricRow:
    """One user metric.

    Attributes:
        label: 指标, e.g. ``普法宣传活动``.
        value: the value as given (``"180余"``, ``"2.3万"``, ``"97.7%"``).
        number: numeric value, magnitude applied (``2.3万`` → 23000.0).
        unit: 量词 (``场次``, ``人次``, ``%``) or ``None``.
        unit_class: class of the unit (see ``assistant.lang.units``).
        approx: ``余``/``多``/``约`` … when the user marked the value approximate.
        magnitude: ``万``/``亿`` when written.
        note: 备注.
        section: 章节 the user assigned.
        kind: metric-vocabulary id, or ``None``.
        row: row number in the source (header = row 1 for files; 1-based for records).
        last: last year's value as written (上年数值, ``180余``), or ``None``; gives a comparison.
        warning: a doubt about the value that does not stop the row (a rate over 100 %), or ``None``.
    """

    label: str
    value: str
    number: float | None
    unit: str | None
    unit_class: str | None
    approx: str | None
    magnitude: str | None
    note: str | None
    section: str | None
    kind: str | None
    row: int
    last: str | None = None
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return asdict(self)


def row_unit(row: MetricRow) -> str | None:
    """The row's unit: its 单位, else the unit written in its value (``23场``); ``None`` for a blank row."""
    if row.unit:
        return row.unit
    return parse_value(row.value).unit if row.value else None


def is_blank(row: MetricRow) -> bool:
    """A row the user listed without its 数值 yet (``number`` is ``None``): the draft shows a marker."""
    return row.number is None and not str(row.value or "").strip()


DEFAULT_MAX_ROWS = 2000  # = Settings.metrics_max_rows


def _setting(name: str, default: Any) -> Any:
    """A configured limit (config file / environment), else its default."""
    try:
        from assistant.settings import load_settings

        return getattr(load_settings(), name)
    except Exception:  # noqa: BLE001 - a broken config is reported elsewhere
        return default


def _max_rows(max_rows: int | None) -> int:
    """An explicit limit, else the configured ``metrics_max_rows``."""
    return int(max_rows) if max_rows is not None else int(_setting("metrics_max_rows", DEFAULT_MAX_ROWS))


_CN_VALUE_RE = re.compile(
    r"[约近]?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+[余多]?[\u4e00-\u9fff%]{0,4}"
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unneutralise(str(value).strip())


def _not_a_number(raw: str, row: int, what: str = "数值") -> str:
    """Why a value cell is refused, with the fix: negative, Chinese numerals, or not a number."""
    text = normalize_digits(str(raw)).strip()
    raw = excerpt(raw, 24)
    if text.startswith(("-", "−", "－")) and any(ch.isdigit() for ch in text):
        return (
            f"第{row}行：{what}“{raw}”是负数；指标数值应为零或正数"
            "（减少、下降请写进指标名称，如“信访量下降”填 5）"
        )
    if _CN_VALUE_RE.fullmatch(text):
        return (
            f"第{row}行：{what}“{raw}”不是可读的数字：汉字数字请写完整（如 二十三、三千），"
            "不写“两三”“三四十”这样的约数，或改用阿拉伯数字（如 23、3000）"
        )
    return f"第{row}行：{what}“{raw}”不是数字"


def _pick(record: dict[str, Any], field: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    for name in _COLUMNS[field]:
        if name.lower() in lowered:
            return _cell(lowered[name.lower()])
    return ""


def _last_value(raw: str, unit: str | None, row: int) -> tuple[str | None, str | None]:
    """Check a 上年数值 cell: ``(value or None, error or None)``; ``*`` (masked) counts as empty."""
    if not raw or set(raw) <= set("*×＊"):
        return None, None
    try:
        pv = parse_value(raw)
    except ValueError:
        return None, _not_a_number(raw, row, "上年数值")
    if pv.number is not None and pv.number < 0:
        return None, _not_a_number(raw, row, "上年数值")
    try:
        parse_quantity(raw, unit)
    except ValueError:
        return None, f"第{row}行：上年数值“{excerpt(raw, 24)}”与单位“{excerpt(unit, 12)}”不一致"
    return raw, None


#: a value written with a 千-unit in its own cell (5.6千元, 六十九千元): the number, then the unit after 千
_THOUSAND_IN_VALUE_RE = re.compile(
    r"^(?P<value>.*?[\d一二三四五六七八九十百零两〇])千(?P<unit>[^\d一二三四五六七八九十百千万亿零两〇.,，]+)$"
)


def _readable(raw: str) -> bool:
    try:
        parse_value(raw)
    except ValueError:
        return False
    return True


#: a date the figure stands at, written inside the label (库存（截至11月底）, 截至11月底在册…): the row's date
_LABEL_DATE_RE = re.compile(
    r"^(?P<before>.*?)[（(]\s*(?P<date>截[至止][^（）()，,；;]{1,16}?)\s*[）)](?P<after>.*)$"
    r"|^(?P<lead>截[至止](?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|份)?)[，,\s]*(?P<rest>.+)$"
)


#: a space a clerk put between two clauses of a note (罚款合计86.4万元 均已执行到位): a clause break, never
#: one inside a Latin name (App Store) or between a figure and its unit
_NOTE_SPACE_RE = re.compile(
    # …or before a date (省厅下发 11月25日完成实地核查: r52)
    # …or before a count that has its own predicate (…影响 2件回复超期: r57)
    r"(?<=[\u4e00-\u9fff\d%％）)”》])[ \u3000\t]+(?=[\u4e00-\u9fff“《（(]|\d{1,4}(?:年|月)"
    r"|\d+(?:\.\d+)?[件起人个项次名户家所][\u4e00-\u9fff]{2})"
)


#: words a clerk listed with spaces inside a label's bracket (合法性审查（合同 文件 决策）)
_BRACKET_LIST_RE = re.compile(r"[（(][\u4e00-\u9fff]+(?:[ \u3000]+[\u4e00-\u9fff]+)+[）)]")


def listed_in_brackets(label: str) -> str:
    """A label with the spaces between the words listed in its bracket read as 、 (r54: never （合同 文件 决策）)."""
    return _BRACKET_LIST_RE.sub(lambda m: re.sub(r"[ \u3000]+", "、", m.group(0)), label) if label else label


def spaced_note(note: str) -> str:
    """A note with the spaces between its clauses read as the clause breaks they stand for (；): blind read r50,
    where a clerk's notes pasted into the text read …86.4万元 均已执行到位; three words or more in a row with
    no figure are a list (均履行公众参与 专家论证 风险评估 → 均履行公众参与、专家论证、风险评估: r55)."""
    if not note:
        return note
    note = _FRAMED_LIST_RE.sub(lambda m: re.sub(r"[ \u3000\t]+", "、", m.group(0)), note.strip())
    note = re.sub(r"》[ \u3000\t]+《", "》、《", note)  # titles listed with spaces are a list (r57)
    return _NOTE_SPACE_RE.sub("；", _SPACED_RUN_RE.sub(_listed, note))


#: a frame whose inside is one clause, spaces there part a list (主要受金融借款 物业纠纷案件数量增长影响: r56)
_FRAMED_LIST_RE = re.compile(r"(?:受|因|由于)[^；;，,。]*?[ \u3000\t][^；;，,。]*?(?:影响|所致)")


#: a run of a note between its marks, and a word of it a list may hold (no figure, no source named)
_SPACED_RUN_RE = re.compile(r"[^；;，,。]+")
_LIST_WORD_RE = re.compile(r"[\u4e00-\u9fff“”]{1,10}")
_SOURCE_VERB_RE = re.compile(r"(?:提供|统计|汇总|报送|反馈)$")


def _listed(m: re.Match[str]) -> str:
    words = re.split(r"[ \u3000\t]+", m.group(0).strip())
    if (
        len(words) >= 3
        and _COUNT_WORD_RE.fullmatch(words[-1])
        and all(_LIST_WORD_RE.fullmatch(w) for w in words[:-1])
    ):
        # a list closed by its count (食品 药品 特种设备 计量 四个领域: r62): 食品、药品、特种设备、计量四个领域
        return "、".join(words[:-1]) + words[-1]
    if (
        len(words) >= 2
        and _COUNTED_ETC_RE.fullmatch(words[-1])
        and all(_LIST_WORD_RE.fullmatch(w) for w in words[:-1])
    ):
        # a list closed by 等 and a count (对云岗镇 梅坳乡 县住建局等8个单位开展: blind read r61)
        return "、".join(words)
    if (
        len(words) == 2
        and _TWO_NAMES_RE.fullmatch(words[0])
        and (_TWO_NAMES_RE.fullmatch(words[1]) or _NAME_THEN_SAID_RE.fullmatch(words[1]))
    ):
        # two units named (含金沙区分局 白鹭湾工业园分局: blind read r64): a list, never two clauses
        return "、".join(words)
    if len(words) == 2 and all(_ETC_WORD_RE.fullmatch(w) for w in words) and _ETC_END_RE.search(words[1]):
        # two words are a list when the last closes it with 等… (研究法治督察整改 法治政府建设示范创建等事项: blind
        # read r59)
        return "、".join(words)
    # the list is the run of three words or more from the start; what follows it is a clause of its own
    # (上坪村 石桥村 枫湾村 竹园村 新塘村 其中上坪村连续2年获评市级: blind read r58)
    size = next(
        (k for k, w in enumerate(words) if not _LIST_WORD_RE.fullmatch(w) or _SOURCE_VERB_RE.search(w)),
        len(words),
    )
    if size >= 3:
        return "、".join(words[:size]) + "".join(" " + w for w in words[size:])
    return m.group(0)


#: the count that closes a list (四个领域, 3类)
_COUNT_WORD_RE = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:个|类|项|大)[\u4e00-\u9fff]{0,4}")
#: the last word of a list closed by 等 and a count (县住建局等8个单位开展)
_COUNTED_ETC_RE = re.compile(r"[\u4e00-\u9fff“”]{2,12}等\d+[个家所项名][\u4e00-\u9fff（）()]{0,10}")
#: a unit's name, perhaps after 含 (金沙区分局, 含城关派出所, 黄泥塘村)
_TWO_NAMES_RE = re.compile(
    r"(?:含|包括)?[\u4e00-\u9fff]{1,10}(?:分局|局|院|所|站|队|中心|委|办|村|社区|镇|乡|街道|公司|学校)"
)
#: a unit's name and what is said of the two (水碾村来访集中)
_NAME_THEN_SAID_RE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:村|社区|镇|乡|街道)(?:来访|上访|信访|纠纷|问题|案件)[\u4e00-\u9fff]{0,6}"
)
#: a word that closes a list (…等事项, …等工作, …等)
_ETC_END_RE = re.compile(r"等[\u4e00-\u9fff]{0,4}$")
_ETC_WORD_RE = re.compile(r"[\u4e00-\u9fff“”]{2,16}")


def dated_label(label: str, note: str | None) -> tuple[str, str | None]:
    """(label, note) with a date written inside the label moved to the head of the note, where a dated
    stock is read and said (县级储备粮实物库存（截至11月底） → 县级储备粮实物库存, 截至11月底；…): never
    全年… for a count at a day (tune read r45)."""
    m = _LABEL_DATE_RE.match(label)
    if m is None:
        return label, note
    if m["date"]:
        rest, date = (m["before"] + m["after"]).strip(), m["date"].strip()
    else:
        rest, date = m["rest"].strip(), m["lead"]
    if len(rest) < 2 or (note and note.lstrip().startswith(("截至", "截止"))):
        return label, note
    return rest, f"{date}；{note}" if note else date


#: a value cell that answers yes or no (是, 有, √; 否, 无, ×): one of the fact, or none
YES_VALUES = frozenset({"是", "有", "已", "已完成", "已获评", "√", "✓", "✔", "yes", "y", "true"})
NO_VALUES = frozenset({"否", "无", "没有", "未", "×", "✗", "no", "n", "false"})


#: a grade written instead of a figure (优秀, 良好等次, 合格)
GRADE_RE = re.compile(
    r"(?P<grade>优秀|良好|较好|合格|基本合格|不合格|达标|先进|好|一般|较差|差)(?:等次|等级|档次|档)?"
)


#: a grade written as the year's value (优秀, 良好等次): an honour of that grade
VALUE_GRADE_RE = re.compile(r"(?P<grade>优秀|良好|较好|合格|基本合格)(?:等次|等级|档次)?")


def _worded_value(raw: str) -> bool:
    """Whether a 数值 cell holds the user's words rather than a figure (14个村2个社区全覆盖, 已全覆盖): two Chinese
    characters or more besides numerals, units and approximations, and no reading as a number."""
    text = normalize_digits(raw).strip()
    if (
        not text
        or _CN_VALUE_RE.fullmatch(text)
        or text.lower() in YES_VALUES | NO_VALUES
        or VALUE_GRADE_RE.fullmatch(text)  # a grade won (优秀) is an honour, read below, never words
    ):
        return False
    try:
        parse_value(text)
    except ValueError:
        pass
    else:
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 2


def _row_from_record(
    record: dict[str, Any], row: int, allow_blank: bool = False
) -> tuple[MetricRow | None, str | None]:
    """Parse one record; returns ``(row, None)``, ``(None, error)`` or ``(None, None)`` for a blank row.

    With ``allow_blank`` a row without 数值 is kept (``value=""``, ``number=None``): drafting from
    last year's report shows a marker for it.
    """
    label, raw_value = _pick(record, "label"), _pick(record, "value")
    unit_cell = normalize_digits(_pick(record, "unit")) or None
    label, note = dated_label(listed_in_brackets(label), spaced_note(_pick(record, "note")) or None)
    if not label and not raw_value:
        return None, None
    if not label:
        return None, f"第{row}行：缺少指标名称"
    raw_last = _pick(record, "last")
    if (grade := GRADE_RE.fullmatch(raw_last.strip())) is not None:
        # a grade last year (良好, 优秀等次): no figure to compare, said in the note (blind read r58: the table
        # was refused, 上年数值“良好”不是数字)
        raw_last = ""
        said = f"上年为{grade['grade']}等次"
        note = f"{note}；{said}" if note else said
    last, err = _last_value(raw_last, unit_cell, row)
    if err:
        return None, err
    warning = None
    if allow_blank and _worded_value(raw_value):
        # words in the figure's cell (14个村2个社区全覆盖, 全覆盖): the user's own words, read as the note and the
        # figure left to fill, never the whole table refused (blind read r59)
        worded = raw_value.strip()
        note = f"{worded}；{note}" if note else worded
        raw_value = ""
        warning = (
            f"第{row}行：数值“{excerpt(worded, 24)}”含文字，已作为备注读入，数值待补充；"
            "如有合计数，请把数字填入数值、文字填入备注"
        )
    if not raw_value and allow_blank:
        section = _pick(record, "section") or None
        return MetricRow(
            label=label,
            value="",
            number=None,
            unit=unit_cell,
            unit_class=unit_class(unit_cell),
            approx=None,
            magnitude=None,
            note=note,
            section=section,
            kind=_pick(record, "kind") or classify(label, unit_cell, section or ""),
            row=row,
            last=last,
            warning=warning,
        ), None
    if not raw_value:
        return None, f"第{row}行：指标“{excerpt(label)}”缺少数值"
    if (grade := VALUE_GRADE_RE.fullmatch(raw_value.strip())) is not None:
        # a grade won (市级法治建设考核等次 优秀): the body's honour, said without a count (获评…优秀等次)
        core = re.sub(r"(?:考核|考评|评估|评价)?(?:等次|等级|结果|档次)$", "", label) or label
        kind_word = next((w for w in ("考核", "考评", "评估", "评价") if w in label[len(core) :]), "")
        label, raw_value, unit_cell = f"获评{core}{kind_word}{grade['grade']}等次", "1", unit_cell or "项"
    elif raw_value.strip().lower() in YES_VALUES:
        # a fact answered yes (连续2年获评全市优秀基层检察院 是: blind read r57) is one of it, said without a count
        raw_value, unit_cell = "1", unit_cell or "项"
    elif raw_value.strip().lower() in NO_VALUES:
        raw_value = "0"  # …and no is none of it
    if not unit_cell and not _readable(raw_value) and (m := _THOUSAND_IN_VALUE_RE.match(raw_value)):
        raw_value, unit_cell = m["value"], "千" + m["unit"]  # 17,878,411千元, 六十九千元 in one cell
    try:
        pv = parse_value(raw_value)
    except ValueError:
        return None, _not_a_number(raw_value, row)
    if pv.number is not None and pv.number < 0:
        return None, _not_a_number(raw_value, row)
    too_big = value_error(raw_value, pv.number, row)  # the value as written (千 and 万 alike)
    if too_big:
        return None, too_big
    if unit_cell and unit_cell.startswith("千") and len(unit_cell) > 1:  # 5.6 千元 is 5600 元
        raw_value, unit_cell = times_thousand(raw_value), unit_cell[1:]
        last = times_thousand(last) if last else last
    try:  # one reading of value and unit for the table, the comparisons and the audit
        pv = parse_quantity(raw_value, unit_cell)
    except ValueError as exc:
        return None, f"第{row}行：{exc}"
    magnitude = pv.magnitude
    unit = pv.unit
    mag_of_unit, bare = split_unit(unit_cell) if unit_cell else (None, None)
    if mag_of_unit:  # 12.6 with 单位 万元 is the row 12.6万 元: every reader of the row sees the 万
        unit, raw_value = bare, put_magnitude(raw_value, mag_of_unit)
        last = put_magnitude(last, mag_of_unit) if last and not parse_value(last).magnitude else last
    elif unit_cell:
        unit = unit_cell
    section = _pick(record, "section") or None
    kind = _pick(record, "kind") or classify(label, unit, section or "")
    return MetricRow(
        label=label,
        value=raw_value,
        number=pv.number,
        unit=unit,
        unit_class=unit_class(unit),
        approx=pv.approx,
        magnitude=magnitude,
        note=note,
        section=section,
        kind=kind,
        row=row,
        last=last,
        warning=rate_warning(label, raw_value, pv.number, unit, row),
    ), None


def rows_from_records(
    records: list[dict[str, Any]],
    first_row: int = 1,
    allow_blank: bool = False,
    max_rows: int | None = None,
    max_cell: int | None = None,
) -> list[MetricRow]:
    """Metric rows from dicts (the web grid, a parsed YAML/JSON list, CSV rows).

    Args:
        records: one dict per row, keyed by 指标/数值/单位/备注/章节 or label/value/unit/note/section.
        first_row: the row number of the first record (2 for a file with a header line).
        allow_blank: keep rows that have a 指标 but no 数值 (drafting from last year's report).
        max_rows: most records accepted (default: the ``metrics_max_rows`` setting).
        max_cell: most characters of one cell (default: the ``metrics_max_cell_chars`` setting).

    Returns:
        The rows, blank rows skipped.

    Raises:
        MetricsError: one or more rows are malformed (all of them are listed), or too many rows.
    """
    check_rows(len(records), max_rows)
    cell_cap = int(max_cell if max_cell is not None else _setting("metrics_max_cell_chars", 200))
    rows: list[MetricRow] = []
    errors: list[str] = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            errors.append(f"第{first_row + i}行：不是“指标/数值/单位”格式")
            continue
        err = check_record(record, first_row + i, cell_cap, _READ_COLUMNS)
        if err:
            errors.append(err)
            if len(errors) >= 50:
                errors.append("……（错误过多，只列出前 50 处）")
                break
            continue
        row, err = _row_from_record(record, first_row + i, allow_blank)
        if err:
            errors.append(err)
        elif row:
            rows.append(row)
    if errors:
        raise MetricsError(errors)
    return rows


def check_rows(n: int, max_rows: int | None, at_least: bool = False) -> None:
    """Refuse a table of more than ``max_rows`` rows (default: the ``metrics_max_rows`` setting)."""
    cap = _max_rows(max_rows)
    if n > cap:
        more = "超过" if at_least else "共"
        raise MetricsError(
            [f"指标表{more} {n} 行，超过上限 {cap} 行（设置项 metrics_max_rows）；请只保留本报告要用的指标"]
        )


def _decode(data: bytes) -> str:
    for enc in _ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise MetricsError(["文件编码无法识别（请另存为 UTF-8 或 GBK）"])


def _records_from_mapping(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        for key in ("metrics", "指标", "rows", "data"):
            if isinstance(data.get(key), list):
                return data[key]
        return [{"指标": k, "数值": v} for k, v in data.items()]
    if isinstance(data, list):
        return data
    raise MetricsError(["文件内容不是指标列表"])


def read_metrics(path: str | Path, allow_blank: bool = False, max_rows: int | None = None) -> list[MetricRow]:
    """Read the user's metrics table from CSV, XLSX, YAML or JSON.

    Args:
        path: the file; its suffix chooses the reader (.csv/.tsv/.txt, .xlsx, .yaml/.yml, .json).
        allow_blank: keep rows without 数值 (see :func:`rows_from_records`).
        max_rows: most data rows read (default: the ``metrics_max_rows`` setting); reading stops past it.

    Returns:
        The parsed rows.

    Raises:
        MetricsError: unreadable, broken or too large a file, or malformed rows (every row error
            listed, in Chinese, each line naming the file).
    """
    path = Path(path)
    try:
        rows = _read_metrics(path, allow_blank, max_rows)
        if not rows:
            raise MetricsError(["表格中没有指标行（需要“指标”“数值”两列，每个指标一行）"])
        return rows
    except MetricsError as err:
        raise MetricsError([f"{path.name}：{e}" for e in err.errors]) from err
    except MemoryError as exc:
        raise MetricsError([f"{path.name}：文件解开后过大，无法读取"]) from exc
    except (OSError, RecursionError) as exc:
        raise MetricsError([f"{path.name}：无法读取文件（{type(exc).__name__}）"]) from exc


def _read_metrics(path: Path, allow_blank: bool, max_rows: int | None) -> list[MetricRow]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise MetricsError([f"找不到指标文件：{path}"])
    cap_mb = float(_setting("metrics_max_mb", 2.0))
    if path.stat().st_size > cap_mb * 1024 * 1024:
        raise MetricsError(
            [
                f"文件过大（{path.stat().st_size / 1024 / 1024:.1f} MB，上限 {cap_mb:g} MB，设置项 metrics_max_mb）"
            ]
        )
    if suffix == ".xlsx":
        return rows_from_records(
            _xlsx_records(path, max_rows), first_row=2, allow_blank=allow_blank, max_rows=max_rows
        )
    text = _decode(path.read_bytes())
    if suffix in (".yaml", ".yml"):
        try:
            data = load_yaml(text) or []
        except YamlAliasError as exc:
            raise MetricsError(
                [f"YAML 第{exc.line}行使用了别名（*引用或 <<: 合并），指标表不支持，请把内容直接写出"]
            ) from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第{mark.line + 1}行" if mark is not None else "文件中"
            raise MetricsError([f"YAML 格式错误（{where}）"]) from exc
        return rows_from_records(_records_from_mapping(data), allow_blank=allow_blank, max_rows=max_rows)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            from assistant.ingest.readers import json_reason

            raise MetricsError([f"JSON 格式错误：第{exc.lineno}行（{json_reason(exc.msg)}）"]) from exc
        return rows_from_records(_records_from_mapping(data), allow_blank=allow_blank, max_rows=max_rows)
    if "\x00" in text:
        raise MetricsError(["文件中含空字节，不是文本表格（是否把 .xlsx 改成了 .csv？）"])
    records, header = table_records(text, tsv=suffix == ".tsv", max_rows=max_rows)
    return rows_from_records(
        records, first_row=2 if header else 1, allow_blank=allow_blank, max_rows=max_rows
    )


def table_records(
    text: str, *, tsv: bool = False, max_rows: int | None = None
) -> tuple[list[dict[str, Any]], bool]:
    """Records from CSV or TSV text (a file's content, a paste into the web page, an API value).

    Tab-separated when ``tsv`` or when the first line holds a tab. A first line naming a label or
    value column (指标/数值/label …) is the header; without one the columns are 指标, 数值, 单位,
    备注, 章节, 上年数值 in that order. Reading stops past the row limit.

    Returns:
        ``(records, has_header)``.

    Raises:
        MetricsError: a malformed line (named) or more rows than ``max_rows``.
    """
    text = text.strip("\ufeff\r\n")
    if not text.strip():
        return [], False
    first = text.splitlines()[0]
    cap = _max_rows(max_rows)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(first, tsv))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > cap + 1:
                check_rows(len(rows) - 1, cap, at_least=True)
    except csv.Error as exc:
        raise MetricsError(
            [f"第{max(reader.line_num, 1)}行：CSV 格式错误（单元格过长或引号不成对）"]
        ) from exc
    names = {n.lower() for n in (*_COLUMNS["label"], *_COLUMNS["value"])}
    if any(cell.strip().lower() in names for cell in rows[0]):
        headers = [cell.strip() for cell in rows[0]]
        return [dict(zip(headers, row, strict=False)) for row in rows[1:]], True
    return [dict(zip(METRIC_COLUMNS, row, strict=False)) for row in rows], False


def _xlsx_records(path: Path, max_rows: int | None = None) -> list[dict[str, Any]]:
    """The first sheet's rows as dicts; the zip is size-checked first and reading stops past the row limit."""
    from assistant.ingest.limits import Limits, check_zip
    from assistant.ingest.readers import IngestError

    try:
        check_zip(path, Limits(), "Excel 表格")
    except IngestError as err:
        raise MetricsError([err.reason]) from err
    from openpyxl import load_workbook

    max_rows = cap = _max_rows(max_rows)
    rows: list[tuple] = []
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken or foreign file
        raise MetricsError(
            [f"不是有效的 .xlsx 表格，无法打开（{type(exc).__name__}）；请用 Excel/WPS 另存为 .xlsx 或 .csv"]
        ) from exc
    try:
        for row in wb.worksheets[0].iter_rows(values_only=True):
            rows.append(row)
            if len(rows) > cap + 1:
                check_rows(len(rows) - 1, max_rows, at_least=True)
    except MetricsError:
        raise
    except Exception as exc:
        raise MetricsError(
            [f"第{len(rows) + 1}行：表格内容无法读取（{type(exc).__name__}），文件可能已损坏"]
        ) from exc
    finally:
        wb.close()
    if not rows:
        return []
    header = [_cell(h) for h in rows[0]]
    return [dict(zip(header, r, strict=False)) for r in rows[1:]]


def users_words(rows: Iterable[MetricRow]) -> str:
    """Every word the user wrote in a table (labels and notes): a term of another body's scope the user
    writes is the user's own (“3·15”特大非法集资案 in a procuratorate's note: blind read r37)."""
    return " ".join(f"{r.label} {r.note or ''}" for r in rows)
