//! What each side may do to an exchange, and when. Every function answers with the field and a sentence a
//! secretariat officer can act on.

use super::{ExchangeStatus, NominationStatus, VisitReport};
use crate::error::FieldError;
use crate::ids::PartyId;
use time::Date;

/// Which of the two sides the acting user belongs to, if either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The side whose people travel.
    Sending,
    /// The side that receives them.
    Host,
}

/// The acting side, or a refusal naming what only the two sides may do.
pub fn side_of(party: PartyId, sending: PartyId, host: PartyId) -> Option<Side> {
    if party == sending {
        Some(Side::Sending)
    } else if party == host {
        Some(Side::Host)
    } else {
        None
    }
}

/// A side may nominate only while nominations are open.
pub fn check_nominating(status: ExchangeStatus) -> Result<(), FieldError> {
    match status {
        ExchangeStatus::Open => Ok(()),
        ExchangeStatus::Closed => Err(FieldError::new(
            "status",
            "nominations for this exchange are closed; ask the host to reopen them",
        )),
        ExchangeStatus::Completed => Err(FieldError::new(
            "status",
            "this exchange is over: it has its post-visit report",
        )),
        ExchangeStatus::Cancelled => Err(FieldError::new("status", "this exchange is cancelled")),
    }
}

/// The host decides a nomination once, while the exchange is neither over nor cancelled.
pub fn check_deciding(
    exchange: ExchangeStatus,
    nomination: NominationStatus,
) -> Result<(), FieldError> {
    if matches!(
        exchange,
        ExchangeStatus::Completed | ExchangeStatus::Cancelled
    ) {
        return Err(FieldError::new(
            "status",
            format!(
                "the exchange is {}: its nominations can no longer change",
                exchange.label().to_lowercase()
            ),
        ));
    }
    if nomination != NominationStatus::Nominated {
        return Err(FieldError::new(
            "status",
            format!(
                "this nomination is already {}",
                nomination.label().to_lowercase()
            ),
        ));
    }
    Ok(())
}

/// The moves a status may make by hand: nominations close and reopen, and an exchange not yet held can be
/// cancelled. Completing it is the post-visit report's work.
pub fn check_status_change(from: ExchangeStatus, to: ExchangeStatus) -> Result<(), FieldError> {
    use ExchangeStatus::{Cancelled, Closed, Completed, Open};
    match (from, to) {
        (Open, Closed) | (Closed, Open) | (Open | Closed, Cancelled) => Ok(()),
        (_, Completed) => Err(FieldError::new(
            "status",
            "an exchange is completed by recording its post-visit report",
        )),
        (Completed | Cancelled, _) => Err(FieldError::new(
            "status",
            format!(
                "the exchange is {}; its status no longer changes",
                from.label().to_lowercase()
            ),
        )),
        _ => Err(FieldError::new(
            "status",
            format!("the exchange is already “{}”", from.label()),
        )),
    }
}

/// A programme stop falls within the exchange's days.
pub fn check_programme_day(on: Date, starts: Date, ends: Date) -> Result<(), FieldError> {
    if on < starts || on > ends {
        return Err(FieldError::new(
            "on",
            format!("{on} is outside the exchange, which runs from {starts} to {ends}"),
        ));
    }
    Ok(())
}

/// Attendance is recorded for approved nominees, once the exchange has begun.
pub fn check_attendance(
    nomination: NominationStatus,
    starts: Date,
    today: Date,
) -> Result<(), FieldError> {
    if nomination != NominationStatus::Approved {
        return Err(FieldError::new(
            "attended",
            "attendance is recorded for approved nominees only",
        ));
    }
    if starts > today {
        return Err(FieldError::new(
            "attended",
            format!("the exchange begins on {starts}: record attendance once it has begun"),
        ));
    }
    Ok(())
}

/// The post-visit report comes after the last day, not from the future, for an exchange that was held.
pub fn check_report(
    status: ExchangeStatus,
    report: &VisitReport,
    ends: Date,
    today: Date,
) -> Result<(), FieldError> {
    match status {
        ExchangeStatus::Completed => {
            return Err(FieldError::new(
                "reported_on",
                "the post-visit report is already recorded",
            ));
        }
        ExchangeStatus::Cancelled => {
            return Err(FieldError::new(
                "reported_on",
                "a cancelled exchange has no post-visit report",
            ));
        }
        ExchangeStatus::Open | ExchangeStatus::Closed => {}
    }
    if report.reported_on > today {
        return Err(FieldError::new(
            "reported_on",
            format!("{} is in the future", report.reported_on),
        ));
    }
    if report.reported_on < ends {
        return Err(FieldError::new(
            "reported_on",
            format!(
                "{} is before the exchange's last day, {ends}: report once it is over",
                report.reported_on
            ),
        ));
    }
    Ok(())
}
