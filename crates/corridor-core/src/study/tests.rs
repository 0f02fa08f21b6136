use super::*;
use time::macros::date;

fn reached(phase: Phase, on: Date) -> Reached {
    Reached {
        phase,
        on,
        meeting_id: None,
    }
}

#[test]
fn a_study_moves_one_phase_at_a_time_forward_in_time() {
    let today = date!(2026 - 11 - 29);
    let step = |phase, on| NewPhase {
        phase,
        on,
        meeting_id: None,
    };
    assert!(
        check_phase(
            &[],
            &step(Phase::TermsAgreed, date!(2019 - 03 - 01)),
            today,
            None
        )
        .is_ok()
    );
    let e = check_phase(
        &[],
        &step(Phase::Fieldwork, date!(2019 - 03 - 01)),
        today,
        None,
    )
    .unwrap_err();
    assert!(e.message.contains("Terms of reference agreed"), "{e:?}");
    let done = [reached(Phase::TermsAgreed, date!(2019 - 03 - 01))];
    let e = check_phase(
        &done,
        &step(Phase::Fieldwork, date!(2019 - 02 - 01)),
        today,
        None,
    )
    .unwrap_err();
    assert_eq!(e.field, "on");
    let e = check_phase(
        &done,
        &step(Phase::Fieldwork, date!(2030 - 01 - 01)),
        today,
        None,
    )
    .unwrap_err();
    assert!(e.message.contains("future"));
    let all: Vec<Reached> = Phase::ALL
        .iter()
        .map(|p| reached(*p, date!(2020 - 01 - 01)))
        .collect();
    assert!(
        check_phase(
            &all,
            &step(Phase::Accepted, date!(2021 - 01 - 01)),
            today,
            None
        )
        .is_err()
    );
    let sub = [
        reached(Phase::TermsAgreed, date!(2019 - 03 - 01)),
        reached(Phase::Fieldwork, date!(2019 - 04 - 01)),
        reached(Phase::DraftReport, date!(2019 - 10 - 22)),
    ];
    let e = check_phase(
        &sub,
        &step(Phase::Submitted, date!(2021 - 01 - 01)),
        today,
        Some(date!(2020 - 12 - 15)),
    )
    .unwrap_err();
    assert!(e.message.contains("before"), "{e:?}");
    assert!(
        check_phase(
            &sub,
            &step(Phase::Submitted, date!(2020 - 01 - 22)),
            today,
            Some(date!(2020 - 12 - 15)),
        )
        .is_ok()
    );
}

#[test]
fn submitting_and_accepting_name_their_meeting() {
    let e = NewPhase::try_from(&PhaseInput {
        phase: Some("accepted".into()),
        on: Some("2022-04-08".into()),
        meeting_id: None,
    })
    .unwrap_err();
    assert_eq!(e.0[0].field, "meeting_id");
    let e = NewRecommendation::try_from(&RecommendationInput {
        potential: Some("huge".into()),
        ..Default::default()
    })
    .unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["text", "potential"]);
}
