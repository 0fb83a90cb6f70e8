//! Reports and resolutions of the shared corpus through the structure
//! stage (repair + detect; no binary, no store): a work report's parts and
//! subsections, its title and speaker, and its recommendations, which must
//! be exactly the items of its task part; and dates read from the text.
//!
//! The expectations were written by reading the files
//! (`corpus/scale/gov_work_reports_national/`).

mod common;

use common::shared;
use policykg::document::metadata::Date;
use policykg::document::outline::{Article, DateCue, Kind};
use policykg::{document::decode, document::repair, document::structure};

/// The one article of a national report or resolution file.
fn national(file: &str) -> Article {
    let path = shared()
        .join("corpus/scale/gov_work_reports_national")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    let text = decode::decode(&bytes).unwrap().text;
    let outline = structure::detect(&repair::repair(&text));
    assert_eq!(outline.articles.len(), 1, "{}", outline.render());
    outline.articles.into_iter().next().unwrap()
}

/// Markers and lead clauses of the recommendations, in order.
fn items(article: &Article) -> Vec<(&str, &str)> {
    article
        .recommendations
        .iter()
        .map(|r| (r.marker.as_str(), r.label.as_str()))
        .collect()
}

/// Headings with the heading of their parent section, in order.
fn outline_of_sections(article: &Article) -> Vec<(usize, &str, Option<&str>)> {
    article
        .sections
        .iter()
        .map(|s| {
            let parent = s.parent.map(|p| article.sections[p].title.as_str());
            (s.source_line, s.title.as_str(), parent)
        })
        .collect()
}

/// The top-level part a paragraph is in.
fn part_of(article: &Article, paragraph: usize) -> Option<&str> {
    let mut section = article.paragraphs[paragraph].section?;
    while let Some(parent) = article.sections[section].parent {
        section = parent;
    }
    Some(article.sections[section].title.as_str())
}

/// Every paragraph of every recommendation lies in the task part.
fn assert_all_in_part(article: &Article, task_part: &str) {
    for r in &article.recommendations {
        assert!(!r.paragraphs.is_empty(), "{} has no paragraph", r.marker);
        for &p in &r.paragraphs {
            assert_eq!(
                part_of(article, p),
                Some(task_part),
                "{} {}",
                r.marker,
                r.label
            );
        }
    }
}

const MARKERS: [&str; 10] = [
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）",
    "（八）",
    "（九）",
    "（十）",
];

#[test]
fn gwr_2019_recommends_exactly_the_ten_tasks_of_its_task_part() {
    let report = national("gwr_2019.txt");
    assert_eq!(report.kind, Some(Kind::WorkReport));
    assert_eq!(
        items(&report),
        vec![
            ("（一）", "继续创新和完善宏观调控，确保经济运行在合理区间"),
            ("（二）", "激发市场主体活力，着力优化营商环境"),
            ("（三）", "坚持创新引领发展，培育壮大新动能"),
            ("（四）", "促进形成强大国内市场，持续释放内需潜力"),
            (
                "（五）",
                "对标全面建成小康社会任务，扎实推进脱贫攻坚和乡村振兴"
            ),
            ("（六）", "促进区域协调发展，提高新型城镇化质量"),
            ("（七）", "加强污染防治和生态建设，大力推动绿色发展"),
            ("（八）", "深化重点领域改革，加快完善市场机制"),
            ("（九）", "推动全方位对外开放，培育国际经济合作和竞争新优势"),
            ("（十）", "加快发展社会事业，更好保障和改善民生"),
        ]
    );
    let ordinals: Vec<usize> = report.recommendations.iter().map(|r| r.ordinal).collect();
    assert_eq!(ordinals, (1..=10).collect::<Vec<_>>());
    assert_all_in_part(&report, "三、2019年政府工作任务");
}

