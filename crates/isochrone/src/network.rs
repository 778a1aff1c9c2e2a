//! The compact network model the engine runs on: stops, routes, trips, the
//! connections of ONE service day, footpaths between stops and a street graph.
//!
//! Service calendars are resolved before this point (by the importer), so a
//! `Network` holds exactly the vehicles running on `service_date`.

mod footpaths;
mod service_date;
mod street_graph;

pub use footpaths::{compute_footpaths, FootpathParams};
pub use service_date::ServiceDate;
pub use street_graph::{EdgeAccess, StreetEdge, StreetGraph};

use crate::geo::LatLon;
use std::fmt;

/// Sentinel for "no stop / no trip / not reached".
pub const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// Identifier in the source data (GTFS `stop_id`, metro station code...).
    pub source_id: String,
    pub name: String,
    pub position: LatLon,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Shown in journey summaries ("C4", "a").
    pub short_name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trip {
    pub route: u32,
}

/// One vehicle hop between two consecutive stops of a trip. Times are
/// seconds since midnight of the service day and may exceed 86 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Connection {
    pub dep_stop: u32,
    pub arr_stop: u32,
    pub dep: u32,
    pub arr: u32,
    pub trip: u32,
}

/// A walk between two nearby stops, used only right after leaving a vehicle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Footpath {
    pub from_stop: u32,
    pub to_stop: u32,
    pub duration_s: u32,
}

/// Everything a network is made of, before validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkParts {
    pub service_date: Option<ServiceDate>,
    pub stops: Vec<Stop>,
    pub routes: Vec<Route>,
    pub trips: Vec<Trip>,
    /// Any order; `Network::from_parts` sorts them.
    pub connections: Vec<Connection>,
    pub footpaths: Vec<Footpath>,
    pub streets: StreetGraph,
}

/// A validated network: every index is in range, connections are sorted by
/// departure, footpaths are grouped by origin stop. The engine relies on
/// these invariants to index without checks failing.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    service_date: Option<ServiceDate>,
    stops: Vec<Stop>,
    routes: Vec<Route>,
    trips: Vec<Trip>,
    connections: Vec<Connection>,
    footpaths: Vec<Footpath>,
    footpath_starts: Vec<u32>,
    streets: StreetGraph,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetworkError {
    TooLarge(&'static str),
    InvalidStopPosition { stop: usize },
    TripRouteOutOfRange { trip: usize, route: u32 },
    ConnectionStopOutOfRange { connection: usize },
    ConnectionTripOutOfRange { connection: usize },
    ConnectionArrivesBeforeDeparture { connection: usize },
    FootpathStopOutOfRange { footpath: usize },
    Streets(street_graph::StreetGraphError),
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge(what) => write!(f, "too many {what} (limit is u32::MAX - 1)"),
            Self::InvalidStopPosition { stop } => write!(f, "stop {stop} has invalid coordinates"),
            Self::TripRouteOutOfRange { trip, route } => {
                write!(f, "trip {trip} refers to missing route {route}")
            }
            Self::ConnectionStopOutOfRange { connection } => {
                write!(f, "connection {connection} refers to a missing stop")
            }
            Self::ConnectionTripOutOfRange { connection } => {
                write!(f, "connection {connection} refers to a missing trip")
            }
            Self::ConnectionArrivesBeforeDeparture { connection } => {
                write!(f, "connection {connection} arrives before it departs")
            }
            Self::FootpathStopOutOfRange { footpath } => {
                write!(f, "footpath {footpath} refers to a missing stop")
            }
            Self::Streets(e) => write!(f, "street graph: {e}"),
        }
    }
}

impl std::error::Error for NetworkError {}

impl From<street_graph::StreetGraphError> for NetworkError {
    fn from(e: street_graph::StreetGraphError) -> Self {
        Self::Streets(e)
    }
}

fn check_len(len: usize, what: &'static str) -> Result<(), NetworkError> {
    if len >= NONE as usize {
        Err(NetworkError::TooLarge(what))
    } else {
        Ok(())
    }
}

