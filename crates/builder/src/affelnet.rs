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
/// Above this, a capacity is Affelnet's stand-in for "not given" (999, 1000…), not places:
/// the pipeline the file comes from (tjp-pilotage) keeps 5 to 500 only. In the département,
/// every private school's classes say 999.
pub const MAX_REAL_CAPACITY: u32 = 500;
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
    // A class on several lines at a school (the file counts them in `nb_apparitions_uai_mefstat`)
    // is several groups of one offer: their places and wishes add up, as tjp-pilotage adds them.
    let mut merged: Vec<AffelnetOffer> = Vec::with_capacity(offers.len());
    for offer in offers {
        match merged.last_mut() {
            Some(kept) if (&kept.uai, &kept.mef_stat_11, kept.apprenticeship) == (&offer.uai, &offer.mef_stat_11, offer.apprenticeship) => {
                kept.capacity = kept.capacity.zip(offer.capacity).map(|(a, b)| a + b);
                kept.first_wishes = kept.first_wishes.zip(offer.first_wishes).map(|(a, b)| a + b);
            }
            _ => merged.push(offer),
        }
    }
    Ok(merged)
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
                (field("Etablissement d'accueil").to_string(), bcn_mef_label(field("Libellé du MEF national de rattachement")).to_string()),
                admitted,
            );
        }
    }
    Ok(admissions)
}

/// The BCN's MEF label of an Affelnet one, which marks a class opened that year with « (Nouveau) ».
fn bcn_mef_label(affelnet_label: &str) -> &str {
    affelnet_label.strip_suffix(" (Nouveau)").unwrap_or(affelnet_label)
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
0350031U;23810025222;N;ST;30;96;;2;23830025222
0350031U;23810025222;N;ST;10;10;;2;23830025222
0350769W;23810031211;N;ST;999;32;;1;23830031211
";

    #[test]
    fn a_new_class_s_label_is_the_bcn_s() {
        assert_eq!(bcn_mef_label("1ERPRO LOGISTIQUE (Nouveau)"), "1ERPRO LOGISTIQUE");
        assert_eq!(bcn_mef_label("1ERPRO CUISINE"), "1ERPRO CUISINE");
    }

    #[test]
    fn keeps_the_departement_and_rejects_bad_codes() {
        let mut rejects = Vec::new();
        let offers = parse_offers(FIXTURE.as_bytes(), "a.csv", "035", &mut rejects).unwrap();
        let keys: Vec<(&str, &str, Option<u32>, Option<u32>)> =
            offers.iter().map(|o| (o.uai.as_str(), o.mef_stat_11.as_str(), o.capacity, o.first_wishes)).collect();
        assert_eq!(
            keys,
            vec![
                ("0350005R", "23210022139", Some(24), Some(27)),
                ("0350005R", "23820022106", Some(48), Some(59)),
                // Two lines of one class: one offer, places and wishes added up.
                ("0350031U", "23810025222", Some(40), Some(106)),
                // The stand-in capacity is read as written; the catalogue withholds it.
                ("0350769W", "23810031211", Some(999), Some(32)),
            ]
        );
        assert_eq!(offers[2].line, 7, "the offer points to its first line");
        assert_eq!(rejects.len(), 1);
        assert_eq!(rejects[0].line, 5);
    }
}
