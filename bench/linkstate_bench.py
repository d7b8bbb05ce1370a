"""Memory and time of reading link-state files, against plain `json.loads` of the same bytes (the peer:
what any reader must at least pay), each in a fresh process so that peak memory is the case's own.

Cases: a realistic file (2 KB a URL), files near the size limit shaped to cost the most (one URL
with a huge history; many tiny records), and a 136 MB file (refused before it is read).

Run:  .venv/bin/python bench/linkstate_bench.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from catalog.linkstate import MAX_STATE_BYTES

ITEM = {"checked_at": "2026-11-29T21:57:00Z", "link_class": "ok", "status_code": 200, "elapsed_ms": 123}
RECORD = {"link_class": "ok", "first_seen": "2026-11-29T21:57:00Z", "last_checked": "2026-11-29T21:57:00Z"}

PROBE = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
if sys.argv[2] == "ours":
    from catalog.linkstate import LinkStateError, read_state
    try:
        read_state(Path(sys.argv[1]))
        outcome = "read"
    except LinkStateError:
        outcome = "refused"
else:
    json.loads(Path(sys.argv[1]).read_bytes())
    outcome = "parsed"
print(outcome, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def realistic(urls: int) -> dict:
    return {"version": 1, "records": {f"https://site{n}.example.cn/": {**RECORD, "url": f"https://site{n}.example.cn/",
                                                                      "history": [ITEM] * 20} for n in range(urls)}}


def one_long_history(size: int) -> dict:
    count = size // (len(json.dumps(ITEM)) + 2)
    return {"records": {"https://a.example.cn/": {**RECORD, "url": "https://a.example.cn/", "history": [ITEM] * count}}}


def many_tiny_records(size: int) -> dict:
    count = size // (len(json.dumps({**RECORD, "url": ""})) + 16)
    return {"records": {str(n): {**RECORD, "url": ""} for n in range(count)}}


def measure(path: Path, who: str) -> tuple[str, float, float]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(path), who], capture_output=True, text=True, check=True)
    outcome, seconds, peak = done.stdout.split()
    return outcome, float(seconds), float(peak)


CASES = {
    "realistic, 300 URLs": lambda: realistic(300),
    "one URL, huge history": lambda: one_long_history(MAX_STATE_BYTES - 4096),
    "many tiny records": lambda: many_tiny_records(MAX_STATE_BYTES - 4096),
    "136 MB of history": lambda: one_long_history(136 * 2**20),
}


def main() -> None:
    if sys.argv[1:2] == ["--write"]:  # in its own process: the measuring parent stays small
        Path(sys.argv[3]).write_text(json.dumps(CASES[sys.argv[2]]()), encoding="utf-8")
        return
    print(f"{'case':24} {'MB':>6}  {'ours':>8} {'s':>6} {'peak MB':>8}  {'json.loads':>10} {'s':>6} {'peak MB':>8}"
          f"  {'peak ratio':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name in CASES:
            path = Path(folder) / "links.json"
            subprocess.run([sys.executable, __file__, "--write", name, str(path)], check=True)
            ours = measure(path, "ours")
            peer = measure(path, "json")
            print(f"{name:24} {path.stat().st_size / 2**20:6.1f}  {ours[0]:>8} {ours[1]:6.2f} {ours[2]:8.0f}  "
                  f"{peer[0]:>10} {peer[1]:6.2f} {peer[2]:8.0f}  {ours[2] / peer[2]:10.2f}")


if __name__ == "__main__":
    main()
