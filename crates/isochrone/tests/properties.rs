//! Property tests on random small networks: the fast engine against slow
//! reference implementations, and the file format against noise.

use proptest::prelude::*;
use proxipro_isochrone::format::{decode, encode};
use proxipro_isochrone::network::{
    compute_footpaths, Connection, EdgeAccess, FootpathParams, NetworkParts, Route, ServiceDate,
    Stop, StreetEdge, StreetGraph, Trip, NONE,
};
use proxipro_isochrone::reference::time_expanded_earliest_arrival;
use proxipro_isochrone::transit::{
    earliest_arrival_at_stops, ArriveByQuery, LatestDepartureQuery, ProfileQuery, TransitQuery,
};
use proxipro_isochrone::{Engine, LatLon, Network};

const BASE: LatLon = LatLon::new(48.11, -1.68);

/// A position within about `spread` × 1.5 km of the base point.
fn position(spread: f64) -> impl Strategy<Value = LatLon> {
    (0.0f64..0.014 * spread, 0.0f64..0.02 * spread)
        .prop_map(|(dlat, dlon)| LatLon::new(BASE.lat + dlat, BASE.lon + dlon))
}

#[derive(Clone, Debug)]
struct TripPlan {
    route: u32,
    start: u32,
    /// (stop, hop duration, dwell) per visited stop after the first.
    hops: Vec<(u32, u32, u32)>,
    first_stop: u32,
}

/// `spread` scales the area: small areas have many footpaths, large ones
/// make walking slow enough that transit wins.
fn random_network(with_streets: bool, spread: f64) -> impl Strategy<Value = Network> {
    (2usize..9, 1usize..4).prop_flat_map(move |(stop_count, route_count)| {
        let stops = prop::collection::vec(position(spread), stop_count);
        let trip = (
            0..route_count as u32,
            0u32..3_600,
            0..stop_count as u32,
            // Zero-second hops and dwells are frequent in real timetables.
            prop::collection::vec(
                (
                    0..stop_count as u32,
                    prop_oneof![Just(0u32), 1u32..900],
                    0u32..120,
                ),
                1..6,
            ),
        )
            .prop_map(|(route, start, first_stop, hops)| TripPlan {
                route,
                start,
                hops,
                first_stop,
            });
        let trips = prop::collection::vec(trip, 1..14);
        let streets = if with_streets {
            random_streets(spread).boxed()
        } else {
            Just(StreetGraph::default()).boxed()
        };
        (stops, trips, streets).prop_map(move |(positions, plans, streets)| {
            let stops: Vec<Stop> = positions
                .into_iter()
                .enumerate()
                .map(|(i, position)| Stop {
                    source_id: format!("s{i}"),
                    name: format!("Stop {i}"),
                    position,
                })
                .collect();
            let mut connections = Vec::new();
            let mut trips = Vec::new();
            for (trip, plan) in plans.iter().enumerate() {
                trips.push(Trip { route: plan.route });
                let (mut stop, mut time) = (plan.first_stop, plan.start);
                for &(next, duration, dwell) in &plan.hops {
                    if next == stop {
                        continue;
                    }
                    connections.push(Connection {
                        dep_stop: stop,
                        arr_stop: next,
                        dep: time,
                        arr: time + duration,
                        trip: trip as u32,
                    });
                    stop = next;
                    time += duration + dwell;
                }
            }
            let footpaths = compute_footpaths(&stops, FootpathParams::default());
            let parts = NetworkParts {
                service_date: ServiceDate::new(2011, 11, 15),
                routes: (0..route_count)
                    .map(|r| Route {
                        short_name: format!("L{r}"),
                    })
                    .collect(),
                stops,
                trips,
                connections,
                footpaths,
                streets,
            };
            Network::from_parts(parts).expect("generated networks are valid")
        })
    })
}

/// A small street grid, some one-way for bikes, some walk-only.
fn random_streets(spread: f64) -> impl Strategy<Value = StreetGraph> {
    prop::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), 24).prop_map(
        move |flags| {
            let (columns, rows) = (5u32, 4u32);
            let nodes: Vec<LatLon> = (0..rows)
                .flat_map(|r| {
                    (0..columns).map(move |c| {
                        LatLon::new(
                            BASE.lat + r as f64 * 0.004 * spread,
                            BASE.lon + c as f64 * 0.005 * spread,
                        )
                    })
                })
                .collect();
            let mut edges = Vec::new();
            let mut k = 0;
            for r in 0..rows {
                for c in 0..columns {
                    let node = r * columns + c;
                    for (dc, dr) in [(1, 0), (0, 1)] {
                        if c + dc >= columns || r + dr >= rows {
                            continue;
                        }
                        let other = (r + dr) * columns + c + dc;
                        let (bike, one_way, drop) = flags[k % flags.len()];
                        k += 1;
                        if drop && k % 3 == 0 {
                            continue;
                        }
                        let length = proxipro_isochrone::geo::haversine_m(
                            nodes[node as usize],
                            nodes[other as usize],
                        ) as f32;
                        edges.push(StreetEdge {
                            from: node,
                            to: other,
                            length_m: length,
                            access: EdgeAccess::new(true, bike, one_way),
                        });
                    }
                }
            }
            StreetGraph { nodes, edges }
        },
    )
}

