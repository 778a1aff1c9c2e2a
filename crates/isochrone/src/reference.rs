//! Slow, obviously-correct reference implementations, used by tests (here
//! and in the importer) to check the fast engine on random and real data.

use crate::network::{Network, NONE};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Earliest arrival at every stop by Dijkstra on a time-expanded graph:
/// one node per event (vehicle departure, vehicle arrival, access arrival,
/// end of a footpath), waiting edges along each stop's timeline, ride edges
/// departure → arrival, footpath edges from vehicle arrivals only. Staying
/// seated needs no edge of its own: with no minimum transfer time it equals
/// alighting and boarding the same vehicle again at the same stop. Same
/// journey model as the Connection Scan: no minimum transfer time.
pub fn time_expanded_earliest_arrival(
    network: &Network,
    access: &[(u32, u32)],
    departure_s: u32,
) -> Vec<u32> {
    struct Event {
        stop: u32,
        time: u32,
        /// Counts as "being at the stop" (not a vehicle departure).
        is_arrival: bool,
        /// Part of the stop's waiting timeline. Vehicle arrivals are not:
        /// waiting at a stop must not count as having come by vehicle
        /// (footpaths start from vehicle arrivals only).
        on_timeline: bool,
    }
    let mut events: Vec<Event> = Vec::new();
    let mut edges: Vec<Vec<u32>> = Vec::new();
    let add = |events: &mut Vec<Event>,
               edges: &mut Vec<Vec<u32>>,
               stop,
               time,
               is_arrival,
               on_timeline| {
        events.push(Event {
            stop,
            time,
            is_arrival,
            on_timeline,
        });
        edges.push(Vec::new());
        (events.len() - 1) as u32
    };
    let mut sources = Vec::new();
    for &(stop, walk_s) in access {
        sources.push(add(
            &mut events,
            &mut edges,
            stop,
            departure_s + walk_s,
            true,
            true,
        ));
    }
    for c in network.connections() {
        if c.dep < departure_s {
            continue;
        }
        let departure = add(&mut events, &mut edges, c.dep_stop, c.dep, false, true);
        let vehicle_arrival = add(&mut events, &mut edges, c.arr_stop, c.arr, true, false);
        let at_stop = add(&mut events, &mut edges, c.arr_stop, c.arr, false, true);
        edges[departure as usize].push(vehicle_arrival);
        edges[vehicle_arrival as usize].push(at_stop);
        for fp in network.footpaths_from(c.arr_stop) {
            let walked = add(
                &mut events,
                &mut edges,
                fp.to_stop,
                c.arr + fp.duration_s,
                true,
                true,
            );
            edges[vehicle_arrival as usize].push(walked);
        }
    }
    let mut timelines: Vec<Vec<u32>> = vec![Vec::new(); network.stops().len()];
    for (id, event) in events.iter().enumerate().filter(|(_, e)| e.on_timeline) {
        timelines[event.stop as usize].push(id as u32);
    }
    for timeline in &mut timelines {
        timeline.sort_by_key(|&id| events[id as usize].time);
        for pair in timeline.windows(2) {
            edges[pair[0] as usize].push(pair[1]);
            if events[pair[0] as usize].time == events[pair[1] as usize].time {
                edges[pair[1] as usize].push(pair[0]);
            }
        }
    }
    let mut label = vec![NONE; events.len()];
    let mut heap = BinaryHeap::new();
    for &source in &sources {
        let time = events[source as usize].time;
        if time < label[source as usize] {
            label[source as usize] = time;
            heap.push(Reverse((time, source)));
        }
    }
    while let Some(Reverse((time, node))) = heap.pop() {
        if time > label[node as usize] {
            continue;
        }
        for &next in &edges[node as usize] {
            // Edge cost = time difference, so the label is the event time.
            let next_time = events[next as usize].time;
            if next_time >= time && next_time < label[next as usize] {
                label[next as usize] = next_time;
                heap.push(Reverse((next_time, next)));
            }
        }
    }
    let mut earliest = vec![NONE; network.stops().len()];
    for (id, event) in events.iter().enumerate() {
        if event.is_arrival && label[id] != NONE {
            let best = &mut earliest[event.stop as usize];
            *best = (*best).min(event.time);
        }
    }
    earliest
}
