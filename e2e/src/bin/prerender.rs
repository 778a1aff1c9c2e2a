//! Writes the explorer's first screen, copied from the release build, to
//! `public/prerendered/explorer.html` (see `proxipro_e2e::prerender`).
//! Run after a change to that screen or to the dataset, then rebuild:
//! `PROXIPRO_DIST=dist cargo run -p proxipro-e2e --bin prerender`.

use proxipro_e2e::prerender::{explorer_first_screen, fragment_path};
use proxipro_e2e::{dist_dir, Browser, ServerOptions, StaticServer, Viewport};

#[tokio::main]
async fn main() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let copy = explorer_first_screen(&browser, &server).await;
    browser.close().await;
    let path = fragment_path();
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create public/prerendered");
    std::fs::write(&path, &copy).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("{}: {} bytes", path.display(), copy.len());
}
