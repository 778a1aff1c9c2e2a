//! Forward Connection Scan: earliest arrival at every stop.

use super::JourneySummary;
use crate::network::{Network, NONE};

/// How a stop was first reached (for journey summaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StopLabel {
    Unreached,
    Access {
        walk_s: u32,
    },
    /// Rode from connection `board` to connection `alight` of one trip.
    Vehicle {
        board: u32,
        alight: u32,
    },
    /// Walked from `from_stop` right after a vehicle arrived there.
    Footpath {
        from_stop: u32,
        duration_s: u32,
    },
}

pub(crate) struct ForwardScan {
    /// Earliest time at each stop, by any means (NONE = not reached).
    pub arrival: Vec<u32>,
    pub label: Vec<StopLabel>,
    /// Earliest arrival by vehicle: footpaths start only from these.
    pub vehicle_arrival: Vec<u32>,
    pub vehicle_label: Vec<StopLabel>,
    /// Earliest arrival having ridden at least one vehicle (by it, or by a
    /// footpath after it): `arrival` is the lesser of this and the access walk.
    pub ridden_arrival: Vec<u32>,
    /// First reachable connection of each trip (NONE = not boarded).
    pub trip_boarding: Vec<u32>,
}

impl ForwardScan {
    pub fn new(network: &Network) -> Self {
        let stops = network.stops().len();
        Self {
            arrival: vec![NONE; stops],
            label: vec![StopLabel::Unreached; stops],
            vehicle_arrival: vec![NONE; stops],
            vehicle_label: vec![StopLabel::Unreached; stops],
            ridden_arrival: vec![NONE; stops],
            trip_boarding: vec![NONE; network.trips().len()],
        }
    }

    fn reset(&mut self) {
        self.arrival.fill(NONE);
        self.label.fill(StopLabel::Unreached);
        self.vehicle_arrival.fill(NONE);
        self.vehicle_label.fill(StopLabel::Unreached);
        self.ridden_arrival.fill(NONE);
        self.trip_boarding.fill(NONE);
    }

    /// Scans connections departing in `[departure, limit]`; arrivals after
    /// `limit` are ignored. `access` is `(stop, walk_s)`.
    pub fn run(&mut self, network: &Network, access: &[(u32, u32)], departure: u32, limit: u32) {
        self.reset();
        for &(stop, walk_s) in access {
            let time = departure.saturating_add(walk_s);
            if time <= limit && time < self.arrival[stop as usize] {
                self.arrival[stop as usize] = time;
                self.label[stop as usize] = StopLabel::Access { walk_s };
            }
        }
        let connections = network.connections();
        let mut block_start = network.first_connection_at_or_after(departure);
        while block_start < connections.len() {
            let block_dep = connections[block_start].dep;
            if block_dep > limit {
                break;
            }
            let block_end = block_start
                + connections[block_start..]
                    .iter()
                    .take_while(|c| c.dep == block_dep)
                    .count();
            // A zero-duration hop can enable an earlier-sorted connection of the
            // same departure second: rescan the block until nothing changes.
            while self.scan_block(network, block_start, block_end, limit) {}
            block_start = block_end;
        }
    }

    /// Returns whether something changed at the block's own departure time.
    fn scan_block(&mut self, network: &Network, start: usize, end: usize, limit: u32) -> bool {
        let connections = network.connections();
        let mut changed_at_block_time = false;
        for (index, &c) in connections.iter().enumerate().take(end).skip(start) {
            let boarded = self.trip_boarding[c.trip as usize];
            if boarded == NONE && self.arrival[c.dep_stop as usize] > c.dep {
                continue;
            }
            let board = if boarded == NONE {
                self.trip_boarding[c.trip as usize] = index as u32;
                changed_at_block_time |= c.arr == c.dep;
                index as u32
            } else {
                boarded
            };
            if c.arr > limit || c.arr >= self.vehicle_arrival[c.arr_stop as usize] {
                continue;
            }
            let label = StopLabel::Vehicle {
                board,
                alight: index as u32,
            };
            self.vehicle_arrival[c.arr_stop as usize] = c.arr;
            self.vehicle_label[c.arr_stop as usize] = label;
            let ridden = &mut self.ridden_arrival[c.arr_stop as usize];
            *ridden = (*ridden).min(c.arr);
            if c.arr < self.arrival[c.arr_stop as usize] {
                self.arrival[c.arr_stop as usize] = c.arr;
                self.label[c.arr_stop as usize] = label;
                changed_at_block_time |= c.arr == c.dep;
            }
            for fp in network.footpaths_from(c.arr_stop) {
                let time = c.arr.saturating_add(fp.duration_s);
                if time <= limit {
                    let ridden = &mut self.ridden_arrival[fp.to_stop as usize];
                    *ridden = (*ridden).min(time);
                }
                if time <= limit && time < self.arrival[fp.to_stop as usize] {
                    self.arrival[fp.to_stop as usize] = time;
                    self.label[fp.to_stop as usize] = StopLabel::Footpath {
                        from_stop: c.arr_stop,
                        duration_s: fp.duration_s,
                    };
                    changed_at_block_time |= time == c.dep;
                }
            }
        }
        changed_at_block_time
    }

    /// Routes ridden and walking done to reach `stop`, following labels back.
    pub fn summarise(&self, network: &Network, stop: u32) -> Option<JourneySummary> {
        let mut routes = Vec::new();
        let mut walk_s = 0u32;
        let mut label = *self.label.get(stop as usize)?;
        // Labels can only point to earlier or equal times; the bound guards
        // against cycles of zero-duration hops.
        for _ in 0..=2 * network.stops().len() + 2 {
            match label {
                StopLabel::Unreached => return None,
                StopLabel::Access { walk_s: access } => {
                    routes.reverse();
                    let transfers = (routes.len() as u32).saturating_sub(1);
                    return Some(JourneySummary {
                        routes,
                        walk_s: walk_s + access,
                        transfers,
                    });
                }
                StopLabel::Vehicle { board, alight } => {
                    let connections = network.connections();
                    let ridden = connections[alight as usize];
                    routes.push(network.trip_route_name(ridden.trip).to_string());
                    label = self.label[connections[board as usize].dep_stop as usize];
                }
                StopLabel::Footpath {
                    from_stop,
                    duration_s,
                } => {
                    walk_s += duration_s;
                    label = self.vehicle_label[from_stop as usize];
                }
            }
        }
        None
    }
}
