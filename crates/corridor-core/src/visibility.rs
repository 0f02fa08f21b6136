//! Who may see and who may change a record. The store mirrors `can_see` in SQL; a test checks the two agree.

use crate::actor::{Actor, Role, Viewer};
use crate::ids::{OrganisationId, PartyId, PersonId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How far a record reaches beyond its owner party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// Every party of the framework.
    Shared,
    /// The owner party's side only.
    Party,
    /// Only the people named on the record.
    Restricted,
}

impl Visibility {
    /// Every visibility, widest first.
    pub const ALL: [Visibility; 4] = [
        Visibility::Public,
        Visibility::Shared,
        Visibility::Party,
        Visibility::Restricted,
    ];

    /// The stored and transmitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Shared => "shared",
            Visibility::Party => "party",
            Visibility::Restricted => "restricted",
        }
    }

    /// A short explanation for forms and record pages.
    pub fn describe(self) -> &'static str {
        match self {
            Visibility::Public => "public: anyone, without signing in",
            Visibility::Shared => {
                "shared: every party of the framework, and third parties that joined the instrument"
            }
            Visibility::Party => "party: our side only",
            Visibility::Restricted => "restricted: only the people named",
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Visibility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Visibility::ALL
            .into_iter()
            .find(|v| v.as_str() == s.trim())
            .ok_or_else(|| "must be one of public, shared, party, restricted".to_owned())
    }
}

/// What the rules need to know about a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordMeta {
    /// The side that owns the record.
    pub owner_party: PartyId,
    /// The organisation that owns the record, which its contributors may edit.
    pub owner_organisation: Option<OrganisationId>,
    /// How far it reaches.
    pub visibility: Visibility,
    /// The people named on a restricted record.
    pub restricted_to: Vec<PersonId>,
    /// Third parties a shared record reaches besides the members of the framework: those that joined the
    /// instrument it belongs to.
    pub shared_with: Vec<PartyId>,
}

/// Whether `viewer` may see a record. The store's SQL filter is the same rule.
pub fn can_see(viewer: &Viewer, meta: &RecordMeta) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => meta.visibility == Visibility::Public,
        Viewer::User(u) => match meta.visibility {
            Visibility::Public => true,
            Visibility::Shared => u.member || meta.shared_with.contains(&u.party_id),
            Visibility::Party => u.party_id == meta.owner_party,
            Visibility::Restricted => meta.restricted_to.contains(&u.person_id),
        },
    }
}

/// Why a change was refused although the record is visible.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub String);

/// Whether `actor` may change a record it can see.
pub fn can_edit(actor: &Actor, meta: &RecordMeta) -> Result<(), Denied> {
    let Actor::User(u) = actor else {
        return Ok(());
    };
    if u.party_id != meta.owner_party {
        return Err(Denied(
            "this record belongs to the other party; only its own side can change it".into(),
        ));
    }
    match u.role {
        Role::Admin | Role::Secretariat => Ok(()),
        Role::Contributor
            if meta.owner_organisation.is_some()
                && meta.owner_organisation == u.organisation_id =>
        {
            Ok(())
        }
        Role::Contributor => Err(Denied(
            "contributors change only what their own organisation owns".into(),
        )),
        Role::Observer => Err(Denied("observers can read but not change records".into())),
    }
}

/// Whether `actor` may create records for its party (contributors only for their own organisation).
pub fn can_create(actor: &Actor, owner_organisation: Option<OrganisationId>) -> Result<(), Denied> {
    let Actor::User(u) = actor else {
        return Ok(());
    };
    match u.role {
        Role::Admin | Role::Secretariat => Ok(()),
        Role::Contributor
            if owner_organisation.is_some() && owner_organisation == u.organisation_id =>
        {
            Ok(())
        }
        Role::Contributor => Err(Denied(
            "contributors create records only for their own organisation".into(),
        )),
        Role::Observer => Err(Denied("observers can read but not create records".into())),
    }
}

