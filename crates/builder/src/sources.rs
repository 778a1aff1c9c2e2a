//! What the provenance file says about each source: publisher, licence, year, use.

use proxipro_model::Source;

use crate::annuaire;

pub fn annuaire(file: &str, last_update: &str) -> Source {
    Source {
        id: annuaire::SOURCE_ID.into(),
        title: "Annuaire de l'éducation".into(),
        publisher: "Ministère de l'Éducation nationale (data.education.gouv.fr)".into(),
        year: if last_update.is_empty() {
            "date de mise à jour non indiquée".into()
        } else {
            format!("lignes mises à jour jusqu'au {last_update}")
        },
        licence: "Licence Ouverte / Etalab 2.0".into(),
        url: Some("https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/".into()),
        file: file.into(),
        used_for: "Établissements : nom, statut, adresse, coordonnées, internat, site web, fiche Onisep".into(),
    }
}

/// How the dataset selects and derives what it shows, in French.
pub fn methods() -> Vec<String> {
    vec![
        "Établissements retenus : lycées ouverts du département dont l'annuaire indique une voie professionnelle.".into(),
        "Une donnée absente de la source reste absente (« non renseigné ») : elle n'est jamais remplacée par zéro.".into(),
    ]
}
