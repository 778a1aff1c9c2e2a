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
use super::JourneySummary;
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
    /// Time between two departures tried (at least a second).
    pub step_s: u32,
}

impl LatestDepartureQuery {
    /// Every minute back from `arrive_by_s` over `window_s`, as the app asks.
    pub fn every_minute(origin: LatLon, arrive_by_s: u32, window_s: u32) -> Self {
        Self { origin, arrive_by_s, window_s, step_s: 60 }
    }

    /// The departures tried, latest first.
    pub fn departures(&self) -> impl Iterator<Item = u32> {
        let step = self.step_s.max(1);
        let deadline = self.arrive_by_s;
        (0..=self.window_s.min(deadline) / step).map(move |k| deadline - k * step)
    }
}

/// The latest departure to a target, and a trip leaving then that arrives in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LatestJourney {
    pub departure_s: u32,
    /// Walking all the way (no route) when that makes it from this departure;
    /// `None` only if the scan could not retrace the ride (it always can).
    pub summary: Option<JourneySummary>,
}

/// Per target: its latest departure and, when asked for, the trip leaving then.
type Found = Option<(u32, Option<JourneySummary>)>;

impl Engine {
    /// Per target, the latest departure tried that arrives by the deadline
    /// (`None` if none does).
    pub fn transit_latest_departures(
        &self,
        query: &LatestDepartureQuery,
        targets: &Targets,
    ) -> Vec<Option<u32>> {
        let found = self.latest_search(query, targets, false);
        found.into_iter().map(|found| found.map(|(departure, _)| departure)).collect()
    }

    /// [`transit_latest_departures`](Self::transit_latest_departures), with
    /// the trip leaving then, told as it is found (no search per target).
    pub fn transit_latest_journeys(
        &self,
        query: &LatestDepartureQuery,
        targets: &Targets,
    ) -> Vec<Option<LatestJourney>> {
        let found = self.latest_search(query, targets, true);
        found
            .into_iter()
            .map(|found| {
                let (departure_s, summary) = found?;
                debug_assert!(summary.is_some(), "every trip found is told");
                Some(LatestJourney { departure_s, summary })
            })
            .collect()
    }

    /// Per target, the latest departure and, when `describe`, the trip.
    fn latest_search(
        &self,
        query: &LatestDepartureQuery,
        targets: &Targets,
        describe: bool,
    ) -> Vec<Found> {
        let deadline = query.arrive_by_s;
        let departures: Vec<u32> = query.departures().collect();
        let earliest = *departures.last().expect("the deadline itself is always tried");
        let mut latest: Vec<Found> = vec![None; targets.len()];
        let max_walk_s = self.params.max_walk_s;
        let walk_speed = self.params.walk_speed_mps;
        let step = query.step_s.max(1);
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
            // The latest departure tried that leaves this much time.
            let tried = usize::try_from(walk_s.div_ceil(step as u64)).ok().and_then(|k| departures.get(k));
            if let Some(&departure) = tried {
                let on_foot = JourneySummary { routes: Vec::new(), walk_s: walk_s as u32, transfers: 0 };
                latest[target] = Some((departure, describe.then_some(on_foot)));
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
        // The ridden arrival each stop seeded the street search with.
        let mut seeded = vec![NONE; self.network.stops().len()];
        let mut scan = ForwardScan::new(self.network());
        let mut settled = Vec::new();
        for &departure in &departures {
            scan.run(self.network(), &access, departure, deadline);
            // A target is taken at the first departure that gets it there, via `stop`. Walking
            // from that stop cannot have been in time (walking alone would have taken it): its
            // scan label is a ride, so the scan tells the trip.
            let take = |target: u32, arrival_s: u64, stop: u32, latest: &mut [Found], scan: &ForwardScan| {
                let slot = &mut latest[target as usize];
                if arrival_s > deadline as u64 || slot.as_ref().is_some_and(|(d, _)| *d >= departure) {
                    return;
                }
                let summary = describe.then(|| scan.summarise(self.network(), stop)).flatten().map(|mut summary| {
                    summary.walk_s += (arrival_s - scan.ridden_arrival[stop as usize] as u64) as u32;
                    summary
                });
                *slot = Some((departure, summary));
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
                    take(target, arrival_s, stop as u32, &mut latest, &scan)
                });
            }
            settled.clear();
            streets.settle(|node| settled.push(node));
            for &node in &settled {
                let reached_ms = streets.time_ms[node as usize];
                let range = on_node_starts[node as usize] as usize..on_node_starts[node as usize + 1] as usize;
                for &target in &on_node[range] {
                    let snap = walk_targets.snaps[target as usize].expect("grouped by snap node");
                    let arrival_s = (reached_ms + millis(snap.distance_m, walk_speed)).div_ceil(1000);
                    take(target, arrival_s, streets.source[node as usize], &mut latest, &scan);
                }
            }
        }
        latest
    }
}
