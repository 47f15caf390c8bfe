"""Whether a sentence fits the body (issue 18): the words of a lower level, of another department's
speciality and the campaigns outside the body's business, read from ``data/business.yaml``.

Used by the lint ``fit`` (:func:`assistant.draft.lint.fit`) over drafts and chat answers. It is a
second opinion, independent of the ``scope:`` entries of ``bodies.yaml`` that drop such sentences
while drafting: ``tests/test_fit.py`` checks that what the rewriting keeps passes it.

- grassroots work (``grassroots.own``: 户长, 村村响, 赶集 …) fits a 乡镇 or 街道 only; going down to
  villages (``grassroots.outreach``: 进村, 入户, 下乡) also a county-level 政府部门;
- a department's speciality (``specialities``: 机构编制 of the 编办) fits that department and the bodies that lead every
  department's work (``coordinators``); work several bodies share (``shared``) fits its owners;
- a campaign (…宣传月/周/日, “3·15”) whose name holds a topic of ``campaigns.owners`` (安全生产, 禁毒 …)
  fits those departments and the bodies that carry every campaign out (``campaigns.carried_by``); any
  other campaign (宪法宣传周, 民法典宣传月) is everyone's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

_HAN = r"\u4e00-\u9fff"
#: A campaign: a quoted or listed name ending in 月/周/日 (“安全生产月”, 禁毒宣传日、), or a day (“3·15”).
_CAMPAIGN_RE = re.compile(
    rf"“([{_HAN}]{{2,10}}(?:月|周|日))”|(?:利用|结合|借助|围绕|以|、)([{_HAN}]{{2,6}}?(?:宣传)?(?:月|周|日))(?=[、等和及，期活])"
    r"|“?(\d{1,2}·\d{1,2})”?"
)


BUSINESS = Path(__file__).resolve().parents[2] / "data" / "business.yaml"


@functools.cache
def _business() -> dict:
    return yaml.safe_load(BUSINESS.read_text(encoding="utf-8")) or {}


def _owns(body, kinds: Iterable[str] = (), departments: Iterable[str] = ()) -> bool:
    named = body.named_in(list(kinds)) if hasattr(body, "named_in") else body.kind in kinds
    return named or (body.department is not None and body.department in departments)


def _campaign_owners(name: str) -> tuple[list[str], list[str]] | None:
    """(kinds, departments) a campaign belongs to; None when it is everyone's (no topic of an owner)."""
    camp = _business().get("campaigns", {})
    depts = [d for topic, owners in camp.get("owners", {}).items() if topic in name for d in owners]
    return (list(camp.get("carried_by", [])), list(dict.fromkeys(depts))) if depts else None


def fit_findings(sentence: str, body) -> list[str]:
    """Why ``sentence`` does not fit ``body``: words of a lower level, another body's speciality or a
    campaign outside its business (``data/business.yaml``)."""
    if body is None or not body.kind:
        return []
    data = _business()
    out: list[str] = []
    grass = data.get("grassroots", {})
    low = body.kind in ("乡镇", "街道")
    # going down to villages: a township's or street's work, a county department's, and any body of a
    # township's level (a 人民法庭's 送法下乡)
    outreach_ok = low or body.rank() == 1 or (body.kind == "政府部门" and 0 < body.rank() <= 2)
    for key, ok in (("own", low), ("outreach", outreach_ok)):
        for word in grass.get(key, []) if not ok else ():
            m = re.search(word, sentence)
            if m:
                out.append(f"{m.group(0)}（乡镇、街道的基层工作）")
    for entry in data.get("shared", []):
        hit = next((w for w in entry["words"] if w in sentence), None)
        if hit and not _owns(body, entry.get("kinds", []), entry.get("departments", [])):
            out.append(f"{hit}（{entry['why']}）")
    lead = data.get("coordinators", {})
    for dept, words in data.get("specialities", {}).items():
        if body.kind in lead.get("kinds", []) and dept not in lead.get("except", []):
            continue
        hit = next((w for w in words if w in sentence), None)
        if hit and body.department != dept and not _CAMPAIGN_RE.search(sentence):
            out.append(f"{hit}（{dept}的业务）")
    for m in _CAMPAIGN_RE.finditer(sentence):
        name = next(g for g in m.groups() if g)
        owners = _campaign_owners(name)
        if owners is None:
            continue
        kinds, depts = owners
        if not _owns(body, kinds, depts):
            out.append(f"{name}（{'、'.join(depts)}的活动）")
    return out
