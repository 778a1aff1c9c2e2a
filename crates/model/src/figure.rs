//! A published figure with its year and source — or the reason it is missing.

use serde::{Deserialize, Serialize};

/// Every indicator of the dataset is a `Figure`: a missing value is explicit
/// (with why), never a zero, and a known value always says where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure<T> {
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub value: Option<T>,
    /// Millésime or school year of the figure, e.g. `2022` or `2021-2022`; empty when no source covers it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub year: String,
    /// Source id (see [`crate::Provenance::sources`]); empty when no source covers it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Why there is no value, in French, for the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> Figure<T> {
    pub fn known(value: T, year: impl Into<String>, source: impl Into<String>) -> Self {
        Figure { value: Some(value), year: year.into(), source: source.into(), missing: None }
    }

    /// A figure the source covers but does not publish (e.g. a cohort under 20).
    pub fn withheld(reason: impl Into<String>, year: impl Into<String>, source: impl Into<String>) -> Self {
        Figure { value: None, year: year.into(), source: source.into(), missing: Some(reason.into()) }
    }

    /// A figure no source provides.
    pub fn unavailable(reason: impl Into<String>) -> Self {
        Figure { value: None, year: String::new(), source: String::new(), missing: Some(reason.into()) }
    }

    pub fn as_ref(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

impl<T: Copy> Figure<T> {
    pub fn get(&self) -> Option<T> {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_figure_keeps_its_reason_through_json_and_is_never_zero() {
        let figure: Figure<u32> = Figure::withheld("effectif inférieur à 20", "2022", "inserjeunes");
        let json = serde_json::to_string(&figure).unwrap();
        assert_eq!(json, r#"{"year":"2022","source":"inserjeunes","missing":"effectif inférieur à 20"}"#);
        let back: Figure<u32> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.get(), None);
        assert_eq!(back, figure);
    }

    #[test]
    fn a_known_figure_carries_year_and_source() {
        let json = serde_json::to_string(&Figure::known(42u32, "2022", "affelnet")).unwrap();
        assert_eq!(json, r#"{"value":42,"year":"2022","source":"affelnet"}"#);
    }
}
