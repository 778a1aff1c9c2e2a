//! Shared state: the view (origin, mode, filters, sort) lives in the page
//! address; the wish list lives in the browser's storage; the journeys follow from the view.

pub mod journeys;
pub mod view;
pub mod wishes;
