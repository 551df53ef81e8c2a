//! Workflow transitions: submit, start-review, return, resubmit, approve, publish.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::extract::{JsonBody, PathParams};
use axum::Json;
use axum::extract::State;
use jixiao_store::workflow::{Action, CellComment};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// Optional body of a transition: comments per cell (when returning a form).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TransitionRequest {
    /// `[{cell: "indicators/3/actual", text: "…"}]`
    #[serde(default)]
    #[schema(value_type = Vec<crate::api::review::CommentRequest>)]
    pub comments: Vec<CellComment>,
}

async fn run(
    state: AppState,
    cu: CurrentUser,
    id: i64,
    action: Action,
    body: Option<JsonBody<TransitionRequest>>,
) -> ApiResult<Json<Value>> {
    let comments = body.map(|b| b.0.comments).unwrap_or_default();
    let s = state
        .store
        .transition(&cu.user, id, action, &comments)
        .await?;
    Ok(Json(
        json!({"id": s.id, "version": s.version, "status": s.status}),
    ))
}

macro_rules! transition {
    ($name:ident, $action:expr, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "workflow", params(("id" = i64, Path, description = "自评表编号")),
            request_body = Option<TransitionRequest>,
            responses((status = 200, description = "新状态", body = Object), (status = 403, description = "角色不允许"),
                (status = 404, description = "不存在或无权查看"), (status = 422, description = "当前状态不允许，或有未处理的错误级问题")))]
        pub async fn $name(
            State(state): State<AppState>,
            cu: CurrentUser,
            PathParams(id): PathParams<i64>,
            body: Option<JsonBody<TransitionRequest>>,
        ) -> ApiResult<Json<Value>> {
            run(state, cu, id, $action, body).await
        }
    };
}

transition!(
    submit,
    Action::Submit,
    "/api/forms/{id}/submit",
    "Submit a draft (filer of the unit, or a reviewer over it); refused with 422 while error-level findings are open."
);
transition!(
    start_review,
    Action::StartReview,
    "/api/forms/{id}/start-review",
    "Start reviewing a submitted or resubmitted form (supervisor, finance_admin)."
);
transition!(
    return_form,
    Action::Return,
    "/api/forms/{id}/return",
    "Return a form under review with comments per cell (supervisor, finance_admin)."
);
transition!(
    resubmit,
    Action::Resubmit,
    "/api/forms/{id}/resubmit",
    "Resubmit a returned form; refused with 422 while error-level findings are open."
);
transition!(
    approve,
    Action::Approve,
    "/api/forms/{id}/approve",
    "Approve a form under review (supervisor, finance_admin)."
);
transition!(
    publish,
    Action::Publish,
    "/api/forms/{id}/publish",
    "Publish an approved form (finance_admin)."
);
