//! Delegations: each side lists its own delegates and marks attendance; organisations attending per side.

use crate::meeting::{body, meeting};
use crate::support::{person, world};
use corridor_core::meeting::*;
use corridor_store::StoreError;
use corridor_store::testing::each_backend;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one delegation story, from invitation to attendance counts"
)]
async fn each_side_lists_its_own_delegation_and_attendance_is_counted_by_organisation() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let m = meeting(s, &w, &b, 5, "2020-12-15").await;
        let pk_person = person(s, &w.pk_sec, "Asim Ayub", w.pk, "shared").await;
        let pk_second = person(s, &w.pk_sec, "Deputy Director, PMU", w.pk, "shared").await;
        let cn_person = person(s, &w.cn_sec, "Ying Xiong", w.cn, "shared").await;
        let delegate = |p: corridor_core::ids::PersonId,
                        org: corridor_core::ids::OrganisationId,
                        attendance: &str| DelegateInput {
            meeting_id: Some(m.clone()),
            person_id: Some(p.to_string()),
            organisation_id: Some(org.to_string()),
            attendance: Some(attendance.into()),
            ..Default::default()
        };
        let add = |actor: &corridor_core::Actor, i: DelegateInput| {
            let actor = actor.clone();
            async move {
                s.add_delegate(
                    &actor,
                    corridor_core::ids::DelegateId::new(),
                    &NewDelegate::try_from(&i).unwrap(),
                )
                .await
            }
        };
        let wrong_side = add(&w.cn_sec, delegate(pk_person, w.boi, "present"))
            .await
            .unwrap_err();
        assert!(
            matches!(&wrong_side, StoreError::Invalid(e) if e.0[0].field == "person_id"),
            "{label}: {wrong_side:?}"
        );
        let asim = add(&w.pk_sec, delegate(pk_person, w.boi, "present"))
            .await
            .unwrap();
        add(&w.pk_sec, delegate(pk_second, w.boi, "present"))
            .await
            .unwrap();
        let ying = add(&w.cn_sec, delegate(cn_person, w.ndrc, "invited"))
            .await
            .unwrap();
        let dup = add(&w.pk_sec, delegate(pk_person, w.boi, "absent"))
            .await
            .unwrap_err();
        assert!(
            matches!(&dup, StoreError::Conflict { field: Some(f), .. } if f == "person_id"),
            "{label}: {dup:?}"
        );
        assert!(
            matches!(
                s.update_delegate(
                    &w.pk_sec,
                    &ying.id,
                    &NewDelegate::try_from(&delegate(cn_person, w.ndrc, "absent")).unwrap()
                )
                .await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}: one side marked the other's attendance"
        );
        let mut represented = delegate(cn_person, w.ndrc, "represented");
        represented.represented_by_id = Some(
            person(s, &w.cn_sec, "Deputy DG, NDRC", w.cn, "shared")
                .await
                .to_string(),
        );
        s.update_delegate(
            &w.cn_sec,
            &ying.id,
            &NewDelegate::try_from(&represented).unwrap(),
        )
        .await
        .unwrap();
        let sides = s.delegations(&w.cn_obs.viewer(), &m).await.unwrap();
        assert_eq!(sides.len(), 2, "{label}");
        assert_eq!(
            sides[0].party.name.as_deref(),
            Some("Pakistan"),
            "{label}: the host's delegation comes first"
        );
        assert_eq!(
            (sides[0].delegates.len(), sides[0].organisations_attending),
            (2, 1),
            "{label}: two people of one organisation"
        );
        assert_eq!(
            sides[1].organisations_attending, 1,
            "{label}: a represented delegate's organisation attended"
        );
        assert_eq!(
            sides[1].delegates[0]
                .represented_by
                .as_ref()
                .and_then(|r| r.name.as_deref()),
            Some("Deputy DG, NDRC")
        );
        assert_eq!(asim.attendance, "present");
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}
