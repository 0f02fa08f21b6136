use super::*;
use time::macros::date;

fn visit() -> ExchangeInput {
    ExchangeInput {
        title: Some("Industrial visit".into()),
        sending_party_id: Some(PartyId::from_key("pk").to_string()),
        host_party_id: Some(PartyId::from_key("cn").to_string()),
        starts_on: Some("2021-09-06".into()),
        ends_on: Some("2021-09-10".into()),
        ..Default::default()
    }
}

fn fields(e: &ValidationErrors) -> Vec<&str> {
    e.0.iter().map(|f| f.field.as_str()).collect()
}

#[test]
fn an_exchange_needs_two_sides_and_days_in_order() {
    let ok = NewExchange::try_from(&visit()).unwrap();
    assert_eq!(ok.kind, ExchangeKind::DelegationVisit);
    assert_eq!(ok.cohort, None);
    let mut i = visit();
    i.host_party_id = i.sending_party_id.clone();
    i.ends_on = Some("2021-09-01".into());
    let e = NewExchange::try_from(&i).unwrap_err();
    assert_eq!(fields(&e), ["host_party_id", "ends_on"]);
    assert!(e.0[1].message.contains("before the first day"), "{e:?}");
}

#[test]
fn a_cohort_names_its_programme_and_year_and_a_visit_names_neither() {
    let programme = ProjectId::from_key("ywe").to_string();
    let mut i = visit();
    i.kind = Some("cohort".into());
    let e = NewExchange::try_from(&i).unwrap_err();
    assert_eq!(fields(&e), ["programme_project_id"]);
    i.programme_project_id = Some(programme.clone());
    assert_eq!(
        fields(&NewExchange::try_from(&i).unwrap_err()),
        ["cohort_year"]
    );
    i.cohort_year = Some(3021);
    assert!(
        NewExchange::try_from(&i).unwrap_err().0[0]
            .message
            .contains("not a plausible year")
    );
    i.cohort_year = Some(2021);
    let ok = NewExchange::try_from(&i).unwrap();
    assert_eq!(ok.cohort.map(|c| c.1), Some(2021));
    let mut v = visit();
    v.cohort_year = Some(2021);
    assert_eq!(
        fields(&NewExchange::try_from(&v).unwrap_err()),
        ["cohort_year"]
    );
}

#[test]
fn nominations_only_while_open_and_decided_once() {
    assert!(check_nominating(ExchangeStatus::Open).is_ok());
    let e = check_nominating(ExchangeStatus::Closed).unwrap_err();
    assert!(e.message.contains("closed"), "{e:?}");
    assert!(check_nominating(ExchangeStatus::Cancelled).is_err());
    assert!(check_deciding(ExchangeStatus::Closed, NominationStatus::Nominated).is_ok());
    let e = check_deciding(ExchangeStatus::Open, NominationStatus::Approved).unwrap_err();
    assert_eq!(e.message, "this nomination is already approved");
    assert!(check_deciding(ExchangeStatus::Completed, NominationStatus::Nominated).is_err());
}

#[test]
fn declining_needs_a_reason_and_nominated_is_not_a_decision() {
    let d = |status: &str, reason: Option<&str>| {
        NominationDecision::try_from(&NominationDecisionInput {
            status: Some(status.into()),
            reason: reason.map(Into::into),
        })
    };
    assert!(d("approved", None).is_ok());
    assert_eq!(fields(&d("declined", None).unwrap_err()), ["reason"]);
    assert!(d("declined", Some("Visa period too short")).is_ok());
    assert_eq!(fields(&d("nominated", None).unwrap_err()), ["status"]);
    assert_eq!(fields(&d("maybe", None).unwrap_err()), ["status"]);
}

#[test]
fn status_moves_are_limited_and_completion_needs_the_report() {
    use ExchangeStatus::{Cancelled, Closed, Completed, Open};
    assert!(check_status_change(Open, Closed).is_ok());
    assert!(check_status_change(Closed, Open).is_ok());
    assert!(check_status_change(Closed, Cancelled).is_ok());
    assert!(
        check_status_change(Closed, Completed)
            .unwrap_err()
            .message
            .contains("post-visit report")
    );
    assert!(check_status_change(Cancelled, Open).is_err());
    assert!(check_status_change(Open, Open).is_err());
}

#[test]
fn programme_attendance_and_report_keep_to_the_calendar() {
    let (s, e, today) = (
        date!(2021 - 09 - 06),
        date!(2021 - 09 - 10),
        date!(2026 - 11 - 29),
    );
    assert!(check_programme_day(date!(2021 - 09 - 08), s, e).is_ok());
    assert!(
        check_programme_day(date!(2021 - 09 - 11), s, e)
            .unwrap_err()
            .message
            .contains("outside the exchange")
    );
    assert!(check_attendance(NominationStatus::Approved, s, today).is_ok());
    assert!(check_attendance(NominationStatus::Declined, s, today).is_err());
    assert!(check_attendance(NominationStatus::Approved, date!(2027 - 01 - 01), today).is_err());
    let report = |on| VisitReport {
        reported_on: on,
        summary: "Seen".into(),
        outcomes: vec![],
    };
    assert!(
        check_report(
            ExchangeStatus::Closed,
            &report(date!(2021 - 09 - 20)),
            e,
            today
        )
        .is_ok()
    );
    assert!(
        check_report(
            ExchangeStatus::Closed,
            &report(date!(2021 - 09 - 09)),
            e,
            today
        )
        .is_err()
    );
    assert!(
        check_report(
            ExchangeStatus::Closed,
            &report(date!(2027 - 01 - 01)),
            e,
            today
        )
        .is_err()
    );
    assert!(
        check_report(
            ExchangeStatus::Cancelled,
            &report(date!(2021 - 09 - 20)),
            e,
            today
        )
        .is_err()
    );
}

#[test]
fn report_outcomes_are_read_one_per_line_without_bullets() {
    let r = VisitReport::try_from(&VisitReportInput {
        reported_on: Some("2021-09-20".into()),
        summary: Some("Visited three parks.".into()),
        outcomes: Some("- Twinning of two parks\n\n• Training offer\n".into()),
    })
    .unwrap();
    assert_eq!(r.outcomes, ["Twinning of two parks", "Training offer"]);
    let e = ProgrammeInput {
        on: Some("2021-09-07".into()),
        at: Some("9.30".into()),
        site_kind: Some("zone".into()),
        site: Some("Suzhou Industrial Park".into()),
        ..Default::default()
    };
    assert_eq!(fields(&NewProgrammeItem::try_from(&e).unwrap_err()), ["at"]);
}
