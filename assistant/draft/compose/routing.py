"""Every figure in the section of its matter, decided by meaning.

A user row goes to the outline section whose matter its label speaks of: the label is embedded
(the index's embedder) and compared with each section's description (heading, retrieval query
and the names of its metric kinds) and with its exemplars (the query's phrases, the kinds' names
and trigger words), the mean of the three nearest exemplars counting. Priors are added on that
scale: the row's metric kind listed for the section, the body's own work (a figure of the body's
own business that resembles nothing goes to the section of its functions), and the user's 章节
column, which always wins. The reach of an activity (宣讲活动受众人员 beside 宣讲活动) goes where the
activity goes, so one fact is never split over two sections. Without an embedder (none configured, model missing) the bigram
similarity of the label and the section text is used instead. Vectors are cached per process.

Measured on tests/data/label_sections.tsv (hand-labelled label → section pairs over the three
genres and six bodies): see tests/test_routing.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.draft.compose.grammar import clean, words
from assistant.draft.compose.label_clauses import HONOUR_VERBS
from assistant.draft.compose.phrasing import (
    WINNER_NOTE_RE,
    companion,
    measured_count,
    parent_of,
    single_honour,
)
from assistant.draft.outline.genres import GenreSection
from assistant.draft.tables.metrics import MetricRow
from assistant.lang.places import COUNTY_UP_CHARS, LEVEL_CHARS
from assistant.lang.similarity import similarity
from assistant.lang.vocab import kind_by_id

BUSINESS = Path(__file__).resolve().parents[2] / "data" / "business.yaml"
#: Scale of the cosine scores against the priors (cosines of e5 vectors differ by a few hundredths).
TAU = 0.05
KIND_PRIOR, FIRST_KIND_PRIOR = 1.0, 0.25
TOP = 3  # exemplars that count for a section
COLUMN_PRIOR = 100.0  # the user's 章节 column decides
#: The body's own work (functions; a 司法局's justice part) takes a figure that resembles no section.
OWN_WORK_KEYS = (
    "justice",
    "judicial",
    "functions",
    "party_functions",
    "governance",
    "disputes",
    "party_governance",
)  # by preference
#: A label that names the body's own business (a court's 诉前调解, a procuratorate's 抗诉) goes to its
#: own work before the section its metric kind is listed for.
BUSINESS_PRIOR = KIND_PRIOR + FIRST_KIND_PRIOR + 0.25
#: a label of the staff's study (委机关干部学法考试, 干部职工法律知识考试) or of people's exams and
#: training (领导干部任前法律知识考试, 检察官业务竞赛): the team's, not the head's own study
STAFF_RE = re.compile(
    r"^(?!.*领导干部(?:学法|学习|会前))(?:.*(?:机关干部|干部职工|工作人员|干警|职工|全体干部|[委局院部办]机关)"
    r"|.*(?:干部|干警|检察官|法官|民警|人员).*(?:考试|培训|竞赛|轮训))"
)
#: a label whose people are the public the body serves or reaches (非公经济人士法治培训, 党外代表人士参加…研讨,
#: “医保政策进万家”宣讲): its outreach, never the staff's own study (blind read r18)
PUBLIC_RE = re.compile(
    r"非公经济人士|党外(?:代表)?人士|民营企业家|新的社会阶层|宗教界|信教群众|群众|村民|居民|农民工|青少年|中小学生|学生|"
    # the people a department serves (r54: 退役军人适应性培训法治课 under the staff's team)
    r"退役军人|优抚对象|服刑人员|社区矫正对象|"
    r"村[（(]社区[）)]|村居|一村一|(?:村|社区)[^，,]{0,3}法律顾问|"
    r"进(?:万家|千家万户|村|社区|企业|校园|学校|宗教活动场所|家庭|乡村|农村|园区|工地|市场|军营)|下基层|下乡|送法|入户|法律明白人|"
    # a sector's practitioners, whom a department trains in law as its 普法, not its own staff (r41: 医务人员)
    r"医务人员|医护人员|医务工作者|教职工|中小学教师|从业人员|经营者|经营户|企业负责人|企业职工|企业员工"
)
#: the body's own inspections, cases and penalties (执法检查, 查处…案件, 责令停工整改, 罚没款)
ENFORCE_RE = re.compile(r"执法|检查|抽检|抽查|处罚|查处|责令|立案|罚没|违法分包|转包")
#: the body's outreach to the public (宪法进校园, 送法下乡, 学宪法 讲宪法): its 普法, whatever its business
OUTREACH_RE = re.compile(
    r"进(?:万家|千家万户|村|社区|企业|校园|学校|宗教活动场所|家庭|乡村|农村|园区|工地|市场|军营)|下基层|送法|普法|"
    r"法治宣传|宣传活动|宣讲|讲座|学宪法|讲宪法|宪法宣传"
)
#: a dispute the body settles (劳动人事争议仲裁, 医疗纠纷调解): where the outline has a part for disputes,
#: the body's own business of that kind goes there, not to its other own work (blind read r25)
DISPUTE_RE = re.compile(r"争议|纠纷|仲裁|调解|信访|接访|下访|上访|积案")
#: the peace and safety of the area (安全生产检查, 网格员, 刑事案件发案, 电信网络诈骗): where the outline has a part
#: for disputes and stability, a body whose own business it is not reports it there (blind read r30: a
#: township's safety checks and grid staff under 依法行政)
STABILITY_RE = re.compile(
    r"安全生产|安全隐患|隐患排查|生产安全|安全事故|网格员|网格化|刑事案件|治安案件|电信网络诈骗|电诈|命案|平安建设|扫黑除恶"
)
UNROUTED = 0.15  # bigram fallback: below this the figure resembles no section
UNROUTED_COS = 1.76  # embedder: below this score (two cosines) the figure resembles no section


def describe(node: GenreSection) -> str:
    """A section's description: heading (placeholders dropped), query, names of its metric kinds."""
    title = re.sub(r"\{[a-z_]+\}", "", node.title)
    names = " ".join(k.name for k in (kind_by_id(m) for m in node.metrics) if k)
    return f"{title} {node.query} {names}".strip()


