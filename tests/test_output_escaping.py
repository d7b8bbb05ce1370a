"""Entry text and file names reach terminals and CI logs: every message is one line, control
characters written as escapes, so that no value can forge a message or run a GitHub workflow command
(`::error …::`, `::stop-commands::`) when the pull-request job runs `validate --format github`."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import PLATFORM, run_cli
from test_site_build import AS_OF_EPOCH, make_project

INJECTED = "\n::stop-commands::pwned\n::error file=README.md,line=1::forged\n"
HOSTILE_TEXTS = [INJECTED, "\r::error::cr", "\x1b]0;title\x07\x1b[2J", "\u2028::error::ls", "\x85::error::nel",
                 "\u202eevil", "%0A::error::percent"]


def hostile_files(data, text: str) -> int:
    """Write files whose messages quote ``text`` (in a key, an id, a value and a file name)."""
    escaped = text.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    data.write("platforms/key.yaml", PLATFORM + f'"{escaped}": 1\n')
    data.write("platforms/level.yaml", PLATFORM.replace("[undergraduate]", f'["{escaped}"]')
               .replace("example-mooc", "example-level").replace("测试平台", "测试平台二"))
    data.write("platforms/period.yaml", PLATFORM.replace("example-mooc", "example-period").replace("测试平台", "测试平台三")
               + f'free_periods:\n  - {{start: "{escaped}", sources: [moe-2020-2]}}\n')
    name = text.replace("/", "_")
    (data.root / "platforms" / f"x{name}.yaml").write_text(PLATFORM.replace("example-mooc", "example-name")
                                                            .replace("测试平台", "测试平台四"),
                                                            encoding="utf-8")
    return 4


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
@pytest.mark.parametrize("output", ["text", "github"])
def test_validate_prints_one_line_per_problem_whatever_the_text(data, text, output):
    problems = hostile_files(data, text)
    done = run_cli("validate", str(data.root), "--format", output)
    assert done.returncode == 1
    stderr = done.stderr
    assert not any(ch in stderr for ch in "\r\x1b\x07\x85\u2028\u202e")
    lines = stderr.splitlines()
    reported = int(re.search(r"校验失败：(\d+) 个问题", lines[-1]).group(1))
    assert reported >= problems and len(lines) == reported + 1, lines  # one line per problem, then the summary
    for line in lines[:-1]:
        if output == "github":  # forged commands may stay inside the message, never at a line's start
            assert line.startswith("::error file=")
        else:
            assert ".yaml:" in line and not line.startswith("::")


def test_a_newline_in_a_file_name_is_shown_escaped_in_both_formats(data):
    (data.root / "platforms").mkdir()
    (data.root / "platforms" / "a\n::stop-commands::x.yaml").write_text(PLATFORM, encoding="utf-8")
    text = run_cli("validate", str(data.root)).stderr
    github = run_cli("validate", str(data.root), "--format", "github").stderr
    assert "a\\n::stop-commands::x.yaml:1:" in text
    assert "file=" in github and "a\\n%3A%3Astop-commands%3A%3Ax.yaml" in github
    assert not any(line.startswith("::stop-commands") for line in (text + github).splitlines())


def test_mkdocs_build_failure_messages_are_escaped_too(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "data" / "platforms" / "evil.yaml").write_text(
        PLATFORM.replace("example-mooc", "example-evil") + '"\\n::error::forged\\x1b[2J": 1\n', encoding="utf-8")
    environ = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=project, env=environ, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode != 0
    assert "\x1b" not in done.stderr
    assert not any(line.lstrip().startswith("::error") for line in done.stderr.splitlines())
    assert "evil.yaml:6:" in done.stderr and "\\n::error::forged\\x1b[2J" in done.stderr
