//! Accounts: passwords, sessions, tokens, and who manages them.

use crate::support::world;
use corridor_core::Actor;
use corridor_core::directory::{UserUpdate, UserUpdateInput};
use corridor_store::StoreError;
use corridor_store::testing::each_backend;

#[tokio::test]
async fn sign_in_works_with_the_right_password_only() {
    for db in each_backend().await {
        let s = &db.store;
        world(s).await;
        let u = s
            .authenticate("pk.sec", "correct horse battery staple")
            .await
            .unwrap();
        assert_eq!(u.username, "pk.sec");
        for (name, pw) in [
            ("pk.sec", "wrong password here"),
            ("nobody", "correct horse battery staple"),
        ] {
            let e = s.authenticate(name, pw).await.unwrap_err();
            assert_eq!(
                e.to_string(),
                "the username or password is not right",
                "{}",
                db.label
            );
        }
        let stored: Vec<String> = s
            .events(
                &corridor_core::Viewer::System,
                &corridor_store::Page::first(500),
            )
            .await
            .unwrap()
            .items
            .iter()
            .map(|e| e.payload.to_string())
            .collect();
        assert!(
            stored.iter().all(|p| !p.contains("argon2")),
            "{}: a password hash reached the log",
            db.label
        );
    }
}

#[tokio::test]
async fn sessions_end_when_the_account_is_disabled_or_the_password_changes() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let u = s
            .authenticate("pk.obs", "correct horse battery staple")
            .await
            .unwrap();
        let session = s.start_session(&u, 1).await.unwrap();
        assert_eq!(
            s.session(&session.token).await.unwrap().unwrap().0.username,
            "pk.obs"
        );
        s.set_password(
            &Actor::User(u.clone()),
            &u.user_id.to_string(),
            Some("correct horse battery staple"),
            "a new and longer passphrase",
        )
        .await
        .unwrap();
        assert!(
            s.session(&session.token).await.unwrap().is_none(),
            "{}",
            db.label
        );
        let again = s.start_session(&u, 1).await.unwrap();
        let disable = UserUpdate::try_from(&UserUpdateInput {
            role: Some("observer".into()),
            disabled: true,
            ..Default::default()
        })
        .unwrap();
        let refused = s
            .update_user(&w.cn_admin, &u.user_id.to_string(), &disable)
            .await
            .unwrap_err();
        assert!(
            matches!(refused, StoreError::NotFound { .. }),
            "{}: the other party's admin saw the account",
            db.label
        );
        s.update_user(&w.pk_admin, &u.user_id.to_string(), &disable)
            .await
            .unwrap();
        assert!(
            s.session(&again.token).await.unwrap().is_none(),
            "{}",
            db.label
        );
        assert!(
            s.authenticate("pk.obs", "a new and longer passphrase")
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn api_tokens_work_until_revoked_and_are_stored_hashed() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let Actor::User(u) = &w.cn_sec else {
            unreachable!()
        };
        let (view, secret) = s
            .create_token(&w.cn_sec, &u.user_id.to_string(), "reporting script")
            .await
            .unwrap();
        assert!(secret.starts_with("cor_"));
        assert_eq!(
            s.token_user(&secret).await.unwrap().unwrap().username,
            "cn.sec"
        );
        let listed = s
            .tokens(&w.cn_sec.viewer(), &u.user_id.to_string())
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
        assert!(
            s.tokens(&w.cn_admin.viewer(), &u.user_id.to_string())
                .await
                .unwrap()
                .is_empty(),
            "{}",
            db.label
        );
        s.revoke_token(&w.cn_sec, &view.id).await.unwrap();
        assert!(
            s.token_user(&secret).await.unwrap().is_none(),
            "{}",
            db.label
        );
        assert!(s.token_user("cor_forged").await.unwrap().is_none());
        assert!(
            s.verify().await.unwrap().problems.is_empty(),
            "{}",
            db.label
        );
    }
}
