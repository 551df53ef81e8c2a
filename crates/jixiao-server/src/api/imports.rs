//! `POST /api/imports`: a multipart upload of one or more files in any format
//! `jixiao_io::read_forms` reads; one transaction, all or nothing, a report per file.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::MultipartBody;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jixiao_store::imports::ImportFile;
use serde_json::{Value, json};

/// The multipart body of `POST /api/imports`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportUpload {
    /// A file in any format the reader accepts (xlsx, xls, docx, pdf, txt, csv, …); repeat the
    /// field for a batch.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// Import files (multipart field `file`, repeated). 200 with the report when imported,
/// 422 with the report (naming the file and why) when nothing was imported.
#[utoipa::path(post, path = "/api/imports", tag = "imports",
    request_body(content = ImportUpload, content_type = "multipart/form-data", description = "一个或多个 file 字段"),
    responses((status = 200, description = "已导入", body = Object), (status = 422, description = "未导入：报告指出哪个文件、为什么", body = Object),
        (status = 413, description = "超过 50 MB")))]
pub async fn import(
    State(state): State<AppState>,
    cu: CurrentUser,
    MultipartBody(mut mp): MultipartBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut uploads: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(format!("上传内容无法解析：{e}")))?
    {
        let name = field
            .file_name()
            .map(str::to_string)
            .unwrap_or_else(|| format!("file{}", uploads.len() + 1));
        let bytes = field.bytes().await.map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("上传失败（单次最多 50 MB）：{e}"),
            )
        })?;
        uploads.push((name, bytes.to_vec()));
    }
    if uploads.is_empty() {
        return Err(ApiError::bad_request(
            "没有收到文件：请用 multipart 字段 file 上传",
        ));
    }
    let files = tokio::task::spawn_blocking(move || {
        uploads
            .into_iter()
            .map(|(name, bytes)| ImportFile {
                forms: jixiao_io::read_forms(&name, &bytes, &Default::default()),
                name,
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| ApiError::from(anyhow::anyhow!("读取线程失败：{e}")))?;
    let report = state.store.import(&cu.user, files).await?;
    let status = if report.imported {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(json!(report))))
}
