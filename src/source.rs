//! The one way data comes into the app. Screens ask [`AppData`] (a context);
//! only [`DataSource`] knows where the bytes come from.

mod cache_status;
mod load_error;
mod static_dataset;

use std::sync::Arc;

use leptos::prelude::*;
use proxipro_explore::filters::Catalog;
use proxipro_isochrone::{Engine, Network};
use proxipro_model::{Dataset, Provenance};

use crate::journey::Routing;

pub use cache_status::{dataset_cached_at, CACHE_DATE_HEADER};
pub use load_error::LoadError;
pub use static_dataset::StaticDataset;

/// Where formations come from. The static dataset shipped with the app is the default.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    Static(StaticDataset),
}

impl DataSource {
    pub fn static_dataset(base_url: impl Into<String>) -> Self {
        DataSource::Static(StaticDataset::new(base_url))
    }

    pub async fn dataset(&self) -> Result<Dataset, LoadError> {
        match self {
            DataSource::Static(source) => source.dataset().await,
        }
    }

    pub async fn provenance(&self) -> Result<Provenance, LoadError> {
        match self {
            DataSource::Static(source) => source.provenance().await,
        }
    }

    pub async fn network(&self, file: &str) -> Result<Network, LoadError> {
        match self {
            DataSource::Static(source) => source.network(file).await,
        }
    }

    /// For the sources page: where this session's data comes from.
    pub fn describe(&self) -> String {
        match self {
            DataSource::Static(source) => {
                format!("jeu de données statique livré avec l'application ({})", source.base_url())
            }
        }
    }
}

/// A loaded dataset with what filtering needs, built once per load.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Arc<Dataset>,
    pub catalog: Arc<Catalog>,
}

/// Two loads are the same when they are the same allocation: comparing datasets field by field would be slow.
impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.dataset, &other.dataset)
    }
}

/// Shared, reloadable data for every screen.
#[derive(Clone, Copy)]
pub struct AppData {
    pub source: StoredValue<DataSource>,
    pub dataset: LocalResource<Result<Loaded, LoadError>>,
    /// Fetched only when a screen reads it (the sources page).
    pub provenance: LocalResource<Result<Arc<Provenance>, LoadError>>,
    /// The transport network, fetched after the dataset; `Ok(None)` when the region has none.
    pub routing: LocalResource<Result<Option<Arc<Routing>>, LoadError>>,
}

impl AppData {
    pub fn load(source: DataSource) -> Self {
        let source = StoredValue::new(source);
        let dataset = LocalResource::new(move || {
            let source = source.get_value();
            async move {
                let dataset = Arc::new(source.dataset().await?);
                let catalog = Arc::new(crate::perf::measure("catalogBuild", || Catalog::new(&dataset)));
                Ok(Loaded { dataset, catalog })
            }
        });
        let provenance = LocalResource::new(move || {
            let source = source.get_value();
            async move { source.provenance().await.map(Arc::new) }
        });
        let routing = LocalResource::new(move || {
            let source = source.get_value();
            let loaded = dataset.get().and_then(Result::ok);
            async move {
                let Some(loaded) = loaded else { return Ok(None) };
                let Some(info) = loaded.dataset.network.clone() else { return Ok(None) };
                let network = source.network(&info.file).await?;
                let routing = crate::perf::measure("engineBuild", || Routing::new(Engine::new(network), info, &loaded.dataset));
                Ok(Some(Arc::new(routing)))
            }
        });
        AppData { source, dataset, provenance, routing }
    }

    /// The routing engine once loaded.
    pub fn routing(&self) -> Option<Arc<Routing>> {
        self.routing.get().and_then(Result::ok).flatten()
    }

    /// The dataset once loaded, `None` while loading or after a failure.
    pub fn loaded(&self) -> Option<Loaded> {
        self.dataset.get().and_then(Result::ok)
    }
}
