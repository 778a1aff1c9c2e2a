//! Fuzz harness: `dataset.json` → `Dataset` (crates/model), then what the app does right
//! after loading it: version check, `Catalog::new` (facts, search index, title ranks),
//! filtering, every sort, the selection exports. Odd-but-valid data (unsorted lists,
//! dangling references, NaN-free but extreme figures, duplicate ids) must not panic.
//! Shared by `fuzz/fuzz_targets/dataset.rs` and the corpus replay test of crates/explore.

use std::collections::HashMap;

use proxipro_explore::filters::{Catalog, Reach};
use proxipro_explore::sort::{sort, SortKey};
use proxipro_explore::url_state::ViewState;
use proxipro_explore::wishlist::{Ambition, WishList};
use proxipro_explore::{export, Filters};
use proxipro_model::Dataset;

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let dataset = match serde_json::from_str::<Dataset>(text) {
        Ok(dataset) => dataset,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    // The app stops at a version mismatch; going on covers more of what a valid file could hold.
    let _ = dataset.check_version();
    let catalog = Catalog::new(&dataset);
    assert_eq!(catalog.facts.len(), dataset.offers.len());

    let minutes: HashMap<String, f32> =
        dataset.schools.iter().enumerate().map(|(i, s)| (s.uai.clone(), (i * 7 % 60) as f32)).collect();
    let reach = Reach { minutes, budget: 30 };
    let mut filters = Filters::default();
    for (round, reach) in [None, Some(&reach)].into_iter().enumerate() {
        let outcome = filters.apply(&dataset, &catalog, reach);
        assert!(outcome.visible.len() <= dataset.offers.len());
        for key in SortKey::ALL {
            let mut visible = outcome.visible.clone();
            sort(&mut visible, key, &dataset, &catalog, reach);
        }
        // Second round: every filter on, with values taken from the data itself.
        if round == 0 {
            let first = dataset.offers.first();
            filters = ViewState::from_pairs([
                ("diplome", "cap,bacpro,capa,bacproa,bp,mc,autre"),
                ("voie", "scolaire,apprentissage"),
                ("emploi_min", "10"),
                ("pression_max", "3"),
                ("q", "lycée cuisine Rennes é"),
                ("internat", "1"),
            ])
            .0
            .filters;
            filters.school = first.map(|o| o.uai.clone());
            filters.fields.extend(dataset.programmes.iter().filter_map(|p| p.field.clone()).take(3));
        }
    }

    let mut list = WishList::default();
    for (i, offer) in dataset.offers.iter().take(4).enumerate() {
        list.add(&offer.id, Ambition::ALL[i % 3]);
        list.set_note(&offer.id, "note ; avec \"guillemets\"");
    }
    list.add("absent-offer", Ambition::Realiste);
    let _ = export::csv(&dataset, &list, Some(export::TripTimes { minutes: &reach.minutes, longest_minutes: 90 }));
    let _ = export::csv(&dataset, &list, None);
    let _ = export::geojson(&dataset, &list);
    for offer in dataset.offers.iter().take(16) {
        let _ = dataset.outcomes_of(offer);
        let _ = dataset.offer(&offer.id);
        let _ = dataset.offers_at(&offer.uai).count();
    }
}
