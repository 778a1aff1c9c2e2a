//! The API contract of docs/api/ against the committed region data.
//!
//! - public/data/ille-et-vilaine/{dataset,provenance}.json are valid against
//!   docs/api/{dataset,provenance}.schema.json (JSON Schema 2020-12);
//! - the schemas reject a few broken documents (and so does the Rust model);
//! - every `source` id that dataset.json uses is listed in provenance.json;
//! - network.bin matches what dataset.json announces (size, header, checksum).
//!
//! Schemas are read from disk only: the retriever below serves the files of
//! docs/api/ and refuses every other `$ref`, so nothing is ever fetched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri, Validator};
use proxipro_model::{Dataset, Figure, Provenance, SCHEMA_VERSION};
use serde_json::Value;

const REGION: &str = "ille-et-vilaine";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

fn api_dir() -> PathBuf {
    workspace().join("docs/api")
}

fn region_file(name: &str) -> PathBuf {
    workspace().join("public/data").join(REGION).join(name)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `file://` URI of a local path (only spaces need escaping in our paths).
fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// Serves `file://…/docs/api/<name>` from disk; any other reference is an error.
struct LocalSchemas {
    prefix: String,
}

impl Retrieve for LocalSchemas {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let uri = uri.as_str();
        let name = uri
            .strip_prefix(&self.prefix)
            .filter(|name| !name.is_empty() && !name.contains('/'))
            .ok_or_else(|| format!("refusing to fetch {uri}: only docs/api/ files may be referenced"))?;
        let text = std::fs::read_to_string(api_dir().join(name))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(schema_file: &str) -> Validator {
    let path = api_dir().join(schema_file);
    let schema = read_json(&path);
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("{schema_file} is not a valid JSON Schema: {e}");
    }
    jsonschema::draft202012::options()
        .with_base_uri(file_uri(&path))
        .with_retriever(LocalSchemas { prefix: format!("{}/", file_uri(&api_dir())) })
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema_file} does not compile: {e}"))
}

/// Every error, one per line with its place in the document, for the failure message.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn assert_valid(schema_file: &str, document: &str) {
    let validator = validator(schema_file);
    let errors = errors(&validator, &read_json(&region_file(document)));
    assert!(
        errors.is_empty(),
        "{REGION}/{document} breaks {schema_file} ({} errors):\n{}",
        errors.len(),
        errors.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn committed_dataset_follows_the_contract() {
    assert_valid("dataset.schema.json", "dataset.json");
}

#[test]
fn committed_provenance_follows_the_contract() {
    assert_valid("provenance.schema.json", "provenance.json");
}

#[test]
fn the_model_reads_the_files_the_schema_accepts() {
    let dataset: Dataset = serde_json::from_value(read_json(&region_file("dataset.json"))).unwrap();
    let provenance: Provenance = serde_json::from_value(read_json(&region_file("provenance.json"))).unwrap();
    dataset.check_version().unwrap();
    provenance.check_version().unwrap();
    assert_eq!(dataset.region, provenance.region);
    // The schema pins the version the model reads.
    let schema = read_json(&api_dir().join("dataset.schema.json"));
    assert_eq!(schema["$defs"]["SchemaVersion"]["const"], Value::from(SCHEMA_VERSION));
}

/// The JSON pointer of the first figure whose value is 0, walking the document in order.
fn first_zero_figure(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::Object(map) => {
            let is_figure = map.keys().all(|k| ["value", "year", "source", "missing"].contains(&k.as_str()));
            if is_figure && map.get("value").and_then(Value::as_f64) == Some(0.0) {
                return Some(path.to_string());
            }
            map.iter().find_map(|(k, v)| first_zero_figure(v, &format!("{path}/{k}")))
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| first_zero_figure(v, &format!("{path}/{i}"))),
        _ => None,
    }
}

/// Asserts that both the schema and the Rust model refuse `broken`.
fn assert_rejected(validator: &Validator, broken: &Value, what: &str, expected_at: &str) {
    let errors = errors(validator, broken);
    assert!(!errors.is_empty(), "the schema accepts {what}");
    assert!(
        errors.iter().any(|e| e.starts_with(expected_at)),
        "{what}: no error at {expected_at}, got:\n{}",
        errors.join("\n")
    );
    assert!(serde_json::from_value::<Dataset>(broken.clone()).is_err(), "the model accepts {what}");
}

#[test]
fn the_dataset_schema_rejects_broken_documents() {
    let validator = validator("dataset.schema.json");
    let dataset = read_json(&region_file("dataset.json"));

    // A figure whose value is 0 (a real zero, e.g. a pressure of 0) turned into a string.
    let zero = first_zero_figure(&dataset, "").expect("the committed dataset has a figure worth 0");
    let mut broken = dataset.clone();
    *broken.pointer_mut(&format!("{zero}/value")).unwrap() = Value::from("0");
    assert_rejected(&validator, &broken, &format!("a string value at {zero}"), &zero);

    // An offer without its access figures.
    let mut broken = dataset.clone();
    broken["offers"][0].as_object_mut().unwrap().remove("access").expect("offers[0].access");
    assert_rejected(&validator, &broken, "an offer without access", "/offers/0");

    // schema_version written as a string.
    let mut broken = dataset.clone();
    broken["schema_version"] = Value::from(SCHEMA_VERSION.to_string());
    assert_rejected(&validator, &broken, "schema_version as a string", "/schema_version");

    // The Figure rules the Rust type cannot enforce: exactly one of value/missing, a value names its source.
    let first_capacity = "/offers/0/access/capacity";
    for (what, figure) in [
        ("a figure with neither value nor missing", serde_json::json!({ "year": "2022", "source": "affelnet-2022" })),
        ("a figure with both value and missing", serde_json::json!({ "value": 3, "source": "affelnet-2022", "missing": "?" })),
        ("a known value without source", serde_json::json!({ "value": 3, "year": "2022" })),
        ("a millésime written the InserJeunes way", serde_json::json!({ "value": 3, "year": "2022_2023", "source": "affelnet-2022" })),
    ] {
        let mut broken = dataset.clone();
        *broken.pointer_mut(first_capacity).unwrap() = figure;
        let errors = errors(&validator, &broken);
        assert!(errors.iter().any(|e| e.starts_with(first_capacity)), "the schema accepts {what}: {errors:?}");
    }
}

