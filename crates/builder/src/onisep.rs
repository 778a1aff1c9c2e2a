//! Onisep and Certif Info: readable titles, Onisep pages, descriptions, open days,
//! and the jobs (ROME codes) each diploma leads to, with France Travail's transition flags.

use std::collections::BTreeMap;
use std::path::Path;

use proxipro_model::text::fold;
use serde::Deserialize;

use crate::error::BuildError;
use crate::html_text::paragraphs;
use crate::report::Reject;
use crate::table::{read_file, Dialect, Table};

pub const CERTIF_SOURCE_ID: &str = "certif-info";
pub const IDEO_SOURCE_ID: &str = "onisep-ideo";
pub const FICHES_SOURCE_ID: &str = "onisep-fiches";
pub const JPO_SOURCE_ID: &str = "onisep-jpo";
pub const ROME_SOURCE_ID: &str = "rome";
pub const FORMATION_ROME_FILE: &str = "education/rome/formation_rome.csv";
pub const IDEO_FILE: &str = "education/onisep/onisep_ideo_formations_initiales_en_france_2022.csv";
pub const FICHES_FILE: &str = "education/onisep/cqlp_fiches.json";
pub const JPO_FILE: &str = "education/onisep/cqlp_jpo.json";
pub const ROME_FILE: &str = "education/rome/rome.csv";
pub const ROME_FLAGS_FILE: &str = "education/rome/cqlp_rome_romeMetier.csv";

#[derive(Debug, Clone, PartialEq)]
pub struct Certification {
    /// Certif Info's title, e.g. `Bac pro cuisine`.
    pub title: String,
    /// Onisep formation id, `FOR.nnnn`.
    pub onisep_id: Option<String>,
    pub romes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rome {
    pub label: String,
    pub green: Option<bool>,
    pub digital: Option<bool>,
    pub url: Option<String>,
}

#[derive(Debug, Default)]
pub struct Onisep {
    /// By CFD.
    pub certifications: BTreeMap<String, Certification>,
    /// Onisep formation id → (title, page URL).
    pub ideo: BTreeMap<String, (String, String)>,
    /// Onisep formation id → description paragraphs.
    pub fiches: BTreeMap<String, Vec<String>>,
    /// Onisep establishment id (`ENS.nnnn`) → open days, free text.
    pub open_days: BTreeMap<String, Vec<String>>,
    pub romes: BTreeMap<String, Rome>,
}

#[derive(Deserialize)]
struct Fiche {
    desc: Option<String>,
    acces: Option<String>,
}

#[derive(Deserialize)]
struct OpenDays {
    #[serde(default)]
    jpo: Vec<String>,
}

impl Onisep {
    pub fn read(raw_dir: &Path, rejects: &mut Vec<Reject>) -> Result<Onisep, BuildError> {
        let mut onisep = Onisep::default();

        let columns = ["Code_Scolarité", "Libelle_Diplome", "codeIdeo2", "Code_Rome_1", "Etat_Libelle"];
        let table = Table::parse(&read_file(raw_dir, FORMATION_ROME_FILE)?, FORMATION_ROME_FILE, &columns, rejects)?;
        for row in &table.rows {
            let field = |name| table.get(row, name);
            let cfd = field("Code_Scolarité");
            if cfd.len() != 8 {
                continue;
            }
            let romes = (1..=5)
                .map(|i| table.get(row, &format!("Code_Rome_{i}")).to_string())
                .filter(|rome| rome.len() == 5)
                .collect();
            let certification = Certification {
                title: field("Libelle_Diplome").to_string(),
                onisep_id: Some(field("codeIdeo2")).filter(|id| id.starts_with("FOR.")).map(str::to_string),
                romes,
            };
            // Several certifications may share a school code; the published one describes it best.
            let published = field("Etat_Libelle") == "Publié";
            match onisep.certifications.get(cfd) {
                Some(_) if !published => {}
                _ => {
                    onisep.certifications.insert(cfd.to_string(), certification);
                }
            }
        }

        let columns = ["libellé formation principal", "lien site onisep.fr"];
        let table = Table::parse(&read_file(raw_dir, IDEO_FILE)?, IDEO_FILE, &columns, rejects)?;
        for row in &table.rows {
            let url = table.get(row, "lien site onisep.fr");
            if let Some(id) = url.rsplit('/').next().filter(|id| id.starts_with("FOR.")) {
                let url = url.replacen("http://", "https://", 1);
                onisep.ideo.insert(id.to_string(), (table.get(row, "libellé formation principal").to_string(), url));
            }
        }

        let fiches: BTreeMap<String, Fiche> = read_json(raw_dir, FICHES_FILE)?;
        for (id, fiche) in fiches {
            let text: Vec<String> = [fiche.desc, fiche.acces].into_iter().flatten().flat_map(|html| paragraphs(&html)).collect();
            if !text.is_empty() {
                onisep.fiches.insert(id, text);
            }
        }

        let open_days: BTreeMap<String, OpenDays> = read_json(raw_dir, JPO_FILE)?;
        onisep.open_days = open_days.into_iter().filter(|(_, days)| !days.jpo.is_empty()).map(|(id, days)| (id, days.jpo)).collect();

        let table = Table::parse(&read_file(raw_dir, ROME_FILE)?, ROME_FILE, &["code_rome", "libelle_rome"], rejects)?;
        for row in &table.rows {
            onisep.romes.insert(
                table.get(row, "code_rome").to_string(),
                Rome { label: table.get(row, "libelle_rome").to_string(), green: None, digital: None, url: None },
            );
        }
        let columns = ["Code ROME", "lien site FT", "transitionEcologique", "transitionNumerique"];
        let table = Table::parse_with(&read_file(raw_dir, ROME_FLAGS_FILE)?, ROME_FLAGS_FILE, &columns, Dialect::default(), rejects)?;
        for row in &table.rows {
            let Some(rome) = onisep.romes.get_mut(table.get(row, "Code ROME")) else {
                rejects.push(Reject::new(ROME_FLAGS_FILE, row.line, "code ROME absent du référentiel".into()));
                continue;
            };
            // A ROME code groups several Onisep jobs: it is "green" if any of them is.
            let flag = |text: &str| match text {
                "Oui" => Some(true),
                "Non" => Some(false),
                _ => None,
            };
            rome.green = merge(rome.green, flag(table.get(row, "transitionEcologique")));
            rome.digital = merge(rome.digital, flag(table.get(row, "transitionNumerique")));
            if rome.url.is_none() {
                rome.url = Some(table.get(row, "lien site FT")).filter(|url| url.starts_with("https://")).map(str::to_string);
            }
        }
        Ok(onisep)
    }

