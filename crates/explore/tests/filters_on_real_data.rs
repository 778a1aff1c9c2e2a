//! Filters and sorts on the committed Ille-et-Vilaine dataset, checked against an oracle that
//! reads the dataset directly: the list, and every count a choice shows, are what it finds.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use proptest::prelude::*;
use proxipro_explore::filters::{Catalog, Filters, Reach, Visible};
use proxipro_explore::sort::{sort, SortKey};
use proxipro_explore::NoProspectsMode;
use proxipro_model::{BenchmarkLevel, Dataset, Diploma, Outcomes, Route};

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

/// A time per school around `budget`: some just within it, some just beyond (shown rounded up),
/// some unreached.
fn reach_around(budget: u32, seed: u32) -> Reach {
    let (dataset, _) = data();
    let minutes = dataset
        .schools
        .iter()
        .enumerate()
        .filter(|(i, _)| !(*i as u32 + seed).is_multiple_of(7))
        .map(|(i, s)| (s.uai.clone(), budget as f32 - 3.0 + ((i as u32 * 13 + seed) % 13) as f32 * 0.5))
        .collect::<HashMap<_, _>>();
    Reach { minutes, budget }
}

/// Whether `offer` should show, read from the dataset itself, not from the catalog's facts:
/// the filters' own definitions written out once more. (Text goes through the search
/// index, tested on its own below.)
fn oracle(filters: &Filters, index: usize, reach: Option<&Reach>) -> Option<bool> {
    let (dataset, catalog) = data();
    let offer = &dataset.offers[index];
    let programme = dataset.programme(&offer.cfd);
    let school = dataset.school(&offer.uai);
    let outcomes = dataset.outcomes_of(offer);
    let boarding = school.is_some_and(|s| s.boarding == Some(true));
    let best = |rate: fn(&Outcomes) -> Option<f32>| outcomes.iter().filter_map(|(_, o)| rate(o)).fold(None, |m: Option<f32>, r| Some(m.map_or(r, |m| m.max(r))));
    let pressure = offer.access.pressure.value;
    let no_prospects = oracle_no_prospects(index);
    let words = proxipro_explore::search::query_words(&filters.text);
    let within = reach.is_none_or(|r| r.minutes.get(&offer.uai).is_some_and(|m| m.ceil() as u32 <= r.budget));
    let beyond_budget = !within && filters.boarding && boarding;
    let shown = (filters.diplomas.is_empty() || programme.is_some_and(|p| filters.diplomas.contains(&p.diploma)))
        && (filters.fields.is_empty() || programme.and_then(|p| p.field.as_ref()).is_some_and(|f| filters.fields.contains(f)))
        && (filters.routes.is_empty() || filters.routes.contains(&offer.route))
        && (!filters.boarding || boarding)
        && filters.min_employment.is_none_or(|min| best(|o| o.employment.value).is_some_and(|e| e >= f32::from(min)))
        && filters.min_further_study.is_none_or(|min| best(|o| o.further_study.value).is_some_and(|e| e >= f32::from(min)))
        && filters.max_pressure.is_none_or(|max| pressure.is_some_and(|p| p <= max))
        && (!filters.good_prospects
            || outcomes.iter().any(|(_, o)| o.employment_benchmark.as_ref().is_some_and(|b| b.level == BenchmarkLevel::Favourable)))
        && (!filters.low_pressure || pressure.is_some_and(|p| p <= 1.0))
        && !(filters.no_prospects == NoProspectsMode::Hide && no_prospects)
        && (words.is_empty() || catalog.search.matches(index, &words))
        && filters.school.as_ref().is_none_or(|uai| *uai == offer.uai)
        && (within || beyond_budget);
    shown.then_some(beyond_budget)
}

/// « Peu de débouchés », from the rates: under 30 % employed and under 50 % studying on, for
/// every outcome the offer shows (all of a common seconde's specialities).
fn oracle_no_prospects(index: usize) -> bool {
    let (dataset, _) = data();
    let outcomes = dataset.outcomes_of(&dataset.offers[index]);
    !outcomes.is_empty()
        && outcomes.iter().all(|(_, o)| matches!((o.employment.value, o.further_study.value), (Some(e), Some(f)) if e < 30.0 && f < 50.0))
}

/// The offers the oracle shows, with whether each is beyond the budget.
fn expected(filters: &Filters, reach: Option<&Reach>) -> Vec<Visible> {
    (0..data().0.offers.len()).filter_map(|index| oracle(filters, index, reach).map(|beyond_budget| Visible { index, beyond_budget })).collect()
}

