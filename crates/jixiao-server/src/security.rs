//! Middleware: CSRF check for cookie-authenticated unsafe requests (header `X-CSRF-Token`, or
//! form field `csrf_token` in urlencoded HTML form posts, or query `csrf_token` for multipart
//! uploads), security headers, and the default body size limit.

use crate::AppState;
use crate::auth::{CSRF_FIELD, CSRF_HEADER, authenticate, check_csrf};
use crate::error::ApiError;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest JSON (or other) request body by default: 2 MB.
pub const JSON_LIMIT: usize = 2 * 1024 * 1024;
/// Largest upload (`POST /api/imports`): 50 MB.
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// The Content-Security-Policy sent on every response that does not set its own.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
    script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Apply the middleware stack to `router`.
pub fn layers(router: Router<AppState>, state: AppState) -> Router<AppState> {
    let h = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    router
        .layer(axum::middleware::from_fn_with_state(state, csrf_guard))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(h("content-security-policy", CSP))
        .layer(h("x-content-type-options", "nosniff"))
        .layer(h("x-frame-options", "DENY"))
        .layer(h("referrer-policy", "same-origin"))
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Authenticate once per request (the user goes into the request extensions for
/// `CurrentUser`), and refuse unsafe cookie-authenticated requests without the CSRF token.
async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, mut body) = req.into_parts();
    let cu = match authenticate(&parts.headers, &state.store).await {
        Ok(cu) => cu,
        Err(e) => return e.into_response(),
    };
    if let Some(cu) = cu {
        let path = parts.uri.path();
        let login = path == "/api/login" || path.ends_with("/login");
        if !is_safe(&parts.method) && !cu.is_bearer() && !login {
            let ctype = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase();
            let mut token = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            if token.is_none() && ctype.starts_with("application/x-www-form-urlencoded") {
                let bytes = match axum::body::to_bytes(body, JSON_LIMIT).await {
                    Ok(b) => b,
                    Err(_) => {
                        return ApiError::new(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "too_large",
                            "提交的内容太大",
                        )
                        .into_response();
                    }
                };
                token = form_urlencoded::parse(&bytes)
                    .find(|(k, _)| k == CSRF_FIELD)
                    .map(|(_, v)| v.into_owned());
                body = Body::from(bytes);
            }
            if token.is_none() && ctype.starts_with("multipart/form-data") {
                token = parts.uri.query().and_then(|q| {
                    form_urlencoded::parse(q.as_bytes())
                        .find(|(k, _)| k == CSRF_FIELD)
                        .map(|(_, v)| v.into_owned())
                });
            }
            if !check_csrf(&cu, token.as_deref()) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf",
                    "缺少或错误的 CSRF 令牌：请在请求头 X-CSRF-Token（或表单字段 csrf_token）中带上登录时返回的 csrf_token",
                )
                .into_response();
            }
        }
        parts.extensions.insert(cu);
    }
    next.run(Request::from_parts(parts, body)).await
}