fn access_from_stop(engine: &Engine, origin: LatLon) -> Vec<(u32, u32)> {
    // Mirrors the engine's straight-line access when there are no streets.
    let params = engine.params();
    engine
        .network()
        .stops()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let walk = params.estimate_s(
                origin,
                s.position,
                proxipro_isochrone::street::StreetMode::Walk,
            );
            (walk <= params.max_walk_s).then_some((i as u32, walk))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn connection_scan_matches_time_expanded_dijkstra(network in random_network(false, 1.0), origin_stop in 0usize..9, departure in 0u32..3_000) {
        let engine = Engine::new(network.clone());
        let origin = network.stops()[origin_stop % network.stops().len()].position;
        let access = access_from_stop(&engine, origin);
        let fast = earliest_arrival_at_stops(&network, &access, departure, NONE - 1);
        let oracle = time_expanded_earliest_arrival(&network, &access, departure);
        prop_assert_eq!(&fast, &oracle);
        // The engine's own access computation agrees with the mirrored one.
        let result = engine.transit_travel_times(
            &TransitQuery { origin, departure_s: departure, max_travel_s: 100_000 },
            &engine.targets(vec![]),
        );
        prop_assert_eq!(result.stop_arrivals(), &oracle[..]);
    }

    #[test]
    fn profile_matches_one_forward_query_per_minute(network in random_network(false, 2.0), origin in position(2.0), target in position(2.0), start in 0u32..3_000) {
        let engine = Engine::new(network);
        let targets = engine.targets(vec![target]);
        // Short enough that walking alone often fails.
        let budget = 1_500;
        let query = ProfileQuery::every_minute(origin, start, 20, budget);
        let profile = engine.transit_profile(&query, &engine.egress_table(&targets))[0];
        let mut times: Vec<u32> = query
            .departures()
            .map(|departure| {
                let result = engine.transit_travel_times(&TransitQuery { origin, departure_s: departure, max_travel_s: budget }, &targets);
                result.targets()[0].travel_s.unwrap_or(NONE)
            })
            .collect();
        let best = times.iter().copied().filter(|&t| t != NONE).min();
        times.sort_unstable();
        let median = Some(times[(times.len() - 1) / 2]).filter(|&t| t != NONE);
        prop_assert_eq!(profile.best_s, best);
        prop_assert_eq!(profile.median_s, median);
    }

    #[test]
    fn format_round_trips(network in random_network(true, 1.0)) {
        let bytes = encode(&network);
        let decoded = decode(&bytes).expect("decodes what it encodes");
        prop_assert_eq!(encode(&decoded), bytes.clone());
        prop_assert_eq!(decoded.connections(), network.connections());
        prop_assert_eq!(decoded.footpaths(), network.footpaths());
        prop_assert_eq!(decoded.trips(), network.trips());
        prop_assert_eq!(decoded.routes(), network.routes());
        prop_assert_eq!(decoded.service_date(), network.service_date());
        for (a, b) in decoded.stops().iter().zip(network.stops()) {
            prop_assert_eq!(&a.name, &b.name);
            prop_assert!((a.position.lat - b.position.lat).abs() < 1e-7 && (a.position.lon - b.position.lon).abs() < 1e-7);
        }
        prop_assert_eq!(decoded.streets().edges.len(), network.streets().edges.len());
    }

    #[test]
    fn decode_never_panics_on_noise(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
        let mut with_magic = proxipro_isochrone::format::MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = decode(&with_magic);
    }

    #[test]
    fn decode_never_panics_on_damaged_files(network in random_network(true, 1.0), cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4)) {
        let bytes = encode(&network);
        let _ = decode(&bytes[..cut.index(bytes.len())]);
        let mut damaged = bytes.clone();
        let mut flipped = std::collections::HashSet::new();
        for (at, bit) in &flips {
            let i = at.index(damaged.len());
            // One flip per byte, so that two flips cannot cancel out.
            if flipped.insert(i) {
                damaged[i] ^= 1 << bit;
            }
        }
        prop_assert!(decode(&damaged).is_err(), "bit flips must be detected");
        // Past the checksum: rebuild it so the section parsers see the damage.
        let payload_start = 20;
        if damaged.len() > payload_start {
            damaged[..payload_start].copy_from_slice(&bytes[..payload_start]);
            let checksum = proxipro_isochrone::format::fnv1a32(&damaged[payload_start..]);
            damaged[16..20].copy_from_slice(&checksum.to_le_bytes());
            let _ = decode(&damaged);
        }
    }
}

