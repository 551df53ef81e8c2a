//! Who is calling: the session cookie (with its CSRF token) or a bearer API token; the CSRF
//! check for cookie-authenticated unsafe requests; the in-memory login rate limiter.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use jixiao_store::{Store, User};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "jixiao_session";
/// Header carrying the CSRF token on unsafe requests with cookie authentication.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Form field (HTML form posts) carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// The authenticated caller. Extracting it rejects with 401 when nobody is signed in.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    /// The session's CSRF token (None for bearer tokens): put it in forms as `csrf_token`.
    pub csrf_token: Option<String>,
    /// The session cookie's token (None for bearer tokens).
    pub session_token: Option<String>,
}

impl CurrentUser {
    /// Whether the caller authenticated with a bearer token (no CSRF needed).
    pub fn is_bearer(&self) -> bool {
        self.session_token.is_none()
    }
}

/// The value of cookie `name` in the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Authenticate from headers: `Authorization: Bearer jx_…` first, then the session cookie.
pub async fn authenticate(
    headers: &HeaderMap,
    store: &Store,
) -> Result<Option<CurrentUser>, ApiError> {
    if let Some(auth) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let token = auth
            .strip_prefix("Bearer ")
            .or_else(|| auth.strip_prefix("bearer "))
            .ok_or_else(ApiError::unauthorized)?;
        return Ok(store
            .token_user(token.trim())
            .await?
            .map(|user| CurrentUser {
                user,
                csrf_token: None,
                session_token: None,
            }));
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        return Ok(store
            .session_user(&token)
            .await?
            .map(|(user, csrf)| CurrentUser {
                user,
                csrf_token: Some(csrf),
                session_token: Some(token),
            }));
    }
    Ok(None)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(cu) = parts.extensions.get::<CurrentUser>() {
            return Ok(cu.clone());
        }
        authenticate(&parts.headers, &state.store)
            .await?
            .ok_or_else(ApiError::unauthorized)
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        if let Some(cu) = parts.extensions.get::<CurrentUser>() {
            return Ok(Some(cu.clone()));
        }
        authenticate(&parts.headers, &state.store).await
    }
}

/// Whether `token` is the caller's CSRF token (always true for bearer callers).
pub fn check_csrf(user: &CurrentUser, token: Option<&str>) -> bool {
    match (&user.csrf_token, token) {
        (None, _) => true,
        (Some(expected), Some(given)) => constant_time_eq(expected.as_bytes(), given.as_bytes()),
        (Some(_), None) => false,
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Failed logins per key (username or IP) in a sliding window, in memory.
#[derive(Debug, Default)]
pub struct RateLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Failed logins allowed per username in [`WINDOW`].
pub const MAX_PER_USER: u32 = 5;
/// Failed logins allowed per client IP in [`WINDOW`].
pub const MAX_PER_IP: u32 = 20;
/// The rate-limit window.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

impl RateLimiter {
    /// Seconds until `key` may try again, if it is blocked (more than `max` failures).
    pub fn blocked(&self, key: &str, max: u32) -> Option<u64> {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key).and_then(|(n, since)| {
            let age = since.elapsed();
            (*n >= max && age < WINDOW).then(|| (WINDOW - age).as_secs().max(1))
        })
    }

    /// Count a failure for `key`.
    pub fn fail(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let e = map.entry(key.to_string()).or_insert((0, Instant::now()));
        if e.1.elapsed() >= WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
    }

    /// Forget the failures of `key` (after a successful login).
    pub fn reset(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

/// The `Set-Cookie` value opening a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{}",
        jixiao_store::auth::SESSION_MS / 1000,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value ending a session.
pub fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0")
}

/// The client's IP address, when the server was started with connect info.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}
