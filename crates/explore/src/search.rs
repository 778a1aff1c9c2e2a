//! Free-text search over programme, job, school and commune, accents ignored.

use proxipro_model::Dataset;

/// One folded text per offer (same order as `dataset.offers`), built once per dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(dataset: &Dataset) -> Self {
        let texts = dataset
            .offers
            .iter()
            .map(|offer| {
                let mut text = String::new();
                if let Some(programme) = dataset.programme(&offer.cfd) {
                    for part in [programme.label.as_str(), programme.diploma.label()]
                        .into_iter()
                        .chain(programme.field.as_deref())
                        .chain(programme.famille.as_deref())
                        .chain(programme.jobs.iter().map(|job| job.label.as_str()))
                    {
                        text.push_str(part);
                        text.push(' ');
                    }
                }
                if let Some(school) = dataset.school(&offer.uai) {
                    text.push_str(&school.name);
                    text.push(' ');
                    text.push_str(&school.address.commune);
                }
                fold(&text)
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
