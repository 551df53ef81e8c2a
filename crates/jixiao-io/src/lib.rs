//! jixiao-io: read 项目支出绩效自评表 from the files users have.
//!
//! [`read_forms`] takes a file's bytes, finds out what the file is (magic bytes first, the
//! extension second) and turns it into the grids that `jixiao_core::read::read_grid` reads:
//!
//! | format | how |
//! |---|---|
//! | `.xlsx` `.xlsm` `.xlsb` `.xls` `.ods` | calamine; one grid per sheet, labelled `file.xlsx#Sheet1`; merged regions expanded; numbers rendered to exact decimal text with their number formats (xlsx styles, xls BIFF FORMAT/XF records, ods percent cells) |
//! | `.pdf` | pdf-extract's positioned characters re-gridded by position, cell borders taken from the ruling lines where the page draws them (lopdf); no text layer → unreadable |
//! | `.html` `.htm` (and `.xls` files that are really HTML) | `<table>`/`<tr>`/`<td>`/`<th>` with `colspan`/`rowspan` |
//! | `.docx` | zip + quick-xml: `w:tbl`/`w:tr`/`w:tc`, `w:gridSpan`, `w:vMerge` |
//! | anything else | `jixiao_core::read::read_bytes` (text in any encoding) |
//!
//! Merged cells follow one rule for every format (see the `layout` module): a cell spanning
//! rows carries its text on every row it covers, in its first column; a cell spanning columns
//! keeps its text in its first column only.
//!
//! Nothing here panics or fails: a file that cannot be read comes back as one form with status
//! `unreadable` whose reason says, in Chinese, which file, what is wrong and what to do.

mod csv;
mod docx;
mod html;
mod layout;
pub mod number;
mod ods;
mod pdf;
mod pdf_cells;
mod pdf_rules;
mod sheet;
mod xls_formats;

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use jixiao_core::decode;
use jixiao_core::model::{Form, FormStatus, ReadNote};
pub use jixiao_core::read::ReadOptions;
use jixiao_core::read::{detect_profile, read_bytes, read_grid, read_text};

use sheet::Kind;

/// What a file is, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Pdf,
    Html,
    Docx,
    /// Legacy Word `.doc` (not read: the user is asked to save it as .docx).
    Doc,
    /// OpenDocument text `.odt` (not read).
    Odt,
    /// A zip that is no document we know (or a broken zip without a telling extension).
    Zip,
    /// Text in any encoding, handed to the core reader.
    Text,
}

/// Find out what a file is: magic bytes first, the extension second.
///
/// A file whose extension says spreadsheet or PDF but whose bytes are text (a `.xls` that is
/// really HTML or tab-separated text, as many systems export) is read as what the bytes are.
pub fn detect_format(path: &str, bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    let ext = extension(path);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes, &ext);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let word = utf16le("WordDocument");
        return if ext == "doc" || bytes.windows(word.len()).any(|w| w == word.as_slice()) {
            Format::Doc
        } else {
            Format::Xls
        };
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    let by_ext = match ext.as_str() {
        "html" | "htm" | "xhtml" => return Format::Html,
        "xlsx" | "xlsm" => Format::Xlsx,
        "xlsb" => Format::Xlsb,
        "xls" => Format::Xls,
        "ods" => Format::Ods,
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "doc" => Format::Doc,
        "odt" => Format::Odt,
        _ => return Format::Text,
    };
    // The bytes are no such container: if they are text, read them as text; otherwise let the
    // format's reader say what is wrong with the file.
    if !bytes.is_empty() && decode::decode(bytes).is_ok() {
        Format::Text
    } else {
        by_ext
    }
}

/// Read every form in a file's bytes. `path` labels the results (and its extension is the
/// second hint at the format); nothing is read from disk.
pub fn read_forms(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let name = file_name(path);
    if bytes.is_empty() {
        return unreadable(
            path,
            format!("文件“{name}”是空的（0 字节）：请确认选对了文件，或重新下载后再试。"),
            options,
        );
    }
    let format = detect_format(path, bytes);
    let read = catch_unwind(AssertUnwindSafe(|| read_as(format, path, bytes, options)));
    match read {
        Ok(forms) => forms,
        Err(_) => unreadable(
            path,
            format!(
                "读取“{name}”时遇到无法处理的文件内容（按{}解析时出错）：请在原程序中把文件另存为 .xlsx 或文本后再试，并把该文件反馈给开发者。",
                format_chinese(format)
            ),
            options,
        ),
    }
}

