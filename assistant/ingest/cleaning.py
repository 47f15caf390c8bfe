"""Clean decoded report text while remembering where every character came from.

Removes paywall markers (``##paidbegin##``/``##paidend##``, also mid-sentence), web-page chrome
(下载/打印/全屏/收藏/【字号：…】/来源：/时间：/分享/扫一扫/责任编辑 …, photo captions, the
"相关报道" tail) and public-domain/copyright notices; normalises full-width digits and ASCII
letters, ``％``, ``．``, the ideographic space (U+3000) and NBSP to half-width; strips each line and
drops blank lines, so the result has one paragraph per line. Chinese punctuation (，。（）：) is
kept as is; mends the slips of past reports listed in ``data/mends.yaml`` (学习法用法 → 学法用法:
wording that is wrong whoever reuses it, so it is mended once here and not as a drafting rule).
``clean_text`` returns the offsets of every kept character in the original text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

PAID_RE = re.compile(r"##paid(?:begin|end)##", re.IGNORECASE)

# Whole lines that are web-page chrome (compared after stripping).
CHROME_LINES = frozenset(
    """下载 打印 全屏 收藏 加大 还原 减小 大 中 小 】 【 > >> | × 首页 分享 分享： 分享: 分享到 分享到: 分享到：
    分享到微信 分享到微博 微信 微博 QQ空间 打印本页 【打印本页】 关闭窗口 【关闭窗口】 【关闭】 关闭 【打印】 【返回顶部】
    返回顶部 返回 上一篇 下一篇 扫一扫 扫一扫在手机打开当前页 手机扫一扫 您的位置: 您的位置： 当前位置: 当前位置：
    来源: 来源： 时间: 时间： 发表时间: 发表时间： 发布时间: 发布时间： 阅读量: 阅读量： 浏览次数: 浏览次数： 责任编辑:
    责任编辑： 编辑: 编辑： 作者: 作者： 字号: 字号： 【字号： 【字体： 【字号: 【字体: 》》点击图片进入专题《《
    相关报道： 相关报道: 相关文档： 相关文档: 相关附件>> 相关链接>> 相关阅读 相关阅读： 相关新闻 相关新闻：""".split()
) | frozenset({"Public domain", "【字号：大 中 小】", "【字体：大 中 小】"})

# Labels whose value sits on the next line (``来源:`` / ``四川日报``).
LABEL_LINES = frozenset(
    {
        "来源:",
        "来源：",
        "发表时间:",
        "发表时间：",
        "发布时间:",
        "发布时间：",
        "时间:",
        "时间：",
        "阅读量:",
        "阅读量：",
        "浏览次数:",
        "浏览次数：",
        "责任编辑:",
        "责任编辑：",
        "编辑:",
        "编辑：",
    }
)

CHROME_RE = re.compile(
    r"""^(?:
        (?:来源|时间|发布时间|发表时间|发布日期|浏览次数|阅读量|阅读次数|点击数|点击量|责任编辑|编辑|作者|字号|访问量)\s*[:：].{0,40}
      | [（(]\s*(?:来源|责任编辑|编辑)\s*[:：].{0,40}[）)]
      | 【\s*(?:字号|字体)\s*[:：]?.{0,12}】?
      | (?:分享到|扫一扫|您的位置|当前位置|打印本页|关闭窗口|【打印|【关闭|【返回).{0,30}
      | [\u4e00-\u9fff]{0,6}(?:要闻|动态|政务信息|政府信息公开|信息公开|新闻中心|政务公开|今日关注)\s*  # breadcrumbs
      | \d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?
      | \d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:]\d{2}分?(?:\d{2}秒)?
      | [0-9a-f]{32}:
      | <!--.*-->
      | (?:版权所有|Copyright|©|\(c\)\s*\d{4}|免责声明|本网站所有内容).{0,80}
      | .{0,40}(?:本报记者|记者|摄影|通讯员).{0,20}摄
      | .{0,40}作政府工作报告。?\s*(?:[^。]{0,20}记者.{0,12})?
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# Lines after which only links, related articles or licence notices follow (cut from there on
# when they sit in the last third of the text).
TAIL_RE = re.compile(
    r"^(?:相关报道|相关文档|相关附件|相关链接|相关阅读|相关新闻|延伸阅读|本作品是中华人民共和国|本作品在全世界都属于公有领域"
    r"|本作品来自|Public domain|打印本页|【打印本页】|关闭窗口|【关闭窗口】|分享到)"
)

_FW = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FW.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FW.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FW.update(
    {
        0x3000: 0x20,
        0xA0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x202F: 0x20,
        0xFF05: 0x25,
        0xFF0E: 0x2E,
        0x09: 0x09,
    }
)
NORMALISE = str.maketrans(_FW)
DROP_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_RE = re.compile(f"[{DROP_CHARS}]")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_STRIP = " \t\f\v\u3000\u00a0\u2002\u2003\u2009\u202f" + DROP_CHARS


