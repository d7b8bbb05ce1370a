"""The command line a maintainer runs: validate, schema, new."""

from __future__ import annotations

import json
import re

from catalog.schema import SCHEMA_KINDS, schema_text
from catalog.paths import SCHEMA_DIR
from conftest import run_cli

LINE = re.compile(r"^.+\.ya?ml:\d+: .+$")


def test_validate_passes_with_a_summary(data):
    result = run_cli("validate", str(data.root))
    assert result.returncode == 0, result.stderr
    assert "校验通过" in result.stdout and "1 个来源" in result.stdout


def test_validate_lists_every_problem_as_path_line_message(data):
    data.write("platforms/a.yaml", "name: a\nkind: mooc\nsources: [nope]\nfoo: 1\n")
    data.write("resources/b.yaml", "name: b\nkind: courses\nlevels: [kindergarten]\nsources: [moe-2020-2]\n")
    result = run_cli("validate", str(data.root))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "校验失败" in lines[-1]
    problems = lines[:-1]
    assert len(problems) == 5 and all(LINE.match(line) for line in problems), problems
    assert any(line.endswith("a.yaml:4: foo: 未知的键 'foo' (unknown key)；可用的键：name, aliases, same_name, description, "
                             "urls, levels, disciplines, themes, regions, counts, services, free_periods, contacts, "
                             "sources, verified, confirmed, basis, note, kind, operator, launched, successor, "
                             "successor_sources, replaces, statuses")
               for line in problems), problems
    assert "Traceback" not in result.stderr


def test_validate_never_prints_a_traceback(data, tmp_path):
    (data.root / "platforms").mkdir()
    (data.root / "platforms" / "bin.yaml").write_bytes(bytes(range(256)) * 4)
    (data.root / "platforms" / "dir.yaml").mkdir()
    for target in (data.root, tmp_path / "missing"):
        result = run_cli("validate", str(target))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and result.stderr.strip()


def test_the_shipped_catalog_is_valid():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr


def test_schema_prints_each_kind_for_editors():
    result = run_cli("schema", "platform")
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert "id" not in schema["properties"] and "sources" in schema["required"]
    everything = json.loads(run_cli("schema").stdout)
    assert set(everything) == set(SCHEMA_KINDS)


def test_committed_schemas_match_the_models():
    for kind in SCHEMA_KINDS:
        committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"run: python -m catalog schema -o catalog/schemas ({kind})"


def test_new_writes_a_template_that_points_at_the_schema(data):
    result = run_cli("new", "platform", "demo-mooc", "--data-dir", str(data.root))
    assert result.returncode == 0, result.stderr
    created = data.root / "platforms" / "demo-mooc.yaml"
    text = created.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("platform.schema.json")
    schema_path = (created.parent / first.split("=", 1)[1]).resolve()
    # the schema is the project's own copy, beside the data folder, never one inside the installed package
    assert schema_path == (data.root.parent / "schemas" / "platform.schema.json").resolve()
    assert schema_path.read_text(encoding="utf-8") == (SCHEMA_DIR / "platform.schema.json").read_text(encoding="utf-8")
    # Unfilled, it fails validation and says what to fill.
    unfilled = run_cli("validate", str(data.root))
    assert unfilled.returncode == 1 and "demo-mooc.yaml" in unfilled.stderr
    # Filled in, it passes.
    filled = text.replace('name: ""', "name: 演示平台").replace("sources: []", "sources: [moe-2020-2]")
    created.write_text(filled, encoding="utf-8")
    assert run_cli("validate", str(data.root)).returncode == 0


def test_new_refuses_to_overwrite_or_a_bad_id(data):
    existing = data.root / "sources" / "moe-2020-2.yaml"
    before = existing.read_text(encoding="utf-8")
    refused = run_cli("new", "source", "moe-2020-2", "--data-dir", str(data.root))
    assert refused.returncode == 1 and "已存在" in refused.stderr
    assert existing.read_text(encoding="utf-8") == before
    bad = run_cli("new", "resource", "Bad Id", "--data-dir", str(data.root))
    assert bad.returncode == 1 and "id" in bad.stderr
    assert not (data.root / "resources").exists()


def test_validate_can_annotate_a_pull_request(data):
    data.write("platforms/a.yaml", "name: a\nkind: mooc-platform\nsources: [moe-2020-2]\nfoo: 1\n")
    result = run_cli("validate", "--format", "github", str(data.root))
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("::error file=") and "a.yaml,line=4::foo: 未知的键" in first
