"""Successors are recorded both ways, each with its source, and never loop back."""

from __future__ import annotations

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from catalog.succession import predecessors_by_id
from conftest import run_cli

OLD = """\
name: 旧平台
kind: resource-platform
successor: {successor}
successor_sources: [moe-2020-2]
sources: [moe-2020-2]
"""

NEW = """\
name: 新平台
kind: resource-platform
replaces: {replaces}
sources: [moe-2020-2]
"""


def validate(data) -> tuple[int, str]:
    result = run_cli("validate", str(data.root))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_a_successor_with_its_source_and_back_link_is_valid_and_derived_both_ways(data):
    data.write("platforms/old.yaml", OLD.format(successor="new"))
    data.write("platforms/new.yaml", NEW.format(replaces="[old]"))
    assert validate(data)[0] == 0
    data.write("platforms/new.yaml", NEW.format(replaces="[]"))  # the back link may be left to derivation
    assert validate(data)[0] == 0
    assert predecessors_by_id(load_catalog(data.root).catalog) == {"new": ["old"]}


def test_a_written_back_link_must_list_every_predecessor(data):
    data.write("platforms/old.yaml", OLD.format(successor="new"))
    data.write("platforms/older.yaml", OLD.format(successor="new").replace("旧平台", "更旧的平台"))
    data.write("platforms/new.yaml", NEW.format(replaces="[old]"))
    code, err = validate(data)
    assert code == 1 and "platforms/older.yaml:3: successor:" in err and "replaces" in err
    assert err.count("\n") == 2  # that one problem and the summary


def test_a_back_link_to_a_platform_with_another_successor_is_an_error(data):
    data.write("platforms/old.yaml", OLD.format(successor="elsewhere"))
    data.write("platforms/elsewhere.yaml", NEW.format(replaces="[]").replace("新平台", "别处平台"))
    data.write("platforms/new.yaml", NEW.format(replaces="[old]"))
    code, err = validate(data)
    assert code == 1 and "platforms/new.yaml:3: replaces.0:" in err


@pytest.mark.parametrize("text, where", [
    (OLD.format(successor="old"), "old.yaml:3: successor:"),                              # itself
    (OLD.format(successor="new").replace("successor_sources: [moe-2020-2]\n", ""), "old.yaml:3: successor:"),
])
def test_self_succession_and_a_successor_without_its_source_are_refused(data, text, where):
    data.write("platforms/old.yaml", text)
    data.write("platforms/new.yaml", NEW.format(replaces="[]"))
    code, err = validate(data)
    assert code == 1 and where in err


def test_successors_that_loop_are_refused(data):
    data.write("platforms/a.yaml", OLD.format(successor="b"))
    data.write("platforms/b.yaml", OLD.format(successor="a").replace("旧平台", "另一旧平台"))
    code, err = validate(data)
    assert code == 1 and "a.yaml:3: successor:" in err and "b.yaml:3: successor:" in err
