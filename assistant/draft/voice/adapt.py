"""Make a reused sentence speak as the user's own body, and audit a text for other bodies' words.

``adapt(text, body)`` rewrites, as one set, the self-references (我局→我镇), the party organ and
its meetings (局党组会议→镇党委会议), the study group, the hedged template forms (党（工）委) and the
chains of superiors (中央、省委、市委和县委 → 党中央和上级党委); it returns ``None`` when the sentence
holds another kind of body's function or institution, or a claim the user's level may not make
(政府立法 below 设区的市, 办理行政复议 by a township …), because no rewrite makes that right.

``voice_audit(text, body)`` is the check that runs before every export and on every chat or LLM
answer: it lists each word left that belongs to another kind of body or level. Policy (README):
an export is refused while the audit finds anything, like the number audit; a chat or LLM answer
is shown with the words flagged (``flags``/``voice``) and highlighted in the web app.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from assistant.lang.bodies import ROLES, BodyProfile, body_data, level_rank

_PLACE_CHARS = "省市州县区旗盟"
_EXCLUDED_TERMS = {"全部", "全委", "全厅", "全办公室"}
# 全局 in 统揽全局/顾全大局… is not a self-reference
_NOT_SELF = re.compile(r"(?:统揽|顾全|服务|着眼|把握|谋划|关乎|影响|事关|大局|牵动|站位|带动|放眼)$")
_NAMED_BEFORE = re.compile(r"(?:司法|公安|审计|财政|民政|教育|税务|统计|法|检察|[监管源境])$")
_NOT_SELF_AFTER = re.compile(r"^(?:性|观|意识|高度|视野|眼光|发展)")
SUPERIOR_RE = re.compile(
    r"(?P<chain>(?:(?:党中央|中央|中)(?=[、和及与]|[省]))?"
    r"(?:[、和及与]?(?:省委|省政府|州委|州政府|市委|市政府|县委|县政府|区委|区政府|省|州|市|县|区)){2,})"
    r"(?P<tail>党委和政府|党委、政府|党委政府|党委|政府)?"
)
RULE_CHAIN_RE = re.compile(r"(?P<head>全面)?依法治(?:国|省)(?:、治[省市州县区乡镇]){1,4}")
ANNUAL_RE = re.compile(r"今年以来|年初以来|本年度以来")
HEDGED_LEVEL_RE = re.compile(r"县（区）|区（县）|县（市、区）|县（市）|乡（镇）|镇（乡）|乡镇（街道）")
BARE_ORGAN_RE = re.compile(
    r"(?<![上级各乡镇县区市州省局院工基])党委(?=(?:重要)?议事日程|班子|会议研究|会研究)"
)
RULE_OF_LAW_RE = re.compile(r"依法治(?P<c>[省市州县区乡镇])(?!国)")


#: What :func:`adapt` did, counted (as_is / adapted / dropped); read and reset by bench/bench_draft.py.
STATS: Counter[str] = Counter()


@dataclass
class Term:
    """A surface form of one body's role (局党组 = organ of a 政府部门)."""

    text: str
    kind: str
    role: str
    char: str


@dataclass
class Finding:
    """A word of another body's voice left in a text."""

    word: str
    reason: str
    sentence: str

    def to_public(self) -> dict[str, str]:
        return {"word": self.word, "reason": self.reason, "text": self.sentence}


@functools.cache
def _terms() -> tuple[dict[str, Term], re.Pattern[str]]:
    table: dict[str, Term] = {}
    for kind, spec in body_data()["kinds"].items():
        for role in ROLES:
            template = spec["roles"].get(role)
            if not template:
                continue
            forms = {template.format(p=c, s=c) for c in spec["chars"]}
            forms |= {o[role] for o in spec.get("role_overrides", {}).values() if o.get(role)}
            for form in forms:
                if form in _EXCLUDED_TERMS or len(form) < 2 or form in ("纪委", "纪检组"):
                    continue
                table.setdefault(form, Term(form, kind, role, _char_of(form, spec["chars"])))
    for form, kind, role, char in (
        ("党委会议", "乡镇", "organ_meeting", ""),
        ("党委会", "乡镇", "organ_meeting", ""),
        ("乡党委、政府", "乡镇", "organ", "乡"),
        ("镇党委、政府", "乡镇", "organ", "镇"),
        ("局机关", "政府部门", "staff", "局"),
        ("全局干部", "政府部门", "staff", "局"),
        ("全局党政工作会", "政府部门", "office_meeting", "局"),
        ("乡级单位", "乡镇", "level_unit", "乡"),
        ("党委理论学习中心组", "乡镇", "study", ""),
        ("镇级单位", "乡镇", "level_unit", "镇"),
        ("党工委会", "街道", "organ_meeting", "街道"),
    ):
        table.setdefault(form, Term(form, kind, role, char))
    alternation = "|".join(re.escape(t) for t in sorted(table, key=len, reverse=True))
    # an organ word inside a longer one (乡镇党委, 县委常委会, 局党委会) is not this term
    pattern = re.compile(rf"(?<![乡各局院常工健完齐安周保成万])(?:{alternation})")
    return table, pattern


