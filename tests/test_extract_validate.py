"""A draft is what the validator accepts once its placeholders are filled, and not before.

The test fills every FILL-ME the way a maintainer would (a kind id, dates, a title), writes new entry
files and merges updates into the existing ones, in a copy of the data folder, then runs `validate`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from conftest import run_cli
from catalog_scrapers.notices.draft.build import build_draft
from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.draft.writer import PLACEHOLDER
from test_extract_seeds import SEED_FILES, needs_seeds, parse_draft, taxonomy_only

DATES = {"start": "2020-02-01", "end": "2020-07-31", "as_of": "2020-02-01", "issued": "2020-02-01"}


def fill(value, key: str, source_id: str):
    """Replace each placeholder as a maintainer would, by the key it stands under."""
    if isinstance(value, dict):
        return {k: fill(v, k, source_id) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, key, source_id) for v in value]
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        if value.startswith(f"{PLACEHOLDER}-source"):  # an id: the same as the file it names
            return value.replace(f"{PLACEHOLDER}-source", source_id)
        if key == "kind":
            return "mooc-platform"
        return DATES.get(key, "维护者已填写")
    return value


def placeholders_in(value) -> int:
    if isinstance(value, dict):
        return sum(placeholders_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(placeholders_in(v) for v in value)
    return int(isinstance(value, str) and PLACEHOLDER in value)


def apply_draft(documents, data: Path, prefix: str, filled: bool) -> list[Path]:
    """Write NEW documents as files and merge UPDATE lists into the files they name."""
    source_id = f"{prefix}-source"
    written = []
    for target, status, doc in documents:
        if filled:
            target = target.replace(f"{PLACEHOLDER}-source", source_id).replace(PLACEHOLDER, prefix)
            doc = fill(doc, "", source_id)
        path = data / target
        if status == "UPDATE":
            entry = yaml.safe_load(path.read_text(encoding="utf-8"))
            for key, items in doc.items():
                entry[key] = (entry.get(key) or []) + items
            doc = entry
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written.append(path)
    return written


def problems(data: Path) -> set[str]:
    return {p.render() for p in load_catalog(data).problems}


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_filled_new_entries_validate_in_an_empty_catalog(seed, tmp_path):
    data = taxonomy_only(tmp_path)
    text, summary = build_draft(read_notice(seed), load_catalog(data).catalog)
    documents = parse_draft(text)
    assert all(status == "NEW" for _, status, _ in documents)
    assert sum(placeholders_in([target, doc]) for target, _, doc in documents) > 0

    unfilled = tmp_path / "unfilled"
    shutil.copytree(data, unfilled)
    for path in apply_draft(documents, unfilled, "draft", filled=False):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if placeholders_in([path.name, doc]):
            shown = path.relative_to(unfilled).as_posix()
            assert any(shown in problem for problem in problems(unfilled)), \
                f"{shown}: 占位未填却通过了校验 (placeholders must make validate fail)"

    apply_draft(documents, data, "draft", filled=True)
    result = run_cli("validate", str(data))
    assert result.returncode == 0, result.stderr


@needs_seeds
def test_filled_drafts_merge_into_the_real_catalog_without_new_problems(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    before = problems(data)
    for number, seed in enumerate(SEED_FILES):
        text, _ = build_draft(read_notice(seed), load_catalog(data).catalog)
        apply_draft(parse_draft(text), data, f"seed{number}", filled=True)
    added = problems(data) - before
    assert not added, "\n".join(sorted(added))
    if not before:
        result = run_cli("validate", str(data))
        assert result.returncode == 0, result.stderr
