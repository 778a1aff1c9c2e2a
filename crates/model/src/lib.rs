//! The ProxiPro dataset model, shared by the native builder and the wasm app.
//!
//! Files under `public/data/<region>/` are these types serialised as JSON.
//! Every file carries [`SCHEMA_VERSION`] so the app can refuse a file it
//! does not understand instead of misreading it.

mod figure;
mod offer;
mod programme;
mod provenance;
mod school;
pub mod text;

use serde::{Deserialize, Serialize};

pub use figure::Figure;
pub use offer::{Access, Entry, Offer, PressureLevel, Route, PRESSURE_THRESHOLDS};
pub use programme::{Benchmark, BenchmarkLevel, Diploma, Job, Outcomes, Programme, NO_PROSPECTS};
pub use provenance::{Provenance, Source};
pub use school::{Address, LatLon, School, SchoolKind, SchoolOutcomes, Sector};

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 3;

/// File names inside a region folder, so builder and app cannot disagree.
pub const DATASET_FILE: &str = "dataset.json";
pub const PROVENANCE_FILE: &str = "provenance.json";
/// The transport network for isochrones (binary, see the isochrone crate's `format`).
pub const NETWORK_FILE: &str = "network.bin";

/// The area a dataset covers (a département for now).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Folder name under `public/data/`, e.g. `ille-et-vilaine`.
    pub slug: String,
    /// Département code as the annuaire writes it, e.g. `035`.
    pub departement_code: String,
    pub name: String,
    pub academie: String,
    pub region_name: String,
    /// INSEE region code, e.g. `53` for Bretagne: the key of regional statistics.
    pub region_code: String,
}

/// What the app loads first: schools, the programmes they teach, and each offer (a programme at a school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schema_version: u32,
    pub region: Region,
    /// Sorted by UAI.
    pub schools: Vec<School>,
    /// Sorted by CFD; shared by every offer of the same diploma.
    pub programmes: Vec<Programme>,
    /// Sorted by id.
    pub offers: Vec<Offer>,
    /// The public-transport network of the region, when the sources have one.
    pub network: Option<NetworkInfo>,
    /// Collèges and communes to start a journey from, found without any network.
    /// (Added within schema 3: files written before it simply have none.)
    #[serde(default)]
    pub places: Vec<Place>,
}

/// A named starting point: a collège (advisers start from their school) or a commune (its centre).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub kind: PlaceKind,
    pub name: String,
    /// Commune of a collège, postcode of a commune.
    pub detail: String,
    pub position: LatLon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    College,
    Commune,
}

/// What the app needs to know about the network before loading it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// File name inside the region folder.
    pub file: String,
    /// The day whose timetable the network holds, in French ("mardi 15 novembre 2011").
    pub timetable_day: String,
    /// Who runs it, for the page ("STAR (Rennes Métropole) et métro a").
    pub operator: String,
    /// South-west and north-east corners of the stops: beyond, no public transport is known.
    pub bounds: [LatLon; 2],
    /// Size of the file, for the loading message.
    pub bytes: u64,
}

impl Dataset {
    /// Refuses a file written for another schema version.
    pub fn check_version(&self) -> Result<(), String> {
        check_version(self.schema_version)
    }

    // Lookups rely on the builder's sort orders (schools by UAI, programmes by CFD, offers by id).

    pub fn school(&self, uai: &str) -> Option<&School> {
        self.schools.binary_search_by(|s| s.uai.as_str().cmp(uai)).ok().map(|i| &self.schools[i])
    }

