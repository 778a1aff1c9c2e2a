//! GETs that survive a slow or flaky network: a time limit for the answer, another for each wait
//! while its body arrives (a stall, not a slow link, ends it), then bounded retries with a growing pause.

use std::future::Future;

use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::LoadError;

/// How long a request may take, and how often it is tried again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Until the server's answer starts (status and headers).
    pub answer_s: u32,
    /// Then, while the body arrives, the longest wait for its next bytes: a slow link (the network
    /// file is about 450 KB) goes on as long as bytes come; a connection stalled half-way ends.
    pub stall_s: u32,
    /// Tries after the first, for failures that may pass.
    pub retries: u32,
    pub first_pause_ms: i32,
}

pub(crate) const LIMITS: Limits = Limits { answer_s: 8, stall_s: 20, retries: 2, first_pause_ms: 400 };

/// The whole answer to a GET: its headers (the response) and its body.
pub struct Fetched<T> {
    pub response: Response,
    pub body: T,
}

/// The body of `url` as text.
pub async fn get_text(url: &str) -> Result<Fetched<String>, LoadError> {
    get_text_within(url, LIMITS).await
}

pub(crate) async fn get_text_within(url: &str, limits: Limits) -> Result<Fetched<String>, LoadError> {
    retrying(limits, || async { answer(url, limits).await?.text(limits).await }).await
}

/// The body of `url` as bytes.
pub async fn get_bytes(url: &str) -> Result<Fetched<Vec<u8>>, LoadError> {
    retrying(LIMITS, || async { answer(url, LIMITS).await?.bytes(LIMITS).await }).await
}

/// Runs `attempt` again, with a growing pause, while its failure may pass (no answer, 5xx);
/// other errors are returned at once.
async fn retrying<T, Attempt, Fut>(limits: Limits, attempt: Attempt) -> Result<T, LoadError>
where
    Attempt: Fn() -> Fut,
    Fut: Future<Output = Result<T, LoadError>>,
{
    let mut pause_ms = limits.first_pause_ms;
    let mut tries = 0;
    loop {
        match attempt().await {
            Err(error) if error.is_transient() && tries < limits.retries => {
                sleep(pause_ms).await;
                pause_ms *= 2;
                tries += 1;
            }
            result => return result,
        }
    }
}

/// A response whose status is OK, with the means to abort the reading of its body.
struct Answer {
    response: Response,
    url: String,
    controller: Option<web_sys::AbortController>,
}

async fn answer(url: &str, limits: Limits) -> Result<Answer, LoadError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let deadline = Deadline::start(controller.as_ref(), limits.answer_s);
    let sent = Request::get(url).abort_signal(signal.as_ref()).send().await;
    drop(deadline);
    let response = sent.map_err(|_| match aborted(&controller) {
        true => LoadError::Timeout { url: url.to_string(), seconds: limits.answer_s },
        false => LoadError::Network { url: url.to_string() },
    })?;
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_string(), status: response.status() });
    }
    Ok(Answer { response, url: url.to_string(), controller })
}

impl Answer {
    async fn text(self, limits: Limits) -> Result<Fetched<String>, LoadError> {
        let url = self.url.clone();
        let Fetched { response, body } = self.bytes(limits).await?;
        match String::from_utf8(body) {
            Ok(body) => Ok(Fetched { response, body }),
            Err(_) => Err(LoadError::Malformed { url, detail: "texte non UTF-8".into() }),
        }
    }

