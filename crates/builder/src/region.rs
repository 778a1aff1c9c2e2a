//! Which département to build, from `reference/departements_academies_regions.csv`.

use std::path::Path;

use proxipro_model::text::fold;
use proxipro_model::Region;

use crate::error::BuildError;
use crate::table::{read_file, Table};

const FILE: &str = "education/reference/departements_academies_regions.csv";

pub fn find(raw_dir: &Path, code: &str) -> Result<Region, BuildError> {
    let wanted = normalise_code(code);
    let bytes = read_file(raw_dir, FILE)?;
    let columns = ["codeDepartement", "libelleDepartement", "libelleAcademie", "libelleRegion", "codeRegion"];
    let table = Table::parse(&bytes, FILE, &columns, &mut Vec::new())?;
    let row = table
        .rows
        .iter()
        .find(|row| table.get(row, "codeDepartement") == wanted)
        .ok_or_else(|| BuildError::UnknownDepartement(code.to_string()))?;
    let name = table.get(row, "libelleDepartement");
    Ok(Region {
        slug: slugify(name),
        departement_code: wanted,
        name: name.to_string(),
        academie: table.get(row, "libelleAcademie").to_string(),
        region_name: table.get(row, "libelleRegion").to_string(),
        region_code: table.get(row, "codeRegion").to_string(),
    })
}

/// `35` and `035` name the same département; the reference files use three digits.
pub fn normalise_code(code: &str) -> String {
    let code = code.trim();
    if code.len() < 3 && code.chars().all(|c| c.is_ascii_digit()) {
        format!("{code:0>3}")
    } else {
        code.to_ascii_uppercase()
    }
}

/// `Côtes-d'Armor` → `cotes-d-armor`: a folder name safe in any URL.
pub fn slugify(name: &str) -> String {
    fold(name).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_padded_to_three_digits() {
        assert_eq!(normalise_code("35"), "035");
        assert_eq!(normalise_code("035"), "035");
        assert_eq!(normalise_code("2a"), "2A");
    }

    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(slugify("Ille-et-Vilaine"), "ille-et-vilaine");
        assert_eq!(slugify("Côtes-d'Armor"), "cotes-d-armor");
        assert_eq!(slugify("  Finistère "), "finistere");
    }
}
