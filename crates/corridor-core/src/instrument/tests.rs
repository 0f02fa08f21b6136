use super::diff::{compare, tokens, word_diff};
use super::status::{next_step, status_table};
use super::steps::*;
use super::text::{parse, render, stale_translation};
use super::*;
use crate::ids::PartyId;

const DRAFT_EN: &str = "[p1] Part I: General provisions
[a1] Article 1: Objectives
The Parties shall promote industrial cooperation.
[a2] Article 2: Scope
This Agreement covers special economic zones.
[a2.1] 1.
Zones are chosen jointly.
[a3] Article 3: Third parties
The framework is open to third parties.";

const AGREED_EN: &str = "[p1] Part I: General provisions
[a1] Article 1: Objectives
The Parties shall promote and deepen industrial cooperation.
[a3] Article 2: Third parties
The framework is open to third parties.
[a4] Article 3: Joint working group
The working group oversees this Agreement.";

#[test]
fn a_text_parses_into_parts_articles_and_paragraphs_and_renders_back() {
    let zh = "[a1] 第一条：目标\n双方应促进产业合作。";
    let clauses = parse(DRAFT_EN, zh, "").unwrap();
    assert_eq!(clauses.len(), 1, "one part at the top");
    let part = &clauses[0];
    assert_eq!(
        (part.kind.as_str(), part.heading.en.as_str()),
        ("part", "General provisions")
    );
    let keys: Vec<&str> = part.children.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["a1", "a2", "a3"]);
    assert_eq!(part.children[1].children[0].kind, "paragraph");
    assert_eq!(part.children[0].text.zh, "双方应促进产业合作。");
    assert_eq!(part.children[0].heading.zh, "目标");
    assert_eq!(part.children[0].number_in(Language::Zh), "第一条");
    assert_eq!(
        part.children[1].number_in(Language::Zh),
        "Article 2",
        "English where the Chinese gives none"
    );
    assert_eq!(
        parse(
            &render(&clauses, Language::En),
            &render(&clauses, Language::Zh),
            ""
        )
        .unwrap(),
        clauses
    );
}

#[test]
fn bad_texts_name_the_language_and_line() {
    let e = parse("[a1] Article 1\nx\n[a1] Article 1 again", "", "").unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.message.as_str()),
        ("text_en", "line 3: [a1] appears twice")
    );
    let e = parse("[a1] Article 1", "[a9] 第九条", "").unwrap_err();
    assert_eq!(e.field, "text_zh");
    assert!(
        e.message
            .contains("line 1: [a9] is not a clause of the English text")
    );
    let e = parse("Preamble first", "", "").unwrap_err();
    assert!(e.message.contains("line 1: text before the first clause"));
    let e = parse("[a1] Article 1\n[a2.1] 1.", "", "").unwrap_err();
    assert!(
        e.message.contains("must follow its article [a2]"),
        "{}",
        e.message
    );
    assert_eq!(parse("", "", "").unwrap_err().field, "text_en");
}

#[test]
fn chinese_is_compared_character_by_character_and_english_word_by_word() {
    assert_eq!(tokens("双方同意。"), ["双", "方", "同", "意", "。"]);
    assert_eq!(
        tokens("The Parties, jointly"),
        ["The", " ", "Parties", ",", " ", "jointly"]
    );
    let d = word_diff("中方接受该草案。", "中方接受该草案，双方继续磋商。");
    let inserted: String = d
        .iter()
        .filter(|p| p.change == "inserted")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(inserted, "，双方继续磋商");
    let d = word_diff(
        "shall promote industrial cooperation",
        "shall promote and deepen industrial cooperation",
    );
    assert_eq!(
        d.iter()
            .map(|p| (p.change, p.text.as_str()))
            .collect::<Vec<_>>(),
        [
            ("same", "shall promote "),
            ("inserted", "and deepen "),
            ("same", "industrial cooperation")
        ]
    );
}

#[test]
fn clauses_are_matched_by_key_so_a_renumbered_clause_is_not_removed_and_added() {
    let old = parse(DRAFT_EN, "", "").unwrap();
    let new = parse(AGREED_EN, "", "").unwrap();
    let c = compare(&old, &new, Language::En);
    let by_key = |k: &str| c.clauses.iter().find(|x| x.key == k).unwrap();
    assert_eq!(by_key("a1").change, "changed");
    assert_eq!(by_key("a2").change, "removed");
    assert_eq!(by_key("a2.1").change, "removed");
    let third = by_key("a3");
    assert_eq!(
        (
            third.change,
            third.old_number.as_deref(),
            third.new_number.as_deref()
        ),
        ("moved", Some("Article 3"), Some("Article 2"))
    );
    assert_eq!(by_key("a4").change, "added");
    assert_eq!((c.added, c.removed, c.changed, c.moved), (1, 2, 1, 1));
    let order: Vec<&str> = c.clauses.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(
        order,
        ["p1", "a1", "a2", "a2.1", "a3", "a4"],
        "removed clauses stand where they stood"
    );
}

