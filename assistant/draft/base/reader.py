"""Last year's own report as the base of this year's: its lines, its metric slots, its figures table.

``read_base(path)`` parses a report (any reader format) into lines (title, headings, body
paragraphs) and the metric slots each line holds, every slot with a readable, unique label
(``进村入户普法宣传``, not a fragment of the sentence). ``metrics_table(base)`` turns the slots into
the figures table of ``assistant metrics FILE``: one row per slot with 指标, 数值 (empty, for this
year), 单位, 上年数值 (as written: ``180余``; empty when masked), 章节 and 原句.
``write_table`` writes it as CSV or XLSX, atomically. Drafting from the base is in
:mod:`assistant.draft.base.redraft`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.draft.tables.cells import safe_cell
from assistant.errors import BadInputError
from assistant.ingest.pipeline import infer_genre
from assistant.ingest.slots import find_slots
from assistant.lang.vocab import leading_verb
from assistant.settings import Settings
from assistant.types import Slot

COLUMNS = ("指标", "数值", "单位", "上年数值", "章节", "原句")
PAID_RE = re.compile(r"##paid(?:begin|end)##")
_TITLE_RE = re.compile(r"《[^》]*》?")
_GENERIC_VERBS = ("组织开展", "积极开展", "深入开展", "集中开展", "开展", "举办", "召开", "进行")
_LEAD_VERBS = ("组织", "邀请", "通过", "利用")
_SCOPE_VERB_RE = re.compile(r"^([\u4e00-\u9fff]{1,3}?)(发放|开展|覆盖|送|赠送|组织|配备|建立)")
_COVER_VERBS = ("覆盖", "惠及", "参与", "受众", "参加", "涉及")
_SENT_END = "。！？；"
_CN_ORD = "二三四五六七八九十"
_PRE_APPROX = ("约", "近", "超过", "逾", "不少于")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)年")


class BaseReportError(BadInputError):
    """A base report or a figures table that cannot be used; the message names the file or row."""


@dataclass
class BaseLine:
    """One line of the base report.

    Attributes:
        text: the line as written (paywall markers removed).
        level: heading level (1 for 一、, 2 for （一）…), 0 for a body paragraph.
        heading: the heading sentence when the line is (or opens with) a heading.
        run_in: the heading sentence and the body share the line.
        section: heading texts from the top level down to the line's own section.
        slots: every slot of the line (offsets into ``text``).
    """

    text: str
    level: int = 0
    heading: str = ""
    run_in: bool = False
    section: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


@dataclass
class BaseSlot:
    """A metric slot of the base report with its readable label and last year's figure."""

    label: str
    unit: str | None
    last: str
    section: str
    sentence: str
    line: int
    index: int  # position of the slot in ``BaseLine.slots``
    slot: Slot


@dataclass
class BaseReport:
    """A parsed base report: where it came from, its title, year, genre, lines and metric slots."""

    path: Path
    title: str
    year: int | None
    genre: str | None
    lines: list[BaseLine]
    slots: list[BaseSlot]


def short_heading(heading: str) -> str:
    """A heading cut at its first comma, at most 24 characters: （一）带头深入学习贯彻习近平法治思想."""
    return re.split(r"[，,。]", heading, maxsplit=1)[0][:24]


def _last_as_written(slot: Slot) -> str:
    if slot.masked or slot.value is None:
        return ""
    q = slot.qualifier or ""
    pre = q if q in _PRE_APPROX else ""
    mid = q if q in ("余", "多") else ""
    post = q if q in ("以上", "左右") else ""
    return f"{pre}{slot.value}{slot.magnitude or ''}{mid}{post}"


def _title_tail(titles: list[str]) -> str:
    last = re.split(r"[—\-－：:]+", titles[-1].strip("《》"))[-1]
    return last[-4:] if len(last) > 4 else last


