//! The API router: every handler registered through `utoipa-axum`, so the OpenAPI document
//! (`/api/openapi.json`, Swagger UI at `/api/docs`) lists exactly the routes served.

use crate::AppState;
use crate::api::{admin, exports, forms, imports, review, session, workflow};
use crate::security::UPLOAD_LIMIT;
use axum::extract::DefaultBodyLimit;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Document-level information.
#[derive(OpenApi)]
#[openapi(
    info(title = "jixiao API", description = "项目支出绩效自评表：填报、审核、复核与公开。Cookie 会话需在非 GET 请求中带 X-CSRF-Token；脚本可用 Bearer 令牌（POST /api/tokens）。"),
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
    let (_, doc) = api_router().split_for_parts();
    serde_json::to_value(doc).unwrap_or_default()
}
