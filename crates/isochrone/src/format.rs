//! Compact binary encoding of a [`Network`] (the `network.bin` the app loads).
//!
//! Layout, little-endian:
//! - magic `PXNETWK\0` (8 bytes), format version `u32`, payload length `u32`,
//!   FNV-1a 32-bit checksum of the payload `u32`;
//! - payload: sections `tag [u8; 4]`, `length u32`, `bytes`. Unknown tags are
//!   skipped, so later versions can add sections.
//!
//! Integers inside sections are LEB128 varints, sorted sequences are
//! delta-encoded, signed deltas zigzag-encoded. Coordinates are stored in
//! 1e-7 degrees (≈ 1 cm) and street lengths in centimetres, so decoding gives
//! back the network up to that rounding; encoding a decoded network gives
//! the same bytes again.
//!
//! `decode` never panics: every count, index and length is checked, and
//! the result is validated by [`Network::from_parts`].

use crate::geo::LatLon;
use crate::network::{
    Connection, EdgeAccess, Footpath, Network, NetworkError, NetworkParts, Route, ServiceDate,
    Stop, StreetEdge, StreetGraph, Trip,
};
use std::fmt;

pub const MAGIC: [u8; 8] = *b"PXNETWK\0";
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 4 + 4;
const COORDINATE_SCALE: f64 = 1e7;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    BadMagic,
    UnsupportedVersion(u32),
    Truncated {
        needed: usize,
        available: usize,
    },
    ChecksumMismatch {
        stored: u32,
        computed: u32,
    },
    MissingSection(&'static str),
    Malformed {
        section: &'static str,
        reason: String,
    },
    InvalidNetwork(NetworkError),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadMagic => write!(f, "not a ProxiPro network file (bad magic bytes)"),
            Self::UnsupportedVersion(v) => write!(
                f,
                "network format version {v} is not supported (expected {FORMAT_VERSION})"
            ),
            Self::Truncated { needed, available } => {
                write!(
                    f,
                    "network file truncated: needs {needed} bytes, has {available}"
                )
            }
            Self::ChecksumMismatch { stored, computed } => {
                write!(
                    f,
                    "network file corrupted: checksum {stored:08x} stored, {computed:08x} computed"
                )
            }
            Self::MissingSection(tag) => write!(f, "network file lacks section {tag}"),
            Self::Malformed { section, reason } => {
                write!(f, "network file section {section}: {reason}")
            }
            Self::InvalidNetwork(e) => write!(f, "network file describes an invalid network: {e}"),
        }
    }
}

impl std::error::Error for FormatError {}

/// FNV-1a, 32 bits.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in bytes {
        hash ^= b as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

