//! Travel times on a regular grid (cell centres in a local flat projection),
//! the input of the contour stage.

use crate::geo::{seconds_for, LatLon, LocalProjection};
use crate::network::NONE;
use crate::street::StreetTime;
use crate::transit::TransitResult;

/// Above this many points the cell size is enlarged, to bound memory.
pub const MAX_GRID_POINTS: usize = 4_000_000;

/// Points at `x = column × cell_m`, `y = row × cell_m` (metres east/north of
/// the south-west corner), stored row by row from the south.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridSpec {
    projection: LocalProjection,
    cell_m: f64,
    columns: usize,
    rows: usize,
}

impl GridSpec {
    /// A grid covering the box between two corners.
    pub fn covering(south_west: LatLon, north_east: LatLon, cell_m: f64) -> Self {
        let projection = LocalProjection::with_scale_latitude(
            south_west,
            (south_west.lat + north_east.lat) / 2.0,
        );
        let (width, height) = projection.to_xy(north_east);
        let (width, height) = (width.abs().min(1.0e7), height.abs().min(1.0e7));
        let mut cell_m = if cell_m.is_finite() && cell_m >= 1.0 {
            cell_m
        } else {
            100.0
        };
        // The epsilon keeps float noise from adding a whole column.
        let size = |cell: f64| {
            (
                (width / cell - 1e-6).ceil().max(0.0) as usize + 1,
                (height / cell - 1e-6).ceil().max(0.0) as usize + 1,
            )
        };
        while size(cell_m).0 * size(cell_m).1 > MAX_GRID_POINTS {
            cell_m *= 1.5;
        }
        let (columns, rows) = size(cell_m);
        Self {
            projection,
            cell_m,
            columns,
            rows,
        }
    }

    /// A square grid of half-side `radius_m` centred on `centre`.
    pub fn around(centre: LatLon, radius_m: f64, cell_m: f64) -> Self {
        let local = LocalProjection::new(centre);
        // Same scale latitude as `covering` will use, so the grid is square.
        Self::covering(
            local.to_lat_lon(-radius_m, -radius_m),
            local.to_lat_lon(radius_m, radius_m),
            cell_m,
        )
    }

    pub fn cell_m(&self) -> f64 {
        self.cell_m
    }
    pub fn columns(&self) -> usize {
        self.columns
    }
    pub fn rows(&self) -> usize {
        self.rows
    }
    pub fn len(&self) -> usize {
        self.columns * self.rows
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Position of fractional grid coordinates (column, row).
    pub fn position(&self, column: f64, row: f64) -> LatLon {
        self.projection
            .to_lat_lon(column * self.cell_m, row * self.cell_m)
    }

    /// Fractional grid coordinates of a position.
    pub fn grid_coordinates(&self, p: LatLon) -> (f64, f64) {
        let (x, y) = self.projection.to_xy(p);
        (x / self.cell_m, y / self.cell_m)
    }

    /// Every grid point, row by row from the south.
    pub fn points(&self) -> Vec<LatLon> {
        (0..self.rows)
            .flat_map(|row| (0..self.columns).map(move |column| (column, row)))
            .map(|(column, row)| self.position(column as f64, row as f64))
            .collect()
    }
}

/// Seconds per grid point, `NONE` (u32::MAX) when not reached.
#[derive(Clone, Debug, PartialEq)]
pub struct TravelTimeGrid {
    pub spec: GridSpec,
    pub seconds: Vec<u32>,
}

impl TravelTimeGrid {
    /// `seconds` must have one value per grid point; missing ones are unreached.
    pub fn new(spec: GridSpec, mut seconds: Vec<u32>) -> Self {
        seconds.resize(spec.len(), NONE);
        Self { spec, seconds }
    }

    pub fn from_street_times(spec: GridSpec, times: &[Option<StreetTime>]) -> Self {
        Self::new(
            spec,
            times
                .iter()
                .map(|t| t.map_or(NONE, |t| t.seconds))
                .collect(),
        )
    }

    pub fn from_transit(spec: GridSpec, result: &TransitResult) -> Self {
        Self::new(
            spec,
            result
                .targets()
                .iter()
                .map(|t| t.travel_s.unwrap_or(NONE))
                .collect(),
        )
    }

    /// Arriving by `arrive_by_s`: each point's time is the deadline minus
    /// its latest departure (`None`: unreached).
    pub fn from_latest_departures(spec: GridSpec, arrive_by_s: u32, latest: &[Option<u32>]) -> Self {
        Self::new(
            spec,
            latest
                .iter()
                .map(|d| d.map_or(NONE, |d| arrive_by_s.saturating_sub(d)))
                .collect(),
        )
    }

    pub fn get(&self, column: isize, row: isize) -> u32 {
        if column < 0
            || row < 0
            || column as usize >= self.spec.columns
            || row as usize >= self.spec.rows
        {
            return NONE;
        }
        self.seconds[row as usize * self.spec.columns + column as usize]
    }