#[test]
fn the_provenance_schema_rejects_a_wrong_version_type() {
    let validator = validator("provenance.schema.json");
    let mut broken = read_json(&region_file("provenance.json"));
    broken["schema_version"] = Value::from(SCHEMA_VERSION.to_string());
    assert!(errors(&validator, &broken).iter().any(|e| e.starts_with("/schema_version")));
    assert!(serde_json::from_value::<Provenance>(broken).is_err());
}

/// Every figure of the dataset with where it sits, for messages.
fn figures(dataset: &Dataset) -> Vec<(String, &str, bool)> {
    fn add<'a, T>(out: &mut Vec<(String, &'a str, bool)>, path: String, figure: &'a Figure<T>) {
        out.push((path, figure.source.as_str(), figure.value.is_some()));
    }
    let mut out = Vec::new();
    for s in &dataset.schools {
        add(&mut out, format!("school {} open_days", s.uai), &s.open_days);
        if let Some(o) = &s.outcomes {
            add(&mut out, format!("school {} employment_6_months", s.uai), &o.employment_6_months);
            add(&mut out, format!("school {} employment_expected", s.uai), &o.employment_expected);
            add(&mut out, format!("school {} added_value", s.uai), &o.added_value);
            add(&mut out, format!("school {} further_study", s.uai), &o.further_study);
        }
    }
    for p in &dataset.programmes {
        add(&mut out, format!("programme {} description", p.cfd), &p.description);
        add(&mut out, format!("programme {} salary", p.cfd), &p.salary);
        for j in &p.jobs {
            add(&mut out, format!("programme {} job {} shortage", p.cfd, j.rome), &j.shortage);
        }
        for o in &p.outcomes {
            let at = format!("programme {} outcomes {:?}", p.cfd, o.route);
            add(&mut out, format!("{at} cohort"), &o.cohort);
            add(&mut out, format!("{at} employment"), &o.employment);
            add(&mut out, format!("{at} further_study"), &o.further_study);
            add(&mut out, format!("{at} other"), &o.other);
        }
    }
    for o in &dataset.offers {
        let a = &o.access;
        add(&mut out, format!("offer {} capacity", o.id), &a.capacity);
        add(&mut out, format!("offer {} first_wishes", o.id), &a.first_wishes);
        add(&mut out, format!("offer {} all_wishes", o.id), &a.all_wishes);
        add(&mut out, format!("offer {} pressure", o.id), &a.pressure);
        add(&mut out, format!("offer {} admitted_first_wish", o.id), &a.admitted_first_wish);
    }
    out
}

#[test]
fn every_source_the_dataset_cites_is_in_provenance() {
    let dataset: Dataset = serde_json::from_value(read_json(&region_file("dataset.json"))).unwrap();
    let provenance: Provenance = serde_json::from_value(read_json(&region_file("provenance.json"))).unwrap();

    let mut ids = BTreeSet::new();
    for source in &provenance.sources {
        assert!(ids.insert(source.id.as_str()), "source id {} listed twice in provenance.json", source.id);
    }

    let figures = figures(&dataset);
    let mut unknown: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut cited = 0;
    for (path, source, known) in &figures {
        assert!(!known || !source.is_empty(), "{path}: a known value without source");
        if !source.is_empty() {
            cited += 1;
            if !ids.contains(source) {
                unknown.entry(source).or_default().push(path);
            }
        }
    }
    for school in &dataset.schools {
        if !ids.contains(school.source.as_str()) {
            unknown.entry(&school.source).or_default().push(&school.uai);
        }
    }
    for programme in &dataset.programmes {
        assert!(!programme.sources.is_empty(), "programme {}: no source for its title and diploma", programme.cfd);
        for source in programme.sources.iter().filter(|id| !ids.contains(id.as_str())) {
            unknown.entry(source).or_default().push(&programme.cfd);
        }
    }
    assert!(cited > 0, "no figure of the dataset names a source");
    assert!(
        unknown.is_empty(),
        "source ids missing from provenance.json: {:?}",
        unknown.iter().map(|(id, at)| format!("{id} ({} uses, first: {})", at.len(), at[0])).collect::<Vec<_>>()
    );
}

/// FNV-1a, 32 bits, as crates/isochrone/src/format.rs computes it.
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |hash, &b| (hash ^ b as u32).wrapping_mul(0x0100_0193))
}

#[test]
fn the_network_file_is_the_one_the_dataset_announces() {
    let dataset: Dataset = serde_json::from_value(read_json(&region_file("dataset.json"))).unwrap();
    let network = dataset.network.as_ref().expect("the committed region announces its network");
    let bytes = std::fs::read(region_file(&network.file)).expect("the network file the dataset names");
    assert_eq!(bytes.len() as u64, network.bytes, "network.bytes");
    assert_eq!(&bytes[..8], b"PXNETWK\0", "magic");
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(u32_at(8), 1, "format version documented in docs/api/openapi.yaml");
    let payload = &bytes[20..];
    assert_eq!(u32_at(12) as usize, payload.len(), "payload length");
    assert_eq!(u32_at(16), fnv1a32(payload), "checksum");
}
