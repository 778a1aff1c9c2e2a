//! The selection as files the family keeps: CSV for a spreadsheet, GeoJSON for a map.

use std::collections::HashMap;

use proxipro_model::{Dataset, HeadlineRate};
use serde_json::json;

use crate::format::number;
use crate::wishlist::WishList;

/// Travel times from the chosen starting point, for the export's time column.
pub struct TripTimes<'a> {
    /// Minutes by school UAI.
    pub minutes: &'a HashMap<String, f32>,
    /// The longest trip looked for: a school missing from `minutes` is farther than that.
    pub longest_minutes: u32,
}

/// Semicolon-separated with a byte-order mark, as French spreadsheets expect. Figures are
/// rounded as on screen; a missing one says so rather than leaving an empty cell.
/// `trips` is `None` when no trip time is known (no starting point, or no network to compute
/// them): the time column stays empty then.
pub fn csv(dataset: &Dataset, list: &WishList, trips: Option<TripTimes>) -> String {
    let mut out = String::from("\u{feff}rang;ambition;formation;diplôme;voie;établissement;commune;UAI;places;vœux de rang 1;taux de pression;taux d'emploi à 6 mois (région, %);poursuite d'études (région, %);temps de trajet (min);note\r\n");
    const MISSING: &str = "non disponible";
    for (rank, wish) in list.wishes.iter().enumerate() {
        let Some(offer) = dataset.offer(&wish.offer_id) else {
            // Kept, as on the page: the family's file keeps its ranks and the note.
            let title = format!("formation absente des données reçues (offre {})", wish.offer_id);
            let fields = [(rank + 1).to_string(), wish.ambition.label().to_string(), title];
            let figures = std::iter::repeat_n(String::new(), 5).chain(std::iter::repeat_n(MISSING.to_string(), 5));
            let time = if trips.is_some() { MISSING } else { "" };
            let row: Vec<String> = fields.into_iter().chain(figures).chain([time.to_string(), wish.note.clone()]).collect();
            out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(";"));
            out.push_str("\r\n");
            continue;
        };
        let programme = dataset.programme(&offer.cfd);
        let school = dataset.school(&offer.uai);
        let count = |v: Option<u32>| v.map_or(MISSING.to_string(), |v| v.to_string());
        let rate = |rate: Option<HeadlineRate>| match rate {
            Some(HeadlineRate { value, best_of_specialities }) => {
                let value = number(value, 1);
                if best_of_specialities { format!("jusqu'à {value} selon la spécialité") } else { value }
            }
            None => MISSING.to_string(),
        };
        let fields = [
            (rank + 1).to_string(),
            wish.ambition.label().to_string(),
            dataset.offer_title(offer),
            programme.map_or(String::new(), |p| p.diploma.label().to_string()),
            offer.route.label().to_string(),
            school.map_or(String::new(), |s| s.name.clone()),
            school.map_or(String::new(), |s| s.address.commune.clone()),
            offer.uai.clone(),
            count(offer.access.capacity.get()),
            count(offer.access.first_wishes.get()),
            offer.access.pressure.get().map_or(MISSING.to_string(), |p| number(p, 2)),
            rate(dataset.headline_rate(offer, |o| o.employment.get())),
            rate(dataset.headline_rate(offer, |o| o.further_study.get())),
            // Empty, not « missing », when no time was computed: nothing was asked.
            trips.as_ref().map_or(String::new(), |trips| match trips.minutes.get(&offer.uai) {
                Some(&m) => crate::filters::shown_minutes(m).to_string(),
                None => format!("plus de {}", trips.longest_minutes),
            }),
            wish.note.clone(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(text: &str) -> String {
    // A note such as "=LIEN(…)" or "+33 6…" would run as a formula in a spreadsheet:
    // a leading apostrophe keeps it text (OWASP's advice for CSV injection).
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One point per wish, at its school.
pub fn geojson(dataset: &Dataset, list: &WishList) -> String {
    let features: Vec<_> = list
        .wishes
        .iter()
        .enumerate()
        .map(|(rank, wish)| {
            let found = dataset.offer(&wish.offer_id).and_then(|offer| Some((offer, dataset.school(&offer.uai)?)));
            let Some((offer, school)) = found else {
                // No place to put it, but still in the list (RFC 7946 allows a null geometry).
                return json!({
                    "type": "Feature",
                    "geometry": null,
                    "properties": { "rang": rank + 1, "ambition": wish.ambition.label(), "offre": wish.offer_id, "note": wish.note },
                });
            };
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [school.position.lon, school.position.lat] },
                "properties": {
                    "rang": rank + 1,
                    "ambition": wish.ambition.label(),
                    "formation": dataset.offer_title(offer),
                    "etablissement": school.name,
                    "commune": school.address.commune,
                    "uai": school.uai,
                    "offre": offer.id,
                    "note": wish.note,
                }
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_separators_are_quoted() {
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("dit \"oui\""), "\"dit \"\"oui\"\"\"");
        assert_eq!(csv_field("simple"), "simple");
    }

    #[test]
    fn csv_fields_that_a_spreadsheet_would_run_stay_text() {
        assert_eq!(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(csv_field("+33 6 12 34 56 78"), "'+33 6 12 34 56 78");
        assert_eq!(csv_field("-> appeler"), "'-> appeler");
        assert_eq!(csv_field("@moi"), "'@moi");
        assert_eq!(csv_field("45,5"), "45,5");
        assert_eq!(csv_field(""), "");
    }
}
