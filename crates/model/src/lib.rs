//! The ProxiPro dataset model, shared by the native builder and the wasm app.
//!
//! Files under `public/data/<region>/` are these types serialised as JSON.
//! Every file carries [`SCHEMA_VERSION`] so the app can refuse a file it
//! does not understand instead of misreading it.

use serde::{Deserialize, Serialize};

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// File names inside a region folder, so builder and app cannot disagree.
pub const DATASET_FILE: &str = "dataset.json";
pub const PROVENANCE_FILE: &str = "provenance.json";

/// The area a dataset covers (a département for now).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Folder name under `public/data/`, e.g. `ille-et-vilaine`.
    pub slug: String,
    /// Département code as the annuaire writes it, e.g. `035`.
    pub departement_code: String,
    pub name: String,
    pub academie: String,
    pub region_name: String,
}

/// What the app loads first: the schools of the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schema_version: u32,
    pub region: Region,
    pub schools: Vec<School>,
}

/// A school that teaches at least one vocational programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    /// Unique identifier of the establishment (code UAI / RNE), e.g. `0350031U`.
    pub uai: String,
    pub name: String,
    /// The annuaire's nature label, e.g. `LYCEE PROFESSIONNEL`.
    pub kind: SchoolKind,
    pub sector: Sector,
    pub address: Address,
    pub position: LatLon,
    /// `None` when the source does not say.
    pub boarding: Option<bool>,
    pub website: Option<String>,
    /// Onisep establishment id (`ENS.nnnn`), the key to open days and Onisep pages.
    pub onisep_id: Option<String>,
    /// Id of the source (see [`Provenance::sources`]) these facts come from.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolKind {
    LyceeProfessionnel,
    LyceePolyvalent,
    SectionEnseignementProfessionnel,
    LyceeAgricole,
    Cfa,
    Autre,
}

impl SchoolKind {
    pub fn label(self) -> &'static str {
        match self {
            SchoolKind::LyceeProfessionnel => "Lycée professionnel",
            SchoolKind::LyceePolyvalent => "Lycée polyvalent",
            SchoolKind::SectionEnseignementProfessionnel => "Section d'enseignement professionnel",
            SchoolKind::LyceeAgricole => "Lycée agricole",
            SchoolKind::Cfa => "CFA (apprentissage)",
            SchoolKind::Autre => "Autre établissement",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Public,
    Prive,
}

impl Sector {
    pub fn label(self) -> &'static str {
        match self {
            Sector::Public => "Public",
            Sector::Prive => "Privé",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub commune: String,
    /// INSEE code of the commune.
    pub commune_code: String,
}

/// WGS84 coordinates, degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

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

impl Dataset {
    /// Parses a dataset file, refusing one written for another schema version.
    pub fn check_version(&self) -> Result<(), String> {
        check_version(self.schema_version)
    }
}

impl Provenance {
    pub fn check_version(&self) -> Result<(), String> {
        check_version(self.schema_version)
    }
}

fn check_version(found: u32) -> Result<(), String> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(format!(
            "version de format {found} inattendue (cette application lit la version {SCHEMA_VERSION})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_kind_serialises_as_snake_case() {
        let json = serde_json::to_string(&SchoolKind::SectionEnseignementProfessionnel).unwrap();
        assert_eq!(json, "\"section_enseignement_professionnel\"");
    }

    #[test]
    fn other_schema_versions_are_refused_with_both_numbers() {
        let err = check_version(SCHEMA_VERSION + 1).unwrap_err();
        assert!(err.contains(&(SCHEMA_VERSION + 1).to_string()));
        assert!(err.contains(&SCHEMA_VERSION.to_string()));
        assert!(check_version(SCHEMA_VERSION).is_ok());
    }
}
