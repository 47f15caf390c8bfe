"""Prompt templates as files: load, check and render them.

The shipped templates live in the repository's top-level ``prompts/`` folder; a built wheel
carries them as the package ``assistant.prompts`` (see ``setup.py``), found with
:mod:`importlib.resources`; a source checkout or an editable install reads ``prompts/`` itself. A
user folder (``settings.prompts_dir``) may hold files of the same name that replace them one by one.
Every top-level template (a ``*.j2`` file whose name does not start with ``_``) opens with a
header comment declaring its variables::

    {# vars: genre, section_title, sources, metrics #}

At load time each template is parsed and the variables it really uses (through its
``{% include %}`` snippets, such as ``_rules.j2``) are compared with the header; any mismatch
raises :class:`PromptError` naming the file, so a broken override is caught at start-up and not
in the middle of a draft. Rendering uses ``StrictUndefined``: a missing variable is an error,
never a silently empty string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from assistant.errors import BadInputError


def shipped_dir() -> Path:
    """The folder of the shipped templates: ``assistant/prompts`` in a wheel, else the checkout's ``prompts/``."""
    try:  # a folder without __init__.py: a namespace package, whose files() is a MultiplexedPath
        return Path(str(resources.files("assistant.prompts").joinpath(SYSTEM_TEMPLATE))).parent
    except ModuleNotFoundError:  # source checkout or editable install: the repository's own folder
        return Path(__file__).resolve().parents[2] / "prompts"


SYSTEM_TEMPLATE = "system.j2"
SHIPPED_DIR = shipped_dir()

_VARS_HEADER = re.compile(r"\A\s*\{#\s*vars:\s*(?P<names>[^#]*?)\s*#\}")
_BLANK_RUN = re.compile(r"\n{3,}")


class PromptError(BadInputError):
    """A prompt template is broken or was rendered without its variables."""


def _template_name(name: str) -> str:
    return name if name.endswith(".j2") else f"{name}.j2"


def _section_text(section: Any) -> str:
    if section is None:
        return ""
    if isinstance(section, str):
        return section
    return " > ".join(str(part) for part in section)


def source_items(items: Iterable[Any]) -> list[dict[str, str]]:
    """Normalise search results into the ``sources`` shape the templates expect.

    Args:
        items: :class:`~assistant.types.Hit`, :class:`~assistant.types.Passage`,
            :class:`~assistant.types.Source` objects or mappings with ``doc``/``doc_id``,
            ``section`` (a string or a heading path) and ``text``.

    Returns:
        A list of ``{"doc", "section", "text"}`` dicts, numbered [1]..[n] by the templates
        in this order.
    """
    out: list[dict[str, str]] = []
    for item in items:
        obj = getattr(item, "passage", item)  # Hit → Passage
        if isinstance(obj, Mapping):
            doc = obj.get("doc", obj.get("doc_id", ""))
            section, text = obj.get("section"), obj.get("text", "")
        else:
            doc = getattr(obj, "doc", None) or getattr(obj, "doc_id", "")
            section, text = getattr(obj, "section", None), getattr(obj, "text", "")
        out.append({"doc": str(doc or ""), "section": _section_text(section), "text": str(text or "")})
    return out


def metric_items(items: Iterable[Any] | Mapping[str, Any]) -> list[dict[str, str]]:
    """Normalise the user's figures into the ``metrics`` shape the templates expect.

    Args:
        items: a mapping ``label → value`` or an iterable of mappings/objects with
            ``label``, ``value`` and optionally ``unit``.

    Returns:
        A list of ``{"label", "value", "unit"}`` dicts (``unit`` may be empty).
    """
    if isinstance(items, Mapping):
        return [{"label": str(k), "value": str(v), "unit": ""} for k, v in items.items()]
    out: list[dict[str, str]] = []
    for item in items:
        get = item.get if isinstance(item, Mapping) else lambda key, obj=item: getattr(obj, key, None)
        value, unit = get("value"), get("unit")
        out.append(
            {
                "label": str(get("label") or ""),
                "value": "" if value is None else str(value),
                "unit": "" if unit is None else str(unit),
            }
        )
    return out


def body_items(body: Any) -> dict[str, Any]:
    """Normalise the body a text is written for into the ``body`` shape of ``_body.j2``.

    Args:
        body: a :class:`~assistant.lang.bodies.BodyProfile`, an organisation name, a mapping
            already in shape, or None (no body known).
    """
    from assistant.lang.bodies import BodyProfile, detect_body, prompt_profile

    if isinstance(body, Mapping):
        return dict(body)
    if isinstance(body, str):
        body = detect_body(body)
    return prompt_profile(body if isinstance(body, BodyProfile) else None)


def _normalise(variables: dict[str, Any]) -> dict[str, Any]:
    values = dict(variables)
    if "body" in values:
        values["body"] = body_items(values["body"])
    if values.get("sources") is not None:
        values["sources"] = source_items(values["sources"])
    if values.get("metrics") is not None:
        values["metrics"] = metric_items(values["metrics"])
    return values


