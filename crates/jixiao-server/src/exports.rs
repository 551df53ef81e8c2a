//! Downloads of stored forms, one or a filtered batch, in every format the export and report
//! crates write: xlsx (the official layout, with a 问题清单 sheet), PDF (the report), CSV and
//! Parquet (the forms / funds / indicators / findings tables, zipped), JSON (the check contract).
//! Used by the API (`GET /api/forms/{id}/export`, `GET /api/exports`) and the web pages; every
//! form is read through the store's scope-checked calls, so nobody downloads what they cannot open.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jixiao_core::output::json::form_from_json;
use jixiao_core::pipeline::{CheckOptions, CheckedForm, check_batch, check_form_with};
use jixiao_store::forms::{FormFilter, FormSummary};
use jixiao_store::users::User;
use jixiao_store::{Result, Store, StoreError};
use std::io::Write;

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Pdf,
    Csv,
    Parquet,
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Xlsx,
        Format::Pdf,
        Format::Csv,
        Format::Parquet,
        Format::Json,
    ];

    /// Parse `xlsx`, `pdf`, `csv`, `parquet` or `json` (the default when empty: xlsx).
    pub fn parse(s: Option<&str>) -> Result<Format> {
        match s.map(str::trim).unwrap_or("") {
            "" | "xlsx" => Ok(Format::Xlsx),
            "pdf" => Ok(Format::Pdf),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            "json" => Ok(Format::Json),
            other => Err(StoreError::Invalid(format!(
                "不支持的导出格式“{other}”：可选 xlsx、pdf、csv、parquet、json"
            ))),
        }
    }

    /// The code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Json => "json",
        }
    }

    /// 中文 label for buttons.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel（xlsx）",
            Format::Pdf => "PDF 报告",
            Format::Csv => "CSV 数据表（zip）",
            Format::Parquet => "Parquet 数据表（zip）",
            Format::Json => "JSON",
        }
    }

    /// File extension of the download.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Csv => "csv.zip",
            Format::Parquet => "parquet.zip",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Pdf => "application/pdf",
            Format::Csv | Format::Parquet => "application/zip",
            Format::Json => "application/json",
        }
    }

    /// The most forms one download may hold (the PDF and the workbook lay out every form).
    pub fn max_forms(self) -> i64 {
        match self {
            Format::Xlsx | Format::Pdf => 1_000,
            Format::Csv | Format::Parquet | Format::Json => 20_000,
        }
    }
}

/// A file to send: bytes, type and a (Chinese) file name.
#[derive(Debug, Clone)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub format: Format,
    pub file_name: String,
}

/// `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987):
/// browsers save the UTF-8 name, old clients the ASCII one.
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let disposition = HeaderValue::from_str(&content_disposition(&self.file_name))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(self.format.content_type()),
                ),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// A file-name part: no path separators or control characters, at most 60 characters.
fn clean(s: &str) -> String {
    let out: String = s
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    out.trim().to_string()
}

/// Check the stored forms again (so the export carries findings) and write `format`.
fn render(forms: Vec<jixiao_core::model::Form>, format: Format) -> Result<Vec<u8>> {
    let opts = CheckOptions::default();
    let mut checked: Vec<CheckedForm> = forms
        .into_iter()
        .map(|f| check_form_with(f, &opts))
        .collect();
    if checked.len() > 1 {
        check_batch(&mut checked);
    }
    let failed = |e: &dyn std::fmt::Display| StoreError::Internal(format!("导出失败：{e}"));
    match format {
        Format::Xlsx => jixiao_export::xlsx::to_xlsx(
            &checked,
            jixiao_export::xlsx::XlsxOptions { findings: true },
        )
        .map_err(|e| failed(&e)),
        Format::Json => jixiao_export::json::to_json(&checked).map_err(|e| failed(&e)),
        Format::Pdf => {
            jixiao_report::pdf_report(&checked, &jixiao_report::ReportOptions::default()).map_err(
                |e| match e {
                    jixiao_report::ReportError::NoFont { .. } => StoreError::Unprocessable {
                        message: e.to_string(),
                        details: serde_json::json!({"format": "pdf"}),
                    },
                    e => failed(&e),
                },
            )
        }
        Format::Csv | Format::Parquet => {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let options = zip::write::SimpleFileOptions::default();
            for t in jixiao_export::tables::tables(&checked, true) {
                let (bytes, ext) = if format == Format::Csv {
                    (jixiao_export::csv::table_csv(&t), "csv")
                } else {
                    (jixiao_export::parquet::table_parquet(&t), "parquet")
                };
                let bytes = bytes.map_err(|e| failed(&e))?;
                zip.start_file(format!("{}.{ext}", t.name), options)
                    .map_err(|e| failed(&e))?;
                zip.write_all(&bytes).map_err(|e| failed(&e))?;
            }
            Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
        }
    }
}

