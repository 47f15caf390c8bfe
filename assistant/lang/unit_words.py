"""The 量词 of metric slots: their unit classes and how they may follow a number in text.

Data for :mod:`assistant.lang.units` (which re-exports it): a unit class groups the 量词 that may
stand for one another when a user value fills a slot; the patterns say which words a 量词 must not
start (人民, 部门, 处罚 …) when it follows a number.
"""

from __future__ import annotations

UNIT_CLASSES: dict[str, str] = {
    # event
    "次": "event",
    "场": "event",
    "场次": "event",
    "期": "event",
    "轮": "event",
    "批": "event",
    "家次": "event",
    "户次": "event",
    # person
    "人": "person",
    "名": "person",
    "位": "person",
    # person_time
    "人次": "person_time",
    # case
    "件": "case",
    "件次": "case",  # 信访 64件次 (r54: read as a measure of another row, never its own count)
    "起": "case",
    "宗": "case",
    "例": "case",
    # item
    "项": "item",
    "条": "item",
    "个": "item",
    "份": "item",
    "本": "item",
    "册": "item",
    "张": "item",
    "块": "item",
    "台": "item",
    "套": "item",
    "支": "item",
    "户": "item",
    "家": "item",
    "间": "item",
    "所": "item",
    "处": "item",
    "部": "item",
    "村": "item",
    "座": "item",
    "篇": "item",
    "幅": "item",
    # rate
    "%": "rate",
    "个百分点": "rate",
    "‰": "rate",
    "个千分点": "rate",
    # hour
    "学时": "hour",
    "课时": "hour",
    "小时": "hour",
    # money
    "元": "money",
    "万元": "money",
    "亿元": "money",
}


# 量词 with the words they must not start (人民, 部门, 处罚 …), longest first.
UNIT_PATTERNS = [
    "个百分点",
    "个千分点",
    "万元",
    "亿元",
    "人次",
    "场次",
    "家次",
    "户次",
    "件次",
    "学时",
    "课时",
    "小时",
    "次(?![年日])",
    "场(?!所|地|馆)",
    "期(?!间|限|刊)",
    "轮(?!训|换)",
    "批(?!准|复|评)",
    "人(?!民|员|大|才|口|力|身|心)",
    "名(?!称|单|义|录|片)",
    "位(?!于|置)",
    "件(?!事)",
    "起(?!草|诉|来|到)",
    "宗(?!旨|教)",
    "例(?!会|如)",
    "项(?!目)",
    "条(?!例|件|款|线)",
    "个(?!月|人|体|别|性)",
    "份(?!子|额)",
    "本(?!级|单位|人|年|领|部)",
    "册",
    "张(?!贴)",
    "块",
    "台(?!账)",
    "套",
    "支(?!持|部|付)",
    "户(?!籍|口)",
    "家(?!庭|长|属|里)",
    "间(?!隔)",
    "所(?!有|属|在|以)",
    "处(?!罚|理|分|置)",
    "部(?!门|署|分)",
    "座",
    "篇",
    "幅",
    "元(?!旦|素)",
    "%",
    "‰",
]
#: Regex alternation of every 量词 a metric may end with (slots, comparisons, the audit).
UNIT_PATTERN = "|".join(UNIT_PATTERNS)
