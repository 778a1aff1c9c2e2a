//! Choosing what to see: where from (address, collège, map, position), how and how long,
//! and filters with live counts.

pub mod filter_panel;
pub mod journey_panel;
pub mod origin_picker;
