use super::{Footpath, Stop};
use crate::geo::seconds_for;
use crate::spatial::PointIndex;

/// How transfer walks between stops are estimated (straight line × detour).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FootpathParams {
    /// Stops farther apart than this (straight line) get no footpath.
    pub radius_m: f64,
    /// Straight line to street distance ratio.
    pub detour_factor: f64,
    pub walk_speed_mps: f64,
}

impl Default for FootpathParams {
    fn default() -> Self {
        Self {
            radius_m: 400.0,
            detour_factor: 1.3,
            walk_speed_mps: 1.25,
        }
    }
}

/// Footpaths between every pair of distinct stops within `radius_m`, both
/// directions. At least 1 s so that a walk never takes zero time.
pub fn compute_footpaths(stops: &[Stop], params: FootpathParams) -> Vec<Footpath> {
    let positions: Vec<_> = stops.iter().map(|s| s.position).collect();
    let index = PointIndex::new(&positions, params.radius_m.max(50.0));
    let mut footpaths = Vec::new();
    for (from, stop) in stops.iter().enumerate() {
        index.for_each_within(stop.position, params.radius_m, |to, distance_m| {
            if to as usize != from {
                footpaths.push(Footpath {
                    from_stop: from as u32,
                    to_stop: to,
                    duration_s: seconds_for(
                        distance_m * params.detour_factor,
                        params.walk_speed_mps,
                    )
                    .max(1),
                });
            }
        });
    }
    footpaths.sort_by_key(|fp| (fp.from_stop, fp.to_stop));
    footpaths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LatLon;

    #[test]
    fn footpaths_link_close_stops_both_ways() {
        let stops: Vec<Stop> = [0.0, 0.002, 0.02]
            .iter()
            .enumerate()
            .map(|(i, dlon)| Stop {
                source_id: i.to_string(),
                name: i.to_string(),
                position: LatLon::new(48.1, -1.68 + dlon),
            })
            .collect();
        let footpaths = compute_footpaths(&stops, FootpathParams::default());
        assert_eq!(footpaths.len(), 2);
        // 0.002° of longitude at 48.1° ≈ 148.7 m, × 1.3 / 1.25 m/s ≈ 155 s.
        assert!(
            (150..=160).contains(&footpaths[0].duration_s),
            "{:?}",
            footpaths
        );
        assert_eq!((footpaths[1].from_stop, footpaths[1].to_stop), (1, 0));
    }
}
