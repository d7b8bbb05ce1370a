"""Safe YAML loading that remembers, for every key and item, the line it stands on.

Maintainers' files arrive by pull request, so loading is defensive: only the standard YAML tags,
alias expansion bounded (an alias bomb fails fast instead of eating memory), no recursive
structures, no duplicate keys, UTF-8 only and a size cap. Every refusal is a `YamlError` carrying
the line, so the command line can print `path:line: message` and never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml's composer when PyYAML has it (several times faster); the checks below are the same.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000  # far above any real entry; an alias bomb crosses it within milliseconds
MAX_DEPTH = 40  # entries nest four or five levels; this bound keeps recursion far from Python's limit
# Integers past 64 bits are no count, phone or code a maintainer writes; a hexadecimal one thousands of
# digits long would load, then fail wherever it is turned into text.
MAX_INT_DIGITS = 20
MAX_INT = 2**63 - 1

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# YAML 1.1 reads 02145674567 (a Shanghai phone number) as octal and 10:30 as 630 (base 60): numbers
# no maintainer means. Such plain values stay the text they were written as, so a phone keeps its
# digits and a count written so is refused with what was written, not with a number never typed.
_SURPRISING_NUMBER = re.compile(r"[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
# What YAML 1.1 allows in a stream (its c-printable set), less the line breaks editors do not show
# (NEL, U+2028, U+2029: YAML counts them, so every line number after one would be off). Anything else,
# a NUL say, is refused here with its own line, before libyaml reports it by position on two lines.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|\r|\n")
# Plain values only: no binary, no Python objects, nothing a maintainer would not type by hand.
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))

PathKey = tuple[str | int, ...]


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class LineMap:
    """Line numbers (1-based) of every mapping key and sequence item, by path from the root."""

    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int:
        """The line of `path`, or of its nearest ancestor that has one (a missing key -> its parent)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


@dataclass
class LoadedYaml:
    data: Any
    lines: LineMap