// ---------------------------------------------------------------- encoding

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn signed(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn string(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

fn quantize_degrees(v: f64) -> i64 {
    (v * COORDINATE_SCALE).round() as i64
}

fn write_positions(w: &mut Writer, positions: impl Iterator<Item = LatLon>) {
    let (mut lat, mut lon) = (0i64, 0i64);
    for p in positions {
        let (qlat, qlon) = (quantize_degrees(p.lat), quantize_degrees(p.lon));
        w.signed(qlat - lat);
        w.signed(qlon - lon);
        (lat, lon) = (qlat, qlon);
    }
}

pub fn encode(network: &Network) -> Vec<u8> {
    let mut sections: Vec<([u8; 4], Writer)> = Vec::new();

    let mut meta = Writer::default();
    match network.service_date() {
        Some(date) => {
            meta.varint(1);
            meta.signed(date.year as i64);
            meta.varint(date.month as u64);
            meta.varint(date.day as u64);
        }
        None => meta.varint(0),
    }
    sections.push((*b"META", meta));

    let mut stops = Writer::default();
    stops.varint(network.stops().len() as u64);
    for stop in network.stops() {
        stops.string(&stop.source_id);
        stops.string(&stop.name);
    }
    write_positions(&mut stops, network.stops().iter().map(|s| s.position));
    sections.push((*b"STOP", stops));

    let mut routes = Writer::default();
    routes.varint(network.routes().len() as u64);
    for route in network.routes() {
        routes.string(&route.short_name);
    }
    sections.push((*b"ROUT", routes));

    let mut trips = Writer::default();
    trips.varint(network.trips().len() as u64);
    for trip in network.trips() {
        trips.varint(trip.route as u64);
    }
    sections.push((*b"TRIP", trips));

    let mut connections = Writer::default();
    connections.varint(network.connections().len() as u64);
    let mut previous_dep = 0u32;
    for c in network.connections() {
        connections.varint((c.dep - previous_dep) as u64);
        connections.varint((c.arr - c.dep) as u64);
        connections.varint(c.dep_stop as u64);
        connections.varint(c.arr_stop as u64);
        connections.varint(c.trip as u64);
        previous_dep = c.dep;
    }
    sections.push((*b"CONN", connections));

    let mut footpaths = Writer::default();
    footpaths.varint(network.footpaths().len() as u64);
    let mut previous_from = 0u32;
    for fp in network.footpaths() {
        footpaths.varint((fp.from_stop - previous_from) as u64);
        footpaths.varint(fp.to_stop as u64);
        footpaths.varint(fp.duration_s as u64);
        previous_from = fp.from_stop;
    }
    sections.push((*b"FOOT", footpaths));

    let streets = network.streets();
    let mut nodes = Writer::default();
    nodes.varint(streets.nodes.len() as u64);
    write_positions(&mut nodes, streets.nodes.iter().copied());
    sections.push((*b"SNOD", nodes));

    let mut edges = Writer::default();
    edges.varint(streets.edges.len() as u64);
    for e in &streets.edges {
        edges.varint(e.from as u64);
        edges.signed(e.to as i64 - e.from as i64);
        edges.varint((e.length_m as f64 * 100.0).round().max(0.0) as u64);
        edges.varint((e.access.0 & EdgeAccess::ALL_FLAGS) as u64);
    }
    sections.push((*b"SEDG", edges));

    let mut payload = Vec::new();
    for (tag, section) in &sections {
        payload.extend_from_slice(tag);
        payload.extend_from_slice(&(section.0.len() as u32).to_le_bytes());
        payload.extend_from_slice(&section.0);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&fnv1a32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

// ---------------------------------------------------------------- decoding

struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
    section: &'static str,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], section: &'static str) -> Self {
        Self {
            bytes,
            position: 0,
            section,
        }
    }

    fn malformed(&self, reason: impl Into<String>) -> FormatError {
        FormatError::Malformed {
            section: self.section,
            reason: reason.into(),
        }
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.position
    }

    fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.position) else {
                return Err(self.malformed("unexpected end of section"));
            };
            self.position += 1;
            let bits = (byte & 0x7f) as u64;
            if shift == 63 && bits > 1 {
                return Err(self.malformed("varint overflows 64 bits"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.malformed("varint longer than 10 bytes"))
    }

    fn u32(&mut self, what: &str) -> Result<u32, FormatError> {
        let v = self.varint()?;
        u32::try_from(v).map_err(|_| self.malformed(format!("{what} {v} does not fit in 32 bits")))
    }

    fn signed(&mut self) -> Result<i64, FormatError> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A count of items that each take at least `min_item_bytes`, checked
    /// against what is left so that garbage cannot request huge allocations.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, FormatError> {
        let count = self.varint()?;
        if count > (self.remaining() / min_item_bytes.max(1)) as u64 {
            return Err(self.malformed(format!("count {count} exceeds the section size")));
        }
        Ok(count as usize)
    }

    fn string(&mut self) -> Result<String, FormatError> {
        let len = self.count(1)?;
        let bytes = &self.bytes[self.position..self.position + len];
        self.position += len;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.malformed("string is not UTF-8"))
    }

    fn positions(&mut self, count: usize) -> Result<Vec<LatLon>, FormatError> {
        let (mut lat, mut lon) = (0i64, 0i64);
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            lat = lat
                .checked_add(self.signed()?)
                .ok_or_else(|| self.malformed("latitude overflow"))?;
            lon = lon
                .checked_add(self.signed()?)
                .ok_or_else(|| self.malformed("longitude overflow"))?;
            let p = LatLon::new(lat as f64 / COORDINATE_SCALE, lon as f64 / COORDINATE_SCALE);
            if !p.is_valid() {
                return Err(self.malformed("coordinates out of range"));
            }
            out.push(p);
        }
        Ok(out)
    }

    fn finish(&self) -> Result<(), FormatError> {
        if self.remaining() != 0 {
            return Err(self.malformed(format!("{} unexpected trailing bytes", self.remaining())));
        }
        Ok(())
    }
}

