//! The sources page lists every source of the dataset with its licence and year.

use proxipro_e2e::{dist_dir, open_app, provenance, Viewport};

#[tokio::test]
async fn the_sources_page_lists_the_provenance_file() {
    let (_server, browser) = open_app(Viewport::Desktop, "/a-propos?tiles=/__test__/tile.png").await;

    let provenance = provenance();
    let items = browser.wait_for_count(".source-item", provenance.sources.len()).await;
    for (item, source) in items.iter().zip(&provenance.sources) {
        let text = item.text().await.expect("source text");
        for expected in [&source.title, &source.licence, &source.year, &source.file] {
            assert!(text.contains(expected.as_str()), "`{expected}` missing from:\n{text}");
        }
    }
    assert_eq!(browser.text("h1").await, "Sources et à propos");
    // How the trips are counted, with the engine's own speeds and limits.
    let page = browser.text("article.about").await;
    for expected in ["Temps de trajet", "À pied à 4,5 km/h, à vélo à 15 km/h", "à moins de 300 m", "multipliée par 1,3", "au plus 20 minutes de marche", "le départ le plus tardif, essayé de minute en minute"] {
        assert!(page.contains(expected), "`{expected}` missing from the page:\n{page}");
    }
    browser.screenshot("about-desktop-1280x800").await;
    browser.script("[...document.querySelectorAll('article.about h2')].find(h => h.textContent === 'Temps de trajet').scrollIntoView()").await;
    browser.screenshot("about-travel-times").await;

    // The header link returns to the map and keeps the page's settings.
    browser.click(".site-header nav a[href^=\"/?\"]").await;
    browser.wait_for(".school-marker").await;
    let url = browser.client.current_url().await.expect("current url");
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(pairs, [("tiles".to_string(), "/__test__/tile.png".to_string())]);
    browser.close().await;
}

#[test]
fn the_built_page_carries_a_strict_csp_with_the_loader_hash() {
    let html = std::fs::read_to_string(dist_dir().join("index.html")).expect("dist/index.html");
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta tag");
    assert!(!csp.contains("TRUNK_INLINE_SCRIPT_HASHES"), "the post-build hook filled in the hashes: {csp}");
    assert!(csp.contains("'sha256-"), "inline loader allowed by hash: {csp}");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "no unsafe-inline scripts: {csp}");
}
