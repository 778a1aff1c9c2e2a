//! The selection as files the family keeps: CSV for a spreadsheet, GeoJSON for a map.

use proxipro_model::Dataset;
use serde_json::json;

use crate::wishlist::WishList;

/// Semicolon-separated with a byte-order mark, as French spreadsheets expect.
pub fn csv(dataset: &Dataset, list: &WishList, minutes: impl Fn(&str) -> Option<f32>) -> String {
    let mut out = String::from("\u{feff}rang;ambition;formation;diplôme;voie;établissement;commune;UAI;places;vœux de rang 1;taux de pression;taux d'emploi (région);poursuite d'études (région);temps de trajet (min);note\r\n");
    for (rank, wish) in list.wishes.iter().enumerate() {
        let Some(offer) = dataset.offer(&wish.offer_id) else { continue };
        let programme = dataset.programme(&offer.cfd);
        let school = dataset.school(&offer.uai);
        let outcome = dataset.outcomes_of(offer).into_iter().find(|(p, _)| p.cfd == offer.cfd).map(|(_, o)| o);
        let number = |v: Option<f32>| v.map_or(String::new(), |v| format!("{v}").replace('.', ","));
        let fields = [
            (rank + 1).to_string(),
            wish.ambition.label().to_string(),
            programme.map_or(String::new(), |p| p.label.clone()),
            programme.map_or(String::new(), |p| p.diploma.label().to_string()),
            offer.route.label().to_string(),
            school.map_or(String::new(), |s| s.name.clone()),
            school.map_or(String::new(), |s| s.address.commune.clone()),
            offer.uai.clone(),
            offer.access.capacity.get().map_or(String::new(), |v| v.to_string()),
            offer.access.first_wishes.get().map_or(String::new(), |v| v.to_string()),
            number(offer.access.pressure.get()),
            number(outcome.and_then(|o| o.employment.get())),
            number(outcome.and_then(|o| o.further_study.get())),
            number(minutes(&offer.uai).map(f32::round)),
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
        .filter_map(|(rank, wish)| {
            let offer = dataset.offer(&wish.offer_id)?;
            let school = dataset.school(&offer.uai)?;
            let programme = dataset.programme(&offer.cfd)?;
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [school.position.lon, school.position.lat] },
                "properties": {
                    "rang": rank + 1,
                    "ambition": wish.ambition.label(),
                    "formation": format!("{} {}", programme.diploma.label(), programme.label),
                    "etablissement": school.name,
                    "commune": school.address.commune,
                    "uai": school.uai,
                    "offre": offer.id,
                    "note": wish.note,
                }
            }))
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
