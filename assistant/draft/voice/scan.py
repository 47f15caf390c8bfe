"""The one term scanner behind both the rewriting (``adapt``) and the voice audit (``voice_audit``).

``scan(text, body)`` finds, sentence by sentence, every word that does not speak as the user's body
and says what to do with it: ``replace`` (我局 → 我镇, 省州县党委 → 上级党委, 依法治区 → 依法治县,
党（工）委 → 镇党委) or ``drop`` (a role the body does not have, a word inside a 《title》, an
institution or duty outside the body's scope: 政府立法 below 设区的市, 村委会 for a county …).
``adapt`` applies the replacements until nothing is left or drops the sentence; ``voice_audit``
lists the same hits as findings. Because both read one scan, what the rewriting keeps the audit
never flags (tests/test_voice_invariant.py checks it over the whole corpus).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.lang.bodies import ROLES, BodyProfile, level_rank, out_of_scope
from assistant.lang.body_model import bodies
from assistant.lang.places import COUNTY_UP_CHARS, LEVEL_CHARS

SENTENCE_RE = re.compile(r"[^。！？；\n]+[。！？；]?")
_PLACE_CHARS = COUNTY_UP_CHARS
_EXCLUDED_TERMS = {"全部", "全委", "全厅", "全办公室", "纪委", "纪检组"}
# 全局 in 统揽全局/顾全大局… is not a self-reference
_NOT_SELF = re.compile(r"(?:统揽|总揽|顾全|服务|着眼|把握|谋划|关乎|影响|事关|大局|牵动|站位|带动|放眼)$")
_NOT_SELF_AFTER = re.compile(r"^(?:性|观|意识|高度|视野|眼光|发展)")
# 司法局机关, 检察院: part of a named body, not a self-reference
_NAMED_BEFORE = re.compile(r"(?:司法|公安|审计|财政|民政|教育|税务|统计|法|检察|[监管源境])$")
SUPERIOR_RE = re.compile(
    r"(?P<chain>(?:(?:党中央|中央|中)(?=[、和及与]|[省]))?"
    rf"(?:[、和及与]?[{COUNTY_UP_CHARS}](?:委|政府)?){{2,}})"
    r"(?P<tail>党委和政府|党委、政府|党委政府|党委|政府)?"
)
RULE_CHAIN_RE = re.compile(rf"(?P<head>全面)?依法治(?:国|省)(?:、治[{LEVEL_CHARS}]){{1,4}}")
# 省委全面依法治省、市委全面依法治市… : another place's committees named one by one
COMMITTEE_CHAIN_RE = re.compile(
    rf"(?:[{COUNTY_UP_CHARS}]委(?:全面)?依法治[{COUNTY_UP_CHARS}][、和及]?){{2,}}的"
)
HEDGED_LEVEL_RE = re.compile(r"县（区）|区（县）|县（市、区）|县（市）|乡（镇）|镇（乡）|乡镇（街道）")
BARE_ORGAN_RE = re.compile(
    r"(?<![上级各乡镇县区市州省局院工基])党委(?=(?:重要)?议事日程|班子|会议研究|会研究)"
)
RULE_OF_LAW_RE = re.compile(rf"依法治(?P<c>街道|[{LEVEL_CHARS}])(?!国)")
#: the other township character standing for the body's own place before what a township has (乡执法水平,
#: 乡干部, 镇机关 in a 镇's or a 乡's report: blind read r39); compounds (城乡, 下乡, 乡镇, 乡村) are no place
TOWN_OWN_RE = re.compile(
    r"(?<![城家故老下回村乡镇集小全我本该])(?P<c>[乡镇])"
    r"(?=(?:综合)?(?:行政)?执法|干部|机关|人大|司法所|派出所|财政所|综治中心|直(?:各)?单位|域内)"
)
#: roles whose words the scanner reads as self-references (a ``leader`` such as 局主要负责人 also names
#: other bodies' heads: 听取各局主要负责人述法 in a county government's report stays)
SCANNED_ROLES = tuple(r for r in ROLES if r != "leader")


@dataclass(frozen=True)
class Term:
    """A surface form of one body's role (局党组 = organ of a 政府部门)."""

    text: str
    kind: str
    role: str
    char: str


