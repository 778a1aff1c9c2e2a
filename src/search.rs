//! Choosing what to see: filters with live counts (and, later, where from).

pub mod filter_panel;
pub mod journey_panel;
pub mod origin_picker;
