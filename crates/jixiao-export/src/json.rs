//! JSON: the check JSON contract for every form, `{"forms": [...], "summary": {...}}`, exactly
//! what `jixiao check --format json` prints.

use crate::ExportError;
use jixiao_core::output::json::{Summary, form_json};
use jixiao_core::pipeline::CheckedForm;
use serde_json::{Value, json};

/// The JSON document of `forms`.
pub fn document(forms: &[CheckedForm]) -> Value {
    let mut summary = Summary::default();
    let mut files: Vec<&str> = Vec::new();
    for c in forms {
        summary.add(c);
        let file = c.form.source.path.split('#').next().unwrap_or_default();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    summary.files = files.len();
    json!({
        "forms": forms.iter().map(form_json).collect::<Vec<_>>(),
        "summary": summary.to_json(),
    })
}

/// The JSON document of `forms` as pretty-printed bytes.
pub fn to_json(forms: &[CheckedForm]) -> Result<Vec<u8>, ExportError> {
    let mut out = serde_json::to_vec_pretty(&document(forms))
        .map_err(|e| ExportError::Write(format!("生成 JSON 时出错：{e}")))?;
    out.push(b'\n');
    Ok(out)
}
