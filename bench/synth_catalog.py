"""A synthetic but valid catalog data folder of N resource entries, for benchmarks.

Contract (part A's build benchmark and part B's catalog-page benchmark both use it):

    write_catalog(out_dir, n_resources, seed=0) -> Path

writes `out_dir/{taxonomy,sources,platforms,resources}/`: the real taxonomy files copied from
catalog/data/taxonomy, a handful of sources, PLATFORM_COUNT platforms and `n_resources` resources
with realistic Chinese names and descriptions, levels with matching disciplines, kinds, regions and
free periods (ended, active, upcoming, open-ended). Same seed -> byte-identical files. The folder
passes `python -m catalog validate OUT_DIR`. Existing entry folders in out_dir are replaced.

Command line: python bench/synth_catalog.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

from catalog.names import name_key

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY_DIR = ROOT / "catalog" / "data" / "taxonomy"

PLATFORM_NAMES = [
    ("中国大学MOOC", ["爱课程", "icourse163"], "mooc-platform"),
    ("学堂在线", ["XuetangX"], "mooc-platform"),
    ("智慧树", ["知到"], "mooc-platform"),
    ("好大学在线", ["CNMOOC"], "mooc-platform"),
    ("优课联盟", ["UOOC"], "mooc-platform"),
    ("华文慕课", [], "mooc-platform"),
    ("超星尔雅", ["学银在线"], "mooc-platform"),
    ("人卫慕课", [], "mooc-platform"),
    ("融优学堂", [], "mooc-platform"),
    ("国家虚拟仿真实验教学课程共享平台", ["实验空间", "ilab-x"], "virtual-lab-platform"),
    ("雨课堂", [], "teaching-tool"),
    ("腾讯课堂", [], "teaching-tool"),
    ("钉钉在线课堂", ["钉钉"], "teaching-tool"),
    ("国家中小学网络云平台", ["中小学云平台"], "resource-platform"),
    ("中国教育电视台", ["CETV"], "tv-channel"),
    ("人教点读", ["人教数字教材"], "e-textbook-library"),
    ("职教云", ["智慧职教"], "mooc-platform"),
    ("高校邦", [], "mooc-platform"),
    ("学习通", [], "teaching-tool"),
    ("之江汇教育广场", [], "resource-platform"),
]

UNIVERSITIES = [
    "北京大学", "清华大学", "复旦大学", "浙江大学", "南京大学", "武汉大学", "中山大学", "四川大学",
    "吉林大学", "山东大学", "厦门大学", "同济大学", "西安交通大学", "哈尔滨工业大学", "华中科技大学",
    "郑州大学", "河南大学", "兰州大学", "重庆大学", "湖南大学", "东南大学", "天津大学", "南开大学",
    "深圳职业技术学院", "金华职业技术学院", "无锡职业技术学院", "河南工业职业技术学院", "北京师范大学",
    "华东师范大学", "陕西师范大学", "东北师范大学", "中国农业大学", "北京协和医学院", "中央美术学院",
]

# Course names by discipline id; levels follow from the discipline's vocabulary.
COURSES = {
    "ug-01": ["马克思主义哲学原理", "中国哲学史", "逻辑学导论", "伦理学"],
    "ug-02": ["微观经济学", "宏观经济学", "计量经济学", "国际金融", "公司财务"],
    "ug-03": ["民法总论", "刑法学", "宪法学", "国际法", "社会学概论"],
    "ug-04": ["教育学原理", "教育心理学", "学前教育概论", "体育保健学"],
    "ug-05": ["古代汉语", "现代汉语", "中国古代文学", "大学英语", "新闻学概论"],
    "ug-06": ["中国古代史", "世界近代史", "考古学通论"],
    "ug-07": ["高等数学", "线性代数", "概率论与数理统计", "大学物理", "有机化学", "细胞生物学", "普通天文学"],
    "ug-08": ["电路原理", "数据结构", "机械设计基础", "材料力学", "土木工程施工", "操作系统", "自动控制原理"],
    "ug-09": ["作物栽培学", "动物营养学", "植物保护学"],
    "ug-10": ["人体解剖学", "生理学", "病理学", "内科学", "药理学", "中医基础理论"],
    "ug-12": ["管理学原理", "会计学", "市场营销", "运筹学", "人力资源管理"],
    "ug-13": ["音乐鉴赏", "美术概论", "设计素描", "影视艺术欣赏"],
    "voc21-46": ["数控加工技术", "机械制图", "液压与气动技术"],
    "voc21-50": ["汽车构造", "城市轨道交通运营管理"],
    "voc21-51": ["计算机网络技术", "Python程序设计", "Web前端开发", "单片机应用技术"],
    "voc21-52": ["护理学基础", "药物制剂技术", "康复治疗技术"],
    "voc21-53": ["基础会计", "电子商务实务", "物流管理"],
    "voc21-54": ["导游业务", "酒店服务与管理"],
    "voc21-44": ["建筑工程测量", "建筑识图与构造"],
    "k12-chinese": ["语文", "古诗文诵读", "整本书阅读"],
    "k12-math": ["数学", "几何初步", "函数与方程"],
    "k12-foreign-language": ["英语", "英语听说"],
    "k12-physics": ["物理", "力学实验"],
    "k12-chemistry": ["化学", "化学实验"],
    "k12-biology": ["生物学"],
    "k12-history": ["历史"],
    "k12-geography": ["地理"],
    "k12-arts": ["音乐", "美术"],
    "k12-pe-health": ["体育与健康"],
}

K12_GRADES = {"primary": ["一年级", "三年级", "五年级", "六年级"], "junior": ["七年级", "八年级", "九年级"],
              "senior": ["高一", "高二", "高三"]}

LEVEL_NAMES = {"primary": "小学", "junior": "初中", "senior": "高中", "undergraduate": "本科",
               "secondary-vocational": "中职", "higher-vocational": "高职"}

RESOURCE_KINDS = [("course", 70), ("course-collection", 8), ("virtual-lab-collection", 6),
                  ("resource-library", 6), ("video-collection", 6), ("live-programme", 4)]

REGIONS = ["national"] * 8 + ["henan", "beijing", "shanghai", "guangdong", "sichuan", "zhejiang", "hubei"]

FORMS = ["视频讲授", "随堂测验", "讨论区答疑", "在线作业", "期末考试", "虚拟仿真实验", "直播互动", "课件下载"]

SOURCES = [
    ("moe-2020-2", "教育部应对新型冠状病毒感染肺炎疫情做好普通高等学校在线教学组织与管理工作的指导意见",
     "教高厅〔2020〕2号", "2020-02-04"),
    ("moe-2020-basic-3", "教育部办公厅 工业和信息化部办公厅关于中小学延期开学期间“停课不停学”有关工作安排的通知",
     "教基厅函〔2020〕3号", "2020-02-12"),
    ("moe-2020-voc", "关于职业院校利用信息化手段开展“停课不停学”工作的通知", "教职成厅函〔2020〕4号", "2020-02-10"),
    ("henan-2020", "河南省教育厅关于做好疫情防控期间高校在线教学工作的通知", None, "2020-02-06"),
]

# (start, end, label): ended, active, open-ended and upcoming as of any date from 2025 to 2027.
PERIODS = [
    ("2020-02-01", "2020-07-31", "2020年春季学期"),
    ("2020-02-03", None, "疫情防控期间"),
    ("2020-02-10", "2030-12-31", "长期免费"),
    ("2031-09-01", "2032-01-31", "2031年秋季学期"),
]


def _period(start: str, end: str | None, label: str, source: str) -> str:
    # An emergency label without an end needs a presumed end and its reading (catalog/periods.py).
    reading = "" if end else f", presumed_end: 2023-01-07, reading: {_q('按疫情防控期间的通行读法推定')}"
    return f"{{start: {start}, end: {end or 'null'}, label: {_q(label)}{reading}, sources: [{source}]}}"


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid YAML and escape everything that needs it."""
    return json.dumps(text, ensure_ascii=False)


