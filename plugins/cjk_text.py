"""Chinese text without stray spaces.

A line break inside a Chinese sentence (a Markdown paragraph wrapped in the editor, a folded YAML
`>-` block) becomes a space when rendered: "免费提供， 以及". Chinese has no spaces between words,
so whitespace between two CJK characters or CJK punctuation is removed: in entry text on the
generated pages (`join_cjk`, the templates' finalize step) and in the site's Markdown pages
(`CjkLineJoin`, a Markdown extension that joins such lines before parsing). A space between a CJK
character and a Latin letter or digit ("3300 余门") is kept: the data writes it on purpose.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# CJK punctuation, kana, ideographs, compatibility ideographs, full-width forms, and the quotes,
# dash and ellipsis Chinese text shares with English.
CJK_CHARS = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN = re.compile(f"(?<=[{CJK_CHARS}])\\s+(?=[{CJK_CHARS}])")
_CJK = re.compile(f"[{CJK_CHARS}]")


def join_cjk(text: str) -> str:
    """'免费提供， 以及' -> '免费提供，以及'; other spacing stays."""
    return _SPACE_BETWEEN.sub("", text)


def finalize(value):
    """Jinja's finalize step: plain text loses its stray spaces; HTML built by the renderer is kept."""
    if type(value) is str and ("\n" in value or " " in value):
        return join_cjk(value)
    return value


def _joins(line: str, following: str) -> bool:
    stripped = line.rstrip()
    if not stripped or line.endswith("  ") or not _CJK.match(stripped[-1]):
        return False
    if stripped.lstrip().startswith(("#", "|")):  # a heading or table row ends at its line
        return False
    indent = len(following) - len(following.lstrip(" "))
    rest = following.lstrip(" ")
    return indent < 4 and bool(rest) and bool(_CJK.match(rest[0]))


def join_cjk_lines(lines: list[str]) -> list[str]:
    """Join a line that ends in a CJK character with a next line that starts with one."""
    out: list[str] = []
    for line in lines:
        if out and _joins(out[-1], line):
            out[-1] = out[-1].rstrip() + line.lstrip(" ")
        else:
            out.append(line)
    return out


class _JoinLines(Preprocessor):
    def run(self, lines):
        return join_cjk_lines(lines)


class CjkLineJoin(Extension):
    """Markdown extension: wrapped Chinese lines are joined without a space (code blocks are left alone:
    it runs after the fenced-code preprocessor has set them aside)."""

    def extendMarkdown(self, md):
        md.preprocessors.register(_JoinLines(md), "cjk_line_join", 15)