fn read_as(format: Format, path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let name = file_name(path);
    match format {
        Format::Xlsx => read_workbook(Kind::Xlsx, path, bytes, options),
        Format::Xlsb => read_workbook(Kind::Xlsb, path, bytes, options),
        Format::Xls => read_workbook(Kind::Xls, path, bytes, options),
        Format::Ods => read_workbook(Kind::Ods, path, bytes, options),
        Format::Pdf => read_pdf(path, bytes, options),
        Format::Html => read_html(path, bytes, options),
        Format::Docx => read_docx(path, bytes, options),
        Format::Doc => unreadable(
            path,
            format!(
                "“{name}”是旧版 Word（.doc）文件，无法直接读取：请在 Word 或 WPS 中把它另存为 .docx 或 PDF 后再试，或提供自评表的 Excel 原件。"
            ),
            options,
        ),
        Format::Odt => unreadable(
            path,
            format!(
                "“{name}”是 OpenDocument 文本（.odt）文件，无法直接读取：请在 WPS 或 LibreOffice 中把它另存为 .docx 后再试。"
            ),
            options,
        ),
        Format::Zip => unreadable(
            path,
            format!(
                "“{name}”是 zip 压缩包（或已损坏的 Office 文档），不是可读取的自评表：如果是压缩包，请解压后选择其中的 Excel、Word、PDF 或文本文件；如果是 Office 文档，请重新下载或用原程序另存后再试。"
            ),
            options,
        ),
        Format::Text if path.to_ascii_lowercase().ends_with(".csv") => {
            csv::read_csv(path, bytes, options).unwrap_or_else(|| read_bytes(path, bytes, options))
        }
        Format::Text => read_bytes(path, bytes, options),
    }
}

fn read_workbook(kind: Kind, path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let name = file_name(path);
    let wb = match sheet::read_workbook(kind, bytes) {
        Ok(wb) => wb,
        Err(reason) => {
            return unreadable(
                path,
                format!(
                    "无法读取{}文件“{name}”：{reason}。请用 Excel 或 WPS 打开该文件并另存为 .xlsx 后再试；如果打不开，请重新下载或向填报单位索取原始文件。",
                    kind.chinese()
                ),
                options,
            );
        }
    };
    let mut forms = Vec::new();
    let mut not_found = Vec::new();
    for s in &wb.sheets {
        if s.grid.rows.is_empty() {
            continue;
        }
        let label = format!("{path}#{}", s.name);
        for f in read_grid(&label, &s.grid, options) {
            if is_not_found(&f) {
                not_found.push(f);
            } else {
                forms.push(f);
            }
        }
    }
    if forms.is_empty() {
        forms = not_found.into_iter().take(1).collect();
    }
    if forms.is_empty() {
        let why = if wb.skipped.is_empty() {
            format!(
                "{}文件“{name}”中没有任何内容（所有工作表都是空的）：请确认选对了文件。",
                kind.chinese()
            )
        } else {
            let list: Vec<String> = wb
                .skipped
                .iter()
                .map(|(s, r)| format!("“{s}”：{r}"))
                .collect();
            format!(
                "{}文件“{name}”的工作表都无法读取（{}）：请用 Excel 或 WPS 打开该文件并另存为 .xlsx 后再试。",
                kind.chinese(),
                list.join("；")
            )
        };
        return unreadable(path, why, options);
    }
    if let Some(first) = forms.first_mut() {
        for (sheet, reason) in &wb.skipped {
            first.read_notes.push(ReadNote::problem(
                0,
                format!("工作表“{sheet}”无法读取，已跳过：{reason}"),
            ));
        }
    }
    forms
}

fn read_pdf(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let name = file_name(path);
    match pdf::read_pdf(bytes) {
        Ok(readings) => {
            let by_position = read_grid(path, &readings.grid, options);
            let by_order = read_text(path, &readings.tsv, options);
            if quality(&by_order) > quality(&by_position) {
                by_order
            } else {
                by_position
            }
        }
        Err(pdf::PdfError::NoText) => unreadable(
            path,
            "PDF 没有文字层（可能是扫描件），请提供原始 Excel 或可复制文字的 PDF".to_string(),
            options,
        ),
        Err(pdf::PdfError::Broken(detail)) => unreadable(
            path,
            format!(
                "无法读取 PDF 文件“{name}”：文件已损坏、加密或格式不受支持（{detail}）。请重新导出 PDF，或提供原始 Excel 文件。"
            ),
            options,
        ),
    }
}

fn read_html(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let decoded = match &options.encoding {
        Some(label) => decode::decode_with(bytes, label),
        None => decode::decode(bytes),
    };
    let Ok(decoded) = decoded else {
        return read_bytes(path, bytes, options);
    };
    let grid = html::html_grid(&decoded.text);
    if grid.rows.is_empty() {
        // No table at all: read the page's text.
        return read_text(path, &html::html_text(&decoded.text), options);
    }
    read_grid(path, &grid, options)
}