/// Whether `actor` may manage user accounts of `party`.
pub fn can_manage_users(actor: &Actor, party: PartyId) -> Result<(), Denied> {
    match actor {
        Actor::System => Ok(()),
        Actor::User(u) if u.role == Role::Admin && u.party_id == party => Ok(()),
        Actor::User(_) => Err(Denied(
            "only an administrator of the account's own party manages accounts".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::UserActor;
    use crate::ids::UserId;

    fn user(party: PartyId, role: Role, org: Option<OrganisationId>) -> UserActor {
        UserActor {
            user_id: UserId::new(),
            username: "u".into(),
            person_id: PersonId::new(),
            party_id: party,
            organisation_id: org,
            role,
            time_zone: None,
            member: true,
        }
    }

    fn meta(owner: PartyId, visibility: Visibility) -> RecordMeta {
        RecordMeta {
            owner_party: owner,
            owner_organisation: None,
            visibility,
            restricted_to: vec![],
            shared_with: vec![],
        }
    }

    #[test]
    fn anonymous_sees_only_public_records() {
        let p = PartyId::new();
        for v in Visibility::ALL {
            assert_eq!(
                can_see(&Viewer::Anonymous, &meta(p, v)),
                v == Visibility::Public
            );
        }
    }

    #[test]
    fn counterpart_cannot_see_party_internal_records() {
        let (pk, cn) = (PartyId::new(), PartyId::new());
        let other = Viewer::User(user(cn, Role::Admin, None));
        assert!(!can_see(&other, &meta(pk, Visibility::Party)));
        assert!(can_see(&other, &meta(pk, Visibility::Shared)));
        assert!(can_see(
            &Viewer::User(user(pk, Role::Observer, None)),
            &meta(pk, Visibility::Party)
        ));
    }

    #[test]
    fn a_third_party_sees_shared_records_only_of_what_it_joined() {
        let (pk, third) = (PartyId::new(), PartyId::new());
        let mut outsider = user(third, Role::Admin, None);
        outsider.member = false;
        let outsider = Viewer::User(outsider);
        let mut m = meta(pk, Visibility::Shared);
        assert!(!can_see(&outsider, &m));
        assert!(can_see(&outsider, &meta(pk, Visibility::Public)));
        m.shared_with.push(third);
        assert!(can_see(&outsider, &m));
        m.visibility = Visibility::Party;
        assert!(
            !can_see(&outsider, &m),
            "joining never opens a party's own records"
        );
        assert!(can_see(&outsider, &meta(third, Visibility::Party)));
    }

    #[test]
    fn restricted_records_are_seen_only_by_named_people() {
        let pk = PartyId::new();
        let named = user(pk, Role::Observer, None);
        let mut m = meta(pk, Visibility::Restricted);
        m.restricted_to.push(named.person_id);
        assert!(can_see(&Viewer::User(named), &m));
        assert!(!can_see(&Viewer::User(user(pk, Role::Admin, None)), &m));
    }

    #[test]
    fn only_the_owner_side_edits_and_observers_never_do() {
        let (pk, cn) = (PartyId::new(), PartyId::new());
        let m = meta(pk, Visibility::Shared);
        assert!(can_edit(&Actor::User(user(pk, Role::Secretariat, None)), &m).is_ok());
        assert!(can_edit(&Actor::User(user(cn, Role::Admin, None)), &m).is_err());
        assert!(can_edit(&Actor::User(user(pk, Role::Observer, None)), &m).is_err());
    }

    #[test]
    fn contributors_edit_only_what_their_organisation_owns() {
        let pk = PartyId::new();
        let org = OrganisationId::new();
        let mut m = meta(pk, Visibility::Shared);
        assert!(can_edit(&Actor::User(user(pk, Role::Contributor, Some(org))), &m).is_err());
        m.owner_organisation = Some(org);
        assert!(can_edit(&Actor::User(user(pk, Role::Contributor, Some(org))), &m).is_ok());
        assert!(can_create(&Actor::User(user(pk, Role::Contributor, Some(org))), None).is_err());
    }
}
