//! Fuzz harness: `network.bin` → `Network` (crates/isochrone `format::decode`), then, as the
//! app does after loading, `Engine::new` and one query of each kind: a decoded but odd
//! network (every index in range, yet strange) must not panic either.
//! Shared by `fuzz/fuzz_targets/network.rs` and the corpus replay test of crates/isochrone.

use proxipro_isochrone::contour::{isochrones, to_geojson, ContourParams};
use proxipro_isochrone::format::{decode, encode, fnv1a32};
use proxipro_isochrone::grid::{GridSpec, TravelTimeGrid};
use proxipro_isochrone::street::StreetMode;
use proxipro_isochrone::transit::{ArriveByQuery, LatestDepartureQuery, TransitQuery};
use proxipro_isochrone::{Engine, LatLon};

pub fn run(data: &[u8]) {
    check(data);
    // Random bytes almost never carry the right checksum: also decode them with the header's
    // length and checksum fixed, so that mutations reach the sections.
    if data.len() >= 20 {
        let mut fixed = data.to_vec();
        let payload_len = (fixed.len() - 20) as u32;
        let checksum = fnv1a32(&fixed[20..]);
        fixed[12..16].copy_from_slice(&payload_len.to_le_bytes());
        fixed[16..20].copy_from_slice(&checksum.to_le_bytes());
        check(&fixed);
    }
}

fn check(data: &[u8]) {
    let network = match decode(data) {
        Ok(network) => network,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    // Encoding what was decoded gives a file that decodes to the same network.
    let again = decode(&encode(&network)).expect("a decoded network encodes to a valid file");
    assert_eq!(again.stops().len(), network.stops().len());
    assert_eq!(again.connections().len(), network.connections().len());

    // Queries start near the first stop or street node, where something can happen.
    let origin = network
        .stops()
        .first()
        .map(|s| s.position)
        .or_else(|| network.streets().nodes.first().copied())
        .unwrap_or(LatLon::new(48.11, -1.68));
    let mut points: Vec<LatLon> = network.stops().iter().take(8).map(|s| s.position).collect();
    points.extend(network.streets().nodes.iter().rev().take(8).copied());
    points.push(LatLon::new(origin.lat + 0.003, origin.lon - 0.004));
    let first_departure = network.connections().first().map_or(8 * 3600, |c| c.dep);

    let engine = Engine::new(network);
    let targets = engine.targets(points.clone());
    let budget_s = 45 * 60;
    for mode in [StreetMode::Walk, StreetMode::Bike] {
        let times = engine.street_travel_times(origin, mode, &targets, budget_s);
        assert_eq!(times.len(), targets.len());
    }
    let query = TransitQuery { origin, departure_s: first_departure.saturating_sub(60), max_travel_s: budget_s };
    let result = engine.transit_travel_times(&query, &targets);
    for index in 0..targets.len() {
        let _ = result.journey_summary(&engine, index);
    }
    if let Some(&target) = points.last() {
        let arrive = ArriveByQuery { origin, target, arrive_by_s: first_departure.saturating_add(1800), max_travel_s: budget_s };
        let _ = engine.transit_arrive_by(&arrive);
    }
    // Arriving by a time, as the app lists the schools: the latest departure and trip to each.
    let arrive_by_s = first_departure.saturating_add(1800);
    let latest = LatestDepartureQuery::every_minute(origin, arrive_by_s, budget_s);
    for journey in engine.transit_latest_journeys(&latest, &targets).into_iter().flatten() {
        assert!(journey.departure_s <= arrive_by_s);
        assert!(journey.summary.is_some_and(|trip| trip.walk_s <= arrive_by_s - journey.departure_s));
    }
    // A small isochrone grid, as the map draws it.
    let spec = GridSpec::around(origin, 1500.0, 250.0);
    let grid_targets = engine.targets(spec.points());
    let mut grid = TravelTimeGrid::from_transit(spec, &engine.transit_travel_times(&query, &grid_targets));
    grid.fill_gaps(engine.params().walk_speed_mps, engine.params().detour_factor, budget_s);
    let bands = isochrones(&grid, &[15 * 60, 30 * 60], ContourParams::default());
    let _ = to_geojson(&bands);
    // And arriving by a time: each point's latest departure.
    let mut grid = TravelTimeGrid::from_latest_departures(spec, arrive_by_s, &engine.transit_latest_departures(&latest, &grid_targets));
    grid.fill_holes(engine.params().walk_speed_mps, engine.params().detour_factor, budget_s);
    let _ = to_geojson(&isochrones(&grid, &[15 * 60, 30 * 60], ContourParams::default()));
}
