//! Browser benchmark: opens the release build in headless Chromium several
//! times and prints the timings the app records (`window.proxiproTimings`).
//! Figures to read, not to assert: `make bench` runs it after a release build.

use proxipro_e2e::{dist_dir, repo_root, scale, Browser, ServerOptions, StaticServer, Viewport};
use serde_json::json;

const RUNS: usize = 7;

#[tokio::main]
async fn main() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let mut parse = Vec::new();
    let mut first_list = Vec::new();
    for _ in 0..RUNS {
        let browser = Browser::launch(Viewport::Desktop).await;
        browser.open(&server.url("/?tiles=/__test__/tile.png")).await;
        browser.wait_for(".offer-item").await;
        let timings = browser
            .script("return {parse: window.proxiproTimings.datasetParse, shown: performance.now()}")
            .await;
        parse.push(timings["parse"].as_f64().unwrap_or(f64::NAN));
        first_list.push(timings["shown"].as_f64().unwrap_or(f64::NAN));
        browser.close().await;
    }
    // Journeys from République: one page per mode, timings of the last computation.
    // Arriving by 8:00 is one latest-departure search over 90 minutes, trips told as it goes.
    let mut journeys: Vec<(&str, &str, Vec<f64>, Vec<f64>)> = [
        ("pied", "mode=pied&arrivee=0&heure=07:30"),
        ("velo", "mode=velo&arrivee=0&heure=07:30"),
        ("tc", "mode=tc&arrivee=0&heure=07:30"),
        ("tc arriving by 8:00", "mode=tc&arrivee=1&heure=08:00"),
    ]
    .map(|(label, query)| (label, query, Vec::new(), Vec::new()))
    .into();
    let (mut arrive_by_slider, mut arrive_by_slider_dom, mut arrive_by_recomputed) = (Vec::new(), Vec::new(), false);
    let mut decode = Vec::new();
    let mut engine = Vec::new();
    let mut snap = Vec::new();
    let mut filter = Vec::new();
    for _ in 0..3 {
        for (_, query, times, bands) in journeys.iter_mut() {
            let browser = Browser::launch(Viewport::Desktop).await;
            let url = format!("/?tiles=/__test__/tile.png&depart=48.11010,-1.67960&budget=45&{query}");
            browser.open(&server.url(&url)).await;
            browser.wait_for("path.isochrone").await;
            let t = browser.script("return window.proxiproTimings").await;
            times.push(t["journey"].as_f64().unwrap_or(f64::NAN));
            bands.push(t["bands"].as_f64().unwrap_or(f64::NAN));
            if query.contains("arrivee=1") {
                // The slider, arriving by 8:00: contours on the grid of latest departures, the
                // school times kept (they hold each school's latest departure, whatever the budget).
                browser.script("delete window.proxiproTimings.journey; delete window.proxiproTimings.bandsContours").await;
                arrive_by_slider_dom.push(dom_update(&browser, &slide(35)).await);
                let recomputed = browser.script("return window.proxiproTimings.journey !== undefined").await.as_bool().unwrap_or(true);
                arrive_by_recomputed |= recomputed;
                arrive_by_slider.push(browser.script("return window.proxiproTimings.bandsContours").await.as_f64().unwrap_or(f64::NAN));
            }
            decode.push(t["networkDecode"].as_f64().unwrap_or(f64::NAN));
            engine.push(t["engineBuild"].as_f64().unwrap_or(f64::NAN));
            snap.push(t["schoolSnap"].as_f64().unwrap_or(f64::NAN));
            filter.push(t["filter"].as_f64().unwrap_or(f64::NAN));
            browser.close().await;
        }
    }
    let dataset = std::fs::metadata(dist_dir().join("data/ille-et-vilaine/dataset.json")).map_or(0, |m| m.len());
    println!("Chromium, release build, {RUNS} page loads (min / median / max, ms)");
    report("dataset.json parse (serde_json, wasm)", &mut parse);
    report("page open → offer list shown (incl. parse)", &mut first_list);
    report("network.bin decode (wasm)", &mut decode);
    report("engine build (wasm)", &mut engine);
    report("schools snapped to the streets (wasm)", &mut snap);
    for (label, _, times, _) in journeys.iter_mut() {
        report(&format!("journey {label}, 45 min: times to the schools"), times);
    }
    println!("  journey tc arriving by 8:00, slider 45 → 35 min: times to the schools recomputed: {}", if arrive_by_recomputed { "yes" } else { "no" });
    report("journey tc arriving by 8:00, slider 45 → 35 min: contours (wasm)", &mut arrive_by_slider);
    report("journey tc arriving by 8:00, slider 45 → 35 min: list + map DOM updated", &mut arrive_by_slider_dom);
    for (label, _, _, bands) in journeys.iter_mut() {
        report(&format!("journey {label}, 45 min: grid + 3 polygons"), bands);
    }
    report("filter + facets, 266 offers (wasm)", &mut filter);
    println!("dataset.json: {dataset} bytes raw");

    scale_and_throttling().await;
}

