//! Cell formats, column widths for Chinese text, row heights and sheet names.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
use unicode_width::UnicodeWidthStr;

/// Excel's limit on a sheet name (UTF-16 code units).
pub const SHEET_NAME_MAX: usize = 31;

/// The display width of `s` in Excel column units: a CJK character counts 2, a Latin one 1
/// (`rust_xlsxwriter`'s autofit counts both as one, which cuts Chinese text).
pub fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Lines `s` takes in a cell `width` units wide (wrapped), at least 1.
pub fn lines_in(s: &str, width: f64) -> usize {
    // Office renders CJK a little wider than two digit widths: keep a 15% margin.
    let per_line = ((width - 1.0) * 0.85).max(2.0);
    s.lines()
        .map(|l| {
            ((UnicodeWidthStr::width(l) as f64) / per_line)
                .ceil()
                .max(1.0) as usize
        })
        .sum::<usize>()
        .max(1)
}

/// Height in points of a row whose tallest cell wraps to `lines` lines.
pub fn row_height(lines: usize) -> f64 {
    (lines.max(1) as f64) * 14.5 + 4.0
}

/// A sheet name Excel accepts: `[]:*?/\` replaced by `_`, no leading or trailing apostrophe,
/// at most 31 UTF-16 units, `fallback` when nothing is left.
pub fn sheet_name(raw: &str, fallback: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim().to_string();
    let base = if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned
    };
    truncate_utf16(&base, SHEET_NAME_MAX)
}

/// `s` cut to at most `max` UTF-16 code units, on a character boundary.
pub fn truncate_utf16(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches('\'').to_string()
}

/// Names for a batch of sheets: `序号-名称`, unique (case-insensitively, as Excel wants) and
/// distinct from `reserved`.
pub fn unique_sheet_names(bases: &[String], reserved: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = reserved.iter().map(|r| r.to_lowercase()).collect();
    let mut out = Vec::with_capacity(bases.len());
    for (i, base) in bases.iter().enumerate() {
        let mut n = i + 1;
        loop {
            let prefix = format!("{n}-");
            let rest = truncate_utf16(base, SHEET_NAME_MAX - prefix.len());
            let name = sheet_name(&format!("{prefix}{rest}"), &prefix);
            if !taken.contains(&name.to_lowercase()) {
                taken.push(name.to_lowercase());
                out.push(name);
                break;
            }
            n += bases.len();
        }
    }
    out
}

/// The formats of a form sheet.
pub struct Styles {
    /// The title: large, bold, centred, no border.
    pub title: Format,
    /// A label cell (bold, centred, grey background).
    pub label: Format,
    /// A section caption spanning the sheet.
    pub section: Format,
    /// A text value, left aligned and wrapped.
    pub text: Format,
    /// A short text value, centred.
    pub centred: Format,
    /// Number formats by decimal places (`0`, `0.0`, `0.00`, …), index = scale.
    numbers: Vec<Format>,
}

fn bordered() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_font_name("宋体")
        .set_font_size(10.5)
}

/// Most decimal places given their own number format.
const MAX_SCALE: usize = 10;

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

impl Styles {
    /// The formats used on every form sheet.
    pub fn new() -> Self {
        let numbers = (0..=MAX_SCALE)
            .map(|scale| {
                let code = if scale == 0 {
                    "0".to_string()
                } else {
                    format!("0.{}", "0".repeat(scale))
                };
                bordered()
                    .set_align(FormatAlign::Right)
                    .set_num_format(code)
            })
            .collect();
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_name("宋体")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: bordered()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(0xF2F2F2),
            section: bordered()
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_background_color(0xDDEBF7),
            text: bordered().set_align(FormatAlign::Left),
            centred: bordered().set_align(FormatAlign::Center),
            numbers,
        }
    }

    /// The number format that prints `d` with exactly its decimal places (`7.50` → `0.00`), so
    /// that a reader gets back the value as printed.
    pub fn number(&self, d: Decimal) -> &Format {
        let scale = (d.scale() as usize).min(MAX_SCALE);
        &self.numbers[scale]
    }
}

/// Whether `d` survives the trip through an Excel number (f64, 15 significant digits) and back
/// to text with its decimal places: at most 15 significant digits and a scale we have a format for.
pub fn fits_excel_number(d: Decimal) -> bool {
    let digits = d.mantissa().unsigned_abs().to_string().len();
    digits <= 15 && (d.scale() as usize) <= MAX_SCALE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_units() {
        assert_eq!(text_width("项目名称"), 8);
        assert_eq!(text_width("ab12"), 4);
        assert_eq!(text_width("≥95%"), 4);
        assert_eq!(lines_in("项目名称项目名称", 9.0), 3);
        assert_eq!(lines_in("项目名称", 12.0), 1);
        assert_eq!(lines_in("", 9.0), 1);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(sheet_name("a/b[c]:d*e?f\\g", "x"), "a_b_c__d_e_f_g");
        assert_eq!(sheet_name("'引号'", "x"), "引号");
        assert_eq!(sheet_name("  ", "表1"), "表1");
        let long = "很长的项目名称".repeat(10);
        let names = unique_sheet_names(&[long.clone(), long.clone(), "汇总".into()], &["汇总"]);
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
        assert_eq!(names[0].chars().take(2).collect::<String>(), "1-");
        assert_ne!(names[0], names[1]);
        assert_eq!(names[2], "3-汇总");
        // A supplementary-plane character counts two units.
        let emoji = "𠀀".repeat(20);
        assert!(sheet_name(&emoji, "x").encode_utf16().count() <= 31);
    }

    #[test]
    fn excel_number_limits() {
        assert!(fits_excel_number(Decimal::new(10800000, 2)));
        assert!(!fits_excel_number(
            "1234567890.1234567".parse().expect("decimal")
        ));
    }
}