#[test]
fn a_translation_left_behind_by_a_change_of_the_english_is_stale() {
    let zh = "[a1] 第一条：目标\n双方应促进产业合作。\n[a3] 第三条：第三方\n本框架对第三方开放。";
    let old = parse(DRAFT_EN, zh, "").unwrap();
    let new = parse(AGREED_EN, zh, "").unwrap();
    assert_eq!(stale_translation(&old, &new, Language::Zh), ["a1"]);
}

fn facts(parties: &[PartyId]) -> InstrumentFacts {
    InstrumentFacts {
        parties: parties.to_vec(),
        open_to_accession: true,
        has_shared_version: true,
        has_agreed_text: true,
    }
}

fn d(s: &str) -> time::Date {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).unwrap()
}

fn step(kind: StepKind, party: Option<PartyId>, on: &str) -> StepFact {
    StepFact {
        kind,
        party,
        done_on: Some(d(on)),
        consent_type: (kind == StepKind::Consent).then_some(ConsentType::Approval),
    }
}

#[test]
fn the_lifecycle_follows_dates_not_typing_order() {
    let (pk, cn) = (PartyId::new(), PartyId::new());
    let f = facts(&[pk, cn]);
    let today = d("2026-11-28");
    let signed = step(StepKind::Signed, None, "2022-02-04");
    let err = check(&signed, &[], &f, today).unwrap_err();
    assert!(err.contains("accepted or negotiated"), "{err}");
    let history = vec![
        step(StepKind::Shared, None, "2020-11-05"),
        step(StepKind::AcceptedAsBasis, None, "2020-12-15"),
    ];
    check(&signed, &history, &f, today).unwrap();
    let early = step(StepKind::AcceptedAsBasis, None, "2020-11-01");
    assert!(
        check(&early, &history[..0], &f, today)
            .unwrap_err()
            .contains("Shared with the counterpart")
    );
    let later_share = vec![step(StepKind::Shared, None, "2020-11-05")];
    assert!(
        check(&early, &later_share, &f, today).is_err(),
        "accepted before it was shared"
    );
    let future = step(StepKind::Shared, None, "2027-01-01");
    assert!(
        check(&future, &[], &f, today)
            .unwrap_err()
            .contains("record it as planned")
    );
    let unshared = InstrumentFacts {
        has_shared_version: false,
        ..f.clone()
    };
    assert!(check(&history[0], &[], &unshared, today).is_err());
}

#[test]
fn entry_into_force_needs_every_partys_consent() {
    let (pk, cn) = (PartyId::new(), PartyId::new());
    let f = facts(&[pk, cn]);
    let today = d("2026-11-28");
    let mut steps = vec![
        step(StepKind::Shared, None, "2020-11-05"),
        step(StepKind::AcceptedAsBasis, None, "2020-12-15"),
        step(StepKind::Signed, None, "2022-02-04"),
        step(StepKind::Consent, Some(pk), "2022-03-01"),
    ];
    let eif = step(StepKind::EntryIntoForce, None, "2022-04-01");
    let err = check(&eif, &steps, &f, today).unwrap_err();
    assert!(err.contains("1 of 2 parties"), "{err}");
    assert_eq!(
        next_step(&f, &steps, Some(&pk)),
        Some((StepKind::Consent, vec![cn]))
    );
    steps.push(step(StepKind::Consent, Some(cn), "2022-03-20"));
    check(&eif, &steps, &f, today).unwrap();
    assert!(
        check(
            &step(StepKind::Consent, Some(cn), "2022-03-21"),
            &steps,
            &f,
            today
        )
        .unwrap_err()
        .contains("already recorded")
    );
    steps.push(eif);
    assert_eq!(next_step(&f, &steps, Some(&pk)), None);
    let table = status_table(&[pk, cn], &steps);
    assert_eq!(table[1].consent_on.as_deref(), Some("2022-03-20"));
    assert_eq!(table[1].in_force_on.as_deref(), Some("2022-04-01"));
    assert_eq!(table[0].signed_on.as_deref(), Some("2022-02-04"));
    let closed = InstrumentFacts {
        open_to_accession: false,
        ..f
    };
    let accede = step(StepKind::Accession, Some(PartyId::new()), "2023-01-01");
    assert!(
        check(&accede, &steps, &closed, today)
            .unwrap_err()
            .contains("closed")
    );
}

#[test]
fn step_inputs_are_checked_field_by_field() {
    let input = StepInput {
        instrument_id: Some(crate::ids::InstrumentId::new().to_string()),
        kind: Some("approval".into()),
        status: Some("done".into()),
        ..Default::default()
    };
    let e = NewStep::try_from(&input).unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["party_id", "acted_on"]);
    let joint = StepInput {
        kind: Some("signed".into()),
        party_id: Some(PartyId::new().to_string()),
        acted_on: Some("2022-02-04".into()),
        ..input.clone()
    };
    assert_eq!(
        NewStep::try_from(&joint).unwrap_err().0[0].field,
        "party_id"
    );
    let ok = StepInput {
        party_id: Some(PartyId::new().to_string()),
        acted_on: Some("2020-10-30".into()),
        ..input
    };
    let step = NewStep::try_from(&ok).unwrap();
    assert_eq!(
        step.access.visibility,
        crate::Visibility::Party,
        "a domestic step stays with its party"
    );
}
