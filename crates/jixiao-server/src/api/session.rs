//! Login, logout, the current user, API tokens.

use crate::AppState;
use crate::auth::{CurrentUser, MAX_PER_IP, MAX_PER_USER, clear_cookie, session_cookie};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// `POST /api/login` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/tokens` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// What the token is for (shown in the admin list).
    #[serde(default)]
    pub name: Option<String>,
}

/// Sign in: sets the session cookie, returns `{csrf_token, user}`.
#[utoipa::path(post, path = "/api/login", tag = "session", request_body = LoginRequest,
    responses((status = 200, description = "已登录", body = Object), (status = 401, description = "用户名或密码错误"),
        (status = 429, description = "尝试次数过多")))]
pub async fn login(
    State(state): State<AppState>,
    ip: crate::auth::ClientIp,
    JsonBody(req): JsonBody<LoginRequest>,
) -> ApiResult<Response> {
    let ip_key = ip.0.map(|ip| format!("ip:{ip}"));
    let user_key = format!("user:{}", req.username.trim());
    let mut blocked = state.limiter.blocked(&user_key, MAX_PER_USER);
    if let Some(k) = &ip_key {
        blocked = blocked.or(state.limiter.blocked(k, MAX_PER_IP));
    }
    if let Some(secs) = blocked {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("登录失败次数过多，请 {} 分钟后再试", secs.div_ceil(60)),
        );
        e.extra = json!({"retry_after": secs});
        return Err(e);
    }
    let store = state.store.clone();
    let user = store
        .authenticate(req.username.trim(), &req.password)
        .await?;
    let Some(user) = user else {
        state.limiter.fail(&user_key);
        if let Some(k) = &ip_key {
            state.limiter.fail(k);
        }
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_credentials",
            "用户名或密码错误",
        ));
    };
    state.limiter.reset(&user_key);
    let session = state.store.create_session(user.id).await?;
    let body = json!({"csrf_token": session.csrf_token, "user": user});
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(&session.token, state.secure_cookies),
        )],
        Json(body),
    )
        .into_response())
}

/// Sign out: ends the session and clears the cookie.
#[utoipa::path(post, path = "/api/logout", tag = "session",
    responses((status = 200, description = "已退出", body = Object), (status = 401, description = "未登录")))]
pub async fn logout(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    if let Some(t) = &cu.session_token {
        state.store.delete_session(t).await?;
    }
    Ok((
        [(header::SET_COOKIE, clear_cookie())],
        Json(json!({"ok": true})),
    )
        .into_response())
}

/// The signed-in user and the session's CSRF token.
#[utoipa::path(get, path = "/api/me", tag = "session",
    responses((status = 200, description = "当前用户", body = Object), (status = 401, description = "未登录")))]
pub async fn me(cu: CurrentUser) -> Json<Value> {
    Json(json!({"user": cu.user, "csrf_token": cu.csrf_token}))
}

/// Issue a bearer API token for scripts (`Authorization: Bearer jx_…`; no CSRF needed).
#[utoipa::path(post, path = "/api/tokens", tag = "session", request_body = Option<TokenRequest>,
    responses((status = 200, description = "令牌（只显示这一次）", body = Object), (status = 401, description = "未登录")))]
pub async fn create_token(
    State(state): State<AppState>,
    cu: CurrentUser,
    _headers: HeaderMap,
    body: Option<JsonBody<TokenRequest>>,
) -> ApiResult<Json<Value>> {
    let name = body
        .and_then(|b| b.0.name)
        .unwrap_or_else(|| "api".to_string());
    let token = state.store.create_api_token(cu.user.id, &name).await?;
    Ok(Json(json!({"token": token, "name": name})))
}
