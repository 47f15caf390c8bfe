"""Sentences for the user's figures: one verb and pattern per metric kind (data/metric_phrases.yaml).

A figure that no exemplar slot could take is written with its own kind's words (办理…件,
开展…场次, 建成…个, 覆盖…人次, 接收和管理社区矫正对象…人, …达…%), a compound figure keeps its linking
words (开展普法宣传活动23场次，覆盖群众5600人次), the label's own verb is never doubled, and a running
total (建成, 培育, 配备) is written without “全年”.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from assistant.draft.tables.compare import comparison_suffix
from assistant.draft.tables.metrics import MetricRow
from assistant.lang.markers import CONFIRM
from assistant.lang.units import APPROX_AFTER, APPROX_BEFORE, APPROX_INSIDE, parse_value, unit_class
from assistant.lang.vocab import leading_verb

DATA = Path(__file__).resolve().parents[2] / "data" / "metric_phrases.yaml"
_COUNT_NOUNS_RE = re.compile(r"(?:人次|次数|人数|件数|场次数|场次|数量|个数|总数|情况|数)$")
_TRAILING_VERB_RE = re.compile(r"(?:办理|开展|调解|受理|办结|化解|发放|举办|组织|召开|建成|建设|设立)$")
COMPOUND_RE = re.compile(r"(\d+(?:\.\d+)?(?:万)?(?:余|多)?场次?)(\d+(?:\.\d+)?(?:万)?(?:余|多)?人次)")


@functools.cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _spec(kind: str | None) -> dict[str, Any]:
    return dict(_data()["kinds"].get(kind or "", {}))


def _object(label: str, verb_in_phrase: bool) -> str:
    obj = re.sub(r"[（(][^）)]*[）)]$", "", label.strip())
    for _ in range(2):
        obj = _COUNT_NOUNS_RE.sub("", obj)
        obj = _TRAILING_VERB_RE.sub("", obj)
    if verb_in_phrase:
        verb = leading_verb(obj)
        if verb and len(obj) > len(verb) + 1:
            obj = obj[len(verb) :]
    return obj


def _value(row: MetricRow) -> str:

    return render_value(row, row.unit) + comparison_suffix(row)


def row_phrase(row: MetricRow, body: Any = None) -> tuple[str, bool]:
    """(phrase without 全年 and end mark, is a running total) for one user figure."""
    spec = _spec(row.kind)
    unit = row.unit or parse_value(row.value).unit
    cls = unit_class(unit)
    label = row.label.strip()
    if cls == "rate" or label.endswith("率"):
        template = spec.get("rate") or _data()["default"]["rate"]
        return template.format(
            obj=label.removesuffix("率") + "率" if "率" in label else label, value=_value(row)
        ).replace("率覆盖率", "覆盖率").replace("率率", "率"), True
    template = spec.get("phrase")
    if spec.get("by_body") and body is not None:
        template = (
            spec["by_body"].get(getattr(body, "department", None) or "")
            or spec["by_body"].get(getattr(body, "kind", None) or "")
            or template
        )
    if cls == "person_time" and spec.get("person_time"):
        template = spec["person_time"]
    if template is None:
        template = _data()["cases_default" if cls == "case" else "default"]["phrase"]
    verb_in_phrase = not template.startswith("{obj}")
    obj = _object(label, verb_in_phrase)
    own_verb = leading_verb(label)
    if verb_in_phrase and own_verb and obj == label:
        template = "{obj}{value}"  # the label brings its own verb: 聘请法律顾问
    if len(obj) < 2:
        obj = spec.get("default_obj", label)
    if obj.endswith("覆盖") or obj in ("覆盖", "普法覆盖"):
        obj = spec.get("default_obj", "群众")
    text = template.format(obj=obj, value=_value(row))
    text = re.sub(r"(开展|办理|组织|举办|召开)\1", r"\1", text)
    return text, bool(spec.get("stock"))


RUN_VERBS = ("全年办理", "全年开展")


def row_sentences(rows: list[MetricRow], body: Any = None, *, annual: bool = True) -> list[str]:
    """One sentence per figure, a companion figure joined to its partner (…场次，覆盖…人次)."""
    return [text for text, _ in row_sentences_with_rows(rows, body, annual=annual)]


def row_sentences_with_rows(
    rows: list[MetricRow], body: Any = None, *, annual: bool = True
) -> list[tuple[str, list[MetricRow]]]:
    """Like :func:`row_sentences`, each sentence with the rows it holds."""

    out: list[tuple[str, list[MetricRow]]] = []
    done: set[int] = set()
    for i, row in enumerate(rows):
        if i in done:
            continue
        if row.number == 0:
            out.append((own_sentence(row), [row]))
            continue
        phrase, stock = row_phrase(row, body)
        held = [row]
        for j, other in enumerate(rows):
            if j != i and j not in done and other.number and _spec(other.kind).get("companion") == row.kind:
                phrase += "，" + row_phrase(other, body)[0]
                held.append(other)
                done.add(j)
        done.add(i)
        prefix = "" if stock or not annual else "全年"
        lead = _spec(row.kind).get("lead", "")  # 坚持和发展新时代“枫桥经验”，… : the work the figure counts
        out.append((lead + prefix + phrase + "。", held))
    return _merge_runs(out)


def _merge_runs(out: list[tuple[str, list[MetricRow]]]) -> list[tuple[str, list[MetricRow]]]:
    """Neighbours with one verb become one sentence (全年办理行政复议案件37件、行政应诉案件12件), and a
    rate joins the count of its own kind (…，负责人出庭应诉率达100%)."""
    merged: list[tuple[str, list[MetricRow]]] = []
    for text, held in out:
        if merged:
            prev, prev_held = merged[-1]
            verb = next((v for v in RUN_VERBS if prev.startswith(v) and text.startswith(v)), None)
            if verb and "，" not in prev and len(prev_held) < 3:
                merged[-1] = (prev[:-1] + "、" + text[len(verb) :], prev_held + held)
                continue
            if "率达" in text and not text.startswith("全年") and prev_held[-1].kind == held[0].kind:
                merged[-1] = (prev[:-1] + "，" + text, prev_held + held)
                continue
        merged.append((text, held))
    return merged


def link_compounds(text: str) -> str:
    """开展普法宣传23场次5600人次 → 开展普法宣传23场次，覆盖5600人次."""
    return COMPOUND_RE.sub(r"\1，覆盖\2", text)


def render_value(row: MetricRow, slot_unit: str | None) -> str:
    """The user's value as it should read in the sentence (余/万 kept only when the user wrote them)."""
    parsed = parse_value(row.value)
    unit = row.unit or parsed.unit or slot_unit or ""
    pre, post = "", ""
    approx = parsed.approx or row.approx
    if approx in APPROX_BEFORE:
        pre = approx
    elif approx in APPROX_AFTER:
        post = approx
    mid = approx if approx in APPROX_INSIDE else ""
    return f"{pre}{parsed.text}{parsed.magnitude or ''}{mid}{unit}{post}"


def own_sentence(row: MetricRow, verb: str = "开展") -> str:
    """A sentence of its own for a row no exemplar slot could take: 全年开展普法宣传活动23场次。"""
    label = row.label.strip()
    if row.number == 0:
        return (
            f"{CONFIRM}全年未发生{label}。"
            if label.endswith(("案件", "事件", "案", "事故", "情形"))
            else f"{CONFIRM}全年无{label}。"
        )
    value = render_value(row, row.unit) + comparison_suffix(row)
    if unit_class(row.unit or parse_value(row.value).unit) == "rate" or label.endswith("率"):
        return f"{label}达到{value}。"  # 达到 already keeps a trailing digit of the label apart
    if leading_verb(label):
        verb = ""
    elif unit_class(row.unit or parse_value(row.value).unit) == "case" or label.endswith(("案件", "案")):
        verb = "办理"
    if label[-1:].isdigit():  # "普法宣传活动9" + 10场次 must not read "…910场次"
        return f"全年{verb}{label}，共{value}。"
    return f"全年{verb}{label}{value}。"
