//! Annuaire de l'éducation: the schools that teach vocational programmes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proxipro_model::{Address, Figure, LatLon, Region, School, SchoolKind, Sector};

use crate::error::BuildError;
use crate::report::Reject;
use crate::table::{Row, Table};

pub const SOURCE_ID: &str = "annuaire";
const FOLDER: &str = "education/annuaire";

const COLUMNS: [&str; 15] = [
    "Identifiant_de_l_etablissement",
    "Lycee_Agricole",
    "Nom_etablissement",
    "Type_etablissement",
    "Statut_public_prive",
    "Adresse_1",
    "Code postal",
    "Code_commune",
    "Nom_commune",
    "Code_departement",
    "Voie_professionnelle",
    "Hebergement",
    "latitude",
    "longitude",
    "etat",
];

/// The annuaire extract for a département: `annuaire_education_dep<NN>_<date>.csv`.
pub fn locate(raw_dir: &Path, region: &Region) -> Result<String, BuildError> {
    let folder = raw_dir.join(FOLDER);
    let short = region.departement_code.trim_start_matches('0');
    let prefix = format!("annuaire_education_dep{short}_");
    let entries = std::fs::read_dir(&folder)
        .map_err(|cause| BuildError::Input { path: folder.clone(), cause: cause.to_string() })?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(&prefix) && name.ends_with(".csv"))
        .collect();
    // The newest extract sorts last: its name ends with its date.
    names.sort();
    names.pop().map(|name| format!("{FOLDER}/{name}")).ok_or_else(|| BuildError::Input {
        path: folder.join(format!("{prefix}*.csv")),
        cause: format!("aucun extrait de l'annuaire pour le département {}", region.departement_code),
    })
}

pub struct Annuaire {
    /// Sorted by UAI.
    pub schools: Vec<School>,
    /// Latest `date_maj_ligne` among the rows kept, the best "as of" the file gives.
    pub last_update: String,
}

/// Keeps open lycées of the region that have a vocational track, and the
/// schools of `also` (those where Affelnet lists an offer) whatever the annuaire's flags.
pub fn parse_annuaire(
    bytes: &[u8],
    file: &str,
    region: &Region,
    also: &BTreeSet<String>,
    rejects: &mut Vec<Reject>,
) -> Result<Annuaire, BuildError> {
    let table = Table::parse(bytes, file, &COLUMNS, rejects)?;
    let mut schools = Vec::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    let mut last_update = String::new();
    for row in &table.rows {
        let field = |name: &str| table.get(row, name);
        let vocational = field("Voie_professionnelle") == "1" && field("Type_etablissement") == "Lycée";
        let listed = also.contains(field("Identifiant_de_l_etablissement"));
        if !(vocational || listed) || field("Code_departement") != region.departement_code || field("etat") != "OUVERT" {
            continue;
        }
        if let Some(first) = first_line.get(field("Identifiant_de_l_etablissement")) {
            let reason = format!("UAI {} déjà lu ligne {first}", field("Identifiant_de_l_etablissement"));
            rejects.push(Reject::new(file, row.line, reason));
            continue;
        }
        match school(&table, row) {
            Ok(school) => {
                first_line.insert(school.uai.clone(), row.line);
                last_update = last_update.max(field("date_maj_ligne").to_string());
                schools.push(school);
            }
            Err(reason) => rejects.push(Reject::new(file, row.line, reason)),
        }
    }
    schools.sort_by(|a, b| a.uai.cmp(&b.uai));
    Ok(Annuaire { schools, last_update })
}

