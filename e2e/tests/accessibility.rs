//! axe-core on every route and the main states, desktop and phone: no violation.

use proxipro_e2e::{dist_dir, repo_root, Browser, ServerOptions, StaticServer, Viewport};

/// Runs axe-core (from npm) in the page and returns its violations, described.
async fn violations(browser: &Browser) -> Vec<String> {
    let axe = std::fs::read_to_string(repo_root().join("node_modules/axe-core/axe.min.js"))
        .expect("axe-core is installed by `npm ci` (tools/setup.sh)");
    browser.script(&format!("{axe}; return true")).await;
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }).then(r => done({ passes: r.passes.length, violations: r.violations.map(v => \
               v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')) })) \
             .catch(e => done({ passes: 0, violations: ['axe failed: ' + e] }));",
            vec![],
        )
        .await
        .expect("axe runs");
    // A run that checked nothing would prove nothing.
    assert!(result["passes"].as_u64().unwrap_or(0) > 10, "axe checked the page: {result}");
    serde_json::from_value(result["violations"].clone()).expect("a list of violations")
}

async fn check(browser: &Browser, server: &StaticServer, path: &str, ready: &str) -> Vec<String> {
    browser.open_before_app(&server.url(path)).await;
    browser.wait_for_on(ready, &format!("on {path}")).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    violations(browser).await.into_iter().map(|v| format!("{path}: {v}")).collect()
}

#[tokio::test]
async fn every_route_has_no_axe_violation() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let pages = [
        ("/?tiles=/__test__/tile.png", ".offer-item"),
        ("/?tiles=/__test__/tile.png&depart=48.11010,-1.67960&mode=tc&budget=30&internat=1&diplome=bacpro", "path.isochrone"),
        ("/?tiles=/__test__/tile.png&ecole=0350005R", ".offer-item"),
        // An offer's card open over the explorer (the phone's bottom sheet, a side panel on a desktop).
        ("/?tiles=/__test__/tile.png&depart=48.11010,-1.67960&mode=velo&budget=20&fiche=0350005R-23820022106-st", "dialog.card-sheet[open] #titre-fiche"),
        ("/formation/0350005R-23820022106-st?tiles=/__test__/tile.png", ".wish-box"),
        ("/selection?tiles=/__test__/tile.png&selection=0350005R-23820022106-st*ambitieux*JPO|0350031U-23810025222-st*securisant", ".wish"),
        ("/comparer?tiles=/__test__/tile.png&offres=0350005R-23820022106-st,0350031U-23810025222-st", ".compare-table"),
        ("/a-propos?tiles=/__test__/tile.png", ".source-item"),
        ("/nulle-part?tiles=/__test__/tile.png", "h1"),
    ];
    let mut found = Vec::new();
    for viewport in [Viewport::Desktop, Viewport::Phone] {
        let browser = Browser::launch(viewport).await;
        for (path, ready) in pages {
            // The app's own page, not the copy of the explorer painted before it.
            found.extend(check(&browser, &server, path, &format!("body:not(:has(#coquille)) {ready}")).await);
        }
        browser.close().await;
    }
    assert!(found.is_empty(), "axe-core violations:\n{}", found.join("\n"));
}

/// What index.html paints before the app: the copy of the explorer's first screen on its home,
/// the generic frame elsewhere (the app's code blocked, so both stay, with their error message).
#[tokio::test]
async fn the_pages_painted_before_the_app_have_no_axe_violation() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let mut found = Vec::new();
    for viewport in [Viewport::Desktop, Viewport::Phone] {
        let browser = Browser::launch(viewport).await;
        browser.devtools("Network.enable", serde_json::json!({})).await;
        browser.devtools("Network.setBlockedURLs", serde_json::json!({"urls": ["*.wasm"]})).await;
        for (path, ready) in [
            ("/?tiles=/__test__/tile.png", "#coquille .coquille-explorateur .load-error"),
            ("/selection?tiles=/__test__/tile.png", "#coquille .coquille-generique .load-error"),
        ] {
            found.extend(check(&browser, &server, path, ready).await);
        }
        browser.close().await;
    }
    assert!(found.is_empty(), "axe-core violations:\n{}", found.join("\n"));
}