    pub fn programme(&self, cfd: &str) -> Option<&Programme> {
        self.programmes.binary_search_by(|p| p.cfd.as_str().cmp(cfd)).ok().map(|i| &self.programmes[i])
    }

    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.binary_search_by(|o| o.id.as_str().cmp(id)).ok().map(|i| &self.offers[i])
    }

    pub fn offers_at<'a>(&'a self, uai: &'a str) -> impl Iterator<Item = &'a Offer> + 'a {
        self.offers.iter().filter(move |offer| offer.uai == uai)
    }

    /// The figures that tell what an offer leads to: its programme's own, or for a
    /// common seconde those of each speciality it opens onto (with the speciality).
    pub fn outcomes_of<'a>(&'a self, offer: &'a Offer) -> Vec<(&'a Programme, &'a Outcomes)> {
        let Some(programme) = self.programme(&offer.cfd) else { return Vec::new() };
        let specialities = programme.specialities.iter().filter_map(|cfd| self.programme(cfd));
        std::iter::once(programme)
            .chain(specialities)
            .flat_map(|p| p.outcomes.iter().filter(|o| o.route == offer.route).map(move |o| (p, o)))
            .collect()
    }

    /// The outcomes of the offer's own diploma and route (a common seconde has none: its
    /// specialities' are in [`Dataset::outcomes_of`]).
    pub fn own_outcomes(&self, offer: &Offer) -> Option<&Outcomes> {
        self.programme(&offer.cfd)?.outcomes.iter().find(|o| o.route == offer.route)
    }

    /// What names an offer in a list, a table or a file: its programme's title, and its entry
    /// class when it is not the usual one (two offers of a school differ by it alone).
    pub fn offer_title(&self, offer: &Offer) -> String {
        let title = self.programme(&offer.cfd).map_or_else(|| offer.cfd.clone(), Programme::title);
        match offer.entry {
            Entry::AfterTroisieme => title,
            Entry::PremierePro => format!("{title} (entrée en 1re)"),
        }
    }

    /// A rate of what the offer leads to, the same wherever it is shown, filtered or sorted on:
    /// its diploma's own, or for a common seconde the best of the specialities it opens onto.
    pub fn headline_rate(&self, offer: &Offer, rate: impl Fn(&Outcomes) -> Option<f32>) -> Option<HeadlineRate> {
        let common_year = self.programme(&offer.cfd).is_some_and(|p| p.common_year);
        let value = Outcomes::best(&self.outcomes_of(offer), rate)?;
        Some(HeadlineRate { value, best_of_specialities: common_year })
    }

    /// Whether the offer falls under the « no prospects » rule ([`NO_PROSPECTS`]): a common
    /// seconde only if every speciality it leads to does. The list's flag, the card's warning
    /// and the filter that hides them all read this.
    pub fn has_no_prospects(&self, offer: &Offer) -> bool {
        Outcomes::none_with_prospects(&self.outcomes_of(offer))
    }

    /// The commune whose centre is nearest to `point`, if one is within `max_km`: a name for a
    /// point picked on the map or by geolocation.
    pub fn nearest_commune(&self, point: LatLon, max_km: f64) -> Option<&Place> {
        Place::nearest_commune(&self.places, point, max_km)
    }
}

impl Place {
    /// Among `places`, the commune whose centre is nearest to `point`, if one is within `max_km`.
    pub fn nearest_commune(places: &[Place], point: LatLon, max_km: f64) -> Option<&Place> {
        places
            .iter()
            .filter(|place| place.kind == PlaceKind::Commune)
            .map(|place| (point.distance_m(place.position) / 1000.0, place))
            .filter(|(distance, _)| *distance <= max_km)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, place)| place)
    }
}

/// See [`Dataset::headline_rate`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadlineRate {
    /// A percentage.
    pub value: f32,
    /// The best of a common seconde's specialities: to be said « jusqu'à … selon la spécialité ».
    pub best_of_specialities: bool,
}

impl Provenance {
    pub fn check_version(&self) -> Result<(), String> {
        check_version(self.schema_version)
    }
}

fn check_version(found: u32) -> Result<(), String> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(format!(
            "version de format {found} inattendue (cette application lit la version {SCHEMA_VERSION})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune(name: &str, lat: f64, lon: f64) -> Place {
        Place { kind: PlaceKind::Commune, name: name.into(), detail: String::new(), position: LatLon { lat, lon } }
    }

    #[test]
    fn the_nearest_commune_names_a_point_unless_it_is_far_from_all() {
        let places = [
            commune("Rennes", 48.1113, -1.6800),
            commune("Bruz", 48.0247, -1.7458),
            Place { kind: PlaceKind::College, ..commune("Collège Anne de Bretagne", 48.1100, -1.6790) },
        ];
        let near_rennes = LatLon { lat: 48.1173, lon: -1.6778 };
        assert_eq!(Place::nearest_commune(&places, near_rennes, 10.0).map(|p| p.name.as_str()), Some("Rennes"));
        assert_eq!(Place::nearest_commune(&places, LatLon { lat: 48.03, lon: -1.74 }, 10.0).map(|p| p.name.as_str()), Some("Bruz"));
        assert!(Place::nearest_commune(&places, LatLon { lat: 43.3, lon: 5.4 }, 10.0).is_none(), "Marseille is far from both");
    }

    #[test]
    fn school_kind_serialises_as_snake_case() {
        let json = serde_json::to_string(&SchoolKind::SectionEnseignementProfessionnel).unwrap();
        assert_eq!(json, "\"section_enseignement_professionnel\"");
    }

    #[test]
    fn other_schema_versions_are_refused_with_both_numbers() {
        let err = check_version(SCHEMA_VERSION + 1).unwrap_err();
        assert!(err.contains(&(SCHEMA_VERSION + 1).to_string()));
        assert!(err.contains(&SCHEMA_VERSION.to_string()));
        assert!(check_version(SCHEMA_VERSION).is_ok());
    }
}
