//! The instrument's timeline as SVG: one lane per party's domestic track and one for the joint steps, on one
//! time axis. Positions are computed here; the template only places them, escaping every label.

use corridor_core::instrument::view::StepView;

/// A step on a lane.
pub(crate) struct Point {
    pub x: i64,
    pub title: String,
    pub planned: bool,
}

/// One track.
pub(crate) struct Lane {
    pub label: String,
    pub y: i64,
    pub points: Vec<Point>,
}

/// A year mark on the axis.
pub(crate) struct Tick {
    pub x: i64,
    pub year: i32,
}

/// The drawing.
pub(crate) struct Timeline {
    pub width: i64,
    pub height: i64,
    pub left: i64,
    pub lanes: Vec<Lane>,
    pub ticks: Vec<Tick>,
}

const WIDTH: i64 = 760;
const LEFT: i64 = 150;
const LANE: i64 = 34;

fn day_of(date: &str) -> Option<i64> {
    let d = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(i64::from(d.to_julian_day()))
}

/// Lanes in order: earlier instruments this one stands to (one lane each, so the story starts where it
/// started), the joint steps, then each party's own track.
pub(crate) fn build(steps: &[StepView], earlier: &[(String, Vec<StepView>)]) -> Option<Timeline> {
    let all: Vec<(Option<&str>, &StepView)> = earlier
        .iter()
        .flat_map(|(title, list)| list.iter().map(move |s| (Some(title.as_str()), s)))
        .chain(steps.iter().map(|s| (None, s)))
        .collect();
    let days: Vec<i64> = all
        .iter()
        .map(|(_, s)| s)
        .filter_map(|s| s.acted_on.as_deref().and_then(day_of))
        .collect();
    let (first, last) = (*days.iter().min()?, *days.iter().max()?);
    let span = (last - first).max(1);
    let x_of = |day: i64| LEFT + 10 + (day - first) * (WIDTH - LEFT - 30) / span;
    let mut lanes: Vec<Lane> = Vec::new();
    for (from, s) in all {
        let Some(day) = s.acted_on.as_deref().and_then(day_of) else {
            continue;
        };
        let label = from.map(short).unwrap_or_else(|| {
            s.party.as_ref().map_or_else(
                || "Joint steps".to_owned(),
                |p| {
                    format!(
                        "{}: own track",
                        p.name.clone().unwrap_or_else(|| "A party".into())
                    )
                },
            )
        });
        let kind = s
            .kind
            .parse::<corridor_core::instrument::steps::StepKind>()
            .map_or(s.kind.clone(), |k| k.label().to_owned());
        let point = Point {
            x: x_of(day),
            title: format!("{kind}, {}", s.acted_on.clone().unwrap_or_default()),
            planned: s.status == "planned",
        };
        match lanes.iter_mut().find(|l| l.label == label) {
            Some(l) => l.points.push(point),
            None => lanes.push(Lane {
                label,
                y: 0,
                points: vec![point],
            }),
        }
    }
    lanes.sort_by_key(|l| (!lanes_earlier(&l.label, earlier), l.label != "Joint steps"));
    for (i, l) in lanes.iter_mut().enumerate() {
        l.y = 24 + LANE * i as i64;
    }
    let (first_year, last_year) = (year_of(first), year_of(last));
    let ticks = (first_year..=last_year + 1)
        .filter_map(|y| {
            let day = i64::from(
                time::Date::from_calendar_date(y, time::Month::January, 1)
                    .ok()?
                    .to_julian_day(),
            );
            (day >= first && day <= last).then(|| Tick {
                x: x_of(day),
                year: y,
            })
        })
        .collect();
    Some(Timeline {
        width: WIDTH,
        height: 24 + LANE * lanes.len() as i64 + 10,
        left: LEFT,
        lanes,
        ticks,
    })
}

fn year_of(julian: i64) -> i32 {
    i32::try_from(julian)
        .ok()
        .and_then(|j| time::Date::from_julian_day(j).ok())
        .map_or(2000, |d| d.year())
}

fn lanes_earlier(label: &str, earlier: &[(String, Vec<StepView>)]) -> bool {
    earlier.iter().any(|(t, _)| short(t) == label)
}

/// A lane label that fits beside the axis.
fn short(title: &str) -> String {
    if title.chars().count() <= 24 {
        title.to_owned()
    } else {
        format!("{}…", title.chars().take(23).collect::<String>().trim_end())
    }
}
