//! Turns of a question-and-answer text: interviews (`记者：…` /
//! `郑栅洁：…`), official answers to reporters (`问：…` / `答：…`), press
//! conferences (`路透社记者：…` / `王毅：…`), dialogues led by a host
//! (`主持人：…`).
//!
//! A turn is a paragraph that opens with a speaker label and a colon. A
//! text is a Q&A when it has at least two question turns (`问`, `记者`,
//! `…记者`, `主持人`) and two answer turns (`答`, or one name that labels
//! two turns or more); labels of captions and lists (`版式设计：`,
//! `时间：`) and reported speech (`习近平总书记强调：`) are not speakers.
//! Each paragraph from the first turn on is spoken by the label of the
//! last turn: an answer often runs over several paragraphs.

use std::collections::HashMap;

use crate::document::outline::Article;

/// Labels that ask.
const QUESTION_LABELS: &[&str] = &["问", "记者", "主持人", "提问"];
/// Labels that answer, whoever speaks.
const ANSWER_LABELS: &[&str] = &["答"];
/// Longest speaker label, in code points (`中央广播电视总台央视记者`).
const MAX_LABEL: usize = 14;
/// Verbs that end a lead-in to reported speech, not a speaker label.
const SPEECH_VERBS: &[&str] = &[
    "强调", "指出", "表示", "说", "认为", "获悉", "介绍", "提出", "要求",
];
/// Fewest turns of each side for a text to be a Q&A.
const MIN_TURNS: usize = 2;

/// Sets the speaker of every paragraph of a Q&A article and returns
/// whether it is one; other articles are left as they are.
pub fn assign(article: &mut Article) -> bool {
    let labels: Vec<Option<&str>> = article
        .paragraphs
        .iter()
        .map(|p| turn_label(&p.text))
        .collect();
    let Some(speakers) = speakers(&labels) else {
        return false;
    };
    for (paragraph, speaker) in article.paragraphs.iter_mut().zip(speakers) {
        paragraph.speaker = speaker;
    }
    true
}

/// The speaker of each paragraph, given the turn label each opens with,
/// when the labels make a Q&A.
pub fn speakers(labels: &[Option<&str>]) -> Option<Vec<Option<String>>> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for label in labels.iter().flatten() {
        *uses.entry(label).or_default() += 1;
    }
    let is_speaker = |label: &str| {
        is_question(label) || ANSWER_LABELS.contains(&label) || uses[label] >= MIN_TURNS
    };
    let questions: usize = labels.iter().flatten().filter(|l| is_question(l)).count();
    let answers: usize = labels
        .iter()
        .flatten()
        .filter(|l| !is_question(l) && is_speaker(l))
        .count();
    if questions < MIN_TURNS || answers < MIN_TURNS {
        return None;
    }
    let mut current: Option<String> = None;
    let out = labels
        .iter()
        .map(|label| {
            if let Some(label) = label.filter(|l| is_speaker(l)) {
                current = Some(label.to_string());
            }
            current.clone()
        })
        .collect();
    Some(out)
}

/// A label that asks: `问`, `记者`, `主持人`, or a reporter of an outlet
/// (`路透社记者`).
fn is_question(label: &str) -> bool {
    QUESTION_LABELS.contains(&label) || label.ends_with("记者")
}

/// The label a paragraph opens with, before `：` or `:`: short, letters
/// and `·` only (no punctuation, digits or spaces), not a lead-in to
/// reported speech.
pub fn turn_label(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let colon = text.find(['：', ':'])?;
    let label = &text[..colon];
    let count = label.chars().count();
    let letters = label.chars().all(|c| c.is_alphabetic() || c == '·');
    let reported = SPEECH_VERBS.iter().any(|v| label.ends_with(v));
    ((1..=MAX_LABEL).contains(&count) && letters && !reported).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers_of(texts: &[&str]) -> Option<Vec<Option<String>>> {
        let labels: Vec<Option<&str>> = texts.iter().map(|t| turn_label(t)).collect();
        speakers(&labels)
    }

    #[test]
    fn an_interview_gives_every_paragraph_from_the_first_turn_a_speaker() {
        let got = speakers_of(&[
            "近日，部长就文件回答了记者的提问。",
            "记者：文件出台有什么背景？",
            "韩长赋：党中央高度重视。",
            "今年是收官之年。",
            "记者：还有哪些短板？",
            "韩长赋：短板在农村。",
        ])
        .unwrap();
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![
                None,
                Some("记者"),
                Some("韩长赋"),
                Some("韩长赋"),
                Some("记者"),
                Some("韩长赋")
            ]
        );
    }

    #[test]
    fn question_and_answer_labels_make_a_qa() {
        assert!(speakers_of(&["问：为什么？", "答：因为。", "问：然后？", "答：然后。"]).is_some());
        assert!(speakers_of(&[
            "路透社记者：请问？",
            "王毅：好。",
            "新华社记者：请问？",
            "王毅：好。"
        ])
        .is_some());
    }

    #[test]
    fn lists_captions_and_single_questions_are_no_qa() {
        assert!(speakers_of(&[
            "时间：三月。",
            "地点：北京。",
            "案例：某地。",
            "点评：很好。"
        ])
        .is_none());
        assert!(speakers_of(&["规定：一。", "解读：二。", "规定：三。", "解读：四。"]).is_none());
        assert!(speakers_of(&["有记者问：怎么看？", "发言人表示，很好。"]).is_none());
        assert!(speakers_of(&["问：为什么？", "答：因为。"]).is_none());
    }

    #[test]
    fn labels_are_short_names_not_reported_speech() {
        assert_eq!(turn_label("郑栅洁：我们要增强战略自信。"), Some("郑栅洁"));
        assert_eq!(turn_label("　　记者：请问？"), Some("记者"));
        assert_eq!(turn_label("习近平总书记强调：要坚持。"), None);
        assert_eq!(turn_label("2020年：关键之年。"), None);
        assert_eq!(turn_label("在这次会议上，他说：好。"), None);
    }
}
