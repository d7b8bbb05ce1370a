"""The plugin's own words on the generated pages, in Chinese and English (option `language`).

Entry text is never translated: it is shown as the source wrote it. Taxonomy terms use `name_en`
in English when the vocabulary has one.
"""

from __future__ import annotations

from types import MappingProxyType

from catalog.periods import STATUS_NAMES

# key: (Chinese, English). `{}` placeholders are filled with str.format by the caller.
_TEXTS: dict[str, tuple[str, str]] = {
    # sections and page titles
    "platforms": ("平台", "Platforms"),
    "resources": ("资源", "Resources"),
    "by_level": ("按学段", "By school level"),
    "by_discipline": ("按学科", "By discipline"),
    "by_kind": ("按类型", "By kind"),
    "by_region": ("按地区", "By region"),
    "by_theme": ("按专题", "By theme"),
    "contacts": ("联系方式", "Contacts"),
    "contacts_directory": ("联系人目录", "Contact directory"),
    "sources": ("来源", "Sources"),
    "sources_page": ("来源文件", "Source documents"),
    "catalog_page": ("目录筛选", "Filter the catalog"),
    # entry facts
    "aliases": ("别名", "Also known as"),
    "kind": ("类型", "Kind"),
    "operator": ("运营单位", "Operator"),
    "launched": ("开通日期", "Launched"),
    "levels": ("学段", "School levels"),
    "disciplines": ("学科", "Disciplines"),
    "themes": ("专题", "Themes"),
    "regions": ("地区", "Regions"),
    "on_platforms": ("所在平台", "On platforms"),
    "successor": ("后继平台", "Succeeded by"),
    "links": ("网址", "Links"),
    "offers": ("提供的内容", "What it offers"),
    "services": ("服务", "Services"),
    "count_as_of": ("截至 {}", "as of {}"),
    "as_written": ("原文：{}", "as written: {}"),
    "qualifier_more-than": ("{} 余", "more than {}"),
    "qualifier_about": ("约 {}", "about {}"),
    "qualifier_up-to": ("最多 {}", "up to {}"),
    "qualifier_exact": ("{}", "{}"),
    "free_periods": ("免费期", "Free periods"),
    "no_free_periods": ("来源未写明免费期。", "The sources give no free period."),
    "period_open_end": ("{} 起，来源未说明结束日期", "from {}, the source gives no end"),
    "period_open_ended": ("{} 起，长期免费", "from {}, with no end"),
    "period_range": ("{} 至 {}", "{} to {}"),
    "period_presumed": ("{} 至 {}（推定，来源未给结束日期）", "{} to {} (presumed: the source gives no end)"),
    "period_label": ("原文说法：{}", "as the source put it: {}"),
    "period_reading": ("读作：{}", "read as: {}"),
    "period_scope": ("适用对象：{}", "for: {}"),
    "ages_as_of": ("“距今”按 {} 计算", "ages as of {}"),
    "status_as_of": ("状态按 {} 计算", "status as of {}"),
    "statuses": ("状态", "Standing"),
    "since": ("自 {} 起", "since {}"),
    "until": ("至 {}", "until {}"),
    "platform_resources": ("本平台上的资源", "Resources on this platform"),
    "cited_sources": ("引用的来源", "Sources cited"),
    "unverified": ("本条目来自二手资料，尚未经官方来源核实。", "This entry comes from secondary material and is not yet verified against an official source."),
    "note": ("说明", "Note"),
    # link status
    "link_status": ("链接状态", "Link status"),
    "link_checked": ("{}，检查于 {}", "{}, checked {}"),
    "link_dead": ("已确认失效（自 {} 起多次检查均失败）", "confirmed dead (failing since {})"),
    "link_archive": ("存档副本", "archived copy"),
    "link_unknown": ("尚未检查", "not checked yet"),
    # contacts
    "contact_role": ("职责", "Role"),
    "contact_purpose": ("可咨询", "Ask about"),
    "phone": ("电话", "Phone"),
    "email": ("邮箱", "Email"),
    "qq": ("QQ", "QQ"),
    "qq_group": ("QQ 群", "QQ group"),
    "wechat": ("微信", "WeChat"),
    "published_age": ("发布于 {}，距今 {}", "published {}, {} ago"),
    "age_years": ("{} 年", "{} years"),
    "age_months": ("{} 个月", "{} months"),
    "age_days": ("{} 天", "{} days"),
    "contact_source": ("出处", "Source"),
    "contacts_intro": ("各平台与主管部门公布的联系方式，按负责地区和所属条目排列。联系方式会过时：请留意每条的发布时间。",
                       "Contacts published by platforms and authorities, by the region they serve and the entry they belong to. Contacts age: mind the date each was published."),
    "no_region": ("未注明地区", "No region given"),
    "masked_note": ("个人手机号已部分隐藏。", "Personal mobile numbers are partly hidden."),
    "no_contacts": ("暂无联系方式。", "No contacts yet."),
    # sources
    "source_number": ("文号", "Number"),
    "source_issuers": ("发文单位", "Issued by"),
    "source_issued": ("成文日期", "Issued"),
    "source_published": ("发布日期", "Published"),
    "source_public": ("主动公开", "Published openly"),
    "source_kind_official": ("原文", "original"),
    "source_kind_forwarding": ("转发通知", "forwarding notice"),
    "source_kind_repost": ("转载", "repost"),
    "source_kind_secondary": ("二手资料", "secondary material"),
    "source_forwards": ("转发", "Forwards"),
    "source_repost_of": ("转载自", "Reposted from"),
    "cited_by": ("引用本文件的条目", "Cited by"),
    "cited_by_none": ("暂无条目引用。", "Not cited yet."),
    "sources_intro": ("目录中每条事实都注明出处。以下是全部来源文件，以及引用它们的条目。",
                      "Every fact in the catalog names its source. These are all source documents and the entries that cite them."),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # listings
    "entry_count": ("共 {} 个条目", "{} entries"),
    "listing_intro": ("{}：{}", "{}: {}"),
    "page_of": ("第 {} 页，共 {} 页", "page {} of {}"),
    "previous_page": ("上一页", "Previous page"),
    "next_page": ("下一页", "Next page"),
    "free_now": ("免费中", "free now"),
    "no_entries": ("暂无条目。", "No entries yet."),
    "vocabulary_source": ("出处：{}", "from: {}"),
    "term_code": ("代码 {}", "code {}"),
    # home summary
    "summary_counts": ("目录收录 {} 个平台、{} 个资源、{} 份来源文件、{} 条联系方式。",
                       "The catalog holds {} platforms, {} resources, {} source documents and {} contacts."),
    "summary_age": ("所依据的文件发布于 {} 至 {}；联系方式与免费期按原文记录，可能已经过时。本站生成于 {}，免费状态按该日计算。",
                    "Its sources were issued between {} and {}; contacts and free periods are recorded as published and may be out of date. This site was built on {}, and free status is computed for that day."),
    "summary_free_now": ("生成之日仍在免费期内的条目：{} 个。", "Entries still within a free period on that day: {}."),
    "downloads": ("下载数据", "Download the data"),
    "download_json": ("完整目录（JSON）", "Whole catalog (JSON)"),
    "download_schema": ("目录数据的 JSON Schema", "JSON Schema of the catalog data"),
    "download_csv": ("条目表格（CSV）", "Entries (CSV)"),
    "download_vcard": ("联系人（vCard）", "Contacts (vCard)"),
    "download_ical": ("免费期日历（iCalendar）", "Free periods (iCalendar)"),
    # the /catalog/ filter page (plugins/catalog_page.py)
    "cc_form": ("筛选与搜索目录", "Filter and search the catalog"),
    "cc_search": ("搜索", "Search"),
    "cc_search_hint": ("名称、别名、简介，或拼音、拼音首字母，如：智慧树、zhihuishu、zhs",
                       "Name, alias, description, or pinyin and its initials, e.g. 智慧树, zhihuishu, zhs"),
    "cc_placeholder": ("输入名称或拼音", "Name or pinyin"),
    "cc_reset": ("清除全部条件", "Clear all"),
    "cc_loading": ("正在加载目录…", "Loading the catalog…"),
    "cc_count": ("共 {total} 条", "{total} entries"),
    "cc_shown": ("，显示前 {shown} 条", ", showing the first {shown}"),
    "cc_more": ("显示更多", "Show more"),
    "cc_results": ("筛选结果", "Results"),
    "cc_failed": ("目录数据加载失败，请用下方的分类目录浏览。",
                  "The catalog data could not be loaded; browse the listings below."),
    "cc_none": ("没有符合条件的条目。请减少筛选条件或换个搜索词。", "No entry matches. Remove a filter or try other words."),
    "cc_free_badge": ("正在免费", "Free now"),
    "cc_noscript": ("筛选和搜索需要启用 JavaScript。不启用时，可以从下面的分类目录找到每一个条目。",
                    "Filtering and search need JavaScript. Without it, the listings below lead to every entry."),
    "cc_browse": ("按分类浏览", "Browse by category"),
    "cc_as_of": ("免费状态按 {date} 计算", "Free status as of {date}"),
    "cc_type_platform": ("平台", "Platform"),
    "cc_type_resource": ("资源", "Resource"),
}

# Chinese status names come from catalog.periods (one wording for site and exports).
_PERIOD_STATUS_EN = {
    "upcoming": "not started",
    "active": "free now",
    "ending-soon": "ending soon",
    "ended": "ended",
    "ended-presumed": "ended (presumed)",
    "end-unknown": "end not stated",
}


def ui_strings(language: str) -> MappingProxyType:
    """All UI strings for one language, plus `status_<period status>` keys."""
    index = 0 if language == "zh" else 1
    texts = {key: pair[index] for key, pair in _TEXTS.items()}
    for status, name in STATUS_NAMES.items():
        texts[f"status_{status.value}"] = name if index == 0 else _PERIOD_STATUS_EN.get(status.value, name)
    texts["list_separator"] = "、" if index == 0 else ", "
    texts["language"] = language
    texts["colon"] = "：" if index == 0 else ": "
    return MappingProxyType(texts)
