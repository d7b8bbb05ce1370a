"""The package as a user gets it: a wheel installed with the pins into a fresh virtual environment
outside the checkout; `init` starts a project that `new`, `validate`, `check-links` and a strict
`mkdocs build` work in, and nothing is written into site-packages.

Slow by nature (a wheel build, an environment installed from the package index): one environment is
shared by the whole module, about a minute the first time, less with a warm pip cache.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


class Installed:
    def __init__(self, venv: Path, work: Path):
        self.venv = venv
        self.bin = venv / "bin"
        self.work = work
        purelib = subprocess.run([str(self.bin / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        self.site_packages = Path(purelib)
        # No bytecode caches either: whatever appears in site-packages was written by the program.
        self.env = {**{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")},
                    "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}", "PYTHONDONTWRITEBYTECODE": "1",
                    "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1581465600"}

    def run(self, *command: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.bin / command[0]), *command[1:]], cwd=cwd or self.work, env=self.env,
                              capture_output=True, text=True, timeout=600)
        if check:
            assert done.returncode == 0, f"{command}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
        return done

    def snapshot(self) -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(self.site_packages)): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in self.site_packages.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    dist = base / "dist"
    # From a copy: setuptools reuses a build/ folder it finds, stale modules and all.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "build", "dist", "site", "*.egg-info", "__pycache__", ".pytest_cache", "state"))
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = dist.glob("course_catalog-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    work = base / "work"
    work.mkdir()
    tool = Installed(venv, work)
    tool.run("python", "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheel))
    return tool


def test_the_wheel_installs_prefixed_packages_with_its_license_and_version(installed):
    top = {p.name for p in installed.site_packages.iterdir()}
    assert {"catalog", "catalog_plugins", "catalog_scrapers"} <= top
    assert not {"plugins", "scrapers"} & top  # generic names other distributions use
    [info] = installed.site_packages.glob("course_catalog-*.dist-info")
    metadata = email.message_from_string((info / "METADATA").read_text(encoding="utf-8"))
    assert metadata["License-Expression"] == "MIT"
    assert "MIT License" in next(info.rglob("LICENSE")).read_text(encoding="utf-8")
    assert metadata.get_all("Project-URL") and metadata.get_all("Classifier")
    version = metadata["Version"]
    assert installed.run("course-catalog", "--version").stdout.strip() == f"course-catalog {version}"
    assert installed.run("python", "-m", "catalog", "--version").stdout.strip() == f"course-catalog {version}"
    # every third-party module the code imports is a declared dependency: importing all of it works
    installed.run("python", "-c", "import importlib, pkgutil, catalog, catalog_plugins, catalog_scrapers\n"
                  "for package in (catalog, catalog_plugins, catalog_scrapers):\n"
                  "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
                  "        module.name.endswith('__main__') or importlib.import_module(module.name)")


def test_init_new_validate_check_links_and_build_never_write_into_site_packages(installed):
    before = installed.snapshot()
    project = installed.work / "my-catalog"
    installed.run("course-catalog", "init", str(project.name))
    for expected in ("mkdocs.yml", "docs/index.md", "data/taxonomy/levels.yaml", ".pre-commit-config.yaml",
                     ".github/workflows/pull-request.yml", ".github/workflows/pages.yml", "schemas/platform.schema.json"):
        assert (project / expected).is_file(), expected
    for folder in ("sources", "platforms", "resources"):
        assert any((project / "data" / folder).glob("*.yaml")), folder
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert any("course-catalog" in p for p in config["plugins"] if isinstance(p, dict))
    # a second init into the same folder is refused and changes nothing
    again = installed.run("course-catalog", "init", str(project.name), check=False)
    assert again.returncode == 1 and "Traceback" not in again.stderr

    # `new` writes into the project it is run in, with a modeline to the project's own schema
    installed.run("course-catalog", "new", "platform", "demo-mooc", cwd=project)
    created = project / "data" / "platforms" / "demo-mooc.yaml"
    first = created.read_text(encoding="utf-8").splitlines()[0]
    assert (created.parent / first.split("=", 1)[1]).resolve() == (project / "schemas" / "platform.schema.json")
    source = sorted((project / "data" / "sources").glob("*.yaml"))[0].stem
    created.write_text(created.read_text(encoding="utf-8").replace('name: ""', "name: 演示平台")
                       .replace("sources: []", f"sources: [{source}]"), encoding="utf-8")
    assert "校验通过" in installed.run("course-catalog", "validate", cwd=project).stdout
    # run from a sub-folder, the commands still find the project (its mkdocs.yml)
    installed.run("course-catalog", "validate", cwd=project / "docs")

    # the link state goes where the project's mkdocs.yml says (an empty URL list: no traffic)
    (project / "none.txt").write_text("# no URLs\n", encoding="utf-8")
    installed.run("course-catalog", "check-links", "--urls", "none.txt", "--progress", "none", cwd=project)
    assert (project / "state" / "links.json").is_file()

    installed.run("mkdocs", "build", "--strict", "-q", cwd=project)
    assert "演示平台" in (project / "site" / "platforms" / "demo-mooc" / "index.html").read_text(encoding="utf-8")

    after = installed.snapshot()
    assert after == before, f"written into site-packages: {sorted(set(after.items()) ^ set(before.items()))[:5]}"


def test_the_new_project_workflows_pass_the_linters(installed, tmp_path):
    project = tmp_path / "p"
    installed.run("course-catalog", "init", str(project))
    flows = sorted((project / ".github" / "workflows").glob("*.yml"))
    assert len(flows) == 3
    schema = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, flows)],
                            capture_output=True, text=True, timeout=120)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    zizmor = subprocess.run(["zizmor", "--offline", "--no-progress", str(project / ".github" / "workflows")],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    text = "".join(flow.read_text(encoding="utf-8") for flow in flows)
    version = installed.run("course-catalog", "--version").stdout.split()[-1]
    assert f'"course-catalog=={version}"' in text and "@VERSION@" not in text


def test_serve_rebuilds_when_the_plugins_templates_or_assets_change(installed, tmp_path):
    """Edits a template and an asset of the plugin; safe here: this environment is the test's own copy."""
    from test_site_serve import BOUND, Served, wait_for

    project = tmp_path / "p"
    installed.run("course-catalog", "init", str(project))
    plugin_dir = installed.site_packages / "catalog_plugins"
    template = plugin_dir / "templates" / "catalog" / "entry.html"
    asset = plugin_dir / "assets" / "catalog.css"
    platform = sorted((project / "data" / "platforms").glob("*.yaml"))[0].stem
    with Served(project, project / "mkdocs.yml", python=str(installed.bin / "python"), env=installed.env) as server:
        page = f"platforms/{platform}/"
        assert wait_for(lambda: "</html>" in server.page(page), BOUND), server.failure() or "not served"
        assert "template-edited-here" not in server.page(page)
        template.write_text("<p>template-edited-here</p>\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
        assert wait_for(lambda: "template-edited-here" in server.page(page), BOUND), \
            server.failure() or "the template edit was not picked up"
        css = "assets/catalog/catalog.css"
        assert "asset-edited-here" not in server.page(css)
        asset.write_text(asset.read_text(encoding="utf-8") + "\n/* asset-edited-here */\n", encoding="utf-8")
        assert wait_for(lambda: "asset-edited-here" in server.page(css), BOUND), \
            server.failure() or "the asset edit was not picked up"
