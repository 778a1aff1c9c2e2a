//! Street graphs from OpenStreetMap ways (GeoJSON export or PBF), with
//! walking/cycling permissions from the OSM tags.

mod geojson;
mod pbf;

pub use geojson::{read_streets_geojson, read_streets_geojson_str};
pub use pbf::read_streets_pbf;

use crate::report::StreetStats;
use proxipro_isochrone::geo::haversine_m;
use proxipro_isochrone::network::{EdgeAccess, StreetEdge, StreetGraph};
use proxipro_isochrone::LatLon;
use std::collections::HashMap;

/// Connected pieces of street with fewer nodes than this are dropped: in an
/// export limited to named ways they are fragments cut off from everything
/// else, and a point snapped to them could reach nothing.
pub const DEFAULT_MIN_FRAGMENT_NODES: usize = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OneWay {
    No,
    /// Along the way's drawing direction only.
    Forward,
    /// Against the drawing direction only (`oneway=-1`).
    Backward,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WayAccess {
    pub walk: bool,
    pub bike: bool,
    /// One-way rule for cyclists (pedestrians may always walk both ways).
    pub bike_one_way: OneWay,
}

/// Who may use a way, from its OSM tags; `None` when nobody may (or it is
/// not a usable highway at all).
pub fn way_access<'a>(tag: impl Fn(&str) -> Option<&'a str>) -> Option<WayAccess> {
    let highway = tag("highway")?;
    let (mut walk, mut bike) = match highway {
        "motorway" | "motorway_link" | "trunk" | "trunk_link" => (false, false),
        "footway" | "pedestrian" | "steps" | "corridor" | "bridleway" => (true, false),
        "path" | "cycleway" | "track" => (true, true),
        "proposed" | "construction" | "abandoned" | "disused" | "platform" | "raceway"
        | "bus_guideway" | "escape" | "rest_area" | "services" | "bus_stop" | "crossing"
        | "traffic_signals" | "turning_circle" | "no" => return None,
        _ => (true, true),
    };
    let allowed = |value: Option<&str>| match value {
        Some("yes" | "designated" | "permissive") => Some(true),
        Some("no" | "private" | "dismount") => Some(false),
        _ => None,
    };
    if matches!(tag("access"), Some("no" | "private")) {
        // A street closed to traffic but open to buses or bikes (Rennes'
        // bus-only centre streets) still has pavements for pedestrians.
        let transit_street = ["psv", "bus", "bicycle", "taxi"]
            .iter()
            .any(|&key| allowed(tag(key)) == Some(true));
        walk = walk && transit_street;
        bike = false;
    }
    walk = allowed(tag("foot")).unwrap_or(walk);
    bike = allowed(tag("bicycle")).unwrap_or(bike);
    if !walk && !bike {
        return None;
    }
    let mut one_way = match tag("oneway") {
        Some("yes" | "true" | "1") => OneWay::Forward,
        Some("-1" | "reverse") => OneWay::Backward,
        Some("no" | "false" | "0") => OneWay::No,
        _ if tag("junction") == Some("roundabout") || highway == "motorway" => OneWay::Forward,
        _ => OneWay::No,
    };
    // Contraflow cycle lanes ("double sens cyclable").
    let contraflow = tag("oneway:bicycle") == Some("no")
        || matches!(
            tag("cycleway"),
            Some("opposite" | "opposite_lane" | "opposite_track")
        );
    if contraflow {
        one_way = OneWay::No;
    }
    Some(WayAccess {
        walk,
        bike,
        bike_one_way: one_way,
    })
}

/// Builds a street graph way by way, merging nodes that share (or nearly
/// share) coordinates when the source has no node identifiers.
pub struct StreetGraphBuilder {
    nodes: Vec<LatLon>,
    edges: Vec<StreetEdge>,
    cells: HashMap<(i64, i64), Vec<u32>>,
    merge_tolerance_m: f64,
    pub stats: StreetStats,
}

/// Hash cell for merging, in degrees (≈ 1.1 m of latitude).
const MERGE_CELL_DEG: f64 = 1e-5;

impl StreetGraphBuilder {
    pub fn new(merge_tolerance_m: f64) -> Self {
        Self {
            nodes: Vec::new(),
            edges: Vec::new(),
            cells: HashMap::new(),
            merge_tolerance_m,
            stats: StreetStats::default(),
        }
    }

    fn cell(p: LatLon) -> (i64, i64) {
        (
            (p.lat / MERGE_CELL_DEG).floor() as i64,
            (p.lon / MERGE_CELL_DEG).floor() as i64,
        )
    }

    /// The node at `p`, reusing one within the merge tolerance.
    pub fn node_at(&mut self, p: LatLon) -> u32 {
        let (row, column) = Self::cell(p);
        let reach = (self.merge_tolerance_m / 0.7).ceil() as i64;
        let mut best: Option<(u32, f64)> = None;
        for dr in -reach..=reach {
            for dc in -reach..=reach {
                for &node in self
                    .cells
                    .get(&(row + dr, column + dc))
                    .into_iter()
                    .flatten()
                {
                    let d = haversine_m(self.nodes[node as usize], p);
                    if d <= self.merge_tolerance_m && best.is_none_or(|(_, bd)| d < bd) {
                        best = Some((node, d));
                    }
                }
            }
        }
        if let Some((node, _)) = best {
            return node;
        }
        let node = self.add_node(p);
        self.cells.entry((row, column)).or_default().push(node);
        node
    }

    /// A new node, never merged (for sources with node identifiers).
    pub fn add_node(&mut self, p: LatLon) -> u32 {
        self.nodes.push(p);
        (self.nodes.len() - 1) as u32
    }

