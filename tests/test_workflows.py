"""The GitHub workflows, pre-commit hook and templates: they call the project's own commands.

A workflow is only fully run on GitHub; these tests catch what can be caught here: a command renamed
in the CLI, an install without the pins, a step that would commit entry files, an annotation pattern
that no longer matches validate's output, what the workflow linters (zizmor, the workflow JSON Schema)
find. The pull-request job's own steps run here on a clone with a change to compare.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
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
# Majors that run on Node 24 (Node 20 is gone from hosted runners); newer majors pass.
NODE24_MAJORS = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-pages-artifact": 5,
                 "actions/deploy-pages": 5, "actions/upload-artifact": 6, "actions/download-artifact": 7}


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


def jobs(flow: dict) -> dict[str, dict]:
    return flow["jobs"]


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
    if command.startswith("python -m pip install"):
        assert "-c constraints.txt" in command, f"an install without the pins: {command}"
        return True
    matcher = re.fullmatch(r'echo "::add-matcher::(.+)"', command)
    if matcher:
        assert (ROOT / matcher.group(1)) == MATCHER, command
        return True
    script = re.fullmatch(r"(\.ci/[a-z-]+)( .*)?", command)
    if script:
        assert os.access(ROOT / script.group(1), os.X_OK), f"not an executable project script: {command}"
        return True
    if command == 'git config --global --add safe.directory "$GITHUB_WORKSPACE"':
        return True
    return command in ci_commands()  # e.g. installing Chromium: the very line .ci/run uses


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_run_command_is_a_project_command(name):
    flow = workflow(name)
    assert commands(flow), name
    for command in commands(flow):
        assert is_project_command(command), f"{name}: not a project command: {command}"


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_job_has_a_timeout_and_its_own_least_permissions(name):
    flow = workflow(name)
    assert flow["permissions"] == {}, f"{name}: grant nothing workflow-wide; each job asks for what it needs"
    for job_id, job in jobs(flow).items():
        assert 0 < job["timeout-minutes"] <= 60, (name, job_id)
        assert isinstance(job.get("permissions"), dict), (name, job_id)
        assert set(job["permissions"].values()) <= {"read", "write"}, (name, job_id)
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        if writes:
            assert not any("pytest" in s.get("run", "") for s in job["steps"]), \
                f"{name}/{job_id}: tests run where no token can write"


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_event_values_reach_commands_through_the_environment_and_actions_are_current(name):
    flow = workflow(name)
    for step in steps(flow):
        assert not EXPRESSION.search(step.get("run", "")), f"{name}: an expression inside run: {step['run']}"
        if "uses" in step:
            action, ref = step["uses"].split("@")
            assert action in NODE24_MAJORS, f"{name}: only GitHub's own actions, known here: {action}"
            assert int(ref.removeprefix("v")) >= NODE24_MAJORS[action], f"{name}: {step['uses']} runs on Node 20"
        if "checkout" in step.get("uses", ""):
            assert "persist-credentials" in step.get("with", {}), f"{name}: say whether the token stays"


def test_the_workflow_linters_find_nothing_and_do_catch_an_injection(tmp_path):
    schema = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, sorted(WORKFLOWS.glob("*.yml")))], capture_output=True, text=True, timeout=120)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    zizmor = subprocess.run(["zizmor", "--offline", "--no-progress", str(WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    # The same linters on a workflow with the old mistakes: an event value expanded inside run:, a
    # misspelt key. Both must be refused, or the checks above prove nothing.
    bad = tmp_path / ".github" / "workflows"
    bad.mkdir(parents=True)
    flow = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    injected = flow.replace('"origin/$BASE_REF"', "origin/${{ github.head_ref }}")
    assert injected != flow
    (bad / "injected.yml").write_text(injected, encoding="utf-8")
    assert subprocess.run(["zizmor", "--offline", "--no-progress", str(bad)], cwd=ROOT, capture_output=True,
                          timeout=120).returncode != 0
    (bad / "injected.yml").write_text(flow.replace("timeout-minutes:", "timeout-minute:"), encoding="utf-8")
    assert subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(bad / "injected.yml")], capture_output=True, timeout=120).returncode != 0


def test_pull_requests_validate_check_changed_links_build_strict_and_test():
    flow = workflow("pull-request.yml")
    assert "pull_request" in triggers(flow)
    ran = commands(flow)
    assert "python -m catalog validate" in ran and "python -m catalog validate" in ci_commands()
    assert 'python -m catalog check-links --changed-only "origin/$BASE_REF"' in ran
    assert "mkdocs build --strict" in ran
    assert any(c.startswith("python -m pytest") for c in ran) and "python -m pytest -q" in " ".join(ci_commands())
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to compare against
    # the matcher is registered before the first command that reports problems
    assert ran.index('echo "::add-matcher::.github/problem-matchers/catalog.json"') < \
        ran.index("python -m catalog validate")
    [job] = jobs(flow).values()
    assert job["permissions"] == {"contents": "read"}
    if "container" in job:  # a container's root does not own the checkout: git must be told it is safe
        assert ran.index('git config --global --add safe.directory "$GITHUB_WORKSPACE"') < \
            ran.index('python -m catalog check-links --changed-only "origin/$BASE_REF"')


def _git(*args: str, cwd: Path, env=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True,
                          timeout=120).stdout.strip()


@pytest.mark.slow  # a clone, a strict build of the shipped catalog: about 15 s
def test_the_pull_request_steps_run_on_a_clone_with_a_change(tmp_path):
    """The job's steps, in order, on a pull request that edits one entry and adds one URL; the steps
    that install (done already here) and the test run (this very suite) are left out."""
    base = _git("rev-parse", "--abbrev-ref", "HEAD", cwd=ROOT)
    clone = tmp_path / "work"
    _git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path)
    home = tmp_path / "home"  # `git config --global` writes here, not into the user's own settings
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "GITHUB_WORKSPACE": str(clone), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    entry = clone / "catalog" / "data" / "platforms" / "icourse163.yaml"
    added = "http://127.0.0.1:9/course"  # refused before any connection: this test sends no traffic
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("urls:\n", f"urls:\n  - url: {added}\n    label: 新增\n", 1), encoding="utf-8")
    _git("switch", "-q", "-c", "pr", cwd=clone, env=env)
    _git("commit", "-q", "-am", "A change to check", cwd=clone, env=env)

    flow = workflow("pull-request.yml")
    [job] = jobs(flow).values()
    context = {"github.base_ref": base}
    ran = []
    for step in job["steps"]:
        script = step.get("run", "")
        if not script or "pip install" in script or "apt-get" in script or "pytest" in script:
            continue
        step_env = {k: EXPRESSION.sub(lambda m: context[m.group(0)[3:-2].strip()], str(v))
                    for k, v in {**job.get("env", {}), **step.get("env", {})}.items()}
        done = subprocess.run(["bash", "-e", "-c", script], cwd=clone, env={**env, **step_env},
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{step.get('name')}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        ran.append(script)
    assert any("check-links" in s for s in ran) and any("mkdocs build" in s for s in ran)
    state = json.loads((clone / "catalog" / "state" / "links.json").read_text(encoding="utf-8"))
    assert [record["url"] for record in state["records"].values()] == [added]  # only what the change added
    assert (clone / "site" / "platforms" / "icourse163" / "index.html").is_file()


def test_the_schedule_checks_every_link_and_commits_only_the_link_state():
    flow = workflow("links.yml")
    assert "schedule" in triggers(flow)
    assert "python -m catalog check-links --budget 40m" in commands(flow)  # stops cleanly before the timeout
    committing = [s for s in steps(flow) if s.get("run") == ".ci/commit-link-state"]
    assert len(committing) == 1
    assert committing[0]["if"] == "${{ !cancelled() }}"  # dead links found: still record them
    assert not any(re.search(r"\bgit\b", c) for c in commands(flow))  # no hand-made commits


def test_the_link_state_commit_takes_the_state_file_and_nothing_else(tmp_path):
    remote = tmp_path / "remote.git"
    _git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    _git("clone", "-q", str(ROOT), str(work), cwd=tmp_path)
    _git("remote", "set-url", "origin", str(remote), cwd=work)
    env = {**os.environ, "GITHUB_REF_NAME": "main", "HOME": str(tmp_path)}
    _git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=work, env=env)
    script = [str(work / ".ci" / "commit-link-state")]
    nothing = subprocess.run(script, cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert nothing.returncode == 0 and _git("rev-parse", "main", cwd=remote) == _git("rev-parse", "HEAD", cwd=work)
    state = work / DEFAULT_LINK_STATE.relative_to(ROOT)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text('{"version": 1, "records": {}}\n', encoding="utf-8")
    entry = work / "catalog" / "data" / "platforms" / "icourse163.yaml"
    entry.write_text(entry.read_text(encoding="utf-8") + "# an edit automation must not commit\n", encoding="utf-8")
    done = subprocess.run(script, cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    changed = _git("diff", "--name-only", "main~1", "main", cwd=remote).splitlines()
    assert changed == [DEFAULT_LINK_STATE.relative_to(ROOT).as_posix()]
    assert _git("status", "--porcelain", cwd=work) == "M catalog/data/platforms/icourse163.yaml"


def test_main_builds_and_deploys_to_pages():
    flow = workflow("pages.yml")
    assert triggers(flow)["push"]["branches"] == ["main"]
    assert "mkdocs build --strict" in commands(flow)
    upload = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    build, deploy = jobs(flow)["build"], jobs(flow)["deploy"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert deploy["needs"] == "build"
    assert build["permissions"] == {"contents": "read"}  # only the deploy job may publish
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_schedule_tests_the_newest_allowed_versions_and_proposes_them():
    flow = workflow("dependencies.yml")
    assert "schedule" in triggers(flow)
    newest, propose = jobs(flow)["newest"], jobs(flow)["propose"]
    ran = [c for s in newest["steps"] for c in s.get("run", "").splitlines()]
    assert ran.index(".ci/refresh-pins --upgrade") < ran.index("python -m pytest -q")
    assert newest["permissions"] == {"contents": "read"}
    assert propose["needs"] == "newest"  # only when the tests passed with the new versions
    assert ".ci/propose-pins" in commands(flow)


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


def _validate_hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    return hook


def test_pre_commit_runs_validate_when_entry_files_change():
    hook = _validate_hook()
    assert is_project_command(hook["entry"]) and hook["entry"] == "python -m catalog validate"
    assert hook["language"] == "python"  # its own environment, whatever python is first on PATH
    assert hook["pass_filenames"] is False  # cross-entry checks need the whole catalog
    files = re.compile(hook["files"])
    assert files.search("catalog/data/platforms/icourse163.yaml")
    assert files.search("catalog/data/taxonomy/levels.yml")
    assert not files.search("docs/index.md") and not files.search("catalog/state/links.json")
    # the hook's libraries carry pyproject.toml's ranges
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in hook["additional_dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
        assert any(d.split("#")[0].strip().startswith(requirement) for d in declared), requirement
        assert name.lower() in {"pydantic", "pyyaml"}


@pytest.mark.slow  # pre-commit builds the hook's environment from the package index: about 20 s
def test_the_pre_commit_hook_runs_in_its_own_environment_and_stops_a_bad_entry(tmp_path):
    work = tmp_path / "work"
    _git("clone", "-q", str(ROOT), str(work), cwd=tmp_path)
    bare = tmp_path / "bare"  # a python without the project's libraries, first on PATH
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    env = {**os.environ, "PATH": f"{bare / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    entry = work / "catalog" / "data" / "platforms" / "icourse163.yaml"
    run = [sys.executable, "-m", "pre_commit", "run", "--files", str(entry.relative_to(work))]
    good = subprocess.run(run, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr
    entry.write_text(entry.read_text(encoding="utf-8").replace("kind: mooc-platform", "kind: no-such-kind"),
                     encoding="utf-8")
    bad = subprocess.run(run, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    line = entry.read_text(encoding="utf-8").splitlines().index("kind: no-such-kind") + 1
    assert bad.returncode == 1 and f"icourse163.yaml:{line}:" in bad.stdout, bad.stdout + bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr


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
