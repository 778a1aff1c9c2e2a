//! Harness for ProxiPro's end-to-end tests: our release build served on
//! 127.0.0.1, driven by Debian's Chromium through chromedriver.
//!
//! Tests read like the user's steps: [`Browser::open`] a page, find things,
//! act on them, check what shows; [`Browser::screenshot`] keeps a picture of
//! each state under `target/screenshots/` for review.

mod browser;
pub mod prerender;
pub mod scale;
mod static_server;

use std::path::PathBuf;

pub use browser::{Browser, Viewport};
pub use fantoccini::Locator;
pub use static_server::{Canned, ServerOptions, StaticServer, TEST_GEOCODER, TEST_TILE};

/// Repository root (the e2e crate sits one level below it).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The release build under test: `$PROXIPRO_DIST` or `dist/`.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("PROXIPRO_DIST").map_or_else(|| repo_root().join("dist"), PathBuf::from);
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run `make test` (or `trunk build --release`) first",
        dist.display()
    );
    dist
}

/// The release build served as it is, in a fresh browser opened at `path` (e.g. `/?tiles=…`).
/// Keep the server: dropping it stops it.
pub async fn open_app(viewport: Viewport, path: &str) -> (StaticServer, Browser) {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(viewport).await;
    browser.open(&server.url(path)).await;
    (server, browser)
}

/// The committed dataset of the default region, to compare what the page shows.
pub fn dataset() -> proxipro_model::Dataset {
    let path = repo_root().join("public/data/ille-et-vilaine").join(proxipro_model::DATASET_FILE);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).expect("the committed dataset parses")
}

/// Futur Pro-shaped answers made from real rows of our dataset (`tools/futurpro_fixtures.py`).
pub fn futurpro_fixtures() -> PathBuf {
    repo_root().join("crates/futurpro/tests/fixtures")
}

pub fn provenance() -> proxipro_model::Provenance {
    let path = repo_root().join("public/data/ille-et-vilaine").join(proxipro_model::PROVENANCE_FILE);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).expect("the committed provenance parses")
}
