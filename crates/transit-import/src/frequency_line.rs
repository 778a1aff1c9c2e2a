//! A line given only as stations and headways (mumoro's Rennes metro a
//! files), expanded into individual trips.
//!
//! Nodes file: `id, name, lon, lat`, no header. Patterns file:
//! `pattern_id, line, headway_s, start_s, end_s, mean_inter_stop_s, stop_id…`,
//! no header. A trip leaves the first stop at `start_s`, `start_s + headway_s`,
//! … while before `end_s`, and reaches each next stop `mean_inter_stop_s`
//! later (no dwell time in the source).
//!
//! Patterns starting before 04:00 (the 00:00–00:20 late service) belong to
//! the evening of a service day: they are added both as they are (yesterday's
//! late service, early this morning) and 24 h later (tonight's).

use crate::csv_table::{field, parse_f64};
use crate::report::{FrequencyLineStats, ImportError, ImportIssue};
use crate::timetable::{StopCall, Timetable};
use proxipro_isochrone::LatLon;
use std::collections::HashMap;
use std::path::Path;

const LATE_SERVICE_BEFORE_S: u32 = 4 * 3600;
const DAY_S: u32 = 86_400;

pub fn read_frequency_line(
    nodes_csv: &Path,
    patterns_csv: &Path,
    route_short_name: &str,
    stop_id_prefix: &str,
    timetable: &mut Timetable,
) -> Result<(FrequencyLineStats, Vec<ImportIssue>), ImportError> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let (nodes, patterns) = (read(nodes_csv)?, read(patterns_csv)?);
    let name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        )
    };
    read_frequency_line_bytes(
        (&name(nodes_csv), &nodes),
        (&name(patterns_csv), &patterns),
        route_short_name,
        stop_id_prefix,
        timetable,
    )
}

fn headerless(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes)
}

pub fn read_frequency_line_bytes(
    (nodes_name, nodes): (&str, &[u8]),
    (patterns_name, patterns): (&str, &[u8]),
    route_short_name: &str,
    stop_id_prefix: &str,
    timetable: &mut Timetable,
) -> Result<(FrequencyLineStats, Vec<ImportIssue>), ImportError> {
    let mut issues = Vec::new();
    let mut stats = FrequencyLineStats::default();
    let mut station_by_id: HashMap<String, u32> = HashMap::new();
    let issue = |file: &str, line: u64, reason: String| ImportIssue {
        file: file.to_string(),
        line,
        reason,
    };

    for (row_index, record) in headerless(nodes).records().enumerate() {
        let line = row_index as u64 + 1;
        let parsed = record.map_err(|e| e.to_string()).and_then(|row| {
            let id = field(&row, 0).to_string();
            let position = LatLon::new(
                parse_f64(&row, 3, "latitude")?,
                parse_f64(&row, 2, "longitude")?,
            );
            if id.is_empty() || !position.is_valid() {
                return Err("empty id or invalid coordinates".to_string());
            }
            Ok((id, field(&row, 1).to_string(), position))
        });
        match parsed {
            Ok((id, name, position)) => {
                let stop = timetable.add_stop(&format!("{stop_id_prefix}{id}"), &name, position);
                station_by_id.insert(id, stop);
            }
            Err(reason) => issues.push(issue(nodes_name, line, reason)),
        }
    }
    stats.stations = station_by_id.len();
    if station_by_id.is_empty() {
        return Err(ImportError::Csv {
            file: nodes_name.to_string(),
            reason: "no usable station".into(),
        });
    }

    let route = timetable.add_route(route_short_name);
    for (row_index, record) in headerless(patterns).records().enumerate() {
        let line = row_index as u64 + 1;
        let pattern = record.map_err(|e| e.to_string()).and_then(|row| {
            let number = |i: usize, what: &str| -> Result<u32, String> {
                field(&row, i)
                    .parse::<u32>()
                    .map_err(|_| format!("invalid {what} {:?}", field(&row, i)))
            };
            let (headway, start, end, inter_stop) = (
                number(2, "headway_s")?,
                number(3, "start_s")?,
                number(4, "end_s")?,
                number(5, "mean_inter_stop_s")?,
            );
            if headway == 0 || end < start {
                return Err("headway must be positive and end_s ≥ start_s".into());
            }
            let stops = (6..row.len())
                .map(|i| {
                    let id = field(&row, i);
                    station_by_id
                        .get(id)
                        .copied()
                        .ok_or_else(|| format!("unknown station {id:?}"))
                })
                .collect::<Result<Vec<u32>, String>>()?;
            if stops.len() < 2 {
                return Err("a pattern needs at least two stations".into());
            }
            Ok((headway, start, end, inter_stop, stops))
        });
        let (headway, start, end, inter_stop, stops) = match pattern {
            Ok(p) => p,
            Err(reason) => {
                issues.push(issue(patterns_name, line, reason));
                continue;
            }
        };
        let day_offsets: &[u32] = if start < LATE_SERVICE_BEFORE_S {
            &[0, DAY_S]
        } else {
            &[0]
        };
        for &offset in day_offsets {
            let mut departure = start;
            while departure < end {
                let calls: Vec<StopCall> = stops
                    .iter()
                    .enumerate()
                    .map(|(k, &stop)| {
                        let t = offset + departure + k as u32 * inter_stop;
                        StopCall {
                            stop,
                            arrival: t,
                            departure: t,
                        }
                    })
                    .collect();
                stats.connections += timetable.add_trip(route, &calls);
                stats.trips += 1;
                departure += headway;
            }
        }
    }
    Ok((stats, issues))
}
