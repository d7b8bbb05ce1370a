"""`python -m catalog extract NOTICE [--source ID] [--data-dir DIR] [-o FILE]`: print draft entries."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from catalog.atomic import write_text_atomic
from catalog.models import ID_PATTERN
from catalog.problems import printable
from catalog_scrapers.notices.document import NoticeError
from catalog_scrapers.notices.readers import read_notice


def run(args) -> int:
    from catalog.loader import load_catalog

    source = getattr(args, "source", None)
    if source is not None and not re.fullmatch(ID_PATTERN, source):  # it is written into the draft as is
        print(f"--source: “{printable(source)}”不是 id：只能用小写字母、数字和连字符 (not an id: a-z, 0-9 and -)",
              file=sys.stderr)
        return 2
    try:
        notice = read_notice(Path(args.notice))
    except NoticeError as exc:
        print(printable(exc), file=sys.stderr)  # the file's name may hold line breaks
        return 1
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"{data_dir}: 数据目录不存在 (data folder not found)", file=sys.stderr)
        return 1
    loaded = load_catalog(data_dir)
    if loaded.problems:
        print(f"注意：目录数据有 {len(loaded.problems)} 个问题，与已有条目的比对可能不全 "
              f"(warning: the catalog has {len(loaded.problems)} problems; matching may miss entries)",
              file=sys.stderr)
    from catalog_scrapers.notices.draft.build import build_draft

    text, summary = build_draft(notice, loaded.catalog, getattr(args, "source", None))
    output = getattr(args, "output", None)
    if output:
        try:
            write_text_atomic(Path(output), text)
        except OSError as exc:
            print(f"{output}: 无法写入 (cannot write): {exc.strerror}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    print(f"草稿：{len(summary.new)} 个新条目，{len(summary.updates)} 个更新 "
          f"(draft: {len(summary.new)} new, {len(summary.updates)} updates)", file=sys.stderr)
    return 0
