"""The recognisers on the ways real notices write things: labels, scripts, dates, numbers, addresses."""

from __future__ import annotations

import datetime as dt

from catalog_scrapers.notices.readers import read_notice
from catalog_scrapers.notices.recognise.platforms import NoticeExtractor

PLATFORMS = """关于推荐在线教学平台的通知
各高校：
1.甲课堂平台网址为http://www.jia-mooc.cn，联系人：王明，电话：（0371）65905189。
2.乙在线平台，网站：https://www.yi-online.cn/ 联系人李华 13912345678
3.丙学堂平台（登录地址：http://bing.edu.cn），QQ群：123456789
4.操作说明参照网页：https://help.example.cn/guide
5.丁慕课平台网址是 http://www.ding.com.cn ；技术支持 张强 0371-6969 1767 ，邮箱 ding@ding.com.cn
河南省教育厅
2020年2月3日
"""


def extract(tmp_path, text: str, name: str = "notice.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return NoticeExtractor(read_notice(path)).extract()


def people(platform):
    return [(c.name.value if c.name else None, sorted(v.value for v in c.values())) for c in platform.contacts]


def test_the_words_that_introduce_an_address_are_no_names(tmp_path):
    draft = extract(tmp_path, PLATFORMS)
    assert {p.name.value: [link.url.value for link in p.urls] for p in draft.platforms} == {
        "甲课堂": ["http://www.jia-mooc.cn"], "乙在线": ["https://www.yi-online.cn/"],
        "丙学堂": ["http://bing.edu.cn"], "丁慕课": ["http://www.ding.com.cn"]}
    assert [link.url.value for link in draft.links] == ["https://help.example.cn/guide"]  # a how-to page


def test_each_platform_keeps_its_own_people_and_numbers_in_any_form(tmp_path):
    platforms = {p.name.value: p for p in extract(tmp_path, PLATFORMS).platforms}
    assert people(platforms["甲课堂"]) == [("王明", ["(0371)65905189"])]
    assert people(platforms["乙在线"]) == [("李华", ["13912345678"])]
    assert people(platforms["丁慕课"]) == [("张强", ["0371-6969 1767", "ding@ding.com.cn"])]


TRADITIONAL = """教育部辦公廳 工業(yè)和信息化部辦公廳關(guān)于中小學(xué)延期開學(xué)期間有關(guān)工作安排的通知
教基廳函〔2020〕3號
各省、自治區(qū)、直轄市教育廳(教委):
一、國(guó)家中小學網絡雲平臺(tái)網址:http://www.eduyun.cn;聯繫人:王明,電話:010-66096925,電子信箱:wangming@moe.edu.cn。
"""


def test_traditional_labels_and_pinyin_glosses(tmp_path):
    draft = extract(tmp_path, TRADITIONAL)
    # spaces between characters are layout; the issuers before 关于 are still told apart by them
    assert draft.source.title.value == "教育部辦公廳工業和信息化部辦公廳關于中小學延期開學期間有關工作安排的通知"
    assert draft.source.number.value == "教基廳函〔2020〕3號"  # as published
    assert [i.value for i in draft.source.issuers] == ["教育部辦公廳", "工業和信息化部辦公廳"]
    (platform,) = draft.platforms
    assert platform.name.value == "國家中小學網絡雲平臺"  # glosses removed, characters as published
    assert people(platform) == [("王明", ["010-66096925", "wangming@moe.edu.cn"])]


def test_dates_in_every_calendar_and_numbers_of_every_issuer(tmp_path):
    letter = ("彰化縣政府 函\n承辦人:鄭瑩慈\n電話:(04)7531861\n發文日期:中華民國110年5月26日\n"
              "發文字號:府教學字第1100190414號\n主旨:有關學生居家線上學習一案,請查照。\n說明:依據臺教國署國字第1100065124號函辦理。\n")
    draft = extract(tmp_path, letter)
    assert draft.source.issued.value == dt.date(2021, 5, 26)
    assert draft.source.number.value == "府教學字第1100190414號"
    assert draft.source.title.value == "有關學生居家線上學習一案,請查照。"
    assert [i.value for i in draft.source.issuers] == ["彰化縣政府"]
    signed = extract(tmp_path, "豫政办发[2020]3号\n各市:\n现将有关事项通知如下，请遵照执行。\n\n海洋学院\n\n2020-02-06\n")
    assert signed.source.number.value == "豫政办发[2020]3号"
    assert signed.source.issued.value == dt.date(2020, 2, 6)
    assert [i.value for i in signed.source.issuers] == ["海洋学院"]


def test_a_cut_off_or_glued_address_is_flagged(tmp_path):
    draft = extract(tmp_path, "1.甲课堂平台网址:http://www.jia-mooc.cn2020年2月\n2.乙课堂平台网址:http://www.yi.cn/a?b=")
    flagged = {link.url.value: link.url.unsure for p in draft.platforms for link in p.urls}
    assert all(flagged.values()) and "不完整" in next(iter(flagged.values()))
    clean = extract(tmp_path, "1.甲课堂平台网址:http://www.jia-mooc.cn ,联系人:王明\n")
    assert [link.url.unsure for p in clean.platforms for link in p.urls] == [None]


def test_a_title_keeps_its_line_and_the_addressees_theirs(tmp_path):
    text = ("关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知\n各高等学校：\n"
            "为贯彻落实习近平总书记关于坚决打赢疫情防控阻击战的重要指示精神，现就有关事项通知如下。\n")
    assert extract(tmp_path, text).source.title.value == "关于做好疫情防控期间普通高等学校在线教学组织与管理工作的通知"


BRACKETS = """關於推薦線上教學平臺的通知
各高校：
一、智慧樹平臺（網址：www.zhihuishu.com），聯繫人：李海明（13939909533）、卓翠翠（13383858740）。
二、可登錄「學堂在線」（https://www.xuetangx.com）選課，客服電話：400-8980-910。
附件：平台使用指南（见https://help.example.cn）
"""


def test_names_before_bracketed_addresses_and_people_with_bracketed_numbers(tmp_path):
    draft = extract(tmp_path, BRACKETS)
    platforms = {p.name.value: p for p in draft.platforms}
    assert set(platforms) == {"智慧樹", "學堂在線"}  # as published, in traditional characters
    assert people(platforms["智慧樹"]) == [("李海明", ["13939909533"]), ("卓翠翠", ["13383858740"])]
    assert [link.url.value for link in platforms["學堂在線"].urls] == ["https://www.xuetangx.com"]
    assert [link.url.value for link in draft.links] == ["https://help.example.cn"]


# --- behaviour found on held-out notices (tests/corpus, added after the recognisers were tuned) -----------


def test_a_cited_document_number_is_not_the_notices_own(tmp_path):
    # harbin-adjust-2020 and hnit-wgyxy-2020: the only 文号 in the text belongs to a document the notice cites
    cited = ("根据教育部、省教育厅“停课不停学、停课不停教”的工作要求和我校《新型冠状病毒感染肺炎疫情防控期间教学工作应急预案》"
             "(哈院发[2020]2号)总体安排,现就2020年春季学期延期开学期间教学工作调整通知如下:\n"
             "现根据我省《关于做好新型冠状病毒感染的肺炎疫情防控期间本科学校本专科教学工作的通知》(湘教通〔2020〕20 号)要求\n")
    assert extract(tmp_path, cited).source.number is None
    own = "豫教疫防办〔2020〕21号\n各高校:\n" + cited
    assert extract(tmp_path, own).source.number.value == "豫教疫防办〔2020〕21号"


def test_a_title_behind_a_sites_tag_and_list_lines_that_are_no_titles(tmp_path):
    # kinmen-keic-tc-2021: a tag before the title; 贰、 opens a section; kt2009: a label and its value
    page = ("網站訪問人數:236735\n\n[110.05.18 教育部公布停課] 因應疫情停課居家線上學習規劃\n\n"
            "發布日期 : 2021-05-18\n\n壹、原則\n\n一、  因應國內疫情警戒升級,為降低群聚感染之風險,維護學校師生健康及學習權益,"
            "自110年5月19日(三)起至5月28日(五)止,全國各級學校及公私立幼兒園停止到校上課。\n\n貳、縣市政府與學校端措施\n")
    draft = extract(tmp_path, page)
    assert draft.source.title.value == "因應疫情停課居家線上學習規劃"
    assert (draft.source.issued or draft.source.published).value == dt.date(2021, 5, 18)
    assert extract(tmp_path, "壹、原則\n\n貳、縣市政府與學校端措施\n").source.title is None
    assert extract(tmp_path, "各系:\n二、線下實體課堂\n考試時間:授課教師安排\n").source.title is None


def test_a_numbered_announcement_names_its_issuer_in_its_title(tmp_path):
    # seu-cxxy-notice1-2020: no 关于, a series number after 通告, and no signature
    text = ("东南大学成贤学院新冠肺炎疫情防控暨应急处置工作领导小组通告(第1号)\n\n2020-04-22 02:54\n\n全体师生员工:\n\n"
            "为贯彻落实党中央、教育部、江苏省关于新冠肺炎防控工作的部署要求,积极做好疫情防控工作,学校决定2020年春季学期延期开学。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "东南大学成贤学院新冠肺炎疫情防控暨应急处置工作领导小组通告(第1号)"
    assert [i.value for i in source.issuers] == ["东南大学成贤学院新冠肺炎疫情防控暨应急处置工作领导小组"]


def test_a_letter_signed_without_a_date_names_its_issuer(tmp_path):
    # ntu-cool-tc-2022: 教務處   敬上 closes the Chinese part; no date stands under it
    text = "請老師善用數位教學平台。\n\n\n\n教務處   敬上\n\n\nDear NTU community members,\n"
    assert [i.value for i in extract(tmp_path, text).source.issuers] == ["教務處"]


def test_the_office_an_address_is_sent_to_is_a_unit_not_a_role(tmp_path):
    # harbin-adjust-2020: the words before the office say what to do; 学籍科 is an office
    text = "4.休学到期计划复学的学生,可通过电子邮件申请复学。邮件发送至教务处学籍科(jwcxjk211@163.com)。\n"
    (contact,) = extract(tmp_path, text).source.contacts
    assert (contact.unit.value, contact.role, [e.value for e in contact.emails]) == (
        "教务处学籍科", None, ["jwcxjk211@163.com"])


def test_a_platform_named_before_its_address_for_computers(tmp_path):
    # gist-mooc-2021: a bracketed short name after the platform's; 电脑用户 is who logs in, not a platform
    text = ("(1)选修《机械装配技术(中国大学MOOC)》的学生,登录中国大学MOOC(慕课)网址:https://www.icourse163.org/,并按照须知操作;\n"
            "(2)选修其它公选课的学生登录超星平台进行学习,电脑用户登录网址:gist.fanya.chaoxing.com,手机用户使用APP:超星学习通。\n")
    draft = extract(tmp_path, text)
    assert {p.name.value: [link.url.value for link in p.urls] for p in draft.platforms} == {
        "中国大学MOOC": ["https://www.icourse163.org/"], "超星": ["gist.fanya.chaoxing.com"]}
    assert draft.links == []


def test_a_platform_named_in_the_quoted_heading_above_its_address(tmp_path):
    # kt2009-elective-tc-2022: the address stands under 电脑端: two headings below the platform's name
    text = ("三、“智慧樹”平臺網絡課程\n(一)學習平臺網址\n1.電腦端:https://www.zhihuishu.com/\n"
            "2.手機端APP:智慧樹學生端APP—知到\n四、“超星”平臺網絡課程\n(一)學習平臺網址\n"
            "1.電腦端:楚課聯盟(http://www.chucoonline.com/)\n")
    draft = extract(tmp_path, text)
    assert {p.name.value: [link.url.value for link in p.urls] for p in draft.platforms} == {
        "智慧樹": ["https://www.zhihuishu.com/"], "楚課聯盟": ["http://www.chucoonline.com/"]}
    (zhihuishu, _) = draft.platforms
    assert zhihuishu.name.unsure  # read from the heading: the draft says so


def test_a_request_before_a_platforms_name_is_no_part_of_it(tmp_path):
    # ntu-cool-tc-2022: 请老师善用…平台(网址); the links to pages inside it are labelled, not new platforms
    text = ("四、請老師善用NTU COOL數位教學平台(https://cool.ntu.edu.tw/login/portal),該平台已建有「課程數位化百寶箱」"
            "(https://cool.ntu.edu.tw/courses/20) 及「數位TA訓練課程」(https://cool.ntu.edu.tw/courses/1838)。\n")
    (platform,) = extract(tmp_path, text).platforms
    assert platform.name.value == "NTU COOL數位教學"
    assert [(link.url.value, bool(link.label)) for link in platform.urls] == [
        ("https://cool.ntu.edu.tw/login/portal", False), ("https://cool.ntu.edu.tw/courses/20", True),
        ("https://cool.ntu.edu.tw/courses/1838", True)]


def test_a_links_label_keeps_the_characters_as_published(tmp_path):
    # ntu-cool-tc-2022: labels were read on the folded text and printed in simplified characters
    text = "四、請老師善用NTU COOL數位教學平台(https://cool.ntu.edu.tw/login/portal),該平台已建有「課程數位化百寶箱」(https://cool.ntu.edu.tw/courses/20)。\n"
    (platform,) = extract(tmp_path, text).platforms
    assert [link.label for link in platform.urls] == [None, "該平台已建有「課程數位化百寶箱」"]


# --- second held-out round -------------------------------------------------------------------------------


def test_a_list_of_qq_groups_in_brackets_and_a_local_number_after_its_label(tmp_path):
    # hezeu-library-2020: five groups after one label, then a number without its area code
    text = ("六、参考咨询服务\n读者可通过图书馆QQ群(563945935、832423972、180896876、749526477、862903077)"
            "或电话5668850咨询。\n")
    (contact,) = extract(tmp_path, text).source.contacts
    assert contact.unit.value == "图书馆"
    assert [q.value for q in contact.qq_groups] == ["563945935", "832423972", "180896876", "749526477", "862903077"]
    assert [p.value for p in contact.unsure_phones] == ["5668850"] and contact.phones == []  # area code to add


def test_a_letters_title_names_who_writes_it(tmp_path):
    # liaocheng-letter-2020: no 关于 and no signature in the stored text
    text = ("聊城高新区教育局就延迟开学有关事宜致学生和家长的一封信\n尊敬的家长、亲爱的同学们、小朋友们:\n"
            "为加强新型冠状病毒感染的肺炎疫情防控工作,有效减少人员聚集,确保广大师生生命安全和身体健康。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "聊城高新区教育局就延迟开学有关事宜致学生和家长的一封信"
    assert [i.value for i in source.issuers] == ["聊城高新区教育局"]


# --- third held-out round --------------------------------------------------------------------------------

GLOSSED = """(2)人工修改:若發現上網密(mi)碼有(you)問題,請及(ji)時攜(xie)帶有(you)效證(zheng)件(jian)到教育技術與信息中(zhong)心辦理。服務地(di)址及(ji)電話:
東校(xiao)區:厚德樓(原行政樓)316室,電話26731205(校(xiao)內3205)
西校(xiao)區:德(de)業樓315室,電話26019256(校(xiao)內8256)
(3)校內學生公寓上網由中國電信負責運維,學生可自行申請。服務電話:88860615、88860633 申請地點:東校區行政樓負一樓。
"""


def test_toneless_glosses_rooms_and_extensions_are_no_contacts(tmp_path):
    # campus-network-tc-glossed: glosses without tone marks inside words; a room is where to go, not an
    # office; (校内3205) remarks on the number before it; 服务电话: is a label, not a purpose
    contacts = extract(tmp_path, GLOSSED).source.contacts
    value = lambda found: found.value if found else None
    # the office each item sends people to is named earlier in its sentence (到…辦理, 由…負責運維)
    assert [(value(c.role), value(c.unit), value(c.purpose), [p.value for p in c.unsure_phones]) for c in contacts] == [
        ("東校區", "教育技術與信息中心", "服務地址及電話", ["26731205"]), ("西校區", "教育技術與信息中心", None, ["26019256"]),
        (None, "中國電信", None, ["88860615", "88860633"])]
    assert all(c.unit.unsure for c in contacts)  # read from the sentence, for the maintainer to confirm


def test_a_lone_bracketed_syllable_after_a_word_is_no_gloss(tmp_path):
    lone = tmp_path / "lone.txt"
    lone.write_text("附表(a)与附表(b)见后。\n", encoding="utf-8")
    assert "附表(a)与附表(b)" in read_notice(lone).text  # two are no glossed page
    glossed = tmp_path / "glossed.txt"
    glossed.write_text("德(de)業樓、教(jiao)學樓北(bei)303室\n", encoding="utf-8")
    assert read_notice(glossed).text.startswith("德業樓、教學樓北303室")


def test_a_pages_posting_line_gives_the_date_even_when_long(tmp_path):
    # yangtzeu-online-2022: the line with 更新时间:【…】 is longer than a body line's threshold
    text = ("关于近期在线教学管理工作的提示\n\n信息来源:【 】 更新时间:【2022-02-23 10:09:02】 阅读:【】次\n\n各学院(部)、广大教师:\n\n"
            "根据学校新冠肺炎防控指挥部通告(2022年第2号)精神,荆州校区全部调整为线上教学,现就在线教学管理工作提示如下:\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "关于近期在线教学管理工作的提示"
    assert (source.issued or source.published).value == dt.date(2022, 2, 23)


# --- fourth held-out round -------------------------------------------------------------------------------


def test_a_headline_above_a_pages_posting_lines_is_the_title(tmp_path):
    # quanzhou-hotlines-2022: a breadcrumb above, the site's address, date and time and 来源: below
    text = ("文明风首页 > 地方巡礼 > 泉州\n泉州开通20条学生心理服务热线\n"
            "http://wmf.fjsen.com 2022-03-28 16:20:58 曾聪虹 来源:泉州晚报 责任编辑:林婕\n\n"
            "文明风3月28日讯  近日,泉州市教育局发出《关于进一步加强家校联系持续做好学生心理健康教育工作的通知》,要求各地各校全面开展心理家访。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "泉州开通20条学生心理服务热线"
    assert source.published.value == dt.date(2022, 3, 28)


def test_a_section_heading_and_a_posting_office_are_no_title(tmp_path):
    # qzjh-devices-tc-2022: 行政公告 is the page's section; 发布单位: names who posted it
    text = ("跳到主要內容\n\n行政公告\n\n行政公告\n\n本市國中小校園如因應COVID-19疫情暫停實體課程,線上學習設備借用事宜\n\n"
            "發佈單位:設備組\n\n發佈日期:2022-04-14\n本局所屬國中小校園如因應COVID-19疫情暫停實體課程,有關線上學習設備借用事宜如說明。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "本市國中小校園如因應COVID-19疫情暫停實體課程,線上學習設備借用事宜"
    assert [i.value for i in source.issuers] == ["設備組"]


def test_a_headline_above_a_byline_and_one_above_neighbours_links(tmp_path):
    # shanghai-tv-tc-2020 (a dash, no title word) and dyes-chc-tc-2021 (上一則公告 between it and 張貼者)
    byline = "中小學生在線教育3月2日前上線測試-通過東方有線和IPTV播出\n\n晨報記者 楊青霞\n\n市教委18日公佈,全市中小學生自3月2日起,開展在線教育。\n"
    assert extract(tmp_path, byline).source.title.value == "中小學生在線教育3月2日前上線測試-通過東方有線和IPTV播出"
    linked = ("全國各級學校配合延長三級警戒至7月12日因應措施\n\n上一則公告 下一則公告\n\n一般公告 / 張貼者 訓導兼資訊組長    \n\n\n"
              "張貼日期: 2021-06-24 08:01:10  點閱:333\n\n\n因應嚴重特殊傳染性肺炎疫情,指揮中心宣布維持全國疫情警戒第三級至7月12日止。\n")
    assert extract(tmp_path, linked).source.title.value == "全國各級學校配合延長三級警戒至7月12日因應措施"


def test_a_heading_right_above_a_numbered_list_is_the_title(tmp_path):
    # ncue-remote-tc-2022: after the skip link, one heading that ends in no title word, then 一、
    text = ("跳到主要內容區\n\n課上出現確診及居隔學生須進行居家照護或隔離時之授課方式\n\n"
            "一、依據教育部11156日臺教高通字第1112202175號有關大專校院因應疫情調整授課模式補充說明函示辦理。\n")
    assert extract(tmp_path, text).source.title.value == "課上出現確診及居隔學生須進行居家照護或隔離時之授課方式"


def test_a_headline_made_only_of_tags_gives_its_chinese_tag(tmp_path):
    # ntu-cool-tc-2022: 【COVID】★【轉發】「重要訊息」【…】【English…】 above 發布單位:
    text = ("【COVID】★【轉發】「重要訊息」【80人(含)以上或無法維持安全社交距離課程4月18日起改為遠距教學】"
            "【courses with enrollment of 80 students or above shall be switched to distance teaching since April 18】\n"
            "  • 發布單位:教學研究組\n\n    為因應嚴重特殊傳染性肺炎疫情的發展,降低師生感染的風險,本校修課人數80人以上課程改為遠距教學。\n")
    assert extract(tmp_path, text).source.title.value == "80人(含)以上或無法維持安全社交距離課程4月18日起改為遠距教學"


def test_a_subject_line_in_brackets_and_a_roc_date_without_its_era(tmp_path):
    # taipei-contacts-tc-2021: 【發稿日期:110年5月25日】, 【主題:…】, sections each with a chief's name and title
    text = ("【發稿日期:110年5月25日】\n業務聯絡:臺北市政府教育局中教科 黃喬偉科長 0905135026\n國教科 鍾德馨科長 0952770702\n"
            "新聞聯絡:臺北市政府教育局研究員 林奎宇研究員 0930936532\n"
            "【主題:因應全國實施疫情警戒第三級時間延長,臺北市高中職、中小學停課至6/14】\n"
            "考量目前疫情嚴峻,第三級警戒時間延長,本市各級學校(含幼兒園)目前確診案例計58例。\n")
    draft = extract(tmp_path, text)
    assert draft.source.title.value == "因應全國實施疫情警戒第三級時間延長,臺北市高中職、中小學停課至6/14"
    assert draft.source.published.value == dt.date(2021, 5, 25)
    value = lambda found: found.value if found else None
    people = [(value(c.name), value(c.role), value(c.unit), value(c.purpose), [p.value for p in c.phones])
              for c in draft.source.contacts]
    assert people == [("黃喬偉", "科長", "臺北市政府教育局中教科", "業務聯絡", ["0905135026"]),
                      ("鍾德馨", "科長", "國教科", None, ["0952770702"]),
                      ("林奎宇", "臺北市政府教育局研究員", None, "新聞聯絡", ["0930936532"])]


def test_labelled_local_numbers_qq_with_a_word_and_a_hash_extension(tmp_path):
    # quanzhou-hotlines-2022 (热线号码:), dalian-hotline-2021 (QQ咨询号码:), qzjh-devices-tc-2022 (#3119, 逕洽本局)
    text = ("1.泉州市学生心理服务热线\n\n热线号码:28380580\n\n服务时段:8:00—22:00\n"
            "热线电话:400-0609002\nQQ咨询号码:2727809557\n"
            "請學校逕洽本局(07-7995678#3119)提出需求情形;收妥設備後請電話通知維運中心(07-7260089)到校回收。\n")
    contacts = extract(tmp_path, text).source.contacts
    assert [p.value for c in contacts for p in c.unsure_phones] == ["28380580"]
    assert [q.value for c in contacts for q in c.qq] == ["2727809557"]
    assert [p.value for c in contacts for p in c.phones] == ["400-0609002", "07-7995678#3119", "07-7260089"]
    units = [c.unit.value for c in contacts if c.unit]
    assert "維運中心" in units and not any("本局" in u or "請" in u for u in units)  # 本局 names no office


def test_a_site_cited_for_its_rules_is_no_platform(tmp_path):
    # campus-network-tc-glossed: 并執行中國教育科研網www.edu.cn規定的…: the address is the rule's source
    text = "我校對學生使用校園網以外的INTERNET資源實行按時間認證計費,并執行中國教育科研網www.edu.cn規定的“CERNET國內免費IP”。\n"
    draft = extract(tmp_path, text)
    assert draft.platforms == [] and [link.url.value for link in draft.links] == ["www.edu.cn"]


def test_an_address_under_a_label_line_that_names_teaching_is_a_platform(tmp_path):
    # setn-tc-2021: 線上教學便利包: on its own line, the address on the next
    text = ("防疫不停學:\n提供師生線上教學方式、數位學習工具及影片資源。\n線上教學便利包:\n"
            "https://learning.cloud.edu.tw/onlinelearning/\n")
    draft = extract(tmp_path, text)
    assert [(p.name.value, [u.url.value for u in p.urls]) for p in draft.platforms] == [
        ("線上教學便利包", ["https://learning.cloud.edu.tw/onlinelearning/"])]
    news = extract(tmp_path, "新聞鏈結:\nhttps://www.gcs.gov.mo/detail/zh-hant/N22FSiX0SZ?1=\n")  # edjp.edu.mo
    assert news.platforms == [] and [link.label for link in news.links] == ["新聞鏈結"]


# --- fifth held-out round --------------------------------------------------------------------------------


def test_an_issuers_line_above_its_about_line_joins_the_title(tmp_path):
    # hequ-postpone-2020: 河曲县教育科技局 / 关于…的通知 above the addressees; the posting line under a breadcrumb
    text = ("当前位置: 首页 > 信息发布 > 河曲县教育科技局关于中小学幼儿园延期开学的通知\n\n河曲县教育科技局关于中小学幼儿园延期开学的通知\n\n"
            "2020年02月10日 16:40:30 来源:hqxjykjj 访问量:546\n\n \n\n河曲县教育科技局\n\n关于中小学幼儿园延期开学的通知\n\n \n\n"
            "各联校,各中小学、幼儿园:\n\n为落实中央和省市关于新型冠状病毒感染肺炎疫情防控文件精神,切实保障广大师生身体健康和生命安全,经研究决定。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "河曲县教育科技局关于中小学幼儿园延期开学的通知"
    assert [i.value for i in source.issuers] == ["河曲县教育科技局"]
    assert (source.issued or source.published).value == dt.date(2020, 2, 10)


def test_a_press_releases_underlined_headline_and_a_date_with_its_weekday(tmp_path):
    # hk-edb-facilities-tc-2020
    text = ("跳至主要內容\n\n教育局轄下公共設施明日起暫停開放\n****************\n  教育局發言人今日(一月二十八日)宣布,"
            "教育局以下的公共設施由明日(一月二十九日)起暫時不對公眾開放,直至另行通告:\n\n1. 教育局學位分配組\n \n"
            "2020年1月28日(星期二)\n香港時間17時42分\n即日新聞\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "教育局轄下公共設施明日起暫停開放"
    assert source.issued.value == dt.date(2020, 1, 28)


def test_a_headline_with_a_colon_and_a_news_sites_own_contacts(tmp_path):
    # sanjin-moe22-2020 and taian-postpone-2020: the site's 投稿热线/合作邮箱 are no facts of the notice; a
    # public body named as the page's 来源 issued it, a news site named so did not
    text = ("投稿热线:0351-3238289 邮箱:1450352871@qq.com\n微信\n微博\n首页 > 教育园地 > 正文\n"
            "教育部:组织22个平台免费开放在线课程2.4万余门\n2020-02-06 18:00:21 来源:新华网\n\n"
            "新华社北京2月5日电(记者施雨岑)记者5日从教育部获悉,针对疫情对高校正常开学和课堂教学造成的影响,教育部日前印发相关指导意见。\n")
    draft = extract(tmp_path, text)
    assert draft.source.title.value == "教育部:组织22个平台免费开放在线课程2.4万余门"
    assert draft.source.contacts == [] and draft.source.issuers == []
    footer = ("泰安市教育局发布中小学幼儿园推迟春季开学的通知\n\n2020-01-28 12:40:53 来源: 泰安市教育局 作者:\n\n"
              "  1月28日,泰安市教育局下发通知,全市中小学、幼儿园推迟2020年春季学期开学,具体开学时间另行通知。\n\n"
              "频道联系人:栾老师\n\n商业、内容合作:0538-6610567\n\n投稿邮箱 :taiandzwww@163.com 合作邮箱:33620666@qq.com\n")
    draft = extract(tmp_path, footer)
    assert [i.value for i in draft.source.issuers] == ["泰安市教育局"] and draft.source.contacts == []


def test_macau_numbers_a_vertical_colon_and_who_a_sentence_sends_people_to(tmp_path):
    # sengpou-macau-tc-2021: 電話︰853 2870 0800, "853 8396 9244 / 8396 9324", 可與…中心查詢(, 與教青局聯繫(;
    # a data-collection 網上系統 is no teaching platform
    text = ("字體: 放大 還原 縮小\n教局提醒各地澳生注意防護\n\n    【特訊】教青局現正透過“在外就讀澳門學生本年5月至9月期間回澳意向資料收集”"
            "網上系統(https://s.dsedj.gov.mo/qa/Q0000170/),收集各地澳門學生的回澳意向。如有需要,可與新型冠狀病毒感染應變協調中心查詢"
            "(電話︰853 2870 0800;電郵:info.cdc@ssm.gov.mo),或透過電郵或電話與教青局聯繫(電郵:studentblog@dsedj.gov.mo;"
            "電話:853 8396 9244 / 8396 9324)。\n")
    draft = extract(tmp_path, text)
    assert draft.source.title.value == "教局提醒各地澳生注意防護"
    assert draft.platforms == [] and [link.url.value for link in draft.links] == ["https://s.dsedj.gov.mo/qa/Q0000170/"]
    contacts = draft.source.contacts
    assert [c.unit.value for c in contacts if c.unit] == ["新型冠狀病毒感染應變協調中心", "教青局"]
    assert [p.value for c in contacts for p in c.phones + c.unsure_phones] == ["853 2870 0800", "853 8396 9244", "8396 9324"]
    assert all(p.unsure for c in contacts for p in c.phones)  # not a mainland form: the maintainer checks it
    # (電話…;電郵…) in one bracket: the values of the office before it, the ; inside ends no contact
    assert [(c.unit.value, [e.value for e in c.emails]) for c in contacts] == [
        ("新型冠狀病毒感染應變協調中心", ["info.cdc@ssm.gov.mo"]), ("教青局", ["studentblog@dsedj.gov.mo"])]


def test_a_headline_broken_over_short_lines_is_no_title(tmp_path):
    # dalian-hotline-2021: no furniture above the last piece, so no piece is taken for the whole
    text = ("疫情期间宅在家里\n孩子心态焦虑如何调整?\n即日起\n大连市教育系统\n面向全市大中小学\n开通抗疫心理援助平台\n"
            "为保障广大师生员工生命安全和身心健康,11月15日,中共大连市委教育工委、大连市教育局开通“大连市大中小学抗疫心理援助平台”。\n")
    assert extract(tmp_path, text).source.title is None


def test_a_title_above_a_labelled_announcement_date(tmp_path):
    # cyivs-meet-tc-2020: 公布日期: under a title that has no title word
    text = "本校線上授課說明文件\n公布日期:2020-04-27\n因應武漢肺炎,學校可能停課並改採線上授課,學校有規劃線上授課的SOP與指南,請參閱附件。\n"
    source = extract(tmp_path, text).source
    assert source.title.value == "本校線上授課說明文件"
    assert source.published.value == dt.date(2020, 4, 27)


def test_a_news_dateline_marks_the_headline_above_it(tmp_path):
    # chaoyang-hotline-tc-2020: a report in traditional characters with pinyin glosses, its dateline
    # (人民網北京2月4日電) opening the first paragraph
    text = ("北京市朝陽區(qū)教育系統(tǒng)疫情防控心理咨詢熱線正式啟用\n"
            "人民網(wǎng)北京2月4日電 (記者 郝孟佳)記者從北京市朝陽區(qū)教委了解到,朝陽區(qū)教育系統(tǒng)疫情防控心理咨詢熱線"
            "3日正式啟用,由專人值守接聽,市民可撥打熱線電話獲取相關(guān)內(nèi)容。\n")
    assert extract(tmp_path, text).source.title.value == "北京市朝陽區教育系統疫情防控心理咨詢熱線正式啟用"


def test_a_headline_printed_above_and_below_the_posting_line_beats_the_letters_own_heading(tmp_path):
    # maanshan-letter-2022: a repost whose headline opens with a date; the letter under it has its own heading
    text = ("当前位置:首页 > 地方特产\n\n3月14日起马鞍山中小学幼儿园等调整为线上教学\n\n时间:2022-03-29人气:作者: 未知\n\n"
            "3月14日起马鞍山中小学幼儿园等调整为线上教学\n\n  致全市中小学生家长的一封信\n\n  各位家长朋友:\n\n  你们好!\n\n"
            "  根据最新疫情防控工作部署,为确保广大师生安全健康,自3月14日起,我市中小学、幼儿园、民办学校、培训机构等调整为线上教学。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "3月14日起马鞍山中小学幼儿园等调整为线上教学"
    # printed once, the headline gives way to the letter's heading above its addressees
    once = text.replace("时间:2022-03-29人气:作者: 未知\n\n3月14日起马鞍山中小学幼儿园等调整为线上教学\n\n",
                        "时间:2022-03-29人气:作者: 未知\n\n")
    assert extract(tmp_path, once).source.title.value == "致全市中小学生家长的一封信"


def test_a_letter_signed_under_its_closing_with_an_unreadable_date(tmp_path):
    # wuzhong-letter-2020: two bodies under 祝…安好!, the date written 202023, the page's share links after
    text = ("致吴中区中小学(幼儿园)全体学生家长的一封信\n\n尊敬的家长朋友们:\n\n你们好!\n"
            "新型冠状病毒感染的肺炎疫情牵动着亿万人民的心。目前,疫情防控工作进入关键时期,请我区全体家长朋友们督促自己的孩子在家勤洗手。\n\n"
            "您负责按规定送孩子回苏,我负责帮助孩子补习功课!\n\n\n祝全区所有学生和家长身体康健、一切安好!\n\n\n\n\n"
            "苏州市吴中区教育局\n\n苏州市吴中区家庭教育指导中心\n\n202023\n\n分享到:\n【打印正文】\n×\n\n用户登录\n")
    source = extract(tmp_path, text).source
    assert [i.value for i in source.issuers] == ["苏州市吴中区教育局", "苏州市吴中区家庭教育指导中心"]
    assert source.issued is None
    assert all(i.unsure for i in source.issuers)


def test_a_kindergarten_as_the_pages_source_and_a_hotline_number_after_its_label(tmp_path):
    # fengxian-letter-2020: 来源:庄行幼儿园; 发热咨询专线33672885、33682885 (no area code: both to be checked)
    text = ("信息公开\n\n致全区学生和家长的一封信\n\n发布日期:2020-02-06 11:48:16   来源:庄行幼儿园   点击量:\n\n"
            "亲爱的贤城学子、家长朋友:\n\n您好!\n\n二、加强家庭健康管理,配合做好群防群治。发现发热、乏力、干咳、腹泻等症状,"
            "可拨打本市发热咨询专线33672885、33682885,或咨询各大医院网上平台等。\n")
    draft = extract(tmp_path, text)
    assert [i.value for i in draft.source.issuers] == ["庄行幼儿园"]
    assert sorted(p.value for c in draft.source.contacts for p in c.phones + c.unsure_phones) == ["33672885", "33682885"]


def test_an_address_typed_in_for_a_platform_the_notice_quotes_by_name(tmp_path):
    # cup-live-tc-2021: 輸入網址http://…後: the platform is the quoted “教學直播平臺” named earlier in the sentence
    text = ("二、課程教學\n1.未能返校的學生可通過“教學直播平臺”(學校主頁右下角)、超星、雨課堂等網絡教學平臺聽課。\n"
            "2.教學直播平臺登錄方式\n學生登錄學校主頁后,點擊下方“快速通道”——教學直播平臺后直接進入登錄界面;或打開瀏覽器,"
            "輸入網址http://oc.cup.edu.cn:88/ve后進入登錄界面。\n")
    draft = extract(tmp_path, text)
    assert [(p.name.value, [u.url.value for u in p.urls]) for p in draft.platforms] == [
        ("教學直播", ["http://oc.cup.edu.cn:88/ve"])]
    # unquoted, the same words only describe: the address is listed, no platform made
    plain = extract(tmp_path, text.replace("“教學直播平臺”", "教學直播平臺"))
    assert plain.platforms == [] and [link.url.value for link in plain.links] == ["http://oc.cup.edu.cn:88/ve"]


def test_an_administration_system_is_no_teaching_platform(tmp_path):
    # a university teaching office (Jilin University): 教务管理系统(uims.jlu.edu.cn) is where teachers enter course data
    text = ("1.在线教学的课程信息如果没有变化,则教师无需在教务管理系统(uims.jlu.edu.cn)中进行数据维护。"
            "授课信息如有变化,请教师登录系统进行填报或更改。\n")
    draft = extract(tmp_path, text)
    assert draft.platforms == [] and [link.url.value for link in draft.links] == ["uims.jlu.edu.cn"]


def test_a_reposted_bulletins_heading_names_its_issuer_and_a_headlines_date_is_no_posting_date(tmp_path):
    # ymes-extend-tc-2021: the headline announces 110年6月14日; the page was posted 2021-05-25, and the
    # bulletin under it is headed 教育部通報 over its own date
    text = ("全國各級學校及公私立幼兒園停止到校上課延長至110年6月14日(一)止\n\n上一則公告 下一則公告\n\n張貼者 教導主任   \n\n\n"
            "張貼日期: 2021-05-25 17:39:59  點閱:169\n\n\n教育部通報\n110年5月25日\n"
            "   因應全國實施疫情警戒第三級時間延長,為降低群聚感染之風險,維護學校師生健康及學習權益,全國各級學校及公私立幼兒園"
            "停止到校上課延長至110年6月14日(一)止。\n")
    source = extract(tmp_path, text).source
    assert [i.value for i in source.issuers] == ["教育部"]
    assert source.issued.value == dt.date(2021, 5, 25) and source.published.value == dt.date(2021, 5, 25)
    # without the bulletin's heading, the posting line still gives the date, never the headline's
    bare = extract(tmp_path, text.replace("教育部通報\n110年5月25日\n", "")).source
    assert bare.issuers == [] and bare.issued is None and bare.published.value == dt.date(2021, 5, 25)


def test_a_title_over_three_lines_above_addressees_that_name_one_body_before_their_each(tmp_path):
    # fuyang-static-2022: captions above (one ends in 通告), the issuing group's name over two lines, then
    # 关于…的紧急通知, then 阜阳市三区教育局,各在阜高校,各市属学校:
    text = ("4月5日8时起\n\n阜阳暂时对主城区实行静态管理\n\n根据市疫情防控应急指挥部通告\n\n图为颍州区一名小学生开始上网课↓\n\n"
            "阜阳市教育系统\n\n新冠肺炎疫情防控工作领导小组\n\n关于阜阳三区学校实施静态管理的紧急通知\n\n"
            "阜阳市三区教育局,各在阜高校,各市属学校:\n\n近日阜阳市各地不同程度的出现新冠肺炎感染患者,为确保学校师生生命健康安全,"
            "对阜阳三区全区域学校实行静态管理,现将有关要求通知如下。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "阜阳市教育系统新冠肺炎疫情防控工作领导小组关于阜阳三区学校实施静态管理的紧急通知"
    assert [i.value for i in source.issuers] == ["阜阳市教育系统新冠肺炎疫情防控工作领导小组"]
    # a page heading above a complete issuer line stays out of the title
    page = text.replace("阜阳市教育系统\n\n新冠肺炎疫情防控工作领导小组", "通知公告\n\n阜阳市教育局")
    assert extract(tmp_path, page).source.title.value == "阜阳市教育局关于阜阳三区学校实施静态管理的紧急通知"


def test_a_series_label_is_no_byline_and_a_contributor_bracket_marks_the_headline_and_issuer(tmp_path):
    # kaizhou-library-2020: 抗击疫情重庆时刻系列报道 above the headline is a series label, not a reporter's byline
    text = ("抗击疫情重庆时刻系列报道\n\n开州区图书馆:线上开放海量图书 “宅”家共战疫情\n\n2020年03月09日15:53  来源:人民网-重庆频道\n\n"
            "  人民网重庆3月9日电 疫情期间,重庆开州区图书馆暂时闭馆,但其服务不打烊,图书馆利用官方微信,免费提供丰富的数字图书。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "开州区图书馆:线上开放海量图书 “宅”家共战疫情" and source.issuers == []
    # chengdu-library-2020: (四川省成都图书馆 供稿) under the headline: the page's contributor, a public body
    text = ("您的位置首页 >  新闻专题\n\n疫情阻隔:成都图书馆24小时线上服务依旧不打烊\n\n  (四川省成都图书馆 供稿)\n\n"
            "  “谢谢!此通知温暖到家,人性化管理。”\n\n  在发布关于图书延长归还时间的通知后,四川省成都图书馆收获大量市民点赞支持,"
            "自2020年1月24日起,成都图书馆相继实行闭馆。\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "疫情阻隔:成都图书馆24小时线上服务依旧不打烊"
    assert [i.value for i in source.issuers] == ["四川省成都图书馆"] and source.issuers[0].unsure


def test_a_platform_only_talked_about_is_no_platform_draft(tmp_path):
    # cses-moocs-tc-2022: items about a platform's launch give no address, contact, count or free period;
    # 本平臺為教育雲下子網 refers back to it
    text = ("一、 依據教育部111年9月13日臺教資(二)字第1112703774號函辦理。\n"
            "二、 教育部磨課師平臺(以下簡稱本平台)已於本年9月1日正式開站,提供使用者開課及修課服務。\n"
            "三、 本平臺為教育雲下子網,配合單一簽入政策,本平臺將於本年10月4日後整併e學院相關課程與使用者帳號及資料。\n")
    draft = extract(tmp_path, text)
    assert draft.platforms == [] and draft.source.number is None
    # the same heading with an address is a platform
    with_address = text.replace("正式開站,", "正式開站,網址:https://moocs.moe.edu.tw,")
    assert [p.name.value for p in extract(tmp_path, with_address).platforms] == ["教育部磨課師"]


def test_a_notices_own_report_line_and_a_headline_with_a_comma_on_the_first_line(tmp_path):
    # Liaoning inspectorate, reposted in traditional characters: 舉報電話/舉報郵箱 are what the notice announces; a news site's
    # 违法和不良信息举报电话 stays the site's own
    text = ("關于春季開學,舉報電話公布!\n遼寧省人民政府教育督導室\n設立教育系統春季開學\n新冠肺炎疫情防控舉報受理平臺\n"
            "為推動全省各級政府部門和各類學校切實做好春季開學新冠肺炎疫情防控工作,省政府教育督導室設立遼寧省教育系統疫情防控舉報受理平臺。\n"
            "舉報電話:024-86891848;\n舉報郵箱:lnsjygfb@163.com;\n遼寧省人民政府教育督導室\n2020年4月12日\n")
    source = extract(tmp_path, text).source
    assert source.title.value == "關于春季開學,舉報電話公布!"
    assert [p.value for c in source.contacts for p in c.phones] == ["024-86891848"]
    assert [e.value for c in source.contacts for e in c.emails] == ["lnsjygfb@163.com"]
    footer = text + "违法和不良信息举报电话:010-12345678\n"
    assert [p.value for c in extract(tmp_path, footer).source.contacts for p in c.phones] == ["024-86891848"]


def test_a_press_releases_issuer_from_its_contact_lines(tmp_path):
    # taipei-contacts-tc-2021: no issuer line; 業務聯絡:/新聞聯絡: open with the issuing bureau
    text = ("【發稿日期:110年5月25日】\n業務聯絡:臺北市政府教育局中教科 黃喬偉科長 0905135026\n國教科 鍾德馨科長 0952770702\n"
            "新聞聯絡:臺北市政府教育局研究員 林奎宇研究員 0930936532\n"
            "【主題:因應全國實施疫情警戒第三級時間延長,臺北市高中職、中小學停課至6/14】\n"
            "考量目前疫情嚴峻,第三級警戒時間延長,教育局同步宣布臺北市高中職、中小學、幼兒園自5月18日起停課持續至6月14日。\n")
    source = extract(tmp_path, text).source
    assert [i.value for i in source.issuers] == ["臺北市政府教育局"] and source.issuers[0].unsure
    # a contact line naming only a person gives no issuer
    assert extract(tmp_path, text.replace("臺北市政府教育局", "")).source.issuers == []
