//! Builds `public/data/<region>/` from the raw open-data files in `shared/data/raw/`.
//!
//! Each source has its own module that turns rows into model values and
//! records every row it cannot use; [`build_region`] joins them, then writes
//! the region's files all at once so a failed build never leaves half a dataset.

mod annuaire;
mod error;
mod output;
mod region;
mod report;
mod sources;
mod table;

use std::path::PathBuf;

use proxipro_model::{Dataset, Provenance, DATASET_FILE, PROVENANCE_FILE, SCHEMA_VERSION};

pub use annuaire::parse_annuaire;
pub use error::BuildError;
pub use report::{Reject, Report};

/// What to build and where from.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// `shared/data/raw`.
    pub raw_dir: PathBuf,
    /// `public/data`: the region gets its own folder inside.
    pub out_dir: PathBuf,
    /// Département code, `35` or `035`.
    pub departement: String,
}

/// Reads the raw files, writes the region's dataset, and says what it did.
pub fn build_region(config: &BuildConfig) -> Result<Report, BuildError> {
    let region = region::find(&config.raw_dir, &config.departement)?;
    let mut report = Report::new(region.clone());

    let annuaire_file = annuaire::locate(&config.raw_dir, &region)?;
    let annuaire_bytes = table::read_file(&config.raw_dir, &annuaire_file)?;
    let annuaire = parse_annuaire(&annuaire_bytes, &annuaire_file, &region, &mut report.rejects)?;

    let provenance = Provenance {
        schema_version: SCHEMA_VERSION,
        region: region.clone(),
        sources: vec![sources::annuaire(&annuaire_file, &annuaire.last_update)],
        methods: sources::methods(),
    };
    let dataset = Dataset { schema_version: SCHEMA_VERSION, region: region.clone(), schools: annuaire.schools };
    report.count_schools(&dataset.schools);

    let files = vec![
        (DATASET_FILE, to_json(&dataset, false)),
        (PROVENANCE_FILE, to_json(&provenance, true)),
    ];
    let target = config.out_dir.join(&region.slug);
    output::replace_dir_atomically(&target, &files)?;
    report.written = files.iter().map(|(name, bytes)| (target.join(name), bytes.len())).collect();
    Ok(report)
}

/// Compact for the files the app parses on start, pretty for the ones people read.
fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> Vec<u8> {
    let mut bytes = if pretty {
        serde_json::to_vec_pretty(value)
    } else {
        serde_json::to_vec(value)
    }
    .expect("model types always serialise");
    bytes.push(b'\n');
    bytes
}
