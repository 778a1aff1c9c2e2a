//! Formation offers: the list beside the map and the card of each offer.

pub mod offer_card;
pub mod offer_list;
pub mod trip_section;

use proxipro_model::{Dataset, Entry, Offer};

use proxipro_explore::format::count;

/// `CAP Cuisine – Lycée X`, to name a card in the page title.
pub fn card_name(dataset: &Dataset, offer_id: &str) -> Option<String> {
    let offer = dataset.offer(offer_id)?;
    let title = dataset.offer_title(offer);
    Some(match dataset.school(&offer.uai) {
        Some(school) => format!("{title} – {}", school.name),
        None => title,
    })
}

/// The course's length for this offer: `2 ans`, or `3 ans (2 après une entrée en 1re)`.
pub fn duration(dataset: &Dataset, offer: &Offer) -> Option<String> {
    let years = u32::from(dataset.programme(&offer.cfd)?.duration_years?);
    Some(match offer.entry {
        Entry::PremierePro if years > 1 => format!("{} ({} après une entrée en 1re)", count(years, "an", "ans"), years - 1),
        _ => count(years, "an", "ans"),
    })
}
