//! Browser benchmark: opens the release build in headless Chromium several
//! times and prints the timings the app records (`window.proxiproTimings`).
//! Figures to read, not to assert: `make bench` runs it after a release build.

use proxipro_e2e::{dist_dir, Browser, ServerOptions, StaticServer, Viewport};

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
    let mut journeys: Vec<(&str, Vec<f64>)> = vec![("pied", vec![]), ("velo", vec![]), ("tc", vec![])];
    let mut decode = Vec::new();
    let mut engine = Vec::new();
    let mut filter = Vec::new();
    for _ in 0..3 {
        for (mode, times) in journeys.iter_mut() {
            let browser = Browser::launch(Viewport::Desktop).await;
            let url = format!("/?tiles=/__test__/tile.png&depart=48.11010,-1.67960&mode={mode}&budget=45&arrivee=0&heure=07:30");
            browser.open(&server.url(&url)).await;
            browser.wait_for("path.isochrone").await;
            let t = browser.script("return window.proxiproTimings").await;
            times.push(t["journey"].as_f64().unwrap_or(f64::NAN));
            decode.push(t["networkDecode"].as_f64().unwrap_or(f64::NAN));
            engine.push(t["engineBuild"].as_f64().unwrap_or(f64::NAN));
            filter.push(t["filter"].as_f64().unwrap_or(f64::NAN));
            browser.close().await;
        }
    }
    let dataset = std::fs::metadata(dist_dir().join("data/ille-et-vilaine/dataset.json")).map_or(0, |m| m.len());
    println!("Chromium, release build, {RUNS} page loads (min / median / max, ms)");
    report("dataset.json parse (serde_json, wasm)", &mut parse);
    report("page open → offer list shown (incl. parse)", &mut first_list);
    report("network.bin decode (wasm)", &mut decode);
    report("engine build + school snapping (wasm)", &mut engine);
    for (mode, times) in journeys.iter_mut() {
        report(&format!("journey {mode}, 45 min: times + 3 bands"), times);
    }
    report("filter + facets, 266 offers (wasm)", &mut filter);
    println!("dataset.json: {dataset} bytes raw");
}

fn report(name: &str, values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
    let median = values[values.len() / 2];
    println!("  {name:<46} {:>8.1} {:>8.1} {:>8.1}", values[0], median, values[values.len() - 1]);
}
