"""`python -m catalog export`: where files go, and what happens with bad data or a bad path."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import icalendar
import jsonschema
import vobject

from catalog.exports.schema import SCHEMA_FILE
from test_exports_catalog import FACTS, write_catalog


def export(tmp_path: Path, *args: str, epoch: str = "1583020800") -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}  # 2020-03-01
    return subprocess.run([sys.executable, "-m", "catalog", "export", *args], cwd=tmp_path, env=env,
                          capture_output=True, timeout=60)


def test_single_file_formats_go_to_stdout_or_a_file(tmp_path):
    write_catalog(tmp_path)
    shown = export(tmp_path, "--format", "json", "--data-dir", "data")
    assert shown.returncode == 0, shown.stderr.decode()
    assert json.loads(shown.stdout)["generated"] == "2020-03-01"

    done = export(tmp_path, "--format", "vcard", "--data-dir", "data", "-o", "out/contacts.vcf",
                  "--mask-personal-mobiles")
    assert done.returncode == 0, done.stderr.decode()
    text = (tmp_path / "out" / "contacts.vcf").read_text(encoding="utf-8")
    assert FACTS["person_mobile_masked"] in text and FACTS["person_mobile"] not in text

    folder = tmp_path / "site-downloads"
    folder.mkdir()
    assert export(tmp_path, "--format", "ical", "--data-dir", "data", "-o", str(folder)).returncode == 0
    assert (folder / "free-periods.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_csv_goes_to_a_folder_or_a_zip_never_to_stdout(tmp_path):
    write_catalog(tmp_path)
    refused = export(tmp_path, "--format", "csv", "--data-dir", "data")
    assert refused.returncode == 1 and refused.stdout == b""
    assert "-o" in refused.stderr.decode()

    assert export(tmp_path, "--format", "csv", "--data-dir", "data", "-o", "sheets").returncode == 0
    assert sorted(p.name for p in (tmp_path / "sheets").iterdir()) == \
        ["contacts.csv", "free-periods.csv", "platforms.csv", "resources.csv", "sources.csv"]

    assert export(tmp_path, "--format", "csv", "--data-dir", "data", "-o", "sheets.zip").returncode == 0
    with zipfile.ZipFile(tmp_path / "sheets.zip") as archive:
        data = archive.read("contacts.csv")
    assert data == (tmp_path / "sheets" / "contacts.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert FACTS["person_name"] in {row["姓名"] for row in rows}


def test_invalid_data_reports_file_and_line_and_writes_nothing(tmp_path):
    data = write_catalog(tmp_path)
    entry = data / "platforms" / "icourse163.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("kind: mooc-platform", "kind: no-such-kind"),
                     encoding="utf-8")
    line = entry.read_text(encoding="utf-8").splitlines().index("kind: no-such-kind") + 1
    target = tmp_path / "catalog.json"
    target.write_text("previous export", encoding="utf-8")
    failed = export(tmp_path, "--format", "json", "--data-dir", "data", "-o", "catalog.json")
    assert failed.returncode == 1
    message = failed.stderr.decode()
    assert f"data/platforms/icourse163.yaml:{line}: " in message
    assert "Traceback" not in message
    assert target.read_text(encoding="utf-8") == "previous export"  # the last good export stays


def test_a_bad_build_date_or_output_path_is_a_message_not_a_traceback(tmp_path):
    write_catalog(tmp_path)
    bad_date = export(tmp_path, "--format", "json", "--data-dir", "data", epoch="yesterday")
    assert bad_date.returncode == 1 and "SOURCE_DATE_EPOCH" in bad_date.stderr.decode()
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    blocked = export(tmp_path, "--format", "json", "--data-dir", "data", "-o", "blocker/catalog.json")
    assert blocked.returncode == 1
    assert "blocker" in blocked.stderr.decode() and "Traceback" not in blocked.stderr.decode()


def test_the_real_catalog_exports_in_every_format(tmp_path):
    """Smoke test over catalog/data: every format is written and parses."""
    for fmt in ("json", "vcard", "ical"):
        done = subprocess.run([sys.executable, "-m", "catalog", "export", "--format", fmt, "-o", str(tmp_path)],
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
    document = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert document["platforms"], "the real catalog has platforms"
    published = sum(len(e["contacts"]) for kind in ("sources", "platforms", "resources") for e in document[kind])
    cards = list(vobject.readComponents((tmp_path / "contacts.vcf").read_text(encoding="utf-8")))
    assert len(cards) == published > 0
    calendar = icalendar.Calendar.from_ical((tmp_path / "free-periods.ics").read_bytes())
    periods = [p for e in document["platforms"] + document["resources"] for p in e["free_periods"]]
    assert len(calendar.walk("VEVENT")) == len(periods) + sum(1 for p in periods if p["end"])
