//! A meeting's lifecycle: draft → convened → in session → concluded → minutes agreed → minutes signed, with
//! cancelled and postponed possible from any state before the meeting concluded.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a meeting stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingState {
    /// Being prepared; not yet announced to the members.
    Draft,
    /// Announced, with its date, agenda and delegations.
    Convened,
    /// Taking place now.
    InSession,
    /// Over; its minutes are being drafted and reviewed.
    Concluded,
    /// Both sides agreed the minutes' text.
    MinutesAgreed,
    /// Both co-chairs signed the agreed minutes.
    MinutesSigned,
    /// Will not take place.
    Cancelled,
    /// Moved to a date to be set; can be convened again.
    Postponed,
}

/// What someone does to a meeting's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingAction {
    /// Announce the meeting (from draft or postponed).
    Convene,
    /// Open it.
    Open,
    /// Close it.
    Conclude,
    /// Call it off.
    Cancel,
    /// Put it off.
    Postpone,
}

const STATES: [(MeetingState, &str, &str); 8] = [
    (MeetingState::Draft, "draft", "Draft"),
    (MeetingState::Convened, "convened", "Convened"),
    (MeetingState::InSession, "in_session", "In session"),
    (MeetingState::Concluded, "concluded", "Concluded"),
    (
        MeetingState::MinutesAgreed,
        "minutes_agreed",
        "Minutes agreed",
    ),
    (
        MeetingState::MinutesSigned,
        "minutes_signed",
        "Minutes signed",
    ),
    (MeetingState::Cancelled, "cancelled", "Cancelled"),
    (MeetingState::Postponed, "postponed", "Postponed"),
];

impl MeetingState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        STATES.iter().find(|s| s.0 == self).map_or("draft", |s| s.1)
    }

    /// The name a reader sees.
    pub fn label(self) -> &'static str {
        STATES.iter().find(|s| s.0 == self).map_or("Draft", |s| s.2)
    }

    /// Whether the meeting has not concluded yet (and so can still be cancelled or postponed).
    pub fn before_conclusion(self) -> bool {
        matches!(
            self,
            Self::Draft | Self::Convened | Self::InSession | Self::Postponed
        )
    }

    /// The state `action` leads to, or why it cannot be taken now.
    pub fn apply(self, action: MeetingAction) -> Result<MeetingState, String> {
        use MeetingAction as A;
        use MeetingState as S;
        match (self, action) {
            (S::Draft | S::Postponed, A::Convene) => Ok(S::Convened),
            (S::Convened, A::Open) => Ok(S::InSession),
            (S::InSession, A::Conclude) => Ok(S::Concluded),
            (s, A::Cancel) if s.before_conclusion() => Ok(S::Cancelled),
            (s, A::Postpone) if s.before_conclusion() && s != S::Postponed => Ok(S::Postponed),
            (s, a) => Err(format!(
                "a meeting that is {} cannot be {}",
                s.label().to_lowercase(),
                a.past_tense()
            )),
        }
    }

    /// The actions possible from this state, for the buttons of a meeting's page.
    pub fn actions(self) -> Vec<MeetingAction> {
        MeetingAction::ALL
            .into_iter()
            .filter(|a| self.apply(*a).is_ok())
            .collect()
    }
}

impl MeetingAction {
    /// Every action.
    pub const ALL: [MeetingAction; 5] = [
        Self::Convene,
        Self::Open,
        Self::Conclude,
        Self::Postpone,
        Self::Cancel,
    ];

    /// The stored and transmitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Convene => "convene",
            Self::Open => "open",
            Self::Conclude => "conclude",
            Self::Cancel => "cancel",
            Self::Postpone => "postpone",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            Self::Convene => "convened",
            Self::Open => "opened",
            Self::Conclude => "concluded",
            Self::Cancel => "cancelled",
            Self::Postpone => "postponed",
        }
    }

    /// The label of its button.
    pub fn label(self) -> &'static str {
        match self {
            Self::Convene => "Convene",
            Self::Open => "Open the session",
            Self::Conclude => "Conclude",
            Self::Cancel => "Cancel the meeting",
            Self::Postpone => "Postpone",
        }
    }
}

impl fmt::Display for MeetingState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MeetingState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        STATES
            .iter()
            .find(|x| x.1 == s.trim())
            .map(|x| x.0)
            .ok_or_else(|| format!("unknown meeting state {s}"))
    }
}

impl FromStr for MeetingAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| "must be one of convene, open, conclude, postpone, cancel".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::MeetingAction as A;
    use super::MeetingState as S;

    #[test]
    fn a_meeting_moves_forward_one_step_at_a_time() {
        assert_eq!(S::Draft.apply(A::Convene), Ok(S::Convened));
        assert_eq!(S::Convened.apply(A::Open), Ok(S::InSession));
        assert_eq!(S::InSession.apply(A::Conclude), Ok(S::Concluded));
        assert!(S::Draft.apply(A::Open).is_err());
        assert!(S::Convened.apply(A::Conclude).is_err());
        assert!(S::Concluded.apply(A::Convene).is_err());
    }

    #[test]
    fn only_a_meeting_not_yet_concluded_can_be_cancelled_or_postponed() {
        for s in [S::Draft, S::Convened, S::InSession] {
            assert_eq!(s.apply(A::Cancel), Ok(S::Cancelled));
            assert_eq!(s.apply(A::Postpone), Ok(S::Postponed));
        }
        for s in [
            S::Concluded,
            S::MinutesAgreed,
            S::MinutesSigned,
            S::Cancelled,
        ] {
            let e = s.apply(A::Cancel).unwrap_err();
            assert!(e.contains("cannot be cancelled"), "{e}");
        }
        assert!(S::Postponed.apply(A::Postpone).is_err());
        assert_eq!(S::Postponed.apply(A::Convene), Ok(S::Convened));
    }

    #[test]
    fn the_page_offers_exactly_the_possible_actions() {
        assert_eq!(S::Draft.actions(), vec![A::Convene, A::Postpone, A::Cancel]);
        assert_eq!(
            S::InSession.actions(),
            vec![A::Conclude, A::Postpone, A::Cancel]
        );
        assert!(S::MinutesSigned.actions().is_empty());
    }
}
