"""Fuzzers for what arrives from outside: entry files by pull request (names, values, text) and the
link-state file. Each round is generated from a seed; a failure names its seed, so that it can be
replayed with FUZZ_SEED=<seed> FUZZ_ROUNDS=1. FUZZ_ROUNDS raises the number of rounds.

The invariants are what a user would notice: loading never crashes; a refused file or value is
reported on one line, with its file and a line inside it; what validation accepts exports in every
format and renders as pages; no file can replace another's entry; a broken state file is one clean
message."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil

import pytest

from catalog.exports import FORMATS, render_export
from catalog.linkstate import LinkStateError, read_state
from catalog.loader import load_catalog
from catalog.models import ID_PATTERN
from catalog.problems import Problem
from conftest import CatalogDir, PLATFORM, with_basis

ROUNDS = int(os.environ.get("FUZZ_ROUNDS", "60"))
FIRST_SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
SEEDS = range(FIRST_SEED, FIRST_SEED + ROUNDS)

REAL_URL = "https://www.example-mooc.cn"

# Characters that have broken parsers, terminals, CI logs or lookalike checks somewhere.
NASTY_CHARS = ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u200b",
               "\ufeff", "\ufffe", "\u0131", "\u0430", "\uff10", "\u0663", "%", ":", ",", "::", "/", "\\", ".",
               " ", "\u00a0", "\u3000", "'", '"', "<", ">", "&", "#", "-", "_", "A", "Z", "0", "9", "a", "z",
               "\U0001f600", "é", "\u0301", "\u3164", "\u2800", "\u00ad", "\U000e0041", "\ufdd0", "\u200d",
               "\u2066", "\uff57", "\uff0e"]
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0", "\x1b": "\\e", "\x7f": "\\x7f", "\x85": "\\N",
           "\u2028": "\\L", "\u2029": "\\P", '"': '\\"', "\\": "\\\\"}


def nasty_text(rng: random.Random, length: int | None = None) -> str:
    length = rng.randint(0, 12) if length is None else length
    return "".join(rng.choice(NASTY_CHARS) for _ in range(length))


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (control characters as YAML escapes)."""
    out = []
    for char in text:
        if char in ESCAPES:
            out.append(ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\ufeff\ufffe":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def check_problems(problems: list[Problem], data_root) -> None:
    for problem in problems:
        text, github = problem.render(), problem.render_github()
        for line in (text, github):
            assert "\n" not in line and "\r" not in line, line
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", line), line
        assert github.startswith("::error file=") and github.count("::") == 2 + github.split("::", 2)[2].count("::")
        assert problem.line >= 1


def exports_and_pages(catalog) -> None:
    """Everything that reads a valid catalog later: each export format, the pages, the facet index."""
    from catalog_plugins import pages
    from catalog_plugins.facets import build_facet_index, facet_index_json
    from catalog_plugins.render import DETAILED_ROLES, Renderer, SiteFacts
    from catalog_plugins.strings import ui_strings

    as_of = dt.date(2020, 3, 1)
    for fmt in FORMATS:
        files = render_export(fmt, catalog, as_of=as_of, mask_personal_mobiles=True)
        assert files and all(isinstance(data, bytes) for data in files.values())
    strings = ui_strings("zh")
    index = pages.build_index(catalog, True)
    facet_index = build_facet_index(catalog, as_of)
    facet_index_json(facet_index)
    renderer = Renderer(catalog, index, strings, SiteFacts(as_of=as_of, link_state=None, mask_personal_mobiles=True,
                                                           page_size=50), facet_index)
    for spec in pages.plan_pages(catalog, index, strings, 50):
        url = pages.page_url(spec.src_uri)
        renderer.render(spec, url)
        if spec.role in DETAILED_ROLES:
            renderer.render_details(spec, url)


@pytest.fixture(scope="module")
def taxonomy_dir(tmp_path_factory):
    return CatalogDir(tmp_path_factory.mktemp("fuzz-base") / "data").root


def fresh(taxonomy_dir, tmp_path) -> CatalogDir:
    data = CatalogDir.__new__(CatalogDir)
    data.root = tmp_path / "data"
    shutil.copytree(taxonomy_dir, data.root)
    return data


# --- item 1: file names ------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_fuzz_file_names_never_replace_an_entry(taxonomy_dir, tmp_path, seed):
    rng = random.Random(seed)
    data = fresh(taxonomy_dir, tmp_path)
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    impostor = PLATFORM.replace(REAL_URL, "https://evil.example.com")
    written = []
    for _ in range(rng.randint(1, 6)):
        stem = rng.choice(["zhihuishu", "", "x"]) + nasty_text(rng, rng.randint(0, 3))
        stem = stem if rng.random() < 0.7 else nasty_text(rng, 2) + "zhihuishu"
        suffix = rng.choice([".yaml", ".yml", ".YAML", ".Yaml", ".yaml ", ".yaml\n", ".yaml.", "\n.yaml", ""])
        folder = rng.choice(["platforms", "platforms/zz", "platforms/a\nb", "resources", "sources/x y", "taxonomy"])
        name = (stem + suffix).replace("/", "_").replace("\x00", "_") or "_"
        if name in (".", ".."):
            continue
        path = data.root / folder / name
        if path == data.root / "platforms" / "zhihuishu.yaml":
            continue  # editing the entry itself is no trick
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(impostor, encoding="utf-8")
        written.append(path)
    result = load_catalog(data.root)
    where = f"seed {seed}: {[str(p.relative_to(data.root)) for p in written]}"
    if result.catalog.platforms["zhihuishu"].urls[0].url != REAL_URL:  # never silently
        assert any("重复" in p.message and "zhihuishu" in p.message for p in result.problems), where
    check_problems(result.problems, data.root)
    loaded = [e.id for _, e in result.catalog.entries()]
    assert len(loaded) == len(set(loaded)), where
    assert all(re.fullmatch(ID_PATTERN, entry_id) for entry_id in loaded), where
    for path in written:  # every file is an entry under its exact name, refused with a message, or hidden
        name = path.name
        if name.startswith(".") or not name.lower().endswith((".yaml", ".yml")):
            continue
        reported = any(p.path.endswith(name) for p in result.problems)
        stem = name.rsplit(".", 1)[0]
        assert reported or stem in {e for e in loaded}, (where, name)


# --- items 2 and 9: values ---------------------------------------------------------------------------

HOSTILE_SCALARS = [
    "9999-12-31", "0001-01-01", "2199-12-31", "1900-01-01", "2020-02-30", "2020-02-04T25:00:00",
    "0x" + "f" * 3000, "1" * 5000, "-1", "0", "1e400", ".nan", ".inf", "-.inf", "true", "false", "~", "null",
    "''", '""', "[]", "{}", "[[[[[]]]]]", "0b" + "1" * 100, "0o777", "1_000", "190:20:30", "!!str 12",
    "!!binary aGVsbG8=", "!!python/name:os.system", "&a x", "*a", "'" + "长" * 400 + "'", "'" + "x" * 21000 + "'",
    "https://evil.example.com", "javascript:alert(1)", "<script>alert(1)</script>", "'%0A::error::x'",
    "https://www.ex\u0430mple.cn", "https://\uff57ww.example.cn", "'http://[zz/'", "https://x.cn:99999/",
    "http://\u6559\u80b2\u90e8.\u4e2d\u56fd/", "02145674567", "10:30", "'\u0301\u0301\u0301\u0301'",
]
FIELDS = ["name", "aliases", "description", "operator", "launched", "successor", "kind", "levels", "note",
          "verified", "urls", "services", "counts", "free_periods", "contacts", "statuses"]


# A valid item of each list of mappings; the fuzzer replaces one of its values.
ITEMS = {
    "free_periods": {"start": "2020-02-01", "end": "2020-07-31", "label": "春季学期", "sources": "[moe-2020-2]"},
    "counts": {"what": "在线课程", "value": "1200", "as_of": "2020-02-01", "sources": "[moe-2020-2]"},
    "contacts": {"unit": "客服", "phones": "['400-8980-910']", "emails": "[a@example.cn]", "as_of": "2020-02-01",
                 "sources": "[moe-2020-2]"},
    "statuses": {"status": "whitelist", "label": "白名单", "since": "2023-01-01", "until": "2023-12-31",
                 "sources": "[moe-2020-2]"},
}


DATES = ["9999-12-31", "0001-01-01", "2199-12-31", "2200-01-01", "1900-01-01", "1899-12-31", "2020-02-30",
         "2020-02-29", "2020-02-04 10:00:00", "20200204"]
NUMBERS = ["0x" + "f" * 3000, "1" * 5000, "9223372036854775808", str(10**12), str(10**12 + 1), "-1", "true", "1.5",
           "1e400", ".nan", "0"]


def hostile_value(rng: random.Random, field: str) -> str:
    if field in ITEMS:
        item = dict(ITEMS[field])
        key = rng.choice(list(item))
        if key in ("start", "end", "as_of", "since", "until") or rng.random() < 0.3:
            key = "end" if field == "free_periods" and rng.random() < 0.5 else key
            item[key] = rng.choice(DATES[:3]) if rng.random() < 0.5 else rng.choice(DATES)  # extremes first
        elif key == "value" or rng.random() < 0.3:
            item[key] = rng.choice(NUMBERS)
        else:
            item[key] = hostile_value(rng, "")
        return "\n  - {" + ", ".join(f"{k}: {v}" for k, v in item.items()) + "}"
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(HOSTILE_SCALARS)
    if roll < 0.85:
        return quoted(nasty_text(rng))
    return "[" + ", ".join(rng.choice(HOSTILE_SCALARS[:20]) for _ in range(rng.randint(0, 3))) + "]"


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzz_values_are_refused_with_their_line_or_work_everywhere(taxonomy_dir, tmp_path, seed):
    rng = random.Random(seed)
    data = fresh(taxonomy_dir, tmp_path)
    lines = PLATFORM.splitlines()
    for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):  # mostly one change: it may pass
        field = rng.choice(FIELDS + list(ITEMS) * 4)  # nested values are where later arithmetic happens
        value = hostile_value(rng, field)
        line = f"{field}: {value}"
        existing = [i for i, text in enumerate(lines) if text.startswith(field + ":")]
        if existing:
            lines[existing[0]] = line
        else:
            lines.append(line)
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.1:  # a raw control character somewhere in the file
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(["\x00", "\x1b", "\u2028", "\x85", "\x0c"]) + text[at:]
    text = with_basis(text)  # the provenance of its classified values, as every valid entry has
    path = data.root / "platforms" / "p.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = load_catalog(data.root)
    where = f"seed {seed}: {text!r}"[:2000]
    check_problems(result.problems, data.root)
    line_count = len(re.split("\r\n|\r|\n", text))
    for problem in result.problems:
        assert problem.line <= line_count, (where, problem)
    if not result.problems:
        exports_and_pages(result.catalog)