def exemplars(node: GenreSection) -> list[str]:
    """Short texts of a section's matter: its query's phrases, its kinds' names and trigger words."""
    out = [w for w in node.query.split() if w]
    for m in node.metrics:
        kind = kind_by_id(m)
        if kind is not None:
            out.append(kind.name)
            out.extend(kind.aliases)
    seen: set[str] = set()
    return [x for x in out if not (x in seen or seen.add(x))]


_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_MAX = 20000
_LOCK = threading.Lock()
_LOADED: set[str] = set()  # stores read into the memory cache
_STORED: dict[str, set[str]] = {}  # texts each store holds


def _store(cache_dir: Path | None, key: str) -> Path | None:
    if cache_dir is None:
        return None
    return Path(cache_dir) / "routing" / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"


def _load_store(path: Path, key: str) -> None:
    if str(path) in _LOADED:
        return
    _LOADED.add(str(path))
    try:
        with np.load(path, allow_pickle=False) as data:
            _CACHE.update({(key, str(t)): v for t, v in zip(data["texts"], data["vectors"], strict=True)})
            _STORED[str(path)] = {str(t) for t in data["texts"]}
    except (OSError, ValueError, KeyError):
        pass  # no store yet, or a broken one: it is written again


def _save_store(path: Path, key: str) -> None:
    texts = [t for (k, t) in _CACHE if k == key]
    _STORED[str(path)] = set(texts)
    vectors = np.stack([_CACHE[(key, t)] for t in texts]) if texts else np.zeros((0, 1), np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, texts=np.array(texts), vectors=vectors)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder: the vectors stay in memory