/// Copies of the département (×10 for the scale check, ×20 for 5,000+ offers) and a
/// first load on a throttled phone profile, against the same build served compressed.
async fn scale_and_throttling() {
    let dist = scale::dist_with_scaled_regions(&dist_dir(), &repo_root().join("public/data/ille-et-vilaine"), &[10, 20]);
    // Compressed once, as a production host serves them: brotli where the tool is installed, and gzip.
    let brotli = std::process::Command::new("brotli").arg("--version").output().is_ok_and(|o| o.status.success());
    let compress = if brotli { "gzip -9 -k -f {} + -exec brotli -q 11 -k -f {} +" } else { "gzip -9 -k -f {} +" };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("find . -type f \\( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.bin' -o -name '*.html' \\) -exec {compress}"))
        .current_dir(&dist)
        .status()
        .expect("compress");
    assert!(status.success(), "compress the scaled build");
    let encoding = if brotli { "brotli" } else { "gzip (no brotli tool here)" };
    let server = StaticServer::start(dist, ServerOptions { precompressed: true, ..ServerOptions::default() }).await;

    println!("\nScale: copies of the département (min / median / max, ms; 5 page loads each)");
    for (copies, region) in [(1, "ille-et-vilaine"), (10, "echelle-10"), (20, "echelle-20")] {
        let (mut parse, mut catalog, mut shown, mut filter_dom, mut filter_wasm, mut ahead, mut slider_dom, mut slider_up_dom) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        let (mut up_contours, mut up_draw, mut up_filter) = (vec![], vec![], vec![]);
        for _ in 0..5 {
            let browser = Browser::launch(Viewport::Desktop).await;
            browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&region={region}&depart=48.11010,-1.67960&mode=velo&budget=30"))).await;
            browser.wait_for(".offer-item").await;
            browser.wait_for("path.isochrone").await;
            let t = browser.script("return {t: window.proxiproTimings, now: performance.now(), n: document.querySelector('.list-count').textContent}").await;
            parse.push(t["t"]["datasetParse"].as_f64().unwrap_or(f64::NAN));
            catalog.push(t["t"]["catalogBuild"].as_f64().unwrap_or(f64::NAN));
            shown.push(t["now"].as_f64().unwrap_or(f64::NAN));
            // A filter: the first diploma box (its count is live), checked then the time to the last DOM change.
            let change = dom_update(&browser, "document.querySelector('.filters input[type=checkbox]').click()").await;
            filter_dom.push(change);
            filter_wasm.push(browser.script("return window.proxiproTimings.filter").await.as_f64().unwrap_or(f64::NAN));
            // By now (1.5 s after the polygons) the grid for twice the budget has been computed ahead.
            ahead.push(browser.script("return window.proxiproTimings.bandsAhead").await.as_f64().unwrap_or(f64::NAN));
            // The time budget slider: 30 → 20 minutes (contours on the grid already computed),
            // then 20 → 40 (on the grid computed ahead for 60 minutes).
            slider_dom.push(dom_update(&browser, &slide(20)).await);
            slider_up_dom.push(dom_update(&browser, &slide(40)).await);
            let parts = browser.script("return window.proxiproTimings").await;
            let part = |name: &str| parts[name].as_f64().unwrap_or(f64::NAN);
            up_contours.push(part("bandsContours"));
            up_draw.push(part("bandsDraw"));
            up_filter.push(part("filter"));
            browser.close().await;
        }
        let total = match copies { 1 => 266, n => 266 * n };
        println!("  ×{copies} ({total} offers, {} schools)", 53 * copies);
        report("    dataset.json parse", &mut parse);
        report("    catalog build (facets index)", &mut catalog);
        report("    page open → list and isochrone shown", &mut shown);
        report("    filter click → list + map DOM updated", &mut filter_dom);
        report("    filter + facets in wasm", &mut filter_wasm);
        report("    grid for 2 × budget, ahead in idle time (wasm)", &mut ahead);
        report("    budget slider down → list + map DOM updated", &mut slider_dom);
        report("    budget slider up → list + map DOM updated", &mut slider_up_dom);
        report("      of which contours (wasm)", &mut up_contours);
        report("      of which polygons drawn (Leaflet)", &mut up_draw);
        report("      of which filter + facets (wasm)", &mut up_filter);
    }

    // The default mode, public transport arriving by 8:00, on 5,000+ offers: a grid holds each
    // point's latest departure, so a budget it covers is contours only, like cycling.
    let (mut journey, mut bands, mut ahead, mut down, mut up, mut up_contours, mut up_draw) = (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..5 {
        let browser = Browser::launch(Viewport::Desktop).await;
        browser.open(&server.url("/?tiles=/__test__/tile.png&region=echelle-20&depart=48.11010,-1.67960&mode=tc&arrivee=1&heure=08:00&budget=30")).await;
        browser.wait_for("path.isochrone").await;
        // The grid for 60 minutes, computed ahead once the user pauses.
        browser.wait_until("the grid computed ahead", "window.proxiproTimings.bandsAhead !== undefined").await;
        let t = browser.script("return window.proxiproTimings").await;
        journey.push(t["journey"].as_f64().unwrap_or(f64::NAN));
        bands.push(t["bands"].as_f64().unwrap_or(f64::NAN));
        ahead.push(t["bandsAhead"].as_f64().unwrap_or(f64::NAN));
        down.push(dom_update(&browser, &slide(20)).await);
        up.push(dom_update(&browser, &slide(40)).await);
        let parts = browser.script("return window.proxiproTimings").await;
        up_contours.push(parts["bandsContours"].as_f64().unwrap_or(f64::NAN));
        up_draw.push(parts["bandsDraw"].as_f64().unwrap_or(f64::NAN));
        browser.close().await;
    }
    println!("  ×20, public transport arriving by 8:00 (the default mode), 30 min");
    report("    times to the schools (wasm)", &mut journey);
    report("    grid of latest departures + polygons (wasm)", &mut bands);
    report("    grid for 60 min, ahead in idle time (wasm)", &mut ahead);
    report("    budget slider down → list + map DOM updated", &mut down);
    report("    budget slider up → list + map DOM updated", &mut up);
    report("      of which contours (wasm)", &mut up_contours);
    report("      of which polygons drawn (Leaflet)", &mut up_draw);

    // Lighthouse's mobile profile: 150 ms round trip, 1.6 Mb/s down, 750 kb/s up, CPU 4× slower.
    let (mut fcp, mut lcp, mut copy, mut markers, mut list) = (vec![], vec![], vec![], vec![], vec![]);
    // When the last byte of each download arrived: what is left after it is the phone's CPU.
    let mut arrived: Vec<(&str, &str, Vec<f64>)> =
        vec![("wasm", "_bg.wasm", vec![]), ("dataset.json", "dataset.json", vec![]), ("leaflet.js", "leaflet.js", vec![])];
    for _ in 0..5 {
        let browser = Browser::launch(Viewport::Phone).await;
        browser.devtools("Network.enable", json!({})).await;
        browser
            .devtools(
                "Network.emulateNetworkConditions",
                json!({"offline": false, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}),
            )
            .await;
        browser.devtools("Emulation.setCPUThrottlingRate", json!({"rate": 4})).await;
        // The page painted before the app (index.html) comes first, with its copy of the phone's
        // first view (form, filters, list); then the app's own list and the schools on its map.
        // Watched from the document's start, frame by frame (the driver returns only at `load`).
        browser
            .devtools(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": "window.seen = {}; const tick = () => {
                   // The markers are drawn on the map the phone hides behind its « Carte » button.
                   for (const [name, css, visible] of [['copy', '#coquille .coquille-explorateur .offer-item', true],
                                                       ['markers', '.school-marker', false], ['list', '#vue-liste .offer-item', true]]) {
                     const found = document.querySelector(css);
                     if (!seen[name] && found && (!visible || found.getClientRects().length)) seen[name] = performance.now();
                   }
                   if (!(seen.copy && seen.markers && seen.list)) requestAnimationFrame(tick);
                 }; requestAnimationFrame(tick);"}),
            )
            .await;
        browser.open_before_app(&server.url("/?tiles=/__test__/tile.png")).await;
        let shown = browser
            .script_async("const check = () => seen.copy && seen.markers && seen.list ? done(seen) : setTimeout(check, 20); check();")
            .await;
        copy.push(shown["copy"].as_f64().unwrap_or(f64::NAN));
        markers.push(shown["markers"].as_f64().unwrap_or(f64::NAN));
        list.push(shown["list"].as_f64().unwrap_or(f64::NAN));
        let paints = browser
            .script_async(
                "new PerformanceObserver(l => {}).observe({type: 'paint'});
                 let lcp = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; }).observe({type: 'largest-contentful-paint', buffered: true});
                 setTimeout(() => done({fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime, lcp}), 300);",
            )
            .await;
        fcp.push(paints["fcp"].as_f64().unwrap_or(f64::NAN));
        lcp.push(paints["lcp"].as_f64().unwrap_or(f64::NAN));
        let ends = browser
            .script("return Object.fromEntries(performance.getEntriesByType('resource').map(e => [e.name, e.responseEnd]))")
            .await;
        for (_, suffix, times) in arrived.iter_mut() {
            let end = ends.as_object().and_then(|all| all.iter().find(|(name, _)| name.ends_with(*suffix)));
            times.push(end.and_then(|(_, t)| t.as_f64()).unwrap_or(f64::NAN));
        }
        browser.close().await;
    }
    println!("\nFirst load, phone 390×844, throttled (150 ms RTT, 1.6 Mb/s, CPU ×4), {encoding} (ms)");
    report("  first contentful paint (the page before the app)", &mut fcp);
    report("  largest contentful paint", &mut lcp);
    report("  offer list shown, copied in the page before the app", &mut copy);
    report("  school markers on the app's map", &mut markers);
    report("  the app's own offer list (the app has taken over)", &mut list);
    for (name, _, times) in arrived.iter_mut() {
        report(&format!("  last byte of {name} received"), times);
    }
}

