//! Futur Pro offers → our `Dataset` (see `docs/futur-pro-mapping.md`).

use std::collections::{BTreeMap, HashSet};

use proxipro_model::{
    Access, Address, Dataset, Diploma, Entry, Figure, Job, LatLon, Offer, Outcomes, Programme, Provenance, Region,
    Route, School, SchoolKind, Sector, Source, SCHEMA_VERSION,
};

use crate::wire::{Etablissement, Formation, FormationItem, IndicateurEntree, RegionalRates};

const SOURCE_SCHOOLS: &str = "futurpro-etablissement";
const SOURCE_AFFELNET: &str = "futurpro-affelnet";
const SOURCE_INSERJEUNES: &str = "futurpro-inserjeunes-region";
const SOURCE_SALARIES: &str = "futurpro-inserjeunes-national";
const SOURCE_ONISEP: &str = "futurpro-onisep";
const SOURCE_FORMATIONS: &str = "futurpro-formations";

/// The dataset, and in French what could not be taken from the answers.
#[derive(Debug, Clone)]
pub struct Converted {
    pub dataset: Dataset,
    pub skipped: Vec<String>,
}

/// Collects offers one by one (list items, with their detail when it came) into a dataset.
#[derive(Debug)]
pub struct DatasetBuilder {
    region: Region,
    schools: BTreeMap<String, School>,
    programmes: BTreeMap<String, Programme>,
    offers: Vec<Offer>,
    offer_ids: HashSet<String>,
    /// Programmes and routes whose rates were in a detail that did not come, and why.
    rates_not_received: BTreeMap<(String, Route), String>,
    skipped: Vec<String>,
}

impl DatasetBuilder {
    pub fn new(region: Region) -> Self {
        DatasetBuilder {
            region,
            schools: BTreeMap::new(),
            programmes: BTreeMap::new(),
            offers: Vec::new(),
            offer_ids: HashSet::new(),
            rates_not_received: BTreeMap::new(),
            skipped: Vec::new(),
        }
    }

    /// Adds one offer of the list; `detail` is its detail answer, or why it could not be had.
    pub fn add(&mut self, item: &FormationItem, detail: Result<&FormationItem, &str>) {
        let (full, detail_missing) = match detail {
            Ok(detail) => (detail, None),
            Err(reason) => (item, Some(format!("fiche détaillée non reçue de Futur Pro ({reason})"))),
        };
        let uai = full.etablissement.uai.clone();
        let Some(route) = route_of(&full.formation.voie) else {
            return self.skip(format!("{uai} {} : voie « {} » inconnue", full.formation.cfd, full.formation.voie));
        };
        if !self.schools.contains_key(&uai) {
            match school(&full.etablissement) {
                Ok(school) => {
                    self.schools.insert(uai.clone(), school);
                }
                Err(reason) => return self.skip(format!("établissement {uai} : {reason}")),
            }
        }
        if let (Some(school), Some(true)) = (self.schools.get_mut(&uai), full.formation_etablissement.has_hebergement) {
            school.boarding = Some(true);
        }

        let cfd = full.formation.cfd.clone();
        let mef = full.formation.mef11.clone().unwrap_or_default();
        let id = match route {
            Route::Scolaire if mef.is_empty() => {
                return self.skip(format!("{uai} {cfd} : offre scolaire sans code MEF"));
            }
            Route::Scolaire => format!("{uai}-{mef}-st"),
            // Futur Pro keys apprenticeship by CFD only: there is no MEF to put in the id.
            Route::Apprentissage if mef.is_empty() => format!("{uai}-{cfd}-ap"),
            Route::Apprentissage => format!("{uai}-{mef}-ap"),
        };
        if !self.offer_ids.insert(id.clone()) {
            return; // The same offer on two pages: the first one stands.
        }

        let programme = self.programmes.entry(cfd.clone()).or_insert_with(|| programme(full));
        if detail_missing.is_none() && !programme.outcomes.iter().any(|o| o.route == route) {
            // Only the region's own figures: they are shown as « en <région> ».
            let rates = full.formation_etablissement.indicateur_poursuite_regional.as_ref().and_then(|r| r.by_diplome.as_ref());
            let rates = rates.filter(|rates| rates.region.as_deref().is_none_or(|code| code == self.region.region_code));
            if let Some(rates) = rates {
                programme.outcomes.push(outcomes(route, rates));
            }
        }
        if let Some(reason) = &detail_missing {
            self.rates_not_received.entry((cfd.clone(), route)).or_insert_with(|| reason.clone());
        }

        let access = match &detail_missing {
            Some(reason) => access_unavailable(reason),
            None => access(full.formation_etablissement.indicateur_entree.as_ref()),
        };
        let entry = entry_of(&mef);
        self.offers.push(Offer { id, uai, cfd, mef_stat_11: mef, route, entry, access });
    }

