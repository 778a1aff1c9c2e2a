//! Bucket-grid index over points, for "what is near here" lookups
//! (stop footpaths, snapping to the street graph, nearby stops).

use crate::geo::{LatLon, LocalProjection};

#[derive(Clone, Debug)]
pub struct PointIndex {
    projection: LocalProjection,
    bucket_m: f64,
    min_x: f64,
    min_y: f64,
    columns: usize,
    rows: usize,
    bucket_starts: Vec<u32>,
    items: Vec<u32>,
    xy: Vec<(f64, f64)>,
}

impl PointIndex {
    /// Indexes `points` (invalid coordinates are left out) in buckets of
    /// `bucket_m` metres.
    pub fn new(points: &[LatLon], bucket_m: f64) -> Self {
        let valid: Vec<LatLon> = points.iter().copied().filter(|p| p.is_valid()).collect();
        let centre = if valid.is_empty() {
            LatLon::new(0.0, 0.0)
        } else {
            let n = valid.len() as f64;
            LatLon::new(
                valid.iter().map(|p| p.lat).sum::<f64>() / n,
                valid.iter().map(|p| p.lon).sum::<f64>() / n,
            )
        };
        let projection = LocalProjection::new(centre);
        let bucket_m = if bucket_m > 1.0 { bucket_m } else { 1.0 };
        let xy: Vec<(f64, f64)> = points
            .iter()
            .map(|&p| {
                if p.is_valid() {
                    projection.to_xy(p)
                } else {
                    (f64::NAN, f64::NAN)
                }
            })
            .collect();
        let finite = || xy.iter().filter(|(x, _)| x.is_finite());
        let min_x = finite().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let min_y = finite().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let max_x = finite().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        let max_y = finite().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        if !min_x.is_finite() {
            return Self::fill(projection, bucket_m, 0.0, 0.0, 1, 1, xy);
        }
        // Cap the bucket count so a stray far-away point cannot blow up memory.
        let mut bucket = bucket_m;
        while ((max_x - min_x) / bucket) * ((max_y - min_y) / bucket) > 4_000_000.0 {
            bucket *= 2.0;
        }
        let columns = ((max_x - min_x) / bucket) as usize + 1;
        let rows = ((max_y - min_y) / bucket) as usize + 1;
        Self::fill(projection, bucket, min_x, min_y, columns, rows, xy)
    }

    fn fill(
        projection: LocalProjection,
        bucket_m: f64,
        min_x: f64,
        min_y: f64,
        columns: usize,
        rows: usize,
        xy: Vec<(f64, f64)>,
    ) -> Self {
        let mut index = Self {
            projection,
            bucket_m,
            min_x,
            min_y,
            columns,
            rows,
            bucket_starts: vec![0; columns * rows + 1],
            items: Vec::new(),
            xy,
        };
        let buckets: Vec<Option<usize>> = index
            .xy
            .iter()
            .map(|&(x, y)| {
                if x.is_finite() {
                    let (c, r) = index.bucket_of(x, y);
                    Some(r * columns + c)
                } else {
                    None
                }
            })
            .collect();
        for b in buckets.iter().flatten() {
            index.bucket_starts[b + 1] += 1;
        }
        for i in 1..index.bucket_starts.len() {
            index.bucket_starts[i] += index.bucket_starts[i - 1];
        }
        let mut cursor = index.bucket_starts.clone();
        index.items = vec![0; buckets.iter().flatten().count()];
        for (item, b) in buckets.iter().enumerate() {
            if let Some(b) = b {
                index.items[cursor[*b] as usize] = item as u32;
                cursor[*b] += 1;
            }
        }
        index
    }

    fn bucket_of(&self, x: f64, y: f64) -> (usize, usize) {
        let c = ((x - self.min_x) / self.bucket_m)
            .floor()
            .clamp(0.0, (self.columns - 1) as f64);
        let r = ((y - self.min_y) / self.bucket_m)
            .floor()
            .clamp(0.0, (self.rows - 1) as f64);
        (c as usize, r as usize)
    }

    /// Calls `visit(item, distance_m)` for every point within `radius_m` of `p`.
    pub fn for_each_within(&self, p: LatLon, radius_m: f64, mut visit: impl FnMut(u32, f64)) {
        if !p.is_valid() || radius_m.is_nan() || radius_m < 0.0 || self.items.is_empty() {
            return;
        }
        let (x, y) = self.projection.to_xy(p);
        let (c0, r0) = self.bucket_of(x - radius_m, y - radius_m);
        let (c1, r1) = self.bucket_of(x + radius_m, y + radius_m);
        // The query box may lie entirely outside the indexed area.
        if x + radius_m < self.min_x
            || y + radius_m < self.min_y
            || x - radius_m > self.min_x + self.columns as f64 * self.bucket_m
            || y - radius_m > self.min_y + self.rows as f64 * self.bucket_m
        {
            return;
        }
        let radius_sq = radius_m * radius_m;
        for r in r0..=r1 {
            for c in c0..=c1 {
                let b = r * self.columns + c;
                let (start, end) = (
                    self.bucket_starts[b] as usize,
                    self.bucket_starts[b + 1] as usize,
                );
                for &item in &self.items[start..end] {
                    let (ix, iy) = self.xy[item as usize];
                    let d_sq = (ix - x) * (ix - x) + (iy - y) * (iy - y);
                    if d_sq <= radius_sq {
                        visit(item, d_sq.sqrt());
                    }
                }
            }
        }
    }

    /// The closest point within `max_radius_m`, with its distance.
    pub fn nearest(&self, p: LatLon, max_radius_m: f64) -> Option<(u32, f64)> {
        let mut best: Option<(u32, f64)> = None;
        // Grow the search ring so that dense areas answer from a few buckets.
        let mut radius = self.bucket_m.min(max_radius_m);
        loop {
            self.for_each_within(p, radius, |item, d| {
                if best.is_none_or(|(best_item, best_d)| {
                    d < best_d || (d == best_d && item < best_item)
                }) {
                    best = Some((item, d));
                }
            });
            if best.is_some() || radius >= max_radius_m {
                return best;
            }
            radius = (radius * 2.0).min(max_radius_m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::haversine_m;

    #[test]
    fn finds_points_within_radius_and_nearest() {
        let points = vec![
            LatLon::new(48.10, -1.68),
            LatLon::new(48.101, -1.68),
            LatLon::new(48.12, -1.68),
            LatLon::new(f64::NAN, 0.0),
        ];
        let index = PointIndex::new(&points, 200.0);
        let mut found = Vec::new();
        index.for_each_within(LatLon::new(48.1005, -1.68), 100.0, |i, _| found.push(i));
        found.sort();
        assert_eq!(found, vec![0, 1]);
        let (nearest, d) = index.nearest(LatLon::new(48.119, -1.68), 1_000.0).unwrap();
        assert_eq!(nearest, 2);
        assert!((d - haversine_m(points[2], LatLon::new(48.119, -1.68))).abs() < 1.0);
        assert!(index.nearest(LatLon::new(40.0, 0.0), 300.0).is_none());
    }
}
