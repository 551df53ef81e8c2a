//! What calamine does not report for OpenDocument spreadsheets, read from `content.xml`:
//! merged regions, percentage cells, and the text number cells show (their decimals).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::Dimensions;

/// What calamine does not tell about an ODS sheet (0-based row, column).
#[derive(Default)]
pub(crate) struct OdsExtra {
    /// Merged regions.
    pub merges: Vec<Dimensions>,
    /// Cells whose value type is a percentage.
    pub percent: HashSet<(u32, u32)>,
    /// The text each number cell shows (`<text:p>`): its decimals as printed.
    pub shown: HashMap<(u32, u32), String>,
}

/// Merged regions (`table:number-rows-spanned` / `-columns-spanned`), percentage cells and
/// the shown text of number cells of every sheet of an ODS file, by sheet name. Best effort: a
/// problem just gives less.
pub(crate) fn ods_extra(bytes: &[u8]) -> HashMap<String, OdsExtra> {
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
    // A number cell being read: its positions (repeats included) and the text it shows.
    let mut showing: Option<(u32, u32, u32, String)> = None;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::Text(t)) => {
                if let Some((.., text)) = showing.as_mut()
                    && text.len() < 256
                {
                    text.push_str(&t.xml10_content());
                }
                continue;
            }
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => row = row.saturating_add(row_repeat),
                    "table:table-cell" => {
                        if let (Some((r, c, repeat, text)), Some(sheet)) = (showing.take(), &sheet)
                            && !text.trim().is_empty()
                        {
                            let extra = out.entry(sheet.clone()).or_default();
                            for k in 0..repeat.min(1024) {
                                extra.shown.insert((r, c + k), text.trim().to_string());
                            }
                        }
                    }
                    _ => {}
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
                    let kind = attr(&e, "office:value-type");
                    if kind.as_deref() == Some("percentage") {
                        for c in 0..repeat.min(1024) {
                            extra.percent.insert((row, col + c));
                        }
                    }
                    let number =
                        matches!(kind.as_deref(), Some("float" | "percentage" | "currency"));
                    showing = (number && !empty).then(|| (row, col, repeat, String::new()));
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    out
}
