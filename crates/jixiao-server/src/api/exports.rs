//! Downloads: one form, or every form matching the list filters, as xlsx / pdf / csv / parquet /
//! json (see `crate::exports`). Same scope as reading: a form outside the caller's units is 404,
//! a batch holds only the caller's forms.

use crate::AppState;
use crate::api::forms::ListQuery;
use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::exports::{Download, Format, batch_download, form_download};
use crate::extract::{PathParams, QueryParams};
use axum::extract::State;
use jixiao_store::forms::FormFilter;
use serde::Deserialize;
use utoipa::IntoParams;

/// `?format=` of a download.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `xlsx` (default), `pdf`, `csv` (zip of CSV tables), `parquet` (zip of Parquet tables), `json`.
    #[param(pattern = "^\\s*(|xlsx|pdf|csv|parquet|json)\\s*$")]
    pub format: Option<String>,
}

/// One form as a file (`Content-Disposition` with the Chinese file name, RFC 5987).
#[utoipa::path(get, path = "/api/forms/{id}/export", tag = "forms",
    params(("id" = i64, Path, description = "自评表编号"), FormatQuery),
    responses((status = 200, description = "文件：xlsx、pdf、zip（csv / parquet）或 json", content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"), ("application/zip"), (Object = "application/json"))),
        (status = 400, description = "格式不支持"), (status = 404, description = "不存在或无权查看"),
        (status = 422, description = "无法生成（如缺少中文字体）")))]
pub async fn form_export(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathParams(id): PathParams<i64>,
    QueryParams(q): QueryParams<FormatQuery>,
) -> ApiResult<Download> {
    let format = Format::parse(q.format.as_deref())?;
    Ok(form_download(&state.store, &cu.user, id, format).await?)
}

/// `GET /api/exports` query: the list filters plus `format`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// `xlsx` (default), `pdf`, `csv` (zip of CSV tables), `parquet` (zip of Parquet tables), `json`.
    #[param(pattern = "^\\s*(|xlsx|pdf|csv|parquet|json)\\s*$")]
    pub format: Option<String>,
    /// 年度
    pub year: Option<i64>,
    /// Unit (org) id.
    pub unit: Option<i64>,
    /// Workflow status (`draft`, `submitted`, `in_review`, `returned`, `resubmitted`, `approved`, `published`).
    #[param(pattern = "^(|draft|submitted|in_review|returned|resubmitted|approved|published)$")]
    pub status: Option<String>,
    /// Grade code (`excellent`, `good`, `fair`, `poor`).
    pub grade: Option<String>,
    /// Only forms with a finding of this rule code.
    pub code: Option<String>,
    /// Only forms with a finding of this severity (`error`, `warning`, `info`).
    #[param(pattern = "^(|error|warning|info)$")]
    pub severity: Option<String>,
    /// Text in the project name or code.
    pub q: Option<String>,
}

/// Every form the caller sees that matches the filters, as one file (xlsx and pdf: at most
/// 1000 forms, the others 20000; more → 422).
#[utoipa::path(get, path = "/api/exports", tag = "forms", params(BatchQuery),
    responses((status = 200, description = "文件：xlsx、pdf、zip（csv / parquet）或 json", content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"), ("application/zip"), (Object = "application/json"))),
        (status = 400, description = "格式或筛选条件有误"), (status = 401, description = "未登录"),
        (status = 422, description = "份数超过上限，或无法生成")))]
pub async fn batch_export(
    State(state): State<AppState>,
    cu: CurrentUser,
    QueryParams(q): QueryParams<BatchQuery>,
) -> ApiResult<Download> {
    let format = Format::parse(q.format.as_deref())?;
    let list = ListQuery {
        year: q.year,
        unit: q.unit,
        status: q.status,
        grade: q.grade,
        code: q.code,
        severity: q.severity,
        q: q.q,
        ..Default::default()
    };
    let filter: FormFilter = list.into_filter()?;
    Ok(batch_download(&state.store, &cu.user, &filter, format).await?)
}
