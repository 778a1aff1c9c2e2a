//! Schools: where programmes are taught.

use serde::{Deserialize, Serialize};

use crate::Figure;

/// A school that teaches at least one vocational programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    /// Unique identifier of the establishment (code UAI / RNE), e.g. `0350031U`.
    pub uai: String,
    pub name: String,
    /// The annuaire's nature label, e.g. `LYCEE PROFESSIONNEL`.
    pub kind: SchoolKind,
    pub sector: Sector,
    pub address: Address,
    pub position: LatLon,
    /// `None` when the source does not say.
    pub boarding: Option<bool>,
    pub website: Option<String>,
    /// Onisep establishment id (`ENS.nnnn`), the key to open days and Onisep pages.
    pub onisep_id: Option<String>,
    /// Open days as the school announced them to Onisep (free text).
    pub open_days: Figure<Vec<String>>,
    /// InserJeunes figures of the whole school (all programmes pooled), latest millésime.
    pub outcomes: Option<SchoolOutcomes>,
    /// Id of the source (see [`crate::Provenance::sources`]) these facts come from.
    pub source: String,
}

/// InserJeunes per lycée: every vocational programme of the school pooled together, for its
/// school-route students (apprentices, where it has any, are not counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolOutcomes {
    /// Share employed 6 months after leaving, in %.
    pub employment_6_months: Figure<f32>,
    /// Expected employment rate given the school's students and local job market, in %.
    pub employment_expected: Figure<f32>,
    /// Difference between observed and expected employment, in points.
    pub added_value: Figure<f32>,
    /// Share going on studying, in %.
    pub further_study: Figure<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolKind {
    LyceeProfessionnel,
    LyceePolyvalent,
    SectionEnseignementProfessionnel,
    LyceeAgricole,
    /// Maison familiale rurale: agricultural, in alternation between school and work.
    MaisonFamilialeRurale,
    Cfa,
    Autre,
}

impl SchoolKind {
    pub fn label(self) -> &'static str {
        match self {
            SchoolKind::LyceeProfessionnel => "Lycée professionnel",
            SchoolKind::LyceePolyvalent => "Lycée polyvalent",
            SchoolKind::SectionEnseignementProfessionnel => "Section d'enseignement professionnel",
            SchoolKind::LyceeAgricole => "Lycée agricole",
            SchoolKind::MaisonFamilialeRurale => "Maison familiale rurale",
            SchoolKind::Cfa => "CFA (apprentissage)",
            SchoolKind::Autre => "Autre établissement",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Public,
    Prive,
}

impl Sector {
    pub fn label(self) -> &'static str {
        match self {
            Sector::Public => "Public",
            Sector::Prive => "Privé",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub commune: String,
    /// INSEE code of the commune.
    pub commune_code: String,
}

/// WGS84 coordinates, degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// Equirectangular distance in metres: exact enough across a département or a region.
    pub fn distance_m(self, other: LatLon) -> f64 {
        const METRES_PER_DEGREE: f64 = 111_320.0;
        let dy = (self.lat - other.lat) * METRES_PER_DEGREE;
        let dx = (self.lon - other.lon) * METRES_PER_DEGREE * self.lat.to_radians().cos();
        (dx * dx + dy * dy).sqrt()
    }

    /// The mean of `points`, a middle to search or draw around; `None` for no point.
    pub fn centre(points: impl IntoIterator<Item = LatLon>) -> Option<LatLon> {
        let (count, lat, lon) = points.into_iter().fold((0.0, 0.0, 0.0), |(n, lat, lon), p| (n + 1.0, lat + p.lat, lon + p.lon));
        (count > 0.0).then(|| LatLon { lat: lat / count, lon: lon / count })
    }
}

#[cfg(test)]
mod tests {
    use super::LatLon;

    #[test]
    fn the_centre_is_the_mean_and_there_is_none_of_nothing() {
        let points = [LatLon { lat: 48.0, lon: -2.0 }, LatLon { lat: 48.2, lon: -1.0 }];
        assert_eq!(LatLon::centre(points), Some(LatLon { lat: 48.1, lon: -1.5 }));
        assert_eq!(LatLon::centre([]), None);
    }
}

