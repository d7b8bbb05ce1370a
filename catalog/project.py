"""The current catalog project: where its data, link state and schemas are.

Commands act on the project they are run in, never on the installed package: the project is the
folder of the nearest mkdocs.yml (from the working directory upwards), with the paths its
`course-catalog` plugin entry sets; without a mkdocs.yml, the working directory itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN_NAME = "course-catalog"
PLUGIN_DEFAULT_DATA_DIR = "catalog/data"  # the plugin's own default (plugins/config.py)
# Without a mkdocs.yml: the first of these that exists, else the first.
BARE_DATA_DIRS = ("data", "catalog/data")


@dataclass(frozen=True)
class Project:
    root: Path
    data_dir: Path
    link_state: Path


def schema_dir_for(data_dir: Path) -> Path:
    """Editor schemas live beside the data folder (catalog/schemas/ here, schemas/ in a new project)."""
    return Path(data_dir).parent / "schemas"


def find_project(start: Path | None = None) -> Project:
    start = (start or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return _from_config(folder / name)
    candidates = [start / name for name in BARE_DATA_DIRS]
    data_dir = next((c for c in candidates if c.is_dir()), candidates[0])
    return Project(start, data_dir, default_link_state(data_dir))


def default_link_state(data_dir: Path) -> Path:
    """Where `check-links` keeps its results when the site does not say: state/ beside the data folder."""
    return data_dir.parent / "state" / "links.json"


def _from_config(config_file: Path) -> Project:
    root = config_file.parent
    options = _plugin_options(config_file)
    data_dir = root / (options.get("data_dir") or PLUGIN_DEFAULT_DATA_DIR)
    state = options.get("link_state")
    return Project(root, data_dir, root / state if state else default_link_state(data_dir))


def _plugin_options(config_file: Path) -> dict:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # MkDocs itself reports a broken mkdocs.yml; commands fall back to the defaults
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict) and PLUGIN_NAME in item:
            options = item[PLUGIN_NAME]
            return {k: str(v) for k, v in options.items() if isinstance(v, (str, Path))} \
                if isinstance(options, dict) else {}
    return {}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs' own tags (!ENV, !relative, !!python/name:...)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