// Transit rarely beats walking on random networks: more cases.
proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn arrive_by_is_consistent_with_forward_search(
        network in random_network(true, 2.5),
        origin in position(2.5),
        target in position(2.5),
        deadline in 600u32..6_000,
    ) {
        let engine = Engine::new(network);
        let budget = 20_000;
        let targets = engine.targets(vec![target]);
        let forward_arrival = |departure: u32| {
            let result = engine.transit_travel_times(&TransitQuery { origin, departure_s: departure, max_travel_s: budget }, &targets);
            result.targets()[0].travel_s.map(|t| departure + t)
        };
        let query = ArriveByQuery { origin, target, arrive_by_s: deadline, max_travel_s: budget };
        match engine.transit_arrive_by(&query) {
            Some(answer) => {
                let arrival = forward_arrival(answer.departure_s);
                prop_assert!(arrival.is_some_and(|a| a <= deadline), "leaving at {} arrives {:?} > {}", answer.departure_s, arrival, deadline);
                // Latest: leaving one second later misses the deadline.
                let later = forward_arrival(answer.departure_s + 1);
                prop_assert!(later.is_none_or(|a| a > deadline), "leaving at {} still arrives {:?}", answer.departure_s + 1, later);
            }
            None => {
                prop_assert!(forward_arrival(0).is_none_or(|a| a > deadline));
            }
        }
    }
}

/// The many-target arrive-by search against one forward query per departure tried.
fn check_latest_departures(
    network: Network,
    origin: LatLon,
    targets: Vec<LatLon>,
    query: (u32, u32, u32),
) -> Result<(), TestCaseError> {
    let engine = Engine::new(network);
    let targets = engine.targets(targets);
    let (deadline, window_s, step_s) = query;
    let query = LatestDepartureQuery { origin, arrive_by_s: deadline, window_s, step_s };
    let fast = engine.transit_latest_departures(&query, &targets);
    let mut oracle = vec![None; targets.len()];
    // Latest first: the first departure that arrives in time is the answer.
    for departure in query.departures() {
        let result = engine.transit_travel_times(
            &TransitQuery { origin, departure_s: departure, max_travel_s: deadline - departure },
            &targets,
        );
        for (latest, arrival) in oracle.iter_mut().zip(result.targets()) {
            if latest.is_none() && arrival.travel_s.is_some() {
                *latest = Some(departure);
            }
        }
    }
    prop_assert_eq!(&fast, &oracle);
    // The same departures with their trips, which fit between departure and deadline.
    let journeys = engine.transit_latest_journeys(&query, &targets);
    for (index, (journey, departure)) in journeys.iter().zip(&fast).enumerate() {
        prop_assert_eq!(journey.as_ref().map(|j| j.departure_s), *departure);
        if let Some(journey) = journey {
            let summary = journey.summary.as_ref().expect("every trip found is told");
            prop_assert!(summary.walk_s <= deadline - journey.departure_s, "{:?}", journey);
            // A ride is said only when walking alone misses the deadline: then the earliest
            // trip leaving at that time rides too.
            if !summary.routes.is_empty() {
                let leaving = TransitQuery { origin, departure_s: journey.departure_s, max_travel_s: deadline - journey.departure_s };
                let forward = engine.transit_travel_times(&leaving, &targets).journey_summary(&engine, index);
                prop_assert!(forward.is_some_and(|f| !f.routes.is_empty()), "{:?} rides, the forward trip does not", journey);
            }
        }
    }
    Ok(())
}

/// A network, an origin, targets and (deadline, window, step), all within `spread`.
fn latest_departure_case(
    spread: f64,
) -> impl Strategy<Value = (Network, LatLon, Vec<LatLon>, (u32, u32, u32))> {
    let query = (0u32..6_000, 0u32..3_000, prop_oneof![Just(60u32), 1u32..400]);
    (
        random_network(true, spread),
        position(spread),
        prop::collection::vec(position(spread), 1..12),
        query,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
    /// Wide: transit often beats walking, streets are sparse (straight-line walks).
    #[test]
    fn latest_departures_match_one_forward_query_per_step((network, origin, targets, query) in latest_departure_case(2.5)) {
        check_latest_departures(network, origin, targets, query)?;
    }

    /// Dense: most points snap to the streets, so the street search carries the egress.
    #[test]
    fn latest_departures_match_forward_queries_on_dense_streets((network, origin, targets, query) in latest_departure_case(1.0)) {
        check_latest_departures(network, origin, targets, query)?;
    }
}