/// Render on the blocking pool (checking and laying out forms is CPU work).
async fn render_blocking(forms: Vec<jixiao_core::model::Form>, format: Format) -> Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || render(forms, format))
        .await
        .map_err(|e| StoreError::Internal(format!("导出任务失败：{e}")))?
}

fn stored(body: &serde_json::Value, id: i64) -> Result<jixiao_core::model::Form> {
    form_from_json(body)
        .map_err(|e| StoreError::Internal(format!("存储的自评表 {id} 无法读取：{e}")))
}

/// One form `user` may see (404 otherwise) as `format`, named after its project.
pub async fn form_download(
    store: &Store,
    user: &User,
    id: i64,
    format: Format,
) -> Result<Download> {
    let f = store.get_form(user, id).await?;
    let name = f
        .summary
        .header
        .project_name
        .as_deref()
        .map(clean)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "自评表".to_string());
    let year = f
        .summary
        .year
        .map(|y| format!("{y}年度-"))
        .unwrap_or_default();
    let form = stored(&f.body, id)?;
    Ok(Download {
        bytes: render_blocking(vec![form], format).await?,
        format,
        file_name: format!("{year}{name}-{id}.{}", format.extension()),
    })
}

/// Every form matching `filter` that `user` may see (the filter's page is ignored), as one
/// `format` file; refused (422) above [`Format::max_forms`].
pub async fn batch_download(
    store: &Store,
    user: &User,
    filter: &FormFilter,
    format: Format,
) -> Result<Download> {
    let mut f = filter.clone();
    f.per_page = Some(500);
    f.page = Some(1);
    let mut summaries: Vec<FormSummary> = Vec::new();
    loop {
        let page = store.list_forms(user, &f).await?;
        if page.total_count > format.max_forms() {
            return Err(StoreError::Unprocessable {
                message: format!(
                    "筛选结果有 {} 份自评表，{} 一次最多导出 {} 份：请按年度、单位或状态缩小范围",
                    page.total_count,
                    format.code(),
                    format.max_forms()
                ),
                details: serde_json::json!({"forms": page.total_count, "max": format.max_forms()}),
            });
        }
        let done = page.items.is_empty() || (page.page * page.per_page) >= page.total_count;
        summaries.extend(page.items);
        if done {
            break;
        }
        f.page = Some(page.page + 1);
    }
    let mut forms = Vec::with_capacity(summaries.len());
    for s in &summaries {
        forms.push(stored(&store.form_body(s.id, s.version).await?, s.id)?);
    }
    let year = filter
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_else(|| "全部年度".to_string());
    let n = forms.len();
    Ok(Download {
        bytes: render_blocking(forms, format).await?,
        format,
        file_name: format!("自评表-{year}-{n}份.{}", format.extension()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_has_ascii_and_utf8_names() {
        assert_eq!(
            content_disposition("自评表-2022年度-3份.xlsx"),
            "attachment; filename=\"___-2022__-3_.xlsx\"; filename*=UTF-8''%E8%87%AA%E8%AF%84%E8%A1%A8-2022%E5%B9%B4%E5%BA%A6-3%E4%BB%BD.xlsx"
        );
        assert_eq!(clean("a/b\\c:\"d\"\n"), "a_b_c__d_");
    }

    #[test]
    fn formats_parse() {
        assert_eq!(Format::parse(None).unwrap(), Format::Xlsx);
        assert_eq!(Format::parse(Some("parquet")).unwrap(), Format::Parquet);
        assert!(matches!(
            Format::parse(Some("docx")),
            Err(StoreError::Invalid(_))
        ));
    }
}
