//! Orders of the list: travel time (once an origin is chosen), employment, pressure, title.

use serde::{Deserialize, Serialize};

use crate::filters::{Catalog, Reach, Visible};
use proxipro_model::Dataset;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// Closest first; alphabetical until an origin is chosen.
    #[default]
    TravelTime,
    /// Highest regional employment rate first.
    Employment,
    /// Easiest admission (lowest taux de pression) first.
    Pressure,
    Title,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::TravelTime, SortKey::Employment, SortKey::Pressure, SortKey::Title];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::TravelTime => "Temps de trajet",
            SortKey::Employment => "Taux d'emploi",
            SortKey::Pressure => "Facilité d'admission",
            SortKey::Title => "Nom de la formation",
        }
    }

    /// Its value in the page address.
    pub fn code(self) -> &'static str {
        match self {
            SortKey::TravelTime => "temps",
            SortKey::Employment => "emploi",
            SortKey::Pressure => "pression",
            SortKey::Title => "nom",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        SortKey::ALL.into_iter().find(|key| key.code() == code)
    }
}

/// Sorts in place; missing figures go last, ties in alphabetical order (the title rank is unique,
/// so an unstable sort, smaller in wasm, gives the same order).
pub fn sort(visible: &mut [Visible], key: SortKey, dataset: &Dataset, catalog: &Catalog, reach: Option<&Reach>) {
    let title = |v: &Visible| catalog.title_rank[v.index];
    let last = f32::INFINITY;
    // One comparator for every key: each `sort_unstable_by` call site is a separate
    // copy of the sort in the wasm (a few KB each).
    let primary = |v: &Visible| -> f32 {
        match (key, reach) {
            (SortKey::TravelTime, Some(reach)) => {
                reach.minutes.get(&dataset.offers[v.index].uai).copied().unwrap_or(last)
            }
            (SortKey::Employment, _) => -catalog.facts[v.index].employment.unwrap_or(-last),
            (SortKey::Pressure, _) => catalog.facts[v.index].pressure.unwrap_or(last),
            (SortKey::Title, _) | (SortKey::TravelTime, None) => 0.0,
        }
    };
    visible.sort_unstable_by(|a, b| primary(a).total_cmp(&primary(b)).then(title(a).cmp(&title(b))));
}
