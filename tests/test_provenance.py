"""Every level, discipline, region, theme and kind says where it comes from: a quote or a rule."""

from __future__ import annotations

import re

import pytest

from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from conftest import REPO, SEED_FILES, needs_seeds, run_cli

# The stored text of sources that are not among the seed notices (the search tool's copy of the page, as
# published), one file per source, named by the source id; quotes from these sources are checked against it.
STORED_TEXTS = sorted((REPO / "tests" / "source-texts").glob("*.txt"))

ENTRY = """\
name: 演示平台
kind: mooc-platform
levels: [undergraduate, higher-vocational]
regions: [national]
sources: [moe-2020-2]
"""

BASIS = """\
basis:
  kind: {source: moe-2020-2, quote: 22个在线课程平台}
  levels:
    undergraduate: {source: moe-2020-2, quote: 面向全国高校免费开放}
    higher-vocational: {rule: gaoxiao-includes-vocational}
  regions:
    national: {rule: national-platform}
"""


def problems(data) -> list[tuple[str, int, str]]:
    result = run_cli("validate", str(data.root))
    assert "Traceback" not in result.stderr
    found = []
    for line in result.stderr.strip().splitlines()[:-1]:
        path, number, message = re.match(r"^(.*?):(\d+): (.*)$", line).groups()
        found.append((path.rsplit("/", 1)[-1], int(number), message))
    return found


def test_an_entry_with_a_basis_for_every_value_is_valid(data):
    data.write("platforms/demo.yaml", ENTRY + BASIS, basis=False)
    assert run_cli("validate", str(data.root)).returncode == 0


def test_each_value_without_a_basis_is_an_error_on_its_own_line(data):
    data.write("platforms/demo.yaml", ENTRY + BASIS.replace(
        "    higher-vocational: {rule: gaoxiao-includes-vocational}\n", "").replace(
        "  kind: {source: moe-2020-2, quote: 22个在线课程平台}\n", ""), basis=False)
    found = problems(data)
    assert [(line, message.split(":")[0]) for _, line, message in found] == [(2, "kind"), (3, "levels.1")]
    assert "basis.levels.higher-vocational" in found[1][2]


def test_a_basis_for_a_value_the_entry_lacks_is_an_error(data):
    data.write("platforms/demo.yaml", ENTRY.replace("[undergraduate, higher-vocational]", "[undergraduate]")
               + BASIS, basis=False)
    found = problems(data)
    assert len(found) == 1
    _, line, message = found[0]
    assert line == 10 and message.startswith("basis.levels.higher-vocational:")


def test_an_unknown_rule_gets_the_closest_one_suggested(data):
    data.write("platforms/demo.yaml", ENTRY + BASIS.replace("{rule: national-platform}",
                                                           "{rule: national-platfrom}"), basis=False)
    found = problems(data)
    assert len(found) == 1
    _, line, message = found[0]
    assert line == 12 and "national-platfrom" in message and "'national-platform'" in message


def test_a_quote_must_come_from_a_source_the_entry_cites(data):
    data.write("platforms/demo.yaml", ENTRY + BASIS.replace(
        "{source: moe-2020-2, quote: 面向全国高校免费开放}", "{source: henan-2020-5, quote: 各高校}"), basis=False)
    found = problems(data)
    assert len(found) == 1 and found[0][1] == 9 and "henan-2020-5" in found[0][2]


@pytest.mark.parametrize("basis", ["{quote: 各高校}", "{source: moe-2020-2}", "{note: 只写了说明}"])
def test_a_basis_is_a_source_with_a_quote_or_a_rule(data, basis):
    data.write("platforms/demo.yaml", ENTRY + BASIS.replace("{rule: national-platform}", basis), basis=False)
    found = problems(data)
    assert [line for _, line, _ in found] == [12]


def test_a_rule_written_twice_in_the_rule_file_is_an_error(data):
    rules = data.root / "taxonomy" / "inference-rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "  - {id: national-platform, name: 重复, text: 重复}\n",
                     encoding="utf-8")
    found = problems(data)
    assert len(found) == 1 and found[0][0] == "inference-rules.yaml" and "national-platform" in found[0][2]


# --- the shipped data ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(DEFAULT_DATA_DIR)
    assert result.ok, "\n".join(p.render() for p in result.problems)
    return result.catalog


def _bases(entry):
    if entry.basis.kind:
        yield "kind", entry.kind, entry.basis.kind
    for field in ("levels", "disciplines", "regions", "themes"):
        for value, basis in getattr(entry.basis, field).items():
            yield field, value, basis


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_seeds
def test_every_quote_is_verbatim_in_the_notice_it_cites(catalog):
    """Quotes from sources whose text is among the seed notices are found there word for word."""
    texts = [_squeeze(f.read_text(encoding="utf-8")) for f in SEED_FILES]
    stored = {f.stem: _squeeze(f.read_text(encoding="utf-8")) for f in STORED_TEXTS}

    def notice_of(source):
        numbers = [n for n in (source.number,) if n]
        for other_id in (source.repost_of, source.forwards):
            if other_id and catalog.sources[other_id].number:
                numbers.append(catalog.sources[other_id].number)
        # A stored text belongs to its source, to what that source reposts or forwards, and to the reposts of it.
        related = {source.id, source.repost_of, source.forwards} | {
            other.id for other in catalog.sources.values() if source.id in (other.repost_of, other.forwards)}
        return [t for t in texts if any(_squeeze(n) in t for n in numbers)] + [
            stored[i] for i in related if i in stored]

    checked, wrong = 0, []
    for kind, entry in catalog.entries():
        if kind == "source":
            continue
        for field, value, basis in _bases(entry):
            if not basis.quote:
                continue
            candidates = notice_of(catalog.sources[basis.source])
            if not candidates:
                continue  # a source that is not among the seeds: checked by review
            checked += 1
            if not any(_squeeze(basis.quote) in text for text in candidates):
                wrong.append(f"{entry.id} {field} {value}: “{basis.quote}”")
    assert checked > 50
    assert not wrong, "quotes not found in the cited notice:\n" + "\n".join(wrong)


def test_every_stored_source_text_belongs_to_a_source_with_an_address(catalog):
    assert STORED_TEXTS
    orphans = [f.name for f in STORED_TEXTS if f.stem not in catalog.sources or not catalog.sources[f.stem].urls]
    assert not orphans, "stored texts without a source that has a URL: " + ", ".join(orphans)


def test_every_rule_the_data_uses_is_described_in_the_data_docs(catalog):
    docs = (DEFAULT_DATA_DIR.parents[1] / "docs" / "data.md").read_text(encoding="utf-8")
    used = {basis.rule for kind, entry in catalog.entries() if kind != "source"
            for _, _, basis in _bases(entry) if basis.rule}
    assert used and used <= set(catalog.taxonomy.rules)
    assert not [rule for rule in catalog.taxonomy.rules if f"`{rule}`" not in docs]