def normalise_chars(text: str) -> str:
    """Half-width digits/letters/spaces, ``％``→``%``, ``．``→``.``; one character for one.

    Args:
        text: any text.

    Returns:
        The text with the same length.
    """
    return text.translate(NORMALISE)


MENDS = Path(__file__).resolve().parent.parent / "data" / "mends.yaml"


@functools.cache
def mend_rules() -> list[tuple[re.Pattern[str], str, tuple[str, str]]]:
    """(pattern, replacement, example) of ``data/mends.yaml``; an entry without an example is refused."""
    out = []
    for i, entry in enumerate(yaml.safe_load(MENDS.read_text(encoding="utf-8"))["mends"]):
        if set(entry) != {"pattern", "repl", "example"} or len(entry["example"]) != 2:
            raise ValueError(
                f"mends.yaml 第{i + 1}条格式错误：需要 pattern、repl 和 example（修正前、修正后）"
            )
        out.append((re.compile(entry["pattern"]), entry["repl"], tuple(entry["example"])))
    return out


def mend(line: str, offsets: list[int] | None = None) -> tuple[str, list[int]]:
    """Mend the known slips in one line; each new character maps into the span it replaces.

    Args:
        line: one cleaned line.
        offsets: the original offset of each character (``range(len(line))`` when omitted).

    Returns:
        The mended line and its offsets (sorted, one per character).
    """
    offs = list(range(len(line))) if offsets is None else list(offsets)
    for pattern, repl, _example in mend_rules():
        if not pattern.search(line):
            continue
        pieces: list[str] = []
        new_offs: list[int] = []
        last = 0
        for m in pattern.finditer(line):
            pieces.append(line[last : m.start()])
            new_offs.extend(offs[last : m.start()])
            text = m.expand(repl)
            span = offs[m.start() : m.end()] or [offs[m.start() - 1] if m.start() else 0]
            pieces.append(text)
            new_offs.extend(span[min(k, len(span) - 1)] for k in range(len(text)))
            last = m.end()
        pieces.append(line[last:])
        new_offs.extend(offs[last:])
        line, offs = "".join(pieces), new_offs
    return line, offs


def is_chrome_line(line: str) -> bool:
    """Whether a stripped line is web-page chrome (buttons, source/time stamps, captions …).

    Args:
        line: one line, already stripped.

    Returns:
        True for chrome.
    """
    if line in CHROME_LINES:
        return True
    if len(line) > 90:
        return False
    return CHROME_RE.match(line) is not None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line break."""
    spans = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        if s == e:
            break
        body = m.group()
        cut = len(body.rstrip("\r\n"))
        spans.append((s, s + cut))
    return spans


def _tail_cut(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the first line of a trailing related-links/licence block, or len(spans)."""
    limit = len(text) * 2 // 3
    for i, (s, e) in enumerate(spans):
        if s < limit:
            continue
        if TAIL_RE.match(text[s:e].strip(_STRIP)):
            return i
    return len(spans)


def clean_text(text: str) -> tuple[str, list[int]]:
    """Clean a decoded report.

    Args:
        text: the original (decoded) text.

    Returns:
        ``(clean, offsets)``: the cleaned text, one paragraph per line, and for each
        character ``clean[i]`` its index ``offsets[i]`` in ``text``. A line break between
        two kept lines maps to the end of the earlier line.
    """
    spans = _lines(text)
    stop = _tail_cut(text, spans)
    parts: list[str] = []
    offsets: list[int] = []
    skip_value = False
    for s, e in spans[:stop]:
        raw = text[s:e]
        stripped = raw.strip(_STRIP)
        if not stripped:
            continue
        if skip_value:
            skip_value = False
            if len(stripped) <= 20 and not stripped.endswith(("。", "；", "！", "？")):
                continue
        if stripped in LABEL_LINES:
            skip_value = True
            continue
        if "##" in stripped and PAID_RE.search(stripped):
            pieces = []
            pos = s
            for m in PAID_RE.finditer(text, s, e):
                pieces.append((pos, m.start()))
                pos = m.end()
            pieces.append((pos, e))
        else:
            pieces = [(s, e)]
        line_chars: list[str] = []
        line_offs: list[int] = []
        for a, b in pieces:
            seg = text[a:b]
            if _DROP_RE.search(seg):
                for k, ch in enumerate(seg):
                    if ch not in DROP_CHARS:
                        line_chars.append(ch)
                        line_offs.append(a + k)
            else:
                line_chars.append(seg)
                line_offs.extend(range(a, b))
        line = "".join(line_chars)
        # strip both ends, keeping offsets aligned
        left = len(line) - len(line.lstrip(_STRIP))
        right = len(line.rstrip(_STRIP))
        if right <= left:
            continue
        line = normalise_chars(line[left:right])
        if is_chrome_line(line):
            continue
        line, kept = mend(line, line_offs[left:right])
        if not line:
            continue
        if parts:
            parts.append("\n")
            offsets.append(offsets[-1] + 1 if offsets[-1] + 1 < len(text) else offsets[-1])
        parts.append(line)
        offsets.extend(kept)
    return "".join(parts), offsets
