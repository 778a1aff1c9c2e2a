//! Timings the benchmarks read: each measured step is stored, in milliseconds,
//! on `window.proxiproTimings` (e.g. `datasetParse`). Nothing is sent anywhere.

use wasm_bindgen::JsValue;

/// Milliseconds since the page started, or 0 where there is no `performance`.
pub fn now() -> f64 {
    web_sys::window().and_then(|window| window.performance()).map_or(0.0, |performance| performance.now())
}

/// Runs `work`, records how long it took under `name`, and returns its result.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let start = now();
    let result = work();
    record(name, now() - start);
    result
}

fn record(name: &str, milliseconds: f64) {
    let Some(window) = web_sys::window() else { return };
    let key = JsValue::from_str("proxiproTimings");
    let timings = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(|value| value.is_object())
        .unwrap_or_else(|| js_sys::Object::new().into());
    // Failing to record a timing must never disturb the app.
    let _ = js_sys::Reflect::set(&timings, &JsValue::from_str(name), &JsValue::from_f64(milliseconds));
    let _ = js_sys::Reflect::set(&window, &key, &timings);
}
