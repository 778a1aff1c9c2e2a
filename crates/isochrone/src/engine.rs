//! `Engine`: a network plus the lookup structures every query needs, built
//! once (spatial indexes, street adjacency, stop-to-street snaps).

use crate::geo::{haversine_m, seconds_for, LatLon};
use crate::network::{Network, NONE};
use crate::spatial::PointIndex;
use crate::street::{Adjacency, Snap, StreetMode};

/// Speeds and walking limits shared by all queries.
///
/// Defaults: walking 4.5 km/h (1.25 m/s), cycling 15 km/h (4.17 m/s), street
/// detour factor 1.3 for straight-line estimates, snapping to the street graph
/// up to 300 m, access and off-street egress walks up to 20 minutes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EngineParams {
    pub walk_speed_mps: f64,
    pub bike_speed_mps: f64,
    /// Street distance ≈ straight-line distance × this, where there is no street data.
    pub detour_factor: f64,
    /// Points farther than this from every street node have no street data.
    pub max_snap_m: f64,
    /// Longest walk from the origin to a boarding stop, and longest
    /// straight-line egress walk when a stop or target has no street data.
    pub max_walk_s: u32,
}

impl Default for EngineParams {
    fn default() -> Self {
        Self {
            walk_speed_mps: 1.25,
            bike_speed_mps: 4.17,
            detour_factor: 1.3,
            max_snap_m: 300.0,
            max_walk_s: 20 * 60,
        }
    }
}

impl EngineParams {
    pub fn speed_mps(&self, mode: StreetMode) -> f64 {
        match mode {
            StreetMode::Walk => self.walk_speed_mps,
            StreetMode::Bike => self.bike_speed_mps,
        }
    }

    /// Straight line × detour at the mode's speed: the no-street-data estimate.
    pub fn estimate_s(&self, a: LatLon, b: LatLon, mode: StreetMode) -> u32 {
        seconds_for(haversine_m(a, b) * self.detour_factor, self.speed_mps(mode))
    }
}

pub struct Engine {
    pub(crate) network: Network,
    pub(crate) params: EngineParams,
    pub(crate) stop_index: PointIndex,
    pub(crate) walk_adjacency: Adjacency,
    pub(crate) bike_adjacency: Adjacency,
    walk_node_index: PointIndex,
    walk_node_ids: Vec<u32>,
    bike_node_index: PointIndex,
    bike_node_ids: Vec<u32>,
    /// Walking snap of each stop onto the street graph.
    pub(crate) stop_snaps: Vec<Option<Snap>>,
    /// Stops with no street data nearby, reached by straight-line estimates.
    pub(crate) offstreet_stop_index: PointIndex,
    pub(crate) offstreet_stop_ids: Vec<u32>,
    /// Connection indices by decreasing arrival (arrive-by scans).
    pub(crate) connections_by_arrival_desc: Vec<u32>,
    /// Footpaths grouped by destination stop: (from_stop, duration_s).
    pub(crate) footpaths_into_starts: Vec<u32>,
    pub(crate) footpaths_into: Vec<(u32, u32)>,
}

impl Engine {
    pub fn new(network: Network) -> Self {
        Self::with_params(network, EngineParams::default())
    }