@dataclass(frozen=True)
class Hit:
    """A word that does not speak as the body: ``replace`` it by ``replacement`` or ``drop`` the sentence."""

    start: int
    end: int
    word: str
    action: str  # replace | drop
    replacement: str
    reason: str


@dataclass
class Finding:
    """A word of another body's voice left in a text."""

    word: str
    reason: str
    sentence: str

    def to_public(self) -> dict[str, str]:
        return {"word": self.word, "reason": self.reason, "text": self.sentence}


@functools.cache
def owners() -> dict[str, frozenset[str]]:
    """Each fixed role word (党工委, 我院, 院党组: no place or suffix in it) → the kinds using it."""
    out: dict[str, set[str]] = {}
    for kind, spec in bodies().kinds.items():
        for role in SCANNED_ROLES:
            template = getattr(spec.roles, role)
            if template and "{" not in template:
                out.setdefault(template, set()).add(kind)
        for extra in spec.extra_terms:
            if not extra.char:
                out.setdefault(extra.form, set()).add(kind)
    return {form: frozenset(kinds) for form, kinds in out.items()}


@functools.cache
def terms() -> tuple[dict[str, Term], re.Pattern[str]]:
    """Every body kind's role words (from ``bodies.yaml``) and one pattern finding them."""
    table: dict[str, Term] = {}
    for kind, spec in bodies().kinds.items():
        for role in SCANNED_ROLES:
            template = getattr(spec.roles, role)
            forms = {template.format(p=c, s=c) for c in spec.chars} if template else set()
            overrides = [*spec.role_overrides.values(), *spec.suffix_overrides.values()]
            forms |= {getattr(o, role) for o in overrides if getattr(o, role)}
            for form in forms:
                if form in _EXCLUDED_TERMS or len(form) < 2:
                    continue
                table.setdefault(form, Term(form, kind, role, _char_of(form, spec.chars)))
    for kind, spec in bodies().kinds.items():
        for extra in spec.extra_terms:
            table.setdefault(extra.form, Term(extra.form, kind, extra.role, extra.char))
    alternation = "|".join(re.escape(t) for t in sorted(table, key=len, reverse=True))
    # an organ word inside a longer one (乡镇党委, 县委常委会, 局党委会) is not this term
    return table, re.compile(rf"(?<![乡各局院常工健完齐安周保成万])(?:{alternation})")


def _char_of(form: str, chars: list[str]) -> str:
    return next((c for c in sorted(chars, key=len, reverse=True) if c in form), "")


def _rank_of_char(char: str) -> int:
    return level_rank(bodies().levels.get(char))


def place_char(body: BodyProfile) -> str:
    """The level character of the body's area (县 for a county bureau, 镇 for a township, 街道)."""
    return body.char if body.char in bodies().levels else ""


def classify(term: Term, body: BodyProfile) -> tuple[str, str]:
    """(keep | replace | drop, replacement) for one role word."""
    own = body.role(term.role)
    if own == term.text or body.kind in owners().get(term.text, ()):
        return "keep", term.text  # the body's own word (党工委 of a 街道 as of a 开发区)
    if term.text in {body.role(r) for r in _OWN_ROLES}:
        return "keep", term.text  # the body's own word in another role of another kind (委务会议: r46)
    area = bodies().kinds[term.kind].place.area
    if term.role in ("pronoun", "whole"):
        if area and term.char and term.char == place_char(body):
            return "keep", term.text
        if area and body.rank() and _rank_of_char(term.char) >= body.rank() + 2:
            return "drop", ""  # 全省 in a county's or 全市 in a town's text: too far above to be rescaled
        return ("replace", own) if own else ("drop", "")
    if area:
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
            if here in _PLACE_CHARS and here:
                return "replace", term.text.replace(term.char, here, 1)  # 区委 → 县委 for a county body
    return ("replace", own) if own else ("drop", "")


#: A run of quoted names side by side (开展“法治进村”“送法入户”等): each quoted name is one item.
QUOTED_RUN_RE = re.compile(r"(?:“[^“”。；]{1,20}”){2,}")
_CLAUSE_RE = re.compile(r"[^，。；：！？]+")
#: What may lead a list whose first item goes (利用“安全生产月”、…): a verb of using or holding.
LIST_LEAD_RE = re.compile(r"(?:利用|借助|依托|通过|开展|结合|围绕|抓住|用好|以)$")


