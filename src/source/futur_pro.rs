//! Formations from a Futur Pro API (`?api=<base URL>`), with the region's
//! static files for what Futur Pro does not give: the start places, the
//! transport network, and the area to ask about.

use futures::stream::{self, StreamExt};
use proxipro_futurpro::{detail_path, list_path, parse_detail, parse_page, ApiError, DatasetBuilder, FormationItem, MAX_PAGES};
use proxipro_model::{Dataset, LatLon, Provenance};

use super::http;
use super::{DatasetLoad, LoadError, StaticDataset};

/// Detail requests in flight at once: quick on a good line, gentle with the server.
const PARALLEL_DETAILS: usize = 6;
/// Margin around the region's schools, and Futur Pro's ceiling for `distance`.
const MARGIN_M: f64 = 5_000.0;
const MAX_DISTANCE_M: f64 = 100_000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct FuturProApi {
    base_url: String,
    region: StaticDataset,
}

impl FuturProApi {
    pub fn new(base_url: impl Into<String>, region: StaticDataset) -> Self {
        FuturProApi { base_url: base_url.into().trim_end_matches('/').to_string(), region }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn region(&self) -> &StaticDataset {
        &self.region
    }

    /// Every page of offers around the region, then each offer's detail.
    pub async fn dataset(&self) -> Result<DatasetLoad, LoadError> {
        let local = self.region.dataset().await?;
        let (centre, distance_m) = area(&local);
        let mut notices = Vec::new();
        let mut items: Vec<FormationItem> = Vec::new();
        let mut unreadable = 0;
        let mut complete = true;
        let mut page = 1;
        loop {
            let url = format!("{}{}", self.base_url, list_path(centre.lat, centre.lon, distance_m, page));
            let what = format!("la page {page} de la liste des formations de l'API {}", self.base_url);
            let answer = match get_text(&url).await {
                Ok(text) => parse_page(&text, page).map_err(|error| api_error(&url, error)),
                Err(error) => Err(error),
            }
            .map_err(|error| error.named(&what));
            match answer {
                Ok(answer) => {
                    unreadable += answer.unreadable;
                    items.extend(answer.formations);
                    if page >= answer.pagination.nombre_de_page {
                        break;
                    }
                    if page >= MAX_PAGES {
                        complete = false;
                        notices.push(format!("Liste limitée aux {MAX_PAGES} premières pages de l'API."));
                        break;
                    }
                    page += 1;
                }
                // Later pages failing: keep what came, and say the list is short.
                Err(error) if !items.is_empty() => {
                    complete = false;
                    let shown = items.len();
                    notices.push(match &error {
                        LoadError::Incomplete { detail, .. } => {
                            format!("Liste incomplète ({detail}) : seules les {shown} premières formations sont affichées.")
                        }
                        other => format!("Liste incomplète : seules les {shown} premières formations sont affichées. {other}"),
                    });
                    break;
                }
                Err(error) => return Err(error),
            }
        }
        if items.is_empty() {
            return Err(LoadError::Empty { url: format!("L'API {}", self.base_url) });
        }

        complete &= unreadable == 0;
        match unreadable {
            0 => {}
            1 => notices.push("Une formation de la liste de l'API était illisible : elle n'est pas reprise.".into()),
            n => notices.push(format!("{n} formations de la liste de l'API étaient illisibles : elles ne sont pas reprises.")),
        }
        let details: Vec<Result<FormationItem, String>> =
            stream::iter(items.iter().map(|item| self.detail(item))).buffered(PARALLEL_DETAILS).collect().await;
        let failed = details.iter().filter(|detail| detail.is_err()).count();
        if failed > 0 {
            let total = items.len();
            notices.push(match failed {
                1 => format!("Fiche détaillée non reçue pour 1 formation sur {total} : ses chiffres sont marqués non disponibles."),
                n => format!("Fiches détaillées non reçues pour {n} formations sur {total} : leurs chiffres sont marqués non disponibles."),
            });
        }
        let mut builder = DatasetBuilder::new(local.region.clone());
        for (item, detail) in items.iter().zip(&details) {
            builder.add(item, detail.as_ref().map_err(String::as_str));
        }
        let converted = builder.finish();
        complete &= converted.skipped.is_empty();
        if let Some(first) = converted.skipped.first() {
            notices.push(match converted.skipped.len() {
                1 => format!("Une formation non reprise : {first}."),
                n => format!("{n} formations non reprises, par exemple {first}."),
            });
        }
        let mut dataset = converted.dataset;
        if dataset.offers.is_empty() {
            return Err(LoadError::Empty { url: format!("L'API {}", self.base_url) });
        }
        dataset.places = local.places;
        dataset.network = local.network;
        // The formations on screen are the API's, fresh: the region file's cache date is not theirs.
        super::cache_status::record_dataset(None);
        Ok(DatasetLoad { dataset, notices, complete })
    }

    /// One offer's detail, or in a few words why it did not come.
    async fn detail(&self, item: &FormationItem) -> Result<FormationItem, String> {
        let url = format!("{}{}", self.base_url, detail_path(item));
        let text = get_text(&url).await.map_err(|error| error.reason())?;
        parse_detail(&text, item).map_err(|error| error.to_string())
    }

    pub async fn provenance(&self) -> Result<Provenance, LoadError> {
        let local = self.region.provenance().await?;
        let mut provenance = proxipro_futurpro::provenance(local.region.clone(), &self.base_url);
        provenance.methods.push(format!(
            "Les lieux de départ et le réseau de transport viennent du jeu de données statique de la région ({}).",
            self.region.base_url()
        ));
        // The network and places are ours: keep their sources on the page.
        let ours = local.sources.into_iter().filter(|source| {
            ["annuaire", "communes"].contains(&source.id.as_str()) || super::is_network_source(&source.id)
        });
        provenance.sources.extend(ours);
        Ok(provenance)
    }
}

/// The centre of the region's schools and a distance that takes them all in.
fn area(local: &Dataset) -> (LatLon, u32) {
    let centre = LatLon::centre(local.schools.iter().map(|s| s.position)).unwrap_or(LatLon { lat: 0.0, lon: 0.0 });
    let farthest = local.schools.iter().map(|s| centre.distance_m(s.position)).fold(0.0, f64::max);
    (centre, (farthest + MARGIN_M).min(MAX_DISTANCE_M) as u32)
}

async fn get_text(url: &str) -> Result<String, LoadError> {
    Ok(http::get_text(url).await?.body)
}

fn api_error(url: &str, error: ApiError) -> LoadError {
    match error {
        ApiError::PartialPage { .. } => LoadError::Incomplete { url: url.to_string(), detail: error.to_string() },
        ApiError::Malformed(_) | ApiError::Unexpected(_) => LoadError::Malformed { url: url.to_string(), detail: error.to_string() },
    }
}
