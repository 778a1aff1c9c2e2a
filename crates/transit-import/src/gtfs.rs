//! GTFS zip reader for one service date.
//!
//! Written on `zip` + `csv` rather than `gtfs-structures`: that crate loads
//! whole feeds into memory for every date and stops at the first bad row,
//! whereas we need only one day's trips and must report invalid rows
//! (file, line, reason) and carry on.

use crate::csv_table::{field, parse_f64, CsvTable};
use crate::report::{GtfsStats, ImportError, ImportIssue};
use crate::timetable::{StopCall, Timetable};
use chrono::{Datelike, NaiveDate};
use proxipro_isochrone::LatLon;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

const DAY_S: u32 = 86_400;

/// Reads the trips of `date` (plus the previous day's trips still running
/// after midnight, shifted by −24 h) into `timetable`.
pub fn read_gtfs_zip(
    path: &Path,
    date: NaiveDate,
    timetable: &mut Timetable,
) -> Result<(GtfsStats, Vec<ImportIssue>), ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| ImportError::Zip {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut read = |name: &str, required: bool| -> Result<Option<Vec<u8>>, ImportError> {
        // Some feeds put their files in a folder inside the zip.
        let entry_name = archive
            .file_names()
            .find(|entry| *entry == name || entry.ends_with(&format!("/{name}")))
            .map(str::to_string);
        let Some(entry_name) = entry_name else {
            return if required {
                Err(ImportError::MissingFile {
                    archive: path.to_path_buf(),
                    file: name.to_string(),
                })
            } else {
                Ok(None)
            };
        };
        let mut entry = archive.by_name(&entry_name).map_err(|e| ImportError::Zip {
            path: path.to_path_buf(),
            reason: format!("{name}: {e}"),
        })?;
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::Zip {
                path: path.to_path_buf(),
                reason: format!("{name}: {e}"),
            })?;
        Ok(Some(bytes))
    };
    let stops = read("stops.txt", true)?.unwrap_or_default();
    let routes = read("routes.txt", true)?.unwrap_or_default();
    let trips = read("trips.txt", true)?.unwrap_or_default();
    let stop_times = read("stop_times.txt", true)?.unwrap_or_default();
    let calendar = read("calendar.txt", false)?;
    let calendar_dates = read("calendar_dates.txt", false)?;
    let frequencies = read("frequencies.txt", false)?;
    if calendar.is_none() && calendar_dates.is_none() {
        return Err(ImportError::MissingFile {
            archive: path.to_path_buf(),
            file: "calendar.txt".into(),
        });
    }
    let feed = GtfsFiles {
        stops: &stops,
        routes: &routes,
        trips: &trips,
        stop_times: &stop_times,
        calendar: calendar.as_deref(),
        calendar_dates: calendar_dates.as_deref(),
        frequencies: frequencies.as_deref(),
    };
    read_gtfs_files(&feed, date, timetable)
}

/// The raw bytes of a feed's files.
pub struct GtfsFiles<'a> {
    pub stops: &'a [u8],
    pub routes: &'a [u8],
    pub trips: &'a [u8],
    pub stop_times: &'a [u8],
    pub calendar: Option<&'a [u8]>,
    pub calendar_dates: Option<&'a [u8]>,
    pub frequencies: Option<&'a [u8]>,
}

#[derive(Clone, Copy)]
struct SelectedTrip {
    route: u32,
    on_date: bool,
    on_previous_day: bool,
}

