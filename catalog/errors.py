"""Turn pydantic validation errors into messages a maintainer can act on, with the key's line."""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError

from catalog.problems import Problem
from catalog.yamlio import LineMap

Loc = tuple[str | int, ...]


def problems_from_validation(error: ValidationError, model: type[BaseModel], lines: LineMap,
                             path: str, term_hint=None) -> list[Problem]:
    """`term_hint(loc, value)` -> (id, name) | None suggests the taxonomy id for a name typed as an id."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message = _message(item, model, loc)
        if item["type"] == "string_pattern_mismatch" and term_hint is not None:
            key_loc = loc[:-1] if loc and loc[-1] == "[key]" else loc
            hint = term_hint(key_loc, key_loc[-1] if key_loc != loc else item.get("input"))
            if hint:
                message += f"；是否应为 '{hint[0]}'（{hint[1]}）？"
        where = ".".join(str(part) for part in loc)
        problems.append(Problem(path, lines.line_of(loc), f"{where}: {message}" if where else message))
    return problems


def _not_text(value) -> str:
    """Text was expected where YAML read something else: say what, and that quotes keep it text
    (`name: no` is a boolean to YAML, `name: 12306` a number, `name: 2020-02-04` a date)."""
    import datetime as dt

    if isinstance(value, bool):
        read = "布尔值（yes/no/on/off/true/false 都是）", "a yes/no value"
    elif isinstance(value, (int, float)):
        read = f"数字 {_shown(value)}", "a number"
    elif isinstance(value, (dt.date, dt.datetime)):
        read = f"日期 {value}", "a date"
    elif isinstance(value, list):
        return "应为一项文本，不是列表 (should be one text, not a list)"
    elif isinstance(value, dict):
        return "应为一项文本，不是键值映射 (should be one text, not a mapping)"
    else:
        return "应为文本 (should be text)"
    return f"应为文本，但 YAML 把它读成了{read[0]}；若是文本请加引号，如 \"…\" (should be text: YAML read {read[1]}; quote it)"


def _message(item: dict, model: type[BaseModel], loc: Loc) -> str:
    kind = item["type"]
    given = _shown(item.get("input"))
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"；是否应为 '{close[0]}'？" if close else f"；可用的键：{', '.join(allowed)}" if allowed else ""
        return f"未知的键 '{key}' (unknown key){hint}"
    if kind == "missing":
        return "缺少必填项 (required key missing)"
    if kind == "string_pattern_mismatch":
        return f"id “{given}”不合规：只能用小写字母、数字和连字符，如 icourse163 (ids are a-z, 0-9 and -)"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"“{given}”不是日期，应写作 YYYY-MM-DD，如 2020-02-04 (not a date)"
    if kind == "value_error":
        return str(item.get("ctx", {}).get("error", item["msg"]))
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"“{given}”不是可选值，应为 {expected} 之一 (not an allowed value)"
    if kind == "too_short":
        return "至少要写一项 (at least one item is required)"
    if kind == "list_type":
        return "应为列表，每项一行以“- ”开头 (should be a list)"
    if kind == "string_type" and item.get("input") is not None:
        return _not_text(item.get("input"))
    if kind in ("string_type", "string_too_short"):
        return "应为非空文本 (should be non-empty text)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"“{given}”应为整数 (should be a whole number)"
    if kind == "greater_than_equal":
        least = item.get("ctx", {}).get("ge", 0)
        if least:
            return f"“{given}”过小，至少为 {least} (must be at least {least})"
        return f"“{given}”不能为负数 (must not be negative)"
    if kind == "finite_number":
        return f"“{given}”不是有限的数 (should be a finite number)"
    if kind == "less_than_equal":
        limit = item.get("ctx", {}).get("le")
        return f"“{given}”过大，最大 {limit} (too large; at most {limit})"
    if kind == "string_too_long":
        limit = item.get("ctx", {}).get("max_length")
        return f"文本过长，最多 {limit} 个字符 (text too long: at most {limit} characters)"
    if kind in ("bool_parsing", "bool_type"):
        return f"“{given}”应为 true 或 false (should be true or false)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "应为键值映射 (should be a mapping of keys)"
    return item["msg"]


def _shown(given, limit: int = 60) -> str:
    """A given value as a message quotes it: shortened, since a value may be thousands of characters."""
    text = given if isinstance(given, str) else repr(given) if isinstance(given, (list, dict)) else str(given)
    return text if len(text) <= limit else text[:limit] + "…"


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping may have at `loc` inside `model`, found by walking the field types."""
    target = _model_at(model, loc)
    if target is None:
        return []
    return [name for name in target.model_fields if name != "id"]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    annotation: typing.Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        field = annotation.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation):
    """Strip Annotated and Optional so that `list[X] | None` reads as `list[X]`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation
