//! `corridor user add|list|passwd|token`: account work for the operator of the server.

use crate::Failure;
use crate::cli::{AddUser, UserCommand};
use corridor_core::Actor;
use corridor_core::directory::{NewPerson, NewUser, PersonInput, UserInput};
use corridor_core::ids::{PersonId, UserId};
use corridor_store::{Store, StoreError};
use std::io::BufRead;

fn read_password() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        Failure::Failed(format!("cannot read the password from standard input: {e}"))
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn generated_password() -> String {
    let raw = uuid::Uuid::new_v4().simple().to_string();
    format!("{}-{}-{}", &raw[..6], &raw[6..12], &raw[12..18])
}

fn store_failure(e: StoreError) -> Failure {
    match e {
        StoreError::Invalid(v) => Failure::Usage(v.to_string()),
        StoreError::Conflict { field, message } => {
            Failure::Usage(format!("{}: {message}", field.unwrap_or_default()))
        }
        other => Failure::Failed(other.to_string()),
    }
}

pub(crate) async fn run(store: &Store, cmd: &UserCommand) -> Result<(), Failure> {
    match cmd {
        UserCommand::Add(a) => add(store, a).await,
        UserCommand::List => {
            for u in store.users(&corridor_core::Viewer::System).await? {
                let party = u.party.name.unwrap_or_default();
                let status = if u.disabled { " disabled" } else { "" };
                println!(
                    "{}\t{}\t{}\t{}{status}",
                    u.username,
                    u.role,
                    party,
                    u.person.name.unwrap_or_default()
                );
            }
            Ok(())
        }
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            let u = store
                .user_by_username(username)
                .await
                .map_err(|_| Failure::Usage(format!("no account named {username}")))?;
            let (password, show) = if *password_stdin {
                (read_password()?, false)
            } else {
                (generated_password(), true)
            };
            store
                .set_password(&Actor::System, &u.id, None, &password)
                .await
                .map_err(store_failure)?;
            println!("password changed for {username}; their sessions have ended");
            if show {
                println!("password: {password}");
            }
            Ok(())
        }
        UserCommand::Token { username, name } => {
            let u = store
                .user_by_username(username)
                .await
                .map_err(|_| Failure::Usage(format!("no account named {username}")))?;
            let (_, secret) = store
                .create_token(&Actor::System, &u.id, name)
                .await
                .map_err(store_failure)?;
            println!("{secret}");
            Ok(())
        }
    }
}

async fn add(store: &Store, a: &AddUser) -> Result<(), Failure> {
    let AddUser {
        username,
        name,
        party,
        role,
        email,
        organisation,
        password_stdin,
    } = a;
    let parties = store.parties(&corridor_core::Viewer::System).await?;
    let party = parties
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(party))
        .ok_or_else(|| {
            let codes: Vec<&str> = parties.iter().map(|p| p.code.as_str()).collect();
            Failure::Usage(format!(
                "--party: no party with code {party}; known: {}",
                codes.join(", ")
            ))
        })?;
    let (password, show) = if *password_stdin {
        (read_password()?, false)
    } else {
        (generated_password(), true)
    };
    let user_input = UserInput {
        username: Some(username.clone()),
        person_id: Some(PersonId::new().to_string()),
        organisation_id: organisation.clone(),
        role: Some(role.clone()),
        password: Some(password.clone()),
    };
    let new_user = NewUser::try_from(&user_input).map_err(|e| Failure::Usage(e.to_string()))?;
    let person = NewPerson::try_from(&PersonInput {
        full_name: Some(name.clone()),
        email: email.clone(),
        party_id: Some(party.id.clone()),
        ..Default::default()
    })
    .map_err(|e| Failure::Usage(e.to_string()))?;
    store
        .create_person(&Actor::System, new_user.person_id, &person)
        .await
        .map_err(store_failure)?;
    let u = store
        .create_user(&Actor::System, UserId::new(), &new_user)
        .await
        .map_err(store_failure)?;
    println!("created {} ({}, {})", u.username, u.role, party.short_name);
    if show {
        println!("password: {password}");
    }
    Ok(())
}
