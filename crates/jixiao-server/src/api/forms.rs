//! Forms: list, read, create, save (optimistic locking), versions, history.

use crate::AppState;
use crate::api::parse_form;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBody, PathParams, QueryParams};
use axum::Json;
use axum::extract::State;
use jixiao_store::forms::{FormFilter, StoredForm};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::IntoParams;

/// The list filters, shared by `GET /api/forms` and `GET /api/exports`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// 年度
    pub year: Option<i64>,
    /// Unit (org) id.
    pub unit: Option<i64>,
    /// Workflow status (`draft`, `submitted`, `in_review`, `returned`, `resubmitted`, `approved`, `published`).
    #[param(pattern = "^(|draft|submitted|in_review|returned|resubmitted|approved|published)$")]
    pub status: Option<String>,
    /// Grade code (`excellent`, `good`, `fair`, `poor`).
    pub grade: Option<String>,
    /// Only forms with a finding of this rule code (`JX402`).
    pub code: Option<String>,
    /// Only forms with a finding of this severity (`error`, `warning`, `info`).
    #[param(pattern = "^(|error|warning|info)$")]
    pub severity: Option<String>,
    /// Text in the project name or code.
    pub q: Option<String>,
}

/// Sort and page of `GET /api/forms` (beside its [`FilterQuery`]).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// `id`, `total`, `year`, `updated_at`, `errors`, `project_name`; prefix `-` for descending.
    #[param(pattern = "^(-?(id|total|year|updated_at|errors|project_name))?$")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<i64>,
    /// Page size (≤ 500, default 50).
    pub per_page: Option<i64>,
}

impl FilterQuery {
    /// The store filter, sorted and paged by `page`; an unknown workflow status is a 400 (not
    /// an empty page).
    pub fn into_filter(self, page: PageQuery) -> ApiResult<FormFilter> {
        let q = self;
        let status = non_empty(q.status);
        if let Some(s) = &status
            && jixiao_store::workflow::Status::parse(s).is_none()
        {
            return Err(ApiError::bad_request(format!(
                "未知的流程状态“{s}”：应为 draft、submitted、in_review、returned、resubmitted、approved 或 published"
            )));
        }
        Ok(FormFilter {
            year: q.year,
            unit_id: q.unit,
            status,
            grade: non_empty(q.grade),
            code: non_empty(q.code),
            severity: non_empty(q.severity),
            q: non_empty(q.q),
            sort: non_empty(page.sort),
            page: page.page,
            per_page: page.per_page,
        })
    }
}

/// An empty query parameter (`?status=`, what an HTML select with no choice sends) does not filter.
fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.is_empty())
}

/// The body of `PUT /api/forms/{id}`: the form in the check JSON shape (or `{"text": "…"}`) plus
/// the `version` it was read at.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct SaveRequest {
    /// The version the form was read at (stale → 409).
    pub version: i64,
}

/// The API shape of a stored form: the check JSON with `id`, `version`, `status` (workflow),
/// `read_status` (the check's own reading status), unit and counts; findings carry `id` and `triage`.
pub fn form_view(f: &StoredForm, findings: Vec<Value>) -> Value {
    let mut v = f.body.clone();
    if let Some(o) = v.as_object_mut() {
        let read_status = o.remove("status").unwrap_or(Value::Null);
        o.insert("read_status".into(), read_status);
        o.insert("status".into(), json!(f.summary.status));
        o.insert("id".into(), json!(f.summary.id));
        o.insert("version".into(), json!(f.summary.version));
        o.insert("unit_id".into(), json!(f.summary.unit_id));
        o.insert("unit_name".into(), json!(f.summary.unit_name));
        o.insert("counts".into(), json!({"errors": f.summary.errors, "warnings": f.summary.warnings, "infos": f.summary.infos}));
        o.insert("updated_at".into(), json!(f.summary.updated_at));
        o.insert("findings".into(), Value::Array(findings));
    }
    v
}

async fn view(state: &AppState, cu: &CurrentUser, f: StoredForm) -> ApiResult<Json<Value>> {
    let findings = state.store.list_findings(&cu.user, f.summary.id).await?;
    Ok(Json(form_view(&f, findings)))
}

