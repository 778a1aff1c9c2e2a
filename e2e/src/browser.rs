//! Chromium through chromedriver, one fresh browser (and profile) per test.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};
use tokio::process::{Child, Command};

/// How long to wait for the app to show something before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy)]
pub enum Viewport {
    /// 1280×800, an adviser's laptop.
    Desktop,
    /// 390×844 with touch, a student's phone.
    Phone,
}

pub struct Browser {
    pub client: Client,
    chromedriver: Child,
    profile: PathBuf,
}

/// A test that fails never reaches `close`: killing chromedriver would leave its Chromium
/// running (and spending CPU) for the rest of the run, so the profile's processes go too.
impl Drop for Browser {
    fn drop(&mut self) {
        let pattern = format!("user-data-dir={}", self.profile.display());
        let _ = std::process::Command::new("pkill").arg("-f").arg(&pattern).status();
        // Chromium writes into its profile while it exits: a removal started earlier
        // leaves a 10 MB folder in the temporary directory at each test.
        for _ in 0..50 {
            let running = std::process::Command::new("pgrep").arg("-f").arg(&pattern).stdout(Stdio::null()).status();
            if !running.is_ok_and(|status| status.success()) && std::fs::remove_dir_all(&self.profile).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    pub async fn launch(viewport: Viewport) -> Browser {
        let port = free_port();
        let chromedriver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let profile = std::env::temp_dir().join(format!("proxipro-e2e-{}-{port}", std::process::id()));
        let scratch = profile.join("tmp");
        std::fs::create_dir_all(&scratch).expect("a profile folder in the temporary directory");
        let chromedriver = Command::new(&chromedriver_bin)
            .arg(format!("--port={port}"))
            // Chromium on Linux takes its language from the environment; `--lang` alone leaves it in English.
            .env("LANGUAGE", "fr")
            .env("LANG", "fr_FR.UTF-8")
            // Chromium's own temporary files (a socket folder per start) go with the profile.
            .env("TMPDIR", &scratch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver_bin}: {e} (run `make test` to install it)"));

        let mut args: Vec<Value> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--lang=fr-FR",
            "--accept-lang=fr-FR,fr",
        ]
        .iter()
        .map(|arg| json!(arg))
        .collect();
        args.push(json!(format!("--user-data-dir={}", profile.display())));
        let mut chrome = json!({ "binary": chromium_binary(), "args": args });
        match viewport {
            Viewport::Desktop => {
                chrome["args"].as_array_mut().unwrap().push(json!("--window-size=1280,800"));
            }
            Viewport::Phone => {
                chrome["mobileEmulation"] =
                    json!({ "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0, "touch": true } });
            }
        }
        let mut capabilities = Map::new();
        capabilities.insert("goog:chromeOptions".into(), chrome);

        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(connector.clone()).capabilities(capabilities.clone()).connect(&url).await {
                Ok(client) => return Browser { client, chromedriver, profile },
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver on port {port} did not accept a session: {last_error:?}");
    }

    /// Opens `url` and waits for the app to have taken over the page painted before it
    /// (index.html's `#coquille`, whose copy of the explorer matches the app's selectors).
    pub async fn open(&self, url: &str) {
        self.open_before_app(url).await;
        self.wait_for_app(url).await;
    }

    /// Reloads the page, then waits for the app as [`Browser::open`] does.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for_app("the reloaded page").await;
    }

    async fn wait_for_app(&self, page: &str) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while self.script("return !!document.getElementById('coquille')").await == Value::Bool(true) {
            assert!(tokio::time::Instant::now() < deadline, "{page}: the app did not replace the page painted before it");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Opens `url` and returns once the page has loaded, whether or not the app has started:
    /// for what index.html paints before it.
    pub async fn open_before_app(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// Waits until the page address satisfies `check` and returns it: the app writes
    /// its view to the address a moment after showing it.
    pub async fn wait_for_url(&self, what: &str, check: impl Fn(&url::Url) -> bool) -> url::Url {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let url = self.client.current_url().await.expect("current url");
            if check(&url) {
                return url;
            }
            assert!(tokio::time::Instant::now() < deadline, "{what}: the address is {url}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `css` matches, then returns the first match.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_for_on(css, "").await
    }

    /// `wait_for`, naming where (a page, a step) in the failure message.
    pub async fn wait_for_on(&self, css: &str, place: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing matched `{css}` within {PATIENCE:?} {place}: {e}"))
    }

    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find_all `{css}`: {e}"))
    }

    /// Waits until `count` elements match `css`; returns them.
    pub async fn wait_for_count(&self, css: &str, count: usize) -> Vec<Element> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let found = self.all(css).await;
            if found.len() == count {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "expected {count} elements matching `{css}`, found {}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The visible text of the first match, once it has some (WebDriver reports none while an
    /// element fades in, e.g. a Leaflet popup).
    pub async fn text(&self, css: &str) -> String {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let text = self.wait_for(css).await.text().await.unwrap_or_default();
            if !text.is_empty() || tokio::time::Instant::now() >= deadline {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of the first match of `css` (its `textContent`, so before CSS
    /// changes its case) contains `expected`, and returns that text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let script = format!("const e = document.querySelector({css:?}); return e ? e.textContent : ''");
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let text = self.script(&script).await.as_str().unwrap_or_default().to_string();
            if text.contains(expected) {
                return text;
            }
            assert!(tokio::time::Instant::now() < deadline, "`{css}` never said `{expected}`: `{text}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the JavaScript expression `condition` is true; fails saying `what` was awaited.
    pub async fn wait_until(&self, what: &str, condition: &str) {
        let script = format!("return Boolean({condition})");
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while self.script(&script).await.as_bool() != Some(true) {
            assert!(tokio::time::Instant::now() < deadline, "never came: {what} (`{condition}`)");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the focused element matches `css`; fails saying where the focus is.
    pub async fn wait_for_focus(&self, css: &str, what: &str) {
        let matches = format!("return document.activeElement.matches({css:?})");
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while self.script(&matches).await.as_bool() != Some(true) {
            let focused = self.script("return document.activeElement.outerHTML.slice(0, 120)").await;
            assert!(tokio::time::Instant::now() < deadline, "{what}: the focus is on {focused}, not `{css}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The value of the card's figure row labelled `label` (its `<dd>`).
    pub async fn card_row(&self, label: &str) -> String {
        let script = format!(
            "const row = [...document.querySelectorAll('.figure-row')].find(r => r.querySelector('dt').textContent === {label:?}); \
             return row ? row.querySelector('dd').textContent : null"
        );
        self.script(&script).await.as_str().unwrap_or_else(|| panic!("no card row `{label}`")).to_string()
    }

    /// Clicks like a person: scrolled to the middle of the screen first, so
    /// floating controls (the phone toggle) do not cover the target.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        let element_json = serde_json::to_value(&element).expect("element reference");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![element_json])
            .await
            .unwrap_or_else(|e| panic!("scroll to `{css}`: {e}"));
        element.click().await.unwrap_or_else(|e| panic!("click `{css}`: {e}"));
    }

    /// Taps like a finger (a touch pointer, then the mouse events a tap also fires), in the
    /// middle of the element scrolled to the middle of the screen.
    pub async fn tap(&self, css: &str) {
        self.wait_for(css).await;
        let centre = self
            .script(&format!(
                "const e = document.querySelector({css:?}); e.scrollIntoView({{block: 'center'}}); \
                 const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]"
            ))
            .await;
        let (x, y) = (centre[0].as_f64().expect("x"), centre[1].as_f64().expect("y"));
        let point = json!([{ "x": x, "y": y }]);
        self.devtools("Input.dispatchTouchEvent", json!({ "type": "touchStart", "touchPoints": point })).await;
        self.devtools("Input.dispatchTouchEvent", json!({ "type": "touchEnd", "touchPoints": [] })).await;
    }

    pub async fn is_displayed(&self, css: &str) -> bool {
        self.wait_for(css).await.is_displayed().await.unwrap_or_else(|e| panic!("is_displayed `{css}`: {e}"))
    }

    pub async fn script(&self, js: &str) -> Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
    }

    /// Saves the viewport as `target/screenshots/<name>.png` for review.
    pub async fn screenshot(&self, name: &str) {
        // Let Leaflet's fade and zoom animations (≤ 250 ms) finish first.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let folder = crate::repo_root().join("target/screenshots");
        std::fs::create_dir_all(&folder).expect("create target/screenshots");
        std::fs::write(folder.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Renders the page as for printing (`@media print`) or back to the screen.
    pub async fn emulate_print(&self, print: bool) {
        let command = DevToolsCommand {
            cmd: "Emulation.setEmulatedMedia",
            params: json!({ "media": if print { "print" } else { "" } }),
        };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("print emulation: {e}"));
    }

    /// Runs `js` as an asynchronous script: it calls `done(value)` (the last argument) when finished.
    pub async fn script_async(&self, js: &str) -> Value {
        let body = format!("const done = arguments[arguments.length - 1];\n{js}");
        self.client.execute_async(&body, vec![]).await.unwrap_or_else(|e| panic!("async script failed: {e}\n{js}"))
    }

    /// Cuts the page off the network (or reconnects it) through the DevTools protocol, as
    /// DevTools' « Offline » does: requests fail and `navigator.onLine` turns false. The page's
    /// service worker is another target and keeps its network: stop the server too.
    pub async fn emulate_offline(&self, offline: bool) {
        let enable = DevToolsCommand { cmd: "Network.enable", params: json!({}) };
        self.client.issue_cmd(enable).await.unwrap_or_else(|e| panic!("Network.enable: {e}"));
        let conditions = DevToolsCommand {
            cmd: "Network.emulateNetworkConditions",
            params: json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        };
        self.client.issue_cmd(conditions).await.unwrap_or_else(|e| panic!("offline emulation: {e}"));
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.chromedriver.kill().await;
    }

    /// Any Chrome DevTools Protocol command, through chromedriver; its answer.
    pub async fn devtools(&self, cmd: &'static str, params: Value) -> Value {
        self.client.issue_cmd(DevToolsCommand { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Grants these permissions (`geolocation`, `clipboardReadWrite`…) to `origin`
    /// (`http://127.0.0.1:port`); every other one is refused without asking.
    pub async fn grant_permissions(&self, origin: &str, permissions: &[&str]) {
        self.devtools("Browser.grantPermissions", json!({ "origin": origin, "permissions": permissions })).await;
    }

    /// The device's position for `navigator.geolocation`: `None` makes it unavailable.
    pub async fn set_geolocation(&self, position: Option<(f64, f64)>) {
        let params = match position {
            Some((latitude, longitude)) => json!({ "latitude": latitude, "longitude": longitude, "accuracy": 20 }),
            None => json!({}),
        };
        self.devtools("Emulation.setGeolocationOverride", params).await;
    }
}

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A Chrome DevTools Protocol command through chromedriver's `goog/cdp/execute` endpoint.
#[derive(Debug)]
struct DevToolsCommand {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevToolsCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}
