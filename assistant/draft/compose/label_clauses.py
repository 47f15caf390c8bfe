"""Label patterns of their own kind: an occurrence, a document, an honour, a service to units.

Each reads a label's structure (word classes of data/metric_phrases.yaml and jieba's tags, see
label_words.py) and returns the :class:`Phrase` around the figure, or nothing when the label is not
of its kind; grammar.py tries them in turn.
"""

from __future__ import annotations

from assistant.draft.compose.label_words import Phrase, clean, ends, tokens, words


def occurrence(label: str) -> str:
    """What a label counts as happening (命案发案 → 命案; 安全生产事故 → 安全生产事故), else ``""``."""
    w = words()
    core = clean(label, None)
    verb = ends(core, "occurrence_verbs")
    noun = core[: len(core) - len(verb)] if verb else core
    toks = tokens(noun)
    if len(noun) < 2 or not (verb or ends(noun, "occurrence_nouns")) or not toks:
        return ""
    if (toks[0].word in w["verb_set"]) if verb else any(t.verb for t in toks):
        return ""  # 受理信访案件发生: work done; 涉黑涉恶案件发案: what happened
    return noun if verb or not noun.startswith(tuple(w["occurrence_verbs"])) else ""


def _document_verb(bare: str) -> str:
    """The verb a decision or a document takes (行政处罚决定 → 作出), ``""`` when the label is none or
    one filed by people (人大代表建议: a case the body handles)."""
    w = words()
    doc = next((d for d in sorted(w["documents"], key=len, reverse=True) if bare.endswith(d)), "")
    head = bare[: len(bare) - len(doc)]
    if not doc or ends(head, "people") or ends(head, "participants"):
        return ""
    if any(t.verb and t.word not in w["document_kinds"] for t in tokens(bare)):
        return ""  # 收到行政复议决定: the label's own verb; 不予行政处罚决定: the decision's kind
    return w["documents"][doc]


def _honour(bare: str, unit: str | None) -> Phrase | None:
    """执法质量考评优秀所队 → 执法质量考评中 + N个 + 所队被评为优秀: an evaluation, a rank, the units."""
    w = words()
    for rank in w["ranks"]:
        pos = bare.find(rank)
        ev, who = bare[:pos], bare[pos + len(rank) :]
        if pos < 2 or not ends(ev, "evaluations") or not who or len(who) > 5:
            continue
        if any(t.verb for t in tokens(who)):
            continue
        return Phrase(f"{ev}中", f"{who}被评为{rank}", stock=True, unit="名" if unit == "人" else None)
    return None


def _service(bare: str) -> Phrase | None:
    """入驻企业法律体检 → 为 + N家 + 入驻企业开展法律体检: a service (or an inspection) to N units."""
    w = words()
    for key, prep in (("services", "为"), ("inspections", "对")):
        for act in w[key]:
            if not bare.endswith(act):
                continue
            head = bare[: -len(act)]
            for n in range(len(head), 0, -1):
                units, work = head[:n], head[n:] + act
                if ends(units, "served") and not any(t.verb for t in tokens(work)[:-1]):
                    return Phrase(prep, f"{units}开展{work}")
    return None
