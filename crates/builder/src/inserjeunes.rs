//! InserJeunes: what former students do six months after leaving, per programme
//! in the region (with the regional distribution to compare against), and per school.

use std::collections::BTreeMap;
use std::path::Path;

use proxipro_model::{Benchmark, BenchmarkLevel, Diploma, Figure, Outcomes, Route, SchoolOutcomes};

use crate::bcn::Bcn;
use crate::error::BuildError;
use crate::report::Reject;
use crate::table::{self, read_file, Table};

pub const REGION_SOURCE_ID: &str = "inserjeunes-region";
pub const SCHOOL_SOURCE_ID: &str = "inserjeunes-lycee";
const REGION_FILE: &str = "education/inserjeunes/inserjeunes_region_formation.csv";
pub const SCHOOL_FILE: &str = "education/inserjeunes/inserjeunes_etablissements_2022_2023_pro.csv";
pub const SCHOOL_YEAR: &str = "2022-2023";
/// InserJeunes publishes no rate for fewer than 20 students in the final year.
pub const MIN_COHORT: u32 = 20;
/// Fewer programmes than this make quartiles meaningless.
pub const MIN_PROGRAMMES_FOR_BENCHMARK: usize = 5;

const SMALL_COHORT: &str = "non publié : moins de 20 élèves en année terminale";
const NOT_PUBLISHED: &str = "non publié par InserJeunes";

/// One region × programme row, reduced to what the card shows.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    cfd: String,
    /// Length of the row's dispositif (school rows name their final-year MEF): a CAP is
    /// published once for its 2-year course and once for its 1-year one.
    dispositif_years: Option<u8>,
    route: Route,
    year: String,
    cohort: Option<u32>,
    employment: Option<f32>,
    further_study: Option<f32>,
    employed_count: Option<u32>,
    studying_count: Option<u32>,
}

/// Regional outcomes by (CFD, route), latest millésime of each.
pub struct RegionalOutcomes {
    pub by_programme: BTreeMap<(String, Route), Outcomes>,
}

pub fn read_regional(raw_dir: &Path, region_code: &str, bcn: &Bcn, rejects: &mut Vec<Reject>) -> Result<RegionalOutcomes, BuildError> {
    parse_regional(&read_file(raw_dir, REGION_FILE)?, REGION_FILE, region_code, bcn, rejects)
}

pub fn parse_regional(
    bytes: &[u8],
    file: &str,
    region_code: &str,
    bcn: &Bcn,
    rejects: &mut Vec<Reject>,
) -> Result<RegionalOutcomes, BuildError> {
    let columns = [
        "millesime",
        "code_region",
        "voie",
        "cfd",
        "mefstat11",
        "nb_annee_term",
        "nb_en_emploi_6_mois",
        "nb_poursuite_etudes",
        "taux_emploi_6_mois",
        "taux_poursuite_etudes",
    ];
    let table = Table::parse(bytes, file, &columns, rejects)?;
    let mut rows = Vec::new();
    for row in &table.rows {
        let field = |name| table.get(row, name);
        if field("code_region") != region_code {
            continue;
        }
        let route = match field("voie") {
            "scolaire" => Route::Scolaire,
            "apprentissage" => Route::Apprentissage,
            other => {
                rejects.push(Reject::new(file, row.line, format!("voie inconnue « {other} »")));
                continue;
            }
        };
        // School rows name the final-year class (MEF); apprenticeship rows the diploma.
        let (cfd, dispositif_years) = match (field("cfd"), field("mefstat11")) {
            (cfd, _) if !cfd.is_empty() => (cfd.to_string(), None),
            (_, mef) => match bcn.mefs.get(mef) {
                Some(mef) => (mef.cfd.clone(), mef.duration_years),
                None => {
                    rejects.push(Reject::new(file, row.line, format!("MEF « {mef} » absent de la BCN")));
                    continue;
                }
            },
        };
        rows.push(Row {
            cfd,
            dispositif_years,
            route,
            year: field("millesime").replace('_', "-"),
            cohort: field("nb_annee_term").parse().ok(),
            employment: rate(field("taux_emploi_6_mois")),
            further_study: rate(field("taux_poursuite_etudes")),
            employed_count: field("nb_en_emploi_6_mois").parse().ok(),
            studying_count: field("nb_poursuite_etudes").parse().ok(),
        });
    }

    // One row per programme, route and millésime: the dispositif students enter after the
    // 3e (CAP in 2 years, bac pro in 3), else the largest cohort. Benchmarks count programmes, not rows.
    let mut chosen: BTreeMap<(String, Route, String), Row> = BTreeMap::new();
    for row in rows {
        let key = (row.cfd.clone(), row.route, row.year.clone());
        match chosen.get(&key) {
            Some(kept) if preference(kept) >= preference(&row) => {}
            _ => {
                chosen.insert(key, row);
            }
        }
    }
    let rows: Vec<Row> = chosen.into_values().collect();
    let distributions = distributions(&rows);
    let mut latest: BTreeMap<(String, Route), &Row> = BTreeMap::new();
    for row in &rows {
        let entry = latest.entry((row.cfd.clone(), row.route)).or_insert(row);
        if row.year > entry.year {
            *entry = row;
        }
    }
    let by_programme = latest.into_iter().map(|(key, row)| (key, outcomes(row, &distributions))).collect();
    Ok(RegionalOutcomes { by_programme })
}

