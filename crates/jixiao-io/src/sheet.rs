//! Spreadsheets (xlsx/xlsm, xlsb, xls, ods) through calamine: one grid per sheet, merged regions
//! expanded (see [`crate::layout`]), numbers rendered to exact text before the core sees them.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::{Data, Dimensions, Ods, Range, Reader, StyleRange, Xls, Xlsb, Xlsx};
use jixiao_core::grid::Grid;

use crate::layout::Layout;
use crate::number;
use crate::xls_formats;

/// Which spreadsheet container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Kind {
    pub(crate) fn chinese(self) -> &'static str {
        match self {
            Kind::Xlsx => "Excel（.xlsx）",
            Kind::Xlsb => "Excel 二进制（.xlsb）",
            Kind::Xls => "旧版 Excel（.xls）",
            Kind::Ods => "OpenDocument 表格（.ods）",
        }
    }
}

/// One sheet read into a grid.
pub(crate) struct SheetGrid {
    pub name: String,
    pub grid: Grid,
}

/// Sheets read, and sheets skipped with the reason.
pub(crate) struct Workbook {
    pub sheets: Vec<SheetGrid>,
    pub skipped: Vec<(String, String)>,
}

/// Every sheet of a workbook, in workbook order. A workbook that cannot be opened is an error
/// (its reason in Chinese, then the technical detail); a sheet that cannot be read is skipped
/// and named in [`Workbook::skipped`].
pub(crate) fn read_workbook(kind: Kind, bytes: &[u8]) -> Result<Workbook, String> {
    let cursor = Cursor::new(bytes);
    match kind {
        Kind::Xlsx => {
            let mut wb: Xlsx<_> = Xlsx::new(cursor).map_err(|e| reason(&e))?;
            Ok(read_sheets(
                &mut wb,
                |wb, name| wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
                |wb, name| match wb.worksheet_style(name) {
                    Ok(s) => Formats::Styles(s),
                    Err(_) => Formats::None,
                },
            ))
        }
        Kind::Xlsb => {
            let mut wb: Xlsb<_> = Xlsb::new(cursor).map_err(|e| reason(&e))?;
            Ok(read_sheets(
                &mut wb,
                |_, _| Vec::new(),
                |_, _| Formats::None,
            ))
        }
        Kind::Xls => {
            let mut wb: Xls<_> = Xls::new(cursor).map_err(|e| reason(&e))?;
            // calamine gives no number formats for .xls: read them from the BIFF records.
            let mut codes = xls_formats::xls_formats(bytes);
            Ok(read_sheets(
                &mut wb,
                |wb, name| wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
                |_, name| match codes.remove(name) {
                    Some(c) => Formats::Codes(c),
                    None => Formats::None,
                },
            ))
        }
        Kind::Ods => {
            let mut wb: Ods<_> = Ods::new(cursor).map_err(|e| reason(&e))?;
            // calamine reports neither merges nor percent cells for ODS: read them from
            // content.xml ourselves.
            let extra = ods_extra(bytes);
            Ok(read_sheets(
                &mut wb,
                |_, name| {
                    extra
                        .get(name)
                        .map(|e| e.merges.clone())
                        .unwrap_or_default()
                },
                |_, name| match extra.get(name) {
                    Some(e) => Formats::Percent(e.percent.clone()),
                    None => Formats::None,
                },
            ))
        }
    }
}

fn read_sheets<RS, W>(
    wb: &mut W,
    merges: impl Fn(&mut W, &str) -> Vec<Dimensions>,
    mut formats: impl FnMut(&mut W, &str) -> Formats,
) -> Workbook
where
    RS: std::io::Read + std::io::Seek,
    W: Reader<RS>,
    W::Error: std::fmt::Display,
{
    let mut out = Workbook {
        sheets: Vec::new(),
        skipped: Vec::new(),
    };
    for name in wb.sheet_names() {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push((name, reason(&e)));
                continue;
            }
        };
        let regions = merges(wb, &name);
        let formats = formats(wb, &name);
        let grid = sheet_grid(&range, &regions, &formats);
        out.sheets.push(SheetGrid { name, grid });
    }
    out
}

/// How the cells of a sheet are displayed, as far as we know it.
pub(crate) enum Formats {
    None,
    /// xlsx styles (number format codes).
    Styles(StyleRange),
    /// ODS: the cells whose value type is a percentage (0-based row, column).
    Percent(HashSet<(u32, u32)>),
    /// xls: number format codes read from the BIFF records (0-based row, column).
    Codes(HashMap<(u32, u32), String>),
}