    /// Lets each point take "a neighbour's time plus walking across the
    /// cell" when that is faster (a two-pass chamfer distance transform), so
    /// that points with no direct street or stop link inside a reached area
    /// do not punch holes in the isochrones. Times above `max_s` stay unreached.
    pub fn fill_gaps(&mut self, walk_speed_mps: f64, detour_factor: f64, max_s: u32) {
        self.chamfer(walk_speed_mps, detour_factor, max_s, false);
    }

    /// [`fill_gaps`](Self::fill_gaps) for unreached points only. Arriving by
    /// a deadline, "a neighbour's time plus the walk" would arrive late by
    /// that walk: reached points keep their own time, holes borrow one.
    pub fn fill_holes(&mut self, walk_speed_mps: f64, detour_factor: f64, max_s: u32) {
        self.chamfer(walk_speed_mps, detour_factor, max_s, true);
    }

    fn chamfer(&mut self, walk_speed_mps: f64, detour_factor: f64, max_s: u32, holes_only: bool) {
        let reached: Vec<bool> = if holes_only {
            self.seconds.iter().map(|&s| s != NONE).collect()
        } else {
            Vec::new()
        };
        let straight = seconds_for(self.spec.cell_m * detour_factor, walk_speed_mps).max(1);
        let diagonal = seconds_for(
            self.spec.cell_m * std::f64::consts::SQRT_2 * detour_factor,
            walk_speed_mps,
        )
        .max(1);
        let (columns, rows) = (self.spec.columns as isize, self.spec.rows as isize);
        let forward = [
            (-1, 0, straight),
            (-1, -1, diagonal),
            (0, -1, straight),
            (1, -1, diagonal),
        ];
        let backward = [
            (1, 0, straight),
            (1, 1, diagonal),
            (0, 1, straight),
            (-1, 1, diagonal),
        ];
        for (neighbours, reverse) in [(forward, false), (backward, true)] {
            for k in 0..rows * columns {
                let index = if reverse { rows * columns - 1 - k } else { k };
                let (column, row) = (index % columns, index / columns);
                let mut best = self.seconds[index as usize];
                for (dc, dr, cost) in neighbours {
                    let neighbour = self.get(column + dc, row + dr);
                    if neighbour != NONE {
                        best = best.min(neighbour.saturating_add(cost));
                    }
                }
                let fixed = holes_only && reached[index as usize];
                if best <= max_s && !fixed {
                    self.seconds[index as usize] = best;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_points_are_spaced_by_the_cell_size() {
        let spec = GridSpec::around(LatLon::new(48.11, -1.68), 1_000.0, 100.0);
        assert_eq!((spec.columns(), spec.rows()), (21, 21));
        let points = spec.points();
        let d = crate::geo::haversine_m(points[0], points[1]);
        assert!((d - 100.0).abs() < 0.5, "{d}");
        let (c, r) = spec.grid_coordinates(points[3 * 21 + 5]);
        assert!((c - 5.0).abs() < 1e-6 && (r - 3.0).abs() < 1e-6);
    }

    #[test]
    fn fill_gaps_closes_isolated_unreached_points() {
        let spec = GridSpec::covering(LatLon::new(48.0, -1.7), LatLon::new(48.0026, -1.696), 100.0);
        assert_eq!((spec.columns(), spec.rows()), (4, 4));
        let mut seconds = vec![100; 16];
        seconds[5] = NONE;
        let mut grid = TravelTimeGrid::new(spec, seconds);
        grid.fill_gaps(1.25, 1.3, 3_600);
        // 100 m × 1.3 at 1.25 m/s = 104 s.
        assert_eq!(grid.seconds[5], 204);
        assert!(grid.seconds.iter().all(|&s| s <= 204));
    }

    #[test]
    fn fill_holes_leaves_reached_points_alone() {
        let spec = GridSpec::covering(LatLon::new(48.0, -1.7), LatLon::new(48.0026, -1.696), 100.0);
        let mut seconds = vec![100; 16];
        seconds[5] = NONE;
        // Far above its neighbours + 104 s: fill_gaps would lower it, fill_holes must not.
        seconds[10] = 2_000;
        let mut grid = TravelTimeGrid::new(spec, seconds.clone());
        grid.fill_holes(1.25, 1.3, 3_600);
        assert_eq!(grid.seconds[5], 204);
        assert_eq!(grid.seconds[10], 2_000);
        let mut gaps = TravelTimeGrid::new(spec, seconds);
        gaps.fill_gaps(1.25, 1.3, 3_600);
        assert_eq!(gaps.seconds[10], 204);
    }

    #[test]
    fn latest_departures_become_times_before_the_deadline() {
        let spec = GridSpec::covering(LatLon::new(48.0, -1.7), LatLon::new(48.0, -1.6987), 100.0);
        assert_eq!(spec.len(), 2);
        let grid = TravelTimeGrid::from_latest_departures(spec, 28_800, &[Some(27_000), None]);
        assert_eq!(grid.seconds, vec![1_800, NONE]);
    }
}
