//! Isochrone polygons from a travel-time grid by marching squares, as GeoJSON.
//!
//! A grid point is inside the band of threshold `T` when its time is ≤ `T`.
//! Contour crossings are interpolated along cell edges but kept strictly
//! between the two points, so inside points are always inside the polygon
//! and outside points outside. Rings are oriented (outer counter-clockwise,
//! holes clockwise, as RFC 7946 asks) and closed.

use crate::geo::LatLon;
use crate::grid::TravelTimeGrid;
use crate::network::NONE;
use std::collections::HashMap;
use std::fmt::Write;

/// One polygon: the outer ring first, then its holes; each ring closed
/// (first point repeated at the end).
pub type Polygon = Vec<Vec<LatLon>>;

#[derive(Clone, Debug, PartialEq)]
pub struct IsochroneBand {
    pub threshold_s: u32,
    pub polygons: Vec<Polygon>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContourParams {
    /// Holes smaller than this many grid cells are dropped (noise, not
    /// real unreachable areas).
    pub min_hole_cells: f64,
}

impl Default for ContourParams {
    fn default() -> Self {
        Self {
            min_hole_cells: 2.5,
        }
    }
}

/// One MultiPolygon per threshold, in the order given.
pub fn isochrones(
    grid: &TravelTimeGrid,
    thresholds_s: &[u32],
    params: ContourParams,
) -> Vec<IsochroneBand> {
    thresholds_s
        .iter()
        .map(|&threshold_s| IsochroneBand {
            threshold_s,
            polygons: band_polygons(grid, threshold_s, params),
        })
        .collect()
}

/// A point in grid units (column, row).
type GridPoint = (f64, f64);

fn band_polygons(grid: &TravelTimeGrid, threshold: u32, params: ContourParams) -> Vec<Polygon> {
    let rings = contour_rings(grid, threshold);
    let mut outers: Vec<(Vec<GridPoint>, f64)> = Vec::new();
    let mut holes: Vec<Vec<GridPoint>> = Vec::new();
    for ring in rings {
        let area = signed_area(&ring);
        if area > 0.0 {
            outers.push((ring, area));
        } else if -area >= params.min_hole_cells {
            holes.push(ring);
        }
    }
    let mut polygons: Vec<Vec<Vec<GridPoint>>> =
        outers.iter().map(|(ring, _)| vec![ring.clone()]).collect();
    for hole in holes {
        // The smallest outer ring containing the hole owns it.
        let probe = hole[0];
        let owner = outers
            .iter()
            .enumerate()
            .filter(|(_, (ring, _))| contains(ring, probe))
            .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
            .map(|(i, _)| i);
        if let Some(owner) = owner {
            polygons[owner].push(hole);
        }
    }
    polygons
        .into_iter()
        .map(|rings| {
            rings
                .into_iter()
                .map(|ring| {
                    let mut out: Vec<LatLon> = ring
                        .iter()
                        .map(|&(c, r)| grid.spec.position(c, r))
                        .collect();
                    if let Some(&first) = out.first() {
                        out.push(first);
                    }
                    out
                })
                .collect()
        })
        .collect()
}

/// Shoelace formula, in grid cells (positive = counter-clockwise).
fn signed_area(ring: &[GridPoint]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

/// Even-odd point-in-ring test.
pub(crate) fn contains(ring: &[GridPoint], p: GridPoint) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Closed contour rings (without the repeated last point), inside on the left.
fn contour_rings(grid: &TravelTimeGrid, threshold: u32) -> Vec<Vec<GridPoint>> {
    let (columns, rows) = (grid.spec.columns() as isize, grid.spec.rows() as isize);
    let value = |c: isize, r: isize| grid.get(c, r);
    let inside = |c: isize, r: isize| value(c, r) <= threshold;
    // Edge keys over the grid padded by one unreached point on every side.
    let padded_columns = columns + 2;
    let edge_key = |c: isize, r: isize, vertical: bool| {
        (((r + 1) * padded_columns + (c + 1)) as u64) << 1 | vertical as u64
    };
    // Crossing on the edge from point (c0, r0) to its neighbour (c1, r1).
    let crossing = |c0: isize, r0: isize, c1: isize, r1: isize| -> GridPoint {
        let (v0, v1) = (value(c0, r0), value(c1, r1));
        let (inner, outer, from_first) = if v0 <= threshold {
            (v0, v1, true)
        } else {
            (v1, v0, false)
        };
        let t_from_inner = if outer == NONE || outer <= inner {
            0.5
        } else {
            ((threshold - inner) as f64 + 0.5) / (outer - inner) as f64
        }
        .clamp(0.05, 0.95);
        let t = if from_first {
            t_from_inner
        } else {
            1.0 - t_from_inner
        };
        (
            c0 as f64 + t * (c1 - c0) as f64,
            r0 as f64 + t * (r1 - r0) as f64,
        )
    };

    // Segment start key -> (end key, start point).
    let mut next: HashMap<u64, (u64, GridPoint)> = HashMap::new();
    for r in -1..rows {
        for c in -1..columns {
            // Corners counter-clockwise: bl, br, tr, tl; edge k goes corner k -> k+1.
            let corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)];
            let is_in = corners.map(|(cc, rr)| inside(cc, rr));
            if is_in.iter().all(|&b| b) || is_in.iter().all(|&b| !b) {
                continue;
            }
            let keys = [
                edge_key(c, r, false),
                edge_key(c + 1, r, true),
                edge_key(c, r + 1, false),
                edge_key(c, r, true),
            ];
            let mut exits = Vec::with_capacity(2);
            let mut entries = Vec::with_capacity(2);
            for k in 0..4 {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                if is_in[k] && !is_in[(k + 1) % 4] {
                    exits.push((k, keys[k], crossing(a.0, a.1, b.0, b.1)));
                } else if !is_in[k] && is_in[(k + 1) % 4] {
                    entries.push((k, keys[k], crossing(a.0, a.1, b.0, b.1)));
                }
            }
            if exits.len() == 1 && entries.len() == 1 {
                next.insert(exits[0].1, (entries[0].1, exits[0].2));
                continue;
            }
            if exits.len() != 2 || entries.len() != 2 {
                continue;
            }
            // Saddle: the centre decides whether the inside corners join.
            let values = corners.map(|(cc, rr)| value(cc, rr));
            let centre_inside = values.iter().all(|&v| v != NONE)
                && values.iter().map(|&v| v as f64).sum::<f64>() / 4.0 <= threshold as f64;
            for &(exit_edge, exit_key, exit_point) in &exits {
                // Entries in counter-clockwise order after the exit.
                let mut after: Vec<_> = entries
                    .iter()
                    .map(|&(edge, key, _)| ((edge + 4 - exit_edge) % 4, key))
                    .collect();
                after.sort();
                let chosen = if centre_inside {
                    after[0].1
                } else {
                    after[1].1
                };
                next.insert(exit_key, (chosen, exit_point));
            }
        }
    }

