"""The extractor on the corpus of real notices (tests/corpus): the issue's bar, per field and overall.

Scored as bench/extract_bench.py scores it (the same code): precision at least 0.9 and recall at least
0.8 overall, and no field below 0.7.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from extract_bench import CORPUS, corpus_cases, ratio, score  # noqa: E402


@pytest.fixture(scope="module")
def counts():
    return score(CORPUS)


def test_the_corpus_has_ten_notices_and_every_form():
    paths = [path for path, _ in corpus_cases(CORPUS)]
    assert len([p for p in paths if p.suffix == ".txt"]) >= 10
    assert {p.suffix for p in paths} >= {".txt", ".html", ".docx", ".xlsx", ".pdf"}


def test_overall_precision_and_recall(counts):
    tp = sum(c["tp"] for c in counts.values())
    assert ratio(tp, sum(c["found"] for c in counts.values())) >= 0.9
    assert ratio(tp, sum(c["truth"] for c in counts.values())) >= 0.8


def test_no_field_below_the_bar(counts):
    low = {field: (round(ratio(c["tp"], c["found"]), 2), round(ratio(c["tp"], c["truth"]), 2))
           for field, c in counts.items()
           if ratio(c["tp"], c["found"]) < 0.7 or ratio(c["tp"], c["truth"]) < 0.7}
    assert not low