fn school(table: &Table, row: &Row) -> Result<School, String> {
    let field = |name: &str| table.get(row, name);
    let uai = field("Identifiant_de_l_etablissement");
    if !is_uai(uai) {
        return Err(format!("UAI invalide « {uai} »"));
    }
    let name = field("Nom_etablissement");
    if name.is_empty() {
        return Err(format!("{uai} : nom manquant"));
    }
    let position = position(field("latitude"), field("longitude")).ok_or_else(|| {
        format!("{uai} : coordonnées invalides « {} », « {} »", field("latitude"), field("longitude"))
    })?;
    let sector = match field("Statut_public_prive") {
        "Public" => Sector::Public,
        "Privé" => Sector::Prive,
        other => return Err(format!("{uai} : statut public/privé inconnu « {other} »")),
    };
    Ok(School {
        uai: uai.to_string(),
        name: name.to_string(),
        kind: kind(field("libelle_nature"), field("Lycee_Agricole") == "1"),
        sector,
        address: Address {
            street: field("Adresse_1").to_string(),
            postcode: field("Code postal").to_string(),
            commune: field("Nom_commune").to_string(),
            commune_code: field("Code_commune").to_string(),
        },
        position,
        boarding: match field("Hebergement") {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        website: Some(field("Web")).filter(|web| web.starts_with("http")).map(str::to_string),
        onisep_id: onisep_id(field("Fiche_onisep")),
        open_days: Figure::unavailable(""),
        outcomes: None,
        source: SOURCE_ID.to_string(),
    })
}

/// Seven digits and a letter, e.g. `0350031U`.
fn is_uai(uai: &str) -> bool {
    uai.len() == 8 && uai.is_ascii() && uai[..7].bytes().all(|b| b.is_ascii_digit()) && uai.as_bytes()[7].is_ascii_uppercase()
}

fn position(lat: &str, lon: &str) -> Option<LatLon> {
    let (lat, lon) = (lat.parse::<f64>().ok()?, lon.parse::<f64>().ok()?);
    // Metropolitan France and the overseas départements all fit in these bounds.
    let plausible = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) && (lat, lon) != (0.0, 0.0);
    plausible.then_some(LatLon { lat, lon })
}

/// `agricultural`: the annuaire's `Lycee_Agricole` flag; their nature says only « lycée professionnel ».
fn kind(nature: &str, agricultural: bool) -> SchoolKind {
    match nature {
        _ if agricultural => SchoolKind::LyceeAgricole,
        "LYCEE PROFESSIONNEL" => SchoolKind::LyceeProfessionnel,
        "LYCEE POLYVALENT" => SchoolKind::LyceePolyvalent,
        "SECTION D ENSEIGNEMENT PROFESSIONNEL" => SchoolKind::SectionEnseignementProfessionnel,
        // The annuaire cuts natures at 40 characters: « MAISON FAMILIALE RURALE EDUCATION ORIENT ».
        nature if nature.starts_with("MAISON FAMILIALE RURALE") => SchoolKind::MaisonFamilialeRurale,
        _ => SchoolKind::Autre,
    }
}

