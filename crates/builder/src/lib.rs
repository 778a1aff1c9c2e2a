//! Builds `public/data/<region>/` from the raw open-data files in `shared/data/raw/`.
//!
//! Each source has its own module that turns rows into model values and
//! records every row it cannot use; [`build_region`] joins them, then writes
//! the region's files all at once so a failed build never leaves half a dataset.

mod affelnet;
mod annuaire;
mod bcn;
mod catalogue;
mod error;
mod html_text;
mod inserjeunes;
mod network;
mod onisep;
mod output;
mod places;
mod region;
mod report;
mod sources;
mod table;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proxipro_model::{Dataset, Figure, Provenance, DATASET_FILE, NETWORK_FILE, PROVENANCE_FILE, SCHEMA_VERSION};

pub use annuaire::parse_annuaire;
pub use error::BuildError;
pub use report::{Reject, Report};
/// The CSV reader every source goes through, public so the fuzz targets can reach it.
pub use table::{decode_windows_1252, Dialect, Row, Table};
/// The Affelnet parser, public for the fuzz targets.
pub use affelnet::{parse_offers as parse_affelnet_offers, AffelnetOffer};

/// What to build and where from.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// `shared/data/raw`.
    pub raw_dir: PathBuf,
    /// `public/data`: the region gets its own folder inside.
    pub out_dir: PathBuf,
    /// Département code, `35` or `035`.
    pub departement: String,
    /// Current transport files for any region; without them, the Rennes files of `raw_dir` are used for 35.
    pub transport: Option<TransportFiles>,
}

/// A current GTFS and an OSM extract, e.g. from transport.data.gouv.fr and Geofabrik.
#[derive(Debug, Clone)]
pub struct TransportFiles {
    pub gtfs: PathBuf,
    /// `.osm.pbf`, or `.geojson` of ways with their OSM tags.
    pub streets: PathBuf,
    /// A school day within the GTFS validity, `YYYY-MM-DD`.
    pub date: String,
    /// Who runs the network, for the page.
    pub operator: String,
}

/// Reads the raw files, writes the region's dataset, and says what it did.
pub fn build_region(config: &BuildConfig) -> Result<Report, BuildError> {
    let raw = config.raw_dir.as_path();
    let region = region::find(raw, &config.departement)?;
    let mut report = Report::new(region.clone());
    let rejects = &mut report.rejects;
    // UAIs begin with the département code (`0350031U` is in 035).
    let uai_prefix = region.departement_code.as_str();

    let bcn = bcn::Bcn::read(raw, rejects)?;
    let affelnet = affelnet::read_offers(raw, uai_prefix, rejects)?;
    let premiere_admissions = affelnet::read_premiere_admissions(raw, uai_prefix, rejects)?;
    let outcomes = inserjeunes::read_regional(raw, &region.region_code, &bcn, rejects)?;
    let school_outcomes = inserjeunes::read_schools(raw, uai_prefix, rejects)?;
    let onisep = onisep::Onisep::read(raw, rejects)?;

    let annuaire_file = annuaire::locate(raw, &region)?;
    let with_offers: BTreeSet<String> = affelnet.iter().map(|offer| offer.uai.clone()).collect();
    let annuaire_bytes = table::read_file(raw, &annuaire_file)?;
    let annuaire = parse_annuaire(&annuaire_bytes, &annuaire_file, &region, &with_offers, rejects)?;
    let places = places::read(raw, &annuaire_bytes, &annuaire_file, &region, rejects)?;
    let mut schools = annuaire.schools;
    for school in &mut schools {
        school.outcomes = school_outcomes.get(&school.uai).cloned();
        school.open_days = match school.onisep_id.as_ref().and_then(|id| onisep.open_days.get(id)) {
            Some(days) => Figure::known(days.clone(), "2025", onisep::JPO_SOURCE_ID),
            None => Figure::unavailable("aucune date de portes ouvertes publiée sur Onisep"),
        };
    }

    let known_schools: BTreeSet<String> = schools.iter().map(|school| school.uai.clone()).collect();
    let catalogue = catalogue::assemble(
        &catalogue::Sources {
            affelnet: &affelnet,
            premiere_admissions: &premiere_admissions,
            bcn: &bcn,
            outcomes: &outcomes,
            onisep: &onisep,
            schools: &known_schools,
        },
        rejects,
        &mut report.joins,
    );

    let network = network::build(raw, &region, config.transport.as_ref(), &mut report.rejects)?;
    let mut all_sources = sources::all(&annuaire_file, &annuaire.last_update);
    if network.is_some() {
        all_sources.extend(network::sources());
    }
    let provenance = Provenance {
        schema_version: SCHEMA_VERSION,
        region: region.clone(),
        sources: all_sources,
        methods: sources::methods(),
    };
    let dataset = Dataset {
        schema_version: SCHEMA_VERSION,
        region: region.clone(),
        schools,
        programmes: catalogue.programmes,
        offers: catalogue.offers,
        network: network.as_ref().map(|n| n.info.clone()),
        places,
    };
    report.count_dataset(&dataset);

    let mut files = vec![(DATASET_FILE, to_json(&dataset, false)), (PROVENANCE_FILE, to_json(&provenance, true))];
    if let Some(network) = network {
        report.network = Some(network_summary(&network.report));
        files.push((NETWORK_FILE, network.bytes));
    }
    let target = config.out_dir.join(&region.slug);
    output::replace_dir_atomically(&target, &files)?;
    report.written = files.iter().map(|(name, bytes)| (target.join(name), bytes.len())).collect();
    Ok(report)
}

fn network_summary(report: &proxipro_transit_import::ImportReport) -> String {
    format!(
        "horaires du {} ; {} trajets de bus et {} rames de métro ce jour-là ; {} nœuds de rue ; {} correspondances à pied",
        report.service_date_label_fr, report.gtfs.trips_on_date, report.metro.trips, report.streets.nodes, report.footpaths
    )
}

/// Compact for the files the app parses on start, pretty for the ones people read.
fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> Vec<u8> {
    let mut bytes = if pretty { serde_json::to_vec_pretty(value) } else { serde_json::to_vec(value) }
        .expect("model types always serialise");
    bytes.push(b'\n');
    bytes
}