    fn skip(&mut self, reason: String) {
        self.skipped.push(reason);
    }

    pub fn finish(mut self) -> Converted {
        // Rates no other offer's detail brought: said missing with why, not « no data ».
        for ((cfd, route), reason) in &self.rates_not_received {
            if let Some(programme) = self.programmes.get_mut(cfd).filter(|p| !p.outcomes.iter().any(|o| o.route == *route)) {
                programme.outcomes.push(outcomes_not_received(*route, reason));
            }
        }
        // The model finds offers by binary search on their id; the API lists them in its own
        // order, and may list one twice across pages.
        self.offers.sort_by(|a, b| a.id.cmp(&b.id));
        self.offers.dedup_by(|later, kept| later.id == kept.id);
        let dataset = Dataset {
            schema_version: SCHEMA_VERSION,
            region: self.region,
            schools: self.schools.into_values().collect(),
            programmes: self.programmes.into_values().collect(),
            offers: self.offers,
            network: None,
            places: Vec::new(),
        };
        Converted { dataset, skipped: self.skipped }
    }
}

fn route_of(voie: &str) -> Option<Route> {
    match voie {
        "scolaire" => Some(Route::Scolaire),
        "apprentissage" => Some(Route::Apprentissage),
        _ => None,
    }
}

fn school(etablissement: &Etablissement) -> Result<School, String> {
    let (Some(lat), Some(lon)) = (etablissement.latitude, etablissement.longitude) else {
        return Err("coordonnées absentes".into());
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordonnées impossibles ({lat}, {lon})"));
    }
    let sector = match etablissement.statut.as_deref() {
        Some("public") => Sector::Public,
        Some(statut) if statut.starts_with("priv") => Sector::Prive,
        _ => return Err("statut public ou privé absent".into()),
    };
    let kind = match etablissement.kind.as_deref() {
        Some("LP") => SchoolKind::LyceeProfessionnel,
        Some("SEP") => SchoolKind::SectionEnseignementProfessionnel,
        Some("LYC") => SchoolKind::LyceePolyvalent,
        Some("CFA") => SchoolKind::Cfa,
        _ => SchoolKind::Autre,
    };
    let text = |field: &Option<String>| field.clone().unwrap_or_default();
    Ok(School {
        uai: etablissement.uai.clone(),
        name: etablissement.libelle.clone().unwrap_or_else(|| etablissement.uai.clone()),
        kind,
        sector,
        address: Address {
            street: text(&etablissement.address_street),
            postcode: text(&etablissement.address_post_code),
            commune: text(&etablissement.address_city),
            commune_code: String::new(),
        },
        position: LatLon { lat, lon },
        boarding: etablissement.has_formation_with_hebergement,
        // Futur Pro falls back to an Onisep page when a school has no site: that is not the school's site.
        website: web_link(&etablissement.url).filter(|url| !url.starts_with("https://www.onisep.fr/")),
        onisep_id: etablissement.onisep_id.clone(),
        open_days: open_days(etablissement),
        outcomes: None,
        source: SOURCE_SCHOOLS.into(),
    })
}

/// A web address as a link may carry it: `http(s)://` only. Any server can be set as the API in a
/// shared address (`?api=`), and a `javascript:` one would run in the app's page when clicked.
fn web_link(url: &Option<String>) -> Option<String> {
    let url = url.as_deref()?.trim();
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (scheme.starts_with("https://") || scheme.starts_with("http://")).then(|| url.to_string())
}

fn open_days(etablissement: &Etablissement) -> Figure<Vec<String>> {
    let dates = etablissement.jpo_dates.as_deref().unwrap_or_default();
    let mut lines: Vec<String> = dates
        .iter()
        .filter_map(|day| {
            let date = french_date(day.from.as_deref()?)?;
            Some(match day.details.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(details) => format!("le {date} : {details}"),
                None => format!("le {date}"),
            })
        })
        .collect();
    if let Some(details) = etablissement.jpo_details.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        lines.push(details.to_string());
    }
    if lines.is_empty() {
        return Figure::unavailable("aucune date de portes ouvertes publiée sur Onisep");
    }
    let year = dates.iter().filter_map(|day| day.from.as_deref()?.get(..4)).next().unwrap_or_default();
    Figure::known(lines, year, SOURCE_ONISEP)
}