fn read_docx(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let name = file_name(path);
    let fix = "请用 Word 或 WPS 打开该文件并另存为 .docx 后再试，或提供自评表的 Excel 原件。";
    match docx::read_docx(bytes) {
        Ok(d) if d.grid.rows.is_empty() => unreadable(
            path,
            format!(
                "Word 文件“{name}”是空的：其中没有{}文字。请确认选对了文件，或提供自评表的 Excel 原件。",
                if d.has_tables {
                    "填写了内容的表格或"
                } else {
                    "表格和"
                }
            ),
            options,
        ),
        Ok(d) => read_grid(path, &d.grid, options),
        Err(docx::DocxError::Container(detail)) => unreadable(
            path,
            format!(
                "无法读取 Word 文件“{name}”：压缩包结构损坏，文件可能没有下载完整（{detail}）。{fix}"
            ),
            options,
        ),
        Err(docx::DocxError::NoDocument) => unreadable(
            path,
            format!(
                "Word 文件“{name}”缺少正文（word/document.xml），文件可能已损坏或不是 Word 文档。{fix}"
            ),
            options,
        ),
        Err(docx::DocxError::Xml(detail)) => unreadable(
            path,
            format!("Word 文件“{name}”的正文有格式错误（{detail}）。{fix}"),
            options,
        ),
    }
}

/// One form, status unreadable, with the profile the core would give it.
fn unreadable(path: &str, why: String, options: &ReadOptions) -> Vec<Form> {
    let mut f = Form::empty(path, &why);
    f.profile = match &options.profile {
        Some(p) => p.clone(),
        None => detect_profile(&f).to_string(),
    };
    vec![f]
}

/// The core's "no form found" placeholder (unreadable, nothing read).
fn is_not_found(f: &Form) -> bool {
    matches!(f.status, FormStatus::Unreadable { .. })
        && f.title.is_none()
        && f.indicators.is_empty()
        && f.funds.rows.is_empty()
        && f.total.is_none()
        && f.header.project_name.is_none()
        && f.header.project_code.is_none()
}

/// How well a reading went: complete forms first, then how much was read, then fewer notes.
fn quality(forms: &[Form]) -> (usize, usize, usize, usize, std::cmp::Reverse<usize>) {
    let complete = forms.iter().filter(|f| f.is_complete()).count();
    let indicators = forms.iter().map(|f| f.indicators.len()).sum();
    let funds = forms.iter().map(|f| f.funds.rows.len()).sum();
    let header = forms
        .iter()
        .map(|f| {
            let h = &f.header;
            usize::from(h.project_code.is_some())
                + usize::from(h.project_name.is_some())
                + usize::from(h.year.is_some())
                + usize::from(h.implementing_unit.is_some())
                + usize::from(h.budget_unit.is_some())
                + usize::from(f.total.is_some())
        })
        .sum();
    let notes = forms.iter().map(|f| f.read_notes.len()).sum();
    (
        complete,
        indicators,
        funds,
        header,
        std::cmp::Reverse(notes),
    )
}

fn zip_format(bytes: &[u8], ext: &str) -> Format {
    let by_ext = || match ext {
        "xlsx" | "xlsm" => Format::Xlsx,
        "xlsb" => Format::Xlsb,
        "ods" => Format::Ods,
        "docx" => Format::Docx,
        "odt" => Format::Odt,
        _ => Format::Zip,
    };
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A broken zip: the extension says which reader should explain what is wrong.
        return by_ext();
    };
    let has = |zip: &zip::ZipArchive<_>, name: &str| zip.index_for_name(name).is_some();
    if has(&zip, "xl/workbook.xml") {
        return Format::Xlsx;
    }
    if has(&zip, "xl/workbook.bin") {
        return Format::Xlsb;
    }
    if has(&zip, "word/document.xml") {
        return Format::Docx;
    }
    if let Ok(entry) = zip.by_name("mimetype") {
        let mut mime = String::new();
        let _ = entry.take(256).read_to_string(&mut mime);
        if mime.contains("spreadsheet") {
            return Format::Ods;
        }
        if mime.contains("opendocument.text") {
            return Format::Odt;
        }
    }
    by_ext()
}

/// `<table`, `<html` or a doctype near the start (ASCII tags; NULs of UTF-16 skipped).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(8192)
        .filter(|&&b| b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"<table") || has(b"<html") || has(b"<!doctype html")
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn extension(path: &str) -> String {
    let name = file_name(path);
    let name = name.split('#').next().unwrap_or(name);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn format_chinese(format: Format) -> &'static str {
    match format {
        Format::Xlsx => " Excel（.xlsx）",
        Format::Xlsb => " Excel（.xlsb）",
        Format::Xls => "旧版 Excel（.xls）",
        Format::Ods => " OpenDocument 表格",
        Format::Pdf => " PDF ",
        Format::Html => "网页（HTML）",
        Format::Docx => " Word（.docx）",
        Format::Doc => "旧版 Word（.doc）",
        Format::Odt => " OpenDocument 文本",
        Format::Zip => " zip 压缩包",
        Format::Text => "文本",
    }
}
