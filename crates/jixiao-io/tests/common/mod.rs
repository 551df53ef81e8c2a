//! Shared by the jixiao-io tests: seed form 1, the official layout (merges) it is written in,
//! writers for xlsx / HTML / docx, and the JSON comparison.
#![allow(dead_code)]

use std::io::Write;

use jixiao_core::model::Form;
use jixiao_core::output::json::{form_json, without_positions};
use jixiao_core::pipeline::check_form;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde_json::Value;

const SEED: &str = include_str!("../../../../tests/fixtures/seed.txt");

/// Seed form 1: the text up to (not including) the second title line.
pub fn seed_form1() -> String {
    let mut out = String::new();
    let mut titles = 0;
    for line in SEED.split_inclusive('\n') {
        if line.trim() == "项目支出绩效自评表" {
            titles += 1;
            if titles == 2 {
                break;
            }
        }
        out.push_str(line);
    }
    out
}

/// The non-blank lines of seed form 1 as raw cells (tab-split, `\r` dropped, padded to 9).
pub fn seed_rows() -> Vec<Vec<String>> {
    seed_form1()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            cells.resize(WIDTH, String::new());
            cells
        })
        .collect()
}

pub const WIDTH: usize = 9;

/// Merged regions of the official layout over `seed_rows()` (0-based, inclusive):
/// (first row, first col, last row, last col).
pub const MERGES: &[(usize, usize, usize, usize)] = &[
    (0, 0, 0, 8),   // 项目支出绩效自评表
    (1, 5, 1, 8),   // 2022
    (2, 3, 2, 8),   // 一级预算单位
    (3, 0, 3, 8),   // 资金使用情况
    (4, 0, 4, 1),   // blank corner of the funds header
    (5, 0, 8, 0),   // 项目资金（元）
    (9, 0, 9, 8),   // 项目目标完成情况
    (10, 0, 11, 0), // 年度总体目标
    (10, 1, 10, 3), // 预期目标
    (10, 4, 10, 8), // 实际完成情况
    (11, 1, 11, 3), // expected goal text
    (11, 4, 11, 8), // achieved goal text
    (12, 0, 23, 0), // 年度绩效指标
    (13, 1, 17, 1), // 产出(50分)
    (18, 1, 21, 1), // 效益(30分)
    (22, 1, 23, 1), // 满意度(10分)
    (13, 2, 14, 2), // 数量
    (24, 0, 24, 5), // 总分
];

/// The merge whose top-left is (r, c), if any.
pub fn merge_at(r: usize, c: usize) -> Option<(usize, usize, usize, usize)> {
    MERGES.iter().copied().find(|m| m.0 == r && m.1 == c)
}

/// (r, c) lies inside a merge but is not its top-left cell.
pub fn covered(r: usize, c: usize) -> bool {
    MERGES.iter().any(|&(r0, c0, r1, c1)| {
        (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
    })
}

/// A cell's text as an Excel user would have typed it: a number (with the format that shows it
/// as printed) or text.
pub enum Typed {
    Number(f64, Option<String>),
    Text(String),
}

pub fn typed(text: &str) -> Typed {
    let plain = |s: &str| {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        !s.is_empty()
            && digits <= 15
            && s.chars().all(|c| c.is_ascii_digit() || c == '.')
            && s.chars().filter(|&c| c == '.').count() <= 1
            && !s.starts_with('.')
            && !s.ends_with('.')
    };
    let decimals = |s: &str| s.split_once('.').map_or(0, |(_, f)| f.len());
    let zeros = |n: usize| {
        if n == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(n))
        }
    };
    if plain(text) {
        let v: f64 = text.parse().unwrap_or_else(|_| panic!("{text}"));
        let n = decimals(text);
        let format = (n > 0).then(|| zeros(n));
        return Typed::Number(v, format);
    }
    if let Some(p) = text.strip_suffix('%')
        && plain(p)
    {
        let v: f64 = p.parse().unwrap_or_else(|_| panic!("{text}"));
        return Typed::Number(v / 100.0, Some(format!("{}%", zeros(decimals(p)))));
    }
    Typed::Text(text.to_string())
}

fn cell_format(num: Option<&str>) -> Format {
    let mut f = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    if let Some(n) = num {
        f = f.set_num_format(n);
    }
    f
}

