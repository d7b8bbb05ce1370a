"""Progress of a long run on stderr: a bar redrawn in place on a terminal, plain lines otherwise
(CI logs), nothing with ``--progress none``."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from catalog.linkstate import FAILING, WORKING

LINE_EVERY_SECONDS = 15.0
REDRAW_SECONDS = 0.1


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, mode: str = "auto"):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode if total else "none"
        self.total = total
        self.done = self.working = self.failing = self.unverifiable = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_line = self.started
        self._last_decile = 0

    def update(self, link_class: str) -> None:
        self.done += 1
        if link_class in WORKING:
            self.working += 1
        elif link_class in FAILING:
            self.failing += 1
        else:
            self.unverifiable += 1
        now = time.monotonic()
        if self.mode == "bar" and (now - self._last_draw >= REDRAW_SECONDS or self.done == self.total):
            self._last_draw = now
            self._draw_bar(now)
        elif self.mode == "lines":
            decile = self.done * 10 // self.total
            if decile > self._last_decile or now - self._last_line >= LINE_EVERY_SECONDS:
                self._last_decile, self._last_line = decile, now
                self._write_line(now)

    def _counts(self) -> str:
        return f"正常 {self.working} · 失败 {self.failing} · 无法验证 {self.unverifiable}"

    def _rate(self, now: float) -> tuple[float, str]:
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0
        return rate, _duration(left)

    def _draw_bar(self, now: float) -> None:
        rate, left = self._rate(now)
        text = (f" {self.done}/{self.total} {self.done * 100 // self.total:3d}% · {self._counts()} · "
                f"{rate:.1f}/s · 剩余 {left}")
        columns = shutil.get_terminal_size((100, 20)).columns
        width = max(10, min(40, columns - len(text) - 25))
        filled = width * self.done // self.total
        self.stream.write("\r[" + "#" * filled + "." * (width - filled) + "]" + text + "\x1b[K")
        self.stream.flush()

    def _write_line(self, now: float) -> None:
        rate, left = self._rate(now)
        self.stream.write(f"链接检查 (checked) {self.done}/{self.total} ({self.done * 100 // self.total}%)："
                          f"{self._counts()}，{rate:.1f}/s，剩余约 {left}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.mode == "bar" and self.done:
            self._draw_bar(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
