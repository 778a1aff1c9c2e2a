//! Small helpers over the `csv` crate: named columns and per-row issues.

use crate::report::{ImportError, ImportIssue};
use std::collections::HashMap;

pub struct CsvTable<'a> {
    pub file: String,
    reader: csv::Reader<&'a [u8]>,
    columns: HashMap<String, usize>,
}

impl<'a> CsvTable<'a> {
    pub fn new(file: &str, bytes: &'a [u8]) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let headers = reader.headers().map_err(|e| ImportError::Csv {
            file: file.to_string(),
            reason: format!("unreadable header: {e}"),
        })?;
        let columns = headers
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim_start_matches('\u{feff}').trim().to_string(), i))
            .collect();
        Ok(Self {
            file: file.to_string(),
            reader,
            columns,
        })
    }

    pub fn column(&self, name: &str) -> Result<usize, ImportError> {
        self.optional_column(name)
            .ok_or_else(|| ImportError::MissingColumn {
                file: self.file.clone(),
                column: name.to_string(),
            })
    }

    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    /// Calls `handle(line, record)` for each readable row; unreadable rows
    /// and rows `handle` rejects (with a reason) become issues.
    pub fn for_each_row(
        mut self,
        issues: &mut Vec<ImportIssue>,
        mut handle: impl FnMut(&csv::StringRecord) -> Result<(), String>,
    ) {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    if let Err(reason) = handle(&record) {
                        let line = record.position().map_or(0, |p| p.line());
                        issues.push(ImportIssue {
                            file: self.file.clone(),
                            line,
                            reason,
                        });
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    issues.push(ImportIssue {
                        file: self.file.clone(),
                        line,
                        reason: format!("unreadable row: {e}"),
                    });
                    if !matches!(
                        e.kind(),
                        csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                    ) {
                        break;
                    }
                }
            }
        }
    }
}

/// Field `index`, trimmed; empty when missing.
pub fn field(record: &csv::StringRecord, index: usize) -> &str {
    record.get(index).unwrap_or("")
}

pub fn parse_f64(record: &csv::StringRecord, index: usize, what: &str) -> Result<f64, String> {
    let text = field(record, index);
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("invalid {what} {text:?}"))
}