/// Seed form 1 as an xlsx in the official layout: merged title, header rows, funds block,
/// goals with merged cells, the indicator table with merged 一级/二级 cells, 总分 row; numbers
/// as number cells with the format that prints them as in the seed.
pub fn official_xlsx() -> Vec<u8> {
    official_xlsx_with(&[14.0, 26.0, 14.0, 30.0, 14.0, 16.0, 9.0, 9.0, 24.0], None)
}

/// [`official_xlsx`] with other column widths and, optionally, one height for every row (the
/// goal row then gets three times it): narrow columns make long cells wrap onto two lines.
pub fn official_xlsx_with(widths: &[f64], row_height: Option<f64>) -> Vec<u8> {
    let rows = seed_rows();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评表").expect("sheet name");
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).expect("width");
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 1);
    if let Some(h) = row_height {
        for r in 0..rows.len() as u32 {
            ws.set_row_height(r, h).expect("height");
        }
    }
    ws.set_row_height(11, row_height.map_or(90.0, |h| h * 3.0))
        .expect("height");
    let write = |ws: &mut rust_xlsxwriter::Worksheet, r: usize, c: usize, text: &str| {
        let (r, c) = (r as u32, c as u16);
        match typed(text) {
            Typed::Number(v, fmt) => {
                ws.write_number_with_format(r, c, v, &cell_format(fmt.as_deref()))
                    .expect("number");
            }
            Typed::Text(t) => {
                ws.write_string_with_format(r, c, &t, &cell_format(None))
                    .expect("string");
            }
        }
    };
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if covered(r, c) {
                continue;
            }
            if let Some((r0, c0, r1, c1)) = merge_at(r, c) {
                let num = match typed(text) {
                    Typed::Number(_, f) => f,
                    Typed::Text(_) => None,
                };
                ws.merge_range(
                    r0 as u32,
                    c0 as u16,
                    r1 as u32,
                    c1 as u16,
                    "",
                    &cell_format(num.as_deref()),
                )
                .expect("merge");
            }
            if !text.is_empty() {
                write(ws, r, c, text);
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Seed form 1 as an HTML table with the official layout's rowspans/colspans.
pub fn official_html() -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>自评表</title>\
         <style>td{border:1px solid}</style></head><body>\n<p>说明文字不在表格里。</p>\n<table border=\"1\">\n",
    );
    for (r, row) in seed_rows().iter().enumerate() {
        html.push_str("  <tr>");
        for (c, text) in row.iter().enumerate() {
            if covered(r, c) {
                continue;
            }
            let tag = if r == 12 { "th" } else { "td" };
            let mut attrs = String::new();
            if let Some((r0, c0, r1, c1)) = merge_at(r, c) {
                if r1 > r0 {
                    attrs.push_str(&format!(" rowspan=\"{}\"", r1 - r0 + 1));
                }
                if c1 > c0 {
                    attrs.push_str(&format!(" colspan={}", c1 - c0 + 1));
                }
            }
            html.push_str(&format!("<{tag}{attrs}>{}</{tag}>", escape(text)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n</body></html>\n");
    html
}

/// A `w:tc` with optional span / vertical merge.
fn tc(text: &str, span: usize, vmerge: Option<&str>) -> String {
    let mut pr = String::new();
    if span > 1 {
        pr.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
    }
    match vmerge {
        Some("restart") => pr.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(_) => pr.push_str("<w:vMerge/>"),
        None => {}
    }
    // A long text split over two paragraphs: they are joined with a space.
    let paras: String = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        )
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>{pr}</w:tcPr>{paras}</w:tc>")
}

/// Seed form 1 as `word/document.xml`: a title paragraph above the table, then the table with
/// `w:gridSpan` and `w:vMerge` for the official layout's merges.
pub fn official_document_xml() -> String {
    let rows = seed_rows();
    let mut body = String::new();
    body.push_str("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>");
    body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    for _ in 0..WIDTH {
        body.push_str("<w:gridCol w:w=\"1000\"/>");
    }
    body.push_str("</w:tblGrid>");
    // Row 0 (the title) is the paragraph above.
    for (r, row) in rows.iter().enumerate().skip(1) {
        body.push_str("<w:tr>");
        let mut c = 0;
        while c < WIDTH {
            // The merge covering (r, c) whose first column is c, if any.
            let m = MERGES
                .iter()
                .copied()
                .find(|&(r0, c0, r1, _)| c0 == c && (r0..=r1).contains(&r));
            match m {
                Some((r0, c0, r1, c1)) => {
                    let span = c1 - c0 + 1;
                    let vmerge = if r1 > r0 {
                        Some(if r == r0 { "restart" } else { "continue" })
                    } else {
                        None
                    };
                    let text = if r == r0 { row[c].as_str() } else { "" };
                    body.push_str(&tc(text, span, vmerge));
                    c += span;
                }
                None => {
                    body.push_str(&tc(&row[c], 1, None));
                    c += 1;
                }
            }
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl><w:p/>");
    document_xml(&body)
}

pub fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

/// A .docx (zip) around a `word/document.xml`.
pub fn docx(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).expect("zip");
        zip.write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        )
        .expect("zip");
        zip.start_file("word/document.xml", opts).expect("zip");
        zip.write_all(document_xml.as_bytes()).expect("zip");
        zip.finish().expect("zip");
    }
    buf.into_inner()
}

/// A form's JSON without positions, its findings reduced to their sorted codes.
pub fn comparable(form: &Form) -> Value {
    let mut v = without_positions(&form_json(&check_form(form.clone())));
    if let Some(obj) = v.as_object_mut() {
        let mut codes: Vec<String> = obj
            .get("findings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.get("code").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        codes.sort();
        obj.insert("findings".into(), Value::from(codes));
    }
    v
}

/// Assert two readings agree, showing the first differing section on failure.
pub fn assert_same(what: &str, expected: &Value, got: &Value) {
    if expected == got {
        return;
    }
    let keys: Vec<&String> = expected
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    for k in keys {
        let (e, g) = (&expected[k], &got[k]);
        if e != g {
            panic!(
                "{what}: `{k}` differs\nexpected: {}\n     got: {}",
                serde_json::to_string_pretty(e).unwrap_or_default(),
                serde_json::to_string_pretty(g).unwrap_or_default()
            );
        }
    }
    panic!(
        "{what}: readings differ\nexpected: {}\n     got: {}",
        serde_json::to_string_pretty(expected).unwrap_or_default(),
        serde_json::to_string_pretty(got).unwrap_or_default()
    );
}

/// The seed reading every other rendering is compared with.
pub fn seed_reference() -> Value {
    let forms = jixiao_core::read::read_bytes(
        "seed.txt",
        seed_form1().as_bytes(),
        &jixiao_core::read::ReadOptions::default(),
    );
    assert_eq!(forms.len(), 1, "seed form 1 reads as one form");
    assert!(forms[0].is_complete(), "seed form 1 is complete");
    comparable(&forms[0])
}

/// Whether a Chinese character is in the text.
pub fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Decimal strings with their trailing zeros dropped (`"7.50"` → `"7.5"`, `"0.00"` → `"0"`), at
/// any depth: for formats whose reader cannot see number formats (xls, ods).
pub fn scale_free(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), scale_free(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(scale_free).collect()),
        Value::String(s) => {
            let body = s.strip_prefix('-').unwrap_or(s);
            let numeric = !body.is_empty()
                && body.chars().all(|c| c.is_ascii_digit() || c == '.')
                && body.matches('.').count() == 1;
            if numeric {
                Value::String(s.trim_end_matches('0').trim_end_matches('.').to_string())
            } else {
                v.clone()
            }
        }
        other => other.clone(),
    }
}

/// The reading without indicator targets/actuals and without what is computed from them: for
/// formats whose reader cannot see percent formats (xls, ods give 100% as 1).
pub fn without_targets(v: &Value) -> Value {
    let mut v = scale_free(v);
    if let Some(inds) = v.get_mut("indicators").and_then(Value::as_array_mut) {
        for i in inds {
            if let Some(o) = i.as_object_mut() {
                o.remove("target");
                o.remove("actual");
                if let Some(score) = o.get_mut("score").and_then(Value::as_object_mut) {
                    score.retain(|k, _| k == "printed");
                }
            }
        }
    }
    if let Some(o) = v.as_object_mut() {
        o.remove("findings");
        if let Some(total) = o.get_mut("total").and_then(Value::as_object_mut) {
            total.remove("by_rule");
        }
    }
    v
}
