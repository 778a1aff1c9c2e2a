//! A bigger region for the scale check: `copies` copies of the département,
//! each shifted on a grid so their schools do not overlap, with new UAIs.
//! Programmes are shared, as they would be across départements.

use std::path::{Path, PathBuf};

use proxipro_model::{Dataset, LatLon};

/// Copies sit on a grid of this many columns, this far apart (degrees): the département is about 1.3° × 1°.
const COLUMNS: usize = 5;
const STEP_LON: f64 = 1.5;
const STEP_LAT: f64 = 1.1;

/// The dataset made of `copies` shifted copies of `dataset` (copy 0 is the original).
pub fn scaled(dataset: &Dataset, copies: usize) -> Dataset {
    let mut out = dataset.clone();
    out.schools.clear();
    out.offers.clear();
    out.places.clear();
    for copy in 0..copies {
        let shift = |p: LatLon| LatLon {
            lat: p.lat - STEP_LAT * (copy / COLUMNS) as f64,
            lon: p.lon + STEP_LON * (copy % COLUMNS) as f64,
        };
        // Copy 0 keeps the real UAIs (they start with 035); the others get prefixes 11, 12…
        let uai = |uai: &str| if copy == 0 { uai.to_string() } else { format!("{}{}", 10 + copy, &uai[2..]) };
        out.schools.extend(dataset.schools.iter().map(|school| {
            let mut school = school.clone();
            school.uai = uai(&school.uai);
            school.position = shift(school.position);
            if copy > 0 {
                school.name = format!("{} (copie {copy})", school.name);
            }
            school
        }));
        out.offers.extend(dataset.offers.iter().map(|offer| {
            let mut offer = offer.clone();
            offer.id = offer.id.replacen(&offer.uai, &uai(&offer.uai), 1);
            offer.uai = uai(&offer.uai);
            offer
        }));
        out.places.extend(dataset.places.iter().map(|place| {
            let mut place = place.clone();
            place.position = shift(place.position);
            place
        }));
    }
    // The model looks schools and offers up by binary search.
    out.schools.sort_unstable_by(|a, b| a.uai.cmp(&b.uai));
    out.offers.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    out.region.name = format!("{} ×{copies}", dataset.region.name);
    out
}

/// A copy of the release build `dist` in `target/scale-dist`, with `data/echelle-<n>/`
/// for each `n` of `copies` (the network and provenance are the original's).
pub fn dist_with_scaled_regions(dist: &Path, region: &Path, copies: &[usize]) -> PathBuf {
    let out = crate::repo_root().join("target/scale-dist");
    let _ = std::fs::remove_dir_all(&out);
    copy_dir(dist, &out);
    let dataset: Dataset =
        serde_json::from_slice(&std::fs::read(region.join(proxipro_model::DATASET_FILE)).expect("dataset")).expect("dataset parses");
    for &n in copies {
        let folder = out.join(format!("data/echelle-{n}"));
        std::fs::create_dir_all(&folder).expect("scale folder");
        let json = serde_json::to_vec(&scaled(&dataset, n)).expect("serialise");
        std::fs::write(folder.join(proxipro_model::DATASET_FILE), json).expect("write dataset");
        for file in [proxipro_model::PROVENANCE_FILE, proxipro_model::NETWORK_FILE] {
            std::fs::copy(region.join(file), folder.join(file)).expect("copy region file");
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_have_distinct_ids_and_the_same_offers_per_school() {
        let dataset = crate::dataset();
        let big = scaled(&dataset, 10);
        assert_eq!(big.offers.len(), 10 * dataset.offers.len());
        assert_eq!(big.schools.len(), 10 * dataset.schools.len());
        let ids: std::collections::HashSet<_> = big.offers.iter().map(|o| &o.id).collect();
        assert_eq!(ids.len(), big.offers.len(), "offer ids stay unique");
        assert!(big.offers.iter().all(|o| big.school(&o.uai).is_some()), "every offer has its school");
        assert!(big.offers.iter().all(|o| big.offer(&o.id).is_some()), "every offer is found by its id");
    }
}
