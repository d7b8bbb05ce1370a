"""`python -m catalog export --format json|csv|vcard|ical [-o PATH] [--mask-personal-mobiles]`.

Where the files go:
- no -o: the one file of json, vcard or ical to standard output; csv has several files, so it needs -o.
- -o FOLDER (an existing folder, or any path ending in / or without a suffix for csv): every file
  inside it, under its own name (catalog.json, contacts.vcf, free-periods.ics, *.csv).
- -o FILE.zip: every file of the format in one zip archive.
- -o FILE: the one file of json, vcard or ical.
Every file is written to a temporary file beside it and renamed into place: never half-written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from catalog.atomic import write_bytes_atomic
from catalog.exports import render_export, zip_files
from catalog.loader import load_catalog
from catalog.periods import as_of_date


def run(args) -> int:
    try:
        as_of = as_of_date()
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    result = load_catalog(args.data_dir)
    if result.problems:
        for problem in result.problems:
            print(problem.render(), file=sys.stderr)
        print(f"校验失败，未导出：{len(result.problems)} 个问题 "
              f"(validation failed, nothing exported: {len(result.problems)} problems)", file=sys.stderr)
        return 1
    files = render_export(args.format, result.catalog, as_of=as_of,
                          mask_personal_mobiles=args.mask_personal_mobiles)
    try:
        return _write(files, args.output, args.format, as_of)
    except OSError as exc:
        print(f"{exc.filename or args.output or '标准输出 (standard output)'}: 无法写入 (cannot write): "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1


def _write(files: dict[str, bytes], output: Path | None, fmt: str, as_of) -> int:
    if output is None:
        if len(files) > 1:
            print(f"{fmt} 导出有多个文件，请用 -o 指定文件夹或 .zip 文件 "
                  f"({fmt} export has several files: give -o FOLDER or -o FILE.zip)", file=sys.stderr)
            return 1
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
        return 0
    if output.suffix.lower() == ".zip":
        written = {output: zip_files(files, as_of)}
    elif output.is_dir() or len(files) > 1:
        written = {output / name: data for name, data in files.items()}
    else:
        written = {output: next(iter(files.values()))}
    for target, data in written.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, data)
        print(f"已写入 (written): {target}", file=sys.stderr)
    return 0
