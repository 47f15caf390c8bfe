"""Genre and title of a document: keyword cues first, a nearest-prototype vote where they are silent.

Genres a corpus holds: the three drafting genres (述法报告, 法治政府建设年度报告, 工作总结) and
政府工作报告, 讲话/发言, 工作要点/计划, 其他; ``unknown`` when the evidence is too weak. Every
decision carries a confidence in [0, 1] and its source (``user``, ``keywords``, ``prototype``,
``unknown``). The title is the report's own title line, else a first heading naming the body,
else one built from the batch row's fields, else the file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.lang.bodies import kind_title

UNKNOWN = "unknown"
#: Every genre label a document can carry, drafting genres first.
GENRE_LABELS = (
    "述法报告",
    "法治政府建设年度报告",
    "工作总结",
    "政府工作报告",
    "讲话/发言",
    "工作要点/计划",
    "其他",
)
_ALIASES = {
    "述法": "述法报告", "述职述法报告": "述法报告", "述职报告": "述法报告",
    "法治政府建设": "法治政府建设年度报告", "法治政府建设情况报告": "法治政府建设年度报告", "年度报告": "法治政府建设年度报告",
    "总结": "工作总结", "政府工作报告": "政府工作报告", "交流发言": "讲话/发言", "发言": "讲话/发言", "讲话": "讲话/发言",
    "讲话发言": "讲话/发言", "工作要点": "工作要点/计划", "工作计划": "工作要点/计划", "计划": "工作要点/计划",
    "要点": "工作要点/计划", "其它": "其他", "未知": UNKNOWN, "unknown": UNKNOWN,
}  # fmt: skip

#: A keyword decision needs this many points and this confidence; below, the prototype vote decides.
MIN_POINTS = 4.0
MIN_CONFIDENCE = 0.55
#: The prototype vote needs this margin (cosine) between the best and the second genre.
PROTOTYPE_MARGIN = 0.006

# (where, pattern, genre, points); where: title | opening | start | tail | headings | body
_CUES: tuple[tuple[str, str, str, float], ...] = (
    ("title", r"述法", "述法报告", 8), ("title", r"第一责任人职责", "述法报告", 8), ("title", r"述职", "述法报告", 3),
    ("opening", r"述法|第一责任人职责", "述法报告", 4), ("opening", r"学法用法", "述法报告", 2),
    ("start", r"^[^\n]{0,20}(依法治[县市区州省旗镇乡]|法治建设)[^\n]{0,12}(委员会|小组)?办公室：", "述法报告", 3),
    ("body", r"第一责任人", "述法报告", 1), ("body", r"本人", "述法报告", 0.5),
    ("title", r"法治政府建设.*(报告|情况)", "法治政府建设年度报告", 8),
    ("opening", r"法治政府建设(工作)?情况报告如下", "法治政府建设年度报告", 5),
    ("title", r"总结", "工作总结", 8), ("opening", r"总结如下|工作总结", "工作总结", 4),
    ("title", r"政府工作报告", "政府工作报告", 9), ("opening", r"向大会报告|请予审议", "政府工作报告", 5),
    ("opening", r"各位代表", "政府工作报告", 2), ("headings", r"工作回顾", "政府工作报告", 2),
    ("title", r"讲话|发言|致辞", "讲话/发言", 8), ("start", r"^(各位领导|同志们|各位同事|尊敬的)", "讲话/发言", 4),
    ("tail", r"发言完毕|谢谢大家|谢谢！|谢谢。", "讲话/发言", 4),
    ("title", r"工作要点|工作计划|实施方案|行动方案|工作方案", "工作要点/计划", 8),
    ("opening", r"特制定本|制定如下|现提出如下|特制定", "工作要点/计划", 3),
    ("headings", r"总体要求|主要任务|保障措施|工作目标", "工作要点/计划", 1),
)  # fmt: skip
_CUE_RES = [(where, re.compile(p), g, pts) for where, p, g, pts in _CUES]
_BOOK_RE = re.compile(
    r"《[^》]{0,60}》"
)  # titles of other documents quoted in the text say nothing about this one

#: Short descriptions voted against when the keywords are silent (embedded once per index write).
PROTOTYPES = {
    "述法报告": "本人履行推进法治建设第一责任人职责情况，带头学法用法，依法决策，述法报告，存在的问题和不足，下一步打算",
    "法治政府建设年度报告": "法治政府建设情况报告，依法全面履行政府职能，严格规范公正文明执法，行政复议，行政权力制约和监督",
    "工作总结": "今年以来工作总结，主要工作开展情况和成效，存在的困难和问题，明年工作思路",
    "政府工作报告": "各位代表，政府工作报告，过去一年经济社会发展，地区生产总值增长，今年经济社会发展的主要预期目标",
    "讲话/发言": "各位领导，同志们，交流发言，我的发言完毕，谢谢大家",
    "工作要点/计划": "工作要点，总体要求，主要任务，保障措施，特制定本方案",
}


@dataclass
class GenreGuess:
    """A genre with its confidence and where it came from."""

    genre: str
    confidence: float
    source: str  # user | keywords | prototype | unknown
    scores: dict[str, float] | None = None


def normalize_genre(name: str | None) -> str | None:
    """The canonical label of a user-given genre name (``交流发言`` → ``讲话/发言``), ``None`` for empty.

    Raises:
        ValueError: with a Chinese message listing the labels, for a name that matches none.
    """
    key = (name or "").strip()
    if not key:
        return None
    if key in GENRE_LABELS or key == UNKNOWN:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    for label in GENRE_LABELS:
        if key.replace("/", "") == label.replace("/", ""):
            return label
    raise ValueError(f"未知的体裁“{name}”。可选：{'、'.join(GENRE_LABELS)}、{UNKNOWN}")


def keyword_scores(title: str | None, opening: str, headings: Sequence[str], text: str) -> dict[str, float]:
    """Points per genre from the cue table (title, opening, first line, last lines, headings, body)."""
    opening = _BOOK_RE.sub("《》", opening or "")
    fields = {
        "title": title or "",
        "opening": opening,
        "start": opening.lstrip()[:80],
        "tail": (text or "").rstrip()[-120:],
        "headings": "\n".join(headings),
        "body": _BOOK_RE.sub("《》", text or ""),
    }
    scores: dict[str, float] = {}
    for where, rx, genre, pts in _CUE_RES:
        field = fields[where]
        if where == "body":
            n = len(rx.findall(field))
            gain = min(2.0, pts * n / 3) if n else 0.0
        elif where == "headings":
            gain = min(3.0, pts * len(rx.findall(field)))
        else:
            gain = pts if rx.search(field) else 0.0
        if gain:
            scores[genre] = scores.get(genre, 0.0) + gain
    return scores


def classify_keywords(title: str | None, opening: str, headings: Sequence[str], text: str) -> GenreGuess:
    """The keyword decision, or ``unknown`` (source ``unknown``) when the cues are too weak or split."""
    scores = keyword_scores(title, opening, headings, text)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked:
        return GenreGuess(UNKNOWN, 0.0, UNKNOWN, scores)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = round(min(1.0, top / 10) * (top - second) / top, 3)
    if top >= MIN_POINTS and confidence >= MIN_CONFIDENCE * min(1.0, top / 10):
        return GenreGuess(best, confidence, "keywords", scores)
    return GenreGuess(UNKNOWN, confidence, UNKNOWN, scores)


def prototype_vote(doc_vector: np.ndarray, prototype_vectors: dict[str, np.ndarray]) -> GenreGuess:
    """Nearest prototype of a document's mean passage vector; ``unknown`` when the margin is thin.

    Args:
        doc_vector: L2-normalised mean of the document's passage vectors.
        prototype_vectors: genre → L2-normalised vector of its description.

    Returns:
        The vote, confidence ``margin / (4 × PROTOTYPE_MARGIN)`` capped at 0.9.
    """
    sims = {g: float(np.dot(doc_vector, v)) for g, v in prototype_vectors.items()}
    ranked = sorted(sims.items(), key=lambda kv: -kv[1])
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = round(min(0.9, margin / (4 * PROTOTYPE_MARGIN)), 3)
    if margin < PROTOTYPE_MARGIN:
        return GenreGuess(UNKNOWN, confidence, UNKNOWN, sims)
    return GenreGuess(ranked[0][0], confidence, "prototype", sims)


def mean_vector(vectors: np.ndarray) -> np.ndarray:
    """L2-normalised mean of row vectors."""
    v = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n else v


# ------------------------------------------------------------------ titles
_BODY_RE = re.compile(r"(局|委|办|镇|乡|街道|县|市|区|省|州|政府|党委|党组|院|厅|中心|公司)")
_ADDRESSEE_RE = re.compile(r"^[^\n，。；]{2,30}[：:]$")


def is_addressee(line: str) -> bool:
    """A 主送 line (``××领导小组办公室：``, ``各位领导：``): short, ends in a colon, no sentence inside."""
    return bool(_ADDRESSEE_RE.match(line.strip()))


def heading_title(headings: Sequence[str]) -> str | None:
    """The first top heading that names a body and a year or a report word (used when no title line)."""
    from assistant.ingest.structure import TITLE_WORDS, heading_level

    for text in headings[:3]:
        plain = re.sub(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", "", text).strip("。 ")
        if (
            heading_level(text)
            and _BODY_RE.search(plain)
            and re.search(r"20\d{2}年", plain)
            and any(w in plain for w in TITLE_WORDS)
        ):
            return plain
    return None


def row_title(fields: dict, year: int | None) -> str | None:
    """The title of a batch row: its title field, completed from its fields (``2026年××省政府工作报告``)."""
    title = str(fields.get("title") or "").strip()
    place = str(fields.get("province") or fields.get("region") or fields.get("org") or "").strip()
    if title and place and place not in title and place.rstrip("省市") not in title:
        m = re.match(r"^(20\d{2}年)?(.*)$", title)
        title = f"{m.group(1) or ''}{place}{m.group(2)}" if m else f"{place}{title}"
    if not title and place:
        title = f"{year}年{place}政府工作报告" if year else f"{place}政府工作报告"
    return title or None


_TITLE_GENRES = {"讲话/发言": "交流发言", "工作要点/计划": "工作要点"}


def made_title(
    year: int | None,
    genre: str | None,
    level_text: str | None = None,
    kind: str | None = None,
    level: str | None = None,
) -> str | None:
    """A title for a document without a title line, made from what it says: year, body, genre.

    ``2021年县级部门工作总结``, ``乡镇（街道）党委述法报告``; ``None`` when neither the body nor the
    genre is known (the file name is then the last resort).
    """
    who = (level_text or "").strip()
    if not who and kind:
        who = kind_title(kind, level)
    what = genre if genre and genre not in ("unknown", "其他") else ""
    what = _TITLE_GENRES.get(what, what)
    if not what:
        if not who:
            return None
        what = "报告"
    return f"{year}年{who}{what}" if year else f"{who}{what}"


def fallback_title(path: str, doc_id: str) -> str:
    """The file name (the batch row's id for a row without any title)."""
    name = Path(path).name if path else ""
    return doc_id if "#" in doc_id or not name else name