/// `2025-02-01T09:00:00.000Z` → `01/02/2025`. The hour is left out: it is UTC and would read wrong in Paris.
fn french_date(iso: &str) -> Option<String> {
    let (year, month, day) = (iso.get(0..4)?, iso.get(5..7)?, iso.get(8..10)?);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (digits(year) && digits(month) && digits(day)).then(|| format!("{day}/{month}/{year}"))
}

/// The 4th digit of a MEF STAT 11 is the year of the course (`2382…` is a 1re pro);
/// apprenticeship offers have no MEF and are entered after the 3e.
fn entry_of(mef_stat_11: &str) -> Entry {
    match mef_stat_11.as_bytes().get(3) {
        Some(year) if (b'2'..=b'9').contains(year) => Entry::PremierePro,
        _ => Entry::AfterTroisieme,
    }
}

fn programme(item: &FormationItem) -> Programme {
    let formation = &item.formation;
    let level = formation.niveau_diplome.clone().unwrap_or_else(|| formation.cfd.chars().take(3).collect());
    Programme {
        cfd: formation.cfd.clone(),
        label: formation.libelle.clone().unwrap_or_else(|| formation.cfd.clone()),
        diploma: Diploma::from_level(&level),
        duration_years: item
            .formation_etablissement
            .duree
            .as_deref()
            .and_then(|duree| duree.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()),
        field: None,
        famille: None,
        common_year: formation.is_annee_commune.unwrap_or(false),
        specialities: Vec::new(),
        onisep_url: formation
            .onisep_identifiant
            .as_ref()
            .map(|id| format!("https://www.onisep.fr/http/redirection/formation/slug/{id}")),
        description: description(formation),
        jobs: formation.metier.iter().map(job).collect(),
        outcomes: Vec::new(),
        salary: salary(formation),
        sources: [Some(SOURCE_FORMATIONS), formation.onisep_identifiant.as_ref().map(|_| SOURCE_ONISEP)]
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect(),
    }
}

fn description(formation: &Formation) -> Figure<Vec<String>> {
    let paragraphs = formation.description.as_deref().map(plain_paragraphs).unwrap_or_default();
    if paragraphs.is_empty() {
        return Figure::unavailable("pas de présentation Onisep dans les sources utilisées");
    }
    Figure::known(paragraphs, "", SOURCE_ONISEP)
}

