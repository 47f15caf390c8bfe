"""Write tests/data/labels.txt: metric labels from real reports plus clause-like labels clerks write.

Run from the repository root (needs /work/shared or ASSISTANT_SHARED):
    PYTHONPATH=. .venv/bin/python tests/data/make_labels.py

Labels come from the metric slots the slot parser finds in the five sample reports and the 31
provincial 2026 政府工作报告 (readable labels as ``assistant metrics`` writes them), cleaned the
way a clerk would type them into a table (no trailing 从/达/超…, no list remnants, no digits),
then the hand-written lists below (the issue's common table labels and clause-like labels; the
labels of courts, procuratorates and party committees, source ``body``).
Output: one ``label<TAB>unit<TAB>source`` a line, sorted by source then label.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import sys
from pathlib import Path

from assistant.draft.base.reader import readable_label
from assistant.ingest.slots import find_slots
from assistant.lang.units import unit_class

SHARED = Path(os.environ.get("ASSISTANT_SHARED", "/work/shared"))
OUT = Path(__file__).with_name("labels.txt")
PROVINCIAL_SAMPLE = 330  # provincial labels kept (a stable hash order), beside every sample label

TRAILING = re.compile(
    r"(?:分别|年均|均|从|由|超过|超|突破|达到|达|到|为|至|近|约|逾|共|共计|累计|以上|的|了)+$"
)
LEADING = re.compile(r"^(?:以上|其中|和|及|与|并|、|，|比|较|同比|全年|今年|去年|新增)+")
BAD = re.compile(r"[0-9A-Za-z%.·、，；：“”《》（）()]|增长|下降|提高|降低|占比|比重|比例|年均")

# The common table labels, and labels written as clauses (figure inside the clause).
HAND: list[tuple[str, str]] = [
    ("普法宣传活动", "场次"),
    ("普法宣传覆盖群众", "人次"),
    ("培育法律明白人", "名"),
    ("法律明白人", "名"),
    ("罚没款", "万元"),
    ("执行到位金额", "亿元"),
    ("行政执法人员法律知识考试", "人"),
    ("12345热线工单办结", "件"),
    ("审计项目", "个"),
    ("行政复议案件", "件"),
    ("行政应诉案件", "件"),
    ("负责人出庭应诉率", "%"),
    ("行政复议纠错率", "%"),
    ("矛盾纠纷调解", "件"),
    ("调解成功率", "%"),
    ("法律援助案件", "件"),
    ("法律咨询", "人次"),
    ("社区矫正对象", "人"),
    ("公共法律服务站点", "个"),
    ("聘请法律顾问", "名"),
    ("合法性审查", "件"),
    ("规范性文件合法性审核", "件"),
    ("重大行政决策", "项"),
    ("行政处罚案件", "件"),
    ("行政检查", "次"),
    ("双随机抽查", "次"),
    ("执法人员持证率", "%"),
    ("理论学习中心组学法", "次"),
    ("常务会议学法", "次"),
    ("法治专题讲座", "场"),
    ("法治培训", "期"),
    ("警示教育", "次"),
    ("发放宣传资料", "份"),
    ("新媒体推送", "条"),
    ("民主法治示范村创建", "个"),
    ("信访事项办结", "件"),
    ("信访案件办结率", "%"),
    ("人大代表建议办理", "件"),
    ("政协提案办理", "件"),
    ("政务信息公开", "条"),
    ("审结各类案件", "件"),
    ("执结案件", "件"),
    ("法治督察", "次"),
    ("旁听庭审", "次"),
    ("法治建设考核覆盖单位", "个"),
    ("宣讲活动", "场"),
    ("宣讲活动受众人员", "人"),
    ("连续在全面依法治市考核中获优秀等次", "年"),
    ("连续被评为全省法治政府建设示范单位", "年"),
    ("累计创建全国民主法治示范村", "个"),
    ("先后在全市行政执法案卷评查中获第一名", "次"),
    ("法治宣传覆盖企业", "家"),
    ("送法进校园覆盖学校", "所"),
    ("法律顾问覆盖村", "个"),
    ("网格员法治培训参训人员", "人次"),
    ("领导干部庭审旁听", "人次"),
    ("执法人员参加法治培训", "人次"),
    ("公职律师", "名"),
    ("新招录执法人员", "名"),
    ("全年办理行政许可事项", "件"),
    ("帮助农民工讨薪", "万元"),
    ("挽回经济损失", "万元"),
    ("法律援助经费", "万元"),
    ("12348热线接听群众来电", "人次"),
    ("接待群众来访", "人次"),
    ("出具法律意见书", "份"),
    ("清理规范性文件", "件"),
    ("制定修订制度", "项"),
    ("向社会公开权责清单事项", "项"),
    ("法治文艺演出", "场"),
    ("法治文化阵地", "个"),
    ("普法志愿者", "名"),
    ("学法考试参考率", "%"),
    ("网上学法学时", "学时"),
    ("人民调解委员会", "个"),
    ("排查矛盾纠纷", "次"),
    ("化解信访积案", "件"),
    ("法治政府建设考核得分", "分"),
    ("行政执法案卷评查", "卷"),
    ("群众满意率", "%"),
    ("法治讲座受众", "人次"),
    ("办理公证", "件"),
    ("司法鉴定", "件"),
    ("安置帮教对象", "人"),
]


def _texts() -> list[tuple[str, str]]:
    out = [("sample", p.read_text(encoding="utf-8")) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    csv.field_size_limit(sys.maxsize)
    for path in sorted((SHARED / "corpora" / "provincial-gwr-2026").glob("2026_*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            out.extend(("provincial", row["full_text"]) for row in csv.DictReader(fh))
    return out


def _clean(label: str) -> str:
    for _ in range(3):
        label = LEADING.sub("", TRAILING.sub("", label.strip()))
    return label


# Labels of bodies no earlier test used: courts, procuratorates, county and district party committees.
BODY_LABELS: list[tuple[str, str]] = [
    ("审结各类案件", "件"),
    ("受理各类案件", "件"),
    ("执结案件", "件"),
    ("结案率", "%"),
    ("诉前调解成功", "件"),
    ("诉前调解案件", "件"),
    ("一审服判息诉率", "%"),
    ("发出司法建议", "份"),
    ("司法建议", "份"),
    ("行政机关负责人出庭应诉", "次"),
    ("巡回审判", "场次"),
    ("庭审直播", "场次"),
    ("人民陪审员参审案件", "件"),
    ("司法救助金", "万元"),
    ("发放司法救助金", "万元"),
    ("审判委员会会议", "次"),
    ("案件质量评查", "件"),
    ("法官员额", "名"),
    ("干警业务培训", "人次"),
    ("纳入失信被执行人名单", "人"),
    ("涉诉信访案件化解", "件"),
    ("审查逮捕案件", "件"),
    ("办理审查逮捕案件", "件"),
    ("批准逮捕", "人"),
    ("提起公诉", "人"),
    ("审查起诉案件", "件"),
    ("提起公益诉讼案件", "件"),
    ("公益诉讼立案", "件"),
    ("制发检察建议", "份"),
    ("检察建议采纳率", "%"),
    ("发出诉前检察建议", "份"),
    ("刑事抗诉", "件"),
    ("监督立案", "件"),
    ("认罪认罚从宽适用率", "%"),
    ("检察听证", "场次"),
    ("开展“检察开放日”活动", "场次"),
    ("检察开放日活动", "场"),
    ("接待群众来访", "人次"),
    ("群众信访件", "件"),
    ("七日内程序回复率", "%"),
    ("法治副校长授课", "场次"),
    ("检察委员会会议", "次"),
    ("司法救助", "人"),
    ("县委常委会会议专题研究法治建设", "次"),
    ("县委常委会专题研究法治工作", "次"),
    ("区委常委会听取法治建设工作汇报", "次"),
    ("县委理论学习中心组集中学法", "次"),
    ("全面依法治县委员会全体会议", "次"),
    ("全面依法治区委员会会议", "次"),
    ("开展领导干部述法", "人"),
    ("领导干部述法", "人"),
    ("述法评议", "人"),
    ("法治督察", "次"),
    ("法治督察发现问题整改", "个"),
    ("“法律明白人”培养", "名"),
    ("矛盾纠纷调处化解", "件"),
    ("调解成功率", "%"),
    ("县委政法工作会议", "次"),
    ("县管干部法治培训", "人次"),
    ("党政主要负责人述法", "人"),
    ("重大决策合法性审查", "件"),
    ("县委文件合法性审查", "件"),
    ("规范性文件备案审查", "件"),
    ("平安建设群众满意度", "%"),
    ("创建民主法治示范村", "个"),
    ("制定党内规范性文件", "件"),
    # round 3: labels a blind reader of police, court and township drafts saw pasted as table rows
    ("民警参加执法资格考试", "人"),
    ("干部参加学法考试", "人"),
    ("检察官参加业务竞赛", "人"),
    ("法官参加庭审观摩", "人"),
    ("公务员参加学法考试", "人"),
    ("网格员参加业务培训", "人"),
    ("党员参加主题党日活动", "人"),
    ("党员干部参与志愿服务", "人"),
    ("行政处罚决定", "件"),
    ("行政许可决定", "件"),
    ("行政强制决定", "件"),
    ("司法建议", "件"),
    ("法律意见书", "份"),
    ("整改意见", "条"),
    ("检察建议", "件"),
    ("不予行政处罚决定", "件"),
    ("责令整改通知书", "份"),
    ("命案发案", "起"),
    ("刑事案件发案", "起"),
    ("火灾发生", "起"),
    ("道路交通事故", "起"),
    ("群体性事件", "起"),
    ("安全生产事故发生起数", "起"),
    ("涉黑涉恶案件发案", "起"),
    ("执法质量考评优秀所队", "个"),
    ("年度考核优秀等次人员", "人"),
    ("平安建设考核先进单位", "个"),
    ("法治宣传教育评比先进集体", "个"),
    ("绩效考核优秀单位", "个"),
    ("政法干警培训", "人次"),
    ("民警培训", "人次"),
    ("调解员培训", "人次"),
    ("执法人员培训", "人次"),
    ("网格员轮训", "人次"),
    ("村干部培训", "人次"),
    ("人民陪审员培训", "人次"),
    ("入驻企业法律体检", "家"),
    ("小微企业法治体检", "家"),
    ("中小学校法治讲座", "所"),
    ("社区法治宣讲", "个"),
    ("民营企业法律体检", "家"),
    ("重点企业执法检查", "家"),
    ("建筑工地安全检查", "个"),
    ("企业合规指导", "家"),
    # round 4 (labels of new drafts; appended to labels.txt by hand, the provincial sample drifts with
    # ingest): a meeting's own study, object + review verb, people + 参加 in
    # 人次, a finding and its fix
    ("部务会议专题学法", "次"),
    ("市政府常务会议学法", "次"),
    ("党内法规制度清理", "件"),
    ("规范性文件备案审查", "件"),
    ("干部参加任前法律知识考试", "人次"),
    ("发现问题整改", "个"),
]


def main() -> None:
    found: dict[tuple[str, str], str] = {}
    for source, text in _texts():
        for line in text.split("\n"):
            prev = ""
            for slot in find_slots(line):
                if slot.slot_type != "metric" or slot.role == "ordinal" or not slot.unit:
                    continue
                raw = readable_label(slot, prev, line)
                prev = raw
                label = _clean(raw)
                if unit_class(slot.unit) is None or not 3 <= len(label) <= 18 or BAD.search(label):
                    continue
                found.setdefault((label, slot.unit), source)
    samples = sorted(k for k, s in found.items() if s == "sample")
    provincial = sorted(
        (k for k, s in found.items() if s == "provincial"),
        key=lambda k: hashlib.sha1("\t".join(k).encode()).hexdigest(),
    )[:PROVINCIAL_SAMPLE]
    rows = [(*k, "sample") for k in samples] + [(*k, "provincial") for k in sorted(provincial)]
    seen = {(label, unit) for label, unit, _ in rows}
    rows += [(label, unit, "hand") for label, unit in HAND if (label, unit) not in seen]
    seen |= {(label, unit) for label, unit, _ in rows}
    rows += [(label, unit, "body") for label, unit in BODY_LABELS if (label, unit) not in seen]
    OUT.write_text("".join(f"{a}\t{b}\t{c}\n" for a, b, c in rows), encoding="utf-8")
    print(f"{len(rows)} labels → {OUT}")


if __name__ == "__main__":
    main()
