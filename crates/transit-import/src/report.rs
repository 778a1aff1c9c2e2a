use proxipro_isochrone::network::{NetworkError, ServiceDate};
use std::fmt;
use std::path::PathBuf;

/// A row that could not be used, kept for the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportIssue {
    /// File name (inside the archive for GTFS).
    pub file: String,
    /// 1-based line number in that file (0 when not tied to a line).
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GtfsStats {
    pub stops: usize,
    pub routes: usize,
    /// Trips of services running on the chosen date.
    pub trips_on_date: usize,
    /// Trips of the previous day still running after midnight.
    pub trips_from_previous_day: usize,
    /// Trips generated from `frequencies.txt` headways.
    pub frequency_trips: usize,
    pub connections: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrequencyLineStats {
    pub stations: usize,
    pub trips: usize,
    pub connections: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StreetStats {
    pub ways_used: usize,
    pub ways_skipped: usize,
    pub nodes: usize,
    pub edges: usize,
    /// Nodes dropped because their connected piece of street was tiny.
    pub nodes_in_dropped_fragments: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub service_date: ServiceDate,
    /// "mardi 15 novembre 2011", for "horaires du mardi 15 novembre 2011".
    pub service_date_label_fr: String,
    pub gtfs: GtfsStats,
    pub metro: FrequencyLineStats,
    pub streets: StreetStats,
    pub footpaths: usize,
    pub issues: Vec<ImportIssue>,
}

#[derive(Debug)]
pub enum ImportError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Zip {
        path: PathBuf,
        reason: String,
    },
    MissingFile {
        archive: PathBuf,
        file: String,
    },
    MissingColumn {
        file: String,
        column: String,
    },
    Csv {
        file: String,
        reason: String,
    },
    GeoJson {
        path: PathBuf,
        reason: String,
    },
    Pbf {
        path: PathBuf,
        reason: String,
    },
    NoServiceOnDate {
        date: ServiceDate,
    },
    InvalidDate(String),
    Network(NetworkError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Self::Zip { path, reason } => write!(
                f,
                "{} is not a readable zip archive: {reason}",
                path.display()
            ),
            Self::MissingFile { archive, file } => {
                write!(f, "{} lacks the required file {file}", archive.display())
            }
            Self::MissingColumn { file, column } => {
                write!(f, "{file} lacks the required column {column}")
            }
            Self::Csv { file, reason } => write!(f, "{file}: {reason}"),
            Self::GeoJson { path, reason } => {
                write!(f, "{}: invalid GeoJSON: {reason}", path.display())
            }
            Self::Pbf { path, reason } => {
                write!(f, "{}: invalid OSM PBF: {reason}", path.display())
            }
            Self::NoServiceOnDate { date } => write!(f, "no GTFS service runs on {date}"),
            Self::InvalidDate(date) => write!(f, "invalid service date {date}"),
            Self::Network(e) => write!(f, "the imported network is invalid: {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<NetworkError> for ImportError {
    fn from(e: NetworkError) -> Self {
        Self::Network(e)
    }
}
