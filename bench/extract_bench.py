"""Extraction quality and speed: precision and recall per field over tests/corpus, and seconds per MB.

For each notice in tests/corpus (text, HTML, DOCX, XLSX, PDF) the extractor's findings are compared
with the notice's hand-made truth file, field by field, as sets of normalised values (traditional and
simplified characters alike, spaces and punctuation ignored, phones by their digits). Counts are
summed over the corpus (micro-averaged); "overall" sums every field.

Speed: the extractor over long unbroken runs (letters, digits, dots, spaces, and a platform item
holding a long digit run) at two sizes, seconds per MB and the ratio large/small (linear: about 1),
and over the corpus as a whole.

    .venv/bin/python bench/extract_bench.py [--corpus DIR] [--sizes 100000 400000] [--verbose] [--held-out N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import yaml
from opencc import OpenCC

from catalog.contactforms import split_extension
from catalog_scrapers.notices.document import NoticeError
from catalog_scrapers.notices.model import PLACEHOLDER
from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor, name_key, url_key

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FIELDS = ("title", "number", "issuers", "date", "platforms", "platform_urls", "persons", "units",
          "phones", "emails", "qq", "qq_groups")
NOTICE_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".xlsx", ".pdf")
_T2S = OpenCC("t2s")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def text_key(value) -> str:
    return _PUNCT.sub("", _T2S.convert(unicodedata.normalize("NFKC", str(value)))).lower()


def phone_key(value: str) -> str:
    main, _ = split_extension(str(value))
    return re.sub(r"\D", "", main)


def truth_values(truth: dict) -> dict[str, set[str]]:
    single = lambda v: {text_key(v)} if v else set()
    return {
        "title": single(truth.get("title")),
        "number": single(truth.get("number")),
        "issuers": {text_key(v) for v in truth.get("issuers") or []},
        "date": {str(truth["date"])} if truth.get("date") else set(),
        "platforms": {text_key(name_key(p["name"])) for p in truth.get("platforms") or []},
        "platform_urls": {url_key(u) for p in truth.get("platforms") or [] for u in p.get("urls", [])},
        "persons": {text_key(v) for v in truth.get("persons") or []},
        "units": {text_key(v) for v in truth.get("units") or []},
        "phones": {phone_key(v) for v in truth.get("phones") or []},
        "emails": {str(v).lower() for v in truth.get("emails") or []},
        "qq": {str(v) for v in truth.get("qq") or []},
        "qq_groups": {str(v) for v in truth.get("qq_groups") or []},
    }


def found_values(draft) -> dict[str, set[str]]:
    source = draft.source
    contacts = list(source.contacts) + [c for p in draft.platforms for c in p.contacts]
    date = source.issued or source.published
    named = [p for p in draft.platforms if p.name.value != PLACEHOLDER]
    return {
        "title": {text_key(source.title.value)} if source.title else set(),
        "number": {text_key(source.number.value)} if source.number else set(),
        "issuers": {text_key(i.value) for i in source.issuers},
        "date": {date.value.isoformat()} if date and isinstance(date.value, dt.date) else set(),
        "platforms": {text_key(name_key(p.name.value)) for p in named},
        "platform_urls": {url_key(link.url.value) for p in draft.platforms for link in p.urls if not link.label},
        "persons": {text_key(c.name.value) for c in contacts if c.name},
        "units": {text_key(c.unit.value) for c in contacts if c.unit},
        # a local number without its area code is printed for the maintainer to complete: found, flagged
        "phones": {phone_key(v.value) for c in contacts for v in c.phones + c.unsure_phones},
        "emails": {v.value.lower() for c in contacts for v in c.emails},
        "qq": {v.value for c in contacts for v in c.qq},
        "qq_groups": {v.value for c in contacts for v in c.qq_groups},
    }


def corpus_cases(corpus: Path, held_out: int | None = None):
    """(notice path, truth dict) for each notice: NAME.truth.yaml, or the truth its metadata names; with
    `held_out`, only the notices of that held-out round (their metadata's `held_out:`)."""
    for path in sorted(corpus.iterdir()):
        if path.suffix not in NOTICE_SUFFIXES or path.name.endswith(".meta.yaml"):
            continue
        truth = path.with_suffix(".truth.yaml")
        if not truth.exists():
            continue
        if held_out is not None:
            meta = path.with_suffix(".meta.yaml")
            if not meta.exists() or (yaml.safe_load(meta.read_text(encoding="utf-8")) or {}).get("held_out") != held_out:
                continue
        yield path, yaml.safe_load(truth.read_text(encoding="utf-8"))


def extract(path: Path):
    return NoticeExtractor(read_notice(path)).extract()


def score(corpus: Path, verbose: bool = False, held_out: int | None = None):
    counts = {field: Counter() for field in FIELDS}
    for path, truth in corpus_cases(corpus, held_out):
        try:
            found = found_values(extract(path))
        except NoticeError as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            found = {field: set() for field in FIELDS}
        expected = truth_values(truth)
        for field in FIELDS:
            hit = found[field] & expected[field]
            counts[field].update(tp=len(hit), found=len(found[field]), truth=len(expected[field]))
            if verbose and (found[field] - hit or expected[field] - hit):
                print(f"  {path.name} {field}: extra {sorted(found[field] - hit)} missed "
                      f"{sorted(expected[field] - hit)}")
    return counts


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def print_quality(counts) -> tuple[float, float]:
    print(f"{'field':<14}{'truth':>6}{'found':>6}{'right':>6}{'precision':>11}{'recall':>8}")
    total = Counter()
    for field, c in counts.items():
        total.update(c)
        print(f"{field:<14}{c['truth']:>6}{c['found']:>6}{c['tp']:>6}"
              f"{ratio(c['tp'], c['found']):>11.2f}{ratio(c['tp'], c['truth']):>8.2f}")
    precision, recall = ratio(total["tp"], total["found"]), ratio(total["tp"], total["truth"])
    print(f"{'overall':<14}{total['truth']:>6}{total['found']:>6}{total['tp']:>6}{precision:>11.2f}{recall:>8.2f}")
    return precision, recall


LONG_RUNS = {
    "letters": lambda n: "a" * n,
    "digits": lambda n: "1" * n,
    "dots": lambda n: "." * n,
    "spaces": lambda n: "中 " * (n // 2),
    "email-like": lambda n: "a." * (n // 2),
    "platform item": lambda n: "1. 测试平台网址:http://www.test.cn 联系人:张三 手机:" + "1" * n + "\n",
    "qq group list": lambda n: "读者可通过图书馆QQ群(" + "563945935、" * (n // 10) + ")",
    "notice text": lambda n: (_PROSE * (n // len(_PROSE) + 1))[:n],  # the peer: ordinary text, repeated
}
_PROSE = (CORPUS / "upc-ocean-2020.txt").read_text(encoding="utf-8")


def seconds_for(text: str, tmp: Path) -> float:
    path = tmp / "long.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    extract(path)
    return time.perf_counter() - start


def print_speed(sizes: list[int], corpus: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        small, large = sizes
        print(f"\n{'long run':<16}{'s/MB @' + str(small // 1000) + 'K':>12}{'s/MB @' + str(large // 1000) + 'K':>12}"
              f"{'ratio':>8}")
        for name, make in LONG_RUNS.items():
            per_mb = []
            for size in (small, large):
                text = make(size)
                per_mb.append(seconds_for(text, Path(tmp)) / (len(text.encode()) / 1e6))
            print(f"{name:<16}{per_mb[0]:>12.2f}{per_mb[1]:>12.2f}{per_mb[1] / per_mb[0]:>8.2f}")
    size = 0
    start = time.perf_counter()
    for path, _ in corpus_cases(corpus):
        size += path.stat().st_size
        try:
            extract(path)
        except NoticeError:
            pass
    elapsed = time.perf_counter() - start
    print(f"\ncorpus: {size / 1e6:.2f} MB in {elapsed:.2f} s = {elapsed / (size / 1e6):.2f} s/MB "
          f"(PDF, DOCX and XLSX files weigh more than their text)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 400_000])
    parser.add_argument("--verbose", action="store_true", help="list extra and missed values per notice")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--held-out", type=int, metavar="ROUND",
                        help="score only the notices of one held-out round (found after the rules were tuned)")
    args = parser.parse_args()
    print_quality(score(args.corpus, args.verbose, args.held_out))
    if not args.no_speed:
        print_speed(args.sizes, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