    pub fn with_params(network: Network, params: EngineParams) -> Self {
        let stop_positions = network.stop_positions();
        let stop_index = PointIndex::new(&stop_positions, 250.0);
        let streets = network.streets();
        let walk_adjacency = Adjacency::build(streets, StreetMode::Walk);
        let bike_adjacency = Adjacency::build(streets, StreetMode::Bike);
        let (walk_node_index, walk_node_ids) =
            usable_node_index(streets.nodes.as_slice(), &walk_adjacency);
        let (bike_node_index, bike_node_ids) =
            usable_node_index(streets.nodes.as_slice(), &bike_adjacency);
        let mut engine = Self {
            params,
            stop_index,
            walk_adjacency,
            bike_adjacency,
            walk_node_index,
            walk_node_ids,
            bike_node_index,
            bike_node_ids,
            stop_snaps: Vec::new(),
            offstreet_stop_index: PointIndex::new(&[], 250.0),
            offstreet_stop_ids: Vec::new(),
            connections_by_arrival_desc: Vec::new(),
            footpaths_into_starts: Vec::new(),
            footpaths_into: Vec::new(),
            network,
        };
        engine.stop_snaps = stop_positions
            .iter()
            .map(|&p| engine.snap(p, StreetMode::Walk))
            .collect();
        engine.offstreet_stop_ids = (0..stop_positions.len() as u32)
            .filter(|&s| engine.stop_snaps[s as usize].is_none())
            .collect();
        let offstreet_positions: Vec<LatLon> = engine
            .offstreet_stop_ids
            .iter()
            .map(|&s| stop_positions[s as usize])
            .collect();
        engine.offstreet_stop_index = PointIndex::new(&offstreet_positions, 250.0);
        let connections = engine.network.connections();
        let mut by_arrival: Vec<u32> = (0..connections.len() as u32).collect();
        // Stable on ties, so a trip's hops keep their reverse sequence order.
        // The index breaks ties, so the unstable sort (smaller in wasm) is deterministic.
        by_arrival.sort_unstable_by_key(|&i| {
            std::cmp::Reverse((connections[i as usize].arr, connections[i as usize].dep, i))
        });
        engine.connections_by_arrival_desc = by_arrival;
        let (starts, items) = group_by(
            engine.network.stops().len(),
            engine
                .network
                .footpaths()
                .iter()
                .map(|fp| (fp.to_stop, (fp.from_stop, fp.duration_s))),
        );
        engine.footpaths_into_starts = starts;
        engine.footpaths_into = items;
        engine
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn params(&self) -> &EngineParams {
        &self.params
    }

    /// Nearest street node usable by `mode`, within `max_snap_m`.
    pub fn snap(&self, p: LatLon, mode: StreetMode) -> Option<Snap> {
        let (index, ids) = match mode {
            StreetMode::Walk => (&self.walk_node_index, &self.walk_node_ids),
            StreetMode::Bike => (&self.bike_node_index, &self.bike_node_ids),
        };
        index
            .nearest(p, self.params.max_snap_m)
            .map(|(item, distance_m)| Snap {
                node: ids[item as usize],
                distance_m,
            })
    }

    pub(crate) fn footpaths_into(&self, stop: u32) -> &[(u32, u32)] {
        let start = self.footpaths_into_starts[stop as usize] as usize;
        let end = self.footpaths_into_starts[stop as usize + 1] as usize;
        &self.footpaths_into[start..end]
    }
}

fn usable_node_index(nodes: &[LatLon], adjacency: &Adjacency) -> (PointIndex, Vec<u32>) {
    let ids: Vec<u32> = (0..nodes.len() as u32)
        .filter(|&n| adjacency.is_usable(n))
        .collect();
    let points: Vec<LatLon> = ids.iter().map(|&n| nodes[n as usize]).collect();
    (PointIndex::new(&points, 200.0), ids)
}

/// Compressed rows: `starts[k]..starts[k+1]` index the items of key `k`.
pub(crate) fn group_by<T: Copy + Default>(
    keys: usize,
    pairs: impl Iterator<Item = (u32, T)>,
) -> (Vec<u32>, Vec<T>) {
    let pairs: Vec<(u32, T)> = pairs
        .filter(|(k, _)| (*k as usize) < keys && *k != NONE)
        .collect();
    let mut starts = vec![0u32; keys + 1];
    for (k, _) in &pairs {
        starts[*k as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut cursor = starts.clone();
    let mut items = vec![T::default(); pairs.len()];
    for (k, item) in pairs {
        items[cursor[k as usize] as usize] = item;
        cursor[k as usize] += 1;
    }
    (starts, items)
}
