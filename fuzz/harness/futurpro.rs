//! Fuzz harness: the Futur Pro API adapter (crates/futurpro). The input is a list page,
//! optionally followed by a NUL byte and a detail answer; every offer of the page is
//! added to a dataset with that detail (when it is the detail of that offer), then the
//! dataset is written and read back as the model says (`Catalog::new` on odd datasets is
//! the `dataset` target's job).
//! Shared by `fuzz/fuzz_targets/futurpro.rs` and the corpus replay test of crates/futurpro.

use proxipro_futurpro::{detail_path, parse_detail, parse_page, provenance, DatasetBuilder, FormationsPage};
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
    let (page, detail) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    // The app reads the body as text (`Response::text`), i.e. lossy UTF-8.
    let page = String::from_utf8_lossy(page);
    let detail = detail.map(String::from_utf8_lossy);
    let items = match parse_page(&page, 1) {
        Ok(page) => page.formations,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            // A page for another number is refused by `parse_page`; convert its offers anyway.
            serde_json::from_str::<FormationsPage>(&page).map(|p| p.formations).unwrap_or_default()
        }
    };
    let mut builder = DatasetBuilder::new(region());
    for item in items.iter().take(64) {
        let _ = detail_path(item);
        let parsed = detail.as_deref().map(|text| parse_detail(text, item));
        match &parsed {
            Some(Ok(detail)) => builder.add(item, Ok(detail)),
            Some(Err(error)) => {
                let reason = error.to_string();
                assert!(!reason.is_empty());
                builder.add(item, Err(&reason));
            }
            None => builder.add(item, Err("délai dépassé")),
        }
    }
    let converted = builder.finish();
    assert!(converted.dataset.offers.len() <= items.len());
    let json = serde_json::to_string(&converted.dataset).expect("model types always serialise");
    let back: proxipro_model::Dataset = serde_json::from_str(&json).expect("what we write reads back");
    assert_eq!(back.offers.len(), converted.dataset.offers.len());
    let _ = provenance(region(), "https://futurpro.example");
}