# --- item 4: messages -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_fuzz_messages_stay_on_one_line_in_both_formats(taxonomy_dir, tmp_path, seed):
    rng = random.Random(seed)
    data = fresh(taxonomy_dir, tmp_path)
    key = quoted(nasty_text(rng, rng.randint(1, 8)))
    level = quoted(nasty_text(rng, rng.randint(1, 8)))
    data.write("platforms/p.yaml", PLATFORM.replace("[undergraduate]", f"[{level}]") + f"{key}: 1\n")
    name = nasty_text(rng, rng.randint(1, 6)).replace("/", "_").replace("\x00", "_")
    if name not in ("", ".", ".."):
        (data.root / "platforms" / f"{name}.yaml").write_text(PLATFORM.replace(REAL_URL, "https://b.example.cn"),
                                                              encoding="utf-8")
    result = load_catalog(data.root)
    assert result.problems, seed
    check_problems(result.problems, data.root)


# --- item 8: the link-state file -------------------------------------------------------------------------

VALID_STATE = {
    "version": 1, "updated_at": "2024-03-01T08:00:00Z",
    "records": {"https://www.example-mooc.cn/": {
        "url": "https://www.example-mooc.cn/", "link_class": "ok", "status_code": 200,
        "first_seen": "2024-01-01T00:00:00Z", "last_checked": "2024-03-01T08:00:00Z",
        "redirect_chain": [{"url": "http://www.example-mooc.cn/", "status": 301}],
        "history": [{"checked_at": "2024-03-01T08:00:00Z", "link_class": "ok", "status_code": 200}]}},
}
STATE_VALUES = [None, True, -1, 0, 10**30, 1.5, float("inf"), "", "x" * 1000, "\u001b[2J\n::error::x", [], {},
                [[[[]]]], "ok", "not-a-class", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2024-01-01T00:00:00"]


def mutate(rng: random.Random, node):
    """``node`` with one random part replaced, deleted or nested deeply."""
    if isinstance(node, dict) and node and rng.random() < 0.8:
        key = rng.choice(list(node))
        copy = dict(node)
        roll = rng.random()
        if roll < 0.15:
            del copy[key]
        elif roll < 0.25:
            copy[nasty_text(rng, 3)] = rng.choice(STATE_VALUES)
        else:
            copy[key] = mutate(rng, node[key])
        return copy
    if isinstance(node, list) and node and rng.random() < 0.8:
        copy = list(node)
        index = rng.randrange(len(copy))
        copy[index] = mutate(rng, copy[index])
        if rng.random() < 0.2:
            copy = copy * rng.randint(2, 50)
        return copy
    return rng.choice(STATE_VALUES)


def state_text(rng: random.Random) -> bytes:
    roll = rng.random()
    document = VALID_STATE
    for _ in range(rng.randint(1, 4)):
        document = mutate(rng, document)
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    if roll < 0.15:
        depth = rng.randint(1000, 200_000)
        text = rng.choice(["[", '{"a":']) * depth + "1" + rng.choice(["]", "}"]) * depth
    elif roll < 0.25:
        text = text[: rng.randrange(len(text))]
    elif roll < 0.3:
        text = text.replace("200", "9" * rng.randint(10, 6000), 1)
    raw = text.encode("utf-8")
    if rng.random() < 0.1:
        at = rng.randrange(len(raw) + 1)
        raw = raw[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + raw[at:]
    return raw


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzz_state_files_read_or_give_one_clean_message(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "links.json"
    raw = state_text(rng)
    path.write_bytes(raw)
    try:
        state = read_state(path, history_limit=rng.randint(1, 5))
    except LinkStateError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message and "\x1b" not in message, (seed, message)
        return
    for record in state.records.values():
        assert len(record.history) <= 5
        record.archive_link()
        record.label
