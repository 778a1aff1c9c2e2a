//! Turns raw transport files into a [`proxipro_isochrone::Network`] for one
//! service date: GTFS zip (buses), a frequency-based line (Rennes metro a),
//! and OpenStreetMap streets (GeoJSON export or PBF). Native only (files).
//!
//! The network holds the vehicles running on the chosen date; the app shows
//! that date ("horaires du mardi 15 novembre 2011") from
//! [`ImportReport::service_date_label_fr`] or `Network::service_date()`.

mod csv_table;
mod frequency_line;
mod gtfs;
mod report;
mod streets;
mod timetable;

pub use frequency_line::{read_frequency_line, read_frequency_line_bytes};
pub use gtfs::{parse_time, read_gtfs_files, read_gtfs_zip, GtfsFiles};
pub use report::{
    FrequencyLineStats, GtfsStats, ImportError, ImportIssue, ImportReport, StreetStats,
};
pub use streets::{
    read_streets_geojson, read_streets_geojson_str, read_streets_pbf, way_access, OneWay,
    StreetGraphBuilder, WayAccess, DEFAULT_MIN_FRAGMENT_NODES,
};
pub use timetable::{StopCall, Timetable};

use chrono::{Datelike, NaiveDate};
use proxipro_isochrone::network::{
    compute_footpaths, FootpathParams, NetworkParts, ServiceDate, StreetGraph,
};
use proxipro_isochrone::Network;
use std::path::Path;

/// Files of the Rennes data set, relative to the raw transport folder.
pub const RENNES_GTFS: &str = "gtfs/star_rennes_gtfs_2011-11-14_week.zip";
pub const RENNES_METRO_NODES: &str = "metro/mumoro_rennes_metro_a_nodes.csv";
pub const RENNES_METRO_PATTERNS: &str = "metro/mumoro_rennes_metro_a_edges.csv";
pub const RENNES_STREETS: &str = "osm/rennes_named_highways_osm_2013.geojson";

/// Tuesday 15 November 2011: a school day inside the only week the 2011
/// STAR feed covers (14–20 November).
pub fn default_rennes_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 11, 15).unwrap_or_default()
}

pub fn service_date_of(date: NaiveDate) -> Result<ServiceDate, ImportError> {
    u8::try_from(date.month())
        .ok()
        .zip(u8::try_from(date.day()).ok())
        .and_then(|(month, day)| ServiceDate::new(date.year(), month, day))
        .ok_or_else(|| ImportError::InvalidDate(date.to_string()))
}

/// A network from a timetable and streets: footpaths between stops within
/// 400 m (straight line × 1.3 at 1.25 m/s).
pub fn assemble_network(
    timetable: Timetable,
    streets: StreetGraph,
    service_date: Option<ServiceDate>,
) -> Result<Network, ImportError> {
    let footpaths = compute_footpaths(&timetable.stops, FootpathParams::default());
    let parts = NetworkParts {
        service_date,
        stops: timetable.stops,
        routes: timetable.routes,
        trips: timetable.trips,
        connections: timetable.connections,
        footpaths,
        streets,
    };
    Ok(Network::from_parts(parts)?)
}

/// Streets for [`import_files`]: an OSM extract as PBF, or a GeoJSON export of ways.
#[derive(Debug, Clone)]
pub enum StreetFile {
    Pbf(std::path::PathBuf),
    GeoJson(std::path::PathBuf),
}

/// Any region's network from a current GTFS and an OSM extract, for `date`.
pub fn import_files(gtfs: &Path, streets: &StreetFile, date: NaiveDate) -> Result<(Network, ImportReport), ImportError> {
    let service_date = service_date_of(date)?;
    let mut timetable = Timetable::default();
    let (gtfs, mut issues) = read_gtfs_zip(gtfs, date, &mut timetable)?;
    let (streets, street_stats) = match streets {
        StreetFile::Pbf(path) => read_streets_pbf(path, DEFAULT_MIN_FRAGMENT_NODES)?,
        StreetFile::GeoJson(path) => {
            let (graph, stats, street_issues) = read_streets_geojson(path, DEFAULT_MIN_FRAGMENT_NODES)?;
            issues.extend(street_issues);
            (graph, stats)
        }
    };
    let network = assemble_network(timetable, streets, Some(service_date))?;
    let report = ImportReport {
        service_date,
        service_date_label_fr: service_date.french_label(),
        gtfs,
        metro: FrequencyLineStats::default(),
        streets: street_stats,
        footpaths: network.footpaths().len(),
        issues,
    };
    Ok((network, report))
}

/// The Rennes network for `date`: STAR buses (GTFS), metro line a (route
/// "a", from headways), named streets of the commune.
pub fn import_rennes(
    raw_transport_dir: &Path,
    date: NaiveDate,
) -> Result<(Network, ImportReport), ImportError> {
    let service_date = service_date_of(date)?;
    let mut timetable = Timetable::default();
    let (gtfs, mut issues) =
        read_gtfs_zip(&raw_transport_dir.join(RENNES_GTFS), date, &mut timetable)?;
    let (metro, metro_issues) = read_frequency_line(
        &raw_transport_dir.join(RENNES_METRO_NODES),
        &raw_transport_dir.join(RENNES_METRO_PATTERNS),
        "a",
        "metro:",
        &mut timetable,
    )?;
    issues.extend(metro_issues);
    let (streets, street_stats, street_issues) = read_streets_geojson(
        &raw_transport_dir.join(RENNES_STREETS),
        DEFAULT_MIN_FRAGMENT_NODES,
    )?;
    issues.extend(street_issues);
    let network = assemble_network(timetable, streets, Some(service_date))?;
    let report = ImportReport {
        service_date,
        service_date_label_fr: service_date.french_label(),
        gtfs,
        metro,
        streets: street_stats,
        footpaths: network.footpaths().len(),
        issues,
    };
    Ok((network, report))
}
