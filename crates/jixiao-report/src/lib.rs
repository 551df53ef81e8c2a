//! Reports for checked forms: one self-contained HTML file (ECharts inline) and a PDF laid out
//! by typst with CJK fonts from the system.
//!
//! A report has a batch part (grade distribution, execution rate vs total, findings by rule and
//! by unit, the forms most in need of review; each chart with its numbers in a table) and the
//! forms in full (the official table with recomputed values beside printed ones, findings on
//! their rows, a score-breakdown chart). Large batches lay out only the `forms_limit` forms most
//! in need of review in full.

pub mod batch;
pub mod charts;
pub mod fonts;
pub mod html;
mod pdf;
pub mod view;

use jixiao_core::pipeline::CheckedForm;
use serde_json::{Value, json};
use std::path::PathBuf;

/// Forms laid out in full unless told otherwise.
pub const DEFAULT_FORMS_LIMIT: usize = 50;

/// Rows of a chart's data table printed in the PDF (the HTML keeps every row).
pub const PDF_TABLE_ROWS: usize = 25;

/// What went wrong while making a report (messages in Chinese).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No CJK font was found.
    #[error(
        "未找到中文字体（在 {looked} 中查找 Noto CJK 和文泉驿微米黑）。请安装字体：apt-get install fonts-noto-cjk（或 fonts-wqy-microhei），或用 --font-dir 指定含 NotoSansCJK-Regular.ttc / wqy-microhei.ttc 的目录。"
    )]
    NoFont { looked: String },
    /// A font file could not be read.
    #[error("无法读取字体文件 {path}：{why}")]
    FontRead { path: String, why: String },
    /// typst could not lay out the report (a bug in the template or data).
    #[error("PDF 排版失败：{0}")]
    Layout(String),
}

/// Report options.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Lay out at most this many forms in full (all when the batch is no larger).
    pub forms_limit: usize,
    /// Where to look for CJK fonts instead of `/usr/share/fonts`.
    pub font_dir: Option<PathBuf>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            forms_limit: DEFAULT_FORMS_LIMIT,
            font_dir: None,
        }
    }
}

/// The report data shared by both writers: batch part and the forms in full.
pub struct ReportData {
    pub batch: batch::Batch,
    pub batch_view: Value,
    pub forms: Vec<Value>,
}

impl ReportData {
    /// Rank, chart and lay out the data of `forms` (batch rules already run).
    pub fn new(forms: &[CheckedForm], options: &ReportOptions) -> Self {
        let batch = batch::Batch::new(forms, options.forms_limit);
        let batch_view = batch.view(forms);
        let views = batch
            .in_full
            .iter()
            .map(|&i| view::form_view(&forms[i], i))
            .collect();
        ReportData {
            batch,
            batch_view,
            forms: views,
        }
    }
}

/// The HTML report of `forms` as one self-contained document.
pub fn html_report(forms: &[CheckedForm], options: &ReportOptions) -> String {
    let d = ReportData::new(forms, options);
    html::render(&d.batch_view, &d.batch.charts, &d.forms)
}

/// The PDF report of `forms`. Fails with a Chinese message when no CJK font is installed.
pub fn pdf_report(forms: &[CheckedForm], options: &ReportOptions) -> Result<Vec<u8>, ReportError> {
    let paths = fonts::find(options.font_dir.as_deref())?;
    let font_data = fonts::load(&paths)?;
    let d = ReportData::new(forms, options);
    let data = json!({
        "fonts": fonts::FAMILIES,
        "table_rows": PDF_TABLE_ROWS,
        "batch": d.batch_view,
        "forms": d.forms,
    });
    let bytes = serde_json::to_vec(&data).map_err(|e| ReportError::Layout(e.to_string()))?;
    pdf::render(bytes, font_data)
}