pub fn read_gtfs_files(
    feed: &GtfsFiles,
    date: NaiveDate,
    timetable: &mut Timetable,
) -> Result<(GtfsStats, Vec<ImportIssue>), ImportError> {
    let mut issues = Vec::new();
    let mut stats = GtfsStats::default();
    let previous_day = date
        .pred_opt()
        .ok_or_else(|| ImportError::InvalidDate(date.to_string()))?;
    let services = read_services(feed, date, previous_day, &mut issues)?;

    // stops.txt
    let table = CsvTable::new("stops.txt", feed.stops)?;
    let (id_col, name_col) = (table.column("stop_id")?, table.column("stop_name")?);
    let (lat_col, lon_col) = (table.column("stop_lat")?, table.column("stop_lon")?);
    let location_type_col = table.optional_column("location_type");
    let stops_before = timetable.stops.len();
    table.for_each_row(&mut issues, |row| {
        // Stations, entrances and nodes are not boarding places.
        if let Some(col) = location_type_col {
            if !matches!(field(row, col), "" | "0") {
                return Ok(());
            }
        }
        let id = field(row, id_col);
        if id.is_empty() {
            return Err("empty stop_id".into());
        }
        let position = LatLon::new(
            parse_f64(row, lat_col, "stop_lat")?,
            parse_f64(row, lon_col, "stop_lon")?,
        );
        if !position.is_valid() || (position.lat == 0.0 && position.lon == 0.0) {
            return Err(format!("stop {id} has invalid coordinates"));
        }
        timetable.add_stop(id, field(row, name_col), position);
        Ok(())
    });
    stats.stops = timetable.stops.len() - stops_before;

    // routes.txt
    let table = CsvTable::new("routes.txt", feed.routes)?;
    let route_id_col = table.column("route_id")?;
    let short_col = table.optional_column("route_short_name");
    let long_col = table.optional_column("route_long_name");
    let mut route_by_id: HashMap<String, u32> = HashMap::new();
    table.for_each_row(&mut issues, |row| {
        let id = field(row, route_id_col);
        if id.is_empty() {
            return Err("empty route_id".into());
        }
        let short = short_col.map(|c| field(row, c)).filter(|s| !s.is_empty());
        let name = short
            .or_else(|| long_col.map(|c| field(row, c)).filter(|s| !s.is_empty()))
            .unwrap_or(id);
        route_by_id.insert(id.to_string(), timetable.add_route(name));
        Ok(())
    });
    stats.routes = route_by_id.len();

    // trips.txt: keep trips of the services running on the date or the day before.
    let table = CsvTable::new("trips.txt", feed.trips)?;
    let (trip_col, route_col, service_col) = (
        table.column("trip_id")?,
        table.column("route_id")?,
        table.column("service_id")?,
    );
    let mut trip_keys: HashMap<String, u32> = HashMap::new();
    let mut selected: Vec<SelectedTrip> = Vec::new();
    table.for_each_row(&mut issues, |row| {
        let service = field(row, service_col);
        let on_date = services.runs_on(service, date);
        let on_previous_day = services.runs_on(service, previous_day);
        if !on_date && !on_previous_day {
            return Ok(());
        }
        let route_id = field(row, route_col);
        let route = *route_by_id
            .get(route_id)
            .ok_or_else(|| format!("unknown route_id {route_id:?}"))?;
        trip_keys.insert(field(row, trip_col).to_string(), selected.len() as u32);
        selected.push(SelectedTrip {
            route,
            on_date,
            on_previous_day,
        });
        Ok(())
    });
    if !selected.iter().any(|t| t.on_date) {
        let service_date = proxipro_isochrone::network::ServiceDate::new(
            date.year(),
            date.month() as u8,
            date.day() as u8,
        )
        .ok_or_else(|| ImportError::InvalidDate(date.to_string()))?;
        return Err(ImportError::NoServiceOnDate { date: service_date });
    }

    // frequencies.txt: headway-based trips.
    let mut headways: HashMap<u32, Vec<(u32, u32, u32)>> = HashMap::new();
    if let Some(bytes) = feed.frequencies {
        let table = CsvTable::new("frequencies.txt", bytes)?;
        let (trip_col, start_col, end_col, headway_col) = (
            table.column("trip_id")?,
            table.column("start_time")?,
            table.column("end_time")?,
            table.column("headway_secs")?,
        );
        table.for_each_row(&mut issues, |row| {
            let Some(&trip) = trip_keys.get(field(row, trip_col)) else {
                return Ok(());
            };
            let start = parse_time(field(row, start_col))?.ok_or("empty start_time")?;
            let end = parse_time(field(row, end_col))?.ok_or("empty end_time")?;
            let headway: u32 = field(row, headway_col)
                .parse()
                .ok()
                .filter(|&h| h > 0)
                .ok_or_else(|| format!("invalid headway_secs {:?}", field(row, headway_col)))?;
            if end < start {
                return Err("end_time before start_time".into());
            }
            headways
                .entry(trip)
                .or_default()
                .push((start, end, headway));
            Ok(())
        });
    }

    // stop_times.txt
    struct Call {
        trip: u32,
        sequence: u32,
        stop: u32,
        arrival: Option<u32>,
        departure: Option<u32>,
        line: u64,
    }
    let table = CsvTable::new("stop_times.txt", feed.stop_times)?;
    let (trip_col, stop_col, sequence_col) = (
        table.column("trip_id")?,
        table.column("stop_id")?,
        table.column("stop_sequence")?,
    );
    let (arrival_col, departure_col) = (
        table.column("arrival_time")?,
        table.column("departure_time")?,
    );
    let mut calls: Vec<Call> = Vec::new();
    table.for_each_row(&mut issues, |row| {
        let Some(&trip) = trip_keys.get(field(row, trip_col)) else {
            return Ok(());
        };
        let stop_id = field(row, stop_col);
        let stop = timetable
            .stop_by_source_id(stop_id)
            .ok_or_else(|| format!("unknown stop_id {stop_id:?}"))?;
        let sequence = field(row, sequence_col)
            .parse()
            .map_err(|_| format!("invalid stop_sequence {:?}", field(row, sequence_col)))?;
        let arrival = parse_time(field(row, arrival_col))?;
        let departure = parse_time(field(row, departure_col))?;
        let line = row.position().map_or(0, |p| p.line());
        calls.push(Call {
            trip,
            sequence,
            stop,
            arrival,
            departure,
            line,
        });
        Ok(())
    });
    calls.sort_by_key(|c| (c.trip, c.sequence));

    let mut start = 0;
    while start < calls.len() {
        let trip = calls[start].trip;
        let end = start + calls[start..].iter().take_while(|c| c.trip == trip).count();
        let group = &calls[start..end];
        start = end;
        let first_line = group[0].line;
        let raw: Vec<(u32, Option<u32>, Option<u32>)> = group
            .iter()
            .map(|c| (c.stop, c.arrival, c.departure))
            .collect();
        let timed = match fill_times(&raw) {
            Ok(timed) => timed,
            Err(reason) => {
                issues.push(ImportIssue {
                    file: "stop_times.txt".into(),
                    line: first_line,
                    reason,
                });
                continue;
            }
        };
        let info = selected[trip as usize];
        let instances: Vec<Vec<StopCall>> = match headways.get(&trip) {
            None => vec![timed],
            Some(windows) => {
                let first_departure = timed[0].departure;
                let mut out = Vec::new();
                for &(window_start, window_end, headway) in windows {
                    let mut departure = window_start;
                    while departure < window_end {
                        out.push(
                            timed
                                .iter()
                                .map(|c| StopCall {
                                    stop: c.stop,
                                    arrival: (c.arrival + departure)
                                        .saturating_sub(first_departure),
                                    departure: (c.departure + departure)
                                        .saturating_sub(first_departure),
                                })
                                .collect(),
                        );
                        departure += headway;
                    }
                }
                stats.frequency_trips +=
                    out.len() * (info.on_date as usize + info.on_previous_day as usize);
                out
            }
        };
        for calls in instances {
            if info.on_date && calls.len() >= 2 {
                stats.connections += timetable.add_trip(info.route, &calls);
                stats.trips_on_date += 1;
            }
            if info.on_previous_day {
                // Yesterday's trip, still running after midnight.
                let after_midnight: Vec<StopCall> = calls
                    .iter()
                    .filter(|c| c.arrival >= DAY_S)
                    .map(|c| StopCall {
                        stop: c.stop,
                        arrival: c.arrival - DAY_S,
                        departure: c.departure - DAY_S,
                    })
                    .collect();
                if after_midnight.len() >= 2 {
                    stats.connections += timetable.add_trip(info.route, &after_midnight);
                    stats.trips_from_previous_day += 1;
                }
            }
        }
    }
    Ok((stats, issues))
}

