//! The API router: every handler registered through `utoipa-axum`, so the OpenAPI document
//! (`/api/openapi.json`, Swagger UI at `/api/docs`) lists exactly the routes served.

use crate::AppState;
use crate::api::{admin, exports, forms, imports, review, session, workflow};
use crate::security::UPLOAD_LIMIT;
use axum::extract::DefaultBodyLimit;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, HttpMethod, Ref, Response};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Document-level information.
#[derive(OpenApi)]
#[openapi(
    info(title = "jixiao API", description = "项目支出绩效自评表：填报、审核、复核与公开。Cookie 会话需在非 GET 请求中带 X-CSRF-Token；脚本可用 Bearer 令牌（POST /api/tokens）。"),
    components(schemas(ErrorBody)),
    tags(
        (name = "session", description = "登录、退出、当前用户、API 令牌"),
        (name = "forms", description = "自评表：列表、查看、创建、保存（版本）、历史"),
        (name = "workflow", description = "流程：提交、审核、退回、重新提交、通过、公开"),
        (name = "review", description = "问题处理、复核分、单元格意见"),
        (name = "imports", description = "批量导入"),
        (name = "dashboard", description = "汇总"),
        (name = "admin", description = "单位与用户管理"),
    )
)]
pub struct ApiDoc;

/// The body of every error response (`crate::error::ApiError`); some errors add fields
/// (`current_version` on 409, `findings` on 422, `retry_after` on 429).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// Stable English code: `bad_request`, `unauthorized`, `forbidden`, `csrf`, `not_found`,
    /// `conflict`, `unprocessable`, `too_large`, `unsupported_media_type`, `rate_limited`, …
    pub error: String,
    /// 中文说明
    pub message: String,
}

/// The router and its OpenAPI document, with the error responses every operation can give
/// added by [`complete_error_responses`].
pub fn split() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = api_router().split_for_parts();
    complete_error_responses(&mut doc);
    (router, doc)
}

/// Document the errors the middleware and the extractors give on any operation, and give every
/// error response the JSON [`ErrorBody`]: 400 (a path, query or body that does not parse),
/// 401 (not signed in; every operation but login), 403 (CSRF, on unsafe methods), 404 (an id
/// in the path that does not exist or is out of scope), 413 and 415 (operations with a body).
pub fn complete_error_responses(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let path = path.clone();
        let ops = [
            (HttpMethod::Get, item.get.as_mut()),
            (HttpMethod::Put, item.put.as_mut()),
            (HttpMethod::Post, item.post.as_mut()),
            (HttpMethod::Delete, item.delete.as_mut()),
            (HttpMethod::Patch, item.patch.as_mut()),
        ];
        for (method, op) in ops {
            if let Some(op) = op {
                complete_operation(&path, method, op);
            }
        }
    }
}

fn complete_operation(path: &str, method: HttpMethod, op: &mut Operation) {
    let login = path == "/api/login";
    let body_types: Vec<String> = match &op.request_body {
        Some(utoipa::openapi::RefOr::T(b)) => b.content.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| Response::new(description).into());
    };
    add("400", "请求参数有误（路径、查询参数或请求体无法解析）");
    if !login {
        add("401", "未登录");
    }
    if method != HttpMethod::Get && !login {
        add("403", "缺少或错误的 CSRF 令牌，或无权操作");
    }
    if path.contains('{') {
        add("404", "不存在或无权查看");
    }
    if !body_types.is_empty() {
        add("413", "提交的内容太大");
    }
    if body_types.iter().any(|t| t == "application/json") {
        add(
            "415",
            "请求体不是 JSON（缺少 Content-Type: application/json）",
        );
    }
    for (status, response) in op.responses.responses.iter_mut() {
        let utoipa::openapi::RefOr::T(response) = response else {
            continue;
        };
        if status.starts_with('4') && response.content.is_empty() {
            response.content.insert(
                "application/json".to_string(),
                Content::new(Some(Ref::from_schema_name("ErrorBody"))).into(),
            );
        }
    }
}

/// Every API route with its OpenAPI description.
pub fn api_router() -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(imports::import))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::login))
        .routes(routes!(session::logout))
        .routes(routes!(session::me))
        .routes(routes!(session::create_token))
        .routes(routes!(forms::list, forms::create))
        .routes(routes!(forms::get, forms::put))
        .routes(routes!(forms::versions))
        .routes(routes!(forms::version))
        .routes(routes!(forms::history))
        .routes(routes!(exports::form_export))
        .routes(routes!(exports::batch_export))
        .routes(routes!(workflow::submit))
        .routes(routes!(workflow::start_review))
        .routes(routes!(workflow::return_form))
        .routes(routes!(workflow::resubmit))
        .routes(routes!(workflow::approve))
        .routes(routes!(workflow::publish))
        .routes(routes!(review::findings))
        .routes(routes!(review::triage))
        .routes(routes!(review::scores))
        .routes(routes!(review::set_score))
        .routes(routes!(review::comments, review::add_comment))
        .routes(routes!(admin::dashboard))
        .routes(routes!(admin::orgs, admin::create_org))
        .routes(routes!(admin::users, admin::create_user))
        .merge(uploads)
}

/// The OpenAPI document as JSON (what `/api/openapi.json` serves).
pub fn openapi_json() -> serde_json::Value {
    let (_, doc) = split();
    serde_json::to_value(doc).unwrap_or_default()
}
