//! Joins the sources into programmes and offers:
//! Affelnet (school × class) → BCN (class → diploma) → InserJeunes, Onisep, ROME.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proxipro_model::{Access, Diploma, Entry, Figure, Job, Offer, Programme, Route};

use crate::affelnet::{self, AffelnetOffer};
use crate::bcn::{self, programme_label, Bcn};
use crate::inserjeunes::RegionalOutcomes;
use crate::onisep::{self, title_without_diploma, Onisep};
use crate::report::{Joins, Reject};

const NO_SALARY: &str = "aucune donnée de salaire par diplôme dans les sources ouvertes utilisées";
const NO_SHORTAGE: &str = "aucune source sur les métiers en tension dans les données utilisées";
const NO_ALL_WISHES: &str = "le fichier Affelnet 2022 disponible ne publie que les vœux de rang 1";
const NO_ADMISSIONS: &str = "publié seulement pour les entrées en 1re pro";
/// Affelnet writes a stand-in (999…) where a class's capacity is not given.
const NO_PLACES: &str = "non renseigné dans Affelnet (une valeur de remplissage tient lieu de nombre de places)";
const NO_PRESSURE: &str = "pas de taux sans le nombre de places, non renseigné dans Affelnet";
const NO_DESCRIPTION: &str = "pas de présentation Onisep dans les sources utilisées";

pub struct Catalogue {
    pub programmes: Vec<Programme>,
    pub offers: Vec<Offer>,
}

pub struct Sources<'a> {
    pub affelnet: &'a [AffelnetOffer],
    /// (UAI, 1re pro MEF label) → admitted on first wish.
    pub premiere_admissions: &'a BTreeMap<(String, String), u32>,
    pub bcn: &'a Bcn,
    pub outcomes: &'a RegionalOutcomes,
    pub onisep: &'a Onisep,
    /// UAIs the annuaire knows, to place offers on the map.
    pub schools: &'a BTreeSet<String>,
}

pub fn assemble(sources: &Sources, rejects: &mut Vec<Reject>, joins: &mut Joins) -> Catalogue {
    let file = affelnet::file();
    let mut offers = Vec::new();
    for row in sources.affelnet {
        joins.count("offre Affelnet → établissement de l'annuaire", sources.schools.contains(&row.uai));
        if !sources.schools.contains(&row.uai) {
            rejects.push(Reject::new(file, row.line, format!("UAI « {} » absent de l'annuaire", row.uai)));
            continue;
        }
        let mef = sources.bcn.mefs.get(&row.mef_stat_11);
        joins.count("MEF STAT 11 → BCN n_mef (CFD)", mef.is_some());
        let Some(mef) = mef else {
            rejects.push(Reject::new(file, row.line, format!("MEF « {} » absent de la BCN", row.mef_stat_11)));
            continue;
        };
        let route = if row.apprenticeship { Route::Apprentissage } else { Route::Scolaire };
        let entry = if mef.year_of_course.is_some_and(|year| year >= 2) { Entry::PremierePro } else { Entry::AfterTroisieme };
        let admitted = sources.premiere_admissions.get(&(row.uai.clone(), mef.label.clone())).copied();
        offers.push(Offer {
            id: format!("{}-{}-{}", row.uai, row.mef_stat_11, if row.apprenticeship { "ap" } else { "st" }),
            uai: row.uai.clone(),
            cfd: mef.cfd.clone(),
            mef_stat_11: row.mef_stat_11.clone(),
            route,
            entry,
            access: access(row, entry, admitted),
        });
    }
    offers.sort_by(|a, b| a.id.cmp(&b.id));

    // Programmes of the offers, plus the specialities their common secondes lead to.
    let mut cfds: BTreeSet<String> = offers.iter().map(|offer| offer.cfd.clone()).collect();
    for cfd in cfds.clone() {
        if let Some(famille) = sources.bcn.familles.get(&cfd) {
            cfds.extend(famille.specialities.iter().cloned());
        }
    }
    // A diploma is prepared in several dispositifs (CAP in 1, 2 or 3 years…): its length is
    // that of the dispositif its offers here are in (the longest where they differ).
    let mut durations: HashMap<&str, u8> = HashMap::new();
    for offer in &offers {
        if let Some(years) = sources.bcn.mefs.get(&offer.mef_stat_11).and_then(|mef| mef.duration_years) {
            let longest = durations.entry(offer.cfd.as_str()).or_insert(years);
            *longest = (*longest).max(years);
        }
    }
    let programmes = cfds.iter().map(|cfd| programme(cfd, durations.get(cfd.as_str()).copied(), sources, joins)).collect();
    Catalogue { programmes, offers }
}

