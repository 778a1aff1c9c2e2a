//! The annuaire parser never panics on noise: every data row is either kept or
//! rejected with a reason, and kept schools always have valid identifiers.

use std::collections::BTreeSet;

use proptest::prelude::*;
use proxipro_builder::parse_annuaire;
use proxipro_model::Region;

const HEADER: &str = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code postal;Code_commune;Nom_commune;Code_departement;Voie_professionnelle;Hebergement;Web;Fiche_onisep;latitude;longitude;date_maj_ligne;etat;libelle_nature;Lycee_Agricole";

fn region() -> Region {
    Region {
        slug: "ille-et-vilaine".into(),
        departement_code: "035".into(),
        name: "Ille-et-Vilaine".into(),
        academie: "Rennes".into(),
        region_name: "Bretagne".into(),
        region_code: "53".into(),
    }
}

/// Fields that look like the real ones, mixed with junk, so rows get past the filters.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("035".to_string()),
        Just("1".to_string()),
        Just("Lycée".to_string()),
        Just("OUVERT".to_string()),
        Just("Public".to_string()),
        Just("0350031U".to_string()),
        Just("48.1".to_string()),
        Just("-1.6".to_string()),
        "[\\PC;\"\n]{0,12}",
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_after_the_header_never_panic(noise in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let mut file = format!("{HEADER}\n").into_bytes();
        file.extend(noise);
        let mut rejects = Vec::new();
        let _ = parse_annuaire(&file, "noise.csv", &region(), &BTreeSet::new(), &mut rejects);
    }

    #[test]
    fn plausible_rows_are_kept_or_rejected_with_a_line(rows in proptest::collection::vec(proptest::collection::vec(field(), 0..22), 0..30)) {
        let body: Vec<String> = rows.iter().map(|fields| fields.join(";")).collect();
        let file = format!("{HEADER}\n{}", body.join("\n"));
        let mut rejects = Vec::new();
        let annuaire = parse_annuaire(file.as_bytes(), "rows.csv", &region(), &BTreeSet::new(), &mut rejects).unwrap();
        for school in &annuaire.schools {
            prop_assert_eq!(school.uai.len(), 8);
            prop_assert!(school.position.lat.is_finite() && school.position.lon.is_finite());
        }
        for reject in &rejects {
            prop_assert!(!reject.reason.is_empty());
        }
    }
}