def readable_label(slot: Slot, prev: str, text: str) -> str:
    """A short, readable label for a metric slot (docs/slots.md; labels cleaned for a table).

    Args:
        slot: the slot (its ``label`` from the slot parser).
        prev: the readable label of the previous slot in the same line ("" if none).
        text: the line the slot is in.

    Returns:
        ``组织开展进村入户普法宣传`` → ``进村入户普法宣传``; ``覆盖`` after it → ``进村入户普法宣传覆盖群众``.
    """
    raw = re.sub(r"[*×]+、?", "", PAID_RE.sub("", slot.label or ""))
    after = re.sub(r"[*×]+", "", text[slot.end : slot.end + 24])
    after = re.split(r"[，。；、,;！？]", after, maxsplit=1)[0]
    if slot.role == "scope":
        m = _SCOPE_VERB_RE.match(after)
        if m:
            rest = after[m.end() :]
            titles = _TITLE_RE.findall(rest)
            obj = _title_tail(titles) if titles else re.sub(r"[\d*×].*", "", rest)[:8]
            return f"{m.group(2)}{obj}的{m.group(1)}数"
    titles = _TITLE_RE.findall(raw)
    body = _TITLE_RE.sub("", raw).rstrip("等及和与、，")
    if body in _COVER_VERBS or (leading_verb(body) == body and body in _COVER_VERBS):
        noun = re.match(r"[\u4e00-\u9fff]{0,4}", after).group(0)
        return f"{prev}{body}{noun}" if prev else f"{body}{noun}"
    if "等" in body:
        head, tail = body.rsplit("等", 1)
        tail = re.sub(r"^(?:形式|方式)", "", tail)
        if len(tail) >= 2:
            verb = leading_verb(tail) or leading_verb(re.sub(r"^.*?(?=发放|开展|组织|印发|制作)", "", head))
            body = tail if leading_verb(tail) else (verb + tail)
    for verb in _GENERIC_VERBS:
        pos = body.rfind(verb)
        if pos >= 0 and len(body) - pos - len(verb) >= 3:
            body = body[pos + len(verb) :].lstrip("了")
            break
    for verb in _LEAD_VERBS:
        if body.startswith(verb) and len(body) - len(verb) >= 4 and verb in ("组织",):
            body = body[len(verb) :]
    if titles and (len(body) <= 3 or leading_verb(body) == body):
        m = re.search(r"发放|印发|学习|制作|赠送", body)
        body = (m.group(0) if m else body) + _title_tail(titles)
    body = body.strip("、，,的 ")
    return body or (prev or "数据")


def _unique(labels: list[str], sections: list[str], units: list[str | None]) -> list[str]:
    counts = Counter(labels)
    out: list[str] = []
    seen: Counter[str] = Counter()
    for label, _section, unit in zip(labels, sections, units, strict=True):
        if counts[label] > 1:
            label = (
                f"{label}（{unit}）"
                if unit
                and sum(1 for x, u in zip(labels, units, strict=True) if x == label and u == unit) == 1
                else label
            )
        seen[label] += 1
        if seen[label] > 1:
            label = f"{label}（其{_CN_ORD[min(seen[label] - 2, len(_CN_ORD) - 1)]}）"
        out.append(label)
    return out


def _lines(doc: Any) -> list[BaseLine]:
    """Split a parsed document into lines, each with its heading (if any) and slots."""
    headings = {h.start: h for h in doc.headings}
    lines: list[BaseLine] = []
    path: list[str] = []
    pos = 0
    for raw in doc.text.split("\n"):
        start = pos + (len(raw) - len(raw.lstrip()))
        pos += len(raw) + 1
        text = PAID_RE.sub("", raw).strip()
        if not text:
            continue
        heading = headings.get(start)
        line = BaseLine(text=text)
        if heading is not None:
            level = heading.level
            path = [*path[: level - 1], heading.text]
            line.level, line.heading = level, PAID_RE.sub("", heading.text).strip()
            line.run_in = len(line.heading) < len(text)
        line.section = list(path)
        line.slots = find_slots(text)
        lines.append(line)
    return lines


