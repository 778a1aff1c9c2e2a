//! Settings read once from the page URL, so tests and self-hosters can point
//! the app at other tiles or data without rebuilding it.

use proxipro_explore::url_state::{is_http_or_site_path, is_slug};

use crate::source::{DataSource, FuturProApi, StaticDataset};

/// Plan IGN from the Géoplateforme: French public-service base map, no key needed.
pub const DEFAULT_TILES: &str = "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}";
pub const DEFAULT_TILES_ATTRIBUTION: &str =
    "Fond de carte © <a href=\"https://www.ign.fr/\">IGN</a> – Plan IGN";
pub const DEFAULT_REGION: &str = "ille-et-vilaine";
/// The IGN Géoplateforme address search (`?q=…&limit=…`, GeoJSON answers).
pub const DEFAULT_GEOCODER: &str = "https://data.geopf.fr/geocodage/search";
/// Where the static dataset is served, relative to the app.
pub const DATA_ROOT: &str = "/data";

/// The address's settings, as opposed to its view state: every link between pages keeps them,
/// so that a reload (or a filter click) stays on the same tiles, data source and geocoder.
pub const SETTINGS: [&str; 4] = ["tiles", "geocodeur", "api", "region"];

#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    pub tiles_url: String,
    pub tiles_attribution: String,
    pub region: String,
    pub geocoder_url: String,
    /// A Futur Pro API base URL (`?api=`); `None` reads the static dataset.
    pub api_url: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            tiles_url: DEFAULT_TILES.into(),
            tiles_attribution: DEFAULT_TILES_ATTRIBUTION.into(),
            region: DEFAULT_REGION.into(),
            geocoder_url: DEFAULT_GEOCODER.into(),
            api_url: None,
        }
    }
}

impl AppConfig {
    /// Reads `?tiles=`, `?geocodeur=`, `?api=` and `?region=`; anything unusable keeps the default.
    pub fn from_query(query: &str) -> Self {
        let mut config = AppConfig::default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
            return config;
        };
        if let Some(tiles) = params.get("tiles").filter(|url| is_http_or_site_path(url)) {
            config.tiles_url = tiles;
            config.tiles_attribution = "Fond de carte configuré par l'adresse de la page".into();
        }
        if let Some(geocoder) = params.get("geocodeur").filter(|url| is_http_or_site_path(url)) {
            config.geocoder_url = geocoder;
        }
        if let Some(api) = params.get("api").filter(|url| is_http_or_site_path(url)) {
            config.api_url = Some(api);
        }
        if let Some(region) = params.get("region").filter(|slug| is_slug(slug)) {
            config.region = region;
        }
        config
    }

    pub fn from_current_url() -> Self {
        Self::from_query(&current_query())
    }

    /// Where the wish list is saved: one list per data source, so that opening another
    /// region or the remote API neither shows nor drops the offers of this one.
    pub fn selection_key(&self) -> String {
        match (&self.api_url, self.region.as_str()) {
            (None, DEFAULT_REGION) => "proxipro.selection".into(),
            (None, region) => format!("proxipro.selection.{region}"),
            (Some(_), region) => format!("proxipro.selection.{region}.api"),
        }
    }

    pub fn data_source(&self) -> DataSource {
        let region = StaticDataset::new(format!("{DATA_ROOT}/{}", self.region));
        match &self.api_url {
            Some(api) => DataSource::FuturPro(FuturProApi::new(api, region)),
            None => DataSource::Static(region),
        }
    }
}

/// The page address's query (`?a=b…`), empty where there is no window.
pub fn current_query() -> String {
    web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default()
}

/// `path` with the current query, where each `(key, Some(value))` is set and each `(key, None)` removed.
pub fn link_with(path: &str, changes: &[(&str, Option<&str>)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&current_query()) else {
        return path.to_string();
    };
    for (key, value) in changes {
        match value {
            Some(value) => params.set(key, value),
            None => params.delete(key),
        }
    }
    with_query(path, &params)
}

/// `path?query`, or `path` alone when there is nothing to add.
pub fn with_query(path: &str, params: &web_sys::UrlSearchParams) -> String {
    let query: String = params.to_string().into();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}
