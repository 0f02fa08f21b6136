use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 29);

fn two() -> Vec<String> {
    vec![
        CompanyId::from_key("a").to_string(),
        CompanyId::from_key("b").to_string(),
    ]
}

#[test]
fn a_matchmaking_brings_two_companies_together_on_a_past_day() {
    let mut i = MatchmakingInput {
        held_on: Some("2021-09-08".into()),
        company_ids: two(),
        topic: Some("Garment relocation".into()),
        ..Default::default()
    };
    assert!(NewMatchmaking::parse(&i, TODAY).is_ok());
    i.company_ids.truncate(1);
    i.held_on = Some("2027-01-01".into());
    let e = NewMatchmaking::parse(&i, TODAY).unwrap_err();
    let f: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(f, ["held_on", "company_ids"]);
}

#[test]
fn an_amount_needs_its_currency_and_a_currency_its_amount() {
    let mut i = BusinessMouInput {
        title: Some("Denim joint venture".into()),
        signed_on: Some("2022-04-08".into()),
        company_ids: two(),
        amount: Some("25,000,000".into()),
        ..Default::default()
    };
    let e = NewBusinessMou::parse(&i, TODAY).unwrap_err();
    assert_eq!(e.0[0].field, "currency");
    assert!(e.0[0].message.contains("needs its currency"), "{e:?}");
    i.currency = Some("usd".into());
    let ok = NewBusinessMou::parse(&i, TODAY).unwrap();
    assert_eq!(ok.value, Some((2_500_000_000, "USD".into())));
    i.amount = None;
    assert_eq!(
        NewBusinessMou::parse(&i, TODAY).unwrap_err().0[0].field,
        "amount"
    );
    i.currency = None;
    i.amount = Some("-5".into());
    assert!(
        NewBusinessMou::parse(&i, TODAY).unwrap_err().0[0]
            .message
            .contains("negative")
    );
}

#[test]
fn an_intention_moves_forward_may_skip_and_may_be_withdrawn_until_it_operates() {
    let st = |status, on| Stage { status, on };
    let start = [st(IntentionStatus::Intention, date!(2021 - 01 - 10))];
    assert!(
        check_stage(
            &start,
            &st(IntentionStatus::LandAllotted, date!(2021 - 05 - 01)),
            TODAY
        )
        .is_ok()
    );
    let e = check_stage(
        &start,
        &st(IntentionStatus::Intention, date!(2021 - 05 - 01)),
        TODAY,
    )
    .unwrap_err();
    assert!(e.message.contains("forward only"), "{e:?}");
    let e = check_stage(
        &start,
        &st(IntentionStatus::Agreement, date!(2020 - 05 - 01)),
        TODAY,
    )
    .unwrap_err();
    assert_eq!(e.field, "on");
    assert!(
        check_stage(
            &start,
            &st(IntentionStatus::Withdrawn, date!(2021 - 05 - 01)),
            TODAY
        )
        .is_ok()
    );
    let done = [
        st(IntentionStatus::Intention, date!(2021 - 01 - 10)),
        st(IntentionStatus::Operational, date!(2023 - 01 - 10)),
    ];
    let e = check_stage(
        &done,
        &st(IntentionStatus::Withdrawn, date!(2024 - 01 - 01)),
        TODAY,
    )
    .unwrap_err();
    assert!(e.message.contains("moves no further"), "{e:?}");
    assert!(
        check_stage(
            &start,
            &st(IntentionStatus::Agreement, date!(2027 - 01 - 01)),
            TODAY
        )
        .is_err()
    );
}

#[test]
fn a_company_needs_a_name_a_side_and_a_sector() {
    let e = NewCompany::try_from(&CompanyInput {
        size: Some("huge".into()),
        ..Default::default()
    })
    .unwrap_err();
    let f: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(f, ["name", "party_id", "sector", "size"]);
}
