//! The Leaflet map and what is drawn on it.

mod leaflet_glue;
pub mod school_map;
