//! The JSON API handlers, one module per area. Every handler carries `#[utoipa::path]`, and
//! `openapi::api_router` registers them, so the OpenAPI document lists every route.

pub mod admin;
pub mod exports;
pub mod forms;
pub mod imports;
pub mod review;
pub mod session;
pub mod workflow;

use crate::error::ApiError;
use jixiao_core::model::Form;
use serde_json::Value;

/// Parse a form in the check JSON shape (the body of `POST`/`PUT /api/forms`), or read a form
/// from `{"text": "…"}` (any text layout `jixiao check` accepts).
pub fn parse_form(body: &Value) -> Result<Form, ApiError> {
    if let Some(text) = body.get("text").and_then(Value::as_str)
        && body.get("header").is_none()
    {
        let name = body
            .get("file_name")
            .and_then(Value::as_str)
            .unwrap_or("form.txt");
        let mut forms = jixiao_io::read_forms(name, text.as_bytes(), &Default::default());
        return match forms.len() {
            1 => Ok(forms.remove(0)),
            0 => Err(ApiError::bad_request("文本中没有读到自评表")),
            n => Err(ApiError::bad_request(format!(
                "文本中读到 {n} 份自评表：一次只能创建一份，批量请用 POST /api/imports"
            ))),
        };
    }
    form_from_check_json(body)
}

/// The check JSON shape → `Form` (`jixiao_core::output::json::form_from_json`); a bad field
/// answers 400 naming it.
fn form_from_check_json(body: &Value) -> Result<Form, ApiError> {
    jixiao_core::output::json::form_from_json(body)
        .map_err(|e| ApiError::bad_request(format!("自评表 JSON 有误：{e}")))
}