/// Fills blank times (GTFS allows them between timepoints) by linear
/// interpolation on the call index, and checks that time never goes back.
fn fill_times(raw: &[(u32, Option<u32>, Option<u32>)]) -> Result<Vec<StopCall>, String> {
    let known: Vec<Option<(u32, u32)>> = raw
        .iter()
        .map(
            |&(_, arrival, departure)| match (arrival.or(departure), departure.or(arrival)) {
                (Some(a), Some(d)) => Some((a, d)),
                _ => None,
            },
        )
        .collect();
    let (Some(Some(_)), Some(Some(_))) = (known.first(), known.last()) else {
        return Err("trip's first or last stop has no time".into());
    };
    let mut calls = Vec::with_capacity(raw.len());
    let mut previous_known = 0usize;
    for (i, &(stop, _, _)) in raw.iter().enumerate() {
        let (arrival, departure) = match known[i] {
            Some(times) => {
                previous_known = i;
                times
            }
            None => {
                let next_known = (i..raw.len())
                    .find(|&k| known[k].is_some())
                    .unwrap_or(raw.len() - 1);
                let (Some((_, from)), Some((to, _))) = (known[previous_known], known[next_known])
                else {
                    return Err("cannot interpolate blank times".into());
                };
                let fraction =
                    (i - previous_known) as f64 / (next_known - previous_known).max(1) as f64;
                let t = from as f64 + (to as f64 - from as f64) * fraction;
                let t = t.round().max(0.0) as u32;
                (t, t)
            }
        };
        calls.push(StopCall {
            stop,
            arrival,
            departure,
        });
    }
    for (i, call) in calls.iter().enumerate() {
        if call.departure < call.arrival {
            return Err(format!("call {} departs before it arrives", i + 1));
        }
        if i > 0 && call.arrival < calls[i - 1].departure {
            return Err(format!(
                "call {} arrives before the previous call departs",
                i + 1
            ));
        }
    }
    Ok(calls)
}

