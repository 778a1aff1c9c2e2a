//! Walking and cycling on the street graph: Dijkstra from a snapped origin,
//! with a clearly flagged straight-line estimate where there is no street data.

use crate::engine::Engine;
use crate::geo::LatLon;
use crate::network::StreetGraph;
use crate::spatial::PointIndex;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreetMode {
    Walk,
    Bike,
}

/// How a street travel time was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TravelMethod {
    /// Shortest path on the street graph (plus the snap distances).
    StreetNetwork,
    /// No street data near the origin or target: straight line × detour factor.
    StraightLineEstimate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreetTime {
    pub seconds: u32,
    pub method: TravelMethod,
}

/// A point attached to its nearest street node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snap {
    pub node: u32,
    pub distance_m: f64,
}

/// Destination points with their street snaps, prepared once and reused by
/// every query (schools, grid cells...). Each mode is prepared on its first
/// query: an isochrone grid of 14,641 points is only ever asked about in one
/// mode, and snapping it is most of the cost of drawing the isochrone.
#[derive(Clone, Debug)]
pub struct Targets {
    pub(crate) points: Vec<LatLon>,
    walk: OnceLock<WalkTargets>,
    bike: OnceLock<Vec<Option<Snap>>>,
}

/// What walking (and so public transport) needs about the targets.
#[derive(Clone, Debug)]
pub(crate) struct WalkTargets {
    pub(crate) snaps: Vec<Option<Snap>>,
    /// All targets, and those with no street data (walking), by position:
    /// straight-line egress goes from each reached stop to the targets
    /// around it, far cheaper than searching stops around every target.
    pub(crate) index: PointIndex,
    pub(crate) offstreet_index: PointIndex,
    pub(crate) offstreet_ids: Vec<u32>,
}

impl Targets {
    pub fn points(&self) -> &[LatLon] {
        &self.points
    }
    pub fn len(&self) -> usize {
        self.points.len()
    }
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
    pub(crate) fn snaps(&self, engine: &Engine, mode: StreetMode) -> &[Option<Snap>] {
        match mode {
            StreetMode::Walk => &self.walk(engine).snaps,
            StreetMode::Bike => self.bike.get_or_init(|| self.points.iter().map(|&p| engine.snap(p, StreetMode::Bike)).collect()),
        }
    }

    pub(crate) fn walk(&self, engine: &Engine) -> &WalkTargets {
        self.walk.get_or_init(|| {
            let points = &self.points;
            let snaps: Vec<Option<Snap>> = points.iter().map(|&p| engine.snap(p, StreetMode::Walk)).collect();
            let offstreet_ids: Vec<u32> = (0..points.len() as u32).filter(|&t| snaps[t as usize].is_none()).collect();
            let offstreet_points: Vec<LatLon> = offstreet_ids.iter().map(|&t| points[t as usize]).collect();
            WalkTargets {
                index: PointIndex::new(points, 250.0),
                offstreet_index: PointIndex::new(&offstreet_points, 250.0),
                offstreet_ids,
                snaps,
            }
        })
    }
}

/// Outgoing edges per node for one mode (compressed rows).
#[derive(Clone, Debug, Default)]
pub(crate) struct Adjacency {
    starts: Vec<u32>,
    heads: Vec<u32>,
    lengths_m: Vec<f32>,
    has_incoming: Vec<bool>,
}

