"""Whole drafts per body scenario: sentences reused as is / adapted / dropped, items filled vs marked,
and the time of a whole draft from a loaded index (target ≤ 1 s); one chat answer too; and a draft
from last year's own report (``draft --base``, target ≤ 1 s).

Usage: python bench/bench_draft.py [--index index] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.draft.chat import ask
from assistant.draft.report import DraftRequest, draft_report
from assistant.draft.tables.metrics import rows_from_records
from assistant.draft.voice import adapt as voice
from assistant.index.search import get_searcher
from assistant.settings import load_settings

COMMON = [
    {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
    {"指标": "普法覆盖人次", "数值": "5600", "单位": "人次"},
    {"指标": "中心组集中学习", "数值": "8", "单位": "次"},
    {"指标": "聘请法律顾问", "数值": "2", "单位": "人"},
]
SCENARIOS = {  # name: (org, extra rows)
    "乡镇党委": (
        "青山县红星镇党委",
        [
            {"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"},
            {"指标": "法律明白人", "数值": "42", "单位": "名"},
        ],
    ),
    "县司法局": (
        "青山县司法局",
        [
            {"指标": "行政复议案件", "数值": "37", "单位": "件"},
            {"指标": "社区矫正对象", "数值": "210", "单位": "人"},
            {"指标": "公共法律服务站点", "数值": "18", "单位": "个"},
        ],
    ),
    "区政府": (
        "江北区人民政府",
        [
            {"指标": "行政复议案件", "数值": "64", "单位": "件"},
            {"指标": "规范性文件合法性审核", "数值": "28", "单位": "件"},
        ],
    ),
    "街道": ("朝阳区和平街道办事处", [{"指标": "矛盾纠纷调解", "数值": "140", "单位": "件"}]),
    "审计局": ("青山县审计局", [{"指标": "警示教育", "数值": "4", "单位": "次"}]),
}
GENRES = ("述法报告", "法治政府建设年度报告", "工作总结")


def _items(draft) -> tuple[int, int]:
    filled = marked = 0
    for sd in draft.sections:
        for p in sd.paragraphs:
            if p.heading and p.run_in:
                body = p.text[len(p.heading) :]
                if "【待补充" in p.heading or body.startswith("【待补充"):
                    marked += 1
                else:
                    filled += 1
    return filled, marked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index)
    t0 = time.perf_counter()
    get_searcher(settings).search("预热", k=1)
    print(f"load index + embedder: {time.perf_counter() - t0:.2f} s")
    print("scenario | genre | as is | adapted | dropped | items filled/marked | markers | median s | max s")
    all_times = []
    totals = {"as_is": 0, "adapted": 0, "dropped": 0}
    for name, (org, extra) in SCENARIOS.items():
        rows = rows_from_records(COMMON + extra)
        for genre in GENRES:
            times = []
            for i in range(args.repeat):
                voice.STATS.clear()
                t = time.perf_counter()
                draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), settings)
                times.append(time.perf_counter() - t)
                if i == 0:
                    stats = dict(voice.STATS)
            all_times += times
            for key in totals:
                totals[key] += stats.get(key, 0)
            filled, marked = _items(draft)
            print(
                f"{name} | {genre} | {stats.get('as_is', 0)} | {stats.get('adapted', 0)} | {stats.get('dropped', 0)} | "
                f"{filled}/{marked} | {len(draft.missing)} | {statistics.median(times):.3f} | {max(times):.3f}"
                + ("" if not draft.voice else f" | voice findings {len(draft.voice)}")
            )
    n = sum(totals.values()) or 1
    print(
        f"candidate sentences: {totals['as_is'] / n:.0%} as is, {totals['adapted'] / n:.0%} adapted, "
        f"{totals['dropped'] / n:.0%} dropped (of {n})"
    )
    print(
        f"whole draft: median {statistics.median(all_times):.3f} s, max {max(all_times):.3f} s (target ≤ 1 s)"
    )
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ask(
            "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
            settings,
            org="青山县红星镇党委",
            year=2024,
        )
        times.append(time.perf_counter() - t)
    print(f"ask (no LLM): median {statistics.median(times):.3f} s, max {max(times):.3f} s (target < 1 s)")
    bench_base(settings, args.repeat, statistics.median(times))


def bench_base(settings, repeat: int, ask_median: float) -> None:
    """``draft --base`` on sample 001: read the base, fill its figures table, draft with comparisons."""
    from assistant.draft.base.reader import metrics_table, read_base
    from assistant.draft.base.redraft import draft_from_base

    base_file = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("001_*.txt"))[0]
    records = metrics_table(read_base(base_file, settings))
    for n, rec in enumerate(records):
        rec["数值"] = "" if n % 5 == 4 else str(int("".join(c for c in rec["上年数值"] if c.isdigit())) + 2)
    rows = rows_from_records(records, allow_blank=True)
    parse, total = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        base = read_base(base_file, settings)
        parse.append(time.perf_counter() - t)
        draft = draft_from_base(base, rows, org="某某乡党委")
        total.append(time.perf_counter() - t)
    med = statistics.median(total)
    print(
        f"draft --base (sample 001, {len(rows)} rows): median {med:.3f} s (parse {statistics.median(parse):.3f} s), "
        f"max {max(total):.3f} s (target ≤ 1 s), {len(draft.derived)} derived figures, "
        f"{len(draft.missing)} markers; {med / ask_median:.2f}× one ask in the same run"
    )


if __name__ == "__main__":
    main()
