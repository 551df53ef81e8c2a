//! Spreadsheet numbers to text, before they reach the core reader.
//!
//! Excel keeps every number as an f64 and shows at most 15 significant digits. A cell is rendered
//! as the shortest decimal that has the same value within those 15 digits (`0.1 + 0.2` →
//! `0.3`, `108000` → `108000`), so no binary noise reaches the exact-decimal core. Where the
//! workbook says how the cell is displayed (xlsx number formats), the printed look is kept as far
//! as it is exact: trailing zeros up to the format's decimals (`0.00` → `7.50`), a percent
//! format shifts the decimal point (`0.597` with `0.0%` → `59.7%`), quoted literals (`0.00"万元"`)
//! stay. Digits are never rounded away: `59.7509` with format `0.0` stays `59.7509`.

/// Digits, sign and decimal point position of a number: value = 0.DIGITS × 10^point.
struct Digits {
    negative: bool,
    digits: String,
    point: i32,
}

fn digits_of(f: f64) -> Option<Digits> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some(Digits {
            negative: false,
            digits: String::new(),
            point: 0,
        });
    }
    let sci = format!("{:.14e}", f.abs());
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0').to_string();
    Some(Digits {
        negative: f < 0.0,
        digits,
        point: exp + 1,
    })
}

impl Digits {
    fn render(&self, min_decimals: usize) -> String {
        let d = &self.digits;
        let len = d.len() as i32;
        let (int, frac) = if d.is_empty() {
            ("0".to_string(), String::new())
        } else if self.point <= 0 {
            (
                "0".to_string(),
                format!("{}{d}", "0".repeat((-self.point) as usize)),
            )
        } else if self.point >= len {
            (
                format!("{d}{}", "0".repeat((self.point - len) as usize)),
                String::new(),
            )
        } else {
            let (i, f) = d.split_at(self.point as usize);
            (i.to_string(), f.to_string())
        };
        let mut frac = frac.trim_end_matches('0').to_string();
        while frac.len() < min_decimals {
            frac.push('0');
        }
        let sign = if self.negative && !d.is_empty() {
            "-"
        } else {
            ""
        };
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        }
    }
}

/// The shortest decimal text of `f` within Excel's 15 significant digits (`NaN`/`inf` as such).
pub fn shortest(f: f64) -> String {
    match digits_of(f) {
        Some(d) => d.render(0),
        None => f.to_string(),
    }
}

/// What a number format asks for, as far as we honour it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Look {
    decimals: usize,
    percent: bool,
    prefix: String,
    suffix: String,
}

/// Read the first section of an Excel number format; `None` for General, text, dates,
/// fractions and scientific formats (rendered as [`shortest`]).
fn look_of(format: &str) -> Option<Look> {
    let mut look = Look::default();
    let mut seen_digit = false;
    let mut in_fraction_part = false;
    let mut chars = format.chars().peekable();
    let mut section = String::new();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                let mut lit = String::new();
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    lit.push(q);
                }
                if seen_digit {
                    look.suffix.push_str(&lit);
                } else {
                    look.prefix.push_str(&lit);
                }
            }
            '\\' => {
                if let Some(q) = chars.next() {
                    if seen_digit {
                        look.suffix.push(q);
                    } else {
                        look.prefix.push(q);
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '_' | '*' => {
                chars.next();
            }
            '0' | '#' | '?' => {
                seen_digit = true;
                if in_fraction_part && c == '0' {
                    look.decimals += 1;
                }
                section.push(c);
            }
            '.' => {
                in_fraction_part = true;
                section.push(c);
            }
            '%' => {
                look.percent = true;
                section.push(c);
            }
            ',' | ' ' | '(' | ')' | '-' | '+' => section.push(c),
            _ => {
                section.push(c);
                // Letters (General, dates, E+ scientific) and '/' (fractions): not a plain number.
                if c.is_ascii_alphabetic() || c == '/' || c == '@' {
                    return None;
                }
                if seen_digit {
                    look.suffix.push(c);
                } else {
                    look.prefix.push(c);
                }
            }
        }
    }
    seen_digit.then_some(look)
}

/// Render a number cell with its number format code (`None`: no format known).
pub fn render(f: f64, format: Option<&str>) -> String {
    let Some(mut d) = digits_of(f) else {
        return f.to_string();
    };
    let Some(look) = format.and_then(look_of) else {
        return d.render(0);
    };
    if look.percent && !d.digits.is_empty() {
        d.point += 2;
    }
    let percent = if look.percent { "%" } else { "" };
    format!(
        "{}{}{}{}",
        look.prefix.trim(),
        d.render(look.decimals),
        percent,
        look.suffix.trim()
    )
}

/// An Excel date serial (1900 system) as `YYYY-MM-DD`, with ` HH:MM[:SS]` when it has a time.
pub fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return shortest(serial);
    }
    let mut days = serial.floor() as i64;
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let (days_extra, secs) = (secs / 86_400, secs % 86_400);
    days += days_extra;
    // Serial 60 is Excel's fictitious 1900-02-29; serials before it count from 1899-12-31.
    let date = if days == 60 {
        "1900-02-29".to_string()
    } else {
        let offset = if days < 60 { days - 1 } else { days - 2 };
        let (y, m, d) = civil_from_days(offset + days_from_civil(1900, 1, 1));
        format!("{y:04}-{m:02}-{d:02}")
    };
    if secs == 0 {
        return date;
    }
    let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{date} {h:02}:{mi:02}")
    } else {
        format!("{date} {h:02}:{mi:02}:{s:02}")
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_is_exact_and_noise_free() {
        assert_eq!(shortest(108000.0), "108000");
        assert_eq!(shortest(59.7), "59.7");
        assert_eq!(shortest(0.1 + 0.2), "0.3");
        assert_eq!(shortest(-0.0), "0");
        assert_eq!(shortest(-12.5), "-12.5");
        assert_eq!(shortest(1e-7), "0.0000001");
        assert_eq!(shortest(1.5e20), "150000000000000000000");
        assert_eq!(shortest(440303210301500.0), "440303210301500");
        assert_eq!(shortest(64531.0 / 108000.0 * 100.0), "59.7509259259259");
    }

    #[test]
    fn formats_pad_shift_and_keep_literals() {
        assert_eq!(render(7.5, Some("0.00")), "7.50");
        assert_eq!(render(108000.0, Some("#,##0.00")), "108000.00");
        assert_eq!(render(108000.0, Some("General")), "108000");
        assert_eq!(render(0.597, Some("0.0%")), "59.7%");
        assert_eq!(render(1.0, Some("0%")), "100%");
        assert_eq!(render(0.0, Some("0.00%")), "0.00%");
        assert_eq!(render(620.82, Some("0.00\"万元\"")), "620.82万元");
        assert_eq!(render(59.7509, Some("0.0")), "59.7509");
        assert_eq!(render(-3.0, Some("0.00_);[Red](0.00)")), "-3.00");
        assert_eq!(render(3.0, Some("@")), "3");
        assert_eq!(render(3.0, None), "3");
    }

    #[test]
    fn dates() {
        assert_eq!(excel_date(44926.0), "2022-12-31");
        assert_eq!(excel_date(1.0), "1900-01-01");
        assert_eq!(excel_date(61.0), "1900-03-01");
        assert_eq!(excel_date(44926.5), "2022-12-31 12:00");
    }
}