impl Adjacency {
    pub(crate) fn build(graph: &StreetGraph, mode: StreetMode) -> Self {
        let mut arcs: Vec<(u32, u32, f32)> = Vec::new();
        for e in &graph.edges {
            match mode {
                // Pedestrians may walk both ways along one-way streets.
                StreetMode::Walk if e.access.walk() => {
                    arcs.push((e.from, e.to, e.length_m));
                    arcs.push((e.to, e.from, e.length_m));
                }
                StreetMode::Bike if e.access.bike() => {
                    arcs.push((e.from, e.to, e.length_m));
                    if !e.access.bike_forward_only() {
                        arcs.push((e.to, e.from, e.length_m));
                    }
                }
                _ => {}
            }
        }
        let (starts, items) = crate::engine::group_by(
            graph.nodes.len(),
            arcs.iter().map(|&(tail, head, len)| (tail, (head, len))),
        );
        let mut has_incoming = vec![false; graph.nodes.len()];
        for &(_, head, _) in &arcs {
            has_incoming[head as usize] = true;
        }
        Self {
            starts,
            heads: items.iter().map(|&(head, _)| head).collect(),
            lengths_m: items.iter().map(|&(_, len)| len).collect(),
            has_incoming,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.has_incoming.len()
    }

    /// A node some edge of this mode touches.
    pub(crate) fn is_usable(&self, node: u32) -> bool {
        let n = node as usize;
        n < self.has_incoming.len() && (self.has_incoming[n] || self.starts[n + 1] > self.starts[n])
    }

    pub(crate) fn arcs(&self, node: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let start = self.starts[node as usize] as usize;
        let end = self.starts[node as usize + 1] as usize;
        self.heads[start..end]
            .iter()
            .copied()
            .zip(self.lengths_m[start..end].iter().copied())
    }
}

/// Street times are integer milliseconds so that sums are exact and the
/// same in both directions (forward and arrive-by searches must agree).
pub(crate) fn millis(distance_m: f64, speed_mps: f64) -> u64 {
    let ms = (distance_m / speed_mps * 1000.0).round();
    if ms.is_finite() && ms > 0.0 {
        ms.min(u32::MAX as f64) as u64
    } else {
        0
    }
}

/// A Dijkstra start: a node reached at `time_ms`, tagged with `source`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seed {
    pub node: u32,
    pub time_ms: u64,
    pub source: u32,
}

/// Per node: earliest time in milliseconds (`u64::MAX` if not reached) and
/// the seed it came from.
pub(crate) struct ShortestPaths {
    pub time_ms: Vec<u64>,
    pub source: Vec<u32>,
}

/// Multi-source Dijkstra in milliseconds, not exploring past `limit_ms`.
pub(crate) fn dijkstra(
    adjacency: &Adjacency,
    speed_mps: f64,
    seeds: &[Seed],
    limit_ms: u64,
) -> ShortestPaths {
    let mut search = StreetSearch::new(adjacency, speed_mps, limit_ms);
    for seed in seeds {
        search.seed(*seed);
    }
    search.settle(|_| {});
    ShortestPaths {
        time_ms: search.time_ms,
        source: search.source,
    }
}

/// A Dijkstra whose times only ever go down: seeds added after a `settle`
/// re-expand just the nodes they improve. Repeated departures, each earlier
/// than the last, then cost only what changed.
pub(crate) struct StreetSearch<'a> {
    adjacency: &'a Adjacency,
    speed_mps: f64,
    limit_ms: u64,
    /// Earliest time at each node (`u64::MAX` if not reached) and the seed it came from.
    pub time_ms: Vec<u64>,
    pub source: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl<'a> StreetSearch<'a> {
    pub(crate) fn new(adjacency: &'a Adjacency, speed_mps: f64, limit_ms: u64) -> Self {
        let n = adjacency.node_count();
        Self {
            adjacency,
            speed_mps,
            limit_ms,
            time_ms: vec![u64::MAX; n],
            source: vec![crate::network::NONE; n],
            heap: BinaryHeap::new(),
        }
    }

    /// Starts from `seed` if it improves its node within the limit.
    pub(crate) fn seed(&mut self, seed: Seed) {
        let node = seed.node as usize;
        if node < self.time_ms.len() && seed.time_ms <= self.limit_ms && seed.time_ms < self.time_ms[node] {
            self.time_ms[node] = seed.time_ms;
            self.source[node] = seed.source;
            self.heap.push(Reverse((seed.time_ms, seed.node)));
        }
    }

    /// Runs to the end, telling `settled` each node whose time went down.
    pub(crate) fn settle(&mut self, mut settled: impl FnMut(u32)) {
        while let Some(Reverse((t, node))) = self.heap.pop() {
            if t > self.time_ms[node as usize] {
                continue;
            }
            settled(node);
            let node_source = self.source[node as usize];
            for (head, length_m) in self.adjacency.arcs(node) {
                let arrival = t + millis(length_m as f64, self.speed_mps);
                if arrival <= self.limit_ms && arrival < self.time_ms[head as usize] {
                    self.time_ms[head as usize] = arrival;
                    self.source[head as usize] = node_source;
                    self.heap.push(Reverse((arrival, head)));
                }
            }
        }
    }
}