/// "HH:MM:SS" (hours may exceed 24) to seconds; `None` when blank.
pub fn parse_time(text: &str) -> Result<Option<u32>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut parts = text.split(':');
    let mut next = |max: u32| {
        parts
            .next()
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|&v| v < max)
    };
    match (next(200), next(60), next(60)) {
        (Some(h), Some(m), Some(s)) if parts.next().is_none() => Ok(Some(h * 3600 + m * 60 + s)),
        _ => Err(format!("invalid time {text:?}")),
    }
}

struct Services {
    /// service_id -> (weekday flags Monday first, start, end).
    weekly: HashMap<String, ([bool; 7], NaiveDate, NaiveDate)>,
    /// (service_id, date) -> added (true) or removed (false).
    exceptions: HashMap<(String, NaiveDate), bool>,
}

impl Services {
    fn runs_on(&self, service: &str, date: NaiveDate) -> bool {
        if let Some(&added) = self.exceptions.get(&(service.to_string(), date)) {
            return added;
        }
        self.weekly.get(service).is_some_and(|(days, start, end)| {
            *start <= date && date <= *end && days[date.weekday().num_days_from_monday() as usize]
        })
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y%m%d").map_err(|_| format!("invalid date {text:?}"))
}

fn read_services(
    feed: &GtfsFiles,
    date: NaiveDate,
    previous_day: NaiveDate,
    issues: &mut Vec<ImportIssue>,
) -> Result<Services, ImportError> {
    let mut services = Services {
        weekly: HashMap::new(),
        exceptions: HashMap::new(),
    };
    if let Some(bytes) = feed.calendar {
        let table = CsvTable::new("calendar.txt", bytes)?;
        let service_col = table.column("service_id")?;
        let day_cols = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .map(|day| table.column(day));
        let day_cols = day_cols.into_iter().collect::<Result<Vec<_>, _>>()?;
        let (start_col, end_col) = (table.column("start_date")?, table.column("end_date")?);
        table.for_each_row(issues, |row| {
            let mut days = [false; 7];
            for (day, &col) in day_cols.iter().enumerate() {
                days[day] = match field(row, col) {
                    "1" => true,
                    "0" => false,
                    other => return Err(format!("invalid day flag {other:?}")),
                };
            }
            let (start, end) = (
                parse_date(field(row, start_col))?,
                parse_date(field(row, end_col))?,
            );
            services
                .weekly
                .insert(field(row, service_col).to_string(), (days, start, end));
            Ok(())
        });
    }
    if let Some(bytes) = feed.calendar_dates {
        let table = CsvTable::new("calendar_dates.txt", bytes)?;
        let (service_col, date_col, type_col) = (
            table.column("service_id")?,
            table.column("date")?,
            table.column("exception_type")?,
        );
        table.for_each_row(issues, |row| {
            let day = parse_date(field(row, date_col))?;
            let added = match field(row, type_col) {
                "1" => true,
                "2" => false,
                other => return Err(format!("invalid exception_type {other:?}")),
            };
            // Only the two days we look at matter.
            if day == date || day == previous_day {
                services
                    .exceptions
                    .insert((field(row, service_col).to_string(), day), added);
            }
            Ok(())
        });
    }
    Ok(services)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gtfs_times_past_midnight() {
        assert_eq!(parse_time("25:33:00"), Ok(Some(91_980)));
        assert_eq!(parse_time("7:05:09"), Ok(Some(25_509)));
        assert_eq!(parse_time(""), Ok(None));
        assert!(parse_time("12:60:00").is_err());
        assert!(parse_time("noon").is_err());
    }

    #[test]
    fn blank_times_are_interpolated_and_backward_times_rejected() {
        let calls = fill_times(&[
            (0, Some(100), Some(100)),
            (1, None, None),
            (2, Some(300), Some(310)),
        ])
        .unwrap();
        assert_eq!(
            calls[1],
            StopCall {
                stop: 1,
                arrival: 200,
                departure: 200
            }
        );
        assert!(fill_times(&[(0, Some(100), Some(100)), (1, Some(50), Some(60))]).is_err());
        assert!(fill_times(&[(0, None, None), (1, Some(50), Some(60))]).is_err());
    }
}
