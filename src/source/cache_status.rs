//! Whether the data on screen is the offline copy kept by the service worker (`public/sw.js`), and
//! from when. The worker answers from its cache only when the network cannot, and marks those
//! answers with [`CACHE_DATE_HEADER`]: the ISO date at which the copy was stored.

use gloo_net::http::Response;
use leptos::prelude::*;

/// Set by the service worker on responses it serves from its cache.
pub const CACHE_DATE_HEADER: &str = "X-ProxiPro-Cache-Date";

thread_local! {
    // Reference-counted rather than arena-owned: it lives as long as the page, whichever screen reads it first.
    static DATASET_CACHED_AT: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
}

/// When the service worker stored this response, if it came from its cache.
pub(super) fn cached_at(response: &Response) -> Option<String> {
    response.headers().get(CACHE_DATE_HEADER).filter(|date| !date.is_empty())
}

/// Notes where the formations on screen came from; called once a (re)load has succeeded, so
/// that a failed one leaves the note of the formations still shown.
pub(super) fn record_dataset(stored: Option<String>) {
    DATASET_CACHED_AT.with(|signal| signal.set(stored));
}

/// When the dataset on screen was stored for offline use (ISO 8601), `None` when it came from the
/// network. Reactive: read it inside a view or effect to follow reloads.
pub fn dataset_cached_at() -> Option<String> {
    DATASET_CACHED_AT.with(|signal| signal.get())
}
