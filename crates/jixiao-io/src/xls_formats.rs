//! Number formats of a legacy `.xls` (BIFF8) workbook, which calamine does not report: the
//! format code of every number cell, so that `7.50` keeps its two decimals and a `100%` cell
//! reads `100%`, not `1`.
//!
//! The workbook stream (`Workbook`, or `Book` in older files) is read from the compound file
//! with the `cfb` crate; from the globals we take the FORMAT records (custom codes), the XF
//! records (cell style → format index) and BOUNDSHEET8 (sheet names and where they start); from
//! each worksheet the NUMBER, RK, MULRK and FORMULA records (cell → XF). Best effort: anything
//! unexpected gives fewer formats, never an error (the cell is then rendered without a format).

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Format codes of number cells, by sheet name, then by (0-based row, 0-based column).
pub(crate) type SheetFormats = HashMap<String, HashMap<(u32, u32), String>>;

/// The number formats of every worksheet of an `.xls` file (empty when they cannot be read).
pub(crate) fn xls_formats(bytes: &[u8]) -> SheetFormats {
    let Some(stream) = workbook_stream(bytes) else {
        return SheetFormats::new();
    };
    read_stream(&stream).unwrap_or_default()
}

fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    for name in ["/Workbook", "/Book"] {
        if let Ok(mut s) = cf.open_stream(name) {
            let mut out = Vec::new();
            // 256 MB is far beyond any form; a larger stream is not read.
            s.by_ref().take(256 << 20).read_to_end(&mut out).ok()?;
            return Some(out);
        }
    }
    None
}

/// BIFF records from `offset`: (type, data).
struct Records<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let head = self.data.get(self.pos..self.pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let body = self.data.get(self.pos + 4..self.pos + 4 + len)?;
        self.pos += 4 + len;
        Some((typ, body))
    }
}

fn records(data: &[u8], pos: usize) -> Records<'_> {
    Records { data, pos }
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Characters of a BIFF8 string body: `high` = UTF-16LE, else one byte per character (Latin-1).
fn chars(d: &[u8], count: usize, high: bool) -> Option<String> {
    if high {
        let raw = d.get(..count * 2)?;
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(d.get(..count)?.iter().map(|&b| char::from(b)).collect())
    }
}

fn read_stream(stream: &[u8]) -> Option<SheetFormats> {
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, d) in records(stream, 0) {
        match typ {
            // FILEPASS: encrypted, nothing readable.
            0x002F => return None,
            // EOF of the globals.
            0x000A => break,
            // FORMAT: ifmt, XLUnicodeString (cch u16, flags u8, chars).
            0x041E => {
                let (Some(ifmt), Some(cch), Some(&flags)) = (u16_at(d, 0), u16_at(d, 2), d.get(4))
                else {
                    continue;
                };
                let body = d.get(5..).unwrap_or_default();
                if let Some(s) = chars(body, usize::from(cch), flags & 1 == 1) {
                    codes.insert(ifmt, s);
                }
            }
            // XF: ifnt, ifmt, …
            0x00E0 => xf_formats.push(u16_at(d, 2).unwrap_or(0)),
            // BOUNDSHEET8: lbPlyPos u32, hsState u8, dt u8 (0 = worksheet), name (cch u8, flags u8).
            0x0085 => {
                let (Some(pos), Some(&dt), Some(&cch), Some(&flags)) =
                    (u32_at(d, 0), d.get(5), d.get(6), d.get(7))
                else {
                    continue;
                };
                if dt != 0 {
                    continue;
                }
                let body = d.get(8..).unwrap_or_default();
                if let Some(name) = chars(body, usize::from(cch), flags & 1 == 1) {
                    sheets.push((pos as usize, name));
                }
            }
            _ => {}
        }
    }
    let code_of_xf = |xf: u16| -> Option<String> {
        let ifmt = *xf_formats.get(usize::from(xf))?;
        if ifmt == 0 {
            return None;
        }
        codes
            .get(&ifmt)
            .cloned()
            .or_else(|| builtin(ifmt).map(str::to_string))
    };
    let mut out = SheetFormats::new();
    for (pos, name) in sheets {
        let mut cells: HashMap<(u32, u32), String> = HashMap::new();
        let mut put = |row: u16, col: u16, xf: u16| {
            if let Some(code) = code_of_xf(xf) {
                cells.insert((u32::from(row), u32::from(col)), code);
            }
        };
        for (i, (typ, d)) in records(stream, pos).enumerate() {
            if i > 0 && typ == 0x000A {
                break;
            }
            match typ {
                // NUMBER, RK, FORMULA: rw, col, ixfe.
                0x0203 | 0x027E | 0x0006 => {
                    if let (Some(r), Some(c), Some(xf)) = (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4))
                    {
                        put(r, c, xf);
                    }
                }
                // MULRK: rw, colFirst, (ixfe u16, RK u32)*, colLast.
                0x00BD => {
                    let (Some(r), Some(first)) = (u16_at(d, 0), u16_at(d, 2)) else {
                        continue;
                    };
                    let n = d.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        if let Some(xf) = u16_at(d, 4 + 6 * k) {
                            put(r, first.saturating_add(k as u16), xf);
                        }
                    }
                }
                _ => {}
            }
        }
        out.insert(name, cells);
    }
    Some(out)
}