impl Formats {
    fn code(&self, row: u32, col: u32) -> Option<&str> {
        match self {
            Formats::None => None,
            Formats::Styles(s) => s
                .get((row, col))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str()),
            Formats::Percent(p) => p.contains(&(row, col)).then_some("0%"),
            Formats::Codes(c) => c.get(&(row, col)).map(String::as_str),
        }
    }
}

/// One sheet's cells → grid: Row.line = spreadsheet row, GridCell.column = spreadsheet column
/// (both 1-based); merged regions filled down their first column.
pub(crate) fn sheet_grid(range: &Range<Data>, merges: &[Dimensions], formats: &Formats) -> Grid {
    let mut layout = Layout::default();
    let Some((row0, col0)) = range.start() else {
        return layout.into_grid();
    };
    let (last_row, _) = range.end().unwrap_or((row0, col0));
    for (r, c, data) in range.used_cells() {
        let (row, col) = (row0 + r as u32, col0 + c as u32);
        let text = cell_text(data, formats.code(row, col));
        layout.put(row + 1, col + 1, &text);
    }
    for m in merges {
        let (r0, c0) = m.start;
        let Some(text) = range
            .get_value((r0, c0))
            .map(|d| cell_text(d, formats.code(r0, c0)))
        else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        // A region may reach far below the data (a whole-column merge): stop at the last row.
        let r1 = m.end.0.min(last_row);
        let rows: Vec<u32> = (r0..=r1).map(|r| r + 1).collect();
        layout.put_spanning(&rows, c0 + 1, &text);
    }
    layout.into_grid()
}

/// What calamine does not tell about an ODS sheet.
#[derive(Default)]
struct OdsExtra {
    merges: Vec<Dimensions>,
    percent: HashSet<(u32, u32)>,
}

/// Merged regions (`table:number-rows-spanned` / `-columns-spanned`) and percentage cells of
/// every sheet of an ODS file, by sheet name. Best effort: a problem just gives less.
fn ods_extra(bytes: &[u8]) -> HashMap<String, OdsExtra> {
    use quick_xml::events::{BytesStart, Event};
    let mut out: HashMap<String, OdsExtra> = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut xml = String::new();
    match zip.by_name("content.xml") {
        Ok(entry) => {
            if entry.take(256 << 20).read_to_string(&mut xml).is_err() {
                return out;
            }
        }
        Err(_) => return out,
    }
    let attr = |e: &BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.into_owned())
    };
    let num = |e: &BytesStart, name: &str| -> u32 {
        attr(e, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1u32)
            .max(1)
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut sheet: Option<String> = None;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.name().as_ref() == "table:table-row" {
                    row = row.saturating_add(row_repeat);
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                sheet = attr(&e, "table:name");
                row = 0;
            }
            "table:table-row" => {
                col = 0;
                row_repeat = num(&e, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            name @ ("table:table-cell" | "table:covered-table-cell") => {
                let repeat = num(&e, "table:number-columns-repeated");
                if let Some(sheet) = &sheet
                    && name == "table:table-cell"
                {
                    let extra = out.entry(sheet.clone()).or_default();
                    let (rows, cols) = (
                        num(&e, "table:number-rows-spanned"),
                        num(&e, "table:number-columns-spanned"),
                    );
                    if rows > 1 || cols > 1 {
                        extra.merges.push(Dimensions::new(
                            (row, col),
                            (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        ));
                    }
                    if attr(&e, "office:value-type").as_deref() == Some("percentage") {
                        for c in 0..repeat.min(1024) {
                            extra.percent.insert((row, col + c));
                        }
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    out
}

/// A cell's value as text: strings as they are, numbers through [`number::render`].
fn cell_text(data: &Data, format: Option<&str>) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number::render(*f, format),
        Data::Int(i) => match i32::try_from(*i) {
            Ok(small) => number::render(f64::from(small), format),
            Err(_) => i.to_string(),
        },
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                number::shortest(dt.as_f64())
            } else {
                number::excel_date(dt.as_f64())
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A calamine error as a Chinese reason followed by the technical detail.
fn reason(e: &dyn std::fmt::Display) -> String {
    let detail = e.to_string();
    let lower = detail.to_lowercase();
    let why = if lower.contains("password") || lower.contains("encrypt") {
        "文件设置了密码保护"
    } else if lower.contains("zip") || lower.contains("archive") || lower.contains("eocd") {
        "压缩包结构损坏，文件可能没有下载完整或被截断"
    } else if lower.contains("cfb") || lower.contains("stream") {
        "旧版 Office 文件结构损坏"
    } else if lower.contains("xml") {
        "文件内部的 XML 内容有错误"
    } else if lower.contains("not found") {
        "文件缺少工作簿的组成部分"
    } else {
        "文件格式错误"
    };
    format!("{why}（{detail}）")
}
