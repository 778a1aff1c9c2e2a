//! Affelnet: places and first-rank wishes per school and class (MEF STAT 11), 2022,
//! and for 1re pro the students admitted on their first wish.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::BuildError;
use crate::report::Reject;
use crate::table::{read_file, Table};

pub const SOURCE_ID: &str = "affelnet-2022";
pub const PREMIERE_SOURCE_ID: &str = "affelnet-1re-pro";
pub const YEAR: &str = "2022";
const FILE: &str = "education/affelnet/affelnet_attractivite_capacite_2022_national.csv";
const PREMIERE_FILE: &str = "education/affelnet/affelnet_1ere_pro_offre_voeux_national.csv";

/// One Affelnet offer row.
#[derive(Debug, Clone, PartialEq)]
pub struct AffelnetOffer {
    pub line: u64,
    pub uai: String,
    pub mef_stat_11: String,
    pub apprenticeship: bool,
    pub capacity: Option<u32>,
    pub first_wishes: Option<u32>,
}

pub fn file() -> &'static str {
    FILE
}

/// Offers of schools whose UAI starts with the département code, sorted by (UAI, MEF).
pub fn read_offers(raw_dir: &Path, departement_code: &str, rejects: &mut Vec<Reject>) -> Result<Vec<AffelnetOffer>, BuildError> {
    parse_offers(&read_file(raw_dir, FILE)?, FILE, departement_code, rejects)
}

pub fn parse_offers(
    bytes: &[u8],
    file: &str,
    departement_code: &str,
    rejects: &mut Vec<Reject>,
) -> Result<Vec<AffelnetOffer>, BuildError> {
    let columns = [
        "Etablissement d'accueil",
        "MEF STAT 11",
        "Voeu de recensement O/N",
        "Statut Offre de formation",
        "Capacité carte scolaire",
        "Demandes vœux 1",
    ];
    let table = Table::parse(bytes, file, &columns, rejects)?;
    let mut offers = Vec::new();
    for row in &table.rows {
        let field = |name| table.get(row, name);
        let uai = field("Etablissement d'accueil");
        if !uai.starts_with(departement_code) {
            continue;
        }
        // A "vœu de recensement" only counts students; it is not a place one can get.
        if field("Voeu de recensement O/N") == "O" {
            continue;
        }
        let mef = field("MEF STAT 11");
        if mef.len() != 11 || !mef.bytes().all(|b| b.is_ascii_digit()) {
            rejects.push(Reject::new(file, row.line, format!("MEF STAT 11 invalide « {mef} »")));
            continue;
        }
        let apprenticeship = match field("Statut Offre de formation") {
            "ST" => false,
            "AP" => true,
            other => {
                rejects.push(Reject::new(file, row.line, format!("statut d'offre inconnu « {other} »")));
                continue;
            }
        };
        offers.push(AffelnetOffer {
            line: row.line,
            uai: uai.to_string(),
            mef_stat_11: mef.to_string(),
            apprenticeship,
            capacity: count(field("Capacité carte scolaire")),
            first_wishes: count(field("Demandes vœux 1")),
        });
    }
    offers.sort_by(|a, b| (&a.uai, &a.mef_stat_11, a.apprenticeship, a.line).cmp(&(&b.uai, &b.mef_stat_11, b.apprenticeship, b.line)));
    // The same class listed twice at a school is one offer: keep the first line, report the others.
    let mut unique: Vec<AffelnetOffer> = Vec::with_capacity(offers.len());
    for offer in offers {
        match unique.last() {
            Some(kept) if (&kept.uai, &kept.mef_stat_11, kept.apprenticeship) == (&offer.uai, &offer.mef_stat_11, offer.apprenticeship) => {
                rejects.push(Reject::new(file, offer.line, format!("doublon de la ligne {} ({} {})", kept.line, offer.uai, offer.mef_stat_11)));
            }
            _ => unique.push(offer),
        }
    }
    Ok(unique)
}

/// 1re pro rows, keyed by (UAI, MEF label as the BCN writes it) → admitted on first wish.
pub fn read_premiere_admissions(
    raw_dir: &Path,
    departement_code: &str,
    rejects: &mut Vec<Reject>,
) -> Result<BTreeMap<(String, String), u32>, BuildError> {
    let columns = ["Etablissement d'accueil", "Libellé du MEF national de rattachement", "Statut Offre de formation", "Affectés voeu 1"];
    let table = Table::parse(&read_file(raw_dir, PREMIERE_FILE)?, PREMIERE_FILE, &columns, rejects)?;
    let mut admissions = BTreeMap::new();
    for row in &table.rows {
        let field = |name| table.get(row, name);
        if !field("Etablissement d'accueil").starts_with(departement_code) || field("Statut Offre de formation") != "ST" {
            continue;
        }
        if let Some(admitted) = count(field("Affectés voeu 1")) {
            admissions.insert(
                (field("Etablissement d'accueil").to_string(), field("Libellé du MEF national de rattachement").to_string()),
                admitted,
            );
        }
    }
    Ok(admissions)
}

fn count(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows cut from the real 2022 file (dept 35, Lycée Yvon Bourges, Dinard), plus one from dept 01 and a broken one.
    const FIXTURE: &str = "Etablissement d'accueil;MEF STAT 11;Voeu de recensement O/N;Statut Offre de formation;Capacité carte scolaire;Demandes vœux 1;Famille de métiers;nb_apparitions_uai_mefstat;mef_stat_terminale
0010001W;23210023446;N;ST;15;6;;1;
0350005R;23210022139;N;ST;24;27;;1;
0350005R;23820022106;N;ST;48;59;HOTELLERIE RESTAURATION;1;23830022106
0350005R;2382002210X;N;ST;48;59;;1;
0350005R;23210033412;O;ST;12;11;;1;
";

    #[test]
    fn keeps_the_departement_and_rejects_bad_codes() {
        let mut rejects = Vec::new();
        let offers = parse_offers(FIXTURE.as_bytes(), "a.csv", "035", &mut rejects).unwrap();
        let keys: Vec<(&str, &str, Option<u32>, Option<u32>)> =
            offers.iter().map(|o| (o.uai.as_str(), o.mef_stat_11.as_str(), o.capacity, o.first_wishes)).collect();
        assert_eq!(keys, vec![("0350005R", "23210022139", Some(24), Some(27)), ("0350005R", "23820022106", Some(48), Some(59))]);
        assert_eq!(rejects.len(), 1);
        assert_eq!(rejects[0].line, 5);
    }
}
