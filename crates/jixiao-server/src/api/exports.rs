//! Downloads: one form, or every form matching the list filters, as xlsx / pdf / csv / parquet /
//! json (see `crate::exports`). Same scope as reading: a form outside the caller's units is 404,
//! a batch holds only the caller's forms.

use crate::AppState;
use crate::api::forms::{FilterQuery, PageQuery};
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

/// Every form the caller sees that matches the filters, as one file (xlsx and pdf: at most
/// 1000 forms, the others 20000; more → 422).
#[utoipa::path(get, path = "/api/exports", tag = "forms", params(FormatQuery, FilterQuery),
    responses((status = 200, description = "文件：xlsx、pdf、zip（csv / parquet）或 json", content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"), ("application/zip"), (Object = "application/json"))),
        (status = 400, description = "格式或筛选条件有误"), (status = 401, description = "未登录"),
        (status = 422, description = "份数超过上限，或无法生成")))]
pub async fn batch_export(
    State(state): State<AppState>,
    cu: CurrentUser,
    QueryParams(f): QueryParams<FormatQuery>,
    QueryParams(q): QueryParams<FilterQuery>,
) -> ApiResult<Download> {
    let format = Format::parse(f.format.as_deref())?;
    let filter: FormFilter = q.into_filter(PageQuery::default())?;
    Ok(batch_download(&state.store, &cu.user, &filter, format).await?)
}
