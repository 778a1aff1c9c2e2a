//! Where every figure comes from, shown on the app's sources page.

use serde::{Deserialize, Serialize};

use crate::Region;

/// Where every figure of a region's dataset comes from; shown on the sources page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub schema_version: u32,
    pub region: Region,
    pub sources: Vec<Source>,
    /// How derived figures are computed, in French, for the sources page.
    pub methods: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Short stable id that records point to, e.g. `annuaire`.
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// Millésime or date of the data, as precise as the source allows.
    pub year: String,
    /// Licence as stated by the publisher, or `inconnue` where nobody states it.
    pub licence: String,
    pub url: Option<String>,
    /// The raw file this build read, relative to `shared/data/raw/`.
    pub file: String,
    /// What the app takes from it.
    pub used_for: String,
}