/// Which of two rows of the same programme is the one to show: the usual course after the 3e, then the larger cohort.
fn preference(row: &Row) -> (bool, u32) {
    let usual = Diploma::from_level(row.cfd.get(..3).unwrap_or("")).usual_years();
    (row.dispositif_years.is_none() || row.dispositif_years == usual, row.cohort.unwrap_or(0))
}

fn rate(text: &str) -> Option<f32> {
    text.trim().replace(',', ".").parse::<f32>().ok().filter(|r| (0.0..=100.0).contains(r))
}

type DistributionKey = (String, Route, &'static str);

/// Published rates per (millésime, route, diploma group), sorted, for the quartiles.
struct Distributions {
    employment: BTreeMap<DistributionKey, Vec<f32>>,
    further_study: BTreeMap<DistributionKey, Vec<f32>>,
}

fn distributions(rows: &[Row]) -> Distributions {
    let mut employment: BTreeMap<DistributionKey, Vec<f32>> = BTreeMap::new();
    let mut further_study: BTreeMap<DistributionKey, Vec<f32>> = BTreeMap::new();
    for row in rows.iter().filter(|row| row.cohort.is_some_and(|c| c >= MIN_COHORT)) {
        let key = (row.year.clone(), row.route, group(&row.cfd));
        if let Some(rate) = row.employment {
            employment.entry(key.clone()).or_default().push(rate);
        }
        if let Some(rate) = row.further_study {
            further_study.entry(key).or_default().push(rate);
        }
    }
    for values in employment.values_mut().chain(further_study.values_mut()) {
        values.sort_by(f32::total_cmp);
    }
    Distributions { employment, further_study }
}

fn group(cfd: &str) -> &'static str {
    Diploma::from_level(cfd.get(..3).unwrap_or("")).benchmark_group()
}

