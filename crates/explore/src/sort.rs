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
    match (key, reach) {
        (SortKey::TravelTime, Some(reach)) => visible.sort_unstable_by(|a, b| {
            let time = |v: &Visible| reach.minutes.get(&dataset.offers[v.index].uai).copied().unwrap_or(last);
            time(a).total_cmp(&time(b)).then(title(a).cmp(&title(b)))
        }),
        (SortKey::Employment, _) => visible.sort_unstable_by(|a, b| {
            let rate = |v: &Visible| -catalog.facts[v.index].employment.unwrap_or(-last);
            rate(a).total_cmp(&rate(b)).then(title(a).cmp(&title(b)))
        }),
        (SortKey::Pressure, _) => visible.sort_unstable_by(|a, b| {
            let pressure = |v: &Visible| catalog.facts[v.index].pressure.unwrap_or(last);
            pressure(a).total_cmp(&pressure(b)).then(title(a).cmp(&title(b)))
        }),
        (SortKey::Title, _) | (SortKey::TravelTime, None) => visible.sort_unstable_by_key(title),
    }
}