#[test]
fn gwr_2019_review_achievements_are_no_recommendations() {
    let report = national("gwr_2019.txt");
    let review = "一、2018年工作回顾";
    let achievements = (0..report.paragraphs.len()).find(|&p| {
        part_of(&report, p) == Some(review)
            && report.paragraphs[p].text.contains("一是创新和完善宏观调控")
    });
    let achievements = achievements.expect("the review lists its achievements 一是…二是…");
    for r in &report.recommendations {
        assert!(!r.paragraphs.contains(&achievements), "{}", r.label);
        assert!(
            r.marker.starts_with('（'),
            "only （一） items: {}",
            r.marker
        );
    }
}

#[test]
fn gwr_2019_parts_are_sections_and_its_tasks_their_subsections() {
    let report = national("gwr_2019.txt");
    let sections = outline_of_sections(&report);
    let task = "三、2019年政府工作任务";
    assert_eq!(
        sections[..4],
        [
            (3, "一、2018年工作回顾", None),
            (27, "二、2019年经济社会发展总体要求和政策取向", None),
            (38, task, None),
            (
                40,
                "（一）继续创新和完善宏观调控，确保经济运行在合理区间。",
                Some(task)
            ),
        ]
    );
    assert_eq!(sections.len(), 13);
    for (k, (_, title, parent)) in sections[3..].iter().enumerate() {
        assert!(title.starts_with(MARKERS[k]), "{title}");
        assert_eq!(*parent, Some(task));
    }
}

#[test]
fn gwr_2019_last_task_ends_at_the_next_salutation() {
    let report = national("gwr_2019.txt");
    let last = report.recommendations.last().unwrap();
    let lines: Vec<usize> = last
        .paragraphs
        .iter()
        .map(|&p| report.paragraphs[p].source_line())
        .collect();
    assert_eq!(lines, vec![90, 91, 92, 93, 94, 95], "line 96 is 各位代表！");
    assert!(last.text.starts_with("（十）加快发展社会事业"));
}

#[test]
fn gwr_2019_is_titled_with_its_year_and_names_no_speaker() {
    let report = national("gwr_2019.txt");
    assert_eq!(report.title.as_deref(), Some("2019年政府工作报告"));
    assert_eq!(report.creator, None, "the file prints no speaker line");
    assert_eq!(report.date, None);
}

#[test]
fn gwr_2012_recommends_its_nine_tasks_and_not_the_reviews_five_headings() {
    let report = national("gwr_2012.txt");
    assert_eq!(
        items(&report),
        vec![
            ("（一）", "促进经济平稳较快发展"),
            ("（二）", "保持物价总水平基本稳定"),
            ("（三）", "促进农业稳定发展和农民持续增收"),
            ("（四）", "加快转变经济发展方式"),
            ("（五）", "深入实施科教兴国战略和人才强国战略"),
            ("（六）", "切实保障和改善民生"),
            ("（七）", "促进文化大发展大繁荣"),
            ("（八）", "深入推进重点领域改革"),
            ("（九）", "努力提高对外开放的质量和水平"),
        ]
    );
    assert_all_in_part(&report, "三、2012年主要任务");
    assert_eq!(report.title.as_deref(), Some("2012年政府工作报告"));
}

#[test]
fn gwr_2012_review_and_task_headings_are_subsections_of_their_parts() {
    let report = national("gwr_2012.txt");
    let sections = outline_of_sections(&report);
    let (review, plan, task) = (
        "一、2011年工作回顾",
        "二、2012年工作总体部署",
        "三、2012年主要任务",
    );
    let tops: Vec<(usize, &str)> = sections
        .iter()
        .filter(|(_, _, parent)| parent.is_none())
        .map(|(line, title, _)| (*line, *title))
        .collect();
    assert_eq!(tops, vec![(3, review), (50, plan), (66, task)]);
    let under = |part: &str| -> Vec<usize> {
        sections
            .iter()
            .filter(|(_, _, parent)| *parent == Some(part))
            .map(|(line, _, _)| *line)
            .collect()
    };
    assert_eq!(under(review), vec![7, 13, 22, 29, 38]);
    assert_eq!(under(plan), Vec::<usize>::new());
    assert_eq!(under(task), vec![67, 71, 77, 84, 95, 102, 114, 117, 129]);
    assert_eq!(sections[8].1, "（一）促进经济平稳较快发展");
}

