"""Who a draft is for: the organisation, place, year, voice, body profile and the user's rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.draft.tables.metrics import MetricRow
from assistant.lang.bodies import BodyProfile
from assistant.lang.markers import missing

_SUFFIX_UNITS = ("街道", "局", "办", "委", "院", "所", "乡", "镇", "县", "区", "市", "厅", "部", "司", "中心")


@dataclass
class Profile:
    """Who the report is for: the only names and period a draft may contain."""

    org: str | None = None
    place: str | None = None
    year: int | None = None
    voice: str = "我们"
    body: BodyProfile | None = None  # kind, level, self-references, superiors (draft/bodies.py)
    rows: list[MetricRow] = field(default_factory=list)  # the user's figures: a claim denying one is dropped
    post: str | None = (
        None  # the reporter's post (镇长, 检察长): his title in a label is 本人 in his own report
    )
    # the rows the genre sets aside (report.set_aside_rows): facts still, but no item of the problems or
    # plans speaks of them (blind read r55: a 教育局's 高考上线率 as its 法治 summary's first problem)
    aside: list[MetricRow] = field(default_factory=list)

    def own_rows(self) -> list[MetricRow]:
        """The user's rows the draft speaks of: all but those the genre sets aside."""
        aside = {id(a) for a in self.aside}
        return [r for r in self.rows if id(r) not in aside]

    def self_ref(self) -> str:
        """How the organisation refers to itself (我局, 我乡, 我单位)."""
        if self.body is not None and self.body.role("pronoun"):
            return self.body.role("pronoun") or "我单位"
        org = self.org or ""
        for suffix in _SUFFIX_UNITS:
            if org.endswith(suffix):
                return "我" + suffix
        return "我单位"

    def leader(self) -> str:
        """How the report names the body's head as a subject: 本人 in the head's own report (述法报告),
        else the kind's ``leader`` role of bodies.yaml (县政府主要负责同志, 局主要负责人), else 主要负责同志."""
        if self.voice == "本人":
            return "本人"
        return (self.body.role("leader") if self.body is not None else None) or "主要负责同志"

    def org_or_marker(self) -> str:
        return self.org or self.place or missing("单位名称")
