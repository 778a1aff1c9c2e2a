//! GETs that survive a slow or flaky network: a timeout, then bounded retries with a growing pause.

use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::LoadError;

/// A request without an answer after this long is given up (then tried again).
const TIMEOUT_S: u32 = 8;
/// Tries after the first, for failures that may pass.
const RETRIES: u32 = 2;
const FIRST_PAUSE_MS: i32 = 400;

/// A GET that gives up after [`TIMEOUT_S`] and tries again, with a growing pause,
/// while the failure may pass (no answer, 5xx); other errors are returned at once.
pub async fn get(url: &str) -> Result<Response, LoadError> {
    let mut pause_ms = FIRST_PAUSE_MS;
    let mut attempt = 0;
    loop {
        match get_once(url).await {
            Err(error) if error.is_transient() && attempt < RETRIES => {
                sleep(pause_ms).await;
                pause_ms *= 2;
                attempt += 1;
            }
            result => return result,
        }
    }
}

async fn get_once(url: &str) -> Result<Response, LoadError> {
    let controller = web_sys::AbortController::new().ok();
    let timer = controller.as_ref().and_then(|controller| {
        let controller = controller.clone();
        let abort = Closure::once_into_js(move || controller.abort());
        web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), (TIMEOUT_S * 1000) as i32)
            .ok()
    });
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let sent = Request::get(url).abort_signal(signal.as_ref()).send().await;
    if let (Some(window), Some(timer)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(timer);
    }
    let timed_out = signal.as_ref().is_some_and(web_sys::AbortSignal::aborted);
    let response = sent.map_err(|_| match timed_out {
        true => LoadError::Timeout { url: url.to_string(), seconds: TIMEOUT_S },
        false => LoadError::Network { url: url.to_string() },
    })?;
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_string(), status: response.status() });
    }
    Ok(response)
}

async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
