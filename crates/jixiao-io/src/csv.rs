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

/// The records of comma-separated text, each with the 1-based line it starts on.
pub(crate) fn records(text: &str) -> Vec<(u32, Vec<String>)> {
    let mut out = Vec::new();
    let mut line: u32 = 1;
    let mut start = 1;
    let mut field = String::new();
    let mut fields = Vec::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            }
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if quoted => {
                line = line.saturating_add(1);
                field.push(' ');
            }
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                line = line.saturating_add(1);
                start = line;
            }
            '\r' => {}
            c => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start, fields));
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
    fn tab_text_is_not_taken_for_csv() {
        assert!(!looks_comma_separated("a\tb,c\nd\te\n"));
        assert!(looks_comma_separated("a,b\nc,d\n"));
        assert!(!looks_comma_separated("项目名称 某项目\n"));
    }
}
