"""A genre's outline for a body: items of its group, kind or department, headings by kind and level,
and the genres a body does not write (``bodies``/``titles``/``not_for`` in ``assistant/data/genres.yaml``;
a kind's outline group is in ``assistant/data/bodies.yaml``)."""

from __future__ import annotations

from typing import Any

from assistant.lang.bodies import BodyProfile, out_of_scope
from assistant.lang.body_model import bodies


def genre_for_body(genre: Any, body: BodyProfile | None) -> Any:
    """The genre's outline for this body: items of other bodies left out, headings of its kind and level.

    A section or sub-point with ``bodies`` is kept only when the body's group (党委/政府/部门/司法), its
    kind (法院 …) or its department (司法局 …) is listed, and only when its heading names no duty outside
    the body's scope (the scope rules of bodies.yaml); ``titles`` replaces the heading (see
    :func:`heading_for`). With no known body every item without ``bodies`` or listing 党委 is kept (the
    述法 template of a 党委 head).

    Raises:
        BadInputError: the body does not write this genre (``not_for`` in genres.yaml: a court's
            法治政府建设年度报告); the message names the genre it writes instead.
    """
    from dataclasses import replace

    from assistant.errors import BadInputError

    refusal = writer_refusal(genre, body)
    if refusal:
        raise BadInputError(refusal)
    group = body.group if body is not None else None
    tags = {t for t in (group, *((body.kind, body.department) if body is not None else ())) if t}
    if not tags:
        tags = {"党委"}

    def keep(sec: Any) -> bool:
        if sec.bodies and not tags & set(sec.bodies):
            return False
        # a heading naming a duty outside the body's scope (行政执法“三项制度” for a body the scope rules give
        # no enforcement) is no part of its report: the draft would fail its own voice audit (blind read r44)
        if body is None:
            return True
        return not out_of_scope(heading_for(sec, body), body) and not _wording_outside(sec, body)

    def adapt(sec: Any) -> Any:
        return replace(
            sec,
            title=heading_for(sec, body),
            fallback=fallback_for(sec, body),
            subpoints=[adapt(s) for s in sec.subpoints if keep(s)],
        )

    return replace(genre, sections=[adapt(s) for s in genre.sections if keep(s)])


def _keys(body: BodyProfile) -> list[str]:
    level = body.level or ""
    spec = body.spec
    like = spec.like if spec is not None else None  # a tribunal reads its court's wording after its own
    return [
        k
        for k in (
            body.department,
            f"{body.kind}@{level}",
            body.kind,
            like,
            f"{body.group}@{level}",
            body.group,
        )
        if k
    ]


def heading_for(sec: Any, body: BodyProfile | None) -> str:
    """A section's heading for this body: the most specific of its ``titles`` keys — department,
    ``kind@level``, kind, ``group@level``, group — else its own title (a 县委's 支持人大、政府、政协、法院、
    检察院 and a 乡镇党委's 支持人大、政府、纪委 are keyed ``党委`` and ``党委@乡级``)."""
    if body is None or not sec.titles:
        return sec.title
    return next((sec.titles[k] for k in _keys(body) if k in sec.titles), sec.title)


def _wording_outside(sec: Any, body: BodyProfile) -> bool:
    """Whether the genre's own wording of a part is a duty outside the body's scope: of its sentences for
    the body, fewer than two are left once those the scope rules refuse it go (严格规范公正文明执法 for a
    外事办公室 whose table shows no enforcement: tune read r45)."""
    lists = _wording_lists(sec, body)
    return bool(lists) and len(lists[0]) >= 2 and len(fallback_for(sec, body)) < 2


def _wording_lists(sec: Any, body: BodyProfile | None) -> list[list[str]]:
    """The lists of a section's own wording that fit the body, the most specific key first, ``通用`` last."""
    table = getattr(sec, "fallbacks", None) or {}
    keys = _keys(body) if body is not None else ["党委"]
    return [table[k] for k in [*keys, "通用"] if k in table]


def fallback_for(sec: Any, body: BodyProfile | None) -> list[str]:
    """The genre's own wording of a section for this body (``fallback:`` keyed like ``titles``, the most
    specific key first, else ``通用``); with no known body, the 党委 wording (the outline's default)."""
    lists = _wording_lists(sec, body)
    if body is None or not lists:
        return list(lists[0]) if lists else []
    # a sentence naming a duty outside the body's scope (双随机 for a 人民防空办公室 whose table shows no
    # enforcement) is left out, and the next list of the section tops the wording up (tune read r45)
    out: list[str] = []
    for sentences in lists:
        out += [s for s in sentences if s not in out and not out_of_scope(s, body)]
        if len(out) >= 2:
            break
    return out[:4]


def writer_refusal(genre: Any, body: BodyProfile | None) -> str | None:
    """The genre's message when this body does not write it (``not_for`` keyed by kind or group; a
    key that is a kind's name — 党委 — is that kind alone, not its group's townships and streets)."""
    not_for = getattr(genre, "not_for", None) or {}
    if body is None or not not_for:
        return None
    key = body.kind if body.kind in not_for else body.group
    if not key or key not in not_for or (key != body.kind and key in bodies().kinds):
        return None
    return not_for[key].format(org=body.name or (body.spec.label if body.spec else ""))
