"""Names in reused sentences: a masked or foreign name becomes the user's own name, a marker, or a drop.

A masked organ (*党（工）委) is kept as :data:`MASK_ORGAN` until :func:`resolve_masked_organs` turns it
into the user's organ or superiors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.lang.markers import missing
from assistant.lang.places import COUNTY_UP_CHARS
from assistant.types import Slot

if TYPE_CHECKING:
    from assistant.draft.compose.profile import Profile

_ORG_CONTEXT = {"作为", "建立", "发挥", "促进", "列席", "组建", "推动", "全面", "加强", "指导", "代表"}


def name_replacement(slot: Slot, text: str, profile: Profile) -> str | None:
    """What a name slot of a reused sentence becomes: the user's own name, a marker, or ``None`` (drop)."""
    surface = text[slot.start : slot.end]
    if slot.masked or "*" in surface:
        if profile.body is not None and profile.body.kind:
            before = text[max(0, slot.start - 2) : slot.start]
            subject = slot.start == 0 or before[-1:] in "，。；：、（(下中年" or before in _ORG_CONTEXT
            return _body_name(text[slot.end :], subject, profile)
        after = text[slot.end : slot.end + 1]
        if after in ("县", "区", "市", "镇", "乡", "省") and profile.place:
            return profile.place.rstrip("县区市镇乡省")
        if re.match(r"(?:县|市|区|州|省)?(?:委|政府|人大|党委|党工委)", text[slot.end : slot.end + 4]):
            return missing("上级机关")
        before = text[max(0, slot.start - 2) : slot.start]
        subject = slot.start == 0 or before[-1:] in "，。；：、（(下中年" or before in _ORG_CONTEXT
        if not subject:
            return missing("名称")
        return profile.org or profile.place or missing("单位名称")
    known = {n for n in (profile.org, profile.place) if n}
    if any(surface in n or n in surface for n in known):
        return surface
    return None


MASK_ORGAN = "\x00"
_MASK_SUPERIOR_RE = re.compile(rf"\x00[{COUNTY_UP_CHARS}]?(?:委|政府)")
_MASK_ORGAN_RE = re.compile(r"\x00(?:党（工）委|党工委|党委|党组)")


def resolve_masked_organs(text: str, profile: Profile) -> str:
    """*党（工）委 → the body's organ; *政府/*县委 (a masked superior) → the body's superiors."""
    body = profile.body
    if body is None or MASK_ORGAN not in text:
        return text
    text = _MASK_ORGAN_RE.sub(lambda m: body.role("organ") or "", text)
    text = _MASK_SUPERIOR_RE.sub(lambda m: body.superiors_text(), text)
    return text.replace(MASK_ORGAN, "")


_ORGAN_AFTER_RE = re.compile(r"(?:党（工）委|党工委|党委|党组|政府|办事处|纪（工）委|纪委|人大)")
_SUBJECT_AFTER_RE = re.compile(
    r"(?:始终|坚持|认真|深入|积极|全面|切实|严格|不断|围绕|紧紧|把|将|以|在|按照|结合|通过|持续|扎实|高度|着力|进一步|先后|共|已|还|也|大力|主动|"
    r"建立|完善|健全|组织|开展|制定|推进|推动|落实|召开|成立|实行|实施|聘请|印发|出台|编制|强化|加强|狠抓|抓)"
)


def _body_name(after: str, subject: bool, profile: Profile) -> str | None:
    """What a masked name becomes when the user's body is known.

    Before an organ (*党（工）委) the mask goes and the organ is rewritten by the voice step; as the
    subject of a verb (*始终把学法用法…) it becomes the body's self-reference (我镇); anywhere else the
    mask named a place or a matter (*遗留问题) and the sentence is dropped.
    """
    if _ORGAN_AFTER_RE.match(after) or re.match(rf"[{COUNTY_UP_CHARS}](?:委|政府)", after):
        return MASK_ORGAN
    if subject and _SUBJECT_AFTER_RE.match(after):
        return profile.self_ref()
    return None