def _char_of(form: str, chars: list[str]) -> str:
    for c in sorted(chars, key=len, reverse=True):
        if c in form:
            return c
    return ""


def _rank_of_char(char: str) -> int:
    return level_rank(body_data()["levels"].get(char))


def place_char(body: BodyProfile) -> str:
    """The level character of the body's area (县 for a county bureau, 镇 for a township)."""
    if body.kind in ("政府部门", "党委部门", "法院", "检察院"):
        return body.char if body.char in _PLACE_CHARS else ""
    return body.char


def _classify(term: Term, body: BodyProfile) -> tuple[str, str]:
    """(keep | replace | drop, replacement) for one matched term."""
    own = body.role(term.role)
    if own == term.text:
        return "keep", term.text
    if term.role in ("pronoun", "whole"):
        if term.kind in ("党委", "人民政府") and term.char and term.char == place_char(body):
            return "keep", term.text
        return ("replace", own) if own else ("drop", "")
    if term.kind in ("党委", "人民政府"):
        rank = _rank_of_char(term.char)
        if rank > body.rank():
            return "keep", term.text  # a superior's organ or meeting
        if rank == body.rank() and body.kind != term.kind:
            here = place_char(body)
            if term.char == here:
                return (
                    "keep",
                    term.text,
                )  # same place, another body (县委常委会 in a county government's report)
            if here:
                return "replace", term.text.replace(term.char, here, 1)  # 区委 → 县委 for a county body
    return ("replace", own) if own else ("drop", "")


def _allowed_function(rule: dict, body: BodyProfile) -> bool:
    if body.kind not in rule.get("kinds", []):
        return False
    if body.kind == "政府部门" and rule.get("departments") and body.department not in rule["departments"]:
        return False
    min_level = rule.get("min_level")
    return not (min_level and body.rank() and body.rank() < level_rank(min_level))


@functools.cache
def _wording_rules() -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(rule["pattern"]), rule) for rule in body_data().get("wording", [])]


def repair_wording(text: str, body: BodyProfile | None) -> str:
    """Apply the wording repairs of ``bodies.yaml`` (known typos, phrases that read wrongly once reused).

    A repair with ``kinds``/``sides`` applies only to those bodies; the first matching rule for a
    pattern wins, so a body-specific rule listed first overrides the general one.
    """
    done: set[str] = set()
    for pattern, rule in _wording_rules():
        if pattern.pattern in done:
            continue
        kinds, sides = rule.get("kinds"), rule.get("sides")
        if kinds and (body is None or body.kind not in kinds):
            continue
        if sides and (body is None or body.side not in sides):
            continue
        done.add(pattern.pattern)
        repl = rule["repl"]
        if "{p}" in repl:  # the body's level character (区政府议事决策程序)
            repl = repl.replace("{p}", place_char(body) if body is not None else "")
        text = pattern.sub(repl, text)
    return text


@functools.cache
def _functions() -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile("|".join(rule["words"])), rule) for rule in body_data()["functions"]]


def foreign_functions(text: str, body: BodyProfile) -> list[tuple[str, str]]:
    """(word, reason) for each claim in ``text`` the body may not make."""
    out = []
    for pattern, rule in _functions():
        m = pattern.search(text)
        if m and not _allowed_function(rule, body):
            out.append((m.group(0), rule["reason"]))
    return out


def _in_title(text: str, pos: int) -> bool:
    opened = text.rfind("《", 0, pos)
    return opened != -1 and text.rfind("》", 0, pos) < opened