fn access(row: &AffelnetOffer, entry: Entry, admitted: Option<u32>) -> Access {
    let known = |value: Option<u32>| match value {
        Some(value) => Figure::known(value, affelnet::YEAR, affelnet::SOURCE_ID),
        None => Figure::withheld("non renseigné dans Affelnet", affelnet::YEAR, affelnet::SOURCE_ID),
    };
    let stand_in = row.capacity.is_some_and(|places| places > affelnet::MAX_REAL_CAPACITY);
    let pressure = match (row.first_wishes, row.capacity) {
        _ if stand_in => Figure::withheld(NO_PRESSURE, affelnet::YEAR, affelnet::SOURCE_ID),
        (Some(wishes), Some(places)) if places > 0 => {
            let ratio = (wishes as f32 / places as f32 * 100.0).round() / 100.0;
            Figure::known(ratio, affelnet::YEAR, affelnet::SOURCE_ID)
        }
        _ => Figure::withheld("places ou vœux non renseignés", affelnet::YEAR, affelnet::SOURCE_ID),
    };
    Access {
        capacity: if stand_in { Figure::withheld(NO_PLACES, affelnet::YEAR, affelnet::SOURCE_ID) } else { known(row.capacity) },
        first_wishes: known(row.first_wishes),
        all_wishes: Figure::unavailable(NO_ALL_WISHES),
        pressure,
        admitted_first_wish: match (entry, admitted) {
            (_, Some(admitted)) => Figure::known(admitted, affelnet::YEAR, affelnet::PREMIERE_SOURCE_ID),
            (Entry::PremierePro, None) => Figure::withheld("absent du fichier Affelnet 1re pro", affelnet::YEAR, affelnet::PREMIERE_SOURCE_ID),
            (Entry::AfterTroisieme, None) => Figure::unavailable(NO_ADMISSIONS),
        },
    }
}

