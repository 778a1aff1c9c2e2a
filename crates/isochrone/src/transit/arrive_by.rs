//! Arrive-by: the latest departure from the origin that still reaches the
//! target by a deadline, by a reverse Connection Scan (connections by
//! decreasing arrival). It mirrors the forward model exactly, so a forward
//! query leaving at the returned time arrives by the deadline.

use crate::engine::Engine;
use crate::geo::LatLon;
use crate::street::StreetMode;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArriveByQuery {
    pub origin: LatLon,
    pub target: LatLon,
    /// Deadline, seconds since midnight of the service day.
    pub arrive_by_s: u32,
    /// Departures earlier than `arrive_by_s - max_travel_s` are not returned.
    pub max_travel_s: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArriveByResult {
    /// Latest departure from the origin, seconds since midnight.
    pub departure_s: u32,
    /// Walking all the way is the latest option.
    pub direct_walk: bool,
}

const UNREACHED: i64 = i64::MIN / 4;

impl Engine {
    pub fn transit_arrive_by(&self, query: &ArriveByQuery) -> Option<ArriveByResult> {
        let network = self.network();
        let deadline = query.arrive_by_s as i64;
        let lower = deadline - query.max_travel_s as i64;
        let max_walk_s = self.params.max_walk_s;
        let target_snap = self.snap(query.target, StreetMode::Walk);
        let origin_snap = self.snap(query.origin, StreetMode::Walk);
        let egress = self.walks_near(query.target, target_snap, query.max_travel_s, max_walk_s);
        let access = self.walks_near(query.origin, origin_snap, max_walk_s, max_walk_s);

        let stops = network.stops().len();
        // Latest time one may be at a stop (to board, or walk on) and still make it.
        let mut latest_at_stop = vec![UNREACHED; stops];
        // Latest time a vehicle may drop one at a stop (also allows one footpath).
        let mut latest_alight = vec![UNREACHED; stops];
        let mut trip_ridden_later = vec![false; network.trips().len()];

        let raise_stop =
            |stop: u32, time: i64, latest_at_stop: &mut [i64], latest_alight: &mut [i64]| {
                if time <= latest_at_stop[stop as usize] {
                    return false;
                }
                latest_at_stop[stop as usize] = time;
                latest_alight[stop as usize] = latest_alight[stop as usize].max(time);
                for &(from_stop, duration_s) in self.footpaths_into(stop) {
                    let before_walk = time - duration_s as i64;
                    latest_alight[from_stop as usize] =
                        latest_alight[from_stop as usize].max(before_walk);
                }
                true
            };
        for &(stop, walk_s) in &egress {
            raise_stop(
                stop,
                deadline - walk_s as i64,
                &mut latest_at_stop,
                &mut latest_alight,
            );
        }

        let connections = network.connections();
        let order = &self.connections_by_arrival_desc;
        let mut block_start =
            order.partition_point(|&i| connections[i as usize].arr as i64 > deadline);
        while block_start < order.len() {
            let block_arr = connections[order[block_start] as usize].arr;
            if (block_arr as i64) < lower {
                break;
            }
            let block_end = block_start
                + order[block_start..]
                    .iter()
                    .take_while(|&&i| connections[i as usize].arr == block_arr)
                    .count();
            // Zero-duration hops: rescan the block until nothing changes (see forward scan).
            loop {
                let mut changed_at_block_time = false;
                for &index in &order[block_start..block_end] {
                    let c = connections[index as usize];
                    let seated = trip_ridden_later[c.trip as usize];
                    if !seated && c.arr as i64 > latest_alight[c.arr_stop as usize] {
                        continue;
                    }
                    if !seated {
                        trip_ridden_later[c.trip as usize] = true;
                        changed_at_block_time |= c.dep == c.arr;
                    }
                    if raise_stop(
                        c.dep_stop,
                        c.dep as i64,
                        &mut latest_at_stop,
                        &mut latest_alight,
                    ) {
                        changed_at_block_time |= c.dep == c.arr;
                    }
                }
                if !changed_at_block_time {
                    break;
                }
            }
            block_start = block_end;
        }

        let mut best: Option<ArriveByResult> = None;
        let mut consider = |departure: i64, direct_walk: bool| {
            if departure >= lower.max(0) && best.is_none_or(|b| departure > b.departure_s as i64) {
                best = Some(ArriveByResult {
                    departure_s: departure as u32,
                    direct_walk,
                });
            }
        };
        for &(stop, walk_s) in &access {
            let at_stop = latest_at_stop[stop as usize];
            if at_stop != UNREACHED {
                consider(at_stop - walk_s as i64, false);
            }
        }
        // Direct walk last so that, on a tie, the transit answer is kept.
        let targets = self.targets(vec![query.target]);
        if let Some(Some(walk)) = self
            .street_travel_times(query.origin, StreetMode::Walk, &targets, query.max_travel_s)
            .first()
        {
            consider(deadline - walk.seconds as i64, true);
        }
        best
    }
}
