//! Free-text search over programme, job, school and commune, accents ignored.

use std::collections::HashMap;

use proxipro_model::{Dataset, Place, PlaceKind};

/// One folded text per offer (same order as `dataset.offers`), built once per dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(dataset: &Dataset) -> Self {
        // Folded once per programme and per school: offers share them (ten times over in a big region).
        let programmes: HashMap<&str, String> = dataset
            .programmes
            .iter()
            .map(|programme| {
                let parts = [programme.label.as_str(), programme.diploma.label()]
                    .into_iter()
                    .chain(programme.field.as_deref())
                    .chain(programme.famille.as_deref())
                    .chain(programme.jobs.iter().map(|job| job.label.as_str()));
                (programme.cfd.as_str(), fold(&parts.collect::<Vec<_>>().join(" ")))
            })
            .collect();
        let schools: HashMap<&str, String> = dataset
            .schools
            .iter()
            .map(|school| (school.uai.as_str(), fold(&format!("{} {}", school.name, school.address.commune))))
            .collect();
        let texts = dataset
            .offers
            .iter()
            .map(|offer| {
                let programme = programmes.get(offer.cfd.as_str()).map_or("", String::as_str);
                let school = schools.get(offer.uai.as_str()).map_or("", String::as_str);
                format!("{programme} {school}").trim().to_string()
            })
            .collect();
        SearchIndex { texts }
    }

    /// Whether offer number `index` contains every word of `query`.
    pub fn matches(&self, index: usize, words: &[String]) -> bool {
        self.texts.get(index).is_some_and(|text| words.iter().all(|word| text.contains(word.as_str())))
    }
}

/// The words of a query, folded like the index.
pub fn query_words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

pub use proxipro_model::text::fold;

/// The places (communes, collèges) whose name and detail hold every word of `query`, best first:
/// the commune of that very name, then names that start with the query, names that hold every
/// word, and last places found by their detail only (the collèges of a commune); communes before
/// collèges at each step. Typing « rennes » offers Rennes first, not eight of its collèges.
pub fn matching_places<'a>(places: &'a [Place], query: &str, limit: usize) -> Vec<&'a Place> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let whole = words.join(" ");
    let mut found: Vec<(u8, bool, &Place)> = places
        .iter()
        .filter_map(|place| {
            let name = fold(&place.name);
            let text = format!("{name} {}", fold(&place.detail));
            if !words.iter().all(|word| text.contains(word.as_str())) {
                return None;
            }
            let rank = if name == whole {
                0
            } else if name.starts_with(&whole) {
                1
            } else if words.iter().all(|word| name.contains(word.as_str())) {
                2
            } else {
                3
            };
            Some((rank, place.kind != PlaceKind::Commune, place))
        })
        .collect();
    // Stable: the dataset's order within a step.
    found.sort_by_key(|&(rank, college, _)| (rank, college));
    found.into_iter().take(limit).map(|(_, _, place)| place).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(kind: PlaceKind, name: &str, detail: &str) -> Place {
        Place { kind, name: name.into(), detail: detail.into(), position: proxipro_model::LatLon { lat: 48.1, lon: -1.7 } }
    }

    fn names(found: Vec<&Place>) -> Vec<&str> {
        found.into_iter().map(|place| place.name.as_str()).collect()
    }

    #[test]
    fn the_commune_of_that_name_comes_before_the_collèges_in_it() {
        let mut places: Vec<Place> =
            (1..=10).map(|i| place(PlaceKind::College, &format!("Collège numéro {i}"), "Rennes")).collect();
        places.push(place(PlaceKind::Commune, "Chantepie", "35135"));
        places.push(place(PlaceKind::Commune, "Rennes", "35000"));
        places.push(place(PlaceKind::College, "Collège de Rennes-Sud", "Rennes"));
        let found = names(matching_places(&places, "RENNES", 3));
        assert_eq!(found, ["Rennes", "Collège de Rennes-Sud", "Collège numéro 1"]);
    }

    #[test]
    fn names_that_start_with_the_query_come_first_and_hyphens_are_spaces() {
        let places = vec![
            place(PlaceKind::College, "Collège Surcouf", "Saint-Malo"),
            place(PlaceKind::Commune, "Saint-Méloir-des-Ondes", "35350"),
            place(PlaceKind::Commune, "Saint-Malo", "35400"),
            place(PlaceKind::Commune, "Saint-Malon-sur-Mel", "35750"),
        ];
        assert_eq!(names(matching_places(&places, "saint malo", 8)), ["Saint-Malo", "Saint-Malon-sur-Mel", "Collège Surcouf"]);
        assert_eq!(names(matching_places(&places, "saint", 8)), ["Saint-Méloir-des-Ondes", "Saint-Malo", "Saint-Malon-sur-Mel", "Collège Surcouf"]);
        assert!(matching_places(&places, "  ", 8).is_empty());
        assert!(matching_places(&places, "brest", 8).is_empty());
    }

    #[test]
    fn folding_makes_accents_and_case_irrelevant() {
        assert_eq!(fold("Électricité, Hôtellerie"), "electricite hotellerie");
        assert_eq!(query_words("  élec  CUIS "), ["elec", "cuis"]);
    }
}