/// `https://www.onisep.fr/…/ENS.5534` → `ENS.5534`.
fn onisep_id(url: &str) -> Option<String> {
    let id = url.rsplit('/').next()?;
    (id.starts_with("ENS.") && id.len() > 4 && id[4..].bytes().all(|b| b.is_ascii_digit())).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn region35() -> Region {
        Region {
            slug: "ille-et-vilaine".into(),
            departement_code: "035".into(),
            name: "Ille-et-Vilaine".into(),
            academie: "Rennes".into(),
            region_name: "Bretagne".into(),
            region_code: "53".into(),
        }
    }

    /// Header and rows cut from the real annuaire file (dep. 35, 2023-06).
    const HEADER: &str = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code postal;Code_commune;Nom_commune;Code_departement;Voie_professionnelle;Hebergement;Web;Fiche_onisep;latitude;longitude;date_maj_ligne;etat;libelle_nature;Lycee_Agricole";
    const JAURES: &str = "0350031U;Lycée professionnel Jean Jaurès;Lycée;Public;24 rue Victor Rault;35205;35238;Rennes;035;1;1;http://www.lycee-jean-jaures-rennes.fr;https://www.onisep.fr/http/redirection/etablissement/slug/ENS.5534;48.09238659380765;-1.687935543452591;2023-06-08;OUVERT;LYCEE PROFESSIONNEL;";
    const COLLEGE: &str = "0350001L;Collège Jean Moulin;Collège;Public;1 rue X;35000;35238;Rennes;035;;0;;;48.1;-1.6;2023-06-01;OUVERT;COLLEGE;";

    fn parse(rows: &[&str]) -> (Annuaire, Vec<Reject>) {
        let csv = std::iter::once(HEADER).chain(rows.iter().copied()).collect::<Vec<_>>().join("\n");
        let mut rejects = Vec::new();
        let annuaire = parse_annuaire(csv.as_bytes(), "annuaire.csv", &region35(), &BTreeSet::new(), &mut rejects).unwrap();
        (annuaire, rejects)
    }

    #[test]
    fn keeps_vocational_lycees_with_every_field() {
        let (annuaire, rejects) = parse(&[JAURES, COLLEGE]);
        assert!(rejects.is_empty());
        assert_eq!(annuaire.schools.len(), 1);
        let school = &annuaire.schools[0];
        assert_eq!(school.uai, "0350031U");
        assert_eq!(school.kind, SchoolKind::LyceeProfessionnel);
        assert_eq!(school.sector, Sector::Public);
        assert_eq!(school.address.commune, "Rennes");
        assert_eq!(school.position, LatLon { lat: 48.09238659380765, lon: -1.687935543452591 });
        assert_eq!(school.boarding, Some(true));
        assert_eq!(school.onisep_id.as_deref(), Some("ENS.5534"));
        assert_eq!(annuaire.last_update, "2023-06-08");
    }

    #[test]
    fn a_row_without_coordinates_is_rejected_with_its_line() {
        let broken = JAURES.replace("48.09238659380765", "");
        let (annuaire, rejects) = parse(&[COLLEGE, &broken]);
        assert!(annuaire.schools.is_empty());
        assert_eq!(rejects.len(), 1);
        assert_eq!(rejects[0].line, 3);
        assert!(rejects[0].reason.contains("coordonnées invalides"), "{}", rejects[0].reason);
    }

    #[test]
    fn schools_with_offers_are_kept_even_without_the_vocational_flag() {
        let agricultural = JAURES.replace(";035;1;1;", ";035;;1;");
        let csv = [HEADER, agricultural.as_str()].join("\n");
        let also = BTreeSet::from(["0350031U".to_string()]);
        let annuaire = parse_annuaire(csv.as_bytes(), "a.csv", &region35(), &also, &mut Vec::new()).unwrap();
        assert_eq!(annuaire.schools.len(), 1);
        let none = parse_annuaire(csv.as_bytes(), "a.csv", &region35(), &BTreeSet::new(), &mut Vec::new()).unwrap();
        assert!(none.schools.is_empty());
    }

    #[test]
    fn agricultural_lycees_and_mfrs_are_named_as_such() {
        assert_eq!(kind("LYCEE PROFESSIONNEL", true), SchoolKind::LyceeAgricole);
        assert_eq!(kind("LYCEE PROFESSIONNEL", false), SchoolKind::LyceeProfessionnel);
        assert_eq!(kind("MAISON FAMILIALE RURALE EDUCATION ORIENT", false), SchoolKind::MaisonFamilialeRurale);
        let agricultural = JAURES.replace(";LYCEE PROFESSIONNEL;", ";LYCEE PROFESSIONNEL;1");
        assert_eq!(parse(&[&agricultural]).0.schools[0].kind, SchoolKind::LyceeAgricole);
    }

    #[test]
    fn unknown_boarding_stays_unknown() {
        let row = JAURES.replace(";1;1;http", ";1;;http");
        let (annuaire, _) = parse(&[&row]);
        assert_eq!(annuaire.schools[0].boarding, None);
    }

    #[test]
    fn uai_and_onisep_ids_are_checked() {
        assert!(is_uai("0350031U"));
        assert!(!is_uai("035003U"));
        assert!(!is_uai("0350031u"));
        assert_eq!(onisep_id("https://x/ENS.12"), Some("ENS.12".into()));
        assert_eq!(onisep_id("https://x/FOR.12"), None);
        assert_eq!(onisep_id(""), None);
    }
}
