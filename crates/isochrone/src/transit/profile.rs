//! Departure-window profile: one forward scan per departure minute, so that
//! a single lucky bus does not decide; per target the best and the median
//! travel time over the window.

use super::csa::ForwardScan;
use crate::engine::Engine;
use crate::geo::LatLon;
use crate::network::NONE;
use crate::street::{StreetMode, Targets};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProfileQuery {
    pub origin: LatLon,
    /// First departure, seconds since midnight.
    pub window_start_s: u32,
    /// Length of the window; departures at start, start + step, ... start + window.
    pub window_s: u32,
    pub step_s: u32,
    pub max_travel_s: u32,
}

impl ProfileQuery {
    /// Every minute over `window_minutes`.
    pub fn every_minute(
        origin: LatLon,
        window_start_s: u32,
        window_minutes: u32,
        max_travel_s: u32,
    ) -> Self {
        Self {
            origin,
            window_start_s,
            window_s: window_minutes * 60,
            step_s: 60,
            max_travel_s,
        }
    }

    pub fn departures(&self) -> impl Iterator<Item = u32> {
        let step = self.step_s.max(1);
        let start = self.window_start_s;
        (0..=self.window_s / step).map(move |k| start.saturating_add(k * step))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetProfile {
    /// Shortest travel time over the window.
    pub best_s: Option<u32>,
    /// Median travel time over all departures (lower median; unreached
    /// departures count as infinitely long).
    pub median_s: Option<u32>,
    /// Departure time giving `best_s`.
    pub best_departure_s: Option<u32>,
}

/// Walks from nearby stops to each target, computed once for repeated
/// profile queries. Egress walks are capped at `max_walk_s` here (the
/// single-departure query lets them use the whole travel budget).
#[derive(Clone, Debug)]
pub struct EgressTable {
    targets: Targets,
    starts: Vec<u32>,
    walks: Vec<(u32, u32)>,
}

impl EgressTable {
    pub fn targets(&self) -> &Targets {
        &self.targets
    }
    fn walks(&self, target: usize) -> &[(u32, u32)] {
        &self.walks[self.starts[target] as usize..self.starts[target + 1] as usize]
    }
}

impl Engine {
    pub fn egress_table(&self, targets: &Targets) -> EgressTable {
        let max_walk_s = self.params.max_walk_s;
        let mut starts = vec![0u32];
        let mut walks = Vec::new();
        for (&point, &snap) in targets.points.iter().zip(&targets.walk(self).snaps) {
            walks.extend(self.walks_near(point, snap, max_walk_s, max_walk_s));
            starts.push(walks.len() as u32);
        }
        EgressTable {
            targets: targets.clone(),
            starts,
            walks,
        }
    }

    pub fn transit_profile(
        &self,
        query: &ProfileQuery,
        egress: &EgressTable,
    ) -> Vec<TargetProfile> {
        let max_walk_s = self.params.max_walk_s;
        let origin_snap = self.snap(query.origin, StreetMode::Walk);
        let access = self.walks_near(query.origin, origin_snap, max_walk_s, max_walk_s);
        let direct = self.street_travel_times(
            query.origin,
            StreetMode::Walk,
            &egress.targets,
            query.max_travel_s,
        );
        let departures: Vec<u32> = query.departures().collect();
        let target_count = egress.targets.len();
        // travel[target * departures + k]; NONE when unreached.
        let mut travel = vec![NONE; target_count * departures.len()];
        let mut scan = ForwardScan::new(self.network());
        for (k, &departure) in departures.iter().enumerate() {
            let limit = departure.saturating_add(query.max_travel_s);
            scan.run(self.network(), &access, departure, limit);
            for target in 0..target_count {
                let mut best =
                    direct[target].map_or(u64::MAX, |walk| departure as u64 + walk.seconds as u64);
                for &(stop, walk_s) in egress.walks(target) {
                    let arrival = scan.arrival[stop as usize];
                    if arrival != NONE {
                        best = best.min(arrival as u64 + walk_s as u64);
                    }
                }
                if best <= limit as u64 {
                    travel[target * departures.len() + k] = (best - departure as u64) as u32;
                }
            }
        }
        travel
            .chunks(departures.len().max(1))
            .take(target_count)
            .map(|times| {
                let best = times
                    .iter()
                    .enumerate()
                    .filter(|(_, &t)| t != NONE)
                    .min_by_key(|(_, &t)| t);
                let mut sorted = times.to_vec();
                sorted.sort_unstable();
                let median = sorted
                    .get((sorted.len().saturating_sub(1)) / 2)
                    .copied()
                    .filter(|&t| t != NONE);
                TargetProfile {
                    best_s: best.map(|(_, &t)| t),
                    median_s: median,
                    best_departure_s: best.map(|(k, _)| departures[k]),
                }
            })
            .collect()
    }
}
