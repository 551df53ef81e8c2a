//! xlsx in the official 项目支出绩效自评表 layout: one sheet per form, a 汇总 sheet for a batch,
//! and with `findings` a 问题清单 sheet plus a note on each cell a finding points at.

pub mod layout;
pub mod style;

use crate::ExportError;
use jixiao_core::check::Finding;
use jixiao_core::pipeline::CheckedForm;
use layout::{COLUMNS, Content, Look, Placed, Sheet, lay_out};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Note, Workbook, Worksheet, XlsxError};
use style::{Styles, fits_excel_number, lines_in, row_height, text_width, unique_sheet_names};

/// Name of the batch summary sheet.
pub const SUMMARY_SHEET: &str = "汇总";
/// Name of the findings sheet.
pub const FINDINGS_SHEET: &str = "问题清单";

/// What to put in the workbook besides the forms.
#[derive(Debug, Clone, Copy, Default)]
pub struct XlsxOptions {
    /// Add the 问题清单 sheet and a note on each cell a finding points at.
    pub findings: bool,
}

/// Column widths (Excel units) allowed per column: (min, max).
const WIDTH_LIMITS: [(f64, f64); COLUMNS as usize] = [
    (10.0, 16.0),
    (12.0, 22.0),
    (11.0, 14.0),
    (14.0, 30.0),
    (11.0, 18.0),
    (11.0, 18.0),
    (9.0, 12.0),
    (9.0, 12.0),
    (16.0, 36.0),
];

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError::Write(format!("写入 Excel 文件时出错：{e}"))
    }
}

