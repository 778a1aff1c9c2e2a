//! The coverage report the builder prints: what was kept, what was rejected and why.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use proxipro_model::{Region, School};

/// A row the build could not use.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub file: String,
    /// 1-based line in the file; 0 when the reason concerns the file as a whole.
    pub line: u64,
    pub reason: String,
}

impl Reject {
    pub fn new(file: &str, line: u64, reason: String) -> Self {
        Reject { file: file.to_string(), line, reason }
    }
}

#[derive(Debug)]
pub struct Report {
    pub region: Region,
    pub schools: usize,
    /// Indicator name → number of schools that have it.
    pub school_fields: BTreeMap<&'static str, usize>,
    pub rejects: Vec<Reject>,
    pub written: Vec<(PathBuf, usize)>,
}

impl Report {
    pub fn new(region: Region) -> Self {
        Report { region, schools: 0, school_fields: BTreeMap::new(), rejects: Vec::new(), written: Vec::new() }
    }

    pub fn count_schools(&mut self, schools: &[School]) {
        self.schools = schools.len();
        let mut count = |name, has: fn(&School) -> bool| {
            self.school_fields.insert(name, schools.iter().filter(|s| has(s)).count());
        };
        count("internat renseigné", |s| s.boarding.is_some());
        count("avec internat", |s| s.boarding == Some(true));
        count("site web", |s| s.website.is_some());
        count("fiche Onisep", |s| s.onisep_id.is_some());
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let region = &self.region;
        writeln!(f, "Jeu de données « {} » (département {}, académie de {})", region.slug, region.departement_code, region.academie)?;
        writeln!(f, "Établissements : {}", self.schools)?;
        for (name, count) in &self.school_fields {
            writeln!(f, "  {name:<20} {count:>5} / {} ({:.0} %)", self.schools, percent(*count, self.schools))?;
        }
        let mut by_reason: BTreeMap<(&str, String), usize> = BTreeMap::new();
        for reject in &self.rejects {
            // Group by the reason's kind (text before the first detail) to keep the summary short.
            let kind = reject.reason.split(['«', '(']).next().unwrap_or("").trim().to_string();
            *by_reason.entry((reject.file.as_str(), kind)).or_default() += 1;
        }
        writeln!(f, "Lignes rejetées : {}", self.rejects.len())?;
        for ((file, kind), count) in &by_reason {
            writeln!(f, "  {count:>5}  {file} : {kind}")?;
        }
        for reject in self.rejects.iter().take(20) {
            writeln!(f, "    {}:{} {}", reject.file, reject.line, reject.reason)?;
        }
        for (path, size) in &self.written {
            writeln!(f, "Écrit : {} ({size} octets)", path.display())?;
        }
        Ok(())
    }
}
