//! What the provenance file says about each source: publisher, licence, year, use.

use proxipro_model::{Source, NO_PROSPECTS, PRESSURE_THRESHOLDS};

use crate::{affelnet, annuaire, bcn, inserjeunes, onisep, places};

const OPEN_LICENCE: &str = "Licence Ouverte / Etalab 2.0";
const UNCLEAR: &str = "non précisée par la copie utilisée (éditeur : données publiques)";

// One argument per column of the sources page, in its order: the table below reads as one.
#[allow(clippy::too_many_arguments)]
fn source(id: &str, title: &str, publisher: &str, year: &str, licence: &str, url: Option<&str>, file: &str, used_for: &str) -> Source {
    Source {
        id: id.into(),
        title: title.into(),
        publisher: publisher.into(),
        year: year.into(),
        licence: licence.into(),
        url: url.map(str::to_string),
        file: file.into(),
        used_for: used_for.into(),
    }
}

/// Every source the build read, in the order the sources page lists them.
pub fn all(annuaire_file: &str, annuaire_last_update: &str) -> Vec<Source> {
    let annuaire_year = if annuaire_last_update.is_empty() {
        "date de mise à jour non indiquée".to_string()
    } else {
        format!("lignes mises à jour jusqu'au {annuaire_last_update}")
    };
    vec![
        source(
            annuaire::SOURCE_ID,
            "Annuaire de l'éducation",
            "Ministère de l'Éducation nationale (data.education.gouv.fr)",
            &annuaire_year,
            OPEN_LICENCE,
            Some("https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/"),
            annuaire_file,
            "Établissements : nom, statut, adresse, coordonnées, internat, site web, fiche Onisep ; collèges comme points de départ",
        ),
        source(
            affelnet::SOURCE_ID,
            "Affelnet : capacités et demandes de vœux de rang 1",
            "Ministère de l'Éducation nationale, via le service Orion (mission-apprentissage/tjp-pilotage)",
            affelnet::YEAR,
            UNCLEAR,
            None,
            "education/affelnet/affelnet_attractivite_capacite_2022_national.csv",
            "Offres (établissement × classe d'entrée) : places, vœux de rang 1, taux de pression",
        ),
        source(
            affelnet::PREMIERE_SOURCE_ID,
            "Affelnet : offre de 1re professionnelle",
            "Ministère de l'Éducation nationale, via le service Orion (mission-apprentissage/tjp-pilotage)",
            affelnet::YEAR,
            UNCLEAR,
            None,
            "education/affelnet/affelnet_1ere_pro_offre_voeux_national.csv",
            "Entrées en 1re pro : élèves affectés sur leur vœu 1",
        ),
        source(
            bcn::SOURCE_ID,
            "Base centrale des nomenclatures (BCN) : MEF, diplômes, groupes de spécialités, familles de métiers",
            "Ministère de l'Éducation nationale (BCN)",
            "extraction 2025 (mises à jour jusqu'au 29/08/2025)",
            OPEN_LICENCE,
            Some("https://infocentre.pleiade.education.fr/bcn/"),
            "education/bcn/",
            "Classe → diplôme (CFD), niveau, durée, domaine, familles de métiers et leurs spécialités",
        ),
        source(
            inserjeunes::REGION_SOURCE_ID,
            "InserJeunes par région et formation",
            "DEPP et DARES (InserJeunes), via le service Orion",
            "millésimes 2019-2020 à 2022-2023",
            OPEN_LICENCE,
            Some("https://www.education.gouv.fr/l-insertion-des-jeunes-apres-une-formation-en-voie-professionnelle-307956"),
            "education/inserjeunes/inserjeunes_region_formation.csv",
            "Devenir des sortants 6 mois après : emploi, poursuite d'études, autres situations ; comparaison régionale",
        ),
        source(
            inserjeunes::SCHOOL_SOURCE_ID,
            "InserJeunes par lycée",
            "DEPP (InserJeunes)",
            inserjeunes::SCHOOL_YEAR,
            OPEN_LICENCE,
            Some("https://www.education.gouv.fr/l-insertion-des-jeunes-apres-une-formation-en-voie-professionnelle-307956"),
            inserjeunes::SCHOOL_FILE,
            "Taux d'emploi, taux attendu et valeur ajoutée de chaque lycée, pour ses élèves de la voie scolaire (toutes formations confondues)",
        ),
        source(
            onisep::CERTIF_SOURCE_ID,
            "Certif Info : diplômes et codes ROME",
            "Réseau des Carif-Oref (Certif Info), via mission-apprentissage/tjp-pilotage",
            "mise à jour d'avril 2024",
            UNCLEAR,
            Some("https://www.certifinfo.org/"),
            onisep::FORMATION_ROME_FILE,
            "Intitulé des diplômes, identifiant Onisep, métiers visés (codes ROME)",
        ),
        source(
            onisep::ROME_SOURCE_ID,
            "Répertoire opérationnel des métiers et des emplois (ROME 4.0)",
            "France Travail",
            "ROME 4.0",
            OPEN_LICENCE,
            Some("https://www.francetravail.org/opendata/repertoire-operationnel-des-meti.html"),
            "education/rome/rome.csv, education/rome/cqlp_rome_romeMetier.csv",
            "Intitulés des métiers, métiers de la transition écologique et numérique",
        ),
        source(
            onisep::IDEO_SOURCE_ID,
            "Onisep Idéo : formations initiales en France",
            "Onisep",
            "2022",
            "ODbL (selon l'Onisep ; non vérifié sur la copie utilisée)",
            Some("https://www.onisep.fr/"),
            onisep::IDEO_FILE,
            "Liens vers les pages Onisep des formations",
        ),
        source(
            onisep::FICHES_SOURCE_ID,
            "Onisep : présentation des secondes professionnelles et de formations",
            "Onisep, via mission-apprentissage/c-est-qui-le-pro",
            "non daté",
            UNCLEAR,
            Some("https://www.onisep.fr/"),
            onisep::FICHES_FILE,
            "Présentation des formations (texte)",
        ),
        source(
            places::COMMUNES_SOURCE_ID,
            "Base officielle des codes postaux (communes et leur centre)",
            "La Poste (datanova, laposte_hexasmal)",
            "2022",
            UNCLEAR,
            Some("https://datanova.laposte.fr/"),
            places::COMMUNES_FILE,
            "Points de départ hors ligne : le centre de chaque commune",
        ),
        source(
            onisep::JPO_SOURCE_ID,
            "Onisep : journées portes ouvertes",
            "Onisep, via mission-apprentissage/c-est-qui-le-pro",
            "2025",
            UNCLEAR,
            Some("https://www.onisep.fr/"),
            onisep::JPO_FILE,
            "Dates de portes ouvertes des établissements",
        ),
    ]
}

