use super::{way_access, StreetGraphBuilder};
use crate::report::{ImportError, ImportIssue, StreetStats};
use proxipro_isochrone::network::StreetGraph;
use proxipro_isochrone::LatLon;
use serde_json::Value;
use std::path::Path;

/// Coordinates closer than this are the same node (the GeoJSON export lost
/// OSM node ids; shared nodes have identical coordinates).
const MERGE_TOLERANCE_M: f64 = 0.5;

/// Street graph from a GeoJSON `FeatureCollection` of OSM ways
/// (`LineString`/`MultiLineString` with OSM tags as properties).
pub fn read_streets_geojson(
    path: &Path,
    min_fragment_nodes: usize,
) -> Result<(StreetGraph, StreetStats, Vec<ImportIssue>), ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    read_streets_geojson_str(&text, &file, min_fragment_nodes).map_err(|reason| {
        ImportError::GeoJson {
            path: path.to_path_buf(),
            reason,
        }
    })
}

pub fn read_streets_geojson_str(
    text: &str,
    file: &str,
    min_fragment_nodes: usize,
) -> Result<(StreetGraph, StreetStats, Vec<ImportIssue>), String> {
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or("no \"features\" array")?;
    let mut builder = StreetGraphBuilder::new(MERGE_TOLERANCE_M);
    let mut issues = Vec::new();
    for (index, feature) in features.iter().enumerate() {
        let geometry = feature.get("geometry");
        let kind = geometry
            .and_then(|g| g.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if kind != "LineString" && kind != "MultiLineString" {
            continue; // Tagged nodes (crossings, signals): not ways.
        }
        let properties = feature.get("properties");
        let tag = |key: &str| properties.and_then(|p| p.get(key)).and_then(Value::as_str);
        let Some(access) = way_access(tag) else {
            builder.stats.ways_skipped += 1;
            continue;
        };
        let coordinates = geometry.and_then(|g| g.get("coordinates"));
        let lines: Vec<&Value> = match (kind, coordinates.and_then(Value::as_array)) {
            ("LineString", Some(_)) => coordinates.into_iter().collect(),
            ("MultiLineString", Some(lines)) => lines.iter().collect(),
            _ => Vec::new(),
        };
        let mut usable = false;
        for line in lines {
            let points: Option<Vec<LatLon>> = line.as_array().map(|points| {
                points
                    .iter()
                    .filter_map(|p| {
                        let p = p.as_array()?;
                        Some(LatLon::new(p.get(1)?.as_f64()?, p.first()?.as_f64()?))
                    })
                    .filter(|p| p.is_valid())
                    .collect()
            });
            match points {
                Some(points) if points.len() >= 2 => {
                    let nodes: Vec<u32> = points.iter().map(|&p| builder.node_at(p)).collect();
                    builder.add_way(&nodes, access);
                    usable = true;
                }
                _ => {}
            }
        }
        if !usable {
            builder.stats.ways_skipped += 1;
            issues.push(ImportIssue {
                file: file.to_string(),
                line: 0,
                reason: format!("feature {index}: line with fewer than two valid points"),
            });
        }
    }
    let (graph, stats) = builder.finish(min_fragment_nodes);
    Ok((graph, stats, issues))
}
