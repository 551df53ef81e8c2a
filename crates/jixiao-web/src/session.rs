//! Login and logout pages (HTML forms over the same store calls as `POST /api/login`).

use crate::layout::Layout;
use crate::pages::LoginPage;
use crate::routes::render;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jixiao_server::auth::{ClientIp, MAX_PER_IP, MAX_PER_USER, clear_cookie, session_cookie};
use jixiao_server::{AppState, CurrentUser};
use serde::Deserialize;

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
}

fn login_form(status: StatusCode, error: Option<String>, username: String) -> Response {
    render(
        status,
        &LoginPage {
            layout: Layout::default(),
            error,
            username,
        },
    )
}

/// `GET /login`; a signed-in user goes to the home page.
pub async fn login_page(cu: Option<CurrentUser>) -> Response {
    if cu.is_some() {
        return Redirect::to("/").into_response();
    }
    login_form(StatusCode::OK, None, String::new())
}

/// `POST /login`: check the password (rate limited per username and IP), open a session.
pub async fn login(
    State(state): State<AppState>,
    ip: ClientIp,
    Form(f): Form<LoginForm>,
) -> Response {
    let username = f.username.trim().to_string();
    let user_key = format!("user:{username}");
    let ip_key = ip.0.map(|ip| format!("ip:{ip}"));
    let mut blocked = state.limiter.blocked(&user_key, MAX_PER_USER);
    if let Some(k) = &ip_key {
        blocked = blocked.or(state.limiter.blocked(k, MAX_PER_IP));
    }
    if let Some(secs) = blocked {
        return login_form(
            StatusCode::TOO_MANY_REQUESTS,
            Some(format!(
                "登录失败次数过多，请 {} 分钟后再试。",
                secs.div_ceil(60)
            )),
            username,
        );
    }
    let user = match state.store.authenticate(&username, &f.password).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            state.limiter.fail(&user_key);
            if let Some(k) = &ip_key {
                state.limiter.fail(k);
            }
            return login_form(
                StatusCode::UNAUTHORIZED,
                Some("用户名或密码错误。".into()),
                username,
            );
        }
        Err(e) => {
            return login_form(
                StatusCode::INTERNAL_SERVER_ERROR,
                Some(e.to_string()),
                username,
            );
        }
    };
    state.limiter.reset(&user_key);
    match state.store.create_session(user.id).await {
        Ok(s) => (
            [(
                header::SET_COOKIE,
                session_cookie(&s.token, state.secure_cookies),
            )],
            Redirect::to("/"),
        )
            .into_response(),
        Err(e) => login_form(
            StatusCode::INTERNAL_SERVER_ERROR,
            Some(e.to_string()),
            username,
        ),
    }
}

/// `POST /logout`: end the session (the CSRF token was checked by the server's middleware).
pub async fn logout(State(state): State<AppState>, cu: Option<CurrentUser>) -> Response {
    if let Some(t) = cu.as_ref().and_then(|c| c.session_token.as_deref()) {
        let _ = state.store.delete_session(t).await;
    }
    (
        [(header::SET_COOKIE, clear_cookie())],
        Redirect::to("/login"),
    )
        .into_response()
}
