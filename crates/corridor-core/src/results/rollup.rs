//! The roll-up, written so anyone can recompute it from the page. Only agreed figures count (or computed
//! ones, which come from the system's own records).
//!
//! 1. An indicator's current value aggregates its agreed periods: the sum, the average, or the latest.
//! 2. Its score is the share of the way from baseline to target that value has come, capped to 0–100 %;
//!    when lower is better the distance is measured downwards. With no baseline, 0 is the baseline. A yes/no
//!    indicator scores 100 % at yes. Qualitative indicators have no score.
//! 3. A node's score is the weighted mean of its parts' scores (its indicators and the nodes under it), over
//!    the parts that have a score: Σ wᵢ·sᵢ ÷ Σ wᵢ.

use super::{Aggregation, Direction, Unit};

/// The formula as the pages print it.
pub const FORMULA: &str = "An indicator's score = (value − baseline) ÷ (target − baseline), capped to 0–100 % \
(measured downwards when lower is better; yes counts 100 %); its value is the sum, average or latest of its \
agreed periods, as the indicator says, against the target of the same periods. A node's score = Σ wᵢ × sᵢ ÷ Σ wᵢ \
over its indicators and sub-nodes that have a score. Only jointly validated (or computed) figures count.";

/// One period's agreed figure and headline target, in period order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeriodFigure {
    /// The agreed figure, if validated.
    pub agreed: Option<f64>,
    /// The headline target, if set.
    pub target: Option<f64>,
}

/// The indicator's current value and the target it is measured against, from its periods.
pub fn current(aggregation: Aggregation, periods: &[PeriodFigure]) -> Option<(f64, Option<f64>)> {
    let agreed: Vec<&PeriodFigure> = periods.iter().filter(|p| p.agreed.is_some()).collect();
    let values: Vec<f64> = agreed.iter().filter_map(|p| p.agreed).collect();
    if values.is_empty() {
        return None;
    }
    match aggregation {
        Aggregation::Sum => {
            // Measured against all targets set up to the last agreed period.
            let last = periods
                .iter()
                .rposition(|p| p.agreed.is_some())
                .unwrap_or(0);
            let targets: Vec<f64> = periods[..=last].iter().filter_map(|p| p.target).collect();
            Some((
                values.iter().sum(),
                (!targets.is_empty()).then(|| targets.iter().sum()),
            ))
        }
        Aggregation::Average => {
            let targets: Vec<f64> = agreed.iter().filter_map(|p| p.target).collect();
            #[expect(clippy::cast_precision_loss, reason = "at most 240 periods")]
            let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            Some((mean(&values), (!targets.is_empty()).then(|| mean(&targets))))
        }
        Aggregation::Latest => agreed.last().map(|p| (p.agreed.unwrap_or(0.0), p.target)),
    }
}

/// The score from 0 to 1 of `value` against `target` from `baseline`, or `None` when it cannot be scored.
pub fn score(
    unit: Unit,
    direction: Direction,
    baseline: Option<f64>,
    value: f64,
    target: Option<f64>,
) -> Option<f64> {
    match unit {
        Unit::Qualitative => None,
        Unit::YesNo => Some(if value >= 0.5 { 1.0 } else { 0.0 }),
        _ => {
            let target = target?;
            let base = baseline.unwrap_or(0.0);
            let (done, needed) = match direction {
                Direction::Higher => (value - base, target - base),
                Direction::Lower => (base - value, base - target),
            };
            if needed <= 0.0 {
                // The target asks for no movement: met when the value is at least as good as the target.
                let met = match direction {
                    Direction::Higher => value >= target,
                    Direction::Lower => value <= target,
                };
                return Some(if met { 1.0 } else { 0.0 });
            }
            Some((done / needed).clamp(0.0, 1.0))
        }
    }
}

/// The weighted mean of the parts that have a score: Σ wᵢ·sᵢ ÷ Σ wᵢ.
pub fn weighted(parts: &[(f64, Option<f64>)]) -> Option<f64> {
    let scored: Vec<(f64, f64)> = parts
        .iter()
        .filter_map(|(w, s)| s.map(|s| (*w, s)))
        .collect();
    let total: f64 = scored.iter().map(|(w, _)| w).sum();
    (total > 0.0).then(|| scored.iter().map(|(w, s)| w * s).sum::<f64>() / total)
}