    /// The Onisep page of a famille de métiers' common seconde, found by its name.
    pub fn common_seconde(&self, famille: &str) -> Option<(&str, &str)> {
        let wanted = fold(famille);
        self.ideo.iter().find_map(|(id, (title, url))| {
            let title = fold(title);
            let name = title.strip_prefix("classe de seconde professionnelle ")?;
            (wanted.ends_with(name) || name.ends_with(&wanted)).then_some((id.as_str(), url.as_str()))
        })
    }
}

fn merge(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a || b),
        (a, b) => a.or(b),
    }
}

fn read_json<T: serde::de::DeserializeOwned>(raw_dir: &Path, file: &str) -> Result<T, BuildError> {
    serde_json::from_slice(&read_file(raw_dir, file)?)
        .map_err(|error| BuildError::Unusable { file: file.to_string(), cause: format!("JSON invalide ({error})") })
}

/// `Bac pro cuisine` → `Cuisine`: the title without the diploma, which the card shows apart.
pub fn title_without_diploma(title: &str) -> String {
    const PREFIXES: [&str; 8] = ["bac pro agricole ", "bac pro ", "capa ", "cap agricole ", "cap ", "bp ", "mc ", "brevet professionnel "];
    let lower = title.to_lowercase();
    let rest = PREFIXES.iter().find_map(|prefix| lower.starts_with(prefix).then(|| &title[prefix.len()..])).unwrap_or(title);
    let mut chars = rest.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_drop_the_diploma_prefix() {
        assert_eq!(title_without_diploma("Bac pro cuisine"), "Cuisine");
        assert_eq!(title_without_diploma("CAP Électricien"), "Électricien");
        assert_eq!(title_without_diploma("CAPA jardinier paysagiste"), "Jardinier paysagiste");
        assert_eq!(title_without_diploma("Mention inconnue"), "Mention inconnue");
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Métiers de l'hôtellerie-restauration"), "metiers de l hotellerie restauration");
        let mut onisep = Onisep::default();
        onisep.ideo.insert(
            "FOR.2627".into(),
            ("classe de seconde professionnelle métiers de l'hôtellerie-restauration".into(), "https://o/FOR.2627".into()),
        );
        let (id, url) = onisep.common_seconde("Métiers de l'hôtellerie-restauration").unwrap();
        assert_eq!((id, url), ("FOR.2627", "https://o/FOR.2627"));
        assert!(onisep.common_seconde("Métiers de la mer").is_none());
    }
}