/// Forms the caller may see, filtered, sorted and paged: `{items, total_count, page, per_page}`.
#[utoipa::path(get, path = "/api/forms", tag = "forms", params(FilterQuery, PageQuery),
    responses((status = 200, description = "自评表列表", body = Object), (status = 401, description = "未登录")))]
pub async fn list(
    State(state): State<AppState>,
    cu: CurrentUser,
    QueryParams(q): QueryParams<FilterQuery>,
    QueryParams(paging): QueryParams<PageQuery>,
) -> ApiResult<Json<Value>> {
    let page = state
        .store
        .list_forms(&cu.user, &q.into_filter(paging)?)
        .await?;
    Ok(Json(
        serde_json::to_value(page).map_err(|e| ApiError::bad_request(e.to_string()))?,
    ))
}

/// One form in the check JSON shape plus `id`, `version`, `status`, `read_status`.
#[utoipa::path(get, path = "/api/forms/{id}", tag = "forms", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "自评表", body = Object), (status = 404, description = "不存在或无权查看")))]
pub async fn get(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    let f = state.store.get_form(&cu.user, id).await?;
    view(&state, &cu, f).await
}

/// Create a form from the check JSON shape, or from `{"text": "…"}`; it starts as a draft.
#[utoipa::path(post, path = "/api/forms", tag = "forms", request_body = Object,
    responses((status = 200, description = "已创建", body = Object), (status = 400, description = "无法读取"),
        (status = 403, description = "单位不在管辖范围内")))]
pub async fn create(
    State(state): State<AppState>,
    cu: CurrentUser,
    JsonBody(body): JsonBody<Value>,
) -> ApiResult<Json<Value>> {
    let form = parse_form(&body)?;
    let f = state.store.create_form(&cu.user, form).await?;
    view(&state, &cu, f).await
}

/// Save a new version: the body is the form in the check JSON shape plus the `version` it was
/// read at. A stale version gets 409 with `current_version`.
#[utoipa::path(put, path = "/api/forms/{id}", tag = "forms", params(("id" = i64, Path, description = "自评表编号")),
    request_body = SaveRequest,
    responses((status = 200, description = "已保存（新版本）", body = Object), (status = 409, description = "版本冲突"),
        (status = 422, description = "当前状态不能修改"), (status = 404, description = "不存在或无权查看")))]
pub async fn put(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
    JsonBody(body): JsonBody<Value>,
) -> ApiResult<Json<Value>> {
    let version = body
        .get("version")
        .and_then(Value::as_i64)
        .ok_or_else(|| ApiError::bad_request("缺少 version：请带上读取时的版本号"))?;
    // Visibility first, so an unknown form answers 404 whatever the body.
    state.store.form_summary(&cu.user, id).await?;
    let form = parse_form(&body)?;
    let f = state.store.save_form(&cu.user, id, version, form).await?;
    view(&state, &cu, f).await
}

/// Every saved version: `[{version, saved_by, saved_at}]`.
#[utoipa::path(get, path = "/api/forms/{id}/versions", tag = "forms", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "版本列表", body = [Object]), (status = 404, description = "不存在或无权查看")))]
pub async fn versions(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    let v = state.store.form_versions(&cu.user, id).await?;
    Ok(Json(json!(v
        .into_iter()
        .map(|(version, saved_by, saved_at)| json!({"version": version, "saved_by": saved_by, "saved_at": saved_at}))
        .collect::<Vec<_>>())))
}

/// One saved version's body (check JSON).
#[utoipa::path(get, path = "/api/forms/{id}/versions/{version}", tag = "forms",
    params(("id" = i64, Path, description = "自评表编号"), ("version" = i64, Path, description = "版本号")),
    responses((status = 200, description = "该版本", body = Object), (status = 404, description = "不存在或无权查看")))]
pub async fn version(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams((id, version)): PathParams<(i64, i64)>,
) -> ApiResult<Json<Value>> {
    state.store.form_summary(&cu.user, id).await?;
    Ok(Json(state.store.form_body(id, version).await?))
}

/// The audit log of a form: `[{id, at, username, action, before, after}]`, oldest first.
#[utoipa::path(get, path = "/api/forms/{id}/history", tag = "forms", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "审计记录", body = [Object]), (status = 404, description = "不存在或无权查看")))]
pub async fn history(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    let h = state.store.form_history(&cu.user, id).await?;
    Ok(Json(json!(h)))
}
