//! Dashboard aggregates, the organisation tree, user management (finance_admin).

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBody, QueryParams};
use axum::Json;
use axum::extract::State;
use jixiao_store::{OrgKind, Role};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

/// `GET /api/dashboard` query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// 年度 (all years when absent).
    pub year: Option<i64>,
}

/// `POST /api/orgs` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrgRequest {
    pub parent_id: Option<i64>,
    /// `finance_bureau`, `supervisor` or `unit`.
    #[schema(pattern = "^(finance_bureau|supervisor|unit)$")]
    pub kind: String,
    /// Not blank; unique after normalisation.
    #[schema(pattern = "\\S")]
    pub name: String,
}

/// `POST /api/users` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UserRequest {
    /// Not blank; unique.
    #[schema(pattern = "\\S")]
    pub username: String,
    pub display_name: Option<String>,
    /// `finance_admin`, `supervisor` or `filer`.
    #[schema(pattern = "^(finance_admin|supervisor|filer)$")]
    pub role: String,
    pub org_id: i64,
    /// At least 8 characters.
    #[schema(min_length = 8)]
    pub password: String,
}

fn require_admin(cu: &CurrentUser) -> ApiResult<()> {
    if cu.user.role == Role::FinanceAdmin {
        Ok(())
    } else {
        Err(ApiError::forbidden("只有财政局管理员可以管理单位和用户"))
    }
}

/// Aggregates over the caller's forms: by unit, grade, status, rule and year.
#[utoipa::path(get, path = "/api/dashboard", tag = "dashboard", params(DashboardQuery),
    responses((status = 200, description = "汇总", body = Object), (status = 401, description = "未登录")))]
pub async fn dashboard(
    State(state): State<AppState>,
    cu: CurrentUser,
    QueryParams(q): QueryParams<DashboardQuery>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(state.store.dashboard(&cu.user, q.year).await?)))
}

/// The organisations the caller sees (tree order; `path` gives the nesting).
#[utoipa::path(get, path = "/api/orgs", tag = "admin",
    responses((status = 200, description = "单位", body = [Object]), (status = 401, description = "未登录")))]
pub async fn orgs(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Json<Value>> {
    let all = state.store.list_orgs().await?;
    let seen: Vec<_> = all.into_iter().filter(|o| cu.user.sees(o)).collect();
    Ok(Json(json!(seen)))
}

/// Create an organisation (finance_admin).
#[utoipa::path(post, path = "/api/orgs", tag = "admin", request_body = OrgRequest,
    responses((status = 200, description = "已创建", body = Object), (status = 403, description = "只有财政局管理员")))]
pub async fn create_org(
    State(state): State<AppState>,
    cu: CurrentUser,
    JsonBody(req): JsonBody<OrgRequest>,
) -> ApiResult<Json<Value>> {
    require_admin(&cu)?;
    let kind = OrgKind::parse(&req.kind)
        .ok_or_else(|| ApiError::bad_request("kind 应为 finance_bureau、supervisor 或 unit"))?;
    let org = state
        .store
        .create_org(req.parent_id, kind, req.name.trim())
        .await?;
    Ok(Json(json!(org)))
}

/// Every user (finance_admin).
#[utoipa::path(get, path = "/api/users", tag = "admin",
    responses((status = 200, description = "用户", body = [Object]), (status = 403, description = "只有财政局管理员")))]
pub async fn users(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Json<Value>> {
    require_admin(&cu)?;
    Ok(Json(json!(state.store.list_users().await?)))
}

/// Create a user (finance_admin).
#[utoipa::path(post, path = "/api/users", tag = "admin", request_body = UserRequest,
    responses((status = 200, description = "已创建", body = Object), (status = 403, description = "只有财政局管理员")))]
pub async fn create_user(
    State(state): State<AppState>,
    cu: CurrentUser,
    JsonBody(req): JsonBody<UserRequest>,
) -> ApiResult<Json<Value>> {
    require_admin(&cu)?;
    let role = Role::parse(&req.role)
        .ok_or_else(|| ApiError::bad_request("role 应为 finance_admin、supervisor 或 filer"))?;
    let u = state
        .store
        .create_user(
            &req.username,
            req.display_name.as_deref().unwrap_or(&req.username),
            role,
            req.org_id,
            &req.password,
        )
        .await?;
    Ok(Json(json!(u)))
}
