//! Comma-separated text (`.csv` exports of a spreadsheet): RFC 4180 records (quoted fields
//! may hold commas, doubled quotes and line breaks) → a grid whose rows keep the line each
//! record starts on and whose cells keep their field number. Text with tabs (a `.csv` that is
//! really tab-separated) and text without commas go to the ordinary text reader.

use jixiao_core::decode;
use jixiao_core::grid::{Grid, GridCell, Row};
use jixiao_core::model::Form;
use jixiao_core::normalise;
use jixiao_core::read::{self, ReadOptions};

/// Whether decoded text reads as comma-separated: most non-blank lines hold a comma and
/// hardly any holds a tab.
fn looks_comma_separated(text: &str) -> bool {
    let (mut lines, mut commas, mut tabs) = (0usize, 0usize, 0usize);
    for l in text.lines().filter(|l| !l.trim().is_empty()).take(2000) {
        lines += 1;
        commas += usize::from(l.contains(','));
        tabs += usize::from(l.contains('\t'));
    }
    lines > 0 && commas * 2 >= lines && tabs * 10 < lines
}

/// The records of comma-separated text, each with the 1-based line it starts on: RFC 4180 as
/// the `csv` crate reads it (no header row, records of any length, a quote special only at the
/// start of a field), with line breaks inside a quoted field read as a space and carriage
/// returns dropped, as a spreadsheet cell shows them.
pub(crate) fn records(text: &str) -> Vec<(u32, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The crate's line count skips line breaks inside quoted fields and blank lines: count the
    // line breaks before each record's byte offset instead (offsets only grow).
    let (mut seen, mut line) = (0usize, 1u32);
    // The input is a `str`, so no record can fail UTF-8 validation; stop at any other error
    // rather than panic.
    for record in reader.records().map_while(Result::ok) {
        let mut byte = record
            .position()
            .map_or(seen, |p| usize::try_from(p.byte()).unwrap_or(seen));
        // After `\r\n` (and blank lines) the crate's record offset points at a line break.
        while text
            .as_bytes()
            .get(byte)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            byte += 1;
        }
        if let Some(skipped) = text.as_bytes().get(seen..byte) {
            let breaks = skipped.iter().filter(|b| **b == b'\n').count();
            line = line.saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
            seen = byte;
        }
        let fields = record
            .iter()
            .map(|f| {
                if f.contains(['\r', '\n']) {
                    f.replace('\r', "").replace('\n', " ")
                } else {
                    f.to_string()
                }
            })
            .collect();
        out.push((line, fields));
    }
    out
}

/// Read comma-separated bytes; `None` when they are not comma-separated text.
pub(crate) fn read_csv(path: &str, bytes: &[u8], options: &ReadOptions) -> Option<Vec<Form>> {
    let decoded = match &options.encoding {
        Some(label) => decode::decode_with(bytes, label),
        None => decode::decode(bytes),
    }
    .ok()?;
    if !looks_comma_separated(&decoded.text) {
        return None;
    }
    let rows = records(&decoded.text)
        .into_iter()
        .filter(|(_, f)| f.iter().any(|t| !t.trim().is_empty()))
        .map(|(line, fields)| Row {
            line,
            cells: fields
                .iter()
                .enumerate()
                .map(|(i, t)| GridCell {
                    text: normalise::clean_text(t),
                    column: u32::try_from(i + 1).unwrap_or(u32::MAX),
                })
                .collect(),
        })
        .collect();
    Some(read::read_grid(path, &Grid { rows }, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let r = records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\ny\",2\r\nlast,");
        assert_eq!(
            r[0],
            (1, vec!["a".into(), "b,c".into(), "say \"hi\"".into()])
        );
        assert_eq!(r[1], (2, vec!["x y".into(), "2".into()]));
        assert_eq!(r[2], (4, vec!["last".into(), String::new()]));
    }

    #[test]
    fn quotes_inside_a_field_stay_and_blank_lines_give_no_cells() {
        let r = records("5\"寸,\"a\"\"\"\n\n\"open,end");
        assert_eq!(r[0], (1, vec!["5\"寸".into(), "a\"".into()]));
        // A blank line holds no cell: it is never a row of the grid.
        assert!(r.iter().all(|(_, f)| f.iter().any(|t| !t.is_empty())));
        // An unterminated quote runs to the end of the text, never panics.
        assert_eq!(r.last().unwrap(), &(3, vec!["open,end".into()]));
    }

    #[test]
    fn each_record_keeps_the_line_it_starts_on() {
        // Lines 1, 2, 4 and 6 hold records (3 is blank, 5 is inside a quoted field).
        let text = "项目名称,某项目\r\n年度,2021\r\n\r\n\"多行\r\n说明\",x\r\n总分,100\r\n";
        let lines: Vec<u32> = records(text).iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 4, 6]);
        assert_eq!(records(text)[2].1, ["多行 说明", "x"]);
    }

    #[test]
    fn tab_text_is_not_taken_for_csv() {
        assert!(!looks_comma_separated("a\tb,c\nd\te\n"));
        assert!(looks_comma_separated("a,b\nc,d\n"));
        assert!(!looks_comma_separated("项目名称 某项目\n"));
    }
}