    let mut rings = Vec::new();
    let mut starts: Vec<u64> = next.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if !next.contains_key(&start) {
            continue;
        }
        let mut ring = Vec::new();
        let mut key = start;
        while let Some((end, point)) = next.remove(&key) {
            ring.push(point);
            key = end;
        }
        if ring.len() >= 3 {
            rings.push(ring);
        }
    }
    rings
}

/// A GeoJSON `FeatureCollection`, one `MultiPolygon` feature per band, with
/// `threshold_s` and `threshold_min` properties; coordinates `[lon, lat]`.
pub fn to_geojson(bands: &[IsochroneBand]) -> String {
    let mut out = String::from(r#"{"type":"FeatureCollection","features":["#);
    for (i, band) in bands.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"type":"Feature","properties":{{"threshold_s":{},"threshold_min":{}}},"geometry":{{"type":"MultiPolygon","coordinates":["#,
            band.threshold_s,
            band.threshold_s as f64 / 60.0
        );
        for (p, polygon) in band.polygons.iter().enumerate() {
            out.push_str(if p > 0 { ",[" } else { "[" });
            for (r, ring) in polygon.iter().enumerate() {
                out.push_str(if r > 0 { ",[" } else { "[" });
                for (k, point) in ring.iter().enumerate() {
                    let _ = write!(
                        out,
                        "{}[{:.6},{:.6}]",
                        if k > 0 { "," } else { "" },
                        point.lon,
                        point.lat
                    );
                }
                out.push(']');
            }
            out.push(']');
        }
        out.push_str("]}}");
    }
    out.push_str("]}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::GridSpec;
    use proptest::prelude::*;

    fn spec(columns: usize, rows: usize) -> GridSpec {
        let sw = LatLon::new(48.1, -1.7);
        let probe = GridSpec::covering(sw, sw, 100.0);
        let ne = probe.position((columns - 1) as f64, (rows - 1) as f64);
        GridSpec::covering(sw, ne, 100.0)
    }

    fn to_grid(grid: &TravelTimeGrid, ring: &[LatLon]) -> Vec<GridPoint> {
        ring.iter()
            .map(|&p| grid.spec.grid_coordinates(p))
            .collect()
    }

    fn polygon_contains(grid: &TravelTimeGrid, polygon: &Polygon, p: GridPoint) -> bool {
        let mut rings = polygon.iter().map(|ring| contains(&to_grid(grid, ring), p));
        rings.next().unwrap_or(false) && !rings.any(|in_hole| in_hole)
    }

    #[test]
    fn cone_gives_one_round_closed_counter_clockwise_polygon() {
        let spec = spec(21, 21);
        assert_eq!((spec.columns(), spec.rows()), (21, 21));
        let seconds = (0..21 * 21)
            .map(|i| {
                let (c, r) = ((i % 21) as f64 - 10.0, (i / 21) as f64 - 10.0);
                ((c * c + r * r).sqrt() * 60.0) as u32
            })
            .collect();
        let grid = TravelTimeGrid::new(spec, seconds);
        let bands = isochrones(&grid, &[300, 3_000], ContourParams::default());
        assert_eq!(bands[0].polygons.len(), 1);
        let ring = &bands[0].polygons[0][0];
        assert_eq!(ring.first(), ring.last());
        let area = signed_area(&to_grid(&grid, &ring[..ring.len() - 1]));
        // A disc of radius ≈ 5 cells.
        assert!((70.0..95.0).contains(&area), "{area}");
        // Beyond the grid everything is outside: the ring follows the border.
        assert_eq!(bands[1].polygons.len(), 1);
        let json = to_geojson(&bands);
        assert!(json.starts_with(r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"threshold_s":300,"threshold_min":5}"#));
        assert!(json.contains(r#""type":"MultiPolygon","coordinates":[[[["#));
    }

    #[test]
    fn small_holes_are_dropped_and_large_ones_kept() {
        let spec = spec(12, 12);
        let mut seconds = vec![60; 144];
        seconds[3 * 12 + 3] = 9_999;
        for r in 6..10 {
            for c in 6..10 {
                seconds[r * 12 + c] = 9_999;
            }
        }
        let grid = TravelTimeGrid::new(spec, seconds);
        let band = &isochrones(&grid, &[600], ContourParams::default())[0];
        assert_eq!(band.polygons.len(), 1);
        assert_eq!(
            band.polygons[0].len(),
            2,
            "outer ring and the 4×4 hole only"
        );
        assert!(band.polygons[0][1].len() > 4);
        assert!(to_geojson(std::slice::from_ref(band)).contains("]],[["));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn grid_points_inside_polygons_are_within_threshold(
            columns in 2usize..14,
            rows in 2usize..14,
            values in prop::collection::vec(prop_oneof![8 => 0u32..1_200, 1 => Just(NONE)], 196),
            threshold in 100u32..1_100,
        ) {
            let spec = spec(columns, rows);
            let grid = TravelTimeGrid::new(spec, values[..spec.len()].to_vec());
            let band = &isochrones(&grid, &[threshold], ContourParams::default())[0];
            for row in 0..spec.rows() as isize {
                for column in 0..spec.columns() as isize {
                    let time = grid.get(column, row);
                    let p = (column as f64, row as f64);
                    let inside = band.polygons.iter().any(|polygon| polygon_contains(&grid, polygon, p));
                    if time <= threshold {
                        prop_assert!(inside, "point {:?} at {} s is outside the {} s band", p, time, threshold);
                    } else if inside {
                        // Only dropped tiny holes put such points inside: a neighbour is within threshold.
                        let near = (-1..=1).any(|dr| (-1..=1).any(|dc| grid.get(column + dc, row + dr) <= threshold));
                        prop_assert!(near, "point {:?} at {} s is deep inside the {} s band", p, time, threshold);
                    }
                }
            }
        }
    }
}
