use crate::engine::Engine;
use crate::geo::LatLon;
use crate::street::{dijkstra, millis, whole_seconds, Seed, Snap, StreetMode};

impl Engine {
    /// Walking times between `point` and the stops around it, as
    /// `(stop, walk_s)`. Walking is symmetric, so this serves both access
    /// (origin → stops) and egress (stops → target).
    ///
    /// Street paths count up to `street_limit_s`; where the point or a stop
    /// has no street data, straight line × detour up to `straight_limit_s`.
    pub(crate) fn walks_near(
        &self,
        point: LatLon,
        snap: Option<Snap>,
        street_limit_s: u32,
        straight_limit_s: u32,
    ) -> Vec<(u32, u32)> {
        let speed = self.params.walk_speed_mps;
        let mut walks = Vec::new();
        let radius_m = self.straight_line_radius_m(straight_limit_s);
        let push_estimate = |stop: u32, walks: &mut Vec<(u32, u32)>| {
            let position = self.network.stops()[stop as usize].position;
            let walk_s = self.params.estimate_s(position, point, StreetMode::Walk);
            if walk_s <= straight_limit_s {
                walks.push((stop, walk_s));
            }
        };
        match snap {
            Some(snap) => {
                let seed = Seed {
                    node: snap.node,
                    time_ms: millis(snap.distance_m, speed),
                    source: 0,
                };
                let paths = dijkstra(
                    &self.walk_adjacency,
                    speed,
                    &[seed],
                    street_limit_s as u64 * 1000,
                );
                for (stop, stop_snap) in self.stop_snaps.iter().enumerate() {
                    let Some(stop_snap) = stop_snap else { continue };
                    let reached = paths.time_ms[stop_snap.node as usize];
                    if reached == u64::MAX {
                        continue;
                    }
                    if let Some(walk_s) = whole_seconds(
                        reached + millis(stop_snap.distance_m, speed),
                        street_limit_s,
                    ) {
                        walks.push((stop as u32, walk_s));
                    }
                }
                self.offstreet_stop_index
                    .for_each_within(point, radius_m, |item, _| {
                        push_estimate(self.offstreet_stop_ids[item as usize], &mut walks);
                    });
            }
            None => {
                self.stop_index
                    .for_each_within(point, radius_m, |stop, _| push_estimate(stop, &mut walks));
            }
        }
        walks
    }
}
