//! jixiao-export: checked 项目支出绩效自评表 out to the files other tools read.
//!
//! | target | what | module |
//! |---|---|---|
//! | xlsx | the official layout, one sheet per form, a 汇总 sheet for a batch, optionally a 问题清单 sheet and cell notes | [`xlsx`] |
//! | csv | `forms.csv`, `funds.csv`, `indicators.csv` (+ `findings.csv`), UTF-8 with BOM, joined by `form_id` | [`csv`] |
//! | parquet | the same tables, decimals as `Decimal128` | [`parquet`] |
//! | json | the check JSON contract (`{"forms": [...], "summary": {...}}`) | [`json`] |
//!
//! Everything written reads back: the xlsx through `jixiao_io::read_forms`, the csv through
//! [`csv::read_tables`], the JSON through the core's JSON reader.

pub mod csv;
pub mod json;
pub mod parquet;
pub mod tables;
pub mod xlsx;

use jixiao_core::model::FormStatus;
use jixiao_core::pipeline::CheckedForm;
use std::path::Path;

/// What went wrong, in Chinese, naming the file or table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// Writing an output failed.
    Write(String),
    /// Reading an export back failed.
    Read(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Write(s) | ExportError::Read(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for ExportError {}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Xlsx,
    Csv,
    Json,
    Parquet,
}

impl Target {
    /// The format's name (`xlsx`, …).
    pub fn name(self) -> &'static str {
        match self {
            Target::Xlsx => "xlsx",
            Target::Csv => "csv",
            Target::Json => "json",
            Target::Parquet => "parquet",
        }
    }

    /// Whether the output is a directory of tables (csv, parquet) rather than one file.
    pub fn is_directory(self) -> bool {
        matches!(self, Target::Csv | Target::Parquet)
    }
}

/// Export options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Add findings: a sheet and cell notes (xlsx), a findings table (csv, parquet).
    pub findings: bool,
}

/// Write `forms` to `out` (a file for xlsx/json, a directory for csv/parquet); the paths written.
pub fn export(
    forms: &[CheckedForm],
    target: Target,
    out: &Path,
    options: Options,
) -> Result<Vec<String>, ExportError> {
    let write_file = |bytes: Vec<u8>| -> Result<Vec<String>, ExportError> {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                ExportError::Write(format!("无法创建目录 {}：{e}", parent.display()))
            })?;
        }
        std::fs::write(out, bytes)
            .map_err(|e| ExportError::Write(format!("无法写入 {}：{e}", out.display())))?;
        Ok(vec![out.display().to_string()])
    };
    match target {
        Target::Xlsx => write_file(xlsx::to_xlsx(
            forms,
            xlsx::XlsxOptions {
                findings: options.findings,
            },
        )?),
        Target::Json => write_file(json::to_json(forms)?),
        Target::Csv | Target::Parquet => {
            let all = tables::tables(forms, options.findings);
            let chosen: Vec<tables::Table> = all
                .into_iter()
                .filter(|t| options.findings || t.name != "findings")
                .collect();
            if target == Target::Csv {
                csv::write_tables(out, &chosen)
            } else {
                parquet::write_tables(out, &chosen)
            }
        }
    }
}

/// A form's status in Chinese (for sheets people read).
pub fn status_chinese(s: &FormStatus) -> &'static str {
    match s {
        FormStatus::Complete => "完整",
        FormStatus::Incomplete { .. } => "不完整",
        FormStatus::Unscored => "无评分",
        FormStatus::Ambiguous { .. } => "有歧义",
        FormStatus::Unreadable { .. } => "无法读取",
    }
}
