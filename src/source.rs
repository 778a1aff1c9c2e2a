//! The one way data comes into the app. Screens ask [`AppData`] (a context);
//! only [`DataSource`] knows where the bytes come from.

pub(crate) mod http;
mod cache_status;
mod futur_pro;
mod load_error;
mod static_dataset;

use std::sync::Arc;

use leptos::prelude::*;
use proxipro_explore::filters::Catalog;
use proxipro_isochrone::{Engine, Network};
use proxipro_model::{Dataset, Provenance};

use crate::journey::Routing;

pub use cache_status::{dataset_cached_at, CACHE_DATE_HEADER};
pub use futur_pro::FuturProApi;
pub use load_error::LoadError;
pub use static_dataset::StaticDataset;

/// Where formations come from. The static dataset shipped with the app is the default.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    Static(StaticDataset),
    /// A Futur Pro API (`?api=`), with the region's static files for places and transport.
    FuturPro(FuturProApi),
}

/// A dataset as loaded, with what the user should know about it (a short list, missing details).
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetLoad {
    pub dataset: Dataset,
    pub notices: Vec<String>,
    /// Every formation of the source came (some may lack their details). When not, an offer
    /// missing here may still exist: screens say it did not come, not that it is gone.
    pub complete: bool,
}

impl DataSource {
    pub async fn dataset(&self) -> Result<DatasetLoad, LoadError> {
        match self {
            DataSource::Static(source) => Ok(DatasetLoad { dataset: source.dataset().await?, notices: Vec::new(), complete: true }),
            DataSource::FuturPro(api) => api.dataset().await,
        }
    }

    pub async fn provenance(&self) -> Result<Provenance, LoadError> {
        match self {
            DataSource::Static(source) => source.provenance().await,
            DataSource::FuturPro(api) => api.provenance().await,
        }
    }

    pub async fn network(&self, file: &str) -> Result<Network, LoadError> {
        match self {
            DataSource::Static(source) => source.network(file).await,
            DataSource::FuturPro(api) => api.region().network(file).await,
        }
    }

    /// For the sources page: where this session's data comes from.
    pub fn describe(&self) -> String {
        match self {
            DataSource::Static(source) => {
                format!("jeu de données statique livré avec l'application ({})", source.base_url())
            }
            DataSource::FuturPro(api) => format!(
                "API Futur Pro à l'adresse {} pour les formations ; lieux de départ et transports du jeu de données statique ({})",
                api.base_url(),
                api.region().base_url()
            ),
        }
    }
}

/// A source of the transport network (timetables, metro, streets): the builder names them so.
pub fn is_network_source(id: &str) -> bool {
    ["gtfs", "metro", "osm"].iter().any(|prefix| id.starts_with(prefix))
}

/// A loaded dataset with what filtering needs, built once per load.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Arc<Dataset>,
    pub catalog: Arc<Catalog>,
    /// What the user should know about this load, in French (see [`DatasetLoad`]).
    pub notices: Arc<Vec<String>>,
    /// See [`DatasetLoad::complete`].
    pub complete: bool,
}

/// Two loads are the same when they are the same allocation: comparing datasets field by field would be slow.
impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.dataset, &other.dataset)
    }
}

/// Futures waiting until it opens (once).
#[derive(Default)]
struct Gate(Vec<futures::channel::oneshot::Sender<()>>);

impl Gate {
    fn subscribe(&mut self) -> impl std::future::Future<Output = ()> {
        let (open, opened) = futures::channel::oneshot::channel();
        self.0.push(open);
        async move {
            // A dropped gate (the app torn down) also ends the wait.
            let _ = opened.await;
        }
    }

    fn open(&mut self) {
        for open in self.0.drain(..) {
            let _ = open.send(());
        }
    }
}

fn want(wanted: RwSignal<bool>, gate: StoredValue<Gate>) {
    if wanted.try_get_untracked() == Some(false) {
        wanted.set(true);
        gate.try_update_value(Gate::open);
    }
}

/// Shared, reloadable data for every screen.
#[derive(Clone, Copy)]
pub struct AppData {
    pub source: StoredValue<DataSource>,
    /// Once a load has succeeded this stays `Ok`: a failed reload keeps the
    /// previous formations on screen and sets [`AppData::reload_error`] instead.
    pub dataset: LocalResource<Result<Loaded, LoadError>>,
    /// Why the last reload failed, while the previous formations stay shown.
    pub reload_error: RwSignal<Option<LoadError>>,
    /// A reload asked by the user is under way.
    pub reloading: RwSignal<bool>,
    /// Fetched only when a screen reads it (the sources page).
    pub provenance: LocalResource<Result<Arc<Provenance>, LoadError>>,
    /// The transport network, fetched after the dataset once wanted: `None` until known,
    /// `Ok(None)` when the region of the formations has none.
    pub routing: Memo<Option<Result<Option<Arc<Routing>>, LoadError>>>,
    /// The network's engine, built once per network file (`None` when the region has none).
    engine_load: LocalResource<Result<Option<FileEngine>, LoadError>>,
    /// A failed load is being asked again.
    routing_retrying: RwSignal<bool>,
    /// The network is large (about 450 KB compressed for a département): it is fetched once a
    /// starting point is chosen, or 3 s after the formations are shown, so that on a slow phone
    /// it does not compete with the first screen (tiles and list).
    pub routing_wanted: RwSignal<bool>,
    /// Where a routing load waits until the network is wanted.
    routing_gate: StoredValue<Gate>,
}

