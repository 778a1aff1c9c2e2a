//! Geographic helpers: points, distances and a local flat projection.

/// Mean Earth radius (IUGG), metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A WGS84 position in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    pub fn is_valid(self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
    }
}

/// Great-circle distance in metres.
pub fn haversine_m(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// Equirectangular projection around an origin: metres east (x) and north (y).
/// Accurate to well under 1 % across a metropolitan area, and cheap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocalProjection {
    origin: LatLon,
    metres_per_degree_lon: f64,
    metres_per_degree_lat: f64,
}

impl LocalProjection {
    pub fn new(origin: LatLon) -> Self {
        Self::with_scale_latitude(origin, origin.lat)
    }

    /// East-west scale taken at `scale_lat` (e.g. the middle of an area
    /// whose corner is the origin).
    pub fn with_scale_latitude(origin: LatLon, scale_lat: f64) -> Self {
        let metres_per_degree_lat = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        Self {
            origin,
            metres_per_degree_lon: metres_per_degree_lat * scale_lat.to_radians().cos(),
            metres_per_degree_lat,
        }
    }

    pub fn origin(&self) -> LatLon {
        self.origin
    }

    pub fn to_xy(&self, p: LatLon) -> (f64, f64) {
        (
            (p.lon - self.origin.lon) * self.metres_per_degree_lon,
            (p.lat - self.origin.lat) * self.metres_per_degree_lat,
        )
    }

    pub fn to_lat_lon(&self, x: f64, y: f64) -> LatLon {
        LatLon {
            lat: self.origin.lat + y / self.metres_per_degree_lat,
            lon: self.origin.lon + x / self.metres_per_degree_lon,
        }
    }
}

/// Seconds to cover `distance_m` at `speed_mps`, rounded up so that a
/// non-zero distance never costs zero seconds.
pub fn seconds_for(distance_m: f64, speed_mps: f64) -> u32 {
    if distance_m.is_nan() || speed_mps.is_nan() || distance_m <= 0.0 || speed_mps <= 0.0 {
        return 0;
    }
    let seconds = (distance_m / speed_mps).ceil();
    if seconds >= u32::MAX as f64 {
        u32::MAX - 1
    } else {
        seconds as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_one_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(LatLon::new(48.0, -1.6), LatLon::new(49.0, -1.6));
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn projection_round_trips_and_matches_haversine_locally() {
        let projection = LocalProjection::new(LatLon::new(48.11, -1.68));
        let p = LatLon::new(48.13, -1.64);
        let (x, y) = projection.to_xy(p);
        let back = projection.to_lat_lon(x, y);
        assert!((back.lat - p.lat).abs() < 1e-9 && (back.lon - p.lon).abs() < 1e-9);
        let flat = (x * x + y * y).sqrt();
        let round = haversine_m(projection.origin(), p);
        assert!((flat - round).abs() / round < 0.005);
    }

    #[test]
    fn seconds_for_rounds_up_and_handles_degenerate_inputs() {
        assert_eq!(seconds_for(10.0, 1.25), 8);
        assert_eq!(seconds_for(0.0, 1.25), 0);
        assert_eq!(seconds_for(f64::NAN, 1.25), 0);
        assert_eq!(seconds_for(10.0, 0.0), 0);
    }
}