/// `duration_years`: of the dispositif the region's offers are in; `None` for a speciality
/// only reached after a common seconde (its card is that of the seconde).
fn programme(cfd: &str, duration_years: Option<u8>, sources: &Sources, joins: &mut Joins) -> Programme {
    let bcn = sources.bcn;
    let onisep = sources.onisep;
    let diploma_entry = bcn.diplomas.get(cfd);
    joins.count("CFD → BCN n_formation_diplome", diploma_entry.is_some());
    let diploma = Diploma::from_level(diploma_entry.map_or_else(|| cfd.get(..3).unwrap_or(""), |d| d.level.as_str()));
    let common = bcn.familles.get(cfd);
    let certification = onisep.certifications.get(cfd);
    if common.is_none() {
        joins.count("CFD → Certif Info (titre, Onisep, ROME)", certification.is_some());
    }

    let label = match (common, certification) {
        (Some(famille), _) => famille.label.clone(),
        (None, Some(certification)) => title_without_diploma(&certification.title),
        (None, None) => diploma_entry.map_or_else(|| cfd.to_string(), |d| programme_label(&d.label)),
    };
    let ideo_page = match (common, certification.and_then(|c| c.onisep_id.as_deref())) {
        (Some(famille), _) => onisep.common_seconde(&famille.label),
        (None, Some(id)) => onisep.ideo.get_key_value(id).map(|(id, (_, url))| (id.as_str(), url.as_str())),
        (None, None) => None,
    };
    let (onisep_id, onisep_url) = match (ideo_page, common, certification.and_then(|c| c.onisep_id.as_deref())) {
        (Some((id, url)), _, _) => (Some(id.to_string()), Some(url.to_string())),
        // Certif Info gives the id, and Onisep redirects it to the page.
        (None, None, Some(id)) => (Some(id.to_string()), Some(format!("https://www.onisep.fr/http/redirection/formation/slug/{id}"))),
        (None, _, _) => (None, None),
    };
    let description = match onisep_id.as_ref().and_then(|id| onisep.fiches.get(id)) {
        Some(text) => Figure::known(text.clone(), "", onisep::FICHES_SOURCE_ID),
        None => Figure::unavailable(NO_DESCRIPTION),
    };

    // A common seconde leads to the jobs of all its specialities.
    let romes: Vec<String> = match common {
        Some(famille) => famille
            .specialities
            .iter()
            .filter_map(|speciality| onisep.certifications.get(speciality))
            .flat_map(|c| c.romes.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        None => certification.map(|c| c.romes.clone()).unwrap_or_default(),
    };
    let jobs: Vec<Job> = romes
        .iter()
        .filter_map(|code| {
            let rome = onisep.romes.get(code)?;
            Some(Job {
                rome: code.clone(),
                label: rome.label.clone(),
                green: rome.green,
                digital: rome.digital,
                shortage: Figure::unavailable(NO_SHORTAGE),
                url: rome.url.clone(),
            })
        })
        .collect();

    let outcomes: Vec<_> = [Route::Scolaire, Route::Apprentissage]
        .into_iter()
        .filter_map(|route| sources.outcomes.by_programme.get(&(cfd.to_string(), route)).cloned())
        .collect();
    if common.is_none() {
        joins.count("CFD → InserJeunes région (taux)", !outcomes.is_empty());
    }

    // The CFD, level, duration and field are BCN's; Certif Info names most programmes and
    // lists their jobs, which ROME names.
    let certif_info_used = certification.is_some() || common.is_some_and(|_| !romes.is_empty());
    let sources = [
        (bcn::SOURCE_ID, true),
        (onisep::CERTIF_SOURCE_ID, certif_info_used),
        (onisep::ROME_SOURCE_ID, !jobs.is_empty()),
        (onisep::IDEO_SOURCE_ID, ideo_page.is_some()),
    ];
    Programme {
        cfd: cfd.to_string(),
        label,
        diploma,
        duration_years,
        field: diploma_entry.and_then(|d| bcn.groups.get(&d.group)).cloned(),
        famille: bcn.famille_of(cfd).map(|f| f.label.clone()),
        common_year: common.is_some(),
        specialities: common.map(|f| f.specialities.clone()).unwrap_or_default(),
        onisep_url,
        description,
        jobs,
        outcomes,
        salary: Figure::unavailable(NO_SALARY),
        sources: sources.into_iter().filter(|(_, used)| *used).map(|(id, _)| id.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bcn::{DiplomaEntry, Famille, Mef};
    use crate::onisep::{Certification, Rome};
    use proxipro_model::{Figure, Outcomes};

    /// Codes and labels as in the real BCN, Certif Info and ROME files (hôtellerie-restauration).
    fn sources() -> (Bcn, Onisep, RegionalOutcomes) {
        let mut bcn = Bcn::default();
        let mef = |cfd: &str, year, label: &str| Mef { cfd: cfd.into(), duration_years: Some(3), year_of_course: Some(year), label: label.into() };
        bcn.mefs.insert("23810033404".into(), mef("40033404", 1, "2NDPRO MET.HOTEL.-RESTAUR. 2NDE COMMUNE"));
        bcn.mefs.insert("23820022106".into(), mef("40022106", 2, "1ERPRO CUISINE"));
        let diploma = |label: &str| DiplomaEntry { level: "400".into(), label: label.into(), group: "221".into() };
        bcn.diplomas.insert("40033404".into(), diploma("METIERS DE L'HOTELLERIE-RESTAURATION 2NDE COMMUNE (BAC PRO)"));
        bcn.diplomas.insert("40022106".into(), diploma("CUISINE (BAC PRO)"));
        bcn.diplomas.insert("40033403".into(), diploma("COMMERCIALISATION ET SERVICES EN RESTAURATION (BAC PRO)"));
        bcn.groups.insert("221".into(), "Agro-alimentaire, alimentation, cuisine".into());
        bcn.familles.insert(
            "40033404".into(),
            Famille { label: "Métiers de l'hôtellerie-restauration".into(), specialities: vec!["40022106".into(), "40033403".into()] },
        );

        let mut onisep = Onisep::default();
        onisep.certifications.insert(
            "40022106".into(),
            Certification { title: "Bac pro cuisine".into(), onisep_id: Some("FOR.423".into()), romes: vec!["G1601".into(), "G1602".into()] },
        );
        onisep.certifications.insert(
            "40033403".into(),
            Certification { title: "Bac pro commercialisation et services en restauration".into(), onisep_id: None, romes: vec!["G1803".into()] },
        );
        for (code, label, green) in [("G1601", "Chef / Cheffe de cuisine", Some(false)), ("G1602", "Commis / Commise de cuisine", None), ("G1803", "Serveur / Serveuse", Some(true))] {
            onisep.romes.insert(code.into(), Rome { label: label.into(), green, digital: None, url: None });
        }
        onisep.ideo.insert(
            "FOR.2627".into(),
            ("classe de seconde professionnelle métiers de l'hôtellerie-restauration".into(), "https://www.onisep.fr/FOR.2627".into()),
        );
        onisep.fiches.insert("FOR.2627".into(), vec!["La 2de professionnelle métiers de l'hôtellerie-restauration…".into()]);

        let outcome = Outcomes {
            route: Route::Scolaire,
            cohort: Figure::known(532, "2022-2023", "inserjeunes-region"),
            employment: Figure::known(58.0, "2022-2023", "inserjeunes-region"),
            further_study: Figure::known(62.0, "2022-2023", "inserjeunes-region"),
            other: Figure::known(16.0, "2022-2023", "inserjeunes-region"),
            employment_benchmark: None,
            further_study_benchmark: None,
        };
        let outcomes = RegionalOutcomes { by_programme: BTreeMap::from([(("40022106".to_string(), Route::Scolaire), outcome)]) };
        (bcn, onisep, outcomes)
    }

    fn row(line: u64, uai: &str, mef: &str, capacity: u32, wishes: u32) -> AffelnetOffer {
        AffelnetOffer { line, uai: uai.into(), mef_stat_11: mef.into(), apprenticeship: false, capacity: Some(capacity), first_wishes: Some(wishes) }
    }

    #[test]
    fn a_stand_in_capacity_counts_no_places_and_gives_no_pressure() {
        let private = access(&row(1, "0350769W", "23810031211", 999, 32), Entry::AfterTroisieme, None);
        assert_eq!(private.capacity.get(), None);
        assert_eq!(private.capacity.missing.as_deref(), Some(NO_PLACES));
        assert_eq!((private.pressure.get(), private.pressure.missing.as_deref()), (None, Some(NO_PRESSURE)));
        assert_eq!(private.first_wishes.get(), Some(32), "the wishes are real");

        let largest_real = access(&row(1, "0350031U", "23810025222", affelnet::MAX_REAL_CAPACITY, 106), Entry::AfterTroisieme, None);
        assert_eq!(largest_real.capacity.get(), Some(500));
        assert_eq!(largest_real.pressure.get(), Some(0.21));
    }

    #[test]
    fn offers_join_schools_diplomas_outcomes_jobs_and_familles() {
        let (bcn, onisep, outcomes) = sources();
        let affelnet = vec![
            row(10, "0350005R", "23810033404", 96, 97),
            row(11, "0350005R", "23820022106", 48, 59),
            row(12, "0359999Z", "23820022106", 10, 10),
            row(13, "0350005R", "23899999999", 10, 10),
        ];
        let admissions = BTreeMap::from([(("0350005R".to_string(), "1ERPRO CUISINE".to_string()), 46)]);
        let schools = BTreeSet::from(["0350005R".to_string()]);
        let (mut rejects, mut joins) = (Vec::new(), Joins::default());
        let catalogue = assemble(
            &Sources { affelnet: &affelnet, premiere_admissions: &admissions, bcn: &bcn, outcomes: &outcomes, onisep: &onisep, schools: &schools },
            &mut rejects,
            &mut joins,
        );

        // Unknown school and unknown MEF are reported with their line, not dropped silently.
        let lines: Vec<u64> = rejects.iter().map(|r| r.line).collect();
        assert_eq!(lines, [12, 13]);
        assert_eq!(joins.0["offre Affelnet → établissement de l'annuaire"], (3, 4));
        assert_eq!(joins.0["MEF STAT 11 → BCN n_mef (CFD)"], (2, 3));

        let ids: Vec<&str> = catalogue.offers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["0350005R-23810033404-st", "0350005R-23820022106-st"]);
        let cuisine = &catalogue.offers[1];
        assert_eq!((cuisine.cfd.as_str(), cuisine.entry), ("40022106", Entry::PremierePro));
        assert_eq!(cuisine.access.pressure.get(), Some(1.23));
        assert_eq!(cuisine.access.admitted_first_wish.get(), Some(46));
        assert!(cuisine.access.all_wishes.missing.is_some());

        // The common seconde brings its specialities along, even one offered nowhere here.
        let cfds: Vec<&str> = catalogue.programmes.iter().map(|p| p.cfd.as_str()).collect();
        assert_eq!(cfds, ["40022106", "40033403", "40033404"]);
        let seconde = &catalogue.programmes[2];
        assert!(seconde.common_year);
        assert_eq!(seconde.label, "Métiers de l'hôtellerie-restauration");
        assert_eq!(seconde.onisep_url.as_deref(), Some("https://www.onisep.fr/FOR.2627"));
        assert!(seconde.description.value.is_some());
        let romes: Vec<&str> = seconde.jobs.iter().map(|j| j.rome.as_str()).collect();
        assert_eq!(romes, ["G1601", "G1602", "G1803"], "a seconde leads to its specialities' jobs");
        assert_eq!(seconde.sources, ["bcn", "certif-info", "rome", "onisep-ideo"]);

        let programme = &catalogue.programmes[0];
        assert_eq!(programme.label, "Cuisine");
        // Idéo has no page for FOR.423: the link is Onisep's redirect of Certif Info's id.
        assert_eq!(programme.onisep_url.as_deref(), Some("https://www.onisep.fr/http/redirection/formation/slug/FOR.423"));
        assert_eq!(programme.sources, ["bcn", "certif-info", "rome"], "sources of the title, jobs and link");
        assert_eq!(programme.field.as_deref(), Some("Agro-alimentaire, alimentation, cuisine"));
        assert_eq!(programme.famille.as_deref(), Some("Métiers de l'hôtellerie-restauration"));
        assert_eq!(programme.outcomes[0].employment.get(), Some(58.0));
        assert!(programme.salary.value.is_none() && programme.salary.missing.is_some(), "no salary source: explicit");
        assert_eq!(catalogue.programmes[1].outcomes.len(), 0, "no InserJeunes row: no invented figures");
        assert_eq!(joins.0["CFD → InserJeunes région (taux)"], (1, 2));
    }
}
