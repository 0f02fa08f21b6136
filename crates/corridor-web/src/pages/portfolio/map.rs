//! The portfolio map, drawn as SVG on the server from each project's coordinates over simplified province
//! outlines, so it works offline with no tile server. The outlines are coarse polygons written for
//! orientation (a few dozen points each), not boundaries: the page says so.

use corridor_core::portfolio::view::ProjectView;

/// (name, outline as (longitude, latitude) points).
const PROVINCES: [(&str, &[(f64, f64)]); 7] = [
    (
        "Balochistan",
        &[
            (61.6, 25.2),
            (63.5, 25.3),
            (65.0, 25.3),
            (66.6, 24.9),
            (67.2, 25.6),
            (67.3, 26.5),
            (67.6, 27.5),
            (68.2, 28.1),
            (68.9, 28.3),
            (69.6, 28.4),
            (69.3, 29.0),
            (69.7, 29.6),
            (70.2, 30.0),
            (69.8, 31.0),
            (69.3, 31.6),
            (68.0, 31.7),
            (66.6, 31.2),
            (66.3, 29.9),
            (64.0, 29.5),
            (62.5, 29.4),
            (60.9, 29.8),
            (61.5, 28.5),
            (62.8, 27.3),
            (63.2, 26.6),
            (61.8, 26.2),
        ],
    ),
    (
        "Sindh",
        &[
            (66.6, 24.9),
            (67.3, 24.2),
            (67.8, 23.8),
            (68.8, 24.3),
            (70.0, 24.2),
            (71.1, 24.4),
            (70.6, 25.7),
            (70.1, 26.6),
            (69.5, 27.2),
            (70.0, 27.9),
            (69.6, 28.4),
            (68.9, 28.3),
            (68.2, 28.1),
            (67.6, 27.5),
            (67.3, 26.5),
            (67.2, 25.6),
        ],
    ),
    (
        "Punjab",
        &[
            (69.6, 28.4),
            (70.0, 27.9),
            (70.6, 28.0),
            (71.9, 27.9),
            (72.9, 28.9),
            (73.4, 29.9),
            (74.5, 30.9),
            (74.6, 31.8),
            (75.4, 32.3),
            (74.6, 32.8),
            (74.0, 33.0),
            (73.4, 33.2),
            (73.2, 33.8),
            (72.6, 33.9),
            (71.9, 33.2),
            (71.5, 32.5),
            (71.0, 32.0),
            (70.6, 31.3),
            (69.8, 31.0),
            (70.2, 30.0),
            (69.7, 29.6),
            (69.3, 29.0),
        ],
    ),
    (
        "Khyber Pakhtunkhwa",
        &[
            (69.8, 31.0),
            (70.6, 31.3),
            (71.0, 32.0),
            (71.5, 32.5),
            (71.9, 33.2),
            (72.6, 33.9),
            (73.2, 33.8),
            (73.3, 34.3),
            (73.6, 34.9),
            (73.3, 35.5),
            (72.8, 36.0),
            (73.2, 36.6),
            (72.5, 36.9),
            (71.6, 36.5),
            (71.2, 36.0),
            (70.9, 35.2),
            (71.1, 34.4),
            (70.0, 34.0),
            (69.9, 33.6),
            (69.5, 33.0),
            (69.3, 31.6),
        ],
    ),
    (
        "Gilgit-Baltistan",
        &[
            (72.5, 36.9),
            (73.2, 36.6),
            (72.8, 36.0),
            (73.3, 35.5),
            (73.6, 34.9),
            (74.6, 34.9),
            (75.6, 34.6),
            (76.6, 34.9),
            (77.8, 35.5),
            (76.8, 36.0),
            (75.5, 36.9),
            (74.5, 37.1),
            (73.5, 37.0),
        ],
    ),
    (
        "Azad Jammu and Kashmir",
        &[
            (73.4, 33.2),
            (74.0, 33.0),
            (74.1, 33.5),
            (73.9, 33.9),
            (74.5, 34.4),
            (74.6, 34.9),
            (73.6, 34.9),
            (73.3, 34.3),
            (73.2, 33.8),
        ],
    ),
    (
        "Islamabad",
        &[(72.8, 33.6), (73.3, 33.55), (73.35, 33.8), (72.95, 33.8)],
    ),
];

const WEST: f64 = 60.5;
const NORTH: f64 = 37.5;
const SCALE: f64 = 34.0;
/// Degrees of longitude shrink with latitude; the map is drawn at Pakistan's middle latitude, 30°.
const COS_LAT: f64 = 0.866;

fn xy(lon: f64, lat: f64) -> (f64, f64) {
    ((lon - WEST) * SCALE * COS_LAT, (NORTH - lat) * SCALE)
}

/// A province drawn.
pub(crate) struct Outline {
    pub name: &'static str,
    pub points: String,
    pub label_x: i64,
    pub label_y: i64,
    /// Small areas (the capital territory) are named by their tooltip only, not to crowd the pins.
    pub labelled: bool,
}

/// A project placed.
pub(crate) struct Pin {
    pub id: String,
    pub name: String,
    pub status: String,
    pub x: i64,
    pub y: i64,
    pub label_x: i64,
    pub label_y: i64,
}

/// The drawing.
pub(crate) struct Map {
    pub width: i64,
    pub height: i64,
    pub outlines: Vec<Outline>,
    pub pins: Vec<Pin>,
    /// Projects without coordinates, listed under the map.
    pub unplaced: Vec<(String, String)>,
}

/// Draws the projects that have coordinates; the others are listed apart.
pub(crate) fn build(projects: &[ProjectView]) -> Map {
    let (w, h) = xy(78.2, 23.3);
    let outlines = PROVINCES
        .iter()
        .map(|(name, pts)| {
            let drawn: Vec<(f64, f64)> = pts.iter().map(|(lon, lat)| xy(*lon, *lat)).collect();
            let n = drawn.len() as f64;
            let cx = drawn.iter().map(|p| p.0).sum::<f64>() / n;
            let cy = drawn.iter().map(|p| p.1).sum::<f64>() / n;
            Outline {
                name,
                points: drawn
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                label_x: cx.round() as i64,
                label_y: cy.round() as i64,
                labelled: pts.len() > 4,
            }
        })
        .collect();
    let mut pins: Vec<Pin> = Vec::new();
    let mut unplaced = Vec::new();
    for p in projects {
        let (Some(lat), Some(lon)) = (p.latitude, p.longitude) else {
            unplaced.push((p.id.clone(), p.name.clone()));
            continue;
        };
        let (x, y) = xy(lon, lat);
        let (x, y) = (x.round() as i64, y.round() as i64);
        // Labels of pins close together are stacked so they do not overwrite each other.
        let near = pins
            .iter()
            .filter(|q| (q.x - x).abs() < 60 && (q.y - y).abs() < 14)
            .count() as i64;
        pins.push(Pin {
            id: p.id.clone(),
            name: p.name.clone(),
            status: p.status.clone(),
            x,
            y,
            label_x: x + 8,
            label_y: y + 4 + near * 13,
        });
    }
    Map {
        width: w.round() as i64 + 160,
        height: h.round() as i64,
        outlines,
        pins,
        unplaced,
    }
}
