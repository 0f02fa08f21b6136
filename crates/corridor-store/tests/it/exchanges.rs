//! Exchanges in the store: the demo's industrial visit traced back to the 5th meeting's request, each side
//! doing only its own part, the young workers exchange's cohorts, and refusals that change nothing.

use crate::support::{account, event_count, third_party};
use corridor_core::exchange::{
    ExchangeInput, ExchangeStatus, NewExchange, NewNomination, NewProgrammeItem,
    NominationDecision, NominationDecisionInput, NominationInput, ProgrammeInput, VisitReport,
    VisitReportInput,
};
use corridor_core::ids::{
    ExchangeId, MeetingId, NominationId, OrganisationId, PartyId, ProgrammeItemId, ProjectId,
    RegisterItemId,
};
use corridor_core::{Role, Viewer};
use corridor_store::exchange::ExchangeFilter;
use corridor_store::testing::each_backend_demo;
use corridor_store::{Store, StoreError};

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(e)) => format!("{}: {}", e.0[0].field, e.0[0].message),
        Err(StoreError::Conflict { message, .. }) => message,
        Err(StoreError::Forbidden(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn id(kind: &str, k: &str) -> String {
    let key = format!("demo/{kind}/{k}");
    match kind {
        "party" => PartyId::from_key(&key).to_string(),
        "organisation" => OrganisationId::from_key(&key).to_string(),
        "project" => ProjectId::from_key(&key).to_string(),
        "exchange" => ExchangeId::from_key(&key).to_string(),
        "meeting" => MeetingId::from_key(&key).to_string(),
        _ => RegisterItemId::from_key(&key).to_string(),
    }
}

#[tokio::test]
async fn the_industrial_visit_traces_back_to_the_fifth_meetings_request() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let x = s
            .exchange(&cn.viewer(), &id("exchange", "jiangsu-visit"))
            .await
            .unwrap();
        let request = x.request.as_ref().expect("the visit names its request");
        assert_eq!(
            request.item.id,
            id("register", "industrial-visits"),
            "{label}"
        );
        assert_eq!(request.meeting.id, id("meeting", "jwg-5"), "{label}");
        assert_eq!(
            request.meeting.name.as_deref(),
            Some("5th meeting"),
            "{label}"
        );
        assert_eq!(request.kind, "request", "{label}");
        assert_eq!(x.status, "completed", "{label}");
        assert_eq!(
            (
                x.counts.nominated,
                x.counts.approved,
                x.counts.attended,
                x.counts.attended_female
            ),
            (4, 3, 3, 2),
            "{label}"
        );
        let declined = x
            .nominations
            .iter()
            .find(|n| n.status == "declined")
            .unwrap();
        assert!(declined.reason.as_deref().unwrap().contains("three guests"));
        assert_eq!(x.programme_items.len(), 3, "{label}");
        assert_eq!(
            x.programme_items[1]
                .company
                .as_ref()
                .and_then(|c| c.name.as_deref()),
            Some("Jiangsu Garment Group (illustrative)")
        );
        assert_eq!(x.report.as_ref().unwrap().outcomes.len(), 3, "{label}");
        // From the register item, the exchange it started is found again.
        let started = s
            .exchanges(
                &cn.viewer(),
                &ExchangeFilter {
                    request_item_id: Some(id("register", "industrial-visits")),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(started.len(), 1, "{label}");
        // The young workers exchange has a cohort per year.
        let cohorts = s
            .exchanges(
                &cn.viewer(),
                &ExchangeFilter {
                    programme_project_id: Some(id("project", "young-workers")),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let years: Vec<_> = cohorts.iter().map(|c| c.cohort_year).collect();
        assert_eq!(years, [Some(2027), Some(2023)], "{label}");
        assert_eq!(cohorts[0].status, "open");
        // Shared, not public: an anonymous reader sees none of it.
        assert!(
            s.exchanges(&Viewer::Anonymous, &ExchangeFilter::default())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

fn visit(starts: &str, ends: &str) -> NewExchange {
    NewExchange::try_from(&ExchangeInput {
        title: Some("Visit to the Gwadar free zone".into()),
        sending_party_id: Some(id("party", "cn")),
        host_party_id: Some(id("party", "pk")),
        starts_on: Some(starts.into()),
        ends_on: Some(ends.into()),
        ..Default::default()
    })
    .unwrap()
}

fn nominee(name: &str, org: &str) -> NewNomination {
    NewNomination::try_from(&NominationInput {
        name: Some(name.into()),
        organisation_id: Some(id("organisation", org)),
        ..Default::default()
    })
    .unwrap()
}

fn decision(status: &str) -> NominationDecision {
    NominationDecision::try_from(&NominationDecisionInput {
        status: Some(status.into()),
        reason: (status == "declined").then(|| "No seat left".into()),
    })
    .unwrap()
}

/// Asserts that `op` is refused with a message containing `expected`, and that nothing was written.
async fn refused<T: std::fmt::Debug>(
    s: &Store,
    expected: &str,
    op: impl std::future::Future<Output = Result<T, StoreError>>,
) {
    let before = event_count(s).await;
    let msg = refusal(op.await);
    assert!(msg.contains(expected), "{msg}");
    assert_eq!(event_count(s).await, before, "{msg}");
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one visit's whole life, told in order"
)]
async fn each_side_does_only_its_part_and_refusals_change_nothing() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        // A third party's official is neither side of a Chinese visit to Pakistan.
        let tp = third_party(s, "TR", "Turkey").await;
        let outsider = account(s, "tr.sec", tp, None, Role::Secretariat).await;
        refused(
            s,
            "yours is neither",
            s.create_exchange(
                &outsider,
                ExchangeId::new(),
                &visit("2024-03-01", "2024-03-05"),
            ),
        )
        .await;
        let xid = ExchangeId::new();
        s.create_exchange(&cn, xid, &visit("2024-03-01", "2024-03-05"))
            .await
            .unwrap();
        let x = xid.to_string();
        // The host does not nominate; the sending side nominates its own people only.
        refused(
            s,
            "for the sending side",
            s.nominate(&pk, &x, NominationId::new(), &nominee("Asim", "boi")),
        )
        .await;
        refused(
            s,
            "organisation of the sending side",
            s.nominate(&cn, &x, NominationId::new(), &nominee("Li", "boi")),
        )
        .await;
        let (n1, n2) = (NominationId::new(), NominationId::new());
        s.nominate(&cn, &x, n1, &nominee("Li Wei", "ndrc"))
            .await
            .unwrap();
        s.nominate(&cn, &x, n2, &nominee("Zhang Min", "ciecc"))
            .await
            .unwrap();
        // Only the host decides, once.
        refused(
            s,
            "for the host side",
            s.decide_nomination(&cn, &n1.to_string(), &decision("approved")),
        )
        .await;
        s.decide_nomination(&pk, &n1.to_string(), &decision("approved"))
            .await
            .unwrap();
        refused(
            s,
            "already approved",
            s.decide_nomination(&pk, &n1.to_string(), &decision("declined")),
        )
        .await;
        // The programme is the host's, within the visit's days.
        let stop = |on: &str| {
            NewProgrammeItem::try_from(&ProgrammeInput {
                on: Some(on.into()),
                site_kind: Some("zone".into()),
                site: Some("Gwadar free zone".into()),
                project_id: Some(id("project", "rashakai")),
                ..Default::default()
            })
            .unwrap()
        };
        refused(
            s,
            "for the host side",
            s.add_programme_item(&cn, &x, ProgrammeItemId::new(), &stop("2024-03-02")),
        )
        .await;
        refused(
            s,
            "outside the exchange",
            s.add_programme_item(&pk, &x, ProgrammeItemId::new(), &stop("2024-03-09")),
        )
        .await;
        let after = s
            .add_programme_item(&pk, &x, ProgrammeItemId::new(), &stop("2024-03-02"))
            .await
            .unwrap();
        assert_eq!(
            after.programme_items[0]
                .project
                .as_ref()
                .unwrap()
                .name
                .as_deref(),
            Some("Rashakai Special Economic Zone")
        );
        // Letters go to approved nominees, from the host.
        refused(s, "for the host side", s.letter_facts(&cn, &n1.to_string())).await;
        refused(
            s,
            "approved nominee only",
            s.letter_facts(&pk, &n2.to_string()),
        )
        .await;
        assert_eq!(s.letter_facts(&pk, &n1.to_string()).await.unwrap().id, x);
        // Once nominations close, nobody more is nominated.
        s.set_exchange_status(&cn, &x, ExchangeStatus::Closed, None)
            .await
            .unwrap();
        refused(
            s,
            "closed",
            s.nominate(&cn, &x, NominationId::new(), &nominee("Wang Fang", "ndrc")),
        )
        .await;
        refused(
            s,
            "say why",
            s.set_exchange_status(&pk, &x, ExchangeStatus::Cancelled, Some("  ")),
        )
        .await;
        // Attendance of the approved only; the report after the last day.
        refused(
            s,
            "approved nominees only",
            s.record_attendance(&pk, &n2.to_string(), true),
        )
        .await;
        s.record_attendance(&pk, &n1.to_string(), true)
            .await
            .unwrap();
        let report = |on: &str| {
            VisitReport::try_from(&VisitReportInput {
                reported_on: Some(on.into()),
                summary: Some("Seen the port and the zone.".into()),
                outcomes: Some("A follow-up visit".into()),
            })
            .unwrap()
        };
        refused(
            s,
            "before the exchange's last day",
            s.report_exchange(&cn, &x, &report("2024-03-04")),
        )
        .await;
        let done = s
            .report_exchange(&cn, &x, &report("2024-03-10"))
            .await
            .unwrap();
        assert_eq!(done.status, "completed");
        assert_eq!(done.counts.attended, 1);
        refused(
            s,
            "already recorded",
            s.report_exchange(&pk, &x, &report("2024-03-11")),
        )
        .await;
        refused(
            s,
            "no longer changes",
            s.set_exchange_status(&pk, &x, ExchangeStatus::Open, None),
        )
        .await;
        // The outsider cannot even see it.
        assert!(matches!(
            s.exchange(&outsider.viewer(), &x).await,
            Err(StoreError::NotFound { .. })
        ));
        let history = s
            .history::<corridor_store::entity::exchange::Entity>(&pk.viewer(), &x)
            .await
            .unwrap();
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["reported", "closed", "created"], "newest first");
        assert!(s.verify().await.unwrap().problems.is_empty());
    }
}

#[tokio::test]
async fn a_cohort_belongs_to_an_exchange_programme_once_a_year() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cohort = |programme: &str, year: i64| {
            NewExchange::try_from(&ExchangeInput {
                kind: Some("cohort".into()),
                title: Some(format!("Cohort {year}")),
                programme_project_id: Some(id("project", programme)),
                cohort_year: Some(year),
                sending_party_id: Some(id("party", "pk")),
                host_party_id: Some(id("party", "cn")),
                starts_on: Some(format!("{year}-10-01")),
                ends_on: Some(format!("{year}-10-14")),
                ..Default::default()
            })
            .unwrap()
        };
        refused(
            s,
            "already has its 2023 cohort",
            s.create_exchange(&pk, ExchangeId::new(), &cohort("young-workers", 2023)),
        )
        .await;
        refused(
            s,
            "is not an exchange programme",
            s.create_exchange(&pk, ExchangeId::new(), &cohort("rashakai", 2024)),
        )
        .await;
        let made = s
            .create_exchange(&pk, ExchangeId::new(), &cohort("young-workers", 2024))
            .await
            .unwrap();
        assert_eq!(
            made.programme.unwrap().name.as_deref(),
            Some("China–Pakistan Young Workers Exchange and Cooperation")
        );
    }
}
