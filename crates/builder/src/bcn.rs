//! BCN nomenclatures: MEF (the class) → CFD (the diploma) → level, label, speciality group;
//! familles de métiers → their bac pro specialities.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::BuildError;
use crate::report::Reject;
use crate::table::{read_file, Dialect, Table};

pub const SOURCE_ID: &str = "bcn";
const MEF_FILE: &str = "education/bcn/bcn_n_mef.csv";
const DIPLOMA_FILE: &str = "education/bcn/bcn_n_formation_diplome.csv";
const GROUP_FILE: &str = "education/bcn/bcn_n_groupe_specialite.csv";
const FAMILLE_FILE: &str = "education/bcn/famille_metiers.csv";

#[derive(Debug, Clone, PartialEq)]
pub struct Mef {
    pub cfd: String,
    pub duration_years: Option<u8>,
    /// 1 for the first year of the course, 2 for the second…
    pub year_of_course: Option<u8>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DiplomaEntry {
    /// First three digits of the CFD: 500 CAP, 400 bac pro…
    pub level: String,
    pub label: String,
    pub group: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Famille {
    pub label: String,
    pub specialities: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Bcn {
    /// By MEF STAT 11.
    pub mefs: BTreeMap<String, Mef>,
    /// By CFD.
    pub diplomas: BTreeMap<String, DiplomaEntry>,
    /// NSF group code → label.
    pub groups: BTreeMap<String, String>,
    /// By the CFD of the common seconde.
    pub familles: BTreeMap<String, Famille>,
}

impl Bcn {
    pub fn read(raw_dir: &Path, rejects: &mut Vec<Reject>) -> Result<Bcn, BuildError> {
        let mut bcn = Bcn::default();

        let mefs = Table::parse(
            &read_file(raw_dir, MEF_FILE)?,
            MEF_FILE,
            &["MEF_STAT_11", "FORMATION_DIPLOME", "DUREE_DISPOSITIF", "ANNEE_DISPOSITIF", "LIBELLE_LONG"],
            rejects,
        )?;
        for row in &mefs.rows {
            let field = |name| mefs.get(row, name);
            // Several MEFs may share a MEF STAT 11; they name the same class of the same diploma.
            bcn.mefs.entry(field("MEF_STAT_11").to_string()).or_insert_with(|| Mef {
                cfd: field("FORMATION_DIPLOME").to_string(),
                duration_years: field("DUREE_DISPOSITIF").parse().ok(),
                year_of_course: field("ANNEE_DISPOSITIF").parse().ok(),
                label: field("LIBELLE_LONG").to_string(),
            });
        }

        let dialect = Dialect { windows_1252: true, ..Dialect::default() };
        let columns = ["FORMATION_DIPLOME", "NIVEAU_FORMATION_DIPLOME", "GROUPE_SPECIALITE", "LIBELLE_LONG_200"];
        let diplomas = Table::parse_with(&read_file(raw_dir, DIPLOMA_FILE)?, DIPLOMA_FILE, &columns, dialect, rejects)?;
        for row in &diplomas.rows {
            let field = |name| diplomas.get(row, name);
            bcn.diplomas.insert(
                field("FORMATION_DIPLOME").to_string(),
                DiplomaEntry {
                    level: field("NIVEAU_FORMATION_DIPLOME").to_string(),
                    label: field("LIBELLE_LONG_200").to_string(),
                    group: field("GROUPE_SPECIALITE").to_string(),
                },
            );
        }

        let groups = Table::parse(&read_file(raw_dir, GROUP_FILE)?, GROUP_FILE, &["GROUPE_SPECIALITE", "LIBELLE_LONG"], rejects)?;
        for row in &groups.rows {
            let label = groups.get(row, "LIBELLE_LONG");
            // Labels read "DO22 : TRANSFORMATIONS" or "221 : AGRO-ALIMENTAIRE, ALIMENTATION, CUISINE".
            let label = label.split_once(" : ").map_or(label, |(_, text)| text);
            bcn.groups.insert(groups.get(row, "GROUPE_SPECIALITE").to_string(), sentence_case(label));
        }

        let familles = Table::parse(
            &read_file(raw_dir, FAMILLE_FILE)?,
            FAMILLE_FILE,
            &["FAMILLE", "CFD_COMMUN", "CFD_SPECIALITE"],
            rejects,
        )?;
        for row in &familles.rows {
            let famille = bcn.familles.entry(familles.get(row, "CFD_COMMUN").to_string()).or_insert_with(|| Famille {
                label: familles.get(row, "FAMILLE").to_string(),
                specialities: Vec::new(),
            });
            let speciality = familles.get(row, "CFD_SPECIALITE").to_string();
            if !speciality.is_empty() && !famille.specialities.contains(&speciality) {
                famille.specialities.push(speciality);
            }
        }
        for famille in bcn.familles.values_mut() {
            famille.specialities.sort();
        }
        Ok(bcn)
    }

    /// The famille a speciality belongs to, if any.
    pub fn famille_of(&self, cfd: &str) -> Option<&Famille> {
        self.familles.get(cfd).or_else(|| self.familles.values().find(|f| f.specialities.iter().any(|s| s == cfd)))
    }
}

/// `AGRO-ALIMENTAIRE, CUISINE` → `Agro-alimentaire, cuisine`.
pub fn sentence_case(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `CUISINE (BAC PRO)` → `Cuisine`: the BCN label without the diploma in brackets.
pub fn programme_label(bcn_label: &str) -> String {
    let base = bcn_label.rsplit_once(" (").map_or(bcn_label, |(label, _)| label);
    sentence_case(base.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_shouting_and_brackets() {
        assert_eq!(programme_label("CUISINE (BAC PRO)"), "Cuisine");
        assert_eq!(programme_label("METIERS DE L'HOTELLERIE-RESTAURATION 2NDE COMMUNE (BAC PRO)"), "Metiers de l'hotellerie-restauration 2nde commune");
        assert_eq!(sentence_case("ÉLECTRICITÉ"), "Électricité");
        assert_eq!(sentence_case(""), "");
    }
}
