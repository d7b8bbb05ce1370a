"""A small catalog made for the export tests, and the tests of the JSON document and its schema.

The other export tests import `write_catalog` and `FACTS` from here.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from catalog.exports import CatalogDocument, catalog_document, render_export
from catalog.exports.schema import SCHEMA_FILE, schema_text
from catalog.loader import load_catalog
from catalog.paths import DEFAULT_DATA_DIR
from conftest import with_basis

AS_OF = dt.date(2020, 3, 1)

# Facts the tests look for in every export; some are hostile on purpose.
FACTS = {
    "person_mobile": "15901156289",
    "person_mobile_masked": "159****6289",
    "person_name": "段会青",
    "withdrawn_name": "姬坤",
    "withdrawn_mobile": "18603828795",
    "unit_mobile": "18937659570",  # a unit's number: never masked
    "hotline": "400-8980-910",
    "landline": "0371-69691767",
    "email": "msk@haedu.gov.cn",
    "qq_group": "806766200",
    "qq": "369651870",
    "formula_alias": "=HYPERLINK(\"http://evil.example\",\"点我\")",
    "tricky_role": "负责人, 河南;区域\\服务",
    "tricky_note": "以通知为准, 含;分号\\反斜杠\n第二行：<b>不是标签</b>",
}

SOURCE = {
    "title": "河南省教育厅关于做好疫情防控期间网上教育教学工作的通知",
    "number": "豫教疫防办〔2020〕5号",
    "issuers": ["河南省教育厅"],
    "issued": dt.date(2020, 2, 1),
    "urls": ["https://jyt.henan.gov.cn/2020/02-01/notice.html"],
    "contacts": [{
        "unit": "科技处", "name": "麦世奎", "person": True, "phones": [FACTS["landline"]],
        "emails": [FACTS["email"]], "as_of": dt.date(2020, 2, 1), "sources": ["henan-2020-5"],
    }],
}

PLATFORM = {
    "name": "中国大学MOOC",
    "aliases": ["爱课程", FACTS["formula_alias"]],
    "kind": "mooc-platform",
    "urls": ["https://www.icourse163.org"],
    "levels": ["undergraduate"],
    "disciplines": ["ug-01", "ug-07"],
    "regions": ["national"],
    "description": "免费提供 8000 余门慕课课程、教学服务及学习数据支持，课程覆盖本科 12 大门类的所有专业类"
                   "和高职 18 个专业大类；免费提供慕课、SPOC、直播等各类教学形式的平台服务。",
    "counts": [{"what": "慕课课程", "value": 8000, "qualifier": "more-than", "as_written": "8000 余门",
                "as_of": dt.date(2020, 2, 1), "sources": ["henan-2020-5"]}],
    "free_periods": [{"start": dt.date(2020, 2, 1), "end": dt.date(2020, 7, 31), "label": "2020年春季学期",
                      "reading": "春季学期按 2 月 1 日至 7 月 31 日计", "scope": "河南省高校",
                      "regions": ["henan"], "sources": ["henan-2020-5"], "note": FACTS["tricky_note"]}],
    "contacts": [
        {"unit": "爱课程", "name": FACTS["person_name"], "person": True, "role": FACTS["tricky_role"],
         "purpose": "平台使用咨询", "regions": ["henan"], "phones": [FACTS["person_mobile"]],
         "as_of": dt.date(2020, 2, 1), "sources": ["henan-2020-5"]},
        {"unit": "河南区域服务团队", "name": FACTS["withdrawn_name"], "person": True,
         "phones": [FACTS["withdrawn_mobile"]], "qq": ["1174755691"], "as_of": dt.date(2020, 2, 1),
         "sources": ["henan-2020-5"], "withdrawn": {"requested": dt.date(2021, 5, 6)}},
        {"unit": "河南区域服务团队", "phones": [FACTS["unit_mobile"], FACTS["hotline"]],
         "qq_groups": [FACTS["qq_group"]], "qq": [FACTS["qq"]], "wechat": ["icourse163"],
         "as_of": dt.date(2020, 2, 1), "sources": ["henan-2020-5"]},
    ],
    "sources": ["henan-2020-5"],
}

RESOURCE = {
    "name": "国家精品在线开放课程",
    "kind": "course-collection",
    "platforms": ["icourse163"],
    "levels": ["undergraduate"],
    "regions": ["national"],
    "free_periods": [{"start": dt.date(2020, 2, 2), "label": "自本通知发布之日起", "sources": ["henan-2020-5"]}],
    "sources": ["henan-2020-5"],
    "basis": {"kind": {"rule": "classified-by-description"},
              "levels": {"undergraduate": {"source": "henan-2020-5", "quote": "各高校"}},
              "regions": {"national": {"rule": "national-platform"}}},
}


def write_catalog(root: Path, platform: dict | None = None) -> Path:
    """A data folder with the real taxonomy and one source, platform and resource; returns it."""
    data = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR / "taxonomy", data / "taxonomy")
    for folder, entry_id, entry in (("sources", "henan-2020-5", SOURCE),
                                    ("platforms", "icourse163", platform or PLATFORM),
                                    ("resources", "national-quality-courses", RESOURCE)):
        (data / folder).mkdir(parents=True, exist_ok=True)
        text = with_basis(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False))
        (data / folder / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
    return data


def load(data: Path):
    result = load_catalog(data)
    assert not result.problems, [p.render() for p in result.problems]
    return result.catalog


def test_published_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "catalog/schemas/catalog.schema.json is stale: run python -m catalog schema -o catalog/schemas"


def test_json_export_validates_against_published_schema_and_round_trips(tmp_path):
    catalog = load(write_catalog(tmp_path))
    files = render_export("json", catalog, as_of=AS_OF)
    assert list(files) == ["catalog.json"]
    document = json.loads(files["catalog.json"].decode("utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)

    assert document["version"] == 1
    assert document["generated"] == "2020-03-01"
    platform = document["platforms"][0]
    assert platform["id"] == "icourse163" and platform["name"] == "中国大学MOOC"
    assert platform["aliases"] == ["爱课程", FACTS["formula_alias"]]  # JSON keeps text exactly as written
    assert platform["description"] == PLATFORM["description"]
    period = platform["free_periods"][0]
    assert (period["start"], period["end"], period["status"], period["status_name"]) == \
        ("2020-02-01", "2020-07-31", "active", "免费中")
    assert platform["free_now"] is True
    contacts = {c.get("name") or c["unit"]: c for c in platform["contacts"]}
    assert contacts[FACTS["person_name"]]["phones"] == [FACTS["person_mobile"]]
    assert contacts[FACTS["person_name"]]["role"] == FACTS["tricky_role"]
    assert contacts["河南区域服务团队"]["qq_groups"] == [FACTS["qq_group"]]
    assert document["sources"][0]["contacts"][0]["emails"] == [FACTS["email"]]
    assert document["resources"][0]["platforms"] == ["icourse163"]
    assert document["resources"][0]["free_periods"][0]["status"] == "end-unknown"  # the source gave no end
    assert any(v["facet"] == "level" for v in document["taxonomy"])
    # the same document as the one the site publishes
    assert document == catalog_document(catalog, AS_OF)


def test_the_document_is_exactly_what_its_models_describe(tmp_path):
    for mask in (False, True):
        document = catalog_document(load(write_catalog(tmp_path / str(mask))), AS_OF, mask)
        assert CatalogDocument.model_validate(document).model_dump(mode="json") == document


def test_schema_rejects_a_document_that_breaks_it(tmp_path):
    document = catalog_document(load(write_catalog(tmp_path)), AS_OF)
    document["platforms"][0]["free_periods"][0]["status"] = "free-forever"
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as exc:
        assert "free-forever" in exc.message
    else:
        raise AssertionError("an unknown status passed the published schema")


def test_exports_are_reproducible(tmp_path):
    catalog = load(write_catalog(tmp_path))
    for fmt in ("json", "csv", "vcard", "ical"):
        first = render_export(fmt, catalog, as_of=AS_OF)
        assert first == render_export(fmt, load(tmp_path / "data"), as_of=AS_OF), fmt
