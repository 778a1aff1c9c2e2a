//! Semicolon-separated files as the French open-data portals publish them:
//! optional UTF-8 byte-order mark, a header row, quoted fields allowed.

use std::collections::HashMap;
use std::path::Path;

use crate::error::BuildError;
use crate::report::Reject;

/// Reads a raw file, turning a missing file into a message that names it.
pub fn read_file(raw_dir: &Path, relative: &str) -> Result<Vec<u8>, BuildError> {
    let path = raw_dir.join(relative);
    std::fs::read(&path).map_err(|cause| BuildError::Input { path, cause: cause.to_string() })
}

/// One usable data row; `line` is 1-based in the file, header included.
pub struct Row {
    pub line: u64,
    fields: Vec<String>,
}

pub struct Table {
    columns: HashMap<String, usize>,
    pub rows: Vec<Row>,
}

/// How a file is written; the French portals' default is `;` and UTF-8.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    pub delimiter: u8,
    /// The BCN still publishes some tables in Windows-1252.
    pub windows_1252: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect { delimiter: b';', windows_1252: false }
    }
}

impl Table {
    /// Parses `bytes`, requiring `required` columns in the header. Rows that
    /// are not valid UTF-8 or have the wrong number of fields go to `rejects`.
    pub fn parse(bytes: &[u8], file: &str, required: &[&str], rejects: &mut Vec<Reject>) -> Result<Table, BuildError> {
        Self::parse_with(bytes, file, required, Dialect::default(), rejects)
    }

    pub fn parse_with(
        bytes: &[u8],
        file: &str,
        required: &[&str],
        dialect: Dialect,
        rejects: &mut Vec<Reject>,
    ) -> Result<Table, BuildError> {
        let decoded;
        let bytes = if dialect.windows_1252 {
            decoded = decode_windows_1252(bytes);
            decoded.as_bytes()
        } else {
            bytes
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader =
            csv::ReaderBuilder::new().delimiter(dialect.delimiter).flexible(true).has_headers(false).from_reader(bytes);
        let mut records = reader.byte_records();
        let header = match records.next() {
            Some(Ok(header)) => header,
            Some(Err(error)) => return Err(unusable(file, format!("en-tête illisible ({error})"))),
            None => return Err(unusable(file, "fichier vide".into())),
        };
        let columns: HashMap<String, usize> = header
            .iter()
            .enumerate()
            .map(|(index, name)| (String::from_utf8_lossy(name).trim().to_string(), index))
            .collect();
        let missing: Vec<&str> = required.iter().copied().filter(|name| !columns.contains_key(*name)).collect();
        if !missing.is_empty() {
            return Err(unusable(file, format!("colonnes absentes : {}", missing.join(", "))));
        }

        let mut rows = Vec::new();
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line());
                    rejects.push(Reject::new(file, line, format!("ligne illisible ({error})")));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != header.len() {
                rejects.push(Reject::new(
                    file,
                    line,
                    format!("{} champs au lieu de {}", record.len(), header.len()),
                ));
                continue;
            }
            let fields: Result<Vec<String>, _> =
                record.iter().map(|field| std::str::from_utf8(field).map(|s| s.trim().to_string())).collect();
            match fields {
                Ok(fields) => rows.push(Row { line, fields }),
                Err(_) => rejects.push(Reject::new(file, line, "texte non UTF-8".into())),
            }
        }
        Ok(Table { columns, rows })
    }

    /// The field of `row` in column `name`; empty when the column is unknown.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.columns.get(name).and_then(|&index| row.fields.get(index)).map_or("", String::as_str)
    }
}

/// Windows-1252 is Latin-1 but for 0x80–0x9F, where it puts typographic signs.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
        '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

fn unusable(file: &str, cause: String) -> BuildError {
    BuildError::Unusable { file: file.to_string(), cause }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_quotes_and_reports_short_rows_with_their_line() {
        let csv = "\u{feff}a;b\n1;\"x;y\"\n2\n3;z\n";
        let mut rejects = Vec::new();
        let table = Table::parse(csv.as_bytes(), "t.csv", &["a", "b"], &mut rejects).unwrap();
        let values: Vec<(&str, &str)> = table.rows.iter().map(|r| (table.get(r, "a"), table.get(r, "b"))).collect();
        assert_eq!(values, vec![("1", "x;y"), ("3", "z")]);
        assert_eq!(rejects.len(), 1);
        assert_eq!(rejects[0].line, 3);
        assert!(rejects[0].reason.contains("1 champs au lieu de 2"), "{}", rejects[0].reason);
    }

    #[test]
    fn a_missing_required_column_stops_with_its_name() {
        let error = Table::parse(b"a;b\n1;2\n", "t.csv", &["a", "c"], &mut Vec::new()).err().unwrap();
        assert!(error.to_string().contains("colonnes absentes : c"), "{error}");
    }

    #[test]
    fn windows_1252_is_decoded_before_parsing() {
        let bytes = b"code;libelle\n1;M\xc9CANIQUE \x96 \x80\n";
        let mut rejects = Vec::new();
        let dialect = Dialect { delimiter: b';', windows_1252: true };
        let table = Table::parse_with(bytes, "t.csv", &["libelle"], dialect, &mut rejects).unwrap();
        assert_eq!(table.get(&table.rows[0], "libelle"), "MÉCANIQUE – €");
    }

    #[test]
    fn invalid_utf8_rows_are_rejected_not_mangled() {
        let mut rejects = Vec::new();
        let table = Table::parse(b"a\n\xff\nok\n", "t.csv", &["a"], &mut rejects).unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(rejects[0].reason, "texte non UTF-8");
    }
}
