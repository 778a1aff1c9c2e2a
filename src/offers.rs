//! Formation offers: the list beside the map and the card of each offer.

pub mod offer_card;
pub mod offer_list;
pub mod trip_section;

use proxipro_model::{Dataset, Offer};

/// `CAP Cuisine – Lycée X`, to name a card in the page title.
pub fn card_name(dataset: &Dataset, offer_id: &str) -> Option<String> {
    let offer = dataset.offer(offer_id)?;
    let title = dataset.offer_title(offer);
    Some(match dataset.school(&offer.uai) {
        Some(school) => format!("{title} – {}", school.name),
        None => title,
    })
}

/// Whether the offer's outcomes fall under the "no prospects" rule (all of a common seconde's specialities).
pub fn has_no_prospects(dataset: &Dataset, offer: &Offer) -> bool {
    let outcomes = dataset.outcomes_of(offer);
    // A common seconde is flagged only if every speciality it leads to is.
    !outcomes.is_empty() && outcomes.iter().all(|(_, o)| o.no_prospects() == Some(true))
}
