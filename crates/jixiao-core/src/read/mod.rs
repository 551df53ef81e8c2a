//! Reading forms: bytes → text → grid → forms.
//!
//! [`read_bytes`] is the entry point for a file's content. It never panics and never fails: what
//! cannot be read comes back as a form with status `unreadable` (or `incomplete`) saying why.

mod builder;
pub mod labels;

pub use builder::FormReader;

use crate::decode;
use crate::grid::{self, Grid};
use crate::model::{Form, FormStatus};

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a scoring profile instead of detecting one.
    pub profile: Option<String>,
    /// Force a text encoding (`gbk`, `utf-16le`, …) instead of detecting it.
    pub encoding: Option<String>,
}

/// Read every form in a file's bytes. `path` is only used to label the results.
pub fn read_bytes(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let decoded = match &options.encoding {
        Some(label) => decode::decode_with(bytes, label),
        None => decode::decode(bytes),
    };
    match decoded {
        Ok(d) => read_text(path, &d.text, options),
        Err(e) => vec![Form::empty(path, &e.to_string())],
    }
}

/// Read every form in a text (any rendering the reader knows).
pub fn read_text(path: &str, text: &str, options: &ReadOptions) -> Vec<Form> {
    read_grid(path, &grid::from_tsv(text), options)
}

/// Read every form in a grid.
pub fn read_grid(path: &str, grid: &Grid, options: &ReadOptions) -> Vec<Form> {
    let mut reader = FormReader::new(path);
    for row in &grid.rows {
        reader.feed(row);
    }
    let mut forms = reader.finish();
    if forms.is_empty() {
        let mut f = Form::empty(
            path,
            "没有找到绩效自评表：文件中没有可识别的表头（项目名称、资金使用情况或绩效指标）。请确认文件是项目支出绩效自评表的文本、表格或PDF。",
        );
        f.source.last_line = grid.rows.last().map_or(0, |r| r.line);
        forms.push(f);
    }
    for f in &mut forms {
        f.profile = match &options.profile {
            Some(p) => p.clone(),
            None => detect_profile(f).to_string(),
        };
    }
    forms
}

/// Pick a scoring profile from what was read (family detection grows with the reader).
pub fn detect_profile(form: &Form) -> &'static str {
    if matches!(form.status, FormStatus::Unreadable { .. }) {
        return "central_2020";
    }
    let shenzhen = form
        .header
        .project_code
        .as_ref()
        .is_some_and(|c| c.value.starts_with("4403"));
    if shenzhen {
        "shenzhen_2022"
    } else {
        "central_2020"
    }
}