def _vectors(embedder: Any, texts: Sequence[str], cache_dir: Path | None = None) -> np.ndarray:
    """Unit vectors of ``texts`` (query side), cached in memory and, for the sections' own texts
    (``cache_dir`` given), in ``cache_dir/routing`` so a new process does not embed them again."""
    key = str(getattr(embedder, "id", type(embedder).__name__))
    store = _store(cache_dir, key)
    with _LOCK:
        if store is not None:
            _load_store(store, key)
        missing = [t for t in dict.fromkeys(texts) if (key, t) not in _CACHE]
    if missing:
        vecs = np.asarray(embedder.encode_queries(list(missing)), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        with _LOCK:
            if len(_CACHE) + len(missing) > _CACHE_MAX:
                _CACHE.clear()
                _LOADED.clear()
                _STORED.clear()
            _CACHE.update({(key, t): v for t, v in zip(missing, vecs, strict=True)})
    with _LOCK:
        if store is not None and not set(texts) <= _STORED.get(str(store), set()):
            _save_store(store, key)  # new texts, or vectors this process made before it had a store
        return np.stack([_CACHE[(key, t)] for t in texts])


def _column(row: MetricRow, node: GenreSection, parent: GenreSection) -> bool:
    return bool(row.section) and (
        row.section in node.title or row.section in parent.title or row.section == node.key
    )


def _kind_prior(row: MetricRow, node: GenreSection) -> float:
    if not row.kind or row.kind not in node.metrics:
        return 0.0
    return KIND_PRIOR + (FIRST_KIND_PRIOR if node.metrics[0] == row.kind else 0.0)


def own_words(body: Any) -> list[str]:
    """The words of the body's own business: terms ``bodies.yaml`` gives to its kind alone (检察建议,
    公益诉讼 of a 检察院; 收结案 of a 法院) and its kind's or department's ``data/business.yaml``."""
    spec = getattr(body, "spec", None)
    if spec is None:
        return []
    from assistant.lang.body_model import bodies

    out: list[str] = []
    for rule in bodies().scope:
        if len(rule.kinds) != 1 or not body.named_in(rule.kinds):
            continue
        if rule.departments and body.department not in rule.departments.get(body.kind, []):
            continue
        out.extend(w for w in rule.words if not re.search(r"[\\\[\](){}?*+|^$.]", w))
    data = _business()
    out.extend(data.get("kinds", {}).get(body.kind, []) or data.get("kinds", {}).get(spec.like or "", []))
    out.extend(data.get("departments", {}).get(body.department or "", []))
    core = department_core(body.department or "")
    if core and core not in data.get("not_core", []):
        out.append(core)  # 审计 of 审计局: 审计要情, 审计促进整改… are its business (blind read r31)
    regulating = data.get("regulating", {})
    if body.kind in regulating.get("kinds", []) or (spec.like or "") in regulating.get("kinds", []):
        out.extend(regulating.get("words", []))
    return list(dict.fromkeys(out))


#: a department's suffix: what is left is the name of its business (审计局 → 审计, 卫生健康委员会 → 卫生健康)
_DEPT_SUFFIX_RE = re.compile(r"(?:委员会办公室|委员会|办公室|分局|局|委|办|部|厅)$")


def department_core(department: str) -> str:
    """The business a department is named for (审计 of 审计局; 自然资源和规划 of 自然资源和规划局), ``""`` for
    a name of fewer than two characters once its suffix goes."""
    core = _DEPT_SUFFIX_RE.sub("", department)
    return core if len(core) >= 2 else ""


@functools.cache
def _business() -> dict[str, Any]:
    return yaml.safe_load(BUSINESS.read_text(encoding="utf-8")) or {}


def semantic_scores(
    labels: Sequence[str],
    nodes: Sequence[GenreSection],
    embedder: Any,
    cache_dir: Path | None = None,
    extra: dict[int, list[str]] | None = None,
) -> np.ndarray:
    """(rows × sections) the cosine to the description plus the mean of the top exemplar cosines;
    ``extra`` adds exemplars to some sections (the body's own business to its own-work section)."""
    lab = _vectors(embedder, labels)
    ex_all = [exemplars(n) + (extra or {}).get(j, []) for j, n in enumerate(nodes)]
    _vectors(
        embedder, [describe(n) for n in nodes] + [x for ex in ex_all for x in ex], cache_dir
    )  # one batch
    desc = _vectors(embedder, [describe(n) for n in nodes])
    out = lab @ desc.T
    for j, ex in enumerate(ex_all):
        if not ex:
            out[:, j] *= 2
            continue
        cos = np.sort(lab @ _vectors(embedder, ex).T, axis=1)[:, ::-1][:, :TOP]
        out[:, j] += cos.mean(axis=1)
    return out


def warm_up(embedder: Any, cache_dir: Path | None = None) -> None:
    """Embed every genre's section texts once (a server calls it at start; cheap once stored)."""
    from assistant.draft.outline.genres import genre_names, get_genre

    genres = [get_genre(name) for name in genre_names()]
    nodes = [n for g in genres for sec in g.sections for n in (sec, *sec.subpoints)]
    semantic_scores(["法治"], nodes, embedder, cache_dir)


#: an honour's verb (获评全省文化市场综合执法优秀案卷): the honoured thing is the matter, not the winning
HONOUR_RE = re.compile(rf"^(?:全年|年内)?{HONOUR_VERBS}(?:为)?")
#: an honour of the body's rule-of-law work as a whole goes to the first part (blind read r21: 获评全省法治
#: 政府建设示范项目 was put under 普法)
WHOLE_HONOUR_RE = re.compile(
    rf"法治[\u4e00-\u9fff]{{0,4}}?建设(?:示范|先进)|依法治[{LEVEL_CHARS}]先进|法治[{COUNTY_UP_CHARS}]建设先进"
)


#: a score or a grade of the body's whole rule-of-law work (法治政府建设考评得分, 法治建设考核等次): with its
#: honours, in the first part (blind read r41: under the part on study)
WHOLE_SCORE_RE = re.compile(
    rf"(?:法治[一-鿿]{{0,4}}?建设|依法行政|依法治[{LEVEL_CHARS}])(?:工作)?(?:群众|社会|公众)?(?:满意度)?"
    r"(?:考评|考核|评估|测评|评价|调查)"
    r"(?:得分|分数|等次|等级|结果|排名)"
)


def whole_honour(row: MetricRow) -> bool:
    """One honour of the body's whole rule-of-law work (获评省级法治政府建设示范县 1项)."""
    label = row.label.strip()
    return (
        single_honour(row)
        and HONOUR_RE.match(label) is not None
        and WHOLE_HONOUR_RE.search(label) is not None
        and not WINNER_NOTE_RE.fullmatch((row.note or "").strip())  # a project or a unit won it (r36)
    )


def _matter(label: str) -> str:
    """The words of a label that say its matter: an honour's verb goes."""
    label = label.strip()
    return HONOUR_RE.sub("", label) or label


#: the body's own people counted as they stand (员额检察官, 在编干警, 持证执法人员): its team, never its business
OWN_STAFF_RE = re.compile(
    rf"^(?:全[{COUNTY_UP_CHARS}院局委])?(?:各级)?(?:人民)?(?:法院|检察院|[院局委]机关|系统)?(?:现有|共有)?"
    r"(?:员额|入额|在编|持证|专职|现有)?(?:检察官|法官|干警|民警|执法人员|法制审核人员|公职律师)$"
)
#: figures that belong to one part wherever their words lead the meaning: (pattern, the parts it goes to,
#: first present wins). Courts' openness is 司法公开 under 接受监督; the staff's conduct and honours are the
#: team's; normative documents are the rules' or the decisions' review; administrative enforcement is the
#: enforcement part's (blind read r36: 庭审直播, 员额法官, 作风检查 under 审判执行; 执法监督 under 放管服)
PLACED = (
    (re.compile(r"司法公开|审务公开|检务公开|庭审(?:网络)?直播|裁判文书|公开听证"), ("judicature",)),
    # a court's cases changed on appeal: the quality of its judging (r38: 改判、发回重审 under 审判执行)
    (re.compile(r"改判|发回重审|发改"), ("judicature",)),
    (
        re.compile(
            r"作风|违纪|纪律|廉洁|廉政|先进集体|先进个人|(?:法官|检察官|干警|干部|公务员)队伍|队伍建设"
        ),
        ("talent",),
    ),
    (re.compile(r"规范性文件"), ("rules", "decision")),
    # an order to put right what a check found is the check's result (r45: 责令限期整改 under 履行职能)
    (
        re.compile(r"行政执法|执法监督|执法检查|执法案卷|执法“?三项制度|责令(?:限期)?(?:整改|改正)"),
        ("enforcement",),
    ),
    # coercive measures and a body's own administrative (not litigation) cases are enforcement (r38: a
    # police bureau's 受理行政案件 under disputes; r39: 查封扣押、限产停产等配套措施 under 履行职能)
    (
        re.compile(
            r"查封|扣押|冻结|行政强制|强制措施|限产停产|停产整治|责令停产|(?<![诉讼复议])行政案件(?!.*(?:复议|诉讼|应诉))"
        ),
        ("enforcement", "governance"),
    ),
    # the meetings the head chaired on the rule-of-law work: the part on the heads' duties where the outline has one
    # (a 法治政府 report's 三、党政主要负责人履行…, which asks for their count: blind read r64, under 党的领导)
    (
        re.compile(r"^[^，,]{0,8}主持召开[^，,]{0,24}(?:研究|部署|审议)[^，,]{0,16}法治"),
        ("duty",),
    ),
    # an honour or an assessment of the body's whole rule-of-law work (连续3年获评全市法治政府建设考核优秀等次, 法治政府
    # 建设示范项目): the part on its leadership of that work, never publicity (blind read r59: under 法治宣传)
    (
        re.compile(
            r"(?:获评|荣获|被评为|评为|考核|示范)[^，,]{0,12}(?:法治政府建设|法治建设|依法行政|依法治[省市县区州旗])|(?:法治政府建设|法治建设|依法行政)[^，,]{0,6}(?:考核|示范|先进)"
        ),
        ("leadership",),
    ),
    # the complaints and reports a regulator takes from the public and how it settles them (投诉举报按时办结率: r62,
    # under 普法): its functions
    # (one settled by mediation is a dispute: 消费投诉调解)
    (
        re.compile(r"^(?![^，,]*(?:调解|化解))[^，,]*(?:投诉举报|举报投诉|消费投诉|12315)"),
        ("functions", "party_functions", "governance"),
    ),
    # the services the body gives online and at its halls (政务服务事项网上可办率, 一网通办): its functions, never the
    # settling of disputes (blind read r59)
    (
        re.compile(r"政务服务|网上可办|一网通办|全程网办|一件事一次办|营商环境"),
        ("functions", "governance", "party_functions"),
    ),
    # wrongs of land and building found in the area (新增违法占用耕地图斑, 违法建设): matters of enforcement, never of
    # the body's functions or services (blind read r59: under 放管服)
    (
        re.compile(r"违法(?:占用|占地|用地|建设|建筑|搭建)|违章(?:建筑|搭建)|违建|乱占耕地|耕地图斑|卫片"),
        ("enforcement", "governance", "party_governance"),
    ),
    # the government's meetings and links with the courts and procuratorates, and its restraint from
    # interfering with them: the part on 不干预司法 (r40: 府院联动联席会议 under 放管服)
    (re.compile(r"府院|府检|院府|不干预司法|插手|过问案件"), ("review", "supervision", "oversight")),
    # licences and approvals are the body's duties and services: the part on its functions (r42: 行政许可
    # under 行政复议与行政应诉)
    (
        re.compile(r"行政许可|行政审批|审批事项|许可事项|许可证"),
        ("functions", "party_functions", "governance"),
    ),
    # the grid of a place: its governance and stability, never its rule-making (r40: 划分网格 under 依法行政)
    (re.compile(r"网格"), ("disputes", "party_governance")),
    # 以案释法 and the body's 普法 talks are outreach, whoever counts them (r40 probe: under 学习)
    (re.compile(r"以案释法|普法宣讲|普法讲座|法治宣讲"), ("pufa",)),
    # the law taught to pupils (法治副校长, 法治辅导员) and law-abiding schools (依法治校示范校): outreach and the
    # rule of law in society, never the body's administration (blind read r55: under 坚持依法行政)
    (re.compile(r"法治副校长|法治辅导员|法治教育|依法治校|青少年法治"), ("pufa",)),
    # the committee that decides a court's or a procuratorate's hard cases: its cases, else how it judges
    # (blind read r55: 主持审判委员会会议 under 组织领导); its meeting's study stays with study
    (
        re.compile(r"^(?!.*(?:学法|学习))[^，,]*(?:审判委员会|审委会|检察委员会|检委会)"),
        ("judicial", "judicature"),
    ),
    # the meetings of the committee or group that leads the work (县委网信委全体会议, 法治建设领导小组会议): the part on
    # leadership, never the body's business (tune read r45: under 依规依法履职); a meeting of study stays with study
    (
        re.compile(
            r"^(?!.*(?:学法|学习|培训))[^，,]{0,16}?(?:委员会|委|领导小组)(?:召开|举行)?(?:全体|第[一二三四五六七八九十\d]+次)?(?:会议|全会)"
        ),
        ("leadership",),
    ),
    # a week, month or day of publicity (网络安全宣传周, 国家安全教育日): outreach to the public, the part on 普法
    # (tune read r45: 网络安全宣传周线上线下参与 under 依规依法履职)
    (re.compile(r"宣传(?:周|月|日)|教育日|宣传咨询日"), ("pufa",)),
    # enforcement officers trained: the enforcement part where the outline has one (the labelled set), else
    # the team's
    # (…参加县级以上法律知识培训: r56, the words between may be many)
    (re.compile(r"执法人员[^，,]{0,16}培训"), ("enforcement", "talent", "study")),
    # the study before a meeting and the group's study: the leaders' own study, whoever takes part (r56:
    # 组织班子成员及机关干部参加会前学法 under 法治工作队伍建设)
    (
        re.compile(r"会前学法|会前学习|集体学法|中心组[^，,]{0,6}(?:学法|学习)"),
        ("study", "leadership", "party_leadership"),
    ),
    # the body's own people trained in law (全系统法治培训, 机关干部法律知识培训): its team or its study, never
    # its business (blind read r49: under 依法全面履行部门职能); training of the public is 普法
    (
        re.compile(
            r"^(?!.*(?:群众|企业|村民|居民|学生|经营主体|从业人员|医务))[^，,]{0,12}"
            r"(?:法治|法律|学法)[^，,]{0,6}培训"
        ),
        ("talent", "study", "leadership", "party_leadership"),
    ),
    # benefits, cards and allowances the body hands out (发放优待证, 发放抚恤补助资金): its functions and
    # services, never its enforcement (blind read r49: 累计发放优待证 under 严格规范公正文明执法)
    (
        re.compile(r"发放[^，,]{0,10}(?:优待证|补助|补贴|救助|抚恤|津贴|慰问金)"),
        ("functions", "party_functions", "governance"),
    ),
    # the money that keeps the rule-of-law work going (法治宣传及法律顾问经费): the part on leadership and its
    # guarantees (blind read r49: under 规范权力运行)
    (
        re.compile(r"(?:法治|普法|法律顾问|法律服务)[^，,]{0,10}(?:经费|资金保障)|法治[^，,]{0,4}经费"),
        ("leadership", "party_leadership"),
    ),
)
#: figures of the public placed by their matter, whoever they name (PLACED keeps a label naming the public
#: away from the team's and the body's own parts): the public's visits and petitions (群众来访, 受理信访事项) go to
#: the part on disputes, else the body's own conduct of its duties, never 普法 (blind reads r48, r50: under
#: 法治宣传); a policy taken to the public (医保政策宣传进社区) is outreach, the part on 普法, never the body's
#: business (r50: under 依法全面履行部门职能)
PUBLIC_PLACED = (
    # …else the body's own work, never 普法 (r54: 退役军人信访 under 落实普法责任制)
    (
        re.compile(r"来访|信访|上访|接访"),
        # …a court's or a procuratorate's own cases, where it has no part on disputes (r55: 院长接待来访群众)
        ("disputes", "party_governance", "governance", "functions", "party_functions", "judicial"),
    ),
    (re.compile(r"政策宣传|宣传进(?:社区|村|企业|医院|校园|学校|机关|家庭|网格|单位)"), ("pufa",)),
    # the villages' and communities' own rules are self-government, the rule of law in society, never the
    # government's rules of administration (r52: 修订村规民约 under 健全依法行政制度体系)
    (
        re.compile(r"村规民约|居民公约|居规民约|自治章程|村民自治|居民自治"),
        ("pufa", "governance", "disputes"),
    ),
    # advice and proposals of deputies, members or 党外人士 on the body's work: the oversight it accepts, never
    # 普法 (r53: 党外代表人士提出法治相关建言 under 落实普法责任制)
    (re.compile(r"建言|献策|提案|代表建议|意见建议"), ("party_oversight", "oversight", "supervision")),
)
#: the legal advisers of villages and communities: a public legal service, the justice bureau's own work or the
#: part on disputes and services, never 普法 (blind read r39: 法律顾问覆盖村（社区） under 法治宣传教育)
VILLAGE_COUNSEL_RE = re.compile(r"(?:村|社区|居)[^，,]{0,4}法律顾问|法律顾问[^，,]{0,6}(?:村|社区|居)")
VILLAGE_COUNSEL_PARTS = ("justice", "disputes", "governance")
#: the body as a party to an administrative case (出庭应诉, 被申请行政复议, 败诉, 被撤销): where the outline has a
#: part on 复议与应诉 it goes there, else to the part on governing by law, never to the public's disputes
#: (blind read r38: 出庭应诉率, 行政诉讼败诉率, 被申请行政复议 under 化解矛盾纠纷)
PARTY_RE = re.compile(r"应诉|被申请(?:行政)?复议|被诉|败诉|被(?:依法)?撤销|确认违法|被纠错|被纠正")
RESPONDENT_RE = re.compile(PARTY_RE.pattern + r"|行政诉讼|行政复议")
#: the bodies that decide administrative reviews (复议机关): their 行政复议 is dispute work, not a party's
REVIEWERS = ("司法局", "人民政府")
RESPONDENT_PARTS = ("review", "governance")


def _respondent(row: MetricRow, body: Any) -> bool:
    """Whether the row counts the body's own administrative cases as a party (not a court's, nor a
    复议机关's 行政复议 decided)."""
    label = row.label
    if not RESPONDENT_RE.search(label):
        return False
    kind, dept = getattr(body, "kind", None), getattr(body, "department", None)
    if kind in ("法院", "人民法庭", "检察院"):
        return False  # a court tries them, a procuratorate supervises them
    if (_reviewer(body) or kind in REVIEWERS or dept in REVIEWERS) and not PARTY_RE.search(label):
        return False  # 办理行政复议案件 of a 司法局 or a 税务局: the reviewer's own dispute work
    return True


def _reviewer(body: Any) -> bool:
    """Whether the body decides administrative reviews (a government through its 司法局, a vertical 税务局):
    the scope rules of bodies.yaml, the scanner the audit uses, decide."""
    from assistant.draft.voice.scan import out_of_scope

    return body is not None and not out_of_scope("办理行政复议案件", body)


#: a check of the quality of the body's own cases or files (案件质量评查, 执法案卷评查)
REVIEW_RE = re.compile(r"评查|案卷质量|案件质量")


def _own_staff(row: MetricRow) -> bool:
    """A headcount of the body's own people (员额检察官 42名), not a count of what they did."""
    return row.unit_class == "person" and OWN_STAFF_RE.match(clean(row.label, row.unit)) is not None


#: the system an honour is given in (全省自然资源系统, 全市检察机关): its scope, not its matter
SYSTEM_SCOPE_RE = re.compile(rf"^(?:全国|全[{COUNTY_UP_CHARS}])?[\u4e00-\u9fff]{{2,8}}?系统")


#: words too general to tie a rate to a count (网上办理率 and 重大事项 share 事项 only)
_GENERIC_HEADS = frozenset(
    {"案件", "案", "事项", "申请", "建议", "活动", "学习", "会议", "教育", "工作", "宣传"}
)


def _studies(label: str) -> bool:
    """Whether a label counts the body's own study (召开审判委员会专题学法): never its business (r22)."""
    return any(a in label for a in words()["study_acts"] if len(a) >= 2 and a not in ("研究", "专题研究"))


def _activity_partner(rate: MetricRow, rows: Sequence[MetricRow]) -> MetricRow | None:
    """The count a rate is of: a row (not a rate) whose label holds the same activity or case word
    (督察发现问题整改完成率 → 开展法治督察; 旅游投诉按期办结率 → 受理旅游投诉), the longest word first."""
    w = words()
    heads = sorted(
        {*w["activities"], *w["cases"], "督察", "投诉", "应诉", "复议", "调解", "仲裁"} - _GENERIC_HEADS,
        key=len,
        reverse=True,
    )
    for word in (h for h in heads if len(h) >= 2 and h in rate.label):
        partner = next(
            (r for r in rows if r is not rate and r.unit_class != "rate" and word in r.label), None
        )
        if partner is not None:
            return partner
    return None


#: what a check finds or has put right (安全隐患, 整改问题, 问题线索)
FINDING_RE = re.compile(r"隐患|(?:发现|整改|督促整改)[^，,]{0,6}问题|问题(?:整改|线索)")
#: a check of the body's (安全检查, 执法检查, 巡查, 督查)
CHECK_RE = re.compile(r"检查|巡查|督查|抽查|评查|暗访")
#: two-character words any finding or check shares
_CHECK_GENERIC = frozenset(
    {"开展", "整改", "问题", "排查", "督促", "发现", "检查", "全年", "隐患", "查处", "组织"}
)


def _check_of(row: MetricRow, rows: Sequence[MetricRow]) -> MetricRow | None:
    """The check a finding row came of: a row of a check whose label shares a word of its matter (安全)."""
    label = row.label
    if not FINDING_RE.search(label) or CHECK_RE.search(label):
        return None
    grams = {label[i : i + 2] for i in range(len(label) - 1)} - _CHECK_GENERIC
    return next(
        (
            o
            for o in rows
            if o is not row
            and CHECK_RE.search(o.label)
            and grams & {o.label[i : i + 2] for i in range(len(o.label) - 1)}
        ),
        None,
    )


def _placed_part(
    table: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...], label: str, keys: list[str]
) -> str | None:
    """The part a placing table (``PLACED``, ``PUBLIC_PLACED``) gives a label: of the first pattern it
    matches, the first part the outline has; ``None`` for none."""
    return next((k for pattern, parts in table if pattern.search(label) for k in parts if k in keys), None)


