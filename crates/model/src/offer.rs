//! An offer: one programme taught at one school, with how hard it is to get in.

use serde::{Deserialize, Serialize};

use crate::Figure;

/// Futur Pro's thresholds on the *taux de pression* (first wishes / places):
/// up to 1 is easy, below 1.42 less so, above that hard.
pub const PRESSURE_THRESHOLDS: [f32; 2] = [1.0, 1.42];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// `<UAI>-<MEF STAT 11>-<route>`, stable across builds.
    pub id: String,
    pub uai: String,
    /// Diploma code (code formation diplôme), key into [`crate::Dataset::programmes`].
    pub cfd: String,
    /// The entry class's statistical MEF code.
    pub mef_stat_11: String,
    pub route: Route,
    pub entry: Entry,
    pub access: Access,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Full-time at school (statut scolaire).
    Scolaire,
    Apprentissage,
}

impl Route {
    pub fn label(self) -> &'static str {
        match self {
            Route::Scolaire => "Sous statut scolaire",
            Route::Apprentissage => "En apprentissage",
        }
    }
}

/// The class a student applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// First year after the 3e: seconde professionnelle or first year of CAP.
    AfterTroisieme,
    /// Première professionnelle, entered after a seconde pro (of its famille de métiers, where it has one).
    PremierePro,
}

impl Entry {
    pub fn label(self) -> &'static str {
        match self {
            Entry::AfterTroisieme => "Entrée après la 3e",
            Entry::PremierePro => "Entrée en 1re pro, après une 2de pro",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Access {
    /// Places (capacité carte scolaire).
    pub capacity: Figure<u32>,
    /// First-rank wishes (demandes vœux 1).
    pub first_wishes: Figure<u32>,
    /// All wishes, any rank.
    pub all_wishes: Figure<u32>,
    /// First-rank wishes / places.
    pub pressure: Figure<f32>,
    /// Students admitted on their first wish (affectés vœu 1).
    pub admitted_first_wish: Figure<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PressureLevel {
    Easy,
    Moderate,
    Hard,
}

impl PressureLevel {
    pub fn of(pressure: f32) -> Self {
        if pressure <= PRESSURE_THRESHOLDS[0] {
            PressureLevel::Easy
        } else if pressure < PRESSURE_THRESHOLDS[1] {
            PressureLevel::Moderate
        } else {
            PressureLevel::Hard
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PressureLevel::Easy => "Admission facile",
            PressureLevel::Moderate => "Admission peu facile",
            PressureLevel::Hard => "Admission difficile",
        }
    }
}

impl Access {
    pub fn pressure_level(&self) -> Option<PressureLevel> {
        self.pressure.get().map(PressureLevel::of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pressure_levels_follow_futur_pro_thresholds() {
        assert_eq!(PressureLevel::of(0.5), PressureLevel::Easy);
        assert_eq!(PressureLevel::of(1.0), PressureLevel::Easy);
        assert_eq!(PressureLevel::of(1.2), PressureLevel::Moderate);
        assert_eq!(PressureLevel::of(1.42), PressureLevel::Hard);
        assert_eq!(PressureLevel::of(3.0), PressureLevel::Hard);
    }
}
