//! Futur Pro's formations API (mission-apprentissage/c-est-qui-le-pro) read
//! into our dataset model. Pure functions over the JSON text: the app fetches,
//! this crate checks and converts, so both halves are tested natively.
//!
//! The field-by-field mapping, and what is lost either way, is in
//! `docs/futur-pro-mapping.md`. In short: the list endpoint gives schools and
//! programmes, the detail endpoint gives the figures; anything Futur Pro does
//! not publish becomes a `Figure` with the reason, never a zero.

mod convert;
pub mod wire;

use std::fmt;

pub use convert::{provenance, Converted, DatasetBuilder};
pub use wire::{FormationItem, FormationsPage};

/// Offers asked per list page (Futur Pro's default is 100).
pub const PAGE_SIZE: u32 = 100;
/// A region has a few hundred offers; past this many pages something is wrong with the query.
pub const MAX_PAGES: u32 = 30;

/// What is wrong with an answer, worded for the person in front of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// Not JSON, or not the shape of Futur Pro's answers.
    Malformed(String),
    /// A page that stops short of what its own pagination announces.
    PartialPage { page: u32, received: usize, expected: u32 },
    /// The answer is for another request than the one sent (a late or mixed-up answer).
    Unexpected(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Malformed(detail) => write!(f, "réponse illisible : {detail}"),
            ApiError::PartialPage { page, received, expected } => write!(
                f,
                "page {page} incomplète : {received} formations reçues sur les {expected} annoncées"
            ),
            ApiError::Unexpected(detail) => write!(f, "réponse inattendue : {detail}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// The path and query of list page `page` (1-based) around `(lat, lon)`, within `distance_m` metres.
pub fn list_path(lat: f64, lon: f64, distance_m: u32, page: u32) -> String {
    format!(
        "/api/formations?latitude={lat:.5}&longitude={lon:.5}&distance={distance_m}&page={page}&items_par_page={PAGE_SIZE}"
    )
}

/// The detail path of an offer: `/api/formation/:cfd-:codeDispositif?-:uai-:voie`.
pub fn detail_path(item: &FormationItem) -> String {
    let dispositif = item.formation.code_dispositif.as_deref().unwrap_or("");
    format!(
        "/api/formation/{}-{}-{}-{}",
        item.formation.cfd, dispositif, item.etablissement.uai, item.formation.voie
    )
}

/// Reads list page `requested`, refusing an answer for another page or one
/// that holds fewer offers than its pagination promises.
pub fn parse_page(text: &str, requested: u32) -> Result<FormationsPage, ApiError> {
    let page: wire::RawPage = serde_json::from_str(text).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let pagination = page.pagination;
    if pagination.page != requested {
        return Err(ApiError::Unexpected(format!("page {} reçue au lieu de la page {requested}", pagination.page)));
    }
    let full = (page.formations.len() as u64) >= u64::from(pagination.items_par_page);
    if pagination.page < pagination.nombre_de_page && !full {
        return Err(ApiError::PartialPage {
            page: requested,
            received: page.formations.len(),
            expected: pagination.items_par_page,
        });
    }
    let received = page.formations.len();
    let formations: Vec<FormationItem> =
        page.formations.iter().filter_map(|item| serde_json::from_str(item.get()).ok()).collect();
    Ok(FormationsPage { pagination, unreadable: received - formations.len(), formations })
}

/// Reads the detail of `asked`, refusing the detail of another offer.
pub fn parse_detail(text: &str, asked: &FormationItem) -> Result<FormationItem, ApiError> {
    let detail: FormationItem = serde_json::from_str(text).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let same = detail.formation.cfd == asked.formation.cfd
        && detail.etablissement.uai == asked.etablissement.uai
        && detail.formation.voie == asked.formation.voie;
    if !same {
        return Err(ApiError::Unexpected(format!(
            "fiche {} {} reçue pour la fiche {} {}",
            detail.formation.cfd, detail.etablissement.uai, asked.formation.cfd, asked.etablissement.uai
        )));
    }
    Ok(detail)
}
