//! `proxipro-builder --raw ../shared/data/raw --out public/data --departement 35`

use std::path::PathBuf;
use std::process::ExitCode;

use proxipro_builder::{build_region, BuildConfig, TransportFiles};

const USAGE: &str = "usage: proxipro-builder --raw <dossier des fichiers bruts> --out <dossier public/data> --departement <code, ex. 35>
       [--gtfs <gtfs.zip> --osm <extrait.osm.pbf ou .geojson> --date <AAAA-MM-JJ, un jour de classe> [--operateur <nom du réseau>]]";

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match build_region(&config) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("échec de la construction : {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<BuildConfig, String> {
    let (mut raw, mut out, mut departement) = (None, None, None);
    let (mut gtfs, mut osm, mut date, mut operator) = (None, None, None, None);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} attend une valeur"));
        match flag.as_str() {
            "--raw" => raw = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--departement" => departement = Some(value()?),
            "--gtfs" => gtfs = Some(PathBuf::from(value()?)),
            "--osm" => osm = Some(PathBuf::from(value()?)),
            "--date" => date = Some(value()?),
            "--operateur" => operator = Some(value()?),
            "-h" | "--help" => return Err("aide".into()),
            other => return Err(format!("option inconnue : {other}")),
        }
    }
    let transport = match (gtfs, osm, date) {
        (None, None, None) => None,
        (Some(gtfs), Some(streets), Some(date)) => {
            Some(TransportFiles { gtfs, streets, date, operator: operator.unwrap_or_else(|| "réseau de transport régional".into()) })
        }
        _ => return Err("--gtfs, --osm et --date vont ensemble".into()),
    };
    Ok(BuildConfig {
        raw_dir: raw.ok_or("--raw manque")?,
        out_dir: out.ok_or("--out manque")?,
        departement: departement.ok_or("--departement manque")?,
        transport,
    })
}
