//! Findings and their triage, reviewer scores, comments per cell.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::extract::{JsonBody, PathParams};
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// `POST …/findings/{fid}/triage` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TriageRequest {
    /// `open`, `accepted`, `dismissed` or `fixed`.
    #[schema(pattern = "^(open|accepted|dismissed|fixed)$")]
    pub state: String,
    /// Required for `accepted` and `dismissed`.
    pub reason: Option<String>,
}

/// `PUT …/scores/{indicator}` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScoreRequest {
    /// Decimal string (`"8.5"`).
    pub score: String,
    pub note: Option<String>,
}

/// `POST …/comments` body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentRequest {
    /// Cell path, e.g. `indicators/3/actual`.
    pub cell: String,
    /// Not blank.
    #[schema(pattern = "\\S")]
    pub text: String,
}

/// Findings of the current version, each with `id` and `triage`.
#[utoipa::path(get, path = "/api/forms/{id}/findings", tag = "review", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "问题列表", body = [Object]), (status = 404, description = "不存在或无权查看")))]
pub async fn findings(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(state.store.list_findings(&cu.user, id).await?)))
}

/// Triage a finding: open / accepted (with reason) / dismissed (with reason) / fixed.
#[utoipa::path(post, path = "/api/forms/{id}/findings/{fid}/triage", tag = "review",
    params(("id" = i64, Path, description = "自评表编号"), ("fid" = String, Path, description = "问题编号（如 JX402-17）")),
    request_body = TriageRequest,
    responses((status = 200, description = "已处理", body = Object), (status = 400, description = "缺少理由"),
        (status = 404, description = "不存在或无权查看")))]
pub async fn triage(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams((id, fid)): PathParams<(i64, String)>,
    JsonBody(req): JsonBody<TriageRequest>,
) -> ApiResult<Json<Value>> {
    let v = state
        .store
        .triage_finding(&cu.user, id, &fid, &req.state, req.reason.as_deref())
        .await?;
    Ok(Json(v))
}

/// Reviewer scores (复核分) of a form.
#[utoipa::path(get, path = "/api/forms/{id}/scores", tag = "review", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "复核分", body = [Object]), (status = 404, description = "不存在或无权查看")))]
pub async fn scores(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(state.store.review_scores(&cu.user, id).await?)))
}

/// Set the reviewer score of one indicator row (0-based index; supervisor, finance_admin).
#[utoipa::path(put, path = "/api/forms/{id}/scores/{indicator}", tag = "review",
    params(("id" = i64, Path, description = "自评表编号"), ("indicator" = i64, Path, description = "指标行（从 0 起）")),
    request_body = ScoreRequest,
    responses((status = 200, description = "已保存", body = Object), (status = 403, description = "填报人不能评分"),
        (status = 404, description = "不存在或无权查看")))]
pub async fn set_score(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams((id, indicator)): PathParams<(i64, i64)>,
    JsonBody(req): JsonBody<ScoreRequest>,
) -> ApiResult<Json<Value>> {
    let s = state
        .store
        .set_review_score(&cu.user, id, indicator, &req.score, req.note.as_deref())
        .await?;
    Ok(Json(json!(s)))
}

/// Comments of a form, oldest first.
#[utoipa::path(get, path = "/api/forms/{id}/comments", tag = "review", params(("id" = i64, Path, description = "自评表编号")),
    responses((status = 200, description = "意见", body = [Object]), (status = 404, description = "不存在或无权查看")))]
pub async fn comments(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(state.store.comments(&cu.user, id).await?)))
}

/// Add a comment on a cell.
#[utoipa::path(post, path = "/api/forms/{id}/comments", tag = "review", params(("id" = i64, Path, description = "自评表编号")),
    request_body = CommentRequest,
    responses((status = 200, description = "已添加", body = Object), (status = 404, description = "不存在或无权查看")))]
pub async fn add_comment(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
    JsonBody(req): JsonBody<CommentRequest>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!(
        state
            .store
            .add_comment(&cu.user, id, &req.cell, &req.text)
            .await?
    )))
}
