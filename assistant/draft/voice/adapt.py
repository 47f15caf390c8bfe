"""Make a reused sentence speak as the user's own body, and audit a text for other bodies' words.

Both read one term scanner (:mod:`assistant.draft.voice.scan`). ``adapt(text, body)`` first applies
the wording that depends on the body (``wording:`` of ``bodies.yaml``), then the scanner's
replacements (self-references, organs and meetings, hedged template forms, chains of superiors,
依法治X) until the scanner finds nothing; it returns ``None`` when a hit can only be dropped: a
role the body does not have, or an institution or duty outside its scope (政府立法 below
设区的市, 村委会 for a county, 办理行政复议 by a township …), because no rewrite makes that right.

``voice_audit(text, body)`` lists the scanner's hits as findings. It runs before every export and
on every chat or LLM answer. Policy (README): an export is refused while the audit finds anything,
like the number audit; a chat or LLM answer is shown with the words flagged (``flags``/``voice``)
and highlighted in the web app.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from assistant.draft.voice.scan import Finding, apply, place_char, scan, sentence_at
from assistant.lang.bodies import BodyProfile, level_rank
from assistant.lang.body_model import WordingRule, bodies

__all__ = ["Finding", "adapt", "contradicts", "repair_wording", "voice_audit"]

ANNUAL_RE = re.compile(r"今年以来|年初以来|本年度以来")
#: passes of the scanner before a sentence that still holds a hit is dropped
MAX_PASSES = 3

#: What :func:`adapt` did, counted (as_is / adapted / dropped; dropped_scope by a scope rule, cut_scope:
#: list items outside the scope taken out);
#: read and reset by bench/bench_draft.py and bench/bench_fit.py.
STATS: Counter[str] = Counter()


def applies(rule: WordingRule, body: BodyProfile | None) -> bool:
    """Whether a wording rule is for this body (its kinds, sides and highest level)."""
    if rule.kinds and (body is None or not body.named_in(rule.kinds)):
        return False
    if rule.sides and (body is None or body.side not in rule.sides):
        return False
    if rule.max_level and (body is None or not body.rank() or body.rank() > level_rank(rule.max_level)):
        return False
    return True


@functools.cache
def _wording_rules() -> list[tuple[re.Pattern[str], WordingRule]]:
    return [(re.compile(rule.pattern), rule) for rule in bodies().wording]


@functools.cache
def _scope_reasons() -> frozenset[str]:
    return frozenset(rule.reason for rule in bodies().scope)


def repair_wording(text: str, body: BodyProfile | None) -> str:
    """Apply the body-dependent wording of ``bodies.yaml`` (法治政府建设 → 法治建设 for a 党委 …).

    The first rule of a pattern that applies to the body wins.
    """
    done: set[str] = set()
    for pattern, rule in _wording_rules():
        if pattern.pattern in done or not applies(rule, body):
            continue
        done.add(pattern.pattern)
        repl = rule.repl
        if "{p}" in repl:  # the body's level character (区政府议事决策程序)
            repl = repl.replace("{p}", place_char(body) if body is not None else "")
        text = pattern.sub(repl, text)
    return text


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
        The sentence in the user's voice, or None (the scanner found a word that can only be
        dropped, or still finds one after ``MAX_PASSES`` rounds of replacements).
    """
    if annual:  # 今年以来，本人… → 本人全年… (a leader's voice keeps its subject first)
        text = re.sub(rf"(?<![^，。；])(?:{ANNUAL_RE.pattern}|全年)，(本人|我们)", r"\1全年", text)
        text = ANNUAL_RE.sub("全年", text)
        text = re.sub(r"一年以来", "一年来", text)
        text = re.sub(r"截[至止]目前", "截至年底", text)
        text = re.sub(r"((?:19|20)\d\d年)以来", r"\1", text)
    text = repair_wording(text, body)
    if body is None or not body.kind:
        return text
    cut = False
    for _ in range(MAX_PASSES):
        hits = scan(text, body)
        cut = cut or any(h.reason in _scope_reasons() for h in hits if h.action == "replace")
        if not hits:
            STATS["cut_scope"] += cut  # kept with an item of a list outside the scope taken out
            return _tidy(text, body)
        if any(h.action == "drop" for h in hits):
            if any(h.reason in _scope_reasons() for h in hits if h.action == "drop"):
                STATS["dropped_scope"] += 1  # outside the body's scope (bodies.yaml scope:)
            return None
        text = _tidy(apply(text, hits), body)
    STATS["dropped_unsettled"] += 1
    return None if scan(text, body) else text


def _tidy(text: str, body: BodyProfile) -> str:
    """Collapse doubled organs a swap can leave (镇党委、镇党委 → 镇党委; 我镇我镇 → 我镇)."""
    for role in ("organ", "pronoun", "whole"):
        own = body.role(role)
        if own:
            text = re.sub(rf"(?:{re.escape(own)}[、和及]?){{2,}}", own, text)
    return text


def voice_audit(text: str, body: BodyProfile | None, user_text: str = "") -> list[Finding]:
    """Every word left in ``text`` that belongs to another kind of body or level (the scanner's hits).

    Args:
        text: any drafted text (a paragraph, a whole draft, a chat answer).
        body: the user's body profile (no findings when unknown).
        user_text: the user's own words (metric labels, message, organisation): a word found there
            is the user's and never a finding.

    Returns:
        One finding per word, with the sentence it stands in.
    """
    found = [Finding(h.word, h.reason, sentence_at(text, h.start)) for h in scan(text, body)]
    return [f for f in found if not (user_text and f.word in user_text)]


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