def read_text(raw: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is allowed), naming the line of the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(1, f"文件过大：{len(raw)} 字节，上限 {MAX_FILE_BYTES} 字节 "
                           f"(file too large: {len(raw)} bytes, limit {MAX_FILE_BYTES})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, "文件不是 UTF-8 编码，请以 UTF-8 保存 (file is not UTF-8)") from None


def load_yaml_file(path: Path) -> LoadedYaml:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(1, f"无法读取文件 (cannot read file): {exc.strerror}") from None
    return load_yaml_text(read_text(raw))


def load_yaml_text(text: str) -> LoadedYaml:
    _refuse_unprintable(text)
    _refuse_deep_nesting(text)
    loader = _SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise YamlError(mark.line + 1 if mark else 1, _yaml_problem(exc)) from None
        except (ValueError, TypeError) as exc:  # libyaml's reader on text it cannot take
            raise YamlError(1, f"YAML 格式错误 (YAML error): {exc}") from None
        except yaml.YAMLError as exc:
            raise YamlError(1, f"YAML 格式错误 (YAML error): {exc}") from None
        except RecursionError:
            raise YamlError(1, f"嵌套过深 (nested too deeply; at most {MAX_DEPTH} levels)") from None
        if node is None:
            return LoadedYaml(None, LineMap({(): 1}))
        builder = _Builder(loader)
        data = builder.build(node, (), set())
        builder.lines.lines.setdefault((), node.start_mark.line + 1)
        return LoadedYaml(data, builder.lines)
    finally:
        loader.dispose()


def _refuse_unprintable(text: str) -> None:
    found = _NOT_PRINTABLE.search(text)
    if found:
        line = len(_LINE_BREAK.findall(text, 0, found.start())) + 1
        code = f"U+{ord(found.group()):04X}"
        raise YamlError(line, f"含有不允许的控制字符 {code}，请删除 (control character {code} is not allowed)")


# Every level of nesting needs one of these characters; a file with few of them cannot nest deeply.
_NESTING_CHARS = "[{-:?"
_SCAN_ABOVE = 5_000


def _refuse_deep_nesting(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: libyaml's composer recurses in C and
    crashes the interpreter on tens of thousands of levels (`[[[[…`), beyond any Python guard.

    The event stream is flat, so reading it is safe; only files that could nest deeply are read twice.
    """
    if sum(text.count(char) for char in _NESTING_CHARS) <= _SCAN_ABOVE:
        return
    loader = _SafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(event.start_mark.line + 1, f"嵌套过深，最多 {MAX_DEPTH} 层 (nested too deeply)")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the real load reports it with its line
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{exc.context}, {problem}"
    return f"YAML 格式错误 (YAML syntax error): {problem}"


class _Builder:
    """Turns composed nodes into plain data, recording lines and enforcing the limits."""

    def __init__(self, loader):
        self.loader = loader
        self.lines = LineMap()
        self.visited = 0

    def build(self, node: yaml.Node, path: PathKey, ancestors: set[int]) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise YamlError(node.start_mark.line + 1, f"节点过多（超过 {MAX_NODES}），可能是别名炸弹 "
                                                      f"(too many nodes: alias expansion is bounded)")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, node.start_mark.line + 1)
        if len(path) >= MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, f"嵌套过深，最多 {MAX_DEPTH} 层 (nested too deeply)")
        key = id(node)
        if key in ancestors:
            raise YamlError(node.start_mark.line + 1, "别名引用了自身，结构无限递归 (recursive alias)")
        ancestors.add(key)  # the open collections on the way down, to catch a structure holding itself
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, ancestors)
            if node.tag != _SEQ_TAG:
                raise YamlError(node.start_mark.line + 1, f"不允许的标签 {node.tag} (tag not allowed)")
            items = []
            lines = self.lines.lines
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + 1
                items.append(self.build(item, path + (index,), ancestors))
            return items
        finally:
            ancestors.discard(key)

    def _mapping(self, node: yaml.MappingNode, path: PathKey, ancestors: set[int]) -> dict:
        line = node.start_mark.line + 1
        if node.tag != _MAP_TAG:
            raise YamlError(line, f"不允许的标签 {node.tag} (tag not allowed)")
        result: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(key_line, "不支持合并键 << ，请直接写出各字段 (merge keys are not supported)")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "键必须是简单文本 (keys must be plain text)")
            key = self._scalar(key_node, key_line)
            if not isinstance(key, str):
                key = key_node.value  # as written: `yes:` is no key True
            if key in result:
                first = self.lines.lines.get(path + (key,), "?")
                raise YamlError(key_line, f"重复的键 '{key}'（第 {first} 行已有）(duplicate key '{key}')")
            self.lines.lines[path + (key,)] = key_line
            result[key] = self.build(value_node, path + (key,), ancestors)
        return result

    def _scalar(self, node: yaml.Node, line: int) -> Any:
        if node.tag == _STR_TAG:  # most values: plain text needs no constructor
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise YamlError(line, f"不允许的标签 {node.tag}，请写普通的文本、数字或日期 (tag not allowed)")
        if node.tag in (_INT_TAG, _FLOAT_TAG) and not node.style and _SURPRISING_NUMBER.fullmatch(node.value):
            return node.value
        if node.tag == _INT_TAG and len(node.value) > MAX_INT_DIGITS + 4:  # refused before it is parsed
            raise YamlError(line, _TOO_BIG)
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:
            # A timestamp-shaped value that is no real date (2020-02-30): keep the text, so that
            # the schema reports it with the other problems of the file instead of stopping here.
            return node.value
        except Exception:  # PyYAML's constructors fail in odd ways on odd explicit values
            raise YamlError(line, f"无法解析的值“{node.value[:40]}” (cannot read this value)") from None
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise YamlError(line, _TOO_BIG)
        return value


_TOO_BIG = f"数值过大，整数最多 {MAX_INT_DIGITS} 位 (number too large)"
