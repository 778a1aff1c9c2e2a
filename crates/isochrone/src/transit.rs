//! Public-transport queries: Connection Scan (CSA) between an access walk
//! and an egress walk.
//!
//! Model of a journey: walk from the origin to a stop (street graph, or
//! straight line × detour without street data, at most `max_walk_s`), then
//! any number of vehicle legs, each optionally followed by one footpath to a
//! nearby stop, then a walk to the target. Walking straight to the target is
//! always considered. Transfers take no minimum time.

mod access;
mod arrive_by;
mod csa;
mod latest_departures;
mod profile;

pub use arrive_by::{ArriveByQuery, ArriveByResult};
pub use latest_departures::{LatestDepartureQuery, LatestJourney};
pub use profile::{EgressTable, ProfileQuery, TargetProfile};

use crate::engine::Engine;
use crate::geo::LatLon;
use crate::network::NONE;
use crate::street::{dijkstra, millis, Seed, Snap, StreetMode, Targets};
use csa::ForwardScan;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TransitQuery {
    pub origin: LatLon,
    /// Seconds since midnight of the service day.
    pub departure_s: u32,
    /// Nothing arriving later than `departure_s + max_travel_s` is explored.
    pub max_travel_s: u32,
}

/// How the best arrival at a target was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Unreached,
    /// Walking all the way, no vehicle.
    DirectWalk,
    /// Walking from this stop after the transit part.
    Stop(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetArrival {
    /// Arrival minus departure, `None` when not reachable within the budget.
    pub travel_s: Option<u32>,
    pub via: Via,
}

/// A few words about a journey, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneySummary {
    /// Route short names of the vehicle legs, in order.
    pub routes: Vec<String>,
    /// Access + transfer footpaths + egress walking.
    pub walk_s: u32,
    pub transfers: u32,
}

impl JourneySummary {
    pub fn walk_minutes(&self) -> u32 {
        self.walk_s.div_ceil(60)
    }
}

pub struct TransitResult {
    departure_s: u32,
    scan: ForwardScan,
    targets: Vec<TargetArrival>,
}

impl TransitResult {
    pub fn departure_s(&self) -> u32 {
        self.departure_s
    }
    pub fn targets(&self) -> &[TargetArrival] {
        &self.targets
    }
    /// Earliest arrival at a stop (seconds since midnight), if reached.
    pub fn stop_arrival(&self, stop: u32) -> Option<u32> {
        self.scan
            .arrival
            .get(stop as usize)
            .copied()
            .filter(|&t| t != NONE)
    }
    pub fn stop_arrivals(&self) -> &[u32] {
        &self.scan.arrival
    }

    /// Rebuilds the summary of the best journey to target `index`.
    pub fn journey_summary(&self, engine: &Engine, index: usize) -> Option<JourneySummary> {
        let target = self.targets.get(index)?;
        let travel_s = target.travel_s?;
        match target.via {
            Via::Unreached => None,
            Via::DirectWalk => Some(JourneySummary {
                routes: Vec::new(),
                walk_s: travel_s,
                transfers: 0,
            }),
            Via::Stop(stop) => {
                let arrival = self.stop_arrival(stop)?;
                let egress_s = (self.departure_s + travel_s).saturating_sub(arrival);
                let mut summary = self.scan.summarise(engine.network(), stop)?;
                summary.walk_s += egress_s;
                Some(summary)
            }
        }
    }
}

impl Engine {
    /// Earliest arrival at every target when leaving `origin` at `departure_s`.
    pub fn transit_travel_times(&self, query: &TransitQuery, targets: &Targets) -> TransitResult {
        let limit = query.departure_s.saturating_add(query.max_travel_s);
        let max_walk_s = self.params.max_walk_s;
        let origin_snap = self.snap(query.origin, StreetMode::Walk);
        let access = self.walks_near(query.origin, origin_snap, max_walk_s, max_walk_s);
        let mut scan = ForwardScan::new(self.network());
        scan.run(self.network(), &access, query.departure_s, limit);

        let best = self.walk_on(query.origin, origin_snap, query.departure_s, &scan.arrival, limit, targets);
        let targets_out = best
            .into_iter()
            .map(|(arrival, via)| {
                if arrival <= limit as u64 {
                    TargetArrival {
                        travel_s: Some(arrival as u32 - query.departure_s),
                        via,
                    }
                } else {
                    TargetArrival {
                        travel_s: None,
                        via: Via::Unreached,
                    }
                }
            })
            .collect();
        TransitResult {
            departure_s: query.departure_s,
            scan,
            targets: targets_out,
        }
    }