#[test]
fn gwr_2022_recommends_its_nine_lead_paragraph_tasks() {
    let report = national("gwr_2022.txt");
    let got = items(&report);
    let markers: Vec<&str> = got.iter().map(|(m, _)| *m).collect();
    assert_eq!(markers, MARKERS[..9]);
    assert_eq!(got[0].1, "着力稳定宏观经济大盘，保持经济运行在合理区间");
    assert_eq!(got[2].1, "坚定不移深化改革，更大激发市场活力和发展内生动力");
    assert_eq!(got[5].1, "大力抓好农业生产，促进乡村全面振兴");
    assert_eq!(got[8].1, "切实保障和改善民生，加强和创新社会治理");
    assert_all_in_part(&report, "三、2022年政府工作任务");
    let first = &report.recommendations[0];
    let start = report.paragraphs[first.paragraphs[0]].source_line();
    assert_eq!(
        start, 40,
        "a lead-paragraph item starts with its own paragraph"
    );
}

#[test]
fn gwr_2022_front_matter_gives_title_speaker_and_delivery_date() {
    let report = national("gwr_2022.txt");
    assert_eq!(report.title.as_deref(), Some("2022年政府工作报告"));
    assert_eq!(report.creator.as_deref(), Some("李克强"));
    assert_eq!(
        report.subtitles,
        vec!["——2022年3月5日在第十三届全国人民代表大会第五次会议上"]
    );
    let date = report.date.as_ref().unwrap();
    assert_eq!(date.date, Date::Day(2022, 3, 5));
    assert_eq!(date.cue, DateCue::Delivery);
    assert_eq!(date.source_line, 2);
    let tops: Vec<&str> = report
        .sections
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        tops,
        [
            "一、2021年工作回顾",
            "二、2022年经济社会发展总体要求和政策取向",
            "三、2022年政府工作任务"
        ]
    );
    assert_eq!(report.sections.len(), 3, "its （一） items are paragraphs");
    assert_eq!(report.paragraphs[0].text, "各位代表：");
}

#[test]
fn no_invisible_character_reaches_a_reports_title_or_text() {
    for file in [
        "gwr_2015.txt",
        "gwr_2017.txt",
        "gwr_2021.txt",
        "gwr_2024.txt",
    ] {
        let report = national(file);
        let title = report.title.clone().unwrap_or_default();
        let texts = std::iter::once(title.as_str())
            .chain(report.creator.as_deref())
            .chain(report.sections.iter().map(|s| s.title.as_str()))
            .chain(report.paragraphs.iter().map(|p| p.text.as_str()));
        for text in texts {
            assert!(
                !text.contains(['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', '\u{3000}']),
                "{file}: {text:?}"
            );
        }
    }
    assert_eq!(national("gwr_2024.txt").creator.as_deref(), Some("李强"));
}

#[test]
fn npc13_session3_resolution_is_dated_by_its_adoption_note() {
    let resolution = national("npc_resolution_on_gwr_npc13_session3.txt");
    assert_eq!(resolution.kind, Some(Kind::Resolution));
    assert_eq!(
        resolution.title.as_deref(),
        Some("第十三届全国人民代表大会第三次会议关于政府工作报告的决议")
    );
    let date = resolution.date.as_ref().unwrap();
    assert_eq!(date.date, Date::Day(2020, 5, 28));
    assert_eq!(date.cue, DateCue::Adoption);
    assert_eq!(
        date.evidence,
        "（2020年5月28日第十三届全国人民代表大会第三次会议通过）"
    );
    assert!(resolution.subtitles.is_empty(), "the note is no subtitle");
}

#[test]
fn a_resolution_that_prints_no_date_stays_undated() {
    let resolution = national("npc_resolution_on_gwr_npc12_session2.txt");
    assert_eq!(resolution.kind, Some(Kind::Resolution));
    assert_eq!(resolution.date, None);
}
