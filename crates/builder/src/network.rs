//! The public-transport network of the region, for live isochrones in the app.
//! Only Rennes has timetables in the raw files; other regions get none (the app
//! then offers walking and cycling, and straight-line estimates).

use std::path::Path;

use proxipro_isochrone::format::encode;
use proxipro_model::{LatLon, NetworkInfo, Region, Source, NETWORK_FILE};
use chrono::NaiveDate;
use proxipro_transit_import::{default_rennes_date, import_files, import_rennes, ImportError, ImportReport, StreetFile, RENNES_GTFS};

use crate::error::BuildError;
use crate::report::Reject;
use crate::TransportFiles;

pub const GTFS_SOURCE_ID: &str = "gtfs-star";
pub const METRO_SOURCE_ID: &str = "metro-a";
pub const STREETS_SOURCE_ID: &str = "osm-rennes";

pub struct BuiltNetwork {
    pub bytes: Vec<u8>,
    pub info: NetworkInfo,
    pub report: ImportReport,
}

/// `None` when the region has no timetable: neither given files nor the Rennes ones.
pub fn build(
    raw_dir: &Path,
    region: &Region,
    files: Option<&TransportFiles>,
    rejects: &mut Vec<Reject>,
) -> Result<Option<BuiltNetwork>, BuildError> {
    let transport = raw_dir.join("transport");
    let unusable = |file: &Path, error: ImportError| BuildError::Unusable { file: file.display().to_string(), cause: error.to_string() };
    let (network, report, operator) = match files {
        Some(files) => {
            let date = NaiveDate::parse_from_str(&files.date, "%Y-%m-%d").map_err(|_| BuildError::Unusable {
                file: "--date".into(),
                cause: format!("« {} » n'est pas une date AAAA-MM-JJ", files.date),
            })?;
            let streets = if files.streets.extension().is_some_and(|e| e == "pbf") {
                StreetFile::Pbf(files.streets.clone())
            } else {
                StreetFile::GeoJson(files.streets.clone())
            };
            let (network, report) = import_files(&files.gtfs, &streets, date).map_err(|e| unusable(&files.gtfs, e))?;
            (network, report, files.operator.clone())
        }
        None if region.departement_code == "035" && transport.join(RENNES_GTFS).is_file() => {
            let (network, report) = import_rennes(&transport, default_rennes_date()).map_err(|e| unusable(&transport, e))?;
            (network, report, "STAR (Rennes Métropole) et métro a".to_string())
        }
        None => return Ok(None),
    };
    for issue in &report.issues {
        rejects.push(Reject::new(&format!("transport/{}", issue.file), issue.line, issue.reason.clone()));
    }
    let mut bounds = [LatLon { lat: f64::INFINITY, lon: f64::INFINITY }, LatLon { lat: f64::NEG_INFINITY, lon: f64::NEG_INFINITY }];
    for stop in network.stops() {
        bounds[0].lat = bounds[0].lat.min(stop.position.lat);
        bounds[0].lon = bounds[0].lon.min(stop.position.lon);
        bounds[1].lat = bounds[1].lat.max(stop.position.lat);
        bounds[1].lon = bounds[1].lon.max(stop.position.lon);
    }
    if network.stops().is_empty() {
        return Ok(None);
    }
    let bytes = encode(&network);
    let info = NetworkInfo {
        file: NETWORK_FILE.into(),
        timetable_day: report.service_date_label_fr.clone(),
        operator,
        bounds,
        bytes: bytes.len() as u64,
    };
    Ok(Some(BuiltNetwork { bytes, info, report }))
}

pub fn sources() -> Vec<Source> {
    let source = |id: &str, title: &str, publisher: &str, year: &str, licence: &str, file: &str, used_for: &str| Source {
        id: id.into(),
        title: title.into(),
        publisher: publisher.into(),
        year: year.into(),
        licence: licence.into(),
        url: None,
        file: file.into(),
        used_for: used_for.into(),
    };
    vec![
        source(
            GTFS_SOURCE_ID,
            "Horaires des bus STAR (GTFS)",
            "Keolis Rennes, copie de ybonnel/OpenDataRennesApi",
            "semaine du 14 au 20 novembre 2011 (horaires d'hiver 2011)",
            "non précisée par la copie utilisée (inconnue)",
            "transport/gtfs/star_rennes_gtfs_2011-11-14_week.zip",
            "Temps de trajet en transports en commun (un mardi de période scolaire)",
        ),
        source(
            METRO_SOURCE_ID,
            "Métro ligne a (fréquences)",
            "Projet mumoro (Tristramg/mumoro), approximation par fréquence, pas un horaire officiel",
            "2011",
            "non précisée (dépôt sous GPL-3)",
            "transport/metro/",
            "Métro a : une rame toutes les 200 s de 5 h 15 à 0 h 20, 75 s entre stations",
        ),
        source(
            STREETS_SOURCE_ID,
            "Rues nommées de Rennes (OpenStreetMap)",
            "© les contributeurs d'OpenStreetMap, extrait de pmauduit/opendatacamp-rennes-genre",
            "2013",
            "ODbL 1.0",
            "transport/osm/rennes_named_highways_osm_2013.geojson",
            "Trajets à pied et à vélo dans Rennes ; ailleurs, estimation en ligne droite × 1,3",
        ),
    ]
}