def _index(rows: Sequence[MetricRow], row: MetricRow) -> int:
    """Where ``row`` itself stands in ``rows`` (by identity: two rows may be equal)."""
    return next(i for i, x in enumerate(rows) if x is row)


def route_rows(
    rows: Sequence[MetricRow],
    leaves: Sequence[tuple[GenreSection, GenreSection | None]],
    embedder: Any = None,
    cache_dir: Path | None = None,
    body: Any = None,
) -> list[list[MetricRow]]:
    """Send each user row to the one section it belongs in.

    Args:
        rows: the user's rows.
        leaves: (level-1 section, sub-point or None) of every performance part of the outline.
        embedder: the index's embedder; ``None`` falls back to bigram similarity.
        cache_dir: where the sections' vectors are kept between processes (``settings.cache_dir``).
        body: the user's body: its own business (:func:`own_words`) speaks for its own-work section.

    Returns:
        The rows of each leaf, in the leaves' order.
    """
    routed: list[list[MetricRow]] = [[] for _ in leaves]
    if not rows or not leaves:
        return routed
    nodes = [sub or sec for sec, sub in leaves]
    keys = [n.key for n in nodes]
    own = next((keys.index(k) for k in OWN_WORK_KEYS if k in keys), None)
    business = own_words(body) if own is not None else []
    if embedder is not None:
        extra = {own: business} if business and own is not None else None
        sem = semantic_scores([_matter(r.label) for r in rows], nodes, embedder, cache_dir, extra)
        scores, floor, weight = sem / TAU, UNROUTED_COS, 1.0
    else:  # bigram similarity: the weights the router had before it read meaning
        sem = np.array([[similarity(r.label, f"{n.title} {n.query}") for n in nodes] for r in rows])
        scores, floor, weight = sem.copy(), UNROUTED, 2.0
    where: list[int] = []
    stable = next((j for j, n in enumerate(nodes) if re.search(r"稳定|平安|治安", n.title)), None)
    area = body is not None and not getattr(body, "department", None)  # a place's organs, not a bureau
    party = next((k for k in RESPONDENT_PARTS if k in keys), None)  # the part of the body's own cases
    answering = next((j for j, (sec, sub) in enumerate(leaves) if "应诉" in (sub or sec).title), None)
    reviewer = "disputes" in keys and _reviewer(body)  # the body decides reviews: once, not per row
    for r, row in enumerate(rows):
        said = _matter(row.label)
        if said != row.label.strip():  # an honour: 全省自然资源系统… names whose system, not the matter (r32)
            said = SYSTEM_SCOPE_RE.sub("", said)
        mine = (
            any(len(w) >= 2 and w in said for w in business)
            and not _studies(row.label)
            and not STAFF_RE.search(row.label)  # 组织审计人员法治培训: the staff's training, not the business
            and not OUTREACH_RE.search(row.label)  # 宪法进校园, 学宪法讲宪法: outreach to the public (r34)
        )
        for j, (sec, sub) in enumerate(leaves):
            node = sub or sec
            if not mine:  # the kind was read without the body: its own business outweighs it
                scores[r, j] += weight * _kind_prior(row, node)
            elif j == own:
                scores[r, j] += weight * BUSINESS_PRIOR
            if _column(row, node, sec):
                scores[r, j] += COLUMN_PRIOR
        best = int(np.argmax(scores[r]))
        if own is not None and not row.section and not row.kind and float(sem[r].max()) < floor:
            best = own  # a figure of the body's own business (审计项目)
        if keys[best] == "study" and "talent" in keys and not row.section and STAFF_RE.search(row.label):
            best = keys.index("talent")  # the head's study part is his own; the staff's exams are the team's
        if keys[best] in OWN_WORK_KEYS and not row.section and STAFF_RE.search(row.label):
            # the staff's own training is no business done for the public (r31: 组织审计人员法治培训)
            best = next((keys.index(k) for k in ("talent", "study", "leadership") if k in keys), best)
        if "talent" in keys and not row.section and _own_staff(row):
            best = keys.index("talent")  # 员额检察官 42名: the body's own people, its team (r31)
        # a 政法委's review of the 政法 bodies' cases checks power: its part on ruling power (r51: never 平安建设)
        review = next(
            (keys.index(k) for k in ("judicature", "enforcement", "party_governance") if k in keys), None
        )
        if review is not None and not row.section and REVIEW_RE.search(row.label):
            best = review  # the body's check of its own cases (案件质量评查): the part on their quality (r31)
        if (
            keys[best] in ("study", "talent", "leadership", "decision")
            and "pufa" in keys
            and not row.section
            and PUBLIC_RE.search(row.label)
        ):
            best = keys.index("pufa")  # training or talks for the public: outreach, not the staff's study
        listed = any(row.kind in (sub or sec).metrics for sec, sub in leaves)
        if (
            own is not None
            and row.kind
            and not listed
            and not row.section
            and keys[best] == "leadership"
            and not STAFF_RE.search(row.label)
        ):
            best = own  # a matter the outline has no part for (民族宗教矛盾纠纷 of a 统战部): the body's own work
        if (area or not mine) and stable is not None and not row.section and STABILITY_RE.search(row.label):
            best = stable  # the area's peace and safety: the part on stability (r30)
        if (
            own is not None
            and stable is None
            and "disputes" not in keys
            and not row.section
            and keys[best] in ("pufa", "study", "leadership", "talent")
            and DISPUTE_RE.search(row.label)
        ):  # disputes and petitions, with no part for them: the body's own work (r31, r53: not 普法)
            best = own
        if mine and "enforcement" in keys and not row.section and ENFORCE_RE.search(row.label):
            best = keys.index(
                "enforcement"
            )  # the body's own inspections and cases: its enforcement part (r34)
        if (mine or area) and "disputes" in keys and not row.section and DISPUTE_RE.search(row.label):
            # the body's own disputes (劳动人事争议仲裁), a place's disputes and petitions: the disputes part (r25, r33)
            best = keys.index("disputes")
        placed = _placed_part(PLACED, row.label, keys)
        if placed is not None and not row.section and not PUBLIC_RE.search(row.label):
            if not (placed == "enforcement" and STAFF_RE.search(row.label)):  # 执法人员培训: the team's
                best = keys.index(placed)
        served = _placed_part(PUBLIC_PLACED, row.label, keys)
        if served is not None and not row.section and not HONOUR_RE.match(row.label):  # an honour stays
            best = keys.index(served)
        counsel = next((k for k in VILLAGE_COUNSEL_PARTS if k in keys), None)
        if counsel is not None and not row.section and VILLAGE_COUNSEL_RE.search(row.label):
            best = keys.index(counsel)
        if party is not None and keys[best] == "disputes" and not row.section and _respondent(row, body):
            best = keys.index(party)
        elif (
            reviewer and not row.section and "行政复议" in row.label and not PARTY_RE.search(row.label)
        ):  # the reviews a 税务局 decides: its dispute work (blind read r68: never under 依法行政)
            best = keys.index("disputes")
        if party is None and answering is not None and not row.section and _respondent(row, body):
            best = (
                answering  # the body's own suits and reviews: the part that says 应诉 (r68: never 履行职能)
            )
        where.append(best)
    for r, row in enumerate(rows):  # the reach of an activity goes where the activity goes
        partner = next((a for a, other in enumerate(rows) if a != r and companion(other, row, rows)), None)
        if partner is not None and not row.section and not rows[partner].section:
            where[r] = where[partner] = int(np.argmax(scores[r] + scores[partner]))  # both rows' matter
    for r, row in enumerate(rows):  # an honour of the body's whole rule-of-law work opens the report
        if WHOLE_SCORE_RE.search(row.label) and not row.section:  # its score: the head's account, if any
            where[r] = next((keys.index(k) for k in ("duty", "leadership") if k in keys), 0)
        elif whole_honour(row) and not row.section:
            where[r] = keys.index("leadership") if "leadership" in keys else 0
    for r, row in enumerate(rows):  # a rate goes where the count of its activity goes (督察…整改完成率)
        measured = row.unit_class is None and bool(row.unit)  # 公里, 亩: a length or an area of the work
        if (row.unit_class == "rate" or measured) and not row.section:  # a rate, or a measure of it
            partner = _activity_partner(row, rows) or (measured_count(row, rows) if measured else None)
            if partner is not None:
                where[r] = where[_index(rows, partner)]
    for r, row in enumerate(rows):  # what a check found goes where the check goes (排查整改安全隐患 beside
        check = _check_of(row, rows)  # 宗教活动场所安全检查: r45, never under 化解矛盾纠纷)
        if check is not None and not row.section:
            where[r] = where[_index(rows, check)]
    for r, row in enumerate(rows):  # a 其中… row goes where the row it is a part of goes
        parent = parent_of(row, list(rows))
        if parent is not None and not row.section:
            where[r] = where[_index(rows, parent)]
    for r, row in enumerate(rows):
        routed[where[r]].append(row)
    return routed