    pub fn add_way(&mut self, nodes: &[u32], access: WayAccess) {
        if nodes.len() < 2 {
            return;
        }
        for pair in nodes.windows(2) {
            let (mut from, mut to) = (pair[0], pair[1]);
            if from == to {
                continue;
            }
            if access.bike_one_way == OneWay::Backward {
                (from, to) = (to, from);
            }
            let length_m = haversine_m(self.nodes[from as usize], self.nodes[to as usize]) as f32;
            let forward_only = access.bike && access.bike_one_way != OneWay::No;
            self.edges.push(StreetEdge {
                from,
                to,
                length_m,
                access: EdgeAccess::new(access.walk, access.bike, forward_only),
            });
        }
        self.stats.ways_used += 1;
    }

    /// Drops unused nodes and fragments smaller than `min_fragment_nodes`.
    pub fn finish(self, min_fragment_nodes: usize) -> (StreetGraph, StreetStats) {
        let Self {
            nodes,
            edges,
            mut stats,
            ..
        } = self;
        let mut parent: Vec<u32> = (0..nodes.len() as u32).collect();
        fn root(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        for e in &edges {
            let (a, b) = (root(&mut parent, e.from), root(&mut parent, e.to));
            if a != b {
                parent[a as usize] = b;
            }
        }
        let mut used = vec![false; nodes.len()];
        for e in &edges {
            used[e.from as usize] = true;
            used[e.to as usize] = true;
        }
        let mut fragment_size: HashMap<u32, usize> = HashMap::new();
        for node in 0..nodes.len() as u32 {
            if used[node as usize] {
                *fragment_size.entry(root(&mut parent, node)).or_default() += 1;
            }
        }
        let mut new_index = vec![u32::MAX; nodes.len()];
        let mut kept = Vec::new();
        for node in 0..nodes.len() as u32 {
            if !used[node as usize] {
                continue;
            }
            if fragment_size[&root(&mut parent, node)] < min_fragment_nodes {
                stats.nodes_in_dropped_fragments += 1;
                continue;
            }
            new_index[node as usize] = kept.len() as u32;
            kept.push(nodes[node as usize]);
        }
        let edges: Vec<StreetEdge> = edges
            .into_iter()
            .filter(|e| {
                new_index[e.from as usize] != u32::MAX && new_index[e.to as usize] != u32::MAX
            })
            .map(|e| StreetEdge {
                from: new_index[e.from as usize],
                to: new_index[e.to as usize],
                ..e
            })
            .collect();
        stats.nodes = kept.len();
        stats.edges = edges.len();
        (StreetGraph { nodes: kept, edges }, stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(tags: &[(&'static str, &'static str)]) -> Option<WayAccess> {
        way_access(|key| tags.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn permissions_follow_highway_type_and_overrides() {
        assert_eq!(access(&[("highway", "motorway")]), None);
        let footway = access(&[("highway", "footway")]).unwrap();
        assert!(footway.walk && !footway.bike);
        assert!(
            access(&[("highway", "footway"), ("bicycle", "yes")])
                .unwrap()
                .bike
        );
        let one_way = access(&[("highway", "residential"), ("oneway", "yes")]).unwrap();
        assert_eq!(one_way.bike_one_way, OneWay::Forward);
        let contraflow = access(&[
            ("highway", "residential"),
            ("oneway", "yes"),
            ("cycleway", "opposite_lane"),
        ]);
        assert_eq!(contraflow.unwrap().bike_one_way, OneWay::No);
        assert_eq!(
            access(&[("highway", "primary"), ("oneway", "-1")])
                .unwrap()
                .bike_one_way,
            OneWay::Backward
        );
        assert_eq!(
            access(&[("highway", "service"), ("access", "private")]),
            None
        );
        let bus_street = access(&[
            ("highway", "unclassified"),
            ("access", "no"),
            ("psv", "yes"),
        ])
        .unwrap();
        assert!(bus_street.walk && !bus_street.bike);
        assert_eq!(access(&[("name", "Rue de Rennes")]), None);
    }

    #[test]
    fn builder_merges_near_identical_coordinates_and_drops_fragments() {
        let mut builder = StreetGraphBuilder::new(1.0);
        let a = builder.node_at(LatLon::new(48.1, -1.68));
        let a_again = builder.node_at(LatLon::new(48.100_000_3, -1.680_000_4));
        let b = builder.node_at(LatLon::new(48.101, -1.68));
        assert_eq!(a, a_again);
        assert_ne!(a, b);
        let both = WayAccess {
            walk: true,
            bike: true,
            bike_one_way: OneWay::Backward,
        };
        builder.add_way(&[a, b], both);
        let far = builder.node_at(LatLon::new(48.2, -1.6));
        let far2 = builder.node_at(LatLon::new(48.2001, -1.6));
        builder.add_way(&[far, far2], both);
        let (graph, stats) = builder.finish(2);
        assert_eq!(graph.nodes.len(), 4);
        // One-way against the drawing: the edge is stored reversed.
        assert_eq!((graph.edges[0].from, graph.edges[0].to), (b, a));
        assert!(graph.edges[0].access.bike_forward_only());
        let (_, stats_strict) = {
            let mut builder = StreetGraphBuilder::new(1.0);
            let x = builder.node_at(LatLon::new(48.1, -1.68));
            let y = builder.node_at(LatLon::new(48.101, -1.68));
            builder.add_way(&[x, y], both);
            builder.finish(3)
        };
        assert_eq!(stats.edges, 2);
        assert_eq!(stats_strict.nodes_in_dropped_fragments, 2);
    }
}
