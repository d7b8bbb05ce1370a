"""The report at the end of a run: a summary table and the links that need a maintainer, as text
for a terminal, Markdown for a pull-request comment, or JSON for tools.

URLs and details come from pull requests and from servers: control characters are shown escaped
(no terminal escape sequence reaches a maintainer's terminal) and Markdown output escapes markup,
so nothing in a URL can turn into a link, an image or a new table column.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass

from catalog.linkstate import (CLASS_LABELS, FAILING, UNVERIFIABLE, LinkClass, LinkRecord, LinkState,
                               state_key)
from catalog.problems import printable
from catalog_scrapers.linkcheck.sources import Target


@dataclass
class Row:
    target: Target
    record: LinkRecord | None
    checked_now: bool

    @property
    def link_class(self) -> str:
        return self.record.link_class if self.record else "unchecked"

    @property
    def attention(self) -> int | None:
        """Sort rank among links a maintainer should look at, or None when all is well."""
        record = self.record
        if record is None:
            return None
        if record.confirmed_dead:
            return 0
        if record.link_class in FAILING:
            return 1
        if record.link_class in UNVERIFIABLE:
            return 2
        if record.link_class == LinkClass.REDIRECTED_PERMANENT:
            return 3
        return None


@dataclass
class Report:
    rows: list[Row]
    elapsed: float
    requests: int
    interrupted: bool = False
    not_checked: int = 0  # links due for a check that the run's time budget did not reach

    @classmethod
    def build(cls, targets: list[Target], state: LinkState, checked: set[str], elapsed: float,
              requests: int, interrupted: bool = False, not_checked: int = 0) -> "Report":
        rows = [Row(t, state.lookup(t.url), state_key(t.url) in checked) for t in targets]
        return cls(rows, elapsed, requests, interrupted, not_checked)

    @property
    def dead(self) -> list[Row]:
        return [r for r in self.rows if r.record and r.record.confirmed_dead]

    def counts(self) -> Counter:
        return Counter(r.link_class for r in self.rows)

    def attention_rows(self) -> list[Row]:
        rows = [r for r in self.rows if r.attention is not None]
        return sorted(rows, key=lambda r: (r.attention, r.link_class, r.target.url))

    def summary_dict(self) -> dict:
        checked = sum(r.checked_now for r in self.rows)
        return {
            "total": len(self.rows),
            "checked": checked,
            "reused": sum(1 for r in self.rows if not r.checked_now and r.record is not None),
            "unchecked": sum(1 for r in self.rows if r.record is None),
            "confirmed_dead": len(self.dead),
            "requests": self.requests,
            "seconds": round(self.elapsed, 2),
            "interrupted": self.interrupted,
            "budget_spent": self.not_checked > 0,
            "not_checked": self.not_checked,
            "by_class": dict(sorted(self.counts().items())),
        }


plain = printable  # ``text`` on one line, control characters written as escapes (\\x1b, not ESC)


def _budget_note(report: Report) -> str:
    return (f"时间预算已用完：{report.not_checked} 个链接本次未检查，保留原有结果 "
            f"(time budget spent: {report.not_checked} links not checked this run keep their previous result)")


def _label(link_class: str) -> str:
    return CLASS_LABELS.get(link_class, "未检查")


def _row_dict(row: Row) -> dict:
    record = row.record
    data = {"url": row.target.url, "link_class": row.link_class, "label": _label(row.link_class),
            "checked_now": row.checked_now,
            "places": [{"path": p.path, "line": p.line, "entry_id": p.entry_id, "kind": p.kind}
                       for p in row.target.places]}
    if record is not None:
        data.update(record.model_dump(mode="json", exclude={"history", "url", "link_class"}))
        if record.confirmed_dead:
            data["archive_url"] = record.archive_link()
    return data


def render_json(report: Report) -> str:
    document = {"summary": report.summary_dict(), "links": [_row_dict(r) for r in report.rows]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- text --------------------------------------------------------------------------------------

def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _order(counts: Counter) -> list[str]:
    known = [c.value for c in LinkClass if counts.get(c.value)]
    return known + sorted(k for k in counts if k not in known)


def _state_note(record: LinkRecord) -> str:
    if record.consecutive_failures and record.failing_since:
        return (f"连续失败 {record.consecutive_failures} 次，始于 {record.failing_since:%Y-%m-%d} "
                f"({record.consecutive_failures} failures in a row since then)")
    return ""


def render_text(report: Report) -> str:
    counts = report.counts()
    summary = report.summary_dict()
    lines = ["链接检查结果 (link-check summary)", ""]
    rows = [(f"{_label(c)} ({c})", str(counts[c])) for c in _order(counts)]
    rows.append(("合计 (total)", str(summary["total"])))
    first = max(_width(r[0]) for r in rows)
    for name, count in rows:
        lines.append(f"  {_pad(name, first)}  {count:>6}")
    lines.append("")
    lines.append(f"本次检查 {summary['checked']} 个，沿用近期结果 {summary['reused']} 个，"
                 f"{summary['requests']} 次请求，用时 {summary['seconds']:.1f} 秒 "
                 f"(checked {summary['checked']}, reused {summary['reused']}, {summary['requests']} requests, "
                 f"{summary['seconds']:.1f} s)")
    if report.interrupted:
        lines.append("运行被中断，未检查的链接保留原有结果 (run interrupted: unchecked links keep their previous result)")
    if report.not_checked:
        lines.append(_budget_note(report))
    lines.append(f"确认失效 (confirmed dead): {summary['confirmed_dead']}")
    attention = report.attention_rows()
    if attention:
        lines += ["", "需要关注的链接 (links needing attention):"]
        for row in attention:
            record = row.record
            mark = "失效 DEAD" if record.confirmed_dead else _label(record.link_class)
            status = f" {record.status_code}" if record.status_code else ""
            lines.append(f"- [{mark}] {record.link_class}{status}  {plain(row.target.url)}")
            if record.link_class == LinkClass.REDIRECTED_PERMANENT and record.final_url:
                lines.append(f"    已迁至 (moved to): {plain(record.final_url)}")
            elif record.detail:
                lines.append(f"    {plain(record.detail)}")
            note = _state_note(record)
            if note:
                lines.append(f"    {note}")
            for place in row.target.places:
                lines.append(f"    {plain(place.render())}")
            if record.confirmed_dead:
                lines.append(f"    存档 (archived copy): {record.archive_link()}")
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md(text: str) -> str:
    """Plain text for a Markdown table cell: HTML-escaped, markup characters backslashed."""
    text = html.escape(plain(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(report: Report) -> str:
    counts = report.counts()
    summary = report.summary_dict()
    out = ["## 链接检查结果 (link-check report)", "",
           "| 类别 (class) | 数量 (count) |", "|---|---:|"]
    out += [f"| {md(_label(c))} ({md(c)}) | {counts[c]} |" for c in _order(counts)]
    out += [f"| **合计 (total)** | **{summary['total']}** |", "",
            f"本次检查 {summary['checked']} 个，沿用近期结果 {summary['reused']} 个；"
            f"确认失效 **{summary['confirmed_dead']}** 个。"
            f" (checked {summary['checked']}, reused {summary['reused']}, confirmed dead {summary['confirmed_dead']})"]
    if report.interrupted:
        out += ["", "> 运行被中断 (run interrupted)"]
    if report.not_checked:
        out += ["", f"> {md(_budget_note(report))}"]
    attention = report.attention_rows()
    if attention:
        out += ["", "### 需要关注的链接 (links needing attention)", "",
                "| 状态 (status) | 链接 (URL) | 详情 (detail) | 位置 (where) |", "|---|---|---|---|"]
        for row in attention:
            record = row.record
            mark = "**失效 (dead)**" if record.confirmed_dead else md(_label(record.link_class))
            status = f" {record.status_code}" if record.status_code else ""
            detail = (f"已迁至 (moved to) {md(record.final_url)}"
                      if record.link_class == LinkClass.REDIRECTED_PERMANENT and record.final_url
                      else md(record.detail))
            note = _state_note(record)
            if note:
                detail += f"<br>{md(note)}"
            if record.confirmed_dead:
                detail += f"<br>[存档 (archived copy)]({md(record.archive_link())})"
            where = "<br>".join(md(p.render()) for p in row.target.places)
            out.append(f"| {mark}<br>{md(record.link_class)}{status} | {md(row.target.url)} | {detail} | {where} |")
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
