//! A programme (diploma): what is taught, what it leads to, how former students fared.

use serde::{Deserialize, Serialize};

use crate::{Figure, Route};

/// Seed research's "no prospects" rule: under 30 % employed **and** under 50 % studying on.
pub const NO_PROSPECTS: NoProspects = NoProspects { employment_below: 30.0, further_study_below: 50.0 };

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoProspects {
    pub employment_below: f32,
    pub further_study_below: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// Code formation diplôme (BCN).
    pub cfd: String,
    /// Readable title, e.g. `Cuisine`.
    pub label: String,
    pub diploma: Diploma,
    /// Length of the whole course in years.
    pub duration_years: Option<u8>,
    /// NSF speciality group, e.g. `Agro-alimentaire, alimentation, cuisine`.
    pub field: Option<String>,
    /// Famille de métiers, for bac pro programmes grouped in a common seconde.
    pub famille: Option<String>,
    /// The common seconde of a famille de métiers: a year, not a diploma; see `specialities`.
    pub common_year: bool,
    /// For a common seconde: the bac pro specialities (CFDs) it leads to.
    pub specialities: Vec<String>,
    /// Onisep page of the programme.
    pub onisep_url: Option<String>,
    /// Onisep's presentation, as plain text paragraphs.
    pub description: Figure<Vec<String>>,
    pub jobs: Vec<Job>,
    /// Regional InserJeunes figures, one entry per route the sources cover.
    pub outcomes: Vec<Outcomes>,
    /// Net monthly salaries 12 months after leaving.
    pub salary: Figure<String>,
    /// Source ids of what no [`Figure`] here carries: title, diploma, duration, field, jobs
    /// and the Onisep link. (Added within schema 3: files written before it have none.)
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Programme {
    /// `Bac pro Cuisine`, or `2de pro commune · Métiers de l'hôtellerie-restauration`.
    pub fn title(&self) -> String {
        if self.common_year {
            format!("2de pro commune · {}", self.label)
        } else {
            format!("{} {}", self.diploma.label(), self.label)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Diploma {
    Cap,
    CapAgricole,
    BacPro,
    BacProAgricole,
    BrevetPro,
    MentionComplementaire,
    Autre,
}

impl Diploma {
    /// From the BCN level code (first three digits of the CFD).
    pub fn from_level(level: &str) -> Self {
        match level {
            "500" => Diploma::Cap,
            "503" => Diploma::CapAgricole,
            "400" => Diploma::BacPro,
            "403" => Diploma::BacProAgricole,
            "450" | "553" => Diploma::BrevetPro,
            "461" | "561" => Diploma::MentionComplementaire,
            _ => Diploma::Autre,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Diploma::Cap => "CAP",
            Diploma::CapAgricole => "CAP agricole",
            Diploma::BacPro => "Bac pro",
            Diploma::BacProAgricole => "Bac pro agricole",
            Diploma::BrevetPro => "Brevet professionnel",
            Diploma::MentionComplementaire => "Mention complémentaire",
            Diploma::Autre => "Autre diplôme",
        }
    }

    /// Years of the course students enter after the 3e (other dispositifs exist: a CAP in 1
    /// year after a first diploma, a bac pro in 1 year…).
    pub fn usual_years(self) -> Option<u8> {
        match self {
            Diploma::Cap | Diploma::CapAgricole => Some(2),
            Diploma::BacPro | Diploma::BacProAgricole => Some(3),
            Diploma::BrevetPro | Diploma::MentionComplementaire | Diploma::Autre => None,
        }
    }

    /// The group a programme is compared within (Futur Pro groups agricultural and not).
    pub fn benchmark_group(self) -> &'static str {
        match self {
            Diploma::Cap | Diploma::CapAgricole => "CAP",
            Diploma::BacPro | Diploma::BacProAgricole => "Bac pro",
            Diploma::BrevetPro => "BP",
            Diploma::MentionComplementaire => "MC",
            Diploma::Autre => "autre",
        }
    }
}

/// A job (ROME code) the programme leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub rome: String,
    pub label: String,
    /// Part of the ecological transition (France Travail / Onisep flag); `None` when not covered.
    pub green: Option<bool>,
    pub digital: Option<bool>,
    /// Shortage of candidates (métier en tension): no source here, kept explicit.
    pub shortage: Figure<bool>,
    pub url: Option<String>,
}

/// InserJeunes figures of a programme in the region, six months after leaving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcomes {
    pub route: Route,
    /// Students in the final year (the rates' denominator).
    pub cohort: Figure<u32>,
    /// Employed 6 months after leaving, in %.
    pub employment: Figure<f32>,
    /// Studying on (any programme), in %.
    pub further_study: Figure<f32>,
    /// Neither, in %.
    pub other: Figure<f32>,
    pub employment_benchmark: Option<Benchmark>,
    pub further_study_benchmark: Option<Benchmark>,
}

impl Outcomes {
    /// `Some(true)` when both rates are published and fall under [`NO_PROSPECTS`].
    pub fn no_prospects(&self) -> Option<bool> {
        let (employment, study) = (self.employment.get()?, self.further_study.get()?);
        Some(employment < NO_PROSPECTS.employment_below && study < NO_PROSPECTS.further_study_below)
    }

    /// The best of `rate` among an offer's outcomes (as [`crate::Dataset::outcomes_of`] gives them).
    pub fn best(outcomes: &[(&Programme, &Outcomes)], rate: impl Fn(&Outcomes) -> Option<f32>) -> Option<f32> {
        outcomes.iter().filter_map(|(_, o)| rate(o)).max_by(f32::total_cmp)
    }

    /// The « no prospects » rule for an offer: all its outcomes fall under it (a common seconde
    /// only if every speciality it leads to does).
    pub fn none_with_prospects(outcomes: &[(&Programme, &Outcomes)]) -> bool {
        !outcomes.is_empty() && outcomes.iter().all(|(_, o)| o.no_prospects() == Some(true))
    }
}

/// Where a rate falls in the region's distribution for the same kind of diploma, route and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// Minimum, first quartile, median, third quartile, maximum.
    pub quartiles: [f32; 5],
    /// How many programmes the distribution counts.
    pub programmes: u32,
    pub level: BenchmarkLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkLevel {
    /// At or above the third quartile.
    Favourable,
    /// Between the first and third quartiles.
    Average,
    /// At or below the first quartile.
    Difficult,
}

impl BenchmarkLevel {
    /// Futur Pro's rule: ≥ Q3 very favourable, > Q1 average, otherwise rather difficult.
    pub fn of(rate: f32, quartiles: &[f32; 5]) -> Self {
        if rate >= quartiles[3] {
            BenchmarkLevel::Favourable
        } else if rate > quartiles[1] {
            BenchmarkLevel::Average
        } else {
            BenchmarkLevel::Difficult
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BenchmarkLevel::Favourable => "Très favorable",
            BenchmarkLevel::Average => "Dans la moyenne",
            BenchmarkLevel::Difficult => "Plutôt difficile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(employment: Option<f32>, study: Option<f32>) -> Outcomes {
        let figure = |v: Option<f32>| match v {
            Some(v) => Figure::known(v, "2022_2023", "ij"),
            None => Figure::withheld("effectif inférieur à 20", "2022_2023", "ij"),
        };
        Outcomes {
            route: Route::Scolaire,
            cohort: Figure::known(30, "2022_2023", "ij"),
            employment: figure(employment),
            further_study: figure(study),
            other: Figure::unavailable("-"),
            employment_benchmark: None,
            further_study_benchmark: None,
        }
    }

    #[test]
    fn no_prospects_needs_both_rates_low() {
        assert_eq!(outcomes(Some(29.0), Some(49.0)).no_prospects(), Some(true));
        assert_eq!(outcomes(Some(30.0), Some(10.0)).no_prospects(), Some(false));
        assert_eq!(outcomes(Some(10.0), Some(50.0)).no_prospects(), Some(false));
        assert_eq!(outcomes(None, Some(10.0)).no_prospects(), None, "unknown when a rate is withheld");
    }

    #[test]
    fn benchmark_levels_follow_the_quartiles() {
        let q = [10.0, 30.0, 40.0, 50.0, 90.0];
        assert_eq!(BenchmarkLevel::of(50.0, &q), BenchmarkLevel::Favourable);
        assert_eq!(BenchmarkLevel::of(49.9, &q), BenchmarkLevel::Average);
        assert_eq!(BenchmarkLevel::of(30.0, &q), BenchmarkLevel::Difficult);
        assert_eq!(BenchmarkLevel::of(5.0, &q), BenchmarkLevel::Difficult);
    }

    #[test]
    fn diplomas_come_from_bcn_levels() {
        assert_eq!(Diploma::from_level("400"), Diploma::BacPro);
        assert_eq!(Diploma::from_level("503"), Diploma::CapAgricole);
        assert_eq!(Diploma::from_level("999"), Diploma::Autre);
        assert_eq!(Diploma::BacProAgricole.benchmark_group(), Diploma::BacPro.benchmark_group());
    }
}
