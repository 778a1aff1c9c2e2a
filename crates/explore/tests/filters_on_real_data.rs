//! Filters on the committed Ille-et-Vilaine dataset, checked against a brute force:
//! every count a choice shows equals the number of offers that choice really leaves.

use std::collections::HashMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use proxipro_explore::filters::{Catalog, Filters, Reach};
use proxipro_explore::sort::{sort, SortKey};
use proxipro_explore::NoProspectsMode;
use proxipro_model::{Dataset, Diploma};

fn data() -> &'static (Dataset, Catalog) {
    static DATA: OnceLock<(Dataset, Catalog)> = OnceLock::new();
    DATA.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/ille-et-vilaine/dataset.json");
        let dataset: Dataset = serde_json::from_slice(&std::fs::read(path).expect("committed dataset")).expect("it parses");
        let catalog = Catalog::new(&dataset);
        (dataset, catalog)
    })
}

fn visible_count(filters: &Filters, reach: Option<&Reach>) -> usize {
    let (dataset, catalog) = data();
    filters.apply(dataset, catalog, reach).visible.len()
}

/// Travel times that put the schools of odd-numbered UAIs out of reach.
fn reach(budget: u32) -> Reach {
    let (dataset, _) = data();
    let minutes = dataset
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.uai.clone(), if i % 2 == 0 { 10.0 } else { 80.0 }))
        .collect::<HashMap<_, _>>();
    Reach { minutes, budget }
}

fn filters() -> impl Strategy<Value = Filters> {
    let diplomas = proptest::sample::subsequence(vec![Diploma::Cap, Diploma::BacPro, Diploma::BacProAgricole, Diploma::CapAgricole], 0..=2);
    (diplomas, any::<bool>(), any::<bool>(), any::<bool>(), proptest::option::of(0u8..90), any::<bool>(), prop_oneof![Just(""), Just("cuisine"), Just("rennes"), Just("élec")])
        .prop_map(|(diplomas, boarding, good, hide, min_employment, low, text)| Filters {
            diplomas: diplomas.into_iter().collect(),
            boarding,
            good_prospects: good,
            low_pressure: low,
            min_employment,
            no_prospects: if hide { NoProspectsMode::Hide } else { NoProspectsMode::Flag },
            text: text.to_string(),
            ..Filters::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_count_is_what_the_choice_leaves(filters in filters(), with_reach in any::<bool>()) {
        let (dataset, catalog) = data();
        let reach = with_reach.then(|| reach(45));
        let outcome = filters.apply(dataset, catalog, reach.as_ref());

        for (diploma, count) in &outcome.facets.diplomas {
            let mut chosen = filters.clone();
            chosen.diplomas = [*diploma].into();
            prop_assert_eq!(*count, visible_count(&chosen, reach.as_ref()), "diploma {:?}", diploma);
        }
        for (route, count) in &outcome.facets.routes {
            let mut chosen = filters.clone();
            chosen.routes = [*route].into();
            prop_assert_eq!(*count, visible_count(&chosen, reach.as_ref()));
        }
        let toggled = |f: fn(&mut Filters)| { let mut chosen = filters.clone(); f(&mut chosen); visible_count(&chosen, reach.as_ref()) };
        prop_assert_eq!(outcome.facets.boarding, toggled(|f| f.boarding = true));
        prop_assert_eq!(outcome.facets.good_prospects, toggled(|f| f.good_prospects = true));
        prop_assert_eq!(outcome.facets.low_pressure, toggled(|f| f.low_pressure = true));
        // Every visible offer passes each filter on its own terms.
        for v in &outcome.visible {
            let facts = &catalog.facts[v.index];
            prop_assert!(filters.diplomas.is_empty() || facts.diploma.is_some_and(|d| filters.diplomas.contains(&d)));
            prop_assert!(!(filters.no_prospects == NoProspectsMode::Hide && facts.no_prospects));
            if let Some(min) = filters.min_employment {
                prop_assert!(facts.employment.is_some_and(|e| e >= f32::from(min)));
            }
        }
    }
}

#[test]
fn boarding_schools_stay_visible_beyond_the_budget_and_are_marked() {
    let (dataset, catalog) = data();
    let reach = reach(45);
    let without = Filters::default().apply(dataset, catalog, Some(&reach));
    assert!(without.visible.iter().all(|v| !v.beyond_budget));
    assert!(without.visible.iter().all(|v| reach.within(&dataset.offers[v.index].uai)));

    let with = Filters { boarding: true, ..Filters::default() }.apply(dataset, catalog, Some(&reach));
    let beyond: Vec<_> = with.visible.iter().filter(|v| v.beyond_budget).collect();
    assert!(!beyond.is_empty(), "some boarding schools are out of reach in this setup");
    for v in &with.visible {
        let offer = &dataset.offers[v.index];
        assert!(catalog.facts[v.index].boarding);
        assert_eq!(v.beyond_budget, !reach.within(&offer.uai));
    }
}

#[test]
fn sorting_by_travel_time_puts_reachable_schools_first() {
    let (dataset, catalog) = data();
    let reach = reach(90);
    let mut visible = Filters::default().apply(dataset, catalog, Some(&reach)).visible;
    sort(&mut visible, SortKey::TravelTime, dataset, catalog, Some(&reach));
    let times: Vec<f32> = visible.iter().map(|v| reach.minutes[&dataset.offers[v.index].uai]).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));

    sort(&mut visible, SortKey::Employment, dataset, catalog, None);
    let rates: Vec<f32> = visible.iter().map(|v| catalog.facts[v.index].employment.unwrap_or(-1.0)).collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "highest employment first, unknown last");
}

#[test]
fn text_search_ignores_accents_and_matches_jobs_and_communes() {
    let filters = |text: &str| Filters { text: text.into(), ..Filters::default() };
    let cuisine = visible_count(&filters("CUISINE"), None);
    assert!(cuisine > 0);
    assert_eq!(cuisine, visible_count(&filters("cuisiné"), None));
    assert!(visible_count(&filters("commis de cuisine"), None) > 0, "job titles are searched");
    assert!(visible_count(&filters("dinard"), None) > 0, "communes are searched");
    assert_eq!(visible_count(&filters("zzzz introuvable"), None), 0);
}
