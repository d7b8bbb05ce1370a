"""Command line: `python -m catalog` / `course-catalog`.

This is the composition root: the only module in `catalog/` allowed to import the outer layers
(`scrapers`, `plugins`), and only lazily, inside the command that needs them. Each command has one
function that declares its arguments and one that runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path



# --- validate ---------------------------------------------------------------------------------

def _add_validate(sub) -> None:
    p = sub.add_parser("validate", help="校验全部条目 (load and check every entry)")
    p.add_argument("data_dir", nargs="?", type=Path,
                   help="数据目录 (data folder); 默认为当前项目的 (default: the current project's)")
    p.add_argument("--format", choices=["text", "github"], default="text",
                   help="github: 以 GitHub Actions 注释输出，在拉取请求的文件行上显示 "
                        "(print problems as GitHub Actions annotations)")
    p.set_defaults(run=_run_validate)


def _run_validate(args) -> int:
    from catalog.loader import load_catalog

    result = load_catalog(args.data_dir)
    for problem in result.problems:
        print(problem.render_github() if args.format == "github" else problem.render(), file=sys.stderr)
    if result.problems:
        print(f"校验失败：{len(result.problems)} 个问题 (validation failed: {len(result.problems)} problems)",
              file=sys.stderr)
        return 1
    print(result.catalog.summary())
    return 0


# --- schema -----------------------------------------------------------------------------------

def _add_schema(sub) -> None:
    from catalog.schema import SCHEMA_KINDS

    p = sub.add_parser("schema", help="输出条目文件的 JSON Schema (print the JSON Schema of entry files)")
    p.add_argument("kind", nargs="?", choices=SCHEMA_KINDS,
                   help="只输出这一类 (only this kind); 缺省输出全部 (default: all, keyed by kind)")
    p.add_argument("-o", "--output-dir", type=Path,
                   help="把每类写成 DIR/KIND.schema.json (write DIR/KIND.schema.json for each kind)")
    p.set_defaults(run=_run_schema)


def _run_schema(args) -> int:
    from catalog.schema import run_schema_command

    return run_schema_command(args.kind, args.output_dir)


# --- new --------------------------------------------------------------------------------------

def _add_new(sub) -> None:
    from catalog.templates import TEMPLATE_KINDS

    p = sub.add_parser("new", help="从模板新建条目文件 (write a new entry file from a template)")
    p.add_argument("kind", choices=TEMPLATE_KINDS)
    p.add_argument("id", help="条目 id = 文件名 (entry id = file name): 小写字母、数字和连字符")
    p.add_argument("--data-dir", type=Path)
    p.set_defaults(run=_run_new)


def _run_new(args) -> int:
    from catalog.templates import write_new_entry

    return write_new_entry(args.kind, args.id, args.data_dir)


# --- init -------------------------------------------------------------------------------------

def _add_init(sub) -> None:
    p = sub.add_parser("init", help="新建一个使用本插件的目录项目 (start a new catalog project)")
    p.add_argument("directory", type=Path, help="新项目的文件夹，须为空或不存在 (an empty or new folder)")
    p.set_defaults(run=_run_init)


def _run_init(args) -> int:
    from catalog.scaffold import write_project

    return write_project(args.directory)


# --- check-links (scrapers/) --------------------------------------------------------------------

def _add_check_links(sub) -> None:
    p = sub.add_parser("check-links", help="检查链接是否可用 (check whether links still work)")
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--urls", type=Path, help="纯文本 URL 列表，每行一个，# 为注释 (plain URL list)")
    p.add_argument("--state", type=Path, help="链接状态文件 (link-state JSON file)")
    p.add_argument("--allow-address", action="append", default=[], metavar="CIDR",
                   help="允许访问的地址段，可重复 (address range to allow; repeatable)")
    p.add_argument("--changed-only", metavar="BASE_REF",
                   help="只检查相对 git 引用新增或改动的链接 (only URLs a change adds or modifies)")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="YAML 设置文件，可按主机覆盖 (YAML settings, with per-host overrides)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="报告格式 (report format)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="报告写入文件 (write the report to FILE)")
    p.add_argument("--progress", choices=["auto", "bar", "lines", "none"], default="auto",
                   help="stderr 上的进度显示 (progress on stderr)")
    tuning = p.add_argument_group("检查参数 (tuning; override the config file)")
    tuning.add_argument("--budget", metavar="DURATION",
                        help="整个运行的时间预算，如 40m；用完即保存结果并正常退出，其余链接留待下次 "
                             "(total time for the run; when spent, save and exit cleanly)")
    tuning.add_argument("--history", type=int, metavar="N", help="每个链接保留的结果条数 (results kept per URL)")
    tuning.add_argument("--max-age", metavar="DURATION",
                        help="沿用多久以内的成功结果，如 7d；0 为全部重查 (reuse successes younger than this)")
    tuning.add_argument("--dead-after", type=int, metavar="N", help="连续失败 N 次 (dead after N failures in a row)")
    tuning.add_argument("--dead-days", type=float, metavar="D", help="且跨度至少 D 天才算失效 (spanning D days)")
    tuning.add_argument("--concurrency", type=int, metavar="N", help="同时进行的请求总数 (requests in flight)")
    tuning.add_argument("--per-host", type=int, metavar="N", help="每个主机同时的请求数 (per-host concurrency)")
    tuning.add_argument("--interval", metavar="DURATION", help="同一主机两次请求的最小间隔 (per-host interval)")
    tuning.add_argument("--connect-timeout", metavar="DURATION")
    tuning.add_argument("--read-timeout", metavar="DURATION")
    tuning.add_argument("--deadline", metavar="DURATION", help="每次尝试的总时限 (total time per attempt)")
    tuning.add_argument("--retries", type=int, metavar="N")
    tuning.add_argument("--backoff", metavar="DURATION", help="首次重试前的等待 (first retry delay)")
    tuning.add_argument("--max-retry-after", metavar="DURATION", help="最多遵从的 Retry-After (Retry-After cap)")
    tuning.add_argument("--max-redirects", type=int, metavar="N")
    tuning.add_argument("--max-body", type=int, metavar="BYTES", help="GET 最多读取的字节数 (body bytes read)")
    tuning.add_argument("--ca-bundle", metavar="FILE", help="受信任的根证书 PEM 文件 (trusted CA certificates)")
    p.set_defaults(run=_run_check_links)


def _run_check_links(args) -> int:
    from catalog_scrapers.linkcheck.cli import run

    return run(args)


# --- extract (scrapers/) ------------------------------------------------------------------------

def _add_extract(sub) -> None:
    p = sub.add_parser("extract", help="从通知中提取条目草稿 (draft entries from an official notice)")
    p.add_argument("notice", type=Path, help="通知文件：纯文本、HTML、DOCX、XLSX 或 PDF (notice as text, HTML, DOCX, XLSX or PDF)")
    p.add_argument("--source", help="通知对应的来源 id (source id the notice is filed under)")
    p.add_argument("--data-dir", type=Path)
    p.add_argument("-o", "--output", type=Path, help="草稿写入此文件 (write the draft here); 缺省为标准输出")
    p.set_defaults(run=_run_extract)


def _run_extract(args) -> int:
    from catalog_scrapers.notices.cli import run

    return run(args)


# --- export -----------------------------------------------------------------------------------

def _add_export(sub) -> None:
    p = sub.add_parser("export", help="导出目录数据 (write the catalog in another format)")
    p.add_argument("--format", required=True, choices=["json", "csv", "vcard", "ical"])
    p.add_argument("-o", "--output", type=Path,
                   help="输出文件、文件夹或 .zip (output file, folder or .zip); 缺省为标准输出，csv 必须指定")
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--mask-personal-mobiles", action="store_true",
                   help="隐藏个人手机号中间四位，如 159****6289 (mask personal mobile numbers)")
    p.set_defaults(run=_run_export)


def _run_export(args) -> int:
    from catalog.exports.command import run

    return run(args)


# --- entry point ------------------------------------------------------------------------------

COMMANDS = (_add_validate, _add_check_links, _add_extract, _add_export, _add_new, _add_schema, _add_init)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course-catalog",
        description="课程资源目录的命令行工具 (Course Catalog command line)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("course-catalog")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _in_project(args) -> None:
    """Paths not given on the command line are the current project's, never the installed package's."""
    from catalog.project import find_project

    args.project = find_project()
    if getattr(args, "data_dir", False) is None:
        args.data_dir = args.project.data_dir
    if getattr(args, "state", False) is None:
        args.state = args.project.link_state


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _in_project(args)
        return args.run(args)
    except KeyboardInterrupt:
        print("已中断 (interrupted)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 141
    except OSError as exc:  # the disk or the pipe, not the program: a full disk is no internal error
        from catalog.problems import printable

        where = f"{printable(exc.filename)}: " if exc.filename else ""
        print(f"{where}读写失败，输出不完整 (input/output error; the output is incomplete): "
              f"{printable(exc.strerror or exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the promise is: never a traceback, whatever the input
        if os.environ.get("COURSE_CATALOG_DEBUG"):
            raise
        from catalog.problems import printable

        print(f"内部错误，请报告此问题 (internal error, please report): {type(exc).__name__}: {printable(exc)}",
              file=sys.stderr)
        return 2
