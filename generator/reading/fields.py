"""Read typed values out of a composed YAML node tree, with their positions.

Each reader reports what is wrong through the sink and returns ``None``, so
that one run finds every problem instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..base.diagnostics import DiagnosticSink
from ..base.lines import LineIndex
from ..base.model import Listed, Located
from ..base.text import MAX_SUGGESTIONS, did_you_mean, slugify

_YAML_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_YAML_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACES = re.compile(r"\s+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 100


@dataclass
class FieldContext:
    """Where a value is read from: the file's sink, and where the front matter's text stands in the file."""

    sink: DiagnosticSink
    lines: LineIndex

    def at(self, node: yaml.Node) -> tuple[int, int]:
        return self.lines.of_mark(node.start_mark)

    def error(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        self.sink.error(*self.at(node), code, message, hint)

    def warning(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        self.sink.warning(*self.at(node), code, message, hint)


Reader = Callable[[FieldContext, str, yaml.Node], Any]


@dataclass(frozen=True)
class Field:
    name: str
    read: Reader
    required: bool = False
    example: str = ""


def read_mapping(
    ctx: FieldContext,
    node: yaml.Node | None,
    fields: Sequence[Field],
    *,
    what: str,
    where: str,
    positions: dict[str, tuple[int, int]] | None = None,
) -> dict[str, Any]:
    """Read every known field of a mapping; report unknown, duplicate and missing keys."""
    values: dict[str, Any] = {}
    if node is None:
        return values
    _check_tag(ctx, node)  # reported, then read on: the fields may hold more problems
    if not isinstance(node, yaml.MappingNode):
        ctx.error(
            node,
            "front-matter-not-mapping",
            f"{what} must be a mapping of 'key: value' fields, not {_kind(node)}",
            "write one 'key: value' field per line",
        )
        return values
    by_name = {f.name: f for f in fields}
    seen: dict[str, yaml.Node] = {}
    unknown = 0
    for key_node, value_node in node.value:
        if not _check_tag(ctx, key_node) or not isinstance(key_node, yaml.ScalarNode):
            ctx.error(key_node, "unknown-key", f"{where} keys must be plain names, not {_kind(key_node)}")
            continue
        key = key_node.value
        if key in seen:
            first_line, _ = ctx.at(seen[key])
            ctx.error(
                key_node,
                "duplicate-key",
                f"'{key}' is given twice (first on line {first_line})",
                "keep one of them; YAML would silently use the last",
            )
            continue
        seen[key] = key_node
        if positions is not None:
            positions[key] = ctx.at(key_node)
        field = by_name.get(key)
        if field is None:
            unknown += 1
            suggestion = did_you_mean(key, by_name) if unknown <= MAX_SUGGESTIONS else None
            hint = f"did you mean '{suggestion}'?" if suggestion else f"known fields: {', '.join(by_name)}"
            ctx.error(key_node, "unknown-key", f"unknown field '{key}' in {where}", hint)
            continue
        value = field.read(ctx, key, value_node)
        if value is not None:
            values[key] = value
    for field in fields:
        if field.required and field.name not in seen:
            hint = f"add a line like: {field.example}" if field.example else ""
            ctx.error(node, "missing-field", f"{where} is missing the required field '{field.name}'", hint)
    return values


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _YAML_CORE + "null":
        return "empty"
    return f"the value '{_shorten(node.value)}'"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_tag(ctx: FieldContext, node: yaml.Node) -> bool:
    if node.tag in _ALLOWED_TAGS:
        return True
    ctx.error(
        node,
        "yaml-tag",
        f"YAML tag '{node.tag.removeprefix(_YAML_CORE)}' is not allowed in front matter",
        "remove the '!' tag; front matter holds plain text, lists and mappings",
    )
    return False


def _is_empty(node: yaml.ScalarNode) -> bool:
    """Nothing written, or ``~`` / ``null``: a plain null (libyaml gives plain scalars style '', PyYAML None)."""
    return node.tag == _YAML_CORE + "null" and not node.style


def scalar(ctx: FieldContext, name: str, node: yaml.Node) -> str | None:
    """The text of a scalar exactly as written: YAML 1.1 booleans and numbers stay text."""
    if not _check_tag(ctx, node):
        return None
    if not isinstance(node, yaml.ScalarNode):
        ctx.error(node, "wrong-type", f"'{name}' must be a single value, not {_kind(node)}")
        return None
    if _is_empty(node):
        ctx.error(node, "empty-value", f"'{name}' is empty", f"give '{name}' a value, or remove the line")
        return None
    return str(node.value)


def text(max_length: int) -> Reader:
    def read(ctx: FieldContext, name: str, node: yaml.Node) -> str | None:
        value = scalar(ctx, name, node)
        if value is None:
            return None
        value = _SPACES.sub(" ", value).strip()
        if not value:
            ctx.error(node, "empty-value", f"'{name}' is empty", f"give '{name}' a value, or remove the line")
            return None
        if len(value) > max_length:
            ctx.error(
                node,
                "too-long",
                f"'{name}' is {len(value)} characters; the limit is {max_length}",
                "shorten it; put detail in the body",
            )
            return None
        return value

    return read


def date(ctx: FieldContext, name: str, node: yaml.Node) -> dt.date | None:
    value = scalar(ctx, name, node)
    if value is None:
        return None
    value = value.strip()
    if not _DATE.fullmatch(value):
        ctx.error(
            node,
            "invalid-date",
            f"'{name}' is '{_shorten(value)}', not a date",
            "write dates as YYYY-MM-DD, e.g. 2024-04-28",
        )
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        ctx.error(
            node, "invalid-date", f"'{name}' {value} is not a real calendar date ({exc})", "check the day and month"
        )
        return None


def choice(*options: str) -> Reader:
    def read(ctx: FieldContext, name: str, node: yaml.Node) -> str | None:
        value = scalar(ctx, name, node)
        if value is None:
            return None
        folded = value.strip().lower()
        if folded in options:
            return folded
        suggestion = did_you_mean(value, options)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        ctx.error(
            node,
            "invalid-choice",
            f"'{name}' is '{_shorten(value)}'; it must be one of: {', '.join(options)}",
            f"{hint}use one of: {', '.join(options)}".strip(),
        )
        return None

    return read


def slug(ctx: FieldContext, name: str, node: yaml.Node) -> Located | None:
    value = scalar(ctx, name, node)
    if value is None:
        return None
    if len(value) > SLUG_MAX:
        ctx.error(node, "too-long", f"'{name}' is {len(value)} characters; the limit is {SLUG_MAX}", "shorten it")
        return None
    if not SLUG.fullmatch(value):
        ctx.error(
            node,
            "invalid-slug",
            f"'{name}' '{_shorten(value)}' may only use a-z, 0-9 and single hyphens",
            f"try '{slugify(value) or 'my-brief'}'",
        )
        return None
    return Located(value, *ctx.at(node))


def located_list(*, min_items: int, max_length: int = 0) -> Reader:
    """A list of plain values, each with its position; a single value counts as a list of one.

    ``max_length`` (0: none) bounds each entry: a topic's label becomes a file name, which file systems limit.
    """

    def read(ctx: FieldContext, name: str, node: yaml.Node) -> list[Located] | None:
        if not _check_tag(ctx, node):
            return None
        items = _list_items(node)
        result = [entry for item in items if (entry := _list_entry(ctx, name, item, max_length)) is not None]
        _check_count(ctx, name, node, len(items), min_items)
        return result

    return read


def listed_names(*, min_items: int, example: str) -> Reader:
    """Like `located_list`, but an entry may be a one-key mapping from the name to its role (``CN: origin``).

    The role is read as written: which roles exist is the site's (see `corpus.resolve`). ``example`` is an entry
    with a role, for hints. A mapping of several names (an entry, or the whole field) is an error, and each of its
    names is read all the same, so that their own problems show too.
    """

    def read(ctx: FieldContext, name: str, node: yaml.Node) -> list[Listed] | None:
        if not _check_tag(ctx, node):
            return None
        items = _list_items(node)
        result: list[Listed] = []
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                written = _list_entry(ctx, name, item)
                if written is not None:
                    result.append(Listed(written))
            elif _check_tag(ctx, item):
                result.extend(_with_roles(ctx, name, item, example, whole=item is node))
        _check_count(ctx, name, node, len(items), min_items)
        return result

    return read


def _with_roles(ctx: FieldContext, name: str, item: yaml.MappingNode, example: str, *, whole: bool) -> list[Listed]:
    """The names of a mapping (one, unless it is in error) with their roles; ``whole``: the mapping is the field's
    value, not an entry of its list."""
    pairs = item.value
    if len(pairs) != 1:
        # The pairs as written (the first few) make the hint: most often the dashes between them were left out.
        as_written = [_shorten(k.value) + ("" if _is_empty(v) else f": {_shorten(v.value)}") for k, v in pairs[:3]
                      if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)]  # fmt: skip
        more = ", …" if len(pairs) > 3 else ""
        form = f"{name}: [{', '.join(as_written)}{more}]" if len(as_written) > 1 else f"{name}: [{example}]"
        what = f"a mapping of {len(pairs)} names" if pairs else "an empty mapping"
        message = (f"'{name}' must be a list, not {what}" if whole
                   else f"an entry of '{name}' must be one name, or one name and its role, not {what}")  # fmt: skip
        ctx.error(item, "wrong-type", message, f"give each name its own entry, its role after a colon: {form}")
    listed = []
    for key_node, value_node in pairs:
        written = _list_entry(ctx, name, key_node)
        role = _role(ctx, name, written, value_node, example)
        if written is not None:
            listed.append(Listed(written, role))
    return listed


def _role(ctx: FieldContext, name: str, written: Located | None, node: yaml.Node, example: str) -> Located | None:
    whose = f"the role of '{_shorten(written.value)}'" if written is not None else f"a role in '{name}'"
    if not _check_tag(ctx, node):
        return None
    if not isinstance(node, yaml.ScalarNode):
        ctx.error(node, "wrong-type", f"{whose} must be one role, not {_kind(node)}",
                  f"give one role after the colon, e.g. {name}: [{example}]")  # fmt: skip
        return None
    role = _SPACES.sub(" ", str(node.value)).strip() if not _is_empty(node) else ""
    if not role:
        ctx.error(node, "empty-value", f"{whose} is empty", "write a role after the colon, or remove the colon")
        return None
    return Located(role, *ctx.at(node))


def _list_items(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return [] if isinstance(node, yaml.ScalarNode) and _is_empty(node) else [node]


def _list_entry(ctx: FieldContext, name: str, item: yaml.Node, max_length: int = 0) -> Located | None:
    value = scalar(ctx, name, item)
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    if not value:
        ctx.error(item, "empty-value", f"an entry of '{name}' is empty")
        return None
    if max_length and len(value) > max_length:
        ctx.error(
            item,
            "too-long",
            f"an entry of '{name}' is {len(value)} characters; the limit is {max_length}",
            "shorten it: it names a page",
        )
        return None
    return Located(value, *ctx.at(item))


def _check_count(ctx: FieldContext, name: str, node: yaml.Node, count: int, min_items: int) -> None:
    if count < min_items:
        ctx.error(
            node,
            "empty-value",
            f"'{name}' needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}",
            f"e.g. {name}: [first, second]",
        )


def url(ctx: FieldContext, name: str, node: yaml.Node) -> str | None:
    value = scalar(ctx, name, node)
    if value is None:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid or _SPACES.search(value):
        ctx.error(
            node,
            "invalid-url",
            f"'{name}' '{_shorten(value)}' is not an http or https address",
            "links must start with https:// or http://",
        )
        return None
    return value


def located(ctx: FieldContext, name: str, node: yaml.Node) -> Located | None:
    value = scalar(ctx, name, node)
    if value is None:
        return None
    return Located(_SPACES.sub(" ", value).strip(), *ctx.at(node))


def located_text(max_length: int) -> Reader:
    read_text = text(max_length)

    def read(ctx: FieldContext, name: str, node: yaml.Node) -> Located | None:
        value = read_text(ctx, name, node)
        return None if value is None else Located(value, *ctx.at(node))

    return read
