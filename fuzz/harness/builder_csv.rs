//! Fuzz harness: the builder's CSV reader (`Table`, semicolons, BOM, quotes, Windows-1252)
//! and the two parsers the CLI runs on whole raw files (annuaire, Affelnet).
//! The first byte picks the entry point, the rest is the file.
//! Shared by `fuzz/fuzz_targets/builder_csv.rs` and the corpus replay test of crates/builder.

use std::collections::BTreeSet;

use proxipro_builder::{parse_affelnet_offers, parse_annuaire, Dialect, Table};
use proxipro_model::Region;

fn region() -> Region {
    Region {
        slug: "ille-et-vilaine".into(),
        departement_code: "035".into(),
        name: "Ille-et-Vilaine".into(),
        academie: "Rennes".into(),
        region_name: "Bretagne".into(),
        region_code: "53".into(),
    }
}

pub fn run(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let mut rejects = Vec::new();
    match selector % 4 {
        0 | 1 => {
            let dialect = Dialect { delimiter: if selector & 4 == 0 { b';' } else { b',' }, windows_1252: selector % 4 == 1 };
            let required = ["a", "b"];
            let required: &[&str] = if selector & 8 == 0 { &[] } else { &required };
            match Table::parse_with(bytes, "fuzz.csv", required, dialect, &mut rejects) {
                Ok(table) => {
                    for row in &table.rows {
                        let _ = (table.get(row, "a"), table.get(row, "b"), table.get(row, "absent"));
                    }
                }
                Err(error) => assert!(!error.to_string().is_empty()),
            }
        }
        2 => {
            let also = BTreeSet::from(["0350031U".to_string()]);
            if let Err(error) = parse_annuaire(bytes, "annuaire.csv", &region(), &also, &mut rejects) {
                assert!(!error.to_string().is_empty());
            }
        }
        _ => {
            if let Err(error) = parse_affelnet_offers(bytes, "affelnet.csv", "035", &mut rejects) {
                assert!(!error.to_string().is_empty());
            }
        }
    }
    for reject in &rejects {
        assert!(!reject.reason.is_empty());
    }
}
