//! Meetings of joint bodies and what they decide: bodies, numbered meetings and their lifecycle, agendas,
//! the cross-meeting register of outcomes, and each side's internal briefing notes.

pub mod agenda;
pub mod body;
pub mod briefing;
pub mod delegation;
pub mod minutes;
pub mod register;
pub mod register_sheet;
pub mod schedule;
pub mod state;
pub mod view;

pub use agenda::{AgendaItemInput, NewAgendaItem};
pub use body::{BodyInput, NewBody};
pub use briefing::{BriefingNoteInput, NewBriefingNote};
pub use delegation::{Attendance, DelegateInput, NewDelegate};
pub use register::{NewOutcome, NewReview, OutcomeInput, OutcomeKind, OutcomeStatus, ReviewInput};
pub use schedule::{MeetingInput, Modality, NewMeeting};
pub use state::{MeetingAction, MeetingState};
