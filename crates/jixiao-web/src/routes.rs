//! The page router and what every handler shares: who is signed in, the frame, errors as pages.

use crate::layout::{Layout, UserBadge, nav_for, role_zh};
use crate::pages::MessagePage;
use crate::{admin, forms, lists, session};
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jixiao_server::jixiao_store::StoreError;
use jixiao_server::{AppState, CurrentUser};

/// Every page route, plus the embedded static files.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(session::login_page).post(session::login))
        .route("/logout", post(session::logout))
        .route("/", get(lists::home))
        .route("/forms", get(lists::my_forms))
        .route("/queue", get(lists::queue))
        .route("/queue/batch", post(lists::batch))
        .route("/exports", get(lists::exports))
        .route("/exports/forms.csv", get(lists::export_csv))
        .route("/exports/download/{format}", get(lists::download_batch))
        .route("/forms/{id}", get(forms::show))
        .route("/forms/{id}/preview", post(forms::preview))
        .route("/forms/{id}/save", post(forms::save))
        .route("/forms/{id}/submit", post(forms::submit))
        .route("/forms/{id}/explain", post(forms::explain))
        .route("/forms/{id}/review", post(forms::review))
        .route("/forms/{id}/action/{action}", post(forms::action))
        .route("/forms/{id}/export.json", get(forms::export_json))
        .route("/forms/{id}/download/{format}", get(forms::download))
        .route("/dashboard", get(admin::dashboard))
        .route("/admin", get(admin::admin_page))
        .route("/admin/orgs", post(admin::create_org))
        .route("/admin/users", post(admin::create_user))
        .route("/upload", get(admin::upload_page).post(admin::upload))
        .merge(crate::assets::routes())
}

/// The frame for `cu` on the page whose nav entry is `here`.
pub fn layout(cu: &CurrentUser, here: &str) -> Layout {
    let role = cu.user.role.code();
    Layout {
        user: Some(UserBadge {
            name: cu.user.display_name.clone(),
            role_zh: role_zh(role).to_string(),
        }),
        nav: nav_for(role),
        here: here.to_string(),
        csrf: cu.csrf_token.clone().unwrap_or_default(),
        flash: None,
    }
}

/// A rendered template as a response with `status`.
pub fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("页面生成失败：{e}"),
        )
            .into_response(),
    }
}

/// A message page.
pub fn message(
    status: StatusCode,
    layout: Layout,
    heading: &str,
    text: &str,
    back: &str,
) -> Response {
    render(
        status,
        &MessagePage {
            layout,
            heading: heading.to_string(),
            text: text.to_string(),
            back: back.to_string(),
        },
    )
}

/// A store error as a page: 404 (also for forms the user may not see), 403, 409, 422, 400, 500.
pub fn store_error(cu: &CurrentUser, e: StoreError, back: &str) -> Response {
    let (status, heading) = match &e {
        StoreError::NotFound(_) => (StatusCode::NOT_FOUND, "未找到"),
        StoreError::Forbidden(_) => (StatusCode::FORBIDDEN, "无权操作"),
        StoreError::Conflict { .. } => (StatusCode::CONFLICT, "保存冲突"),
        StoreError::Unprocessable { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "不能执行"),
        StoreError::Invalid(_) => (StatusCode::BAD_REQUEST, "输入有误"),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "服务器错误"),
    };
    let text = match &e {
        StoreError::NotFound(what) => {
            format!("{what} 不存在，或不在您的权限范围内。")
        }
        StoreError::Conflict { current_version } => format!(
            "这份自评表在您打开之后已被修改（现在是第 {current_version} 版），您的修改没有保存。请重新打开最新版本，再把修改填进去。"
        ),
        other => other.to_string(),
    };
    message(status, layout(cu, ""), heading, &text, back)
}

/// Who may not open a page of another role.
pub fn forbidden(cu: &CurrentUser) -> Response {
    message(
        StatusCode::FORBIDDEN,
        layout(cu, ""),
        "无权访问",
        "这个页面不属于您的角色。",
        "/",
    )
}

/// Not signed in: go to the login page.
pub fn to_login() -> Response {
    Redirect::to("/login").into_response()
}

/// A fixed message for `?msg=` after a redirect (never the query text itself).
pub fn flash_text(code: &str) -> Option<String> {
    let t = match code {
        "saved" => "已保存。",
        "submitted" => "已提交审核。",
        "resubmitted" => "已重新提交。",
        "returned" => "已退回，填报人会看到您的意见。",
        "approved" => "已审核通过。",
        "published" => "已公开。",
        "review_saved" => "复核分和批注已保存。",
        "started" => "已开始审核。",
        "batch" => "批量操作已完成。",
        "org" => "机构已创建。",
        "user" => "用户已创建。",
        _ => return None,
    };
    Some(t.to_string())
}