def _quoted_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) widened to the quotes around it (入户 → “送法入户”), else as given."""
    opened = text.rfind("“", 0, start + 1)
    if opened != -1 and text.rfind("”", opened, start) == -1:
        closed = text.find("”", end - 1)
        if closed != -1 and "“" not in text[end:closed]:
            return opened, closed + 1
    return start, end


def _clause_cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The cut that takes out the whole comma clause holding ``text[start:end]`` (结合“八五”普法，采取…开展
    “法治进村”“送法入户”等普法宣传，利用国家宪法日… → 结合“八五”普法，利用国家宪法日…), or None when the
    clause opens the sentence, holds a figure or a marker, or too little would stand without it."""
    clauses = [c for c in _CLAUSE_RE.finditer(text) if c.group(0).strip()]
    idx = next((i for i, c in enumerate(clauses) if c.start() <= start and end <= c.end()), None)
    if idx is None or idx == 0 or len(clauses) < 3:
        return None
    clause = clauses[idx]
    if re.search(r"[0-9０-９【]", clause.group(0)) or text[clause.start() - 1] != "，":
        return None
    rest = len(text) - (clause.end() - clause.start())
    if rest < 16:
        return None
    return clause.start() - 1, clause.end()  # with the comma before it


def _list_cuts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The cuts that take each span out of the enumeration it is an item of (利用“安全生产月”、国际禁毒日、
    国家宪法日等活动 → 利用国家宪法日等活动); when every item of a list goes, the comma clause holding
    the list goes (see :func:`_clause_cut`). None when one is no item of a list, or a whole list would
    go with no clause cut to take it: then the sentence is dropped."""
    cuts: list[tuple[int, int]] = []
    taken: dict[tuple[int, int], set[int]] = {}
    n_of: dict[tuple[int, int], int] = {}
    for start, end in spans:
        start, end = _quoted_span(text, start, end)
        cut = None
        for run in QUOTED_RUN_RE.finditer(text):
            items = [
                (m.start() + run.start(), m.end() + run.start())
                for m in re.finditer(r"“[^”]*”", run.group(0))
            ]
            if (start, end) in items:
                cut, key, idx, n = (
                    (start, end),
                    (run.start(), run.end()),
                    items.index((start, end)),
                    len(items),
                )
        if cut is None:
            clause = next(
                (c for c in _CLAUSE_RE.finditer(text) if c.start() <= start and end <= c.end()), None
            )
            if clause is None or "、" not in clause.group(0):
                return None
            seps = [clause.start() + i for i, ch in enumerate(clause.group(0)) if ch == "、"]
            bounds = [clause.start(), *[p + 1 for p in seps], clause.end() + 1]
            idx = next(i for i in range(len(bounds) - 1) if bounds[i] <= start < bounds[i + 1])
            n, key = len(bounds) - 1, (clause.start(), clause.end())
            lead = text[clause.start() : start]
            if idx == 0 and end == seps[0] and (not lead or LIST_LEAD_RE.search(lead)):
                cut = (start, seps[0] + 1)  # keep what leads the list (利用)
            elif idx == n - 1 and start == seps[-1] + 1:
                cut = (seps[-1], end)  # keep what follows it (等活动开展法律咨询)
            elif 0 < idx < n - 1 and bounds[idx + 1] - bounds[idx] <= 12:
                cut = (bounds[idx], bounds[idx + 1])
            else:
                return None  # the word is not a whole item of the list
        taken.setdefault(key, set()).add(idx)
        n_of[key] = n
        cuts.append(cut)
    for key in [
        key for key, idxs in taken.items() if len(idxs) >= n_of[key]
    ]:  # every item of this list is outside the scope: its clause goes instead
        clause = _clause_cut(text, *key)
        if clause is None:
            return None
        cuts = [clause if key[0] <= a and b <= key[1] else (a, b) for a, b in cuts]
    return cuts


def in_title(text: str, pos: int) -> bool:
    opened = text.rfind("《", 0, pos)
    return opened != -1 and text.rfind("》", 0, pos) < opened


def _is_led_by(text: str, m: re.Match[str]) -> bool:
    """Whether a chain is the subject of 领导 (在县委、县政府的坚强领导下): superiors, never the body itself."""
    return bool(re.match(r"(?:党委|政府)?的?(?:坚强|正确|有力)?领导", text[m.end() :])) and text[
        : m.start()
    ].endswith("在")


def _chain(text: str, m: re.Match[str], body: BodyProfile) -> str | None:
    """What a chain of superiors becomes (None: it stays)."""
    chain, tail = m.group("chain"), m.group("tail") or ""
    central = bool(re.match(r"党中央|中央|中[、和及与省]", chain))
    members = re.findall(rf"[{COUNTY_UP_CHARS}](?:委|政府)?", re.sub(r"^(?:党中央|中央|中)", "", chain))
    if not (central or any(x.endswith(("委", "政府")) for x in members) or tail):
        return None  # 市、县两级: a list of levels, not of superiors
    core = chain.strip("、和及与")
    if not central and (
        core == body.superiors_text() or (core == body.role("organ_pair") and not _is_led_by(text, m))
    ):
        return None
    if in_title(text, m.start()):
        return None
    return body.central_phrase() if central else body.superiors_text()


def _hedged_level(word: str, body: BodyProfile) -> str:
    if word.startswith(("乡", "镇")):
        return body.char if body.char in ("乡", "镇") else "乡镇"
    here = place_char(body)
    if body.rank() == 2 and here in ("县", "区", "市", "旗"):
        return here
    return body.up or "县"


def _sentence_hits(text: str, body: BodyProfile) -> list[Hit]:
    hits: list[Hit] = []
    add = hits.append
    for form, role in bodies().hedged.items():
        for m in re.finditer(re.escape(form), text):
            own = body.role(role)
            add(
                Hit(
                    m.start(),
                    m.end(),
                    form,
                    "replace" if own else "drop",
                    own or "",
                    "模板式写法，应写明本单位",
                )
            )
    for m in HEDGED_LEVEL_RE.finditer(text):
        if body.rank() > (1 if m.group(0).startswith(("乡", "镇")) else 2):
            continue  # a higher body naming its 乡镇（街道） or 县（市、区）: its subordinates, not a template
        add(
            Hit(
                m.start(),
                m.end(),
                m.group(0),
                "replace",
                _hedged_level(m.group(0), body),
                "模板式写法，应写明本级",
            )
        )
    organ = body.role("organ")
    for m in BARE_ORGAN_RE.finditer(text):  # 列入党委重要议事日程: the body's own leading organ, not any 党委
        if organ:
            add(Hit(m.start(), m.end(), m.group(0), "replace", organ, "应写明本单位的党组织"))
            continue
        # a body with no leading party organ (党委工作部门, 政法委): its own meeting sets the agenda;
        # 党委会议 is a term of its own (→ the meeting), and 党委班子 has no counterpart
        after = text[m.end() :]
        meeting = body.role("office_meeting") or body.role("organ_meeting")
        if re.match(r"(?:重要)?议事日程", after) and meeting:
            add(
                Hit(
                    m.start(),
                    m.end(),
                    m.group(0),
                    "replace",
                    meeting,
                    "本单位不设党委（党组），应写本单位的会议",
                )
            )
        elif not re.match(r"会", after):
            add(Hit(m.start(), m.end(), m.group(0), "drop", "", "本单位不设党委（党组）"))
    for m in COMMITTEE_CHAIN_RE.finditer(text):
        add(
            Hit(m.start(), m.end(), m.group(0), "replace", "上级党委关于全面依法治国的", "其他地方的层级表述")
        )
    for m in RULE_CHAIN_RE.finditer(text):
        repl = "全面依法治国" if m.group("head") else "依法治国"
        add(Hit(m.start(), m.end(), m.group(0), "replace", repl, "其他地方的层级表述"))
    for m in SUPERIOR_RE.finditer(text):
        repl = _chain(text, m, body)
        if repl is not None:
            add(Hit(m.start("chain"), m.end(), m.group(0), "replace", repl, "其他地方的上级表述"))
    table, pattern = terms()
    for m in pattern.finditer(text):
        term = table[m.group(0)]
        before, after = text[: m.start()], text[m.end() :]
        if term.role == "whole" and (_NOT_SELF.search(before) or _NOT_SELF_AFTER.match(after)):
            continue
        if m.group(0)[0] in "局院" and _NAMED_BEFORE.search(before):
            continue
        action, repl = classify(term, body)
        if action == "keep":
            continue
        reason = f"属于{bodies().kinds[term.kind].label}的自称或机构"
        if in_title(text, m.start()):
            action, reason = "drop", reason + "（书名中不能改写）"
        add(Hit(m.start(), m.end(), m.group(0), action, repl, reason))
    own = place_char(body)
    for m in RULE_OF_LAW_RE.finditer(text):
        c = m.group("c")
        if not body.rank() or c == own or _rank_of_char(c) > body.rank():
            continue  # the body's own 依法治县, or a superior's (县委依法治县委员会 in a 乡's report)
        # a body with no place of its own (人民法庭, 派出所) at a level runs no 依法治乡 there (r38)
        if _rank_of_char(c) == body.rank() and len(own) == 1 and own in _PLACE_CHARS + "乡镇":
            repl = m.group(0)[: -len(c)] + own
            add(Hit(m.start(), m.end(), m.group(0), "replace", repl, "其他层级的依法治理表述"))
        else:  # 依法治乡 in a county bureau's report: the township's own work
            add(Hit(m.start(), m.end(), m.group(0), "drop", "", "其他层级的依法治理表述"))
    if own in ("乡", "镇"):
        for m in TOWN_OWN_RE.finditer(text):
            if m.group("c") != own:
                add(Hit(m.start(), m.end(), m.group(0), "replace", own, f"本单位是{own}，不是{m.group('c')}"))
    scoped = out_of_scope(text, body)
    cuts = _list_cuts(text, [(m.start(), m.end()) for m, _r in scoped]) if scoped else []
    for i, (m, reason) in enumerate(scoped):
        if cuts is None:  # a word outside the scope that no cut takes out: the sentence goes
            add(Hit(m.start(), m.end(), m.group(0), "drop", "", reason))
        else:  # one item of a list outside the scope: the item goes, the list stays
            a, b = cuts[i]
            add(Hit(a, b, m.group(0), "replace", "", reason))  # the word, as the audit names it
    return [h for h in hits if not (h.action == "replace" and h.replacement == h.word)]


def scan(text: str, body: BodyProfile | None) -> list[Hit]:
    """Every word of ``text`` that does not speak as ``body``, sentence by sentence (offsets in ``text``)."""
    if body is None or not body.kind:
        return []
    out: list[Hit] = []
    own = _own_spans(text, body)
    for sm in SENTENCE_RE.finditer(text):
        for h in _sentence_hits(sm.group(0), body):
            start, end = h.start + sm.start(), h.end + sm.start()
            if any(a <= start and end <= b and (a, b) != (start, end) for a, b in own):
                continue  # 党委理论学习中心组 inside the body's own 委党委理论学习中心组 (r46)
            out.append(Hit(start, end, h.word, h.action, h.replacement, h.reason))
    return out


#: the roles whose text is the body's own word wherever it stands
_OWN_ROLES = ("organ", "organ_meeting", "office_meeting", "study", "staff", "leader", "discipline")


def _own_spans(text: str, body: BodyProfile) -> list[tuple[int, int]]:
    """Where ``text`` spells one of the body's own role words (委党委理论学习中心组, 委务会议): a shorter word of
    another kind inside one of them is no foreign word."""
    words = {w for w in (body.role(r) for r in _OWN_ROLES) if w and len(w) >= 3}
    return [(m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), text)]


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` holding position ``pos``, stripped."""
    for sm in SENTENCE_RE.finditer(text):
        if sm.start() <= pos < sm.end():
            return sm.group(0).strip()
    return text.strip()


def apply(text: str, hits: list[Hit]) -> str:
    """``text`` with the replacements of non-overlapping hits (the earliest, then the longest, wins)."""
    pieces, last = [], 0
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start < last:
            continue
        pieces += [text[last : h.start], h.replacement]
        last = h.end
    return "".join(pieces) + text[last:]
