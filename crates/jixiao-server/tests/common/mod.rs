//! A server on a random local port over a fresh SQLite store with the demo data, plus a second
//! supervisor branch (教育局: supervisor `reviewer2`, filer `filer3`, one seed form) so every
//! user has forms outside its scope; and HTTP clients signed in as each user.

#![allow(dead_code)]

use jixiao_server::{AppState, demo};
use jixiao_store::imports::{ImportFile, ImportOptions};
use jixiao_store::{OrgKind, Role, Store};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::{Value, json};

/// A running test server.
pub struct Server {
    pub base: String,
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// Start a server with the demo data and the 教育局 branch.
pub async fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).await.unwrap();
    demo::seed_demo(&store).await.unwrap();
    let bureau = store.find_org("罗湖区财政局").await.unwrap().unwrap();
    let edu = store
        .create_org(Some(bureau.id), OrgKind::Supervisor, "深圳市罗湖区教育局")
        .await
        .unwrap();
    store
        .create_user(
            "reviewer2",
            "教育局审核人",
            Role::Supervisor,
            edu.id,
            demo::DEMO_PASSWORD,
        )
        .await
        .unwrap();
    store
        .create_user(
            "filer3",
            "教育局填报人",
            Role::Filer,
            edu.id,
            demo::DEMO_PASSWORD,
        )
        .await
        .unwrap();
    let admin = store
        .authenticate("admin", demo::DEMO_PASSWORD)
        .await
        .unwrap()
        .unwrap();
    let forms = jixiao_io::read_forms("seed.txt", demo::SEED.as_bytes(), &Default::default());
    let opts = ImportOptions {
        unit_override: Some(edu.id),
        ..Default::default()
    };
    let r = store
        .import_with(
            &admin,
            vec![ImportFile {
                name: "edu.txt".into(),
                forms: forms[..1].to_vec(),
            }],
            &opts,
        )
        .await
        .unwrap();
    assert!(r.imported);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(store.clone());
    tokio::spawn(jixiao_server::serve_on(
        listener,
        state,
        axum::Router::new(),
    ));
    Server {
        base,
        store,
        _dir: dir,
    }
}

/// An HTTP client signed in as one user (cookie jar + CSRF token).
#[derive(Clone)]
pub struct Session {
    pub client: Client,
    pub base: String,
    pub csrf: String,
    pub user: Value,
}

impl Server {
    /// Sign in as `username` with the demo password.
    pub async fn login(&self, username: &str) -> Session {
        let client = Client::builder().cookie_store(true).build().unwrap();
        let r = client
            .post(format!("{}/api/login", self.base))
            .json(&json!({"username": username, "password": demo::DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "login {username}");
        let v: Value = r.json().await.unwrap();
        Session {
            client,
            base: self.base.clone(),
            csrf: v["csrf_token"].as_str().unwrap().to_string(),
            user: v["user"].clone(),
        }
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Client {
        Client::new()
    }
}

impl Session {
    /// A request with the CSRF header set.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.csrf)
    }

    /// GET a JSON document (panics unless 200).
    pub async fn get_json(&self, path: &str) -> Value {
        let r = self.req(Method::GET, path).send().await.unwrap();
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }

    /// Send JSON with `method`.
    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Response {
        self.req(method, path).json(body).send().await.unwrap()
    }
}

/// The text of seed form `n` (0-based) as printed.
pub fn seed_form_text(n: usize) -> String {
    let forms = jixiao_io::read_forms("seed.txt", demo::SEED.as_bytes(), &Default::default());
    let f = &forms[n];
    demo::SEED
        .lines()
        .skip(f.source.first_line.saturating_sub(1) as usize)
        .take((f.source.last_line + 1 - f.source.first_line) as usize)
        .collect::<Vec<_>>()
        .join("\n")
}