    /// Best arrival at every target (and how), walking on from the stops
    /// reached (`stop_arrivals`, `NONE` if not) or straight from the origin
    /// left at `departure_s`: one Dijkstra seeded by the origin and every
    /// reached stop, then straight-line walks where a stop or a target has no
    /// street data. Arrivals past `limit_s` may come out: callers drop them.
    pub(crate) fn walk_on(
        &self,
        origin: LatLon,
        origin_snap: Option<Snap>,
        departure_s: u32,
        stop_arrivals: &[u32],
        limit_s: u32,
        targets: &Targets,
    ) -> Vec<(u64, Via)> {
        let walk_speed = self.params.walk_speed_mps;
        let mut seeds = Vec::new();
        if let Some(snap) = origin_snap {
            seeds.push(Seed {
                node: snap.node,
                time_ms: departure_s as u64 * 1000 + millis(snap.distance_m, walk_speed),
                source: NONE,
            });
        }
        for (stop, &arrival) in stop_arrivals.iter().enumerate() {
            if let (true, Some(snap)) = (arrival <= limit_s, self.stop_snaps[stop]) {
                seeds.push(Seed {
                    node: snap.node,
                    time_ms: arrival as u64 * 1000 + millis(snap.distance_m, walk_speed),
                    source: stop as u32,
                });
            }
        }
        let paths = dijkstra(&self.walk_adjacency, walk_speed, &seeds, limit_s as u64 * 1000);

        // Direct walk first so that, on a tie, walking beats "walk via a stop".
        let walk_targets = targets.walk(self);
        let mut best: Vec<(u64, Via)> = vec![(u64::MAX, Via::Unreached); targets.len()];
        for (target, (&point, target_snap)) in targets.points.iter().zip(&walk_targets.snaps).enumerate() {
            if origin_snap.is_none() || target_snap.is_none() {
                let walk = self.params.estimate_s(origin, point, StreetMode::Walk);
                best[target] = (departure_s as u64 + walk as u64, Via::DirectWalk);
            }
            if let Some(snap) = target_snap {
                let reached = paths.time_ms[snap.node as usize];
                if reached != u64::MAX {
                    let arrival = (reached + millis(snap.distance_m, walk_speed)).div_ceil(1000);
                    let source = paths.source[snap.node as usize];
                    let via = if source == NONE { Via::DirectWalk } else { Via::Stop(source) };
                    if arrival < best[target].0 {
                        best[target] = (arrival, via);
                    }
                }
            }
        }
        for (stop, &arrival) in stop_arrivals.iter().enumerate() {
            if arrival <= limit_s {
                self.straight_line_egress(stop as u32, arrival, targets, |target, candidate| {
                    if candidate < best[target as usize].0 {
                        best[target as usize] = (candidate, Via::Stop(stop as u32));
                    }
                });
            }
        }
        best
    }

    /// Arrivals by a straight-line walk (at most `max_walk_s`) from `stop`,
    /// reached at `arrival_s`, to the targets it needs them for: every target
    /// around a stop with no street data, else those with none.
    pub(crate) fn straight_line_egress(
        &self,
        stop: u32,
        arrival_s: u32,
        targets: &Targets,
        mut arrive: impl FnMut(u32, u64),
    ) {
        let walk_targets = targets.walk(self);
        let max_walk_s = self.params.max_walk_s;
        let position = self.network.stops()[stop as usize].position;
        let mut consider = |target: u32| {
            let walk = self.params.estimate_s(position, targets.points[target as usize], StreetMode::Walk);
            if walk <= max_walk_s {
                arrive(target, arrival_s as u64 + walk as u64);
            }
        };
        let radius_m = self.straight_line_radius_m(max_walk_s);
        if self.stop_snaps[stop as usize].is_none() {
            walk_targets.index.for_each_within(position, radius_m, |target, _| consider(target));
        } else {
            walk_targets.offstreet_index.for_each_within(position, radius_m, |item, _| {
                consider(walk_targets.offstreet_ids[item as usize])
            });
        }
    }

    /// Straight-line radius a walk of `walk_s` can cover, with a small margin
    /// (the exact time check happens after).
    pub(crate) fn straight_line_radius_m(&self, walk_s: u32) -> f64 {
        walk_s as f64 * self.params.walk_speed_mps / self.params.detour_factor + 1.0
    }
}

/// Earliest arrival at every stop (`NONE` if not reached by `limit_s`),
/// given the walk to each boarding stop as `(stop, walk_s)`: the bare
/// Connection Scan, for callers that compute access themselves.
pub fn earliest_arrival_at_stops(
    network: &crate::network::Network,
    access: &[(u32, u32)],
    departure_s: u32,
    limit_s: u32,
) -> Vec<u32> {
    let mut scan = ForwardScan::new(network);
    scan.run(network, access, departure_s, limit_s);
    scan.arrival
}
