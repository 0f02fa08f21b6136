//! The directory: parties, organisations, people, memberships and user accounts, as validated commands.

pub mod membership;
pub mod organisation;
pub mod party;
pub mod person;
pub mod sheet;
pub mod user;

pub use membership::{MembershipInput, NewMembership};
pub use organisation::{NewOrganisation, OrganisationInput, OrganisationKind};
pub use party::{NewParty, PartyInput, Standing};
pub use person::{NewPerson, PersonInput};
pub use user::{NewUser, UserInput, UserUpdate, UserUpdateInput, check_password};