impl Network {
    pub fn from_parts(parts: NetworkParts) -> Result<Self, NetworkError> {
        let NetworkParts {
            service_date,
            stops,
            routes,
            trips,
            mut connections,
            mut footpaths,
            streets,
        } = parts;
        check_len(stops.len(), "stops")?;
        check_len(routes.len(), "routes")?;
        check_len(trips.len(), "trips")?;
        check_len(connections.len(), "connections")?;
        check_len(footpaths.len(), "footpaths")?;
        if let Some(stop) = stops.iter().position(|s| !s.position.is_valid()) {
            return Err(NetworkError::InvalidStopPosition { stop });
        }
        for (trip, t) in trips.iter().enumerate() {
            if t.route as usize >= routes.len() {
                return Err(NetworkError::TripRouteOutOfRange {
                    trip,
                    route: t.route,
                });
            }
        }
        for (connection, c) in connections.iter().enumerate() {
            if c.dep_stop as usize >= stops.len() || c.arr_stop as usize >= stops.len() {
                return Err(NetworkError::ConnectionStopOutOfRange { connection });
            }
            if c.trip as usize >= trips.len() {
                return Err(NetworkError::ConnectionTripOutOfRange { connection });
            }
            if c.arr < c.dep {
                return Err(NetworkError::ConnectionArrivesBeforeDeparture { connection });
            }
        }
        for (footpath, fp) in footpaths.iter().enumerate() {
            if fp.from_stop as usize >= stops.len() || fp.to_stop as usize >= stops.len() {
                return Err(NetworkError::FootpathStopOutOfRange { footpath });
            }
        }
        streets.validate()?;
        // Stable: connections of one trip keep their sequence order on ties.
        connections.sort_by_key(|c| (c.dep, c.arr));
        footpaths.retain(|fp| fp.from_stop != fp.to_stop);
        footpaths.sort_by_key(|fp| (fp.from_stop, fp.to_stop));
        footpaths.dedup_by_key(|fp| (fp.from_stop, fp.to_stop));
        let mut footpath_starts = vec![0u32; stops.len() + 1];
        for fp in &footpaths {
            footpath_starts[fp.from_stop as usize + 1] += 1;
        }
        for i in 1..footpath_starts.len() {
            footpath_starts[i] += footpath_starts[i - 1];
        }
        Ok(Self {
            service_date,
            stops,
            routes,
            trips,
            connections,
            footpaths,
            footpath_starts,
            streets,
        })
    }

    pub fn service_date(&self) -> Option<ServiceDate> {
        self.service_date
    }
    pub fn stops(&self) -> &[Stop] {
        &self.stops
    }
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }
    pub fn trips(&self) -> &[Trip] {
        &self.trips
    }
    /// Sorted by departure time, then arrival time.
    pub fn connections(&self) -> &[Connection] {
        &self.connections
    }
    /// All footpaths, grouped by `from_stop`.
    pub fn footpaths(&self) -> &[Footpath] {
        &self.footpaths
    }
    pub fn footpaths_from(&self, stop: u32) -> &[Footpath] {
        let start = self.footpath_starts[stop as usize] as usize;
        let end = self.footpath_starts[stop as usize + 1] as usize;
        &self.footpaths[start..end]
    }
    pub fn streets(&self) -> &StreetGraph {
        &self.streets
    }
    pub fn stop_positions(&self) -> Vec<LatLon> {
        self.stops.iter().map(|s| s.position).collect()
    }
    /// Short name of the route a trip belongs to.
    pub fn trip_route_name(&self, trip: u32) -> &str {
        let route = self.trips[trip as usize].route;
        &self.routes[route as usize].short_name
    }

    /// Index of the first connection departing at or after `time`.
    pub fn first_connection_at_or_after(&self, time: u32) -> usize {
        self.connections.partition_point(|c| c.dep < time)
    }

    pub fn into_parts(self) -> NetworkParts {
        NetworkParts {
            service_date: self.service_date,
            stops: self.stops,
            routes: self.routes,
            trips: self.trips,
            connections: self.connections,
            footpaths: self.footpaths,
            streets: self.streets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(i: u32) -> Stop {
        Stop {
            source_id: i.to_string(),
            name: format!("S{i}"),
            position: LatLon::new(48.1, -1.68 + i as f64 * 0.01),
        }
    }

    #[test]
    fn from_parts_sorts_connections_and_groups_footpaths() {
        let parts = NetworkParts {
            stops: (0..3).map(stop).collect(),
            routes: vec![Route {
                short_name: "C1".into(),
            }],
            trips: vec![Trip { route: 0 }],
            connections: vec![
                Connection {
                    dep_stop: 1,
                    arr_stop: 2,
                    dep: 700,
                    arr: 800,
                    trip: 0,
                },
                Connection {
                    dep_stop: 0,
                    arr_stop: 1,
                    dep: 600,
                    arr: 700,
                    trip: 0,
                },
            ],
            footpaths: vec![
                Footpath {
                    from_stop: 2,
                    to_stop: 0,
                    duration_s: 60,
                },
                Footpath {
                    from_stop: 0,
                    to_stop: 2,
                    duration_s: 60,
                },
                Footpath {
                    from_stop: 0,
                    to_stop: 0,
                    duration_s: 0,
                },
            ],
            ..Default::default()
        };
        let network = Network::from_parts(parts).unwrap();
        assert_eq!(network.connections()[0].dep, 600);
        assert_eq!(network.footpaths_from(0).len(), 1);
        assert_eq!(network.footpaths_from(1).len(), 0);
        assert_eq!(network.footpaths_from(2)[0].to_stop, 0);
        assert_eq!(network.first_connection_at_or_after(650), 1);
        assert_eq!(network.trip_route_name(0), "C1");
    }

    #[test]
    fn from_parts_rejects_dangling_indices() {
        let parts = NetworkParts {
            stops: vec![stop(0)],
            routes: vec![Route {
                short_name: "C1".into(),
            }],
            trips: vec![Trip { route: 0 }],
            connections: vec![Connection {
                dep_stop: 0,
                arr_stop: 5,
                dep: 1,
                arr: 2,
                trip: 0,
            }],
            ..Default::default()
        };
        assert_eq!(
            Network::from_parts(parts),
            Err(NetworkError::ConnectionStopOutOfRange { connection: 0 })
        );
    }
}