def superiors_phrase(body: BodyProfile, central: bool) -> str:
    """How a chain of superiors is written for the body (党中央和上级党委 / 县委、县政府)."""
    if central:
        if body.group == "政府":  # a government answers to the State Council and its superiors too
            return "党中央、国务院和" + (body.superiors_text() if body.superiors else "上级党委、政府")
        return "党中央和" + (body.superiors_text() if body.superiors else "上级党委")
    return body.superiors_text()


def _is_led_by(text: str, m: re.Match[str]) -> bool:
    """Whether a chain is the subject of 领导 (在县委、县政府的坚强领导下): superiors, never the body itself."""
    return bool(re.match(r"(?:党委|政府)?的?(?:坚强|正确|有力)?领导", text[m.end() :])) and text[
        : m.start()
    ].endswith("在")


def _sub_superiors(text: str, body: BodyProfile) -> str:
    def sub(m: re.Match[str]) -> str:
        chain, tail = m.group("chain"), m.group("tail") or ""
        central = bool(re.match(r"党中央|中央|中[、和及与省]", chain))
        members = re.findall(r"[省州市县区](?:委|政府)?", re.sub(r"^(?:党中央|中央|中)", "", chain))
        has_organ = any(x.endswith(("委", "政府")) for x in members)
        if not (central or has_organ or tail):
            return m.group(0)  # 市、县两级: a list of levels, not of superiors
        if (
            not central
            and chain.strip("、和及与") in (body.superiors_text(), body.role("organ_pair"))
            and not _is_led_by(text, m)
        ):
            return m.group(0)
        if not central and chain.strip("、和及与") == body.superiors_text():
            return m.group(0)
        if _in_title(text, m.start()):
            return m.group(0)
        return superiors_phrase(body, central)

    return SUPERIOR_RE.sub(sub, text)


