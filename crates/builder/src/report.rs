//! The coverage report the builder prints: what was kept, what was rejected and why.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use proxipro_model::{Dataset, Offer, Outcomes, Region, School};

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

/// How many records of each join found their match.
#[derive(Debug, Default)]
pub struct Joins(pub BTreeMap<&'static str, (usize, usize)>);

impl Joins {
    pub fn count(&mut self, join: &'static str, matched: bool) {
        let entry = self.0.entry(join).or_default();
        entry.0 += usize::from(matched);
        entry.1 += 1;
    }
}

#[derive(Debug)]
pub struct Report {
    pub region: Region,
    pub schools: usize,
    /// Indicator name → number of schools that have it.
    pub school_fields: BTreeMap<&'static str, usize>,
    pub offers: usize,
    pub programmes: usize,
    /// Indicator name → number of offers that have it.
    pub offer_fields: BTreeMap<&'static str, usize>,
    pub joins: Joins,
    /// One line on the transport network, when the region has one.
    pub network: Option<String>,
    pub rejects: Vec<Reject>,
    pub written: Vec<(PathBuf, usize)>,
}

impl Report {
    pub fn new(region: Region) -> Self {
        Report {
            region,
            schools: 0,
            school_fields: BTreeMap::new(),
            offers: 0,
            programmes: 0,
            offer_fields: BTreeMap::new(),
            joins: Joins::default(),
            network: None,
            rejects: Vec::new(),
            written: Vec::new(),
        }
    }

    pub fn count_dataset(&mut self, dataset: &Dataset) {
        let schools = &dataset.schools;
        self.schools = schools.len();
        let mut count = |name, has: fn(&School) -> bool| {
            self.school_fields.insert(name, schools.iter().filter(|s| has(s)).count());
        };
        count("internat renseigné", |s| s.boarding.is_some());
        count("avec internat", |s| s.boarding == Some(true));
        count("site web", |s| s.website.is_some());
        count("fiche Onisep", |s| s.onisep_id.is_some());
        count("portes ouvertes", |s| s.open_days.value.is_some());
        count("taux InserJeunes lycée", |s| s.outcomes.as_ref().is_some_and(|o| o.employment_6_months.value.is_some()));

        self.offers = dataset.offers.len();
        self.programmes = dataset.programmes.len();
        let programme = |cfd: &str| dataset.programme(cfd);
        // A common seconde shows its specialities' figures, as the card does.
        let any_outcome = |offer: &Offer, has: fn(&Outcomes) -> bool| dataset.outcomes_of(offer).iter().any(|(_, o)| has(o));
        type Has<'a> = Box<dyn Fn(&Offer) -> bool + 'a>;
        let rows: Vec<(&str, Has)> = vec![
            ("places", Box::new(|o: &Offer| o.access.capacity.value.is_some())),
            ("vœux de rang 1", Box::new(|o: &Offer| o.access.first_wishes.value.is_some())),
            ("taux de pression", Box::new(|o: &Offer| o.access.pressure.value.is_some())),
            ("tous vœux", Box::new(|o: &Offer| o.access.all_wishes.value.is_some())),
            ("affectés vœu 1", Box::new(|o: &Offer| o.access.admitted_first_wish.value.is_some())),
            ("taux d'emploi", Box::new(|o: &Offer| any_outcome(o, |x| x.employment.value.is_some()))),
            ("taux de poursuite", Box::new(|o: &Offer| any_outcome(o, |x| x.further_study.value.is_some()))),
            ("comparaison régionale", Box::new(|o: &Offer| any_outcome(o, |x| x.employment_benchmark.is_some()))),
            ("métiers (ROME)", Box::new(|o: &Offer| programme(&o.cfd).is_some_and(|p| !p.jobs.is_empty()))),
            ("page Onisep", Box::new(|o: &Offer| programme(&o.cfd).is_some_and(|p| p.onisep_url.is_some()))),
            ("présentation", Box::new(|o: &Offer| programme(&o.cfd).is_some_and(|p| p.description.value.is_some()))),
            ("salaires", Box::new(|o: &Offer| programme(&o.cfd).is_some_and(|p| p.salary.value.is_some()))),
        ];
        for (name, has) in rows {
            self.offer_fields.insert(name, dataset.offers.iter().filter(|o| has(o)).count());
        }
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
        writeln!(f, "Offres (établissement × formation) : {} ; diplômes décrits : {}", self.offers, self.programmes)?;
        for (name, count) in &self.offer_fields {
            writeln!(f, "  {name:<22} {count:>5} / {} ({:.0} %)", self.offers, percent(*count, self.offers))?;
        }
        writeln!(f, "Jointures :")?;
        for (join, (matched, total)) in &self.joins.0 {
            writeln!(f, "  {join:<48} {matched:>5} / {total} ({:.0} %)", percent(*matched, *total))?;
        }
        match &self.network {
            Some(network) => writeln!(f, "Réseau de transport : {network}")?,
            None => writeln!(f, "Réseau de transport : aucun horaire pour cette région (marche et vélo seulement)")?,
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
