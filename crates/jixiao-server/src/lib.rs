//! The jixiao HTTP server: a JSON API over `jixiao-store` (forms, workflow, findings, imports,
//! dashboards, organisations and users) with cookie sessions + CSRF, bearer tokens, login rate
//! limiting, security headers, request size limits and an OpenAPI document with Swagger UI.
//!
//! The web app (`jixiao-web`) passes its page routes to [`app`] or [`serve`]; see `API.md`.

pub mod api;
pub mod auth;
pub mod demo;
pub mod error;
pub mod exports;
pub mod extract;
pub mod openapi;
pub mod security;

use axum::Router;
use jixiao_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use auth::{CurrentUser, check_csrf};
pub use error::ApiError;
pub use jixiao_store;

/// Shared state of every handler: the store and the login rate limiter.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub limiter: Arc<auth::RateLimiter>,
    /// Set the `Secure` attribute on the session cookie (behind HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    /// State over `store` with a fresh rate limiter.
    pub fn new(store: Store) -> Self {
        AppState {
            store,
            limiter: Arc::new(auth::RateLimiter::default()),
            secure_cookies: false,
        }
    }
}

/// How `jixiao serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (default 127.0.0.1:8080; port 0 picks a free port).
    pub addr: SocketAddr,
    /// Data directory for the embedded SQLite database (default `./jixiao-data`).
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL instead (default: the `DATABASE_URL` variable).
    pub database_url: Option<String>,
    /// Create the demo organisations, users and seed forms on first start.
    pub demo: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("jixiao-data"),
            database_url: std::env::var("DATABASE_URL").ok().filter(|s| !s.is_empty()),
            demo: false,
        }
    }
}

/// The whole application: the API (with OpenAPI JSON and Swagger UI) merged with `pages`,
/// behind CSRF checking, security headers and body size limits.
pub fn app(state: AppState, pages: Router<AppState>) -> Router {
    let (api, openapi) = openapi::split();
    let docs: Router<AppState> = utoipa_swagger_ui::SwaggerUi::new("/api/docs")
        .url("/api/openapi.json", openapi)
        .into();
    let router = Router::new().merge(api).merge(docs).merge(pages);
    security::layers(router, state.clone()).with_state(state)
}

/// Open the store the options name (creating and migrating it on first start).
pub async fn open_store(opts: &ServeOptions) -> anyhow::Result<Store> {
    let store = match &opts.database_url {
        Some(url) => Store::connect(url).await?,
        None => Store::open_dir(&opts.data_dir).await?,
    };
    Ok(store)
}

/// Run the server until the process is stopped: open the store, create the first admin (or the
/// demo data), print `listening on http://HOST:PORT` once connections are accepted.
pub async fn serve(opts: ServeOptions, pages: Router<AppState>) -> anyhow::Result<()> {
    let store = open_store(&opts).await?;
    if opts.demo {
        demo::ensure_demo(&store).await?;
    } else {
        demo::ensure_admin(&store).await?;
    }
    let state = AppState::new(store);
    let listener = tokio::net::TcpListener::bind(opts.addr).await?;
    let addr = listener.local_addr()?;
    println!("listening on http://{addr}");
    use std::io::Write;
    std::io::stdout().flush()?;
    axum::serve(
        listener,
        app(state, pages).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}

/// Serve `app` on an already bound listener (tests: bind port 0, read the address, then call).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    pages: Router<AppState>,
) -> anyhow::Result<()> {
    axum::serve(
        listener,
        app(state, pages).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}