/// Onisep's HTML as plain paragraphs: tags dropped, a few entities decoded. Shown as text, never as HTML.
pub(crate) fn plain_paragraphs(html: &str) -> Vec<String> {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim_start_matches('/').to_ascii_lowercase();
        if tag.starts_with('p') || tag.starts_with("br") || tag.starts_with("li") || tag.starts_with("div") {
            text.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

fn job(metier: &crate::wire::Metier) -> Job {
    Job {
        rome: metier.rome.clone(),
        label: metier.libelle.clone(),
        green: metier.transition_ecologique,
        digital: metier.transition_numerique,
        shortage: Figure::unavailable("aucune source sur les métiers en tension dans les données utilisées"),
        url: web_link(&metier.france_travail_link).or_else(|| web_link(&metier.onisep_link)),
    }
}

fn salary(formation: &Formation) -> Figure<String> {
    let national = formation.indicateur_poursuite.as_ref();
    let quartile = |q: Option<f64>| q.filter(|q| q.is_finite() && *q > 0.0);
    match national.map(|n| (quartile(n.salaire_12_mois_q1), quartile(n.salaire_12_mois_q2), quartile(n.salaire_12_mois_q3))) {
        Some((Some(q1), Some(q2), Some(q3))) => Figure::known(
            format!(
                "{} € à {} € net par mois, 12 mois après la sortie (médiane {} €), en France",
                euros(q1),
                euros(q3),
                euros(q2)
            ),
            "",
            SOURCE_SALARIES,
        ),
        _ => Figure::unavailable("salaires non publiés par Futur Pro pour cette formation"),
    }
}

/// `1480.0` → `1 480` (narrow no-break space, as French typography wants).
fn euros(amount: f64) -> String {
    let digits = format!("{:.0}", amount);
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    grouped
}

fn outcomes(route: Route, rates: &RegionalRates) -> Outcomes {
    let year = rates.millesime.replace('_', "-");
    let rate = |value: Option<f64>| match value {
        Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => Figure::known(v as f32, year.clone(), SOURCE_INSERJEUNES),
        Some(v) => Figure::withheld(format!("valeur impossible reçue ({v})"), year.clone(), SOURCE_INSERJEUNES),
        None => Figure::withheld("non publié par InserJeunes", year.clone(), SOURCE_INSERJEUNES),
    };
    Outcomes {
        route,
        cohort: Figure::withheld("effectif non fourni par Futur Pro", year.clone(), SOURCE_INSERJEUNES),
        employment: rate(rates.taux_en_emploi_6_mois),
        further_study: rate(rates.taux_en_formation),
        other: rate(rates.taux_autres_6_mois),
        // Futur Pro's quartiles are over another population and do not say its size (mapping, finding 6).
        employment_benchmark: None,
        further_study_benchmark: None,
    }
}

fn access(entree: Option<&IndicateurEntree>) -> Access {
    let Some(entree) = entree else {
        return access_unavailable("pas de données Affelnet pour cette offre dans Futur Pro");
    };
    let year = entree.rentree_scolaire.as_str();
    let withheld = || "non publié par Affelnet pour cette offre";
    let count = |value: Option<f64>| match value {
        Some(v) if v.is_finite() && v >= 0.0 && v <= f64::from(u32::MAX) => Figure::known(v.round() as u32, year, SOURCE_AFFELNET),
        Some(v) => Figure::withheld(format!("valeur impossible reçue ({v})"), year, SOURCE_AFFELNET),
        None => Figure::withheld(withheld(), year, SOURCE_AFFELNET),
    };
    Access {
        capacity: count(entree.capacite),
        first_wishes: count(entree.premiers_voeux),
        all_wishes: count(entree.voeux),
        pressure: match entree.taux_pression {
            Some(v) if v.is_finite() && v >= 0.0 => Figure::known(v as f32, year, SOURCE_AFFELNET),
            Some(v) => Figure::withheld(format!("valeur impossible reçue ({v})"), year, SOURCE_AFFELNET),
            None => Figure::withheld(withheld(), year, SOURCE_AFFELNET),
        },
        // Futur Pro's `effectifs` counts admissions on any wish, not on the first one.
        admitted_first_wish: Figure::unavailable("non fourni par Futur Pro"),
    }
}

fn outcomes_not_received(route: Route, reason: &str) -> Outcomes {
    Outcomes {
        route,
        cohort: Figure::unavailable(reason),
        employment: Figure::unavailable(reason),
        further_study: Figure::unavailable(reason),
        other: Figure::unavailable(reason),
        employment_benchmark: None,
        further_study_benchmark: None,
    }
}

fn access_unavailable(reason: &str) -> Access {
    Access {
        capacity: Figure::unavailable(reason),
        first_wishes: Figure::unavailable(reason),
        all_wishes: Figure::unavailable(reason),
        pressure: Figure::unavailable(reason),
        admitted_first_wish: Figure::unavailable(reason),
    }
}

/// The sources page for data read from Futur Pro at `base_url`.
pub fn provenance(region: Region, base_url: &str) -> Provenance {
    let source = |id: &str, title: &str, publisher: &str, used_for: &str| Source {
        id: id.into(),
        title: title.into(),
        publisher: format!("{publisher}, via l'API Futur Pro"),
        year: "à la date de la consultation".into(),
        licence: "non précisée par l'API Futur Pro (données publiques qu'elle reprend ; celle de chaque éditeur s'applique)".into(),
        url: Some(base_url.to_string()),
        file: format!("{base_url}/api/formations"),
        used_for: used_for.into(),
    };
    Provenance {
        schema_version: SCHEMA_VERSION,
        region,
        sources: vec![
            source(SOURCE_SCHOOLS, "Établissements", "Ministère de l'Éducation nationale (ACCE) et Onisep", "nom, adresse, position, statut, internat, site"),
            source(SOURCE_AFFELNET, "Vœux et places Affelnet", "Ministère de l'Éducation nationale (DEPP)", "places, vœux de rang 1, tous vœux, taux de pression"),
            source(SOURCE_INSERJEUNES, "InserJeunes par région", "DEPP et DARES", "taux d'emploi, de poursuite d'études et autres situations six mois après la sortie"),
            source(SOURCE_SALARIES, "Salaires InserSup/InserJeunes nationaux", "DEPP et DARES", "salaires nets 12 mois après la sortie"),
            source(SOURCE_FORMATIONS, "Formations et métiers", "BCN, Certif Info et ROME (France Travail)", "intitulé, diplôme, durée, métiers visés"),
            source(SOURCE_ONISEP, "Formations et portes ouvertes Onisep", "Onisep", "présentation des formations, liens Onisep, dates de portes ouvertes"),
        ],
        methods: vec![
            "Les formations viennent de l'API Futur Pro : la liste, puis la fiche détaillée de chaque offre pour les chiffres.".into(),
            "Un chiffre que Futur Pro ne publie pas est affiché comme non disponible, avec la raison, jamais comme zéro.".into(),
            "Les repères régionaux (quartiles) de Futur Pro portent sur une autre population que les nôtres et ne sont pas repris.".into(),
        ],
    }
}