fn filters() -> impl Strategy<Value = Filters> {
    let (dataset, _) = data();
    let diplomas = proptest::sample::subsequence(vec![Diploma::Cap, Diploma::BacPro, Diploma::BacProAgricole, Diploma::CapAgricole], 0..=1);
    let all_fields: Vec<String> = dataset.programmes.iter().filter_map(|p| p.field.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let fields = proptest::sample::subsequence(all_fields, 0..=1);
    let routes = proptest::sample::subsequence(vec![Route::Scolaire, Route::Apprentissage], 0..=1);
    let schools: Vec<Option<String>> = std::iter::once(None).chain(dataset.schools.iter().take(6).map(|s| Some(s.uai.clone()))).collect();
    // Each filter on in a quarter of the cases: with all of them at once, nothing would show.
    let text = prop_oneof![6 => Just(""), 1 => Just("cuisine"), 1 => Just("rennes"), 1 => Just("élec"), 1 => Just(" ")];
    let on = || proptest::bool::weighted(0.25);
    let toggles = (on(), on(), on(), on());
    let rate = || proptest::option::weighted(0.25, 0u8..90);
    let pressure = proptest::option::weighted(0.25, prop_oneof![Just(0.8f32), Just(1.0), Just(1.5), Just(3.0)]);
    let thresholds = (rate(), rate(), pressure);
    (diplomas, fields, routes, toggles, thresholds, text, proptest::sample::select(schools)).prop_map(
        |(diplomas, fields, routes, (boarding, good, hide, low), (min_employment, min_further_study, max_pressure), text, school)| Filters {
            diplomas: diplomas.into_iter().collect(),
            fields: fields.into_iter().collect(),
            routes: routes.into_iter().collect(),
            boarding,
            min_employment,
            min_further_study,
            max_pressure,
            good_prospects: good,
            low_pressure: low,
            no_prospects: if hide { NoProspectsMode::Hide } else { NoProspectsMode::Flag },
            text: text.to_string(),
            school,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_list_and_every_count_are_what_the_oracle_finds(filters in filters(), reach_seed in proptest::option::of(0u32..13)) {
        let (dataset, catalog) = data();
        let reach = reach_seed.map(|seed| reach_around(45, seed));
        let outcome = filters.apply(dataset, catalog, reach.as_ref());
        prop_assert_eq!(&outcome.visible, &expected(&filters, reach.as_ref()));

        let count = |chosen: &Filters| expected(chosen, reach.as_ref()).len();
        let choosing = |f: &dyn Fn(&mut Filters)| { let mut chosen = filters.clone(); f(&mut chosen); count(&chosen) };
        // Every choice that would leave offers is counted, and none other.
        let all_diplomas: BTreeSet<Diploma> = dataset.programmes.iter().map(|p| p.diploma).collect();
        let diplomas: BTreeMap<Diploma, usize> =
            all_diplomas.into_iter().map(|d| (d, choosing(&|f| f.diplomas = [d].into()))).filter(|(_, n)| *n > 0).collect();
        prop_assert_eq!(&outcome.facets.diplomas, &diplomas);
        let all_fields: BTreeSet<String> = dataset.programmes.iter().filter_map(|p| p.field.clone()).collect();
        let fields: BTreeMap<String, usize> =
            all_fields.into_iter().map(|d| { let n = choosing(&|f| f.fields = [d.clone()].into()); (d, n) }).filter(|(_, n)| *n > 0).collect();
        prop_assert_eq!(&outcome.facets.fields, &fields);
        let routes: BTreeMap<Route, usize> =
            [Route::Scolaire, Route::Apprentissage].into_iter().map(|r| (r, choosing(&|f| f.routes = [r].into()))).filter(|(_, n)| *n > 0).collect();
        prop_assert_eq!(&outcome.facets.routes, &routes);
        prop_assert_eq!(outcome.facets.boarding, choosing(&|f| f.boarding = true));
        prop_assert_eq!(outcome.facets.good_prospects, choosing(&|f| f.good_prospects = true));
        prop_assert_eq!(outcome.facets.low_pressure, choosing(&|f| f.low_pressure = true));
        // Flagged among those shown when flagged, or that would be shown when hidden.
        let flagged = expected(&Filters { no_prospects: NoProspectsMode::Flag, ..filters.clone() }, reach.as_ref());
        let no_prospects = flagged.iter().filter(|v| oracle_no_prospects(v.index)).count();
        prop_assert_eq!(outcome.facets.no_prospects, no_prospects);
    }

    #[test]
    fn sorting_follows_its_key_then_the_title(key in proptest::sample::select(SortKey::ALL.to_vec()), reach_seed in proptest::option::of(0u32..13)) {
        let (dataset, catalog) = data();
        let reach = reach_seed.map(|seed| reach_around(90, seed));
        let mut visible = Filters::default().apply(dataset, catalog, reach.as_ref()).visible;
        sort(&mut visible, key, dataset, catalog, reach.as_ref());
        // Missing figures last, then alphabetical: the oracle's key, from the dataset.
        let primary = |index: usize| -> f32 {
            let offer = &dataset.offers[index];
            match (key, reach.as_ref()) {
                (SortKey::TravelTime, Some(reach)) => reach.minutes.get(&offer.uai).copied().unwrap_or(f32::INFINITY),
                (SortKey::Employment, _) => dataset.headline_rate(offer, |o| o.employment.value).map_or(f32::INFINITY, |r| -r.value),
                (SortKey::Pressure, _) => offer.access.pressure.value.unwrap_or(f32::INFINITY),
                _ => 0.0,
            }
        };
        let title = |index: usize| {
            let offer = &dataset.offers[index];
            let programme = dataset.programme(&offer.cfd).map_or(String::new(), |p| format!("{} {}", p.diploma.label(), p.label));
            proxipro_explore::search::fold(&format!("{programme} {}", dataset.school(&offer.uai).map_or("", |s| s.name.as_str())))
        };
        let mut oracle: Vec<usize> = visible.iter().map(|v| v.index).collect();
        oracle.sort_by(|&a, &b| primary(a).total_cmp(&primary(b)).then_with(|| title(a).cmp(&title(b))).then(a.cmp(&b)));
        let sorted: Vec<usize> = visible.iter().map(|v| v.index).collect();
        prop_assert_eq!(sorted, oracle);
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
fn text_search_ignores_accents_and_matches_jobs_and_communes() {
    let filters = |text: &str| Filters { text: text.into(), ..Filters::default() };
    let cuisine = visible_count(&filters("CUISINE"), None);
    assert!(cuisine > 0);
    assert_eq!(cuisine, visible_count(&filters("cuisiné"), None));
    assert!(visible_count(&filters("commis de cuisine"), None) > 0, "job titles are searched");
    assert!(visible_count(&filters("dinard"), None) > 0, "communes are searched");
    assert_eq!(visible_count(&filters("zzzz introuvable"), None), 0);
}
