//! On the full real Rennes data (read-only, shared with the project):
//! GTFS + metro a + streets, then the Connection Scan checked against the
//! time-expanded Dijkstra oracle from several origins.

use proxipro_isochrone::format::{decode, encode};
use proxipro_isochrone::network::{NetworkParts, StreetGraph, NONE};
use proxipro_isochrone::reference::time_expanded_earliest_arrival;
use proxipro_isochrone::street::StreetMode;
use proxipro_isochrone::transit::{earliest_arrival_at_stops, TransitQuery};
use proxipro_isochrone::{Engine, Network};
use proxipro_transit_import::{default_rennes_date, import_rennes};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

fn raw_transport_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/raw/transport")
}

fn rennes() -> &'static (Network, proxipro_transit_import::ImportReport) {
    static RENNES: OnceLock<(Network, proxipro_transit_import::ImportReport)> = OnceLock::new();
    RENNES.get_or_init(
        || match import_rennes(&raw_transport_dir(), default_rennes_date()) {
            Ok(imported) => imported,
            Err(e) => panic!("importing the real Rennes data failed: {e}"),
        },
    )
}

fn stop_named(network: &Network, name: &str) -> u32 {
    network
        .stops()
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| panic!("no stop named {name}")) as u32
}

#[test]
fn imports_one_tuesday_of_buses_metro_and_streets() {
    let (network, report) = rennes();
    eprintln!("{report:#?}");
    assert_eq!(report.service_date_label_fr, "mardi 15 novembre 2011");
    assert_eq!(
        network.service_date().map(|d| d.to_string()).as_deref(),
        Some("2011-11-15")
    );
    assert_eq!(report.gtfs.stops, 1_350);
    assert_eq!(report.metro.stations, 15);
    assert!(report.gtfs.trips_on_date > 2_000, "{:?}", report.gtfs);
    assert!(
        report.gtfs.trips_from_previous_day > 0,
        "night buses after midnight"
    );
    // 05:15–24:00 every 200 s both ways, plus the 00:00–00:20 tail twice.
    assert_eq!(report.metro.trips, 2 * (338 + 2 * 6));
    assert!(
        report.streets.nodes > 5_000 && report.streets.edges > 5_000,
        "{:?}",
        report.streets
    );
    assert!(network.routes().iter().any(|r| r.short_name == "a"));
    // Every trip's hops follow each other in time.
    let mut by_trip: HashMap<u32, Vec<_>> = HashMap::new();
    for c in network.connections() {
        by_trip.entry(c.trip).or_default().push(*c);
    }
    for hops in by_trip.values() {
        for pair in hops.windows(2) {
            assert!(pair[1].dep >= pair[0].arr, "{pair:?}");
        }
    }
}

#[test]
fn connection_scan_matches_oracle_on_real_network() {
    let (network, _) = rennes();
    // A two-hour slice keeps the time-expanded graph small.
    let (from, to) = (7 * 3600 + 30 * 60, 9 * 3600 + 30 * 60);
    let parts = network.clone().into_parts();
    let slice = Network::from_parts(NetworkParts {
        connections: parts
            .connections
            .into_iter()
            .filter(|c| c.dep >= from && c.dep <= to)
            .collect(),
        streets: StreetGraph::default(),
        ..parts
    })
    .expect("a slice of a valid network is valid");
    let engine = Engine::new(slice.clone());
    let origins = [
        "République",
        "Villejean-Université",
        "Longs Champs",
        "Gares",
        "Henri Fréville",
    ];
    for (k, name) in origins.iter().enumerate() {
        let origin = slice.stops()[stop_named(&slice, name) as usize].position;
        let access: Vec<(u32, u32)> = slice
            .stops()
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let walk = engine
                    .params()
                    .estimate_s(origin, s.position, StreetMode::Walk);
                (walk <= 600).then_some((i as u32, walk))
            })
            .collect();
        let departure = from + 600 * k as u32;
        let fast = earliest_arrival_at_stops(&slice, &access, departure, NONE - 1);
        let oracle = time_expanded_earliest_arrival(&slice, &access, departure);
        let reached = fast.iter().filter(|&&t| t != NONE).count();
        assert!(reached > 500, "from {name}: only {reached} stops reached");
        for (stop, (a, b)) in fast.iter().zip(&oracle).enumerate() {
            assert_eq!(
                a,
                b,
                "from {name} at {departure}: stop {} ({})",
                stop,
                slice.stops()[stop].name
            );
        }
    }
}

#[test]
fn metro_trip_and_file_round_trip() {
    let (network, _) = rennes();
    let engine = Engine::new(network.clone());
    let origin = network.stops()[stop_named(network, "République") as usize].position;
    let target = network.stops()[stop_named(network, "Villejean-Université") as usize].position;
    let targets = engine.targets(vec![target]);
    let result = engine.transit_travel_times(
        &TransitQuery {
            origin,
            departure_s: 8 * 3600,
            max_travel_s: 3_600,
        },
        &targets,
    );
    let travel = result.targets()[0]
        .travel_s
        .expect("Villejean is reachable from République");
    let summary = result.journey_summary(&engine, 0).expect("a journey");
    eprintln!("République → Villejean-Université: {travel} s, {summary:?}");
    // 4 hops of 75 s plus at most a 200 s wait and short walks.
    assert!(travel <= 15 * 60, "{travel}");

    let bytes = encode(network);
    let decoded = decode(&bytes).expect("the real network decodes");
    assert_eq!(decoded.connections(), network.connections());
    assert_eq!(decoded.stops().len(), network.stops().len());
    eprintln!("network.bin: {} bytes", bytes.len());
}
