//! ProxiPro travel-time engine, pure and I/O-free (runs natively and in wasm32).
//!
//! Stages, in the spirit of conveyal r5:
//! 1. [`network`]: compact model of one service day (stops, trips,
//!    connections sorted by departure, footpaths, street graph);
//! 2. [`transit`]: Connection Scan queries (earliest arrival, arrive-by,
//!    departure-window profile);
//! 3. [`street`]: walking and cycling Dijkstra on the street graph;
//! 4. [`grid`] and [`contour`]: travel times on a regular grid, then
//!    isochrone polygons by marching squares, as GeoJSON;
//! 5. [`format`]: versioned, checksummed binary encoding of a network.
//!
//! Default speeds: walking 4.5 km/h (1.25 m/s), cycling 15 km/h (4.17 m/s).

pub mod contour;
mod engine;
pub mod format;
pub mod geo;
pub mod grid;
pub mod network;
pub mod reference;
pub mod spatial;
pub mod street;
pub mod transit;

pub use engine::{Engine, EngineParams};
pub use geo::LatLon;
pub use network::{Network, NetworkParts};