fn outcomes(row: &Row, distributions: &Distributions) -> Outcomes {
    let year = row.year.as_str();
    let source = REGION_SOURCE_ID;
    let small = row.cohort.is_none_or(|cohort| cohort < MIN_COHORT);
    let figure = |value: Option<f32>| match value {
        _ if small => Figure::withheld(SMALL_COHORT, year, source),
        Some(value) => Figure::known(value, year, source),
        None => Figure::withheld(NOT_PUBLISHED, year, source),
    };
    let employment = figure(row.employment);
    let further_study = figure(row.further_study);
    // The employment rate counts leavers only, the study rate the whole final year, so they
    // do not add up; the rest of the final year is counted from the published numbers.
    let other = match (row.cohort, row.employed_count, row.studying_count) {
        (Some(cohort), Some(employed), Some(studying)) if !small && employed + studying <= cohort => {
            let share = 100.0 * (cohort - employed - studying) as f32 / cohort as f32;
            Figure::known(share.round(), year, source)
        }
        _ => Figure::withheld(if small { SMALL_COHORT } else { NOT_PUBLISHED }, year, source),
    };
    let key = (row.year.clone(), row.route, group(&row.cfd));
    Outcomes {
        route: row.route,
        cohort: match row.cohort {
            Some(cohort) => Figure::known(cohort, year, source),
            None => Figure::withheld(NOT_PUBLISHED, year, source),
        },
        employment_benchmark: benchmark(employment.get(), distributions.employment.get(&key)),
        further_study_benchmark: benchmark(further_study.get(), distributions.further_study.get(&key)),
        employment,
        further_study,
        other,
    }
}

fn benchmark(rate: Option<f32>, distribution: Option<&Vec<f32>>) -> Option<Benchmark> {
    let (rate, values) = (rate?, distribution?);
    if values.len() < MIN_PROGRAMMES_FOR_BENCHMARK {
        return None;
    }
    let quartiles = [0.0, 0.25, 0.5, 0.75, 1.0].map(|p| percentile_cont(values, p));
    Some(Benchmark {
        level: BenchmarkLevel::of(rate, &quartiles),
        quartiles,
        programmes: u32::try_from(values.len()).unwrap_or(u32::MAX),
    })
}

/// PostgreSQL's `PERCENTILE_CONT` (linear interpolation), as Futur Pro computes its quartiles.
pub fn percentile_cont(sorted: &[f32], p: f32) -> f32 {
    match sorted.len() {
        0 => f32::NAN,
        n => {
            let position = p.clamp(0.0, 1.0) * (n - 1) as f32;
            let (low, high) = (position.floor() as usize, position.ceil() as usize);
            let fraction = position - low as f32;
            let value = sorted[low] + (sorted[high] - sorted[low]) * fraction;
            (value * 10.0).round() / 10.0
        }
    }
}

/// InserJeunes per lycée, all programmes pooled, for the schools of the region.
pub fn read_schools(raw_dir: &Path, departement_code: &str, rejects: &mut Vec<Reject>) -> Result<BTreeMap<String, SchoolOutcomes>, BuildError> {
    parse_schools(&read_file(raw_dir, SCHOOL_FILE)?, departement_code, rejects)
}

