//! Request extractors that answer bad input the way every other API error is answered: JSON
//! `{"error": code, "message": 中文说明}` (axum's own extractors reject with English plain text).
//!
//! - [`JsonBody`]: a JSON request body. No `Content-Type: application/json` → 415
//!   `unsupported_media_type`; malformed JSON or a field of the wrong type → 400 `bad_request`;
//!   over the body limit → 413 `too_large`. `Option<JsonBody<T>>` is `None` without a body
//!   (no `Content-Type`) or with the body `null`.
//! - [`PathParams`], [`QueryParams`]: a path segment or query parameter that does not parse
//!   (`/api/forms/abc`, `?year=x`) → 400 `bad_request`.
//! - [`MultipartBody`]: not `multipart/form-data` or no boundary → 400 `bad_request`.

use crate::error::ApiError;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{
    FromRequest, FromRequestParts, Multipart, OptionalFromRequest, Path, Query, Request,
};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The error for a rejected request part: 413 and 415 keep their status, the rest are 400;
/// `what` names the part in Chinese, the detail (from serde / axum) follows it.
fn rejected(status: StatusCode, what: &str, detail: String) -> ApiError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            "too_large",
            "提交的内容太大（JSON 最多 2 MB，上传最多 50 MB）",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            status,
            "unsupported_media_type",
            format!("{what}格式不对：请设置 Content-Type: application/json 并提交 JSON"),
        ),
        _ => ApiError::bad_request(format!("{what}有误：{detail}")),
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let detail = match &r {
            JsonRejection::JsonSyntaxError(_) => format!("不是有效的 JSON（{}）", r.body_text()),
            _ => r.body_text(),
        };
        rejected(status, "请求体", detail)
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        rejected(r.status(), "路径参数", r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        rejected(r.status(), "查询参数", r.body_text())
    }
}

impl From<MultipartRejection> for ApiError {
    fn from(r: MultipartRejection) -> Self {
        ApiError::bad_request(format!(
            "上传内容应为 multipart/form-data（带 boundary），字段名 file：{}",
            r.body_text()
        ))
    }
}

/// A JSON request body (see the module docs for the errors).
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(v) = <axum::Json<T> as FromRequest<S>>::from_request(req, state).await?;
        Ok(JsonBody(v))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        // A body of `null` is no body too (what a client sends for an absent optional body).
        let v = <axum::Json<Option<T>> as OptionalFromRequest<S>>::from_request(req, state).await?;
        Ok(v.and_then(|axum::Json(v)| v).map(JsonBody))
    }
}

/// Path parameters (see the module docs for the errors).
#[derive(Debug, Clone, Copy, Default)]
pub struct PathParams<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(v) = Path::<T>::from_request_parts(parts, state).await?;
        Ok(PathParams(v))
    }
}

/// Query parameters (see the module docs for the errors).
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(v) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(QueryParams(v))
    }
}

/// A `multipart/form-data` body (see the module docs for the errors).
pub struct MultipartBody(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for MultipartBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(MultipartBody(
            <Multipart as FromRequest<S>>::from_request(req, state).await?,
        ))
    }
}