/// How the dataset selects and derives what it shows, in French.
pub fn methods() -> Vec<String> {
    vec![
        "Établissements retenus : lycées ouverts du département dont l'annuaire indique une voie professionnelle, et tout établissement où Affelnet liste une offre.".into(),
        "Offres : lignes Affelnet 2022 du département (hors vœux de recensement), une par établissement et classe d'entrée (MEF STAT 11), reliées au diplôme (CFD) par la BCN. Une classe sur plusieurs lignes (plusieurs groupes) est une offre : ses places et ses vœux s'additionnent.".into(),
        format!(
            "Une capacité supérieure à {} places est la valeur de remplissage d'Affelnet (999…) là où la capacité n'est pas renseignée : elle est affichée comme non renseignée, sans taux de pression.",
            affelnet::MAX_REAL_CAPACITY
        ),
        format!(
            "Taux de pression = vœux de rang 1 ÷ places. Admission facile jusqu'à {}, peu facile en dessous de {}, difficile au-delà (seuils de Futur Pro).",
            PRESSURE_THRESHOLDS[0], PRESSURE_THRESHOLDS[1]
        ),
        format!(
            "Devenir des élèves : taux InserJeunes de la formation dans la région, au dernier millésime disponible ; aucun taux n'est affiché pour moins de {} élèves en année terminale.",
            inserjeunes::MIN_COHORT
        ),
        format!(
            "Comparaison régionale : chaque taux est situé dans la distribution des formations de la région du même type de diplôme (CAP, bac pro…), de la même voie et du même millésime (quartiles, interpolation linéaire). « Très favorable » au-dessus du 3e quartile, « dans la moyenne » entre le 1er et le 3e, « plutôt difficile » en dessous du 1er ; pas de comparaison avec moins de {} formations.",
            inserjeunes::MIN_PROGRAMMES_FOR_BENCHMARK
        ),
        format!(
            "« Peu de débouchés » : moins de {} % en emploi et moins de {} % en poursuite d'études six mois après la sortie.",
            NO_PROSPECTS.employment_below, NO_PROSPECTS.further_study_below
        ),
        "Seconde professionnelle commune (famille de métiers) : ses débouchés sont ceux des bacs pro de spécialité auxquels elle mène.".into(),
        "Une donnée absente de la source reste absente et la fiche dit pourquoi : elle n'est jamais remplacée par zéro.".into(),
        "Absent des sources disponibles : l'offre de formation en apprentissage (CFA × formation), les salaires par diplôme, les métiers en tension, les vœux de tous rangs.".into(),
    ]
}
