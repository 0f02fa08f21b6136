//! Links from agenda items and outcomes to the records they discuss: checked against what the writer may see,
//! filtered by what the reader may see, and usable as a register filter that cannot probe hidden records.

use crate::meeting::{body, meeting};
use crate::support::{org, world};
use corridor_core::ids::{AgendaItemId, RegisterItemId};
use corridor_core::meeting::*;
use corridor_store::meeting::RegisterFilter;
use corridor_store::testing::each_backend;
use corridor_store::{Page, StoreError};

fn outcome(meeting: &str, text: &str, visibility: &str) -> NewOutcome {
    NewOutcome::try_from(&OutcomeInput {
        meeting_id: Some(meeting.into()),
        kind: Some("request".into()),
        text: Some(text.into()),
        visibility: Some(visibility.into()),
        ..Default::default()
    })
    .unwrap()
}

fn invalid_field(r: Result<impl std::fmt::Debug, StoreError>) -> (String, String) {
    match r {
        Err(StoreError::Invalid(e)) => (e.0[0].field.clone(), e.0[0].message.clone()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: write, read, filter and probe links"
)]
async fn links_name_what_each_reader_may_see_and_never_more() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let fifth = meeting(s, &w, &b, 5, "2020-12-15").await;
        let sixth = meeting(s, &w, &b, 6, "2022-04-08").await;
        let visits = s
            .create_outcome(
                &w.pk_sec,
                RegisterItemId::new(),
                &outcome(&fifth, "Arrange industrial visits", "shared"),
            )
            .await
            .unwrap()
            .id;
        let internal = s
            .create_outcome(
                &w.pk_sec,
                RegisterItemId::new(),
                &outcome(&fifth, "Pakistan's own follow-up", "party"),
            )
            .await
            .unwrap()
            .id;
        let input = |links: Vec<String>| AgendaItemInput {
            meeting_id: Some(sixth.clone()),
            title: Some("Industrial visits".into()),
            links,
            ..Default::default()
        };

        // Pakistan cannot link to China's internal organisation: refused exactly like a record that does not
        // exist, so the refusal tells nothing.
        let hidden = org(s, &w.cn_sec, "China's internal task force", w.cn, "party").await;
        let absent = corridor_core::ids::OrganisationId::new();
        let mut messages = Vec::new();
        for target in [hidden, absent] {
            let new =
                NewAgendaItem::try_from(&input(vec![format!("organisation:{target}")])).unwrap();
            let (field, message) = invalid_field(
                s.add_agenda_item(&w.pk_sec, AgendaItemId::new(), &new)
                    .await,
            );
            assert_eq!(field, "links", "{label}");
            messages.push(message.replace(&target.to_string(), "ID"));
        }
        assert_eq!(messages[0], messages[1], "{label}");

        // Pakistan links the 6th meeting's item to both; China reads only the shared one.
        let both = vec![
            format!("register_item:{visits}"),
            format!("register_item:{internal}"),
        ];
        let item = s
            .add_agenda_item(
                &w.pk_sec,
                AgendaItemId::new(),
                &NewAgendaItem::try_from(&input(both)).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(item.links.len(), 2, "{label}");
        let cn_view = s.agenda_item(&w.cn_sec.viewer(), &item.id).await.unwrap();
        let ids: Vec<&str> = cn_view.links.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![visits.as_str()],
            "{label}: the internal outcome leaked through a link"
        );
        assert_eq!(
            cn_view.links[0].name, "Arrange industrial visits",
            "{label}"
        );

        // An outcome of the 6th meeting linked to the 5th meeting's request is found by the register filter.
        let mut follow = outcome(&sixth, "Visits planned for the autumn", "shared");
        follow.links = vec![
            corridor_core::links::RecordLink::parse("links", &format!("register_item:{visits}"))
                .unwrap(),
        ];
        let follow = s
            .create_outcome(&w.pk_sec, RegisterItemId::new(), &follow)
            .await
            .unwrap()
            .id;
        let filter = RegisterFilter {
            linked: Some(format!("register_item:{visits}")),
            ..Default::default()
        };
        let found = s
            .register(&w.cn_sec.viewer(), &filter, &Page::default())
            .await
            .unwrap();
        let ids: Vec<&str> = found.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, vec![follow.as_str()], "{label}");

        // Filtering by a record the reader may not see is refused, so it cannot be probed.
        let probe = RegisterFilter {
            linked: Some(format!("register_item:{internal}")),
            ..Default::default()
        };
        let (field, _) = invalid_field(
            s.register(&w.cn_sec.viewer(), &probe, &Page::default())
                .await,
        );
        assert_eq!(field, "linked", "{label}");
        assert!(
            s.register(&w.pk_sec.viewer(), &probe, &Page::default())
                .await
                .is_ok(),
            "{label}"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}
