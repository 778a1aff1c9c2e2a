//! The dataset built by `proxipro-builder`, served as static JSON next to the app.

use proxipro_model::{Dataset, Provenance, DATASET_FILE, PROVENANCE_FILE};
use serde::de::DeserializeOwned;

use super::cache_status;
use super::http::{get_bytes, get_text};
use super::LoadError;


#[derive(Debug, Clone, PartialEq)]
pub struct StaticDataset {
    base_url: String,
}

impl StaticDataset {
    /// `base_url` is the region's folder, e.g. `/data/ille-et-vilaine`.
    pub fn new(base_url: impl Into<String>) -> Self {
        StaticDataset { base_url: base_url.into().trim_end_matches('/').to_string() }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub async fn dataset(&self) -> Result<Dataset, LoadError> {
        let url = format!("{}/{DATASET_FILE}", self.base_url);
        let fetched = get_text(&url).await?;
        let cached_at = cache_status::cached_at(&fetched.response);
        let dataset: Dataset = parse_json(&fetched.body, &url, "datasetParse")?;
        dataset.check_version().map_err(|detail| LoadError::Version { url, detail })?;
        cache_status::record_dataset(cached_at);
        Ok(dataset)
    }

    pub async fn provenance(&self) -> Result<Provenance, LoadError> {
        let url = format!("{}/{PROVENANCE_FILE}", self.base_url);
        let provenance: Provenance = parse_json(&get_text(&url).await?.body, &url, "provenanceParse")?;
        provenance.check_version().map_err(|detail| LoadError::Version { url, detail })?;
        Ok(provenance)
    }

    /// The network file of the region, checked and decoded.
    pub async fn network(&self, file: &str) -> Result<proxipro_isochrone::Network, LoadError> {
        let url = format!("{}/{file}", self.base_url);
        let bytes = get_bytes(&url).await?.body;
        crate::perf::measure("networkDecode", || proxipro_isochrone::format::decode(&bytes))
            .map_err(|error| LoadError::Malformed { url, detail: error.to_string() })
    }
}

/// Parses the body of `url`; the parse time is recorded as `timing` (see [`crate::perf`]).
fn parse_json<T: DeserializeOwned>(text: &str, url: &str, timing: &str) -> Result<T, LoadError> {
    crate::perf::measure(timing, || serde_json::from_str(text))
        .map_err(|error| LoadError::Malformed { url: url.to_string(), detail: error.to_string() })
}