/// Moves the time budget slider to `minutes`, as a user's drag ends.
fn slide(minutes: u32) -> String {
    format!("const s = document.querySelector('input[type=range]'); s.value = {minutes}; s.dispatchEvent(new Event('input', {{bubbles: true}})); s.dispatchEvent(new Event('change', {{bubbles: true}}));")
}

/// Runs `action` in the page and returns the milliseconds until the last change to
/// the offer list or the map's markers and shapes (mutations watched for 1.5 s).
async fn dom_update(browser: &Browser, action: &str) -> f64 {
    let script = format!(
        "const targets = [document.querySelector('.offer-list')?.parentElement, document.querySelector('.leaflet-marker-pane'), document.querySelector('.leaflet-overlay-pane')].filter(Boolean);
         let last = 0; const observer = new MutationObserver(() => {{ last = performance.now(); }});
         for (const t of targets) observer.observe(t, {{subtree: true, childList: true, characterData: true, attributes: true}});
         const start = performance.now();
         {action};
         setTimeout(() => {{ observer.disconnect(); done(last ? last - start : -1); }}, 1500);"
    );
    browser.script_async(&script).await.as_f64().unwrap_or(f64::NAN)
}

fn report(name: &str, values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
    let median = values[values.len() / 2];
    println!("  {name:<46} {:>8.1} {:>8.1} {:>8.1}", values[0], median, values[values.len() - 1]);
}