/// The workbook for `forms` as xlsx bytes.
pub fn to_xlsx(forms: &[CheckedForm], options: XlsxOptions) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let styles = Styles::new();
    let bases: Vec<String> = forms
        .iter()
        .map(|c| {
            c.form
                .header
                .project_name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_else(|| "自评表".to_string())
        })
        .collect();
    let names = unique_sheet_names(&bases, &[SUMMARY_SHEET, FINDINGS_SHEET]);
    let batch = forms.len() > 1;
    if batch {
        let ws = wb.add_worksheet();
        ws.set_name(SUMMARY_SHEET)?;
        write_summary(ws, forms, &names)?;
    }
    let mut located: Vec<Vec<(u32, u16)>> = Vec::with_capacity(forms.len());
    for (c, name) in forms.iter().zip(&names) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        let sheet = lay_out(&c.form);
        write_form(ws, &sheet, &styles)?;
        let cells: Vec<(u32, u16)> = c.findings.iter().map(|f| locate(&sheet, f)).collect();
        if options.findings {
            add_notes(ws, &c.findings, &cells)?;
        }
        located.push(cells);
    }
    if options.findings {
        let ws = wb.add_worksheet();
        ws.set_name(FINDINGS_SHEET)?;
        write_findings(ws, forms, &names, &located)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Widths of the nine columns: the widest single-column cell (CJK = 2 units), within limits.
fn column_widths(sheet: &Sheet) -> [f64; COLUMNS as usize] {
    let mut widths: [f64; COLUMNS as usize] = WIDTH_LIMITS.map(|(min, _)| min);
    for p in sheet.cells.iter().filter(|p| p.col == p.last_col) {
        let c = p.col as usize;
        // The same margin as `lines_in`, so that a cell that sets its width takes one line.
        let want = (text_width(&p.content.shown()) as f64 / 0.85).ceil() + 2.0;
        let (_, max) = WIDTH_LIMITS[c];
        widths[c] = widths[c].max(want.min(max));
    }
    widths
}

fn write_form(ws: &mut Worksheet, sheet: &Sheet, styles: &Styles) -> Result<(), ExportError> {
    let widths = column_widths(sheet);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // Row heights: the tallest wrapped single-row cell (merged across columns: their widths).
    let mut lines = vec![1usize; sheet.rows as usize];
    for p in sheet.cells.iter().filter(|p| p.row == p.last_row) {
        let width: f64 = widths[p.col as usize..=p.last_col as usize].iter().sum();
        let n = lines_in(&p.content.shown(), width);
        let slot = &mut lines[p.row as usize];
        *slot = (*slot).max(n);
    }
    for (r, n) in lines.iter().enumerate() {
        let h = if r == 0 { 30.0 } else { row_height(*n) };
        ws.set_row_height(r as u32, h)?;
    }
    for p in &sheet.cells {
        write_cell(ws, p, styles)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn format_of<'a>(p: &Placed, styles: &'a Styles) -> &'a Format {
    match (&p.content, p.look) {
        (Content::Number(d), _) if fits_excel_number(*d) => styles.number(*d),
        (_, Look::Title) => &styles.title,
        (_, Look::Label) => &styles.label,
        (_, Look::Section) => &styles.section,
        (_, Look::Text) => &styles.text,
        (_, Look::Centred) => &styles.centred,
    }
}

fn write_cell(ws: &mut Worksheet, p: &Placed, styles: &Styles) -> Result<(), ExportError> {
    let format = format_of(p, styles);
    if p.is_merged() {
        ws.merge_range(p.row, p.col, p.last_row, p.last_col, "", format)?;
    }
    match &p.content {
        Content::Blank => {
            if !p.is_merged() {
                ws.write_blank(p.row, p.col, format)?;
            }
        }
        Content::Text(t) => {
            ws.write_string_with_format(p.row, p.col, t, format)?;
        }
        Content::Number(d) => match d.to_f64().filter(|_| fits_excel_number(*d)) {
            Some(f) => {
                ws.write_number_with_format(p.row, p.col, f, format)?;
            }
            // More digits than an Excel number keeps: exact as text.
            None => {
                ws.write_string_with_format(p.row, p.col, d.to_string(), format)?;
            }
        },
    }
    Ok(())
}

/// The sheet cell a finding points at: the cell read at its line and column, else the first
/// cell read on its line, else the title.
pub fn locate(sheet: &Sheet, f: &Finding) -> (u32, u16) {
    let Some(line) = f.line else {
        return (0, 0);
    };
    let on_line = |p: &&Placed| p.source.is_some_and(|s| s.line == line);
    if let Some(col) = f.column
        && let Some(p) = sheet
            .cells
            .iter()
            .filter(on_line)
            .find(|p| p.source.is_some_and(|s| s.column == col))
    {
        return (p.row, p.col);
    }
    if let Some(p) = sheet.cells.iter().find(on_line) {
        return (p.row, p.col);
    }
    match sheet.lines.iter().find(|(l, _)| *l == line) {
        Some(&(_, row)) => (row, 0),
        None => (0, 0),
    }
}

/// One finding as note text.
fn note_text(f: &Finding) -> String {
    let mut s = format!("{} {}：{}", f.code, f.severity.chinese(), f.message);
    if !f.fix.is_empty() {
        s.push_str(&format!("\n建议：{}", f.fix));
    }
    if let Some(a) = &f.accepted {
        s.push_str(&format!("\n已接受：{a}"));
    }
    s
}

fn add_notes(
    ws: &mut Worksheet,
    findings: &[Finding],
    cells: &[(u32, u16)],
) -> Result<(), ExportError> {
    let mut by_cell: Vec<((u32, u16), Vec<String>)> = Vec::new();
    for (f, cell) in findings.iter().zip(cells) {
        match by_cell.iter_mut().find(|(c, _)| c == cell) {
            Some((_, texts)) => texts.push(note_text(f)),
            None => by_cell.push((*cell, vec![note_text(f)])),
        }
    }
    for ((r, c), texts) in by_cell {
        let note = Note::new(texts.join("\n\n"))
            .set_author("jixiao")
            .add_author_prefix(false)
            .set_width(360)
            .set_height(40 + 60 * texts.len().min(6) as u32);
        ws.insert_note(r, c, &note)?;
    }
    Ok(())
}

/// A1-style reference of a 0-based cell.
pub fn cell_ref(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut c = u32::from(col) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn link(sheet: &str, row: u32, col: u16) -> String {
    format!(
        "internal:'{}'!{}",
        sheet.replace('\'', "''"),
        cell_ref(row, col)
    )
}

fn header_row(ws: &mut Worksheet, heads: &[(&str, f64)]) -> Result<(), ExportError> {
    let bold = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_background_color(0xF2F2F2)
        .set_text_wrap();
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, 0, heads.len() as u16 - 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn write_summary(
    ws: &mut Worksheet,
    forms: &[CheckedForm],
    names: &[String],
) -> Result<(), ExportError> {
    // Column titles avoid the form's own labels (项目名称, 总分) so that readers never take
    // this sheet for a form.
    let heads = [
        ("序号", 6.0),
        ("工作表", 24.0),
        ("单位", 30.0),
        ("项目", 36.0),
        ("执行率(%)", 11.0),
        ("自评分", 9.0),
        ("复算分", 9.0),
        ("等级", 6.0),
        ("错误", 6.0),
        ("警告", 6.0),
        ("状态", 10.0),
    ];
    header_row(ws, &heads)?;
    let two = Format::new().set_num_format("0.00");
    for (i, (c, name)) in forms.iter().zip(names).enumerate() {
        let r = i as u32 + 1;
        let f = &c.form;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_url_with_text(r, 1, link(name, 0, 0).as_str(), name)?;
        let unit = f
            .header
            .implementing_unit
            .as_ref()
            .map(|u| u.value.as_str());
        ws.write_string(r, 2, unit.unwrap_or(""))?;
        let project = f.header.project_name.as_ref().map(|u| u.value.as_str());
        ws.write_string(r, 3, project.unwrap_or(""))?;
        if let Some(rate) = c.eval.execution.rate.and_then(|d| d.to_f64()) {
            ws.write_number_with_format(r, 4, rate, &two)?;
        }
        let printed = f.total.as_ref().and_then(|t| t.score.as_ref());
        if let Some(t) = printed.and_then(|t| t.value.to_f64()) {
            ws.write_number_with_format(r, 5, t, &two)?;
        }
        if let Some(t) = c.eval.total_computed.and_then(|d| d.to_f64()) {
            ws.write_number_with_format(r, 6, t, &two)?;
        }
        ws.write_string(r, 7, c.eval.grade.unwrap_or(""))?;
        let count = |s: jixiao_core::check::Severity| {
            c.findings
                .iter()
                .filter(|x| x.severity == s && x.accepted.is_none())
                .count() as f64
        };
        ws.write_number(r, 8, count(jixiao_core::check::Severity::Error))?;
        ws.write_number(r, 9, count(jixiao_core::check::Severity::Warning))?;
        ws.write_string(r, 10, crate::status_chinese(&f.status))?;
    }
    Ok(())
}

fn write_findings(
    ws: &mut Worksheet,
    forms: &[CheckedForm],
    names: &[String],
    located: &[Vec<(u32, u16)>],
) -> Result<(), ExportError> {
    let heads = [
        ("序号", 6.0),
        ("工作表", 22.0),
        ("单元格", 8.0),
        ("规则", 7.0),
        ("级别", 6.0),
        ("说明", 60.0),
        ("指标", 20.0),
        ("建议", 40.0),
        ("已接受", 16.0),
    ];
    header_row(ws, &heads)?;
    let wrap = Format::new().set_text_wrap();
    let mut r = 1u32;
    for ((c, name), cells) in forms.iter().zip(names).zip(located) {
        for (f, &(row, col)) in c.findings.iter().zip(cells) {
            ws.write_number(r, 0, f64::from(r))?;
            ws.write_string(r, 1, name)?;
            ws.write_url_with_text(r, 2, link(name, row, col).as_str(), cell_ref(row, col))?;
            ws.write_string(r, 3, f.code)?;
            ws.write_string(r, 4, f.severity.chinese())?;
            ws.write_string_with_format(r, 5, &f.message, &wrap)?;
            ws.write_string(r, 6, f.indicator.as_deref().unwrap_or(""))?;
            ws.write_string_with_format(r, 7, f.fix, &wrap)?;
            ws.write_string(r, 8, f.accepted.as_deref().unwrap_or(""))?;
            r += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell_ref;

    #[test]
    fn a1_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(13, 7), "H14");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(1, 26), "AA2");
    }
}
