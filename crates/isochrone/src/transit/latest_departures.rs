//! Arriving by a deadline, from one origin to many targets: the latest
//! departure to each target, for an arrive-by isochrone. The time budget
//! then only says which targets are in (deadline − departure ≤ budget), so
//! one search answers every budget up to the window.
//!
//! Departures are tried every `step_s` back from the deadline, as conveyal r5
//! tries every minute: the answer is the latest of those that arrives in
//! time, exactly what one forward query per step would say. Walking alone
//! does not depend on the departure, so it is one search. For the rest, as
//! departures get earlier every stop's arrival only improves (one can always
//! leave earlier and wait), so a single street search whose times only go
//! down follows them, and a target takes the first (latest) departure that
//! gets it there in time.

use super::csa::ForwardScan;
use crate::engine::{group_by, Engine};
use crate::geo::LatLon;
use crate::network::NONE;
use crate::street::{millis, Seed, StreetMode, StreetSearch, Targets};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatestDepartureQuery {
    pub origin: LatLon,
    /// Deadline at the targets, seconds since midnight of the service day.
    pub arrive_by_s: u32,
    /// Departures are tried back to `arrive_by_s - window_s`.
    pub window_s: u32,
    /// Time between two departures tried.
    pub step_s: u32,
}

impl LatestDepartureQuery {
    /// Every minute over the window, latest first.
    pub fn departures(&self) -> impl Iterator<Item = u32> {
        let step = self.step_s.max(1);
        let deadline = self.arrive_by_s;
        (0..=self.window_s.min(deadline) / step).map(move |k| deadline - k * step)
    }
}

impl Engine {
    /// Per target, the latest departure tried that arrives by the deadline
    /// (`None` if none does).
    pub fn transit_latest_departures(
        &self,
        query: &LatestDepartureQuery,
        targets: &Targets,
    ) -> Vec<Option<u32>> {
        let deadline = query.arrive_by_s;
        let departures: Vec<u32> = query.departures().collect();
        let mut latest: Vec<Option<u32>> = vec![None; targets.len()];
        let Some(&earliest) = departures.last() else { return latest };
        let max_walk_s = self.params.max_walk_s;
        let walk_speed = self.params.walk_speed_mps;
        let origin_snap = self.snap(query.origin, StreetMode::Walk);
        let access = self.walks_near(query.origin, origin_snap, max_walk_s, max_walk_s);

        // Walking only (to a stop and on, or straight): its time, leaving at 0.
        let mut walked = vec![NONE; self.network.stops().len()];
        for &(stop, walk_s) in &access {
            walked[stop as usize] = walked[stop as usize].min(walk_s);
        }
        let window_s = deadline - earliest;
        for (target, (walk_s, _)) in self
            .walk_on(query.origin, origin_snap, 0, &walked, window_s, targets)
            .into_iter()
            .enumerate()
        {
            if walk_s <= window_s as u64 {
                // The latest departure tried that leaves this much time.
                latest[target] = departures.iter().copied().find(|&d| d as u64 + walk_s <= deadline as u64);
            }
        }

        // Riding: one forward scan per departure, streets followed as stop arrivals improve.
        let walk_targets = targets.walk(self);
        let (on_node_starts, on_node) = group_by(
            self.walk_adjacency.node_count(),
            walk_targets
                .snaps
                .iter()
                .enumerate()
                .filter_map(|(target, snap)| snap.map(|s| (s.node, target as u32))),
        );
        let mut streets = StreetSearch::new(&self.walk_adjacency, walk_speed, deadline as u64 * 1000);
        let mut seeded = vec![NONE; self.network.stops().len()];
        let mut scan = ForwardScan::new(self.network());
        let mut settled = Vec::new();
        for &departure in &departures {
            scan.run(self.network(), &access, departure, deadline);
            let take = |target: u32, arrival_s: u64, latest: &mut [Option<u32>]| {
                let slot = &mut latest[target as usize];
                if arrival_s <= deadline as u64 && slot.is_none_or(|d| d < departure) {
                    *slot = Some(departure);
                }
            };
            for (stop, &arrival) in scan.ridden_arrival.iter().enumerate() {
                if arrival >= seeded[stop] {
                    continue;
                }
                seeded[stop] = arrival;
                if let Some(snap) = self.stop_snaps[stop] {
                    streets.seed(Seed {
                        node: snap.node,
                        time_ms: arrival as u64 * 1000 + millis(snap.distance_m, walk_speed),
                        source: stop as u32,
                    });
                }
                self.straight_line_egress(stop as u32, arrival, targets, |target, arrival_s| {
                    take(target, arrival_s, &mut latest)
                });
            }
            settled.clear();
            streets.settle(|node| settled.push(node));
            for &node in &settled {
                let reached_ms = streets.time_ms[node as usize];
                let range = on_node_starts[node as usize] as usize..on_node_starts[node as usize + 1] as usize;
                for &target in &on_node[range] {
                    if latest[target as usize].is_some_and(|d| d >= departure) {
                        continue;
                    }
                    let snap = walk_targets.snaps[target as usize].expect("grouped by snap node");
                    let arrival_s = (reached_ms + millis(snap.distance_m, walk_speed)).div_ceil(1000);
                    take(target, arrival_s, &mut latest);
                }
            }
        }
        latest
    }
}
