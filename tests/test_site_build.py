"""The site as a reader gets it: real `mkdocs build` runs over small catalogs made for these tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.linkstate import LinkRecord, LinkState, state_key, write_state
from conftest import CatalogDir

AS_OF_EPOCH = "1677628800"  # 2023-03-01 00:00 UTC
AS_OF = dt.datetime(2023, 3, 1, tzinfo=dt.timezone.utc)
XSS = "<img src=x onerror=alert(1)>"

MKDOCS_YML = """\
site_name: 课程资源目录
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；]+'
  - course-catalog:
      data_dir: data
      link_state: state/links.json
      mask_personal_mobiles: {mask}
      language: {language}
"""

HOME = """\
# 课程资源目录

<!-- course-catalog:summary -->

<!-- course-catalog:downloads -->
"""

PLATFORM = """\
name: 智慧树
aliases: [知到]
kind: mooc-platform
operator: 上海卓越睿新数码科技有限公司
urls:
  - {url: "https://www.zhihuishu.com", label: 平台网址}
  - https://dead.example.cn/old
  - https://www.zhihuishu.com/courses/a-very-long-address-that-a-phone-screen-must-wrap/0123456789abcdefghijklmnopqrstuvwxyz
levels: [undergraduate]
disciplines: [ug-07]
regions: [national]
description: 在线课程平台，提供 **免费** 课程。
counts:
  - {what: 在线课程, value: 3300, qualifier: more-than, as_written: 3300 余门, as_of: 2020-02-01, sources: [moe-2020-2]}
free_periods:
  - {start: 2020-02-01, end: 2020-07-31, label: 2020年春季学期, sources: [moe-2020-2]}
  - {start: 2023-01-01, end: 2023-12-31, scope: 全国高校, sources: [moe-2020-2]}
  - {start: 2023-02-01, end: 2023-03-10, sources: [moe-2020-2]}
  - {start: 2023-06-01, sources: [moe-2020-2]}
  - {start: 2022-06-01, sources: [moe-2020-2]}
  - {start: 2022-07-01, open_ended: true, sources: [moe-2020-2]}