def _hedged(text: str, body: BodyProfile) -> str | None:
    for form, role in body_data()["hedged"].items():
        if form in text:
            own = body.role(role)
            if own is None:
                return None
            text = text.replace(form, own)

    def level(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.startswith(("乡", "镇")):
            return body.char if body.kind == "乡镇" else "乡镇"
        if body.rank() == 2 and place_char(body) in ("县", "区", "市", "旗"):
            return place_char(body)
        return body.up or "县"

    return HEDGED_LEVEL_RE.sub(level, text)


def adapt(text: str, body: BodyProfile | None, *, annual: bool = True) -> str | None:
    """Rewrite a reused sentence in the body's voice (see :func:`_adapt`); outcomes counted in ``STATS``."""
    out = _adapt(text, body, annual=annual)
    STATS["dropped" if out is None else ("as_is" if out == text else "adapted")] += 1
    return out


def _adapt(text: str, body: BodyProfile | None, *, annual: bool = True) -> str | None:
    """Rewrite a reused sentence in the body's voice, or ``None`` when it cannot be made right.

    Args:
        text: the sentence (figures already filled or marked).
        body: the user's body profile; None or an unknown kind leaves the text as is.
        annual: the report covers one year (今年以来 → 全年).

    Returns:
        The sentence in the user's voice, or None (the sentence holds another body's function,
        a claim the user's level may not make, or a role the user's body does not have).
    """
    if annual:
        text = ANNUAL_RE.sub("全年", text)
        text = re.sub(r"一年以来", "一年来", text)
        text = re.sub(r"截[至止]目前", "截至年底", text)
        text = re.sub(r"((?:19|20)\d\d年)以来", r"\1", text)
    text = repair_wording(text, body)
    if body is None or not body.kind:
        return text
    hedged = _hedged(text, body)
    if hedged is None:
        return None
    organ = body.role("organ")
    if organ:  # 列入党委重要议事日程: the body's own leading organ, not any 党委
        hedged = BARE_ORGAN_RE.sub(organ, hedged)
    text = RULE_CHAIN_RE.sub(lambda m: "全面依法治国" if m.group("head") else "依法治国", hedged)
    text = _sub_superiors(text, body)
    table, pattern = _terms()
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        term = table[m.group(0)]
        if term.role == "whole" and (
            _NOT_SELF.search(text[: m.start()]) or _NOT_SELF_AFTER.match(text[m.end() :])
        ):
            continue
        if m.group(0)[0] in "局院" and _NAMED_BEFORE.search(text[: m.start()]):
            continue  # 司法局机关: part of a named department, not a self-reference
        action, replacement = _classify(term, body)
        if action == "keep":
            continue
        if action == "drop" or _in_title(text, m.start()):
            return None
        pieces.append(text[last : m.start()])
        pieces.append(replacement)
        last = m.end()
    pieces.append(text[last:])
    text = "".join(pieces)
    for m in RULE_OF_LAW_RE.finditer(text):
        c = m.group("c")
        own = place_char(body)
        if not own or c == own:
            continue
        if _rank_of_char(c) < body.rank():
            return None  # 依法治乡 in a county bureau's report: the township's own work
        if _rank_of_char(c) == body.rank():
            text = text[: m.start("c")] + own + text[m.end("c") :]
    if foreign_functions(text, body):
        return None
    return _tidy(text, body)


def _tidy(text: str, body: BodyProfile) -> str:
    """Collapse doubled organs a swap can leave (镇党委、镇党委 → 镇党委; 我镇我镇 → 我镇)."""
    for role in ("organ", "pronoun", "whole"):
        own = body.role(role)
        if own:
            text = re.sub(rf"(?:{re.escape(own)}[、和及]?){{2,}}", own, text)
    return text


def voice_audit(text: str, body: BodyProfile | None, user_text: str = "") -> list[Finding]:
    """Every word left in ``text`` that belongs to another kind of body or level.

    Args:
        text: any drafted text (a paragraph, a whole draft, a chat answer).
        body: the user's body profile (no findings when unknown).
        user_text: the user's own words (metric labels, message, organisation): a word found there
            is the user's and never a finding.

    Returns:
        One finding per word, with the sentence it stands in.
    """
    if body is None or not body.kind:
        return []
    found = _voice_findings(text, body)
    return [f for f in found if not (user_text and f.word in user_text)]


def _voice_findings(text: str, body: BodyProfile) -> list[Finding]:
    findings: list[Finding] = []
    table, pattern = _terms()
    for sentence in re.findall(r"[^。！？；\n]+[。！？；]?", text):
        for m in pattern.finditer(sentence):
            term = table[m.group(0)]
            if term.role == "whole" and (
                _NOT_SELF.search(sentence[: m.start()]) or _NOT_SELF_AFTER.match(sentence[m.end() :])
            ):
                continue
            if _classify(term, body)[0] != "keep":
                findings.append(
                    Finding(
                        term.text,
                        f"属于{body_data()['kinds'][term.kind]['label']}的自称或机构",
                        sentence.strip(),
                    )
                )
        for word, reason in foreign_functions(sentence, body):
            findings.append(Finding(word, reason, sentence.strip()))
        for form in body_data()["hedged"]:
            if form in sentence:
                findings.append(Finding(form, "模板式写法，应写明本单位", sentence.strip()))
        m = RULE_CHAIN_RE.search(sentence)
        if m:
            findings.append(Finding(m.group(0), "其他地方的层级表述", sentence.strip()))
        for m in RULE_OF_LAW_RE.finditer(sentence):
            own = place_char(body)
            if own and m.group("c") != own and _rank_of_char(m.group("c")) <= body.rank():
                findings.append(Finding(m.group(0), "其他层级的依法治理表述", sentence.strip()))
    return findings


NEGATION_RE = re.compile(r"(?:没有|未发生|未出现|未有|无一|零)")


def _keywords(row: object) -> list[str]:
    from assistant.lang.vocab import kind_by_id

    label = re.sub(r"[\d.%]+|案件|件数|数量|次数|人数|情况|办理|受理|数$", "", str(getattr(row, "label", "")))
    words = [label] if len(label) >= 2 else []
    kind = kind_by_id(getattr(row, "kind", None) or "")
    if kind is not None:
        words += [a for a in kind.aliases if len(a) >= 2]
    return words


def contradicts(text: str, rows: list) -> bool:
    """Whether ``text`` denies one of the user's non-zero figures (没有…行政复议 next to 37 复议 cases)."""
    for row in rows or []:
        if not getattr(row, "number", None):
            continue
        for word in _keywords(row):
            for m in re.finditer(re.escape(word), text):
                if NEGATION_RE.search(text[max(0, m.start() - 14) : m.start()]):
                    return True
    return False
