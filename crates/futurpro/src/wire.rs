//! Futur Pro's answers as they travel (`shared/types/formation.ts`,
//! `etablissement.ts`, `server/src/queries/getFormations.ts`).
//!
//! Futur Pro strips `null`s before answering, so "not published" is an absent
//! key: every optional field is an `Option` with `#[serde(default)]`, and
//! unknown keys are ignored so a new field on their side breaks nothing here.

use serde::Deserialize;

/// `GET /api/formations`: one page of offers.
#[derive(Debug, Clone, Deserialize)]
pub struct FormationsPage {
    pub pagination: Pagination,
    #[serde(default)]
    pub formations: Vec<FormationItem>,
    /// Offers of the page that could not be read (see `parse_page`): left out, counted.
    #[serde(skip)]
    pub unreadable: usize,
}

/// A page whose offers are read one by one: one offer of an unexpected shape must not
/// take the other offers of its page with it.
#[derive(Debug, Deserialize)]
pub(crate) struct RawPage {
    pub pagination: Pagination,
    #[serde(default)]
    pub formations: Vec<Box<serde_json::value::RawValue>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Pagination {
    #[serde(default)]
    pub total: u32,
    pub page: u32,
    pub items_par_page: u32,
    pub nombre_de_page: u32,
}

/// One offer: a formation taught in an establishment. Also the shape of
/// `GET /api/formation/:id`, where `formationEtablissement` carries the indicators.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormationItem {
    pub formation: Formation,
    pub formation_etablissement: FormationEtablissement,
    pub etablissement: Etablissement,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Formation {
    pub cfd: String,
    pub voie: String,
    #[serde(default)]
    pub libelle: Option<String>,
    #[serde(default)]
    pub code_dispositif: Option<String>,
    #[serde(default)]
    pub mef11: Option<String>,
    #[serde(default)]
    pub niveau_diplome: Option<String>,
    #[serde(default)]
    pub is_annee_commune: Option<bool>,
    #[serde(default)]
    pub onisep_identifiant: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub metier: Vec<Metier>,
    /// National figures; only the salaries are used.
    #[serde(default)]
    pub indicateur_poursuite: Option<IndicateurPoursuiteNational>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metier {
    pub rome: String,
    pub libelle: String,
    #[serde(default)]
    pub transition_ecologique: Option<bool>,
    #[serde(default)]
    pub transition_numerique: Option<bool>,
    #[serde(default)]
    pub france_travail_link: Option<String>,
    #[serde(default)]
    pub onisep_link: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IndicateurPoursuiteNational {
    #[serde(default)]
    pub salaire_12_mois_q1: Option<f64>,
    #[serde(default)]
    pub salaire_12_mois_q2: Option<f64>,
    #[serde(default)]
    pub salaire_12_mois_q3: Option<f64>,
    #[serde(default, rename = "millesimeSalaire")]
    pub millesime_salaire: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormationEtablissement {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub duree: Option<String>,
    #[serde(default)]
    pub has_hebergement: Option<bool>,
    #[serde(default)]
    pub indicateur_entree: Option<IndicateurEntree>,
    #[serde(default)]
    pub indicateur_poursuite_regional: Option<IndicateurPoursuiteRegional>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicateurEntree {
    pub rentree_scolaire: String,
    #[serde(default)]
    pub capacite: Option<f64>,
    #[serde(default)]
    pub premiers_voeux: Option<f64>,
    #[serde(default)]
    pub voeux: Option<f64>,
    #[serde(default)]
    pub taux_pression: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicateurPoursuiteRegional {
    /// Region × diploma × route: the same kind of figure as our `Programme.outcomes`.
    #[serde(default)]
    pub by_diplome: Option<RegionalRates>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RegionalRates {
    pub millesime: String,
    /// INSEE region code of the figures: a search circle can reach schools of a neighbouring region.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub taux_en_emploi_6_mois: Option<f64>,
    #[serde(default)]
    pub taux_en_formation: Option<f64>,
    #[serde(default)]
    pub taux_autres_6_mois: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Etablissement {
    pub uai: String,
    #[serde(default)]
    pub libelle: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub statut: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub onisep_id: Option<String>,
    #[serde(default)]
    pub address_street: Option<String>,
    #[serde(default)]
    pub address_post_code: Option<String>,
    #[serde(default)]
    pub address_city: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub has_formation_with_hebergement: Option<bool>,
    #[serde(default, rename = "JPODates")]
    pub jpo_dates: Option<Vec<OpenDay>>,
    #[serde(default, rename = "JPODetails")]
    pub jpo_details: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenDay {
    /// ISO 8601, e.g. `2025-02-01T09:00:00.000Z`.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
}
