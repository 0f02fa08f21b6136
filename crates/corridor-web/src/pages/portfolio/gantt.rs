//! The milestone timeline, Gantt-like, as SVG: one row per project with its planned span, its actual span
//! (to its end, or to today while under way), and its milestones as diamonds, met or not.

use corridor_core::portfolio::view::{MilestoneView, ProjectView};

/// A diamond on a row.
pub(crate) struct Mark {
    pub x: i64,
    pub title: String,
    pub class: &'static str,
}

/// One project's row.
pub(crate) struct Row {
    pub id: String,
    pub label: String,
    pub y: i64,
    pub planned: Option<(i64, i64)>,
    pub actual: Option<(i64, i64)>,
    pub marks: Vec<Mark>,
}

/// A year on the axis.
pub(crate) struct Tick {
    pub x: i64,
    pub year: i32,
}

/// The drawing.
pub(crate) struct Gantt {
    pub width: i64,
    pub height: i64,
    pub rows: Vec<Row>,
    pub ticks: Vec<Tick>,
    pub today: Option<i64>,
}

const WIDTH: i64 = 860;
const LEFT: i64 = 250;
const ROW: i64 = 28;

fn day(d: Option<&str>) -> Option<i64> {
    let d = corridor_core::dates::parse_date(d?).ok()?;
    Some(i64::from(d.to_julian_day()))
}

fn short(s: &str) -> String {
    if s.chars().count() > 34 {
        format!("{}…", s.chars().take(33).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Builds the chart from the projects and their milestones; `None` when nothing has a date.
pub(crate) fn build(
    projects: &[(ProjectView, Vec<MilestoneView>)],
    today: time::Date,
) -> Option<Gantt> {
    let today = i64::from(today.to_julian_day());
    let mut days: Vec<i64> = Vec::new();
    for (p, ms) in projects {
        for d in [
            &p.planned_start,
            &p.planned_end,
            &p.actual_start,
            &p.actual_end,
        ] {
            days.extend(day(d.as_deref()));
        }
        for m in ms {
            for d in [&m.planned_on, &m.forecast_on, &m.actual_on] {
                days.extend(day(d.as_deref()));
            }
        }
    }
    let (first, last) = (*days.iter().min()?, *days.iter().max()?);
    let last = last.max(first + 365);
    let span = last - first;
    let x = |d: i64| LEFT + (d - first) * (WIDTH - LEFT - 10) / span;
    let rows = projects
        .iter()
        .enumerate()
        .map(|(i, (p, ms))| {
            let y = 30 + i as i64 * ROW;
            let planned = match (
                day(p.planned_start.as_deref()),
                day(p.planned_end.as_deref()),
            ) {
                (Some(a), Some(b)) => Some((x(a), x(b).max(x(a) + 2))),
                _ => None,
            };
            let actual = day(p.actual_start.as_deref()).map(|a| {
                let b = day(p.actual_end.as_deref()).unwrap_or(today.min(last));
                (x(a), x(b).max(x(a) + 2))
            });
            let marks = ms
                .iter()
                .filter_map(|m| {
                    let (when, class) = match m.status.as_str() {
                        "met" => (day(m.actual_on.as_deref())?, "met"),
                        "partly_met" => (day(m.actual_on.as_deref())?, "partly"),
                        "not_met" => (
                            day(m.forecast_on.as_deref().or(m.planned_on.as_deref()))?,
                            "missed",
                        ),
                        _ => (
                            day(m.forecast_on.as_deref().or(m.planned_on.as_deref()))?,
                            "scheduled",
                        ),
                    };
                    Some(Mark {
                        x: x(when),
                        title: format!("{}: {}", m.title, m.status.replace('_', " ")),
                        class,
                    })
                })
                .collect();
            Row {
                id: p.id.clone(),
                label: short(&p.name),
                y,
                planned,
                actual,
                marks,
            }
        })
        .collect();
    let (y0, y1) = (
        time::Date::from_julian_day(first as i32).ok()?.year(),
        time::Date::from_julian_day(last as i32).ok()?.year(),
    );
    let ticks = (y0 + 1..=y1)
        .filter_map(|y| {
            let d = time::Date::from_calendar_date(y, time::Month::January, 1).ok()?;
            Some(Tick {
                x: x(i64::from(d.to_julian_day())),
                year: y,
            })
        })
        .collect();
    Some(Gantt {
        width: WIDTH,
        height: 40 + projects.len() as i64 * ROW,
        rows,
        ticks,
        today: (first..=last).contains(&today).then(|| x(today)),
    })
}
