//! Hand-made tiny networks with known answers, one per query kind.

use proxipro_isochrone::contour::{isochrones, to_geojson, ContourParams};
use proxipro_isochrone::grid::{GridSpec, TravelTimeGrid};
use proxipro_isochrone::network::{
    compute_footpaths, Connection, EdgeAccess, FootpathParams, NetworkParts, Route, Stop,
    StreetEdge, StreetGraph, Trip,
};
use proxipro_isochrone::street::{StreetMode, TravelMethod};
use proxipro_isochrone::transit::{
    ArriveByQuery, JourneySummary, LatestDepartureQuery, ProfileQuery, TransitQuery, Via,
};
use proxipro_isochrone::{Engine, LatLon, Network};

const H8: u32 = 8 * 3600;

fn at(dlon: f64) -> LatLon {
    // 0.01° of longitude ≈ 743 m at this latitude.
    LatLon::new(48.1, -1.70 + dlon)
}

/// A(0) —C1→ B(1) —C2→ C(2); E(3) 150 m from B; E —C3→ D(4).
fn network(streets: StreetGraph) -> Network {
    let positions = [at(0.0), at(0.04), at(0.08), at(0.042), at(0.12)];
    let stops: Vec<Stop> = positions
        .iter()
        .enumerate()
        .map(|(i, &position)| Stop {
            source_id: format!("{i}"),
            name: ["A", "B", "C", "E", "D"][i].into(),
            position,
        })
        .collect();
    let footpaths = compute_footpaths(&stops, FootpathParams::default());
    let hop = |dep_stop, arr_stop, dep, arr, trip| Connection {
        dep_stop,
        arr_stop,
        dep,
        arr,
        trip,
    };
    Network::from_parts(NetworkParts {
        stops,
        routes: ["C1", "C2", "C3"]
            .iter()
            .map(|n| Route {
                short_name: n.to_string(),
            })
            .collect(),
        trips: vec![
            Trip { route: 0 },
            Trip { route: 1 },
            Trip { route: 2 },
            Trip { route: 0 },
        ],
        connections: vec![
            hop(0, 1, H8, H8 + 300, 0),
            hop(1, 2, H8 + 600, H8 + 1_200, 1),
            hop(3, 4, H8 + 480, H8 + 1_800, 2),
            hop(0, 1, H8 + 1_800, H8 + 2_100, 3),
        ],
        footpaths,
        streets,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn earliest_arrival_with_transfer_and_summary() {
    let engine = Engine::new(network(StreetGraph::default()));
    let targets = engine.targets(vec![at(0.081), at(0.121), at(0.002)]);
    let result = engine.transit_travel_times(
        &TransitQuery {
            origin: at(0.0),
            departure_s: H8 - 120,
            max_travel_s: 3_600,
        },
        &targets,
    );

    // To C: 2 min wait, C1, wait, C2, then ≈ 74 m × 1.3 at 1.25 m/s = 78 s.
    let to_c = result.targets()[0];
    assert_eq!(to_c.via, Via::Stop(2));
    assert_eq!(to_c.travel_s, Some(120 + 1_200 + 78));
    let summary = result.journey_summary(&engine, 0).unwrap();
    assert_eq!(summary.routes, vec!["C1", "C2"]);
    assert_eq!(summary.transfers, 1);
    assert_eq!(summary.walk_s, 78);

    // To D: C1 then the 149 m footpath B → E (155 s), then C3.
    let footpath_s = engine
        .network()
        .footpaths_from(1)
        .iter()
        .find(|fp| fp.to_stop == 3)
        .unwrap()
        .duration_s;
    assert_eq!(footpath_s, 155);
    let summary = result.journey_summary(&engine, 1).unwrap();
    assert_eq!(summary.routes, vec!["C1", "C3"]);
    assert_eq!(summary.walk_s, footpath_s + 78);
    assert_eq!(result.stop_arrival(3), Some(H8 + 300 + footpath_s));

    // 150 m away: walking beats everything.
    assert_eq!(result.targets()[2].via, Via::DirectWalk);
    assert_eq!(
        result.journey_summary(&engine, 2).unwrap().routes,
        Vec::<String>::new()
    );
}

#[test]
fn budget_bounds_the_search() {
    let engine = Engine::new(network(StreetGraph::default()));
    let targets = engine.targets(vec![at(0.081)]);
    let result = engine.transit_travel_times(
        &TransitQuery {
            origin: at(0.0),
            departure_s: H8,
            max_travel_s: 600,
        },
        &targets,
    );
    assert_eq!(result.targets()[0].travel_s, None);
    assert_eq!(result.stop_arrival(2), None);
    assert_eq!(result.stop_arrival(1), Some(H8 + 300));
}

#[test]
fn arrive_by_returns_the_latest_departure() {
    let engine = Engine::new(network(StreetGraph::default()));
    let query = ArriveByQuery {
        origin: at(0.0),
        target: at(0.081),
        arrive_by_s: H8 + 1_500,
        max_travel_s: 7_200,
    };
    let answer = engine.transit_arrive_by(&query).unwrap();
    assert_eq!(answer.departure_s, H8);
    assert!(!answer.direct_walk);
    // Missing the 8:20 arrival at C by one second: only walking is left.
    let late = engine
        .transit_arrive_by(&ArriveByQuery {
            arrive_by_s: H8 + 1_200 + 77,
            ..query
        })
        .unwrap();
    assert!(late.direct_walk);
}

#[test]
fn profile_reports_best_and_median_over_the_window() {
    let engine = Engine::new(network(StreetGraph::default()));
    let egress = engine.egress_table(&engine.targets(vec![at(0.041)]));
    // Departures 7:50, 7:51, ... 8:10 to near B: C1 at 8:00 (and 8:30), else walking 40 min.
    let query = ProfileQuery::every_minute(at(0.0), H8 - 600, 20, 3_600);
    let profile = engine.transit_profile(&query, &egress)[0];
    assert_eq!(profile.best_departure_s, Some(H8));
    assert_eq!(profile.best_s, Some(300 + 78));
    // 11 of 21 departures catch C1 by waiting, so the median still uses it.
    assert_eq!(profile.median_s, Some(600 + 300 + 78));
}

/// A straight street under A, B and C, and on past C.
fn street_under_stops() -> StreetGraph {
    let nodes: Vec<LatLon> = (0..=20).map(|i| at(i as f64 * 0.005)).collect();
    let edges = (0..20)
        .map(|i| StreetEdge {
            from: i,
            to: i + 1,
            length_m: proxipro_isochrone::geo::haversine_m(nodes[i as usize], nodes[i as usize + 1])
                as f32,
            access: EdgeAccess::new(true, true, false),
        })
        .collect();
    StreetGraph { nodes, edges }
}

#[test]
fn street_access_and_egress_are_used_when_covered() {
    let engine = Engine::new(network(street_under_stops()));
    let targets = engine.targets(vec![at(0.085)]);
    let origin = LatLon::new(48.1009, -1.70);
    let result = engine.transit_travel_times(
        &TransitQuery {
            origin,
            departure_s: H8 - 300,
            max_travel_s: 3_600,
        },
        &targets,
    );
    let target = result.targets()[0];
    assert_eq!(target.via, Via::Stop(2));
    // 100 m snap to the street, then 371.6 m along it from C: 80 s + 298 s (+ rounding).
    let egress = result.journey_summary(&engine, 0).unwrap().walk_s - 80;
    assert!((297..=300).contains(&egress), "{egress}");
    let walk = engine.street_travel_times(origin, StreetMode::Walk, &targets, 10_000)[0].unwrap();
    assert_eq!(walk.method, TravelMethod::StreetNetwork);
}

#[test]
fn transit_grid_becomes_geojson_isochrones() {
    let engine = Engine::new(network(StreetGraph::default()));
    let spec = GridSpec::covering(LatLon::new(48.09, -1.71), LatLon::new(48.11, -1.57), 150.0);
    let targets = engine.targets(spec.points());
    let result = engine.transit_travel_times(
        &TransitQuery {
            origin: at(0.0),
            departure_s: H8 - 60,
            max_travel_s: 3_600,
        },
        &targets,
    );
    let mut grid = TravelTimeGrid::from_transit(spec, &result);
    grid.fill_gaps(1.25, 1.3, 3_600);
    let bands = isochrones(&grid, &[900, 1_800, 2_700, 3_600], ContourParams::default());
    assert!(bands.iter().all(|b| !b.polygons.is_empty()));
    // The 30-minute band reaches C by bus while walking alone covers ≈ 1.7 km.
    let reaches_c = |band: &proxipro_isochrone::contour::IsochroneBand| {
        band.polygons
            .iter()
            .flatten()
            .flatten()
            .any(|p| p.lon > at(0.075).lon)
    };
    assert!(!reaches_c(&bands[0]));
    assert!(reaches_c(&bands[1]));
    let json = to_geojson(&bands);
    assert_eq!(json.matches(r#""type":"Feature""#).count(), 4);
}

#[test]
fn latest_departure_takes_the_earlier_bus_when_the_later_one_is_too_late() {
    let engine = Engine::new(network(street_under_stops()));
    // 100 m off the street above A (80 s to A); the target 520 m along the street past B.
    let origin = LatLon::new(48.1009, -1.70);
    let targets = engine.targets(vec![at(0.047), at(0.5)]);
    let deadline = H8 + 2_400;
    let query = LatestDepartureQuery::every_minute(origin, deadline, 3_600);
    let journeys = engine.transit_latest_journeys(&query, &targets);
    // Leaving after 7:58:40, C1 at 8:30 reaches B at 8:35, and the walk on ends after 8:40: B's
    // arrival improves to 8:05 (C1 at 8:00) only for earlier departures, whole minutes back from 8:40.
    let journey = journeys[0].as_ref().expect("reached by 8:40");
    assert_eq!(journey.departure_s, H8 - 120);
    let summary = journey.summary.clone().expect("told");
    assert_eq!(summary.routes, vec!["C1".to_string()]);
    // The trip a forward query leaving then finds: 80 s to A, C1 to B, then the walk on.
    let leaving = engine.transit_travel_times(
        &TransitQuery { origin, departure_s: H8 - 120, max_travel_s: deadline - (H8 - 120) },
        &targets,
    );
    assert_eq!(Some(summary), leaving.journey_summary(&engine, 0));
    assert_eq!(journeys[1], None, "35 km away");
    let departures = engine.transit_latest_departures(&query, &targets);
    assert_eq!(departures, vec![Some(H8 - 120), None]);
    // One minute later misses it, as a forward query says.
    let later = engine.transit_travel_times(
        &TransitQuery { origin, departure_s: H8 - 60, max_travel_s: deadline - (H8 - 60) },
        &targets,
    );
    assert_eq!(later.targets()[0].travel_s, None);

    // Close enough to walk by the deadline: walking is what is said, leaving as late as it allows.
    let near = engine.targets(vec![at(0.004)]);
    let walk = engine.street_travel_times(origin, StreetMode::Walk, &near, 3_600)[0].unwrap().seconds;
    let on_foot = engine.transit_latest_journeys(&query, &near)[0].clone().expect("walkable");
    assert_eq!(on_foot.summary, Some(JourneySummary { routes: vec![], walk_s: walk, transfers: 0 }));
    assert_eq!(on_foot.departure_s, deadline - walk.div_ceil(60) * 60);
}
