//! A small static file server for the release build, on 127.0.0.1 and a free port.
//!
//! Like the production host it falls back to `index.html` for app routes.
//! It also serves a blank map tile under `/__test__/tile.png` (no network
//! here) and can answer chosen paths with errors to exercise failure states.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Tile URL template for `?tiles=`: one light grey PNG for every tile.
pub const TEST_TILE: &str = "/__test__/tile.png";

/// Address search stand-in, `?geocodeur=` for the app: the IGN Géoplateforme's answer shape.
pub const TEST_GEOCODER: &str = "/__test__/geocode";
const GEOCODER_ANSWER: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.665395,48.116438]},"properties":{"label":"12 Rue de Paris 35000 Rennes","score":0.97,"type":"housenumber","postcode":"35000","city":"Rennes"}}]}"#;

/// A 1×1 light grey PNG; Leaflet stretches it to the tile size.
const BLANK_TILE: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00,
    0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xE8, 0xEE, 0xEE, 0x06, 0x00, 0x03, 0x84, 0x01, 0xC1, 0x8F,
    0xCA, 0x9E, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[derive(Debug, Default, Clone)]
pub struct ServerOptions {
    /// Path → how many of its next requests answer `503` before it is served normally.
    pub failures: HashMap<String, usize>,
    /// Folder of Futur Pro-shaped answers (see `crates/futurpro/tests/fixtures`) served
    /// under `/api/formations?…page=N` and `/api/formation/<key>`.
    pub futurpro_fixtures: Option<PathBuf>,
    /// Answers given instead of the normal ones, first match wins.
    pub canned: Vec<Canned>,
    /// Serve `<file>.br` or `<file>.gz`, where one exists and the browser accepts it, as a production host would.
    pub precompressed: bool,
}

/// A chosen answer for requests whose path and query contain `pattern`.
#[derive(Debug, Clone)]
pub struct Canned {
    pub pattern: String,
    pub status: u16,
    pub body: String,
    /// Waits this long before answering (a slow server, or a late answer).
    pub delay_ms: u64,
    /// How many requests it answers before normal service resumes.
    pub times: usize,
}

impl Canned {
    pub fn new(pattern: &str, status: u16, body: &str) -> Self {
        Canned { pattern: pattern.into(), status, body: body.into(), delay_ms: 0, times: usize::MAX }
    }

    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }

    pub fn delay_ms(mut self, delay_ms: u64) -> Self {
        self.delay_ms = delay_ms;
        self
    }
}

/// Served files, fixtures and canned answers, shared by the connections.
struct Site {
    root: PathBuf,
    failures: Mutex<HashMap<String, usize>>,
    futurpro_fixtures: Option<PathBuf>,
    canned: Mutex<Vec<Canned>>,
    precompressed: bool,
}

pub struct StaticServer {
    pub port: u16,
    site: Arc<Site>,
    task: tokio::task::JoinHandle<()>,
}

impl StaticServer {
    pub async fn start(root: PathBuf, options: ServerOptions) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let site = Arc::new(Site {
            root,
            failures: Mutex::new(options.failures),
            futurpro_fixtures: options.futurpro_fixtures,
            canned: Mutex::new(options.canned),
            precompressed: options.precompressed,
        });
        let shared = site.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let site = shared.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, &site).await;
                });
            }
        });
        StaticServer { port, site, task }
    }

    /// From now on, answers matching requests with `canned` (before the canned answers given at start).
    pub fn add_canned(&self, canned: Canned) {
        self.site.canned.lock().expect("canned lock").insert(0, canned);
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("http://127.0.0.1:{}{path_and_query}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut stream: TcpStream, site: &Site) -> std::io::Result<()> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        request.extend_from_slice(&buffer[..read]);
    }
    let head = String::from_utf8_lossy(&request);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();

    let canned = {
        let mut canned = site.canned.lock().expect("canned lock");
        canned.iter_mut().find(|c| c.times > 0 && target.contains(&c.pattern)).map(|c| {
            c.times -= 1;
            c.clone()
        })
    };
    if let Some(canned) = canned {
        tokio::time::sleep(std::time::Duration::from_millis(canned.delay_ms)).await;
        let status = format!("{} {}", canned.status, if canned.status < 400 { "OK" } else { "Error" });
        return respond(&mut stream, &status, "application/json; charset=utf-8", canned.body.as_bytes()).await;
    }
    if let (Some(fixtures), true) = (&site.futurpro_fixtures, path.starts_with("/api/")) {
        let (status, body) = futurpro_answer(fixtures, target).await;
        return respond(&mut stream, status, "application/json; charset=utf-8", &body).await;
    }

    let should_fail = {
        let mut failures = site.failures.lock().expect("failures lock");
        match failures.get_mut(&path) {
            Some(left) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
    };
    let (status, content_type, body) = if should_fail {
        ("503 Service Unavailable", "text/plain; charset=utf-8", b"indisponible".to_vec())
    } else if path == TEST_TILE {
        ("200 OK", "image/png", BLANK_TILE.to_vec())
    } else if path == TEST_GEOCODER {
        ("200 OK", "application/json", GEOCODER_ANSWER.as_bytes().to_vec())
    } else {
        match resolve(&site.root, &path) {
            Some(file) => {
                let head = head.to_ascii_lowercase();
                let accepted = head.lines().find_map(|l| l.strip_prefix("accept-encoding:")).unwrap_or_default();
                for (encoding, extension) in [("br", "br"), ("gzip", "gz")] {
                    let compressed = PathBuf::from(format!("{}.{extension}", file.display()));
                    if site.precompressed && accepted.split(',').any(|e| e.trim() == encoding) && compressed.is_file() {
                        let body = tokio::fs::read(&compressed).await?;
                        return respond_encoded(&mut stream, "200 OK", content_type(&file), &body, Some(encoding)).await;
                    }
                }
                ("200 OK", content_type(&file), tokio::fs::read(&file).await?)
            }
            None => ("404 Not Found", "text/plain; charset=utf-8", b"introuvable".to_vec()),
        }
    };
    respond(&mut stream, status, content_type, &body).await
}

async fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8]) -> std::io::Result<()> {
    respond_encoded(stream, status, content_type, body, None).await
}

async fn respond_encoded(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    encoding: Option<&str>,
) -> std::io::Result<()> {
    let encoding = encoding.map(|e| format!("Content-Encoding: {e}\r\n")).unwrap_or_default();
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// Futur Pro's two routes over the fixture folder; anything else is their 404.
async fn futurpro_answer(fixtures: &Path, target: &str) -> (&'static str, Vec<u8>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let file = if path == "/api/formations" {
        let page = query.split('&').find_map(|pair| pair.strip_prefix("page=")).unwrap_or("1");
        format!("formations-page-{page}.json")
    } else if let Some(key) = path.strip_prefix("/api/formation/") {
        format!("formation-{key}.json")
    } else {
        String::new()
    };
    let safe = !file.is_empty() && !file.contains(['/', '\\']) && !file.contains("..");
    match safe.then(|| fixtures.join(&file)) {
        Some(file) if file.is_file() => ("200 OK", tokio::fs::read(&file).await.unwrap_or_default()),
        _ => ("404 Not Found", br#"{"statusCode":404,"error":"Not Found","message":"Formation introuvable"}"#.to_vec()),
    }
}

/// A file under `root`, or `index.html` for app routes (paths without an extension).
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = root.join(relative);
    if file.is_file() {
        Some(file)
    } else if relative.extension().is_none() {
        Some(root.join("index.html"))
    } else {
        None
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
