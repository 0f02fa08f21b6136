use super::*;
use serde_json::json;

const PROJECT: &str = "0193a0a0-0000-7000-8000-000000000001";
const MILESTONE: &str = "0193a0a0-0000-7000-8000-000000000002";
const ORG: &str = "0193a0a0-0000-7000-8000-000000000003";

fn milestone(forecast: &str, title: &str) -> serde_json::Value {
    json!({"id": MILESTONE, "project_id": PROJECT, "title": title, "status": "planned",
           "forecast_on": forecast, "version": 2, "updated_at": "x"})
}

#[test]
fn targets_parse_and_print_back() {
    for raw in [
        format!("project:{PROJECT}"),
        "area:portfolio".to_owned(),
        format!("organisation_register:{ORG}"),
    ] {
        assert_eq!(Target::parse("target", &raw).unwrap().to_string(), raw);
    }
    let e = Target::parse("target", "person:0193a0a0-0000-7000-8000-000000000001").unwrap_err();
    assert_eq!(e.field, "target");
    assert!(e.message.contains("cannot be followed"), "{}", e.message);
    assert!(
        Target::parse("target", "area:gossip")
            .unwrap_err()
            .message
            .contains("not an area")
    );
    assert!(
        Target::parse("target", "project:42")
            .unwrap_err()
            .message
            .contains("not a record id")
    );
    assert!(Target::parse("target", "nothing").is_err());
}

#[test]
fn a_milestone_concerns_its_project_and_the_portfolio() {
    let c = concern(
        "milestone",
        MILESTONE,
        &milestone("2021-06-30", "Land handover"),
    )
    .unwrap();
    assert_eq!(
        c.targets,
        vec!["area:portfolio".to_owned(), format!("project:{PROJECT}")]
    );
    assert_eq!(c.link, format!("/projects/{PROJECT}"));
    assert_eq!(c.group, format!("project:{PROJECT}"));
    assert_eq!(c.record, "milestone “Land handover”");
    assert!(concern("user", "x", &json!({})).is_none());
}

#[test]
fn an_outcome_concerns_the_registers_of_its_lead_and_owner() {
    let item = json!({"meeting_id": PROJECT, "body_id": MILESTONE, "owner_organisation_id": ORG,
                      "lead_organisation_ids": format!("[\"{PROJECT}\"]"), "text": "Share the plan\nmore"});
    let c = concern(
        "register_item",
        "0193a0a0-0000-7000-8000-0000000000ff",
        &item,
    )
    .unwrap();
    assert!(c.targets.contains(&format!("organisation_register:{ORG}")));
    assert!(
        c.targets
            .contains(&format!("organisation_register:{PROJECT}"))
    );
    assert!(c.targets.contains(&format!("meeting:{PROJECT}")));
    assert_eq!(c.record, "outcome “Share the plan”");
    let roles = role_follows("register_item", &item);
    assert_eq!(
        roles,
        vec![
            (Reason::Lead, RoleHolder::Organisation(PROJECT.into())),
            (Reason::Owner, RoleHolder::Organisation(ORG.into())),
        ]
    );
}

#[test]
fn a_signature_reaches_its_meeting_through_the_minutes_version() {
    let c = concern("minutes_signature", "s", &json!({"version_id": "v1"})).unwrap();
    assert_eq!(
        c.via,
        Some((
            "minutes_versions",
            "meeting_id",
            "v1".to_owned(),
            FollowKind::Meeting
        ))
    );
}

#[test]
fn a_slipped_date_matters_and_a_typo_does_not() {
    let before = milestone("2021-06-30", "Land handover");
    let slipped = describe(
        "milestone",
        "updated",
        Some(&before),
        &milestone("2021-09-30", "Land handover"),
    )
    .unwrap();
    assert_eq!(slipped.step, "updated");
    assert_eq!(
        slipped.details,
        vec!["forecast date: 2021-06-30 → 2021-09-30"]
    );
    assert_eq!(
        describe(
            "milestone",
            "updated",
            Some(&before),
            &milestone("2021-06-30", "Land hand-over")
        ),
        None
    );
    // A named step always matters, and a creation lists no changes.
    let made = describe("milestone", "created", None, &before).unwrap();
    assert_eq!((made.step.as_str(), made.details.len()), ("created", 0));
    assert_eq!(describe("actual", "reported", None, &before), None);
}

#[test]
fn a_period_alerts_when_the_sides_disagree_not_for_each_figure() {
    let p = |r: &str| json!({"starts_on": "2021-01-01", "ends_on": "2021-12-31", "reconciliation": r, "headlines": "{}"});
    let d = describe(
        "indicator_period",
        "actual_reported",
        Some(&p("awaiting")),
        &p("discrepancy"),
    )
    .unwrap();
    assert!(d.step.contains("discrepancy"), "{}", d.step);
    assert_eq!(
        describe(
            "indicator_period",
            "actual_reported",
            Some(&p("awaiting")),
            &p("awaiting")
        ),
        None
    );
    assert_eq!(
        describe(
            "indicator_period",
            "target_set",
            Some(&p("empty")),
            &p("empty")
        ),
        None
    );
    assert!(
        describe(
            "indicator_period",
            "agreed",
            Some(&p("discrepancy")),
            &p("agreed")
        )
        .is_some()
    );
}

#[test]
fn a_change_of_lead_says_that_it_changed_without_naming_anyone() {
    let a = json!({"lead_organisation_ids": "[\"a\"]", "status": "open"});
    let b = json!({"lead_organisation_ids": "[\"b\"]", "status": "open"});
    let d = describe("register_item", "updated", Some(&a), &b).unwrap();
    assert_eq!(d.details, vec!["lead organisations changed"]);
}

#[test]
fn reasons_and_modes_read_back() {
    for r in [Reason::Chosen, Reason::Owner, Reason::Lead, Reason::CoChair] {
        assert_eq!(Reason::parse(r.as_str()), r);
    }
    assert!(
        Reason::CoChair
            .explain("meeting “5th”")
            .contains("co-chair")
    );
    assert_eq!(
        EmailMode::parse("email_mode", "daily").unwrap(),
        EmailMode::Daily
    );
    assert_eq!(
        EmailMode::parse("email_mode", "hourly").unwrap_err().field,
        "email_mode"
    );
    assert_eq!(EmailMode::Weekly.period(), Some(time::Duration::weeks(1)));
}

#[test]
fn each_target_links_to_the_page_that_lists_it() {
    let org = ORG.parse().unwrap();
    assert_eq!(
        Target::OrganisationRegister(org).link(),
        format!("/register?lead_organisation_id={ORG}")
    );
    assert_eq!(Target::Area("portfolio").link(), "/projects");
    assert_eq!(Target::Area("register").link(), "/register");
    assert_eq!(
        Target::Record(FollowKind::Indicator, org).link(),
        format!("/indicators/{ORG}")
    );
}
