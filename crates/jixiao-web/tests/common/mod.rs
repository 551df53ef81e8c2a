//! Browser test harness: headless Chromium driven through chromedriver (started here on a free
//! port), screenshots into `docs/screenshots/`. Gated on `JIXIAO_TEST_CHROMIUM`.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary, or `None` (and a "skipped" line) when the suite is not enabled.
pub fn chromium() -> Option<String> {
    match std::env::var("JIXIAO_TEST_CHROMIUM") {
        Ok(p) if !p.is_empty() => {
            if let Ok(dir) = std::env::var("JIXIAO_TEST_RAN_DIR") {
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(PathBuf::from(dir).join("chromium"), b"ran\n");
            }
            Some(p)
        }
        _ => {
            eprintln!("skipped: set JIXIAO_TEST_CHROMIUM=/usr/bin/chromium");
            None
        }
    }
}

/// A free local TCP port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// chromedriver plus one browser session; the driver is killed on drop.
pub struct Browser {
    driver: Child,
    pub client: Client,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn chromedriver_path() -> String {
    std::env::var("JIXIAO_TEST_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// Start chromedriver and a headless Chromium with a `width`×`height` window.
pub async fn browser(chromium: &str, width: u32, height: u32) -> Browser {
    let port = free_port();
    let driver = Command::new(chromedriver_path())
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver (apt-get install chromium-driver)");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--lang=zh-CN", "--hide-scrollbars",
                     format!("--window-size={width},{height}")],
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&url)
        .await
        .expect("connect to chromedriver");
    let mut b = Browser { driver, client };
    b.set_viewport(width, height).await;
    b
}

impl Browser {
    /// Resize so that the page viewport (not the outer window) is `width`×`height`.
    pub async fn set_viewport(&mut self, width: u32, height: u32) {
        let _ = self.client.set_window_size(width, height).await;
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .unwrap_or(Value::Null);
        let (iw, ih) = (
            inner[0].as_u64().unwrap_or(width as u64) as u32,
            inner[1].as_u64().unwrap_or(height as u64) as u32,
        );
        if iw != width || ih != height {
            let _ = self
                .client
                .set_window_size(
                    width + (width - iw.min(width)),
                    height + (height - ih.min(height)),
                )
                .await;
        }
    }

    /// Run a script and return its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Wait up to 10 s for `script` (returning a boolean) to be true.
    pub async fn wait_for(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.js(script).await == Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Go to `url` and wait for the document to load.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
        self.wait_for("return document.readyState === 'complete';")
            .await;
    }

    /// Text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .unwrap_or_default()
    }

    /// Save a screenshot of the viewport as `docs/screenshots/web-NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("web-{name}.png")), png).expect("write screenshot");
    }

    /// Errors caught in the page: `window.onerror` and `console.error` (hooked by app.js).
    pub async fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        let caught = self.js("return window.__jixiaoErrors || [];").await;
        if let Some(a) = caught.as_array() {
            out.extend(a.iter().map(|v| v.to_string()));
        }
        out
    }

    /// No horizontal overflow: the document is no wider than the viewport.
    pub async fn assert_no_horizontal_scroll(&self, page: &str) {
        let v = self
            .js("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await;
        let (sw, iw) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        assert!(sw <= iw, "{page}: page is {sw}px wide in a {iw}px viewport");
    }

    /// Every input, select and textarea has a label (a <label>, aria-label or aria-labelledby).
    pub async fn assert_inputs_labelled(&self, page: &str) {
        let v = self
            .js(r#"return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea'))
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.name || e.id || e.outerHTML.slice(0, 80));"#)
            .await;
        let missing: Vec<String> = v
            .as_array()
            .map(|a| a.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default();
        assert!(
            missing.is_empty(),
            "{page}: inputs without a label: {missing:?}"
        );
    }
}

/// A running server with the demo data (admin, reviewer, filer1, filer2; password
/// `jixiao-demo`) in a temporary SQLite directory, on a random local port.
pub struct TestServer {
    pub base: String,
    pub state: jixiao_server::AppState,
    _dir: tempfile::TempDir,
}

/// Start the whole application (API + pages) in-process.
pub async fn server() -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = jixiao_server::jixiao_store::Store::open_dir(dir.path())
        .await
        .expect("open store");
    jixiao_server::demo::ensure_demo(&store)
        .await
        .expect("demo data");
    let state = jixiao_server::AppState::new(store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let st = state.clone();
    tokio::spawn(async move { jixiao_server::serve_on(listener, st, jixiao_web::routes()).await });
    TestServer {
        base,
        state,
        _dir: dir,
    }
}

/// The demo password.
pub const PASSWORD: &str = "jixiao-demo";