fn section<'a>(
    sections: &[([u8; 4], &'a [u8])],
    tag: &'static str,
) -> Result<Reader<'a>, FormatError> {
    sections
        .iter()
        .find(|(t, _)| t == tag.as_bytes())
        .map(|(_, bytes)| Reader::new(bytes, tag))
        .ok_or(FormatError::MissingSection(tag))
}

fn read_u32_le(bytes: &[u8], at: usize) -> Result<u32, FormatError> {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or(FormatError::Truncated {
            needed: at + 4,
            available: bytes.len(),
        })
}

pub fn decode(bytes: &[u8]) -> Result<Network, FormatError> {
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(FormatError::BadMagic);
    }
    let version = read_u32_le(bytes, 8)?;
    if version != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion(version));
    }
    let payload_len = read_u32_le(bytes, 12)? as usize;
    let stored = read_u32_le(bytes, 16)?;
    let needed = HEADER_LEN.saturating_add(payload_len);
    if bytes.len() < needed {
        return Err(FormatError::Truncated {
            needed,
            available: bytes.len(),
        });
    }
    let payload = &bytes[HEADER_LEN..needed];
    let computed = fnv1a32(payload);
    if computed != stored {
        return Err(FormatError::ChecksumMismatch { stored, computed });
    }

    let mut sections = Vec::new();
    let mut at = 0usize;
    while at < payload.len() {
        let header = payload.get(at..at + 8).ok_or(FormatError::Malformed {
            section: "header",
            reason: "truncated section header".into(),
        })?;
        let tag: [u8; 4] = [header[0], header[1], header[2], header[3]];
        let len = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let body = payload
            .get(at + 8..at + 8 + len)
            .ok_or(FormatError::Malformed {
                section: "header",
                reason: "section longer than the file".into(),
            })?;
        sections.push((tag, body));
        at += 8 + len;
    }

    let mut meta = section(&sections, "META")?;
    let service_date = match meta.varint()? {
        0 => None,
        1 => {
            let year = meta.signed()?;
            let (month, day) = (meta.varint()?, meta.varint()?);
            let date = i32::try_from(year)
                .ok()
                .zip(u8::try_from(month).ok().zip(u8::try_from(day).ok()))
                .and_then(|(y, (m, d))| ServiceDate::new(y, m, d));
            Some(date.ok_or_else(|| meta.malformed("invalid service date"))?)
        }
        _ => return Err(meta.malformed("unknown service date flag")),
    };
    meta.finish()?;

    let mut r = section(&sections, "STOP")?;
    let count = r.count(4)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        names.push((r.string()?, r.string()?));
    }
    let positions = r.positions(count)?;
    r.finish()?;
    let stops = names
        .into_iter()
        .zip(positions)
        .map(|((source_id, name), position)| Stop {
            source_id,
            name,
            position,
        })
        .collect();

    let mut r = section(&sections, "ROUT")?;
    let count = r.count(1)?;
    let routes = (0..count)
        .map(|_| r.string().map(|short_name| Route { short_name }))
        .collect::<Result<_, _>>()?;
    r.finish()?;

    let mut r = section(&sections, "TRIP")?;
    let count = r.count(1)?;
    let trips = (0..count)
        .map(|_| r.u32("route").map(|route| Trip { route }))
        .collect::<Result<_, _>>()?;
    r.finish()?;

    let mut r = section(&sections, "CONN")?;
    let count = r.count(5)?;
    let mut connections = Vec::with_capacity(count);
    let mut dep = 0u32;
    for _ in 0..count {
        dep = dep
            .checked_add(r.u32("departure delta")?)
            .ok_or_else(|| r.malformed("departure overflow"))?;
        let arr = dep
            .checked_add(r.u32("duration")?)
            .ok_or_else(|| r.malformed("arrival overflow"))?;
        let (dep_stop, arr_stop, trip) = (r.u32("stop")?, r.u32("stop")?, r.u32("trip")?);
        connections.push(Connection {
            dep_stop,
            arr_stop,
            dep,
            arr,
            trip,
        });
    }
    r.finish()?;

    let mut r = section(&sections, "FOOT")?;
    let count = r.count(3)?;
    let mut footpaths = Vec::with_capacity(count);
    let mut from_stop = 0u32;
    for _ in 0..count {
        from_stop = from_stop
            .checked_add(r.u32("stop delta")?)
            .ok_or_else(|| r.malformed("stop overflow"))?;
        let (to_stop, duration_s) = (r.u32("stop")?, r.u32("duration")?);
        footpaths.push(Footpath {
            from_stop,
            to_stop,
            duration_s,
        });
    }
    r.finish()?;

    let mut r = section(&sections, "SNOD")?;
    let count = r.count(2)?;
    let nodes = r.positions(count)?;
    r.finish()?;

    let mut r = section(&sections, "SEDG")?;
    let count = r.count(4)?;
    let mut edges = Vec::with_capacity(count);
    for _ in 0..count {
        let from = r.u32("node")?;
        let to = u32::try_from(from as i64 + r.signed()?)
            .map_err(|_| r.malformed("edge node out of range"))?;
        let length_cm = r.varint()?;
        let flags = r.varint()?;
        if flags > EdgeAccess::ALL_FLAGS as u64 {
            return Err(r.malformed(format!("unknown edge flags {flags}")));
        }
        edges.push(StreetEdge {
            from,
            to,
            length_m: (length_cm.min(u32::MAX as u64) as f64 / 100.0) as f32,
            access: EdgeAccess(flags as u8),
        });
    }
    r.finish()?;

    let parts = NetworkParts {
        service_date,
        stops,
        routes,
        trips,
        connections,
        footpaths,
        streets: StreetGraph { nodes, edges },
    };
    Network::from_parts(parts).map_err(FormatError::InvalidNetwork)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Network {
        Network::from_parts(NetworkParts {
            service_date: ServiceDate::new(2011, 11, 15),
            stops: vec![
                Stop {
                    source_id: "1001".into(),
                    name: "Longs Champs".into(),
                    position: LatLon::new(48.129037, -1.632508),
                },
                Stop {
                    source_id: "1002".into(),
                    name: "Bouzat".into(),
                    position: LatLon::new(48.128266, -1.637656),
                },
            ],
            routes: vec![Route {
                short_name: "C4".into(),
            }],
            trips: vec![Trip { route: 0 }],
            connections: vec![Connection {
                dep_stop: 0,
                arr_stop: 1,
                dep: 90_000,
                arr: 90_060,
                trip: 0,
            }],
            footpaths: vec![Footpath {
                from_stop: 0,
                to_stop: 1,
                duration_s: 400,
            }],
            streets: StreetGraph {
                nodes: vec![LatLon::new(48.129, -1.6325), LatLon::new(48.1283, -1.6376)],
                edges: vec![StreetEdge {
                    from: 0,
                    to: 1,
                    length_m: 388.25,
                    access: EdgeAccess::new(true, true, true),
                }],
            },
        })
        .unwrap()
    }

    #[test]
    fn header_is_versioned_and_checked() {
        let bytes = encode(&tiny());
        assert_eq!(&bytes[..8], b"PXNETWK\0");
        assert_eq!(
            u32::from_le_bytes(bytes[8..12].try_into().unwrap()),
            FORMAT_VERSION
        );
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            decoded.connections()[0].dep,
            90_000,
            "times past 24:00 survive"
        );
        assert_eq!(decoded.streets().edges[0].length_m, 388.25);
        assert_eq!(
            decoded.service_date().unwrap().french_label(),
            "mardi 15 novembre 2011"
        );

        assert_eq!(decode(b"nope"), Err(FormatError::BadMagic));
        let mut future = bytes.clone();
        future[8] = 2;
        assert_eq!(decode(&future), Err(FormatError::UnsupportedVersion(2)));
        let mut corrupted = bytes.clone();
        let last = corrupted.len() - 1;
        corrupted[last] ^= 0x10;
        assert!(matches!(
            decode(&corrupted),
            Err(FormatError::ChecksumMismatch { .. })
        ));
        assert!(matches!(
            decode(&bytes[..bytes.len() - 3]),
            Err(FormatError::Truncated { .. })
        ));
    }

    #[test]
    fn fnv1a_matches_reference_vectors() {
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    }
}