def _sentence_at(text: str, pos: int) -> str:
    start = max([text.rfind(c, 0, pos) for c in _SENT_END] + [-1]) + 1
    ends = [i for i in (text.find(c, pos) for c in _SENT_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()


def read_base(path: str | Path, settings: Settings | None = None) -> BaseReport:
    """Parse last year's report into lines and labelled metric slots.

    Args:
        path: the report (.txt/.md/.docx/.pdf … any reader format).
        settings: parser settings (size limits); defaults when omitted.

    Returns:
        The base report.

    Raises:
        BaseReportError: the file cannot be read, or it holds no metric slot at all.
    """
    from assistant.ingest.pipeline import IngestError, parse_file

    path = Path(path)
    if not path.is_file():
        raise BaseReportError(f"找不到底稿文件：{path}")
    try:
        docs = parse_file(path, settings)
    except IngestError as err:
        raise BaseReportError(f"底稿“{path.name}”无法读取：{err}") from err
    if not docs:
        raise BaseReportError(f"底稿“{path.name}”没有内容")
    doc = docs[0]
    lines = _lines(doc)
    title = doc.title or ""
    if lines and title and lines[0].text == title and not lines[0].level:
        lines = lines[1:]
    raw: list[tuple[int, int, Slot, str]] = []
    for li, line in enumerate(lines):
        prev = ""
        for si, slot in enumerate(line.slots):
            if slot.slot_type != "metric" or slot.role == "ordinal":
                continue
            prev = readable_label(slot, prev, line.text)
            raw.append((li, si, slot, prev))
    if not raw:
        raise BaseReportError(
            f"底稿“{path.name}”中没有找到任何指标数字（如“开展普法宣传11次”），无法据此生成指标表或起草"
        )
    sections = [short_heading(lines[li].section[-1]) if lines[li].section else "开头" for li, _, _, _ in raw]
    labels = _unique([r[3] for r in raw], sections, [r[2].unit for r in raw])
    slots = [
        BaseSlot(
            label=label,
            unit=slot.unit,
            last=_last_as_written(slot),
            section=section,
            sentence=_sentence_at(lines[li].text, slot.start),
            line=li,
            index=si,
            slot=slot,
        )
        for (li, si, slot, _), label, section in zip(raw, labels, sections, strict=True)
    ]
    year_m = _YEAR_IN_TITLE.search(title) or _YEAR_IN_TITLE.search(lines[0].text if lines else "")
    year = int(year_m.group(1)) if year_m else doc.meta.year
    genre = doc.meta.genre or infer_genre(title, doc.text[:400])
    return BaseReport(path=path, title=title, year=year, genre=genre, lines=lines, slots=slots)


def metrics_table(base: BaseReport) -> list[dict[str, str]]:
    """The figures table of a base report: one row per metric slot, 数值 left empty.

    Returns:
        ``[{"指标", "数值", "单位", "上年数值", "章节", "原句"}]`` in document order.
    """
    return [
        {
            "指标": s.label,
            "数值": "",
            "单位": s.unit or "",
            "上年数值": s.last,
            "章节": s.section,
            "原句": s.sentence,
        }
        for s in base.slots
    ]


def write_table(records: list[dict[str, Any]], path: str | Path) -> Path:
    """Write a figures table as CSV (UTF-8 with BOM, opens in Excel) or XLSX, atomically.

    Cells that a spreadsheet would run as a formula (``=`` ``+`` ``-`` ``@``) get a leading ``'``.

    Raises:
        BaseReportError: the suffix is neither .csv nor .xlsx.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    tmp = path.with_name(path.name + ".tmp")
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: safe_cell(rec.get(c, "")) for c in COLUMNS} for rec in records)
        tmp.write_text(buf.getvalue(), encoding="utf-8-sig")
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "指标"
        ws.append(list(COLUMNS))
        for rec in records:
            ws.append([safe_cell(str(rec.get(c, "") or "")) for c in COLUMNS])
        for col, width in zip("ABCDEF", (28, 10, 8, 10, 30, 60), strict=True):
            ws.column_dimensions[col].width = width
        wb.save(tmp)
    else:
        raise BaseReportError(f"不支持的指标表格式“{path.suffix}”，请用 .csv 或 .xlsx")
    tmp.replace(path)
    return path
