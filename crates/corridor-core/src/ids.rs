//! One id newtype per entity, so a person's id can never be passed where an organisation's is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// The namespace for ids derived from stable keys (the demo world, imports with external ids).
const KEY_NAMESPACE: Uuid = Uuid::from_u128(0x6a0c_35e1_93f4_4c6b_9d2e_5b7f_0c41_d8aa);

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
            /// The same id every time for the same key: used where a record must be found again by a stable key.
            pub fn from_key(key: &str) -> Self {
                Self(Uuid::new_v5(&KEY_NAMESPACE, key.as_bytes()))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// A sovereign party to the framework (a government).
    PartyId
);
id_type!(
    /// A ministry, province, embassy, zone authority, company…
    OrganisationId
);
id_type!(
    /// A person known to the secretariat, with or without an account.
    PersonId
);
id_type!(
    /// A person's role in an organisation over a period.
    MembershipId
);
id_type!(
    /// A user account that can sign in.
    UserId
);
id_type!(
    /// An API bearer token.
    TokenId
);
id_type!(
    /// One entry of the event log.
    EventId
);
id_type!(
    /// A joint body: a committee, a working group.
    BodyId
);
id_type!(
    /// A numbered meeting of a body.
    MeetingId
);
id_type!(
    /// An item on a meeting's agenda.
    AgendaItemId
);
id_type!(
    /// An outcome on the register: decision, agreement, request, action or note.
    RegisterItemId
);
id_type!(
    /// A review of a register item at a later meeting.
    ReviewId
);
id_type!(
    /// One side's internal briefing note on an agenda item.
    BriefingNoteId
);
id_type!(
    /// A frozen version of a meeting's minutes.
    MinutesVersionId
);
id_type!(
    /// A change the counterpart proposes to circulated minutes.
    RedlineId
);
id_type!(
    /// A co-chair's signature of agreed minutes.
    SignatureId
);
id_type!(
    /// A person on one side's delegation to a meeting.
    DelegateId
);
id_type!(
    /// The minutes of one agenda item.
    MinutesEntryId
);
id_type!(
    /// An instrument: an MoU, an agreement, a protocol…
    InstrumentId
);
id_type!(
    /// A version of an instrument's text.
    InstrumentVersionId
);
id_type!(
    /// A step in an instrument's life, joint or domestic.
    StepId
);
id_type!(
    /// A consultation on a version of an instrument.
    ConsultationId
);
id_type!(
    /// An organisation's answer to a consultation.
    ResponseId
);
id_type!(
    /// A file attached to a record.
    AttachmentId
);
id_type!(
    /// A third party's request to join an instrument.
    AccessionId
);
id_type!(
    /// A party's consent or objection to an accession.
    AccessionDecisionId
);
id_type!(
    /// A project of the portfolio: a zone, a revival, a park, an exchange programme.
    ProjectId
);
id_type!(
    /// A milestone of a project.
    MilestoneId
);
id_type!(
    /// A dated progress update on a project.
    UpdateId
);
id_type!(
    /// An amount pledged, committed or disbursed.
    FinanceId
);
id_type!(
    /// A risk or issue of a project.
    RiskId
);
id_type!(
    /// A joint diagnostic study of a sector.
    StudyId
);
id_type!(
    /// A member of a study's expert team.
    ExpertId
);
id_type!(
    /// A version of a study's report.
    ReportId
);
id_type!(
    /// A finding and recommendation of a study.
    RecommendationId
);
id_type!(
    /// A delegation visit or a cohort of an exchange programme.
    ExchangeId
);
id_type!(
    /// A person nominated by the sending side for an exchange.
    NominationId
);
id_type!(
    /// A site visit or session of the host's programme for an exchange.
    ProgrammeItemId
);
id_type!(
    /// A company taking part in business-to-business cooperation.
    CompanyId
);
id_type!(
    /// A matchmaking meeting between companies.
    MatchmakingId
);
id_type!(
    /// A memorandum of understanding between companies.
    BusinessMouId
);
id_type!(
    /// A company's intention to invest, followed to operation.
    IntentionId
);
id_type!(
    /// A node of the results framework: the goal, a line of impact, an outcome or an output.
    ResultId
);
id_type!(
    /// An indicator of the results framework.
    IndicatorId
);
id_type!(
    /// A period of an indicator.
    PeriodId
);
id_type!(
    /// One side's actual for a period.
    ActualId
);
id_type!(
    /// A news item for the public: a press summary both parties approve before it is published.
    NewsItemId
);
id_type!(
    /// One party's approval of a version of a news item.
    NewsApprovalId
);
