//! Joins the sources into programmes and offers:
//! Affelnet (school × class) → BCN (class → diploma) → InserJeunes, Onisep, ROME.

use std::collections::{BTreeMap, BTreeSet};

use proxipro_model::{Access, Diploma, Entry, Figure, Job, Offer, Programme, Route};

use crate::affelnet::{self, AffelnetOffer};
use crate::bcn::{programme_label, Bcn};
use crate::inserjeunes::RegionalOutcomes;
use crate::onisep::{self, title_without_diploma, Onisep};
use crate::report::{Joins, Reject};

const NO_SALARY: &str = "aucune donnée de salaire par diplôme dans les sources ouvertes utilisées";
const NO_SHORTAGE: &str = "aucune source sur les métiers en tension dans les données utilisées";
const NO_ALL_WISHES: &str = "le fichier Affelnet 2022 disponible ne publie que les vœux de rang 1";
const NO_ADMISSIONS: &str = "publié seulement pour les entrées en 1re pro";
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
    let programmes = cfds.iter().map(|cfd| programme(cfd, sources, joins)).collect();
    Catalogue { programmes, offers }
}

fn access(row: &AffelnetOffer, entry: Entry, admitted: Option<u32>) -> Access {
    let known = |value: Option<u32>| match value {
        Some(value) => Figure::known(value, affelnet::YEAR, affelnet::SOURCE_ID),
        None => Figure::withheld("non renseigné dans Affelnet", affelnet::YEAR, affelnet::SOURCE_ID),
    };
    let pressure = match (row.first_wishes, row.capacity) {
        (Some(wishes), Some(places)) if places > 0 => {
            let ratio = (wishes as f32 / places as f32 * 100.0).round() / 100.0;
            Figure::known(ratio, affelnet::YEAR, affelnet::SOURCE_ID)
        }
        _ => Figure::withheld("places ou vœux non renseignés", affelnet::YEAR, affelnet::SOURCE_ID),
    };
    Access {
        capacity: known(row.capacity),
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

fn programme(cfd: &str, sources: &Sources, joins: &mut Joins) -> Programme {
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
    let (onisep_id, onisep_url) = match (common, certification.and_then(|c| c.onisep_id.as_deref())) {
        (Some(famille), _) => match onisep.common_seconde(&famille.label) {
            Some((id, url)) => (Some(id.to_string()), Some(url.to_string())),
            None => (None, None),
        },
        (None, Some(id)) => {
            let url = onisep.ideo.get(id).map(|(_, url)| url.clone());
            (Some(id.to_string()), Some(url.unwrap_or_else(|| format!("https://www.onisep.fr/http/redirection/formation/slug/{id}"))))
        }
        (None, None) => (None, None),
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
    let jobs = romes
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

    Programme {
        cfd: cfd.to_string(),
        label,
        diploma,
        duration_years: bcn.mefs.values().find(|mef| mef.cfd == cfd).and_then(|mef| mef.duration_years),
        field: diploma_entry.and_then(|d| bcn.groups.get(&d.group)).cloned(),
        famille: bcn.famille_of(cfd).map(|f| f.label.clone()),
        common_year: common.is_some(),
        specialities: common.map(|f| f.specialities.clone()).unwrap_or_default(),
        onisep_url,
        description,
        jobs,
        outcomes,
        salary: Figure::unavailable(NO_SALARY),
    }
}
