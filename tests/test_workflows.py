"""The GitHub workflows, pre-commit hook and templates: they call the project's own commands.

A workflow is only checked on GitHub; these tests catch drift here: a command renamed in the CLI,
a step that would commit entry files, an annotation pattern that no longer matches validate's output.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from catalog.cli import build_parser
from catalog.paths import DEFAULT_LINK_STATE
from test_exports_catalog import write_catalog

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
MATCHER = ROOT / ".github" / "problem-matchers" / "catalog.json"
CI_RUN = ROOT / ".ci" / "run"
EXPRESSION = re.compile(r"\$\{\{[^}]*\}\}")


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def commands(flow: dict) -> list[str]:
    found = []
    for step in steps(flow):
        for line in step.get("run", "").splitlines():
            found += [part.strip() for part in line.split("&&") if part.strip()]
    return found


def ci_commands() -> set[str]:
    lines = (line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines())
    return {part.strip() for line in lines if line and not line.startswith("#") for part in line.split("&&")}


def is_project_command(command: str) -> bool:
    if command.startswith("python -m catalog "):
        argv = shlex.split(EXPRESSION.sub("REF", command))[3:]
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"the catalog command line does not accept: {command}")
        return True
    if command == "mkdocs build --strict" or command.startswith("python -m pytest"):
        return True
    matcher = re.fullmatch(r'echo "::add-matcher::(.+)"', command)
    if matcher:
        assert (ROOT / matcher.group(1)) == MATCHER, command
        return True
    return command in ci_commands()  # e.g. installing: the very line .ci/run uses


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_run_command_is_a_project_command(name):
    flow = workflow(name)
    assert commands(flow), name
    for command in commands(flow):
        assert is_project_command(command), f"{name}: not a project command: {command}"


def test_pull_requests_validate_check_changed_links_build_strict_and_test():
    flow = workflow("pull-request.yml")
    assert "pull_request" in triggers(flow)
    ran = commands(flow)
    assert "python -m catalog validate" in ran and "python -m catalog validate" in ci_commands()
    assert "python -m catalog check-links --changed-only origin/${{ github.base_ref }}" in ran
    assert "mkdocs build --strict" in ran
    assert any(c.startswith("python -m pytest") for c in ran) and "python -m pytest -q" in " ".join(ci_commands())
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to compare against
    # the matcher is registered before the first command that reports problems
    assert ran.index('echo "::add-matcher::.github/problem-matchers/catalog.json"') < \
        ran.index("python -m catalog validate")
    assert flow["permissions"] == {"contents": "read"}


def test_the_schedule_checks_every_link_and_commits_only_the_link_state():
    flow = workflow("links.yml")
    assert "schedule" in triggers(flow)
    assert "python -m catalog check-links" in commands(flow)
    assert not any(re.search(r"\bgit\b", c) for c in commands(flow))  # no hand-made commits
    committing = [s for s in steps(flow) if "git-auto-commit-action" in s.get("uses", "")]
    assert len(committing) == 1
    assert committing[0]["with"]["file_pattern"] == DEFAULT_LINK_STATE.relative_to(ROOT).as_posix()
    assert committing[0]["if"] == "${{ !cancelled() }}"  # dead links found: still record them


def test_main_builds_and_deploys_to_pages():
    flow = workflow("pages.yml")
    assert triggers(flow)["push"]["branches"] == ["main"]
    assert "mkdocs build --strict" in commands(flow)
    uses = [s.get("uses", "") for s in steps(flow)]
    upload = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert flow["jobs"]["deploy"]["needs"] == "build"
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"


def test_the_problem_matcher_turns_validate_output_into_file_and_line(tmp_path):
    data = write_catalog(tmp_path)
    entry = data / "platforms" / "icourse163.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("kind: mooc-platform", "kind: no-such-kind"),
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "catalog", "validate", "data"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    [pattern] = json.loads(MATCHER.read_text(encoding="utf-8"))["problemMatcher"][0]["pattern"]
    regexp = re.compile(pattern["regexp"])
    hits = [m for m in map(regexp.match, done.stderr.splitlines()) if m]
    assert hits, done.stderr
    line = entry.read_text(encoding="utf-8").splitlines().index("kind: no-such-kind") + 1
    assert (hits[0].group(pattern["file"]), hits[0].group(pattern["line"])) == \
        ("data/platforms/icourse163.yaml", str(line))
    assert "no-such-kind" in hits[0].group(pattern["message"])
    # MkDocs prefixes its log lines; the same problem still yields the file and line
    logged = regexp.match(f"ERROR    -  {done.stderr.splitlines()[0]}")
    assert logged and logged.group(pattern["file"]) == "data/platforms/icourse163.yaml"
    # the summary line is not an annotation
    assert not any(regexp.match(l) for l in done.stderr.splitlines() if l.startswith("校验失败"))


def test_pre_commit_runs_validate_when_entry_files_change():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert is_project_command(hook["entry"]) and hook["entry"] == "python -m catalog validate"
    assert hook["pass_filenames"] is False  # cross-entry checks need the whole catalog
    files = re.compile(hook["files"])
    assert files.search("catalog/data/platforms/icourse163.yaml")
    assert files.search("catalog/data/taxonomy/levels.yml")
    assert not files.search("docs/index.md") and not files.search("catalog/state/links.json")


def test_templates_and_guide_exist_and_point_at_real_commands():
    templates = ROOT / ".github" / "ISSUE_TEMPLATE"
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in templates.glob("*.yml")
             if p.name != "config.yml"}
    assert len(forms) == 3
    for name, form in forms.items():
        assert form["name"] and form["body"], name
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    pull_request = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for text in (guide, pull_request):
        for command in re.findall(r"python -m catalog [^`\n]+", text):
            assert is_project_command(command.split("#")[0].strip()), command
    for needed in ("python -m catalog new platform", "python -m catalog validate", "mkdocs serve",
                   "yaml-language-server", "catalog/schemas/"):
        assert needed in guide, needed