def _list(items) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _sources(folder: Path) -> None:
    for source_id, title, number, issued in SOURCES:
        lines = [f"title: {_q(title)}"]
        if number:
            lines.append(f"number: {_q(number)}")
        lines += ["issuers: [教育部办公厅]", f"issued: {issued}",
                  f"urls: [\"https://www.moe.example/srcsite/{source_id}.html\"]", "public: true"]
        _write(folder / f"{source_id}.yaml", "\n".join(lines) + "\n")


def _basis(kind: str, levels: list[str], disciplines: list[str], regions: list[str], source: str) -> list[str]:
    """Every value's provenance: stated by the entry's source, except national, which a rule infers."""
    stated = f"{{source: {source}, quote: {_q('原文')}}}"
    lines = ["basis:", f"  kind: {stated}"]
    for field, values in (("levels", levels), ("disciplines", disciplines), ("regions", regions)):
        lines.append(f"  {field}:")
        lines += [f"    {value}: {{rule: national-platform}}" if value == "national" else f"    {value}: {stated}"
                  for value in values]
    return lines


def _platform_ids() -> list[str]:
    return [f"platform-{i:02d}" for i in range(len(PLATFORM_NAMES))]


def _platforms(folder: Path, rng: random.Random) -> None:
    all_disciplines = sorted(COURSES)
    for platform_id, (name, aliases, kind) in zip(_platform_ids(), PLATFORM_NAMES):
        levels = ["undergraduate", "higher-vocational"] if kind != "resource-platform" else ["primary", "junior"]
        disciplines = rng.sample(all_disciplines, 5)
        start, end, label = PERIODS[rng.randrange(len(PERIODS))]
        lines = [
            f"name: {_q(name)}", f"aliases: {_list(aliases)}", f"kind: {kind}",
            f"operator: {_q(rng.choice(UNIVERSITIES) + '在线教育中心')}",
            f"urls: [\"https://{platform_id}.example/\"]",
            f"levels: {_list(levels)}", f"disciplines: {_list(disciplines)}", "regions: [national]",
            f"description: {_q(f'{name}面向全国高校免费开放在线课程与教学服务，提供{rng.choice(FORMS)}和{rng.choice(FORMS)}。')}",
            "free_periods:",
            f"  - {_period(start, end, label, 'moe-2020-2')}",
            *_basis(kind, levels, disciplines, ["national"], "moe-2020-2"),
            "sources: [moe-2020-2]",
        ]
        _write(folder / f"{platform_id}.yaml", "\n".join(lines) + "\n")


