//! Filters with live counts. Each offer is checked once against every filter;
//! a count for a choice is the number of offers that would show if that choice
//! were made, all other filters kept (the usual faceted-search rule).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proxipro_model::{BenchmarkLevel, Dataset, Diploma, Offer, Outcomes, Route, PRESSURE_THRESHOLDS};
use serde::{Deserialize, Serialize};

use crate::search::{query_words, SearchIndex};

/// What to do with offers whose programme shows "no prospects".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoProspectsMode {
    /// Shown with a warning (default: hiding would hide the very information advisers need).
    #[default]
    Flag,
    Hide,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub diplomas: BTreeSet<Diploma>,
    /// NSF speciality groups, as labelled on programmes.
    pub fields: BTreeSet<String>,
    pub routes: BTreeSet<Route>,
    /// Schools with a boarding house only; they stay visible beyond the time budget.
    pub boarding: bool,
    /// Regional employment rate at least this (%).
    pub min_employment: Option<u8>,
    /// Regional further-study rate at least this (%).
    pub min_further_study: Option<u8>,
    /// Taux de pression at most this.
    pub max_pressure: Option<f32>,
    /// Employment rate "très favorable" against the region.
    pub good_prospects: bool,
    /// Taux de pression at most 1 (admission facile).
    pub low_pressure: bool,
    pub no_prospects: NoProspectsMode,
    pub text: String,
    /// UAI of one school.
    pub school: Option<String>,
}

impl Filters {
    /// Whether any filter narrows the list: text without a word to search for does not.
    pub fn any(&self) -> bool {
        !crate::search::query_words(&self.text).is_empty() || Filters { text: String::new(), ..self.clone() } != Filters::default()
    }
}

/// Travel times from the chosen origin, by UAI, and the budget.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reach {
    pub minutes: HashMap<String, f32>,
    pub budget: u32,
}

/// A trip's minutes as they are shown: rounded up, so that a school is within a budget exactly
/// when its shown time is (30 min 20 s is « 31 min », beyond 30, as the isochrone draws it).
pub fn shown_minutes(minutes: f32) -> u32 {
    minutes.ceil() as u32
}

impl Reach {
    pub fn within(&self, uai: &str) -> bool {
        self.minutes.get(uai).is_some_and(|&m| shown_minutes(m) <= self.budget)
    }
}

/// Figures of an offer the filters and sorts read, computed once per dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfferFacts {
    pub diploma: Option<Diploma>,
    pub field: Option<String>,
    pub boarding: bool,
    /// The programme's regional rate; for a common seconde, the best of its specialities.
    pub employment: Option<f32>,
    pub further_study: Option<f32>,
    pub pressure: Option<f32>,
    pub favourable: bool,
    pub no_prospects: bool,
}

/// The dataset prepared for filtering: facts and search text of each offer, in dataset order.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub facts: Vec<OfferFacts>,
    pub search: SearchIndex,
    /// Rank of each offer by title then school, for the alphabetical sort.
    pub title_rank: Vec<u32>,
}

impl Catalog {
    pub fn new(dataset: &Dataset) -> Self {
        let facts = dataset.offers.iter().map(|offer| facts(dataset, offer)).collect();
        let mut by_title: Vec<(String, usize)> = dataset
            .offers
            .iter()
            .enumerate()
            .map(|(index, offer)| {
                let programme = dataset.programme(&offer.cfd).map_or(String::new(), |p| format!("{} {}", p.diploma.label(), p.label));
                let school = dataset.school(&offer.uai).map_or("", |s| s.name.as_str());
                (crate::search::fold(&format!("{programme} {school}")), index)
            })
            .collect();
        by_title.sort_unstable();
        let mut title_rank = vec![0; dataset.offers.len()];
        for (rank, (_, index)) in by_title.into_iter().enumerate() {
            title_rank[index] = rank as u32;
        }
        Catalog { facts, search: SearchIndex::new(dataset), title_rank }
    }
}

fn facts(dataset: &Dataset, offer: &Offer) -> OfferFacts {
    let programme = dataset.programme(&offer.cfd);
    let outcomes = dataset.outcomes_of(offer);
    OfferFacts {
        diploma: programme.map(|p| p.diploma),
        field: programme.and_then(|p| p.field.clone()),
        boarding: dataset.school(&offer.uai).is_some_and(|s| s.boarding == Some(true)),
        // The rates the list shows (`Dataset::headline_rate`): a common seconde's best speciality.
        // The offer's outcomes are read once here, for every fact.
        employment: Outcomes::best(&outcomes, |o| o.employment.get()),
        further_study: Outcomes::best(&outcomes, |o| o.further_study.get()),
        pressure: offer.access.pressure.get(),
        favourable: outcomes
            .iter()
            .any(|(_, o)| o.employment_benchmark.as_ref().is_some_and(|b| b.level == BenchmarkLevel::Favourable)),
        no_prospects: Outcomes::none_with_prospects(&outcomes),
    }
}

/// Each filter that can exclude an offer, as a bit of a mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
enum Facet {
    Diploma = 1,
    Field = 1 << 1,
    Route = 1 << 2,
    Boarding = 1 << 3,
    Employment = 1 << 4,
    Study = 1 << 5,
    Pressure = 1 << 6,
    GoodProspects = 1 << 7,
    LowPressure = 1 << 8,
    NoProspects = 1 << 9,
    Text = 1 << 10,
    School = 1 << 11,
    Reach = 1 << 12,
}

