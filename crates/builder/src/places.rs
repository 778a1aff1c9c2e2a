//! Starting points found offline: the collèges of the annuaire and the communes
//! of La Poste's postcode base (their centre).

use std::collections::BTreeMap;
use std::path::Path;

use proxipro_model::{LatLon, Place, PlaceKind, Region};

use crate::error::BuildError;
use crate::report::Reject;
use crate::table::{read_file, Table};

pub const COMMUNES_SOURCE_ID: &str = "communes";
pub const COMMUNES_FILE: &str = "education/communes/communes_dep35_codes_postaux_centroides.csv";

/// Collèges (open) of the annuaire bytes, then communes; sorted by kind and name.
pub fn read(raw_dir: &Path, annuaire: &[u8], annuaire_file: &str, region: &Region, rejects: &mut Vec<Reject>) -> Result<Vec<Place>, BuildError> {
    let columns = ["Nom_etablissement", "Type_etablissement", "Nom_commune", "Code_commune", "Code_departement", "latitude", "longitude", "etat"];
    let table = Table::parse(annuaire, annuaire_file, &columns, &mut Vec::new())?;
    let mut places = Vec::new();
    // Proper commune names (the postcode base writes them in capitals without accents).
    let mut commune_names: BTreeMap<String, String> = BTreeMap::new();
    for row in &table.rows {
        let field = |name| table.get(row, name);
        if field("Code_departement") != region.departement_code {
            continue;
        }
        commune_names.insert(field("Code_commune").to_string(), field("Nom_commune").to_string());
        if field("Type_etablissement") != "Collège" || field("etat") != "OUVERT" {
            continue;
        }
        if let Some(position) = position(field("latitude"), field("longitude")) {
            places.push(Place { kind: PlaceKind::College, name: field("Nom_etablissement").into(), detail: field("Nom_commune").into(), position });
        }
    }

    // Only the département's communes: the file is cut to département 35, the name says so.
    if region.departement_code == "035" {
        let bytes = read_file(raw_dir, COMMUNES_FILE)?;
        let columns = ["code_commune_insee", "nom_commune", "code_postal", "latitude", "longitude"];
        let table = Table::parse(&bytes, COMMUNES_FILE, &columns, rejects)?;
        let mut seen = std::collections::BTreeSet::new();
        for row in &table.rows {
            let field = |name| table.get(row, name);
            let code = field("code_commune_insee");
            if !seen.insert(code.to_string()) {
                continue; // one row per postcode: the first names the commune
            }
            let Some(position) = position(field("latitude"), field("longitude")) else {
                rejects.push(Reject::new(COMMUNES_FILE, row.line, format!("commune {code} sans coordonnées lisibles")));
                continue;
            };
            let name = commune_names.get(code).cloned().unwrap_or_else(|| title_case(field("nom_commune")));
            places.push(Place { kind: PlaceKind::Commune, name, detail: field("code_postal").into(), position });
        }
    }
    places.sort_by(|a, b| (a.kind as u8, &a.name, &a.detail).cmp(&(b.kind as u8, &b.name, &b.detail)));
    Ok(places)
}

fn position(lat: &str, lon: &str) -> Option<LatLon> {
    let (lat, lon) = (lat.parse::<f64>().ok()?, lon.parse::<f64>().ok()?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(LatLon { lat, lon })
}

/// `SAINT MALO` → `Saint Malo`.
fn title_case(upper: &str) -> String {
    upper
        .split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            let mut chars = lower.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(title_case("SAINT MALO"), "Saint Malo");
        assert_eq!(title_case("ACIGNE"), "Acigne");
    }
}
