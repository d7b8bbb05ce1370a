"""Extraction time follows the input's size, not its shape: long unbroken runs cost no more than prose.

Each long run (400 KB) is timed beside the same amount of ordinary notice text (a real notice repeated),
in the same test, so a busy machine slows both. Linear patterns keep the run within a few times the
prose; the quadratic patterns this guards against took 20 s for 200,000 letters (about 80 s here).
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor

SIZE = 400_000
PROSE = (Path(__file__).resolve().parent / "corpus" / "upc-ocean-2020.txt").read_text(encoding="utf-8")
RUNS = {
    "letters": lambda n: "a" * n,
    "digits": lambda n: "1" * n,
    "dots": lambda n: "." * n,
    "spaces between characters": lambda n: "中 " * (n // 2),
    "e-mail-like": lambda n: "a." * (n // 2),
    "digits in a platform item": lambda n: "1. 测试平台网址:http://www.test.cn 联系人:张三 手机:" + "1" * n,
    "letters after a URL label": lambda n: "2. 平台网址:" + "b" * n + " http://www.test.cn",
    "a list of QQ groups": lambda n: "读者可通过图书馆QQ群(" + "563945935、" * (n // 10) + ")",
    "tags before a title": lambda n: "[a] " * (n // 4) + "线上学习规划",
    "platform words before an address": lambda n: "登录" + "甲平台" * (n // 3) + "电脑端:http://a.cn",
}


def seconds(text: str, path: Path) -> float:
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    gc.collect()
    gc.disable()  # the collector's pauses depend on what other tests left behind, not on this input
    try:
        for _ in range(2):  # the better of two: a neighbour's burst is not the extractor's cost
            start = time.perf_counter()
            NoticeExtractor(read_notice(path)).extract()
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("make", RUNS.values(), ids=RUNS.keys())
def test_a_long_run_costs_about_what_the_same_size_of_prose_costs(make, tmp_path):
    run = seconds(make(SIZE), tmp_path / "run.txt")
    prose = seconds((PROSE * (SIZE // len(PROSE) + 1))[:SIZE], tmp_path / "prose.txt")
    assert run < 30, f"{SIZE // 1000} KB took {run:.1f} s"
    assert run < 5 * prose + 0.5, f"run: {run:.2f} s, prose of the same size: {prose:.2f} s"