/// Whole seconds, rounded up; `None` past `limit_s`.
pub(crate) fn whole_seconds(time_ms: u64, limit_s: u32) -> Option<u32> {
    if time_ms == u64::MAX {
        return None;
    }
    let seconds = time_ms.div_ceil(1000);
    (seconds <= limit_s as u64).then_some(seconds as u32)
}

impl Engine {
    /// Snaps `points` to the street graph once, for repeated queries.
    /// Each mode's snaps are computed by its first query (see [`Targets`]).
    pub fn targets(&self, points: Vec<LatLon>) -> Targets {
        Targets { points, walk: OnceLock::new(), bike: OnceLock::new() }
    }

    pub(crate) fn adjacency(&self, mode: StreetMode) -> &Adjacency {
        match mode {
            StreetMode::Walk => &self.walk_adjacency,
            StreetMode::Bike => &self.bike_adjacency,
        }
    }

    /// Walking or cycling time from `origin` to every target, up to
    /// `max_travel_s` (`None` beyond, or when the street graph has no path).
    /// Origins and targets farther than `max_snap_m` from the street graph
    /// get a `StraightLineEstimate` instead.
    pub fn street_travel_times(
        &self,
        origin: LatLon,
        mode: StreetMode,
        targets: &Targets,
        max_travel_s: u32,
    ) -> Vec<Option<StreetTime>> {
        let speed = self.params.speed_mps(mode);
        let origin_snap = self.snap(origin, mode);
        let paths = origin_snap.map(|snap| {
            let seed = Seed {
                node: snap.node,
                time_ms: millis(snap.distance_m, speed),
                source: 0,
            };
            dijkstra(
                self.adjacency(mode),
                speed,
                &[seed],
                max_travel_s as u64 * 1000,
            )
        });
        targets
            .points
            .iter()
            .zip(targets.snaps(self, mode))
            .map(|(&target, target_snap)| match (&paths, target_snap) {
                (Some(paths), Some(snap)) => {
                    let reached = paths.time_ms[snap.node as usize];
                    let time_ms = reached.saturating_add(millis(snap.distance_m, speed));
                    whole_seconds(time_ms, max_travel_s).map(|seconds| StreetTime {
                        seconds,
                        method: TravelMethod::StreetNetwork,
                    })
                }
                _ => {
                    let seconds = self.params.estimate_s(origin, target, mode);
                    (seconds <= max_travel_s).then_some(StreetTime {
                        seconds,
                        method: TravelMethod::StraightLineEstimate,
                    })
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{EdgeAccess, StreetEdge};
    use proptest::prelude::*;

    /// Naïve Bellman-Ford on the same integer millisecond costs.
    fn bellman_ford(adjacency: &Adjacency, speed: f64, source: u32) -> Vec<u64> {
        let n = adjacency.node_count();
        let mut time = vec![u64::MAX; n];
        time[source as usize] = 0;
        for _ in 0..n {
            for node in 0..n as u32 {
                if time[node as usize] == u64::MAX {
                    continue;
                }
                for (head, length) in adjacency.arcs(node) {
                    let candidate = time[node as usize] + millis(length as f64, speed);
                    time[head as usize] = time[head as usize].min(candidate);
                }
            }
        }
        time
    }

    fn random_graph() -> impl Strategy<Value = StreetGraph> {
        (2usize..12).prop_flat_map(|n| {
            let nodes = prop::collection::vec((48.0f64..48.01, -1.7f64..-1.69), n);
            let edges =
                prop::collection::vec((0..n as u32, 0..n as u32, 0.0f32..800.0, 0u8..8), 0..30);
            (nodes, edges).prop_map(|(nodes, edges)| StreetGraph {
                nodes: nodes
                    .into_iter()
                    .map(|(lat, lon)| LatLon::new(lat, lon))
                    .collect(),
                edges: edges
                    .into_iter()
                    .map(|(from, to, length_m, flags)| StreetEdge {
                        from,
                        to,
                        length_m,
                        access: EdgeAccess(flags),
                    })
                    .collect(),
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn dijkstra_matches_bellman_ford(graph in random_graph(), source in 0u32..12, bike in any::<bool>()) {
            let mode = if bike { StreetMode::Bike } else { StreetMode::Walk };
            let speed = if bike { 4.17 } else { 1.25 };
            let adjacency = Adjacency::build(&graph, mode);
            let source = source % graph.nodes.len() as u32;
            let paths = dijkstra(&adjacency, speed, &[Seed { node: source, time_ms: 0, source: 0 }], u64::MAX - 1);
            prop_assert_eq!(paths.time_ms, bellman_ford(&adjacency, speed, source));
        }
    }

    fn line_graph() -> StreetGraph {
        // 0 —— 1 —— 2, about 111 m apart; 1 → 2 one-way for bikes.
        let nodes = (0..3)
            .map(|i| LatLon::new(48.0 + i as f64 * 0.001, -1.7))
            .collect();
        StreetGraph {
            nodes,
            edges: vec![
                StreetEdge {
                    from: 0,
                    to: 1,
                    length_m: 111.2,
                    access: EdgeAccess::new(true, true, false),
                },
                StreetEdge {
                    from: 1,
                    to: 2,
                    length_m: 111.2,
                    access: EdgeAccess::new(true, true, true),
                },
            ],
        }
    }

    fn engine_with(streets: StreetGraph) -> Engine {
        let parts = crate::network::NetworkParts {
            streets,
            ..Default::default()
        };
        Engine::new(crate::network::Network::from_parts(parts).unwrap())
    }

    #[test]
    fn one_way_applies_to_bikes_not_pedestrians() {
        let engine = engine_with(line_graph());
        let targets = engine.targets(vec![LatLon::new(48.0, -1.7)]);
        let from_end = LatLon::new(48.002, -1.7);
        let walk =
            engine.street_travel_times(from_end, StreetMode::Walk, &targets, 3_600)[0].unwrap();
        assert_eq!(
            walk,
            StreetTime {
                seconds: 178,
                method: TravelMethod::StreetNetwork
            }
        );
        // Against the one-way: no bike path. Along it: 222.4 m at 4.17 m/s.
        assert_eq!(
            engine.street_travel_times(from_end, StreetMode::Bike, &targets, 3_600)[0],
            None
        );
        let end = engine.targets(vec![from_end]);
        let bike =
            engine.street_travel_times(LatLon::new(48.0, -1.7), StreetMode::Bike, &end, 3_600)[0]
                .unwrap();
        assert_eq!(bike.seconds, 54);
    }

    #[test]
    fn far_from_streets_gives_a_flagged_estimate() {
        let engine = engine_with(line_graph());
        // 1 km east of the graph: no street data there.
        let far = LatLon::new(48.0, -1.6866);
        let targets = engine.targets(vec![far]);
        let time =
            engine.street_travel_times(LatLon::new(48.0, -1.7), StreetMode::Walk, &targets, 3_600)
                [0]
            .unwrap();
        assert_eq!(time.method, TravelMethod::StraightLineEstimate);
        let expected = engine
            .params()
            .estimate_s(LatLon::new(48.0, -1.7), far, StreetMode::Walk);
        assert_eq!(time.seconds, expected);
        assert!((1_000..1_100).contains(&expected), "{expected}");
        // Snapping: a point 50 m off the street walks those 50 m too.
        let near = engine.targets(vec![LatLon::new(48.0, -1.69933)]);
        let snapped =
            engine.street_travel_times(LatLon::new(48.0, -1.7), StreetMode::Walk, &near, 3_600)[0]
                .unwrap();
        assert_eq!(snapped.method, TravelMethod::StreetNetwork);
        assert!((39..=41).contains(&snapped.seconds), "{snapped:?}");
    }
}
