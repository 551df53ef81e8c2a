//! API errors: every failure is JSON `{"error": code, "message": 中文说明, …}` with a fitting status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jixiao_store::StoreError;
use serde_json::{Value, json};

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Extra fields merged into the JSON body (`current_version`, `findings`, …).
    pub extra: Value,
}

impl ApiError {
    /// An error with no extra fields.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            extra: Value::Null,
        }
    }

    /// 401: not signed in.
    pub fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "请先登录")
    }

    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 403 with a message.
    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        match e {
            StoreError::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", message),
            StoreError::Forbidden(_) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", message),
            StoreError::Conflict { current_version } => ApiError {
                status: StatusCode::CONFLICT,
                code: "conflict",
                message,
                extra: json!({"current_version": current_version}),
            },
            StoreError::Unprocessable { details, .. } => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "unprocessable",
                message,
                extra: details,
            },
            StoreError::Invalid(_) => {
                ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
            }
            StoreError::Db(_) | StoreError::Migrate(_) | StoreError::Internal(_) => {
                eprintln!("jixiao serve: {message}");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "服务器内部错误，请稍后再试或联系管理员",
                )
            }
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        eprintln!("jixiao serve: {e:#}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "服务器内部错误",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"error": self.code, "message": self.message});
        if let (Some(b), Value::Object(extra)) = (body.as_object_mut(), self.extra) {
            for (k, v) in extra {
                b.insert(k, v);
            }
        }
        (self.status, Json(body)).into_response()
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
