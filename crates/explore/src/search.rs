//! Free-text search over programme, job, school and commune, accents ignored.

use std::collections::HashMap;

use proxipro_model::Dataset;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_accents_and_case_irrelevant() {
        assert_eq!(fold("Électricité, Hôtellerie"), "electricite hotellerie");
        assert_eq!(query_words("  élec  CUIS "), ["elec", "cuis"]);
    }
}
