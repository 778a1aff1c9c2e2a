use super::{way_access, StreetGraphBuilder};
use crate::report::{ImportError, StreetStats};
use osmpbf::{Element, ElementReader};
use proxipro_isochrone::network::StreetGraph;
use proxipro_isochrone::LatLon;
use std::collections::HashMap;
use std::path::Path;

/// Street graph from an OSM PBF extract: two passes, ways first (to learn
/// which nodes matter), then those nodes' coordinates.
pub fn read_streets_pbf(
    path: &Path,
    min_fragment_nodes: usize,
) -> Result<(StreetGraph, StreetStats), ImportError> {
    let pbf_error = |e: osmpbf::Error| ImportError::Pbf {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut ways: Vec<(Vec<i64>, super::WayAccess)> = Vec::new();
    let mut skipped = 0usize;
    ElementReader::from_path(path)
        .map_err(pbf_error)?
        .for_each(|element| {
            if let Element::Way(way) = element {
                let tags: Vec<(&str, &str)> = way.tags().collect();
                if !tags.iter().any(|(k, _)| *k == "highway") {
                    return;
                }
                match way_access(|key| tags.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)) {
                    Some(access) => ways.push((way.refs().collect(), access)),
                    None => skipped += 1,
                }
            }
        })
        .map_err(pbf_error)?;

    let mut coordinates: HashMap<i64, Option<LatLon>> = ways
        .iter()
        .flat_map(|(refs, _)| refs.iter().map(|&id| (id, None)))
        .collect();
    ElementReader::from_path(path)
        .map_err(pbf_error)?
        .for_each(|element| {
            let (id, p) = match element {
                Element::Node(n) => (n.id(), LatLon::new(n.lat(), n.lon())),
                Element::DenseNode(n) => (n.id(), LatLon::new(n.lat(), n.lon())),
                _ => return,
            };
            if let Some(slot) = coordinates.get_mut(&id) {
                *slot = Some(p).filter(|p| p.is_valid());
            }
        })
        .map_err(pbf_error)?;

    let mut builder = StreetGraphBuilder::new(0.0);
    let mut node_by_id: HashMap<i64, u32> = HashMap::new();
    for (refs, access) in ways {
        // Nodes missing from the extract (ways cut at its border) split the way.
        let mut run: Vec<u32> = Vec::new();
        for id in refs {
            match coordinates.get(&id).copied().flatten() {
                Some(p) => run.push(*node_by_id.entry(id).or_insert_with(|| builder.add_node(p))),
                None => {
                    builder.add_way(&run, access);
                    run.clear();
                }
            }
        }
        builder.add_way(&run, access);
    }
    builder.stats.ways_skipped = skipped;
    Ok(builder.finish(min_fragment_nodes))
}