class PromptLibrary:
    """The prompt templates, checked at load time.

    Args:
        override_dir: a folder whose ``*.j2`` files replace the shipped ones of the same name
            (snippets such as ``_rules.j2`` included). ``None`` uses the shipped files only.

    Raises:
        PromptError: the override folder does not exist, a template does not parse, lacks its
            ``vars`` header, or uses variables other than those it declares.
    """

    def __init__(self, override_dir: Path | None = None) -> None:
        search_path = [SHIPPED_DIR]
        if override_dir is not None:
            override_dir = Path(override_dir)
            if not override_dir.is_dir():
                raise PromptError(f"提示词覆盖目录不存在：{override_dir}")
            search_path.insert(0, override_dir)
        self.override_dir = override_dir
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.declared: dict[str, frozenset[str]] = {}
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".j2")):
            if Path(name).name.startswith("_"):
                self._used_variables(name, ())  # snippets must parse too
                continue
            self.declared[name] = self._check(name)

    # -- loading ---------------------------------------------------------------------------

    def _source(self, name: str) -> tuple[str, str]:
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound as exc:
            raise PromptError(f"提示词模板不存在：{name}") from exc
        return source, filename or name

    def _used_variables(self, name: str, stack: tuple[str, ...]) -> set[str]:
        if name in stack:
            raise PromptError(f"提示词模板循环引用：{' → '.join((*stack, name))}")
        source, filename = self._source(name)
        try:
            ast = self.env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as exc:
            raise PromptError(f"提示词模板语法错误：{filename} 第{exc.lineno}行：{exc.message}") from exc
        used = set(meta.find_undeclared_variables(ast))
        for child in meta.find_referenced_templates(ast):
            if child is None:
                raise PromptError(f"提示词模板 {filename} 引用了无法静态确定的模板，请使用固定文件名。")
            used |= self._used_variables(child, (*stack, name))
        return used

    def _check(self, name: str) -> frozenset[str]:
        source, filename = self._source(name)
        match = _VARS_HEADER.match(source)
        if match is None:
            raise PromptError(f"提示词模板 {filename} 缺少变量声明：第一行应为 {{# vars: 变量1, 变量2 #}}")
        declared = {v.strip() for v in match.group("names").split(",") if v.strip()}
        used = self._used_variables(name, ())
        if used != declared:
            parts = []
            if used - declared:
                parts.append("使用了未声明的变量：" + "、".join(sorted(used - declared)))
            if declared - used:
                parts.append("声明了但未使用的变量：" + "、".join(sorted(declared - used)))
            raise PromptError(f"提示词模板 {filename} 的变量与声明不一致，" + "；".join(parts))
        return frozenset(declared)

    # -- public API ------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """Names of the top-level templates (``section.j2`` …), snippets excluded."""
        return sorted(self.declared)

    def variables(self, name: str) -> frozenset[str]:
        """The variables a template declares.

        Args:
            name: template name, with or without ``.j2``.

        Returns:
            The declared variable names.
        """
        key = _template_name(name)
        if key not in self.declared:
            raise PromptError(f"提示词模板不存在：{key}（可用：{'、'.join(self.names)}）")
        return self.declared[key]

    def path(self, name: str) -> Path:
        """The file a template is read from (the override when there is one)."""
        return Path(self._source(_template_name(name))[1])

    def render(self, name: str, **variables: Any) -> str:
        """Render one template.

        ``sources`` and ``metrics`` are normalised with :func:`source_items` and
        :func:`metric_items`, so search hits and metric records can be passed as they are.
        Variables the template does not declare are ignored.

        Args:
            name: template name, with or without ``.j2`` (``"section"``).
            **variables: the values of the declared variables.

        Returns:
            The prompt text, stripped, with runs of blank lines collapsed.

        Raises:
            PromptError: a declared variable is missing, or the values lack a field the
                template reads.
        """
        key = _template_name(name)
        declared = self.variables(key)
        missing = sorted(declared - variables.keys())
        if missing:
            raise PromptError(f"渲染提示词模板 {key} 时缺少变量：{'、'.join(missing)}")
        values = _normalise({k: v for k, v in variables.items() if k in declared})
        try:
            text = self.env.get_template(key).render(**values)
        except jinja2.UndefinedError as exc:
            raise PromptError(f"渲染提示词模板 {key} 时缺少数据：{exc.message}") from exc
        except jinja2.TemplateError as exc:
            raise PromptError(f"渲染提示词模板 {key} 失败：{exc}") from exc
        return _BLANK_RUN.sub("\n\n", text).strip()

    def build_messages(self, name: str, **variables: Any) -> list[dict[str, str]]:
        """Render the system prompt and one task template as chat messages.

        Args:
            name: the task template (``"section"``, ``"rewrite"``, ``"chat"``, ``"outline"``).
            **variables: the task template's variables (the system template receives those
                it declares).

        Returns:
            ``[{"role": "system", "content": …}, {"role": "user", "content": …}]``.
        """
        system_vars = {k: v for k, v in variables.items() if k in self.variables(SYSTEM_TEMPLATE)}
        return [
            {"role": "system", "content": self.render(SYSTEM_TEMPLATE, **system_vars)},
            {"role": "user", "content": self.render(name, **variables)},
        ]