/// A network's file name and its engine.
type FileEngine = (String, Arc<Engine>);

/// After the formations are shown, the network is fetched anyway: the first journey is then
/// immediate, and it is kept for offline use.
const ROUTING_PREFETCH_DELAY: std::time::Duration = std::time::Duration::from_secs(3);

impl AppData {
    pub fn load(source: DataSource) -> Self {
        let source = StoredValue::new(source);
        let last_good: StoredValue<Option<Loaded>> = StoredValue::new(None);
        let reload_error = RwSignal::new(None);
        let reloading = RwSignal::new(false);
        let routing_wanted = RwSignal::new(false);
        let routing_retrying = RwSignal::new(false);
        let routing_gate = StoredValue::new(Gate::default());
        let dataset = LocalResource::new(move || {
            let source = source.get_value();
            async move {
                let result = match source.dataset().await {
                    Ok(DatasetLoad { dataset, notices, complete }) => {
                        let dataset = Arc::new(dataset);
                        let catalog = Arc::new(crate::perf::measure("catalogBuild", || Catalog::new(&dataset)));
                        let loaded = Loaded { dataset, catalog, notices: Arc::new(notices), complete };
                        last_good.set_value(Some(loaded.clone()));
                        reload_error.set(None);
                        set_timeout(move || want(routing_wanted, routing_gate), ROUTING_PREFETCH_DELAY);
                        Ok(loaded)
                    }
                    Err(error) => match last_good.get_value() {
                        Some(previous) => {
                            reload_error.set(Some(error));
                            Ok(previous)
                        }
                        None => Err(error),
                    },
                };
                reloading.set(false);
                result
            }
        });
        let provenance = LocalResource::new(move || {
            let source = source.get_value();
            async move { source.provenance().await.map(Arc::new) }
        });
        // The same formations (a failed reload keeps the previous ones) must not rebuild the routing.
        let loaded_now = Memo::new(move |_| dataset.get().and_then(Result::ok));
        // The network file the formations name (`None` until they are in, `Some(None)` when their
        // region has none): a reload naming the same file keeps its engine.
        let network_info = Memo::new(move |_| loaded_now.with(|l| l.as_ref().map(|l| l.dataset.network.clone())));
        let engine_load = LocalResource::new(move || {
            let source = source.get_value();
            let info = network_info.get();
            // Untracked: the resource waits inside its future (below) rather than running again.
            let wait = info.is_some() && !routing_wanted.get_untracked();
            let gate = wait.then(|| routing_gate.try_update_value(|gate| gate.subscribe())).flatten();
            async move {
                if let Some(gate) = gate {
                    gate.await;
                }
                let result = async {
                    let Some(Some(info)) = info else { return Ok(None) };
                    let network = source.network(&info.file).await?;
                    let engine = crate::perf::measure("engineBuild", || Engine::new(network));
                    Ok(Some((info.file, Arc::new(engine))))
                }
                .await;
                // A set wakes the readers even when the value stays: the routing would be rebuilt.
                if routing_retrying.get_untracked() {
                    routing_retrying.set(false);
                }
                result
            }
        });
        // The engine with the schools of the formations on screen. A resource keeps its last
        // answer while it loads again, so what it holds is checked against the formations: an
        // answer from before they came, or for another network, is « not known yet », never
        // « no timetables for this region ». A failure being retried shows as loading again.
        let routing = Memo::new_with_compare(
            move |_| {
                let engine = match engine_load.get()? {
                    Err(_) if routing_retrying.get() => return None,
                    Err(error) => return Some(Err(error)),
                    Ok(engine) => engine,
                };
                let loaded = loaded_now.get()?;
                let Some(info) = loaded.dataset.network.clone() else { return Some(Ok(None)) };
                let (_, engine) = engine.filter(|(file, _)| *file == info.file)?;
                let routing = crate::perf::measure("schoolSnap", || Routing::new(engine, info, &loaded.dataset));
                Some(Ok(Some(Arc::new(routing))))
            },
            // Recomputed only when the engine or the formations change: always a new routing.
            |_, _| true,
        );
        AppData { source, dataset, reload_error, reloading, provenance, routing, engine_load, routing_retrying, routing_wanted, routing_gate }
    }

    /// Fetches the transport network now if it was not already on its way.
    pub fn want_routing(&self) {
        want(self.routing_wanted, self.routing_gate);
    }

    /// Fetches the transport network again after a failure.
    pub fn retry_routing(&self) {
        self.routing_retrying.set(true);
        self.engine_load.refetch();
    }

    /// Asks the source again; what is shown stays until the new answer is in.
    pub fn reload(&self) {
        self.reloading.set(true);
        self.dataset.refetch();
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
