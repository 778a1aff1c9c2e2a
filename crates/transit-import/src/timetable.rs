//! Stops, routes, trips and connections gathered from several sources
//! before they become one network.

use proxipro_isochrone::network::{Connection, Route, Stop, Trip};
use proxipro_isochrone::LatLon;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct Timetable {
    pub stops: Vec<Stop>,
    pub routes: Vec<Route>,
    pub trips: Vec<Trip>,
    pub connections: Vec<Connection>,
    stop_by_source_id: HashMap<String, u32>,
}

/// One call at a stop: arrival and departure, seconds since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StopCall {
    pub stop: u32,
    pub arrival: u32,
    pub departure: u32,
}

impl Timetable {
    pub fn add_stop(&mut self, source_id: &str, name: &str, position: LatLon) -> u32 {
        if let Some(&existing) = self.stop_by_source_id.get(source_id) {
            return existing;
        }
        let index = self.stops.len() as u32;
        self.stops.push(Stop {
            source_id: source_id.to_string(),
            name: name.to_string(),
            position,
        });
        self.stop_by_source_id.insert(source_id.to_string(), index);
        index
    }

    pub fn stop_by_source_id(&self, source_id: &str) -> Option<u32> {
        self.stop_by_source_id.get(source_id).copied()
    }

    pub fn add_route(&mut self, short_name: &str) -> u32 {
        self.routes.push(Route {
            short_name: short_name.to_string(),
        });
        (self.routes.len() - 1) as u32
    }

    /// Adds a trip through `calls` (in order), one connection per hop.
    /// Returns the number of connections added.
    pub fn add_trip(&mut self, route: u32, calls: &[StopCall]) -> usize {
        let trip = self.trips.len() as u32;
        self.trips.push(Trip { route });
        let before = self.connections.len();
        for pair in calls.windows(2) {
            if pair[0].stop == pair[1].stop {
                continue;
            }
            self.connections.push(Connection {
                dep_stop: pair[0].stop,
                arr_stop: pair[1].stop,
                dep: pair[0].departure,
                arr: pair[1].arrival,
                trip,
            });
        }
        self.connections.len() - before
    }
}
