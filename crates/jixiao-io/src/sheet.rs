//! Spreadsheets (xlsx/xlsm, xlsb, xls, ods) through calamine: one grid per sheet, merged regions
//! expanded (see [`crate::layout`]), numbers rendered to exact text before the core sees them.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Range, Reader, StyleRange, Xls, Xlsb, Xlsx};
use jixiao_core::grid::Grid;

use crate::layout::Layout;
use crate::number;
use crate::ods;
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
            // calamine reports neither merges, percent cells nor decimals for ODS: read them
            // from content.xml ourselves.
            let mut merges: HashMap<String, Vec<Dimensions>> = HashMap::new();
            let mut formats: HashMap<String, Formats> = HashMap::new();
            for (name, e) in ods::ods_extra(bytes) {
                merges.insert(name.clone(), e.merges);
                let f = Formats::Ods {
                    percent: e.percent,
                    shown: e.shown,
                };
                formats.insert(name, f);
            }
            Ok(read_sheets(
                &mut wb,
                |_, name| merges.get(name).cloned().unwrap_or_default(),
                |_, name| formats.remove(name).unwrap_or(Formats::None),
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
    /// ODS: the cells whose value type is a percentage, and the text each number cell shows
    /// (0-based row, column).
    Ods {
        percent: HashSet<(u32, u32)>,
        shown: HashMap<(u32, u32), String>,
    },
    /// xls: number format codes read from the BIFF records (0-based row, column).
    Codes(HashMap<(u32, u32), String>),
}

impl Formats {
    /// The text a number cell shows, when the file says it and it is the cell's value exactly
    /// (`7.50` for 7.5, `100%` for 1; never a rounded display such as `59.75` for 59.7509).
    fn shown(&self, row: u32, col: u32, data: &Data) -> Option<String> {
        let Formats::Ods { shown, .. } = self else {
            return None;
        };
        let value = match data {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            _ => return None,
        };
        let text = shown.get(&(row, col))?.trim();
        let (digits, scale) = match text.strip_suffix('%') {
            Some(d) => (d, 100.0),
            None => (text, 1.0),
        };
        let plain: String = digits.chars().filter(|&c| c != ',').collect();
        let valid = !plain.is_empty()
            && plain
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
        let parsed: f64 = plain.parse().ok().filter(|_| valid)?;
        let expected = value * scale;
        let exact = (parsed - expected).abs() <= 1e-9 * expected.abs().max(1.0);
        exact.then(|| text.to_string())
    }

    fn code(&self, row: u32, col: u32) -> Option<&str> {
        match self {
            Formats::None => None,
            Formats::Styles(s) => s
                .get((row, col))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str()),
            Formats::Ods { percent, .. } => percent.contains(&(row, col)).then_some("0%"),
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
        let text = formats
            .shown(row, col, data)
            .unwrap_or_else(|| cell_text(data, formats.code(row, col)));
        layout.put(row + 1, col + 1, &text);
    }
    for m in merges {
        let (r0, c0) = m.start;
        let Some(text) = range.get_value((r0, c0)).map(|d| {
            formats
                .shown(r0, c0, d)
                .unwrap_or_else(|| cell_text(d, formats.code(r0, c0)))
        }) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_is_kept_only_when_it_is_the_exact_value() {
        let shown: HashMap<(u32, u32), String> = [
            ((0, 0), "7.50"),
            ((0, 1), "100%"),
            ((0, 2), "59.75"),
            ((0, 3), "108,000.00"),
            ((0, 4), "###"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
        let f = Formats::Ods {
            percent: HashSet::from([(0, 1)]),
            shown,
        };
        assert_eq!(f.shown(0, 0, &Data::Float(7.5)).as_deref(), Some("7.50"));
        assert_eq!(f.shown(0, 1, &Data::Float(1.0)).as_deref(), Some("100%"));
        // A rounded display never replaces the value.
        assert_eq!(f.shown(0, 2, &Data::Float(59.7509)), None);
        assert_eq!(
            f.shown(0, 3, &Data::Float(108000.0)).as_deref(),
            Some("108,000.00")
        );
        assert_eq!(f.shown(0, 4, &Data::Float(3.0)), None);
        assert_eq!(f.shown(0, 0, &Data::String("7.50".into())), None);
        assert_eq!(Formats::None.shown(0, 0, &Data::Float(7.5)), None);
    }
}