/// An offer that passes the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    /// Index into `dataset.offers`.
    pub index: usize,
    /// Shown although beyond the time budget, because the school has a boarding house.
    pub beyond_budget: bool,
}

/// How many offers each choice would leave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub diplomas: BTreeMap<Diploma, usize>,
    pub fields: BTreeMap<String, usize>,
    pub routes: BTreeMap<Route, usize>,
    pub boarding: usize,
    pub good_prospects: usize,
    pub low_pressure: usize,
    /// Offers flagged "no prospects" among the visible ones (or that would be, if hidden).
    pub no_prospects: usize,
}

/// The result of filtering: visible offers and the counts of every choice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub visible: Vec<Visible>,
    pub facets: Facets,
}

impl Filters {

    /// Filters `dataset.offers`; `reach` is `None` until an origin is chosen.
    pub fn apply(&self, dataset: &Dataset, catalog: &Catalog, reach: Option<&Reach>) -> Outcome {
        let words = query_words(&self.text);
        let mut outcome = Outcome::default();
        for (index, (offer, facts)) in dataset.offers.iter().zip(&catalog.facts).enumerate() {
            let (mask, beyond_budget) = self.failing(offer, facts, catalog, index, &words, reach);
            if mask == 0 {
                outcome.visible.push(Visible { index, beyond_budget });
            }
            let facets = &mut outcome.facets;
            // Passing everything but `facet` makes the offer count for that facet's choices.
            let counts_for = |facet: Facet| mask & !(facet as u16) == 0;
            if counts_for(Facet::Diploma) {
                if let Some(diploma) = facts.diploma {
                    *facets.diplomas.entry(diploma).or_default() += 1;
                }
            }
            if counts_for(Facet::Field) {
                if let Some(field) = &facts.field {
                    *facets.fields.entry(field.clone()).or_default() += 1;
                }
            }
            if counts_for(Facet::Route) {
                *facets.routes.entry(offer.route).or_default() += 1;
            }
            // Boarding also lifts the time budget, so it counts offers failing either.
            let boarding_mask = Facet::Boarding as u16 | Facet::Reach as u16;
            if mask & !boarding_mask == 0 && facts.boarding {
                facets.boarding += 1;
            }
            if counts_for(Facet::GoodProspects) && facts.favourable {
                facets.good_prospects += 1;
            }
            if counts_for(Facet::LowPressure) && facts.pressure.is_some_and(|p| p <= PRESSURE_THRESHOLDS[0]) {
                facets.low_pressure += 1;
            }
            if counts_for(Facet::NoProspects) && facts.no_prospects {
                facets.no_prospects += 1;
            }
        }
        outcome
    }

    fn failing(
        &self,
        offer: &Offer,
        facts: &OfferFacts,
        catalog: &Catalog,
        index: usize,
        words: &[String],
        reach: Option<&Reach>,
    ) -> (u16, bool) {
        let mut mask = 0u16;
        let mut fail = |facet: Facet, failed: bool| {
            if failed {
                mask |= facet as u16;
            }
        };
        fail(Facet::Diploma, !self.diplomas.is_empty() && !facts.diploma.is_some_and(|d| self.diplomas.contains(&d)));
        fail(Facet::Field, !self.fields.is_empty() && !facts.field.as_ref().is_some_and(|f| self.fields.contains(f)));
        fail(Facet::Route, !self.routes.is_empty() && !self.routes.contains(&offer.route));
        fail(Facet::Boarding, self.boarding && !facts.boarding);
        let at_least = |min: Option<u8>, rate: Option<f32>| min.is_some_and(|min| !rate.is_some_and(|r| r >= f32::from(min)));
        fail(Facet::Employment, at_least(self.min_employment, facts.employment));
        fail(Facet::Study, at_least(self.min_further_study, facts.further_study));
        fail(Facet::Pressure, self.max_pressure.is_some_and(|max| !facts.pressure.is_some_and(|p| p <= max)));
        fail(Facet::GoodProspects, self.good_prospects && !facts.favourable);
        fail(Facet::LowPressure, self.low_pressure && !facts.pressure.is_some_and(|p| p <= PRESSURE_THRESHOLDS[0]));
        fail(Facet::NoProspects, self.no_prospects == NoProspectsMode::Hide && facts.no_prospects);
        fail(Facet::Text, !words.is_empty() && !catalog.search.matches(index, words));
        fail(Facet::School, self.school.as_ref().is_some_and(|uai| *uai != offer.uai));
        let within = reach.is_none_or(|reach| reach.within(&offer.uai));
        // With the boarding filter on, a school with a boarding house is reachable from anywhere.
        let beyond_budget = !within && self.boarding && facts.boarding;
        fail(Facet::Reach, !within && !beyond_budget);
        (mask, beyond_budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trip_is_within_the_budget_exactly_when_its_shown_time_is() {
        let minutes = [("a", 1800.0 / 60.0), ("b", 1801.0 / 60.0), ("c", 12.0)].map(|(uai, m)| (uai.to_string(), m)).into();
        let reach = Reach { minutes, budget: 30 };
        assert!(reach.within("a"), "30 min is within 30 min");
        assert_eq!(shown_minutes(1801.0 / 60.0), 31);
        assert!(!reach.within("b"), "30 min 1 s is shown as 31 min: not within");
        assert!(reach.within("c"));
        assert!(!reach.within("unreached"));
    }
}