fn parse_schools(bytes: &[u8], departement_code: &str, rejects: &mut Vec<Reject>) -> Result<BTreeMap<String, SchoolOutcomes>, BuildError> {
    let columns = [
        "n°UAI de l'établissement",
        "Dont apprentis en EPLE",
        "Taux de poursuite d'études",
        "Taux",
        "Taux attendu",
        "Valeur ajoutée",
    ];
    let table = Table::parse(bytes, SCHOOL_FILE, &columns, rejects)?;
    // A school with apprentices has three rows: « ensemble », « dont apprentis » and
    // « dont élèves en voie pro sco »; one without has « ensemble » alone. Both come down
    // to the school-route students, those of the offers shown.
    let mut rows: BTreeMap<&str, BTreeMap<&str, &table::Row>> = BTreeMap::new();
    for row in &table.rows {
        let uai = table.get(row, "n°UAI de l'établissement");
        if uai.starts_with(departement_code) {
            rows.entry(uai).or_default().insert(table.get(row, "Dont apprentis en EPLE"), row);
        }
    }
    let figure = |text: &str| match text.trim().replace(',', ".").parse::<f32>() {
        Ok(value) => Figure::known(value, SCHOOL_YEAR, SCHOOL_SOURCE_ID),
        Err(_) => Figure::withheld(NOT_PUBLISHED, SCHOOL_YEAR, SCHOOL_SOURCE_ID),
    };
    let mut schools = BTreeMap::new();
    for (uai, kinds) in rows {
        let school_route = match (kinds.get("dont élèves en voie pro sco"), kinds.get("dont apprentis"), kinds.get("ensemble")) {
            (Some(row), _, _) | (None, None, Some(row)) => *row,
            _ => continue,
        };
        let field = |name| table.get(school_route, name);
        schools.insert(
            uai.to_string(),
            SchoolOutcomes {
                employment_6_months: figure(field("Taux")),
                employment_expected: figure(field("Taux attendu")),
                added_value: figure(field("Valeur ajoutée")),
                further_study: figure(field("Taux de poursuite d'études")),
            },
        );
    }
    Ok(schools)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bcn::Mef;

    fn bcn() -> Bcn {
        let mut bcn = Bcn::default();
        for (mef, cfd) in [("23830022106", "40022106"), ("23830033403", "40033403"), ("23220022139", "50022139")] {
            bcn.mefs.insert(
                mef.into(),
                Mef { cfd: cfd.into(), duration_years: Some(3), year_of_course: Some(3), label: String::new() },
            );
        }
        bcn
    }

    const HEADER: &str = "id;millesime;code_region_ij;code_region;voie;cfd;mefstat11;nb_annee_term;nb_en_emploi_12_mois;nb_en_emploi_18_mois;nb_en_emploi_24_mois;nb_en_emploi_6_mois;nb_poursuite_etudes;nb_sortant;taux_emploi_12_mois;taux_emploi_18_mois;taux_emploi_24_mois;taux_emploi_6_mois;taux_poursuite_etudes";

    /// A row whose counts match its rates: a quarter of the cohort employed, `study` % studying.
    fn row(year: &str, region: &str, mef: &str, cohort: u32, employment: &str, study: &str) -> String {
        let studying = cohort * study.parse::<u32>().unwrap_or(0) / 100;
        let employed = cohort / 4;
        format!("x;{year};03;{region};scolaire;;{mef};{cohort};;;;{employed};{studying};;;;;{employment};{study}")
    }

    #[test]
    fn latest_millesime_wins_and_small_cohorts_publish_no_rate() {
        let mut lines = vec![HEADER.to_string()];
        lines.push(row("2021_2022", "53", "23830022106", 40, "30", "40"));
        lines.push(row("2022_2023", "53", "23830022106", 44, "35", "45"));
        // A cohort of 12 whose raw row still carries rates: the rule withholds them.
        lines.push(row("2022_2023", "53", "23220022139", 12, "70", "20"));
        lines.push(row("2022_2023", "11", "23830033403", 50, "99", "1"));
        let mut rejects = Vec::new();
        let outcomes = parse_regional(lines.join("\n").as_bytes(), "ij.csv", "53", &bcn(), &mut rejects).unwrap();

        let cuisine = &outcomes.by_programme[&("40022106".to_string(), Route::Scolaire)];
        assert_eq!(cuisine.employment, Figure::known(35.0, "2022-2023", REGION_SOURCE_ID));
        assert_eq!(cuisine.further_study.get(), Some(45.0));
        // 44 in the final year, 11 employed, 19 studying: 14 elsewhere, 32 %.
        assert_eq!(cuisine.other.get(), Some(32.0));
        assert_eq!(cuisine.cohort.get(), Some(44));

        let cap = &outcomes.by_programme[&("50022139".to_string(), Route::Scolaire)];
        assert_eq!(cap.employment.get(), None);
        assert_eq!(cap.employment.missing.as_deref(), Some(SMALL_COHORT));
        assert!(!outcomes.by_programme.contains_key(&("40033403".to_string(), Route::Scolaire)), "other regions are left out");
        assert!(rejects.is_empty());
    }

    #[test]
    fn a_cap_is_shown_with_its_two_year_course_not_the_one_year_one() {
        let mut bcn = Bcn::default();
        for (mef, years) in [("23110022139", 1), ("23220022139", 2)] {
            let mef_row = Mef { cfd: "50022139".into(), duration_years: Some(years), year_of_course: Some(years), label: String::new() };
            bcn.mefs.insert(mef.into(), mef_row);
        }
        // The 1-year course comes first in the file, as in the real one; here it is even the larger.
        let lines = [HEADER.to_string(), row("2022_2023", "53", "23110022139", 60, "40", "52"), row("2022_2023", "53", "23220022139", 52, "30", "69")];
        let mut rejects = Vec::new();
        let outcomes = parse_regional(lines.join("\n").as_bytes(), "ij.csv", "53", &bcn, &mut rejects).unwrap();
        let cap = &outcomes.by_programme[&("50022139".to_string(), Route::Scolaire)];
        assert_eq!(cap.cohort.get(), Some(52));
        assert_eq!(cap.further_study.get(), Some(69.0));
    }

    #[test]
    fn unknown_mefs_are_reported_not_dropped_silently() {
        let lines = [HEADER.to_string(), row("2022_2023", "53", "99999999999", 40, "30", "40")];
        let mut rejects = Vec::new();
        parse_regional(lines.join("\n").as_bytes(), "ij.csv", "53", &bcn(), &mut rejects).unwrap();
        assert_eq!(rejects.len(), 1);
        assert!(rejects[0].reason.contains("99999999999"));
    }

    #[test]
    fn quartiles_interpolate_like_percentile_cont() {
        let values = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(percentile_cont(&values, 0.0), 10.0);
        assert_eq!(percentile_cont(&values, 0.25), 17.5);
        assert_eq!(percentile_cont(&values, 0.5), 25.0);
        assert_eq!(percentile_cont(&values, 1.0), 40.0);
        assert_eq!(percentile_cont(&[7.0], 0.75), 7.0);
    }

    #[test]
    fn benchmarks_need_enough_programmes() {
        let few = vec![10.0, 20.0, 30.0];
        assert!(benchmark(Some(20.0), Some(&few)).is_none());
        let many = vec![10.0, 20.0, 30.0, 40.0, 50.0];
        let benchmark = benchmark(Some(45.0), Some(&many)).unwrap();
        assert_eq!(benchmark.quartiles, [10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(benchmark.level, BenchmarkLevel::Favourable);
        assert_eq!(benchmark.programmes, 5);
    }

    #[test]
    fn a_school_s_figures_are_those_of_its_school_route_students() {
        // Real rows (2022-2023): Pierre Mendès-France has apprentices, Jean Jaurès none; the third school is made up.
        let file = "n°UAI de l'établissement;Libellé de l'établissement;Région;Dont apprentis en EPLE;Taux de poursuite d'études;Taux;Taux attendu;Valeur ajoutée
0350030T;Lycée Pierre Mendès-France;BRETAGNE;dont apprentis;56;90;78;12
0350030T;Lycée Pierre Mendès-France;BRETAGNE;ensemble;53;60;53;8
0350030T;Lycée Pierre Mendès-France;BRETAGNE;dont élèves en voie pro sco;53;52;46;6
0350031U;Lycée professionnel Jean Jaurès;BRETAGNE;ensemble;57;51;42;9
0350999A;Un lycée sans ligne voie scolaire;BRETAGNE;dont apprentis;50;80;70;10
0350999A;Un lycée sans ligne voie scolaire;BRETAGNE;ensemble;50;70;60;10
";
        let schools = parse_schools(file.as_bytes(), "035", &mut Vec::new()).unwrap();
        let employment = |uai: &str| schools[uai].employment_6_months.get();
        assert_eq!(employment("0350030T"), Some(52.0), "apprentices left out");
        assert_eq!(schools["0350030T"].added_value.get(), Some(6.0));
        assert_eq!(employment("0350031U"), Some(51.0), "no apprentices: « ensemble » is the school route");
        assert!(!schools.contains_key("0350999A"), "« ensemble » with apprentices in it is not shown as the school route");
    }
}
