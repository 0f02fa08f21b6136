//! Minutes, agenda titles and outcomes in English with Chinese and Urdu beside them: what is stored, what is
//! frozen into a version, and how a redline in one language leaves the others alone.

use crate::minutes::concluded_meeting;
use crate::support::world;
use corridor_core::ids::RegisterItemId;
use corridor_core::language::Translations;
use corridor_core::meeting::*;
use corridor_store::StoreError;
use corridor_store::testing::each_backend;

#[tokio::test]
async fn chinese_and_urdu_texts_travel_into_the_version_and_a_chinese_redline_changes_only_chinese()
{
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let m = concluded_meeting(s, &w).await;
        let item = s.agenda(&w.pk_sec.viewer(), &m).await.unwrap()[0]
            .id
            .clone();
        let both = Translations {
            zh: Some("中方接受草案。".into()),
            ur: Some("چین نے مسودہ قبول کیا۔".into()),
        };
        s.write_minutes(&w.pk_sec, &item, "China accepted the draft.", &both)
            .await
            .unwrap();
        let outcome = OutcomeInput {
            meeting_id: Some(m.clone()),
            kind: Some("decision".into()),
            text: Some("Run the diagnosis jointly.".into()),
            text_zh: Some("联合开展诊断。".into()),
            ..Default::default()
        };
        s.create_outcome(
            &w.pk_sec,
            RegisterItemId::new(),
            &NewOutcome::try_from(&outcome).unwrap(),
        )
        .await
        .unwrap();
        let entry = &s.minutes(&w.cn_sec.viewer(), &m).await.unwrap().entries[0];
        assert_eq!(entry.text_zh.as_deref(), Some("中方接受草案。"), "{label}");
        assert_eq!(
            entry.text_ur.as_deref(),
            Some("چین نے مسودہ قبول کیا۔"),
            "{label}"
        );

        s.circulate_minutes(&w.pk_sec, &m).await.unwrap();
        let v = s.minutes(&w.cn_sec.viewer(), &m).await.unwrap().versions[0]
            .id
            .clone();
        let content = s.minutes_content(&w.cn_sec.viewer(), &v).await.unwrap();
        assert_eq!(
            content["languages"],
            serde_json::json!(["en", "zh", "ur"]),
            "{label}"
        );
        assert_eq!(
            content["items"][0]["minutes"]["zh"], "中方接受草案。",
            "{label}"
        );
        assert_eq!(
            content["outcomes"][0]["text"]["zh"], "联合开展诊断。",
            "{label}"
        );

        let refused = s
            .propose_redline(&w.cn_sec, &v, &item, "fr", "La Chine accepte.")
            .await
            .unwrap_err();
        match refused {
            StoreError::Invalid(e) => assert_eq!(e.0[0].field, "language", "{label}"),
            other => panic!("{label}: {other:?}"),
        }
        s.propose_redline(&w.cn_sec, &v, &item, "zh", "中方接受草案，双方继续磋商。")
            .await
            .unwrap();
        s.finish_review(&w.cn_sec, &v).await.unwrap();
        let redline =
            s.minutes(&w.pk_sec.viewer(), &m).await.unwrap().versions[0].redlines[0].clone();
        assert_eq!(redline.language, "zh", "{label}");
        s.decide_redline(&w.pk_sec, &redline.id, true, None)
            .await
            .unwrap();
        let entry = &s.minutes(&w.pk_sec.viewer(), &m).await.unwrap().entries[0];
        assert_eq!(
            entry.text, "China accepted the draft.",
            "{label}: English untouched"
        );
        assert_eq!(
            entry.text_zh.as_deref(),
            Some("中方接受草案，双方继续磋商。"),
            "{label}"
        );
        assert_eq!(
            entry.text_ur.as_deref(),
            Some("چین نے مسودہ قبول کیا۔"),
            "{label}: Urdu untouched"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}