def _levels_for(discipline: str, rng: random.Random) -> list[str]:
    if discipline.startswith("ug-"):
        return ["undergraduate"]
    if discipline.startswith("voc21-"):
        return rng.choice([["higher-vocational"], ["secondary-vocational", "higher-vocational"]])
    return rng.choice([["primary"], ["junior"], ["senior"], ["junior", "senior"]])


def _resource(index: int, rng: random.Random, platform_ids: list[str], kinds: list[str], weights: list[int],
              names_seen: set[str]):
    discipline = rng.choice(sorted(COURSES))
    levels = _levels_for(discipline, rng)
    course = rng.choice(COURSES[discipline])
    kind = rng.choices(kinds, weights)[0]
    platform_id = rng.choice(platform_ids)
    platform_name = PLATFORM_NAMES[platform_ids.index(platform_id)][0]
    if discipline.startswith("k12-"):
        grade = rng.choice(K12_GRADES[levels[0]])
        name = f"{grade}{course}" + rng.choice(["同步课堂", "空中课堂", "名师讲堂", ""])
        school = rng.choice(["北京四中", "人大附中", "华师大二附中", "郑州外国语学校", "成都七中", "深圳中学"])
        aliases = [f"{school}{course}"]
    else:
        school = rng.choice(UNIVERSITIES)
        suffix = {"course": "", "course-collection": "课程群", "virtual-lab-collection": "虚拟仿真实验",
                  "resource-library": "专业教学资源库", "video-collection": "示范课例", "live-programme": "直播讲座"}[kind]
        name = f"{course}{suffix}（{school}）"
        aliases = [f"{school}{course}"] if rng.random() < 0.5 else []
    description = (f"{school}在{platform_name}开设的{course}{'' if kind == 'course' else '资源'}，"
                   f"共{rng.randint(8, 64)}讲，含{'、'.join(rng.sample(FORMS, 3))}，"
                   f"适合{'、'.join(LEVEL_NAMES[level] for level in levels)}阶段学习，疫情期间免费向师生开放。")
    region = rng.choice(REGIONS)
    source = "henan-2020" if region == "henan" else (
        "moe-2020-basic-3" if discipline.startswith("k12-") else
        "moe-2020-voc" if discipline.startswith("voc21-") else "moe-2020-2")
    lines = [
        f"name: {_q(name)}", f"aliases: {_list(aliases)}", f"kind: {kind}", f"platforms: [{platform_id}]",
        f"urls: [\"https://{platform_id}.example/course/r{index:06d}\"]",
        f"levels: {_list(levels)}", f"disciplines: [{discipline}]", f"regions: [{region}]",
        f"description: {_q(description)}",
    ]
    if rng.random() < 0.85:
        start, end, label = PERIODS[rng.randrange(len(PERIODS))]
        lines += ["free_periods:", f"  - {_period(start, end, label, source)}"]
    lines += _basis(kind, levels, [discipline], [region], source)
    keys = {name_key(n) for n in (name, *aliases)}
    if keys & names_seen:  # different courses of one school and subject share a short name
        lines.append(f"same_name: {_q('同校同科的不同课程')}")
    names_seen |= keys
    lines.append(f"sources: [{source}]")
    return "\n".join(lines) + "\n"


def write_catalog(out_dir, n_resources: int, seed: int = 0) -> Path:
    """Write a valid synthetic catalog of `n_resources` resources into `out_dir`; return it."""
    out = Path(out_dir)
    rng = random.Random(seed)
    for folder in ("taxonomy", "sources", "platforms", "resources"):
        shutil.rmtree(out / folder, ignore_errors=True)
    shutil.copytree(TAXONOMY_DIR, out / "taxonomy")
    for folder in ("sources", "platforms", "resources"):
        (out / folder).mkdir(parents=True)
    _sources(out / "sources")
    _platforms(out / "platforms", rng)
    platform_ids = _platform_ids()
    kinds = [k for k, _ in RESOURCE_KINDS]
    weights = [w for _, w in RESOURCE_KINDS]
    names_seen: set[str] = set()
    for index in range(n_resources):
        _write(out / "resources" / f"r{index:06d}.yaml",
               _resource(index, rng, platform_ids, kinds, weights, names_seen))
    return out


PLATFORM_COUNT = len(PLATFORM_NAMES)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="写一个合成的目录数据文件夹 (write a synthetic catalog data folder)")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int, help="资源条目数 (number of resource entries)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_catalog(args.out_dir, args.n, args.seed)
    print(f"已写入 (written): {args.out_dir} ({args.n} resources, {PLATFORM_COUNT} platforms, {len(SOURCES)} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