    /// Reads the body chunk by chunk, each within `limits.stall_s`.
    async fn bytes(self, limits: Limits) -> Result<Fetched<Vec<u8>>, LoadError> {
        let mut body = Vec::new();
        let Some(stream) = self.response.body() else { return Ok(Fetched { response: self.response, body }) };
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let deadline = Deadline::start(self.controller.as_ref(), limits.stall_s);
            let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await;
            drop(deadline);
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(_) if aborted(&self.controller) => return Err(LoadError::Interrupted { url: self.url, seconds: limits.stall_s }),
                Err(_) => return Err(LoadError::Network { url: self.url }),
            };
            if js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|done| done.as_bool()).unwrap_or(true) {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED);
            let bytes = js_sys::Uint8Array::new(&value);
            let start = body.len();
            body.resize(start + bytes.length() as usize, 0);
            bytes.copy_to(&mut body[start..]);
        }
        Ok(Fetched { response: self.response, body })
    }
}

fn aborted(controller: &Option<web_sys::AbortController>) -> bool {
    controller.as_ref().is_some_and(|controller| controller.signal().aborted())
}

/// Aborts the request after a number of seconds unless dropped first.
struct Deadline(Option<i32>);

impl Deadline {
    fn start(controller: Option<&web_sys::AbortController>, seconds: u32) -> Deadline {
        let timer = controller.and_then(|controller| {
            let controller = controller.clone();
            let abort = Closure::once_into_js(move || controller.abort());
            web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), (seconds * 1000) as i32)
                .ok()
        });
        Deadline(timer)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.0) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const QUICK: Limits = Limits { answer_s: 1, stall_s: 1, retries: 1, first_pause_ms: 10 };

    /// Replaces `window.fetch` with a server that behaves as `kind` says, and counts its requests.
    /// Like a real fetch, an abort rejects the pending answer or errors the body being read.
    fn fake_server(kind: &str) {
        let install = js_sys::Function::new_with_args(
            "kind",
            r#"
            window.realFetch = window.realFetch || window.fetch;
            window.requests = 0;
            window.fetch = (request) => {
                window.requests += 1;
                const signal = request.signal;
                const aborted = () => new DOMException("aborted", "AbortError");
                if (kind === "silent") {
                    return new Promise((_, reject) => signal.addEventListener("abort", () => reject(aborted())));
                }
                if (kind === "missing") return Promise.resolve(new Response("absent", { status: 404 }));
                const body = new ReadableStream({ start(stream) {
                    stream.enqueue(new TextEncoder().encode('{"offers": ['));
                    if (kind === "whole") stream.close();
                    else signal.addEventListener("abort", () => stream.error(aborted()));
                } });
                return Promise.resolve(new Response(body, { status: 200 }));
            };
            "#,
        );
        install.call1(&JsValue::NULL, &JsValue::from_str(kind)).unwrap();
    }

    fn requests() -> f64 {
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"requests".into()).unwrap().as_f64().unwrap()
    }

    fn restore_fetch() {
        js_sys::Function::new_no_args("window.fetch = window.realFetch;").call0(&JsValue::NULL).unwrap();
    }

    #[wasm_bindgen_test]
    async fn every_failure_ends_in_an_error_and_only_passing_ones_are_retried() {
        fake_server("whole");
        let fetched = get_text_within("/data.json", QUICK).await.map(|fetched| fetched.body);
        assert_eq!(fetched.ok().as_deref(), Some(r#"{"offers": ["#));
        assert_eq!(requests(), 1.0);

        // A body that stops half-way used to keep the page loading for ever.
        fake_server("stalled");
        let error = get_text_within("/data.json", QUICK).await.err();
        assert_eq!(error, Some(LoadError::Interrupted { url: "/data.json".into(), seconds: 1 }));
        assert_eq!(requests(), 2.0, "tried again once");

        fake_server("silent");
        let error = get_text_within("/data.json", QUICK).await.err();
        assert_eq!(error, Some(LoadError::Timeout { url: "/data.json".into(), seconds: 1 }));
        assert_eq!(requests(), 2.0);

        fake_server("missing");
        let error = get_text_within("/data.json", QUICK).await.err();
        assert_eq!(error, Some(LoadError::Status { url: "/data.json".into(), status: 404 }));
        assert_eq!(requests(), 1.0, "a 404 will not pass: not tried again");
        restore_fetch();
    }
}
