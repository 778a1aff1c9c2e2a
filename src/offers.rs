//! Formation offers: the list beside the map and the card of each offer.

pub mod offer_card;
pub mod offer_list;
pub mod trip_section;

use proxipro_model::{Dataset, Offer, Programme};

/// `CAP Cuisine – Lycée X`, to name a card in the page title.
pub fn card_name(dataset: &Dataset, offer_id: &str) -> Option<String> {
    let offer = dataset.offer(offer_id)?;
    let title = dataset.programme(&offer.cfd).map(offer_title).unwrap_or_else(|| offer.cfd.clone());
    Some(match dataset.school(&offer.uai) {
        Some(school) => format!("{title} – {}", school.name),
        None => title,
    })
}

/// `Bac pro Cuisine`, or `2de pro commune Métiers de l'hôtellerie-restauration`.
pub fn offer_title(programme: &Programme) -> String {
    if programme.common_year {
        format!("2de pro commune · {}", programme.label)
    } else {
        format!("{} {}", programme.diploma.label(), programme.label)
    }
}

/// `Some(true)` when any figure of the offer's outcomes falls under the "no prospects" rule.
pub fn has_no_prospects(dataset: &Dataset, offer: &Offer) -> bool {
    let outcomes = dataset.outcomes_of(offer);
    // A common seconde is flagged only if every speciality it leads to is.
    !outcomes.is_empty() && outcomes.iter().all(|(_, o)| o.no_prospects() == Some(true))
}
