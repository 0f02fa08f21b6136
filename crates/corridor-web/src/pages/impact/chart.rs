//! Charts drawn on the server as SVG geometry the templates place: a line chart of an indicator's targets,
//! each side's actuals and the agreed figure over its periods, and a bar chart (scores, or a breakdown by
//! dimension). Every chart sits beside a data table with the same numbers, for print and screen readers.

/// A point of a series, with the value it shows.
pub(crate) struct Dot {
    pub x: i64,
    pub y: i64,
    pub title: String,
}

/// One line of the chart.
pub(crate) struct Series {
    pub name: String,
    /// A CSS class: `target`, `side-0`, `side-1`, `agreed`.
    pub class: &'static str,
    /// `x,y x,y …` for the polyline.
    pub points: String,
    pub dots: Vec<Dot>,
}

/// A labelled tick.
pub(crate) struct Tick {
    pub at: i64,
    pub label: String,
}

/// A line chart.
pub(crate) struct LineChart {
    pub width: i64,
    pub height: i64,
    pub left: i64,
    pub bottom: i64,
    pub right: i64,
    pub top: i64,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub series: Vec<Series>,
}

const W: i64 = 720;
const H: i64 = 300;
const LEFT: i64 = 70;
const RIGHT: i64 = 20;
const TOP: i64 = 16;
const BOTTOM: i64 = 36;

/// A round step for about five ticks up to `max`.
fn step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "pixel positions are small and rounded"
)]
fn px(v: f64) -> i64 {
    v.round() as i64
}

/// Draws `series` (name, class, one value per label) over `labels`; `None` when nothing has a value.
pub(crate) fn line_chart(
    labels: &[String],
    series: Vec<(String, &'static str, Vec<Option<f64>>)>,
    show: impl Fn(f64) -> String,
) -> Option<LineChart> {
    let max = series
        .iter()
        .flat_map(|s| s.2.iter().flatten())
        .copied()
        .fold(f64::NAN, f64::max);
    if max.is_nan() || labels.is_empty() {
        return None;
    }
    let min = series
        .iter()
        .flat_map(|s| s.2.iter().flatten())
        .copied()
        .fold(0.0, f64::min);
    let st = step(max - min);
    let top_value = (max / st).ceil().max(1.0) * st;
    let bottom_value = (min / st).floor() * st;
    let plot_w = (W - LEFT - RIGHT) as f64;
    let plot_h = (H - TOP - BOTTOM) as f64;
    #[expect(clippy::cast_precision_loss, reason = "a few hundred periods at most")]
    let x = |i: usize| {
        let n = labels.len().max(2) - 1;
        LEFT + px(if labels.len() == 1 {
            plot_w / 2.0
        } else {
            plot_w * i as f64 / n as f64
        })
    };
    let y = |v: f64| TOP + px(plot_h * (top_value - v) / (top_value - bottom_value));
    let mut y_ticks = Vec::new();
    let mut v = bottom_value;
    while v <= top_value + st / 2.0 {
        y_ticks.push(Tick {
            at: y(v),
            label: show(v),
        });
        v += st;
    }
    let every = labels.len().div_ceil(12).max(1);
    let x_ticks = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, l)| Tick {
            at: x(i),
            label: l.clone(),
        })
        .collect();
    let series = series
        .into_iter()
        .filter(|s| s.2.iter().any(Option::is_some))
        .map(|(name, class, values)| {
            let dots: Vec<Dot> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    v.map(|v| Dot {
                        x: x(i),
                        y: y(v),
                        title: format!("{name}, {}: {}", labels[i], show(v)),
                    })
                })
                .collect();
            Series {
                points: dots
                    .iter()
                    .map(|d| format!("{},{}", d.x, d.y))
                    .collect::<Vec<_>>()
                    .join(" "),
                name,
                class,
                dots,
            }
        })
        .collect();
    Some(LineChart {
        width: W,
        height: H,
        left: LEFT,
        bottom: H - BOTTOM,
        right: W - RIGHT,
        top: TOP,
        x_ticks,
        y_ticks,
        series,
    })
}

/// One bar.
pub(crate) struct Bar {
    pub label: String,
    pub y: i64,
    pub width: i64,
    pub value: String,
}

/// A horizontal bar chart.
pub(crate) struct BarChart {
    pub width: i64,
    pub height: i64,
    pub left: i64,
    pub bars: Vec<Bar>,
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Bars of `(label, value, shown as)`, scaled to `max` (or the largest value).
pub(crate) fn bar_chart(rows: &[(String, f64, String)], max: Option<f64>) -> Option<BarChart> {
    if rows.is_empty() {
        return None;
    }
    let left = 260;
    let span = max.unwrap_or_else(|| rows.iter().map(|r| r.1).fold(0.0, f64::max));
    let plot = (W - left - 90) as f64;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, value, shown))| Bar {
            label: short(label, 40),
            #[expect(clippy::cast_possible_wrap, reason = "a few dozen bars")]
            y: 8 + 26 * i as i64,
            width: if span > 0.0 {
                px(plot * (value / span).clamp(0.0, 1.0))
            } else {
                0
            },
            value: shown.clone(),
        })
        .collect::<Vec<_>>();
    #[expect(clippy::cast_possible_wrap, reason = "a few dozen bars")]
    let height = 16 + 26 * bars.len() as i64;
    Some(BarChart {
        width: W,
        height,
        left,
        bars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_every_value_is_inside_the_plot() {
        assert!((step(87.0) - 20.0).abs() < f64::EPSILON);
        assert!((step(1_000.0) - 200.0).abs() < f64::EPSILON);
        let labels: Vec<String> = ["2019", "2020", "2021", "2022"].map(String::from).to_vec();
        let chart = line_chart(
            &labels,
            vec![
                (
                    "Target".into(),
                    "target",
                    vec![Some(10.0), Some(20.0), Some(30.0), Some(40.0)],
                ),
                (
                    "Agreed".into(),
                    "agreed",
                    vec![Some(8.0), None, Some(33.0), None],
                ),
                ("Nothing".into(), "side-0", vec![None; 4]),
            ],
            |v| format!("{v}"),
        )
        .unwrap();
        assert_eq!(chart.series.len(), 2, "a series without values is left out");
        for d in chart.series.iter().flat_map(|s| &s.dots) {
            assert!(
                d.x >= chart.left && d.x <= chart.right && d.y >= chart.top && d.y <= chart.bottom
            );
        }
        assert_eq!(chart.series[1].dots[1].title, "Agreed, 2021: 33");
        assert!(
            line_chart(&labels, vec![("x".into(), "target", vec![None; 4])], |v| v
                .to_string())
            .is_none()
        );
        let bars = bar_chart(&[("Zones".into(), 0.5, "50 %".into())], Some(1.0)).unwrap();
        assert_eq!(bars.bars[0].width, (720 - 260 - 90) / 2);
    }
}