/// The built-in number formats (ECMA-376 §18.8.30, the same ids in BIFF8) that show decimals
/// or percent; the others (General, dates, text) need no code here.
fn builtin(ifmt: u16) -> Option<&'static str> {
    Some(match ifmt {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((body.len() as u16).to_le_bytes());
        v.extend(body);
        v
    }

    #[test]
    fn formats_by_cell_from_a_hand_built_stream() {
        // Globals: a custom FORMAT 164 "0.0%", XFs 0 (General), 1 (built-in 2 = 0.00),
        // 2 (custom 164), a worksheet "表1" (UTF-16 name) at the offset computed below.
        let mut globals = Vec::new();
        globals.extend(rec(0x0809, &[0; 16]));
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend(4u16.to_le_bytes());
        fmt.push(0);
        fmt.extend(b"0.0%");
        globals.extend(rec(0x041E, &fmt));
        for ifmt in [0u16, 2, 164] {
            let mut xf = 0u16.to_le_bytes().to_vec();
            xf.extend(ifmt.to_le_bytes());
            xf.extend([0; 16]);
            globals.extend(rec(0x00E0, &xf));
        }
        let name: Vec<u8> = "表1".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let bound_len = 4 + 8 + name.len();
        let eof_len = 4;
        let sheet_pos = (globals.len() + bound_len + eof_len) as u32;
        let mut bs = sheet_pos.to_le_bytes().to_vec();
        bs.extend([0, 0, 2, 1]);
        bs.extend(&name);
        globals.extend(rec(0x0085, &bs));
        globals.extend(rec(0x000A, &[]));
        assert_eq!(globals.len() as u32, sheet_pos);
        // Sheet: BOF, NUMBER (0,1) xf 1, RK (2,3) xf 2, MULRK row 4 cols 0..=1 xf 0 and 1, EOF.
        let mut sheet = rec(0x0809, &[0; 16]);
        let mut num = vec![0, 0, 1, 0, 1, 0];
        num.extend(7.5f64.to_le_bytes());
        sheet.extend(rec(0x0203, &num));
        sheet.extend(rec(0x027E, &[2, 0, 3, 0, 2, 0, 0, 0, 0, 0]));
        sheet.extend(rec(
            0x00BD,
            &[4, 0, 0, 0, 0, 0, 1, 2, 3, 4, 1, 0, 1, 2, 3, 4, 1, 0],
        ));
        sheet.extend(rec(0x000A, &[]));
        globals.extend(sheet);
        let out = read_stream(&globals).expect("read");
        let cells = &out["表1"];
        assert_eq!(cells.get(&(0, 1)).map(String::as_str), Some("0.00"));
        assert_eq!(cells.get(&(2, 3)).map(String::as_str), Some("0.0%"));
        assert_eq!(cells.get(&(4, 0)), None);
        assert_eq!(cells.get(&(4, 1)).map(String::as_str), Some("0.00"));
        assert_eq!(cells.len(), 3);
    }

    #[test]
    fn junk_gives_nothing() {
        assert!(xls_formats(b"not a compound file").is_empty());
        assert!(read_stream(&[0x09, 0x08, 0xFF, 0xFF, 1, 2]).is_some_and(|m| m.is_empty()));
    }
}