contacts:
  - name: 李海明
    role: 河南省业务负责人
    regions: [henan]
    phones: ["13939909533"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
  - unit: 智慧树客服中心
    regions: [henan]
    phones: ["400-8980-910"]
    emails: [service@zhihuishu.com]
    qq_groups: ["123456789"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
  - name: 王撤回
    person: true
    phones: ["13900000001"]
    as_of: 2020-02-01
    sources: [moe-2020-2]
    withdrawn: {requested: 2022-01-01}
sources: [moe-2020-2]
"""

RESOURCE = """\
name: 国家精品在线开放课程
kind: course-collection
platforms: [zhihuishu]
urls: [https://www.icourse163.org/national]
levels: [undergraduate, higher-vocational]
disciplines: [ug-08, voc21-51]
regions: [national]
description: 1291 门课程
sources: [moe-2020-2]
"""

HOSTILE = f"""\
name: "{XSS}"
aliases: ["<script>alert(2)</script>"]
kind: course
urls: ["https://hostile.example.org/x?a=1&b=2"]
levels: [senior]
disciplines: []
regions: [henan]
description: "**not bold** [link](javascript:alert(3)) </title><script>alert(4)</script>"
contacts:
  - unit: "<b>unit</b>"
    regions: [henan]
    emails: [a@example.cn]
    as_of: 2022-02-01
    sources: [moe-2020-2]
sources: [moe-2020-2]
"""


def make_project(root: Path, mask: bool = True, language: str = "zh", extra: dict[str, str] | None = None) -> Path:
    data = CatalogDir(root / "data")
    data.write("platforms/zhihuishu.yaml", PLATFORM)
    data.write("resources/national-courses.yaml", RESOURCE)
    data.write("resources/hostile.yaml", HOSTILE)
    for relative, text in (extra or {}).items():
        data.write(relative, text)
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(mask=str(mask).lower(), language=language), encoding="utf-8")
    write_link_state(root / "state" / "links.json")
    return root


def write_link_state(path: Path) -> None:
    def record(url, link_class, dead=False, last_ok=None):
        return LinkRecord(url=url, link_class=link_class, first_seen=AS_OF, last_checked=AS_OF,
                          last_ok=last_ok, failing_since=AS_OF if dead else None, confirmed_dead=dead)

    records = [record("https://www.zhihuishu.com", "ok"),
               record("https://dead.example.cn/old", "not-found", dead=True,
                      last_ok=dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc))]
    write_state(path, LinkState(records={state_key(r.url): r for r in records}))


def build(project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, env=environ, cwd=project,
                          timeout=240)


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page body (without the theme's header, navigation and footer)."""
    return html[html.index("<article"):html.index("</article>")]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("site") / "project")


@pytest.fixture(scope="module")
def site(project) -> Path:
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


# --- pages exist and lead to every entry -----------------------------------------------------

def test_entry_pages_show_what_the_entry_says(site):
    page = article(read(site, "platforms/zhihuishu/index.html"))
    assert "<h1" in page and "智慧树" in page and "知到" in page
    assert "上海卓越睿新数码科技有限公司" in page
    assert '<a href="../../levels/undergraduate/">本科</a>' in page
    assert '<a href="../../disciplines/ug-07/">理学</a>' in page
    assert "3300 余" in page and "截至 2020-02-01" in page and "3300 余门" in page
    resource = article(read(site, "resources/national-courses/index.html"))
    assert '<a href="../../platforms/zhihuishu/">智慧树</a>' in resource
    # the platform lists the resources on it
    assert '<a href="../../resources/national-courses/">国家精品在线开放课程</a>' in page


def test_listing_pages_lead_to_every_entry_without_javascript(site):
    pages = {
        "levels/undergraduate/index.html": ["platforms/zhihuishu/", "resources/national-courses/"],
        "levels/senior/index.html": ["resources/hostile/"],
        "disciplines/voc21-51/index.html": ["resources/national-courses/"],
        "kinds/course-collection/index.html": ["resources/national-courses/"],
        "kinds/mooc-platform/index.html": ["platforms/zhihuishu/"],
        "regions/national/index.html": ["platforms/zhihuishu/", "resources/national-courses/"],
        "regions/henan/index.html": ["resources/hostile/"],
    }
    for page, targets in pages.items():
        body = article(read(site, page))
        for target in targets:
            assert f'href="../../{target}"' in body, (page, target)
    levels = article(read(site, "levels/index.html"))
    assert 'href="../levels/undergraduate/"' in levels or 'href="undergraduate/"' in levels or \
        '"../levels/undergraduate/"' in levels or "undergraduate/" in levels
    disciplines = article(read(site, "disciplines/index.html"))
    assert "ug-08/" in disciplines and "voc21-51/" in disciplines
    # every entry page is reachable from some listing page
    linked = set()
    for listing in list(site.glob("kinds/*/index.html")):
        linked.update(re.findall(r'href="\.\./\.\./((?:platforms|resources)/[^/"]+)/"', read(site, str(listing.relative_to(site)))))
    built = {str(p.parent.relative_to(site)) for p in site.glob("*/*/index.html")
             if p.parts[-3] in ("platforms", "resources")}
    assert built and built <= linked


def test_navigation_keeps_sections_and_leaves_out_entry_pages(site):
    html = read(site, "index.html")
    nav = html[html.index('md-nav--primary'):html.index('class="md-content"')]
    assert "levels/" in nav and "contacts/" in nav and "catalog/" in nav
    assert "platforms/zhihuishu/" not in nav and "resources/" not in nav and "levels/undergraduate/" not in nav


def test_free_periods_show_their_status_on_the_build_date(site):
    page = article(read(site, "platforms/zhihuishu/index.html"))
    assert "状态按 2023-03-01 计算" in page
    periods = page[page.index('id="free-periods"'):]
    statuses = re.findall(r'ccp-status-([a-z-]+)">([^<]+)</span>', periods)
    assert statuses == [("ended", "已结束"), ("active", "免费中"), ("ending-soon", "即将结束"),
                        ("upcoming", "尚未开始"), ("end-unknown", "结束日期未说明"), ("active", "免费中")]
    assert "2022-06-01 起，来源未说明结束日期" in page and "2022-07-01 起，长期免费" in page
    assert "适用对象：全国高校" in page


def test_contacts_directory_by_region_with_dial_and_mail_links_and_age(site):
    page = article(read(site, "contacts/index.html"))
    henan = page[page.index('id="region-henan"'):]
    assert "智慧树" in henan and "李海明" in henan
    assert '<a href="tel:+86-4008980910">400-8980-910</a>' in page
    assert '<a href="mailto:service@zhihuishu.com">service@zhihuishu.com</a>' in page
    assert "QQ 群：123456789" in page
    assert "发布于 2020-02-01，距今 3 年" in page
    assert "发布于 2022-02-01，距今 1 年" in page
    assert 'href="../sources/moe-2020-2/"' in page
    # a withdrawn person is nowhere on the site
    for path in html_files(site):
        assert "王撤回" not in path.read_text(encoding="utf-8"), path
        assert "13900000001" not in path.read_text(encoding="utf-8"), path


def test_a_region_page_points_a_school_to_the_national_entries(site):
    henan = article(read(site, "regions/henan/index.html"))
    pointer = henan[henan.index('class="ccp-wide-region"'):]
    assert '<a href="../../regions/national/">全国 · 2 个条目</a>' in pointer
    assert henan.index('class="ccp-wide-region"') < henan.index('id="contacts"')  # before a long contact list
    assert "联系人目录" not in pointer  # Henan has contacts of its own, listed below
    assert "ccp-wide-region" not in article(read(site, "regions/national/index.html"))


def test_personal_mobiles_are_masked_by_default(site):
    page = article(read(site, "platforms/zhihuishu/index.html"))
    assert "139****9533" in page and "13939909533" not in page
    assert "tel:139" not in page  # a masked number is not dialable


def test_sources_page_lists_each_notice_and_what_cites_it(site):
    overview = article(read(site, "sources/index.html"))
    assert "教高厅〔2020〕2号" in overview and "共 3 个条目" in overview
    detail = article(read(site, "sources/moe-2020-2/index.html"))
    for target in ("platforms/zhihuishu/", "resources/national-courses/", "resources/hostile/"):
        assert f'href="../../{target}"' in detail


def test_link_status_and_archive_copy_of_a_dead_link(site):
    page = article(read(site, "platforms/zhihuishu/index.html"))
    assert "正常，检查于 2023-03-01" in page
    assert "已确认失效" in page
    assert 'href="https://web.archive.org/web/20210501000000/https://dead.example.cn/old"' in page
    assert 'class="ccp-dead">https://dead.example.cn/old</a>' in page


def test_home_page_says_how_old_the_facts_are_and_links_the_data(site):
    page = article(read(site, "index.html"))
    assert "1 个平台、2 个资源、1 份来源文件" in page
    assert "2020-02-04 至 2020-02-04" in page and "本站生成于 2023-03-01" in page
    for path in ("catalog.json", "downloads/resources.csv", "downloads/contacts.vcf", "downloads/free-periods.ics"):
        assert f'href="{path}"' in page
        assert (site / path).stat().st_size > 0


def test_catalog_json_holds_the_whole_catalog(site):
    document = json.loads(read(site, "catalog.json"))
    text = json.dumps(document, ensure_ascii=False)
    assert "zhihuishu" in text and "national-courses" in text and "moe-2020-2" in text
    assert "王撤回" not in text


def test_catalog_page_and_its_data_are_built(site):
    page = read(site, "catalog/index.html")
    assert 'id="cc-catalog"' in page
    assert (site / "catalog" / "facets.json").is_file()
    assert (site / "assets" / "catalog" / "catalog.js").is_file()


# --- escaping ----------------------------------------------------------------------------------

def test_entry_text_is_shown_as_text_never_as_markup(site):
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert "<img src=x" not in html, path
        assert "<script>alert" not in html, path
        assert "<b>unit</b>" not in html, path
        assert "javascript:alert" not in re.sub(r"\[link\]\(javascript:alert\(3\)\)", "", html), path
    page = read(site, "resources/hostile/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in article(page)
    assert "<title>&lt;img src=x onerror=alert(1)&gt; - 课程资源目录</title>" in page
    assert "**not bold** [link](javascript:alert(3)) &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in page
    assert "<strong>not bold</strong>" not in page
    assert 'href="https://hostile.example.org/x?a=1&amp;b=2"' in page
    listing = read(site, "levels/senior/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;</a>" in listing
    contacts = read(site, "contacts/index.html")
    assert "&lt;b&gt;unit&lt;/b&gt;" in contacts


def test_search_index_leaves_entries_to_the_catalog_worker_and_escapes_page_text(site):
    raw = read(site, "search/search_index.json")
    assert "教育部" in raw and "\\u6559" not in raw  # stored as UTF-8, half the size of \uXXXX escapes
    assert "\u200b" not in raw  # jieba's marks served lunr only; the worker matches text as written
    index = json.loads(raw)
    # entries are searched from the facet index; their pages and later listing pages stay out of this one
    assert not any(doc["location"].startswith(("platforms/zhihuishu/", "resources/")) for doc in index["docs"])
    assert not any("/page-" in doc["location"] for doc in index["docs"])
    assert index["config"]["catalog_index"] == "../../catalog/facets.json"  # from assets/catalog/
    assert (site / "assets" / "catalog" / "search-worker.js").is_file()
    assert (site / "assets" / "catalog" / "search-core.js").is_file()
    # the listing that shows the hostile entry keeps its name escaped, and no listing repeats entry names
    assert XSS not in raw
    assert not any(doc["location"].startswith("levels/undergraduate/") and "智慧树" in doc["text"]
                   for doc in index["docs"])


def test_every_page_searches_with_the_catalog_worker(site):
    for path in [*html_files(site), site / "404.html"]:
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                           path.read_text(encoding="utf-8"), re.S)
        assert config, path
        worker = json.loads(config.group(1))["search"]
        assert worker.endswith("assets/catalog/search-worker.js"), (path, worker)


# --- offline, reproducible ----------------------------------------------------------------------

def test_pages_load_nothing_from_other_hosts(site):
    loaded = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]+)"')
    for path in html_files(site):
        for url in loaded.findall(path.read_text(encoding="utf-8")):
            assert not re.match(r"^(?:https?:)?//", url), (path, url)
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_two_builds_of_the_same_inputs_are_byte_identical(project, site, tmp_path):
    again = tmp_path / "again"
    result = build(project, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


# --- options -----------------------------------------------------------------------------------

def test_unmasked_english_site(tmp_path):
    hebei_courses = RESOURCE.replace("national", "hebei").replace("国家精品", "河北省精品")
    project = make_project(tmp_path / "project", mask=False, language="en",
                           extra={"resources/hebei-courses.yaml": hebei_courses})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = article(read(tmp_path / "site", "platforms/zhihuishu/index.html"))
    assert '<a href="tel:+86-13939909533">13939909533</a>' in page
    assert "Free periods" in page and "status as of 2023-03-01" in page
    assert '>Undergraduate</a>' in page
    # a region no notice gives contacts for: the school there is sent to the national entries' contacts
    hebei = article(read(tmp_path / "site", "regions/hebei/index.html"))
    pointer = hebei[hebei.index('class="ccp-wide-region"'):]
    assert '<a href="../../regions/national/">National · 2 entries</a>' in pointer
    assert '<a href="../../contacts/">Contact directory</a>' in pointer


# --- a bad entry stops the build and leaves the last good site -----------------------------------

def test_bad_entry_fails_the_build_with_file_and_line_and_keeps_the_old_site(tmp_path):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

    (project / "data" / "resources" / "broken.yaml").write_text(
        "name: 坏条目\nkind: course\nlevels: [no-such-level]\nsources: [moe-2020-2]\n", encoding="utf-8")
    result = build(project, site)
    assert result.returncode != 0
    assert re.search(r"resources/broken\.yaml:3: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    assert after == before
