//! Bytes to text: BOMs, UTF-16 without BOM, UTF-8, GBK/GB18030 and Big5 (guessed with
//! `chardetng`), binary rejection, and CRLF/CR → LF.
//!
//! Detection is a guess, so a BOM or an explicit label ([`decode_with`]) always wins. The whole
//! input is decoded in one pass by `encoding_rs`; detection looks at a bounded prefix only, so
//! large inputs (100 MB) cost one decode plus one newline pass and no per-line allocation.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use std::borrow::Cow;

use encoding_rs::{BIG5, Encoding, GB18030, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, newlines normalised to `\n`, without a BOM.
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `UTF-16LE`, `gb18030`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    /// The input started with a byte-order mark.
    pub had_bom: bool,
    /// The encoding was guessed (no BOM, not valid UTF-8, no explicit label).
    pub guessed: bool,
    /// Malformed byte sequences were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("文件为空：没有可读取的内容，请检查是否选错了文件")]
    Empty,
    #[error(
        "不是文本文件（含有二进制内容）：请把自评表另存为文本（.txt / .csv，UTF-8 或 GBK 编码）后再读取；如果文件确实是文本，请用 --encoding 指定它的编码"
    )]
    Binary,
    #[error("这是{0}文件，不是文本：请在原程序中把自评表另存为文本（.txt / .csv）后再读取")]
    Document(&'static str),
    #[error("不认识的编码名称“{0}”：请使用 utf-8、gbk、gb18030、big5、utf-16le 或 utf-16be 之一")]
    UnknownEncoding(String),
}

/// How much of the input encoding detection looks at (chardetng costs about 4 ms per 16 KiB).
const SNIFF_LEN: usize = 64 << 10;
/// How many decoded characters the binary check looks at.
const CHECK_CHARS: usize = 1 << 16;

/// Decode a file's bytes: BOM first (UTF-8, UTF-16LE/BE); UTF-16 without BOM (NULs at one byte
/// parity); valid UTF-8; otherwise a guess (see [`guess`]: lossy UTF-8, GB18030 or Big5). NUL bytes outside UTF-16, known document formats (PDF, xlsx, xls, …)
/// and text dominated by control characters are rejected.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if body.is_empty() {
            return Err(DecodeError::Empty);
        }
        let (text, had_errors) = decode_body(enc, body);
        return finish(text, enc, true, false, had_errors);
    }
    if let Some(kind) = document_kind(bytes) {
        return Err(DecodeError::Document(kind));
    }
    // `memchr` (SIMD) instead of `contains`, which looks at every byte of the file in turn.
    if memchr::memchr(0, bytes).is_some() {
        if let Some(enc) = utf16_without_bom(bytes) {
            let even = &bytes[..bytes.len() & !1];
            let (text, had_errors) = decode_body(enc, even);
            if !had_errors {
                return finish(text, enc, false, true, false);
            }
        }
        // Tolerate NUL padding at the end of an otherwise text file.
        let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        let body = &bytes[..end];
        if body.is_empty() {
            return Err(DecodeError::Empty);
        }
        if body.contains(&0) {
            return Err(DecodeError::Binary);
        }
        return decode_bomless(body);
    }
    decode_bomless(bytes)
}

/// Decode with an explicit encoding label (WHATWG labels: `utf-8`, `gbk`, `gb18030`, `big5`,
/// `utf-16le`, `utf-16be`, …). A BOM of that same encoding is removed.
pub fn decode_with(bytes: &[u8], encoding_label: &str) -> Result<Decoded, DecodeError> {
    let label = encoding_label.trim();
    let enc = match Encoding::for_label_no_replacement(label.as_bytes()) {
        Some(e) if e != REPLACEMENT => e,
        _ => return Err(DecodeError::UnknownEncoding(label.to_owned())),
    };
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let had_bom = Encoding::for_bom(bytes).is_some_and(|(e, _)| e == enc);
    if !had_bom && let Some(kind) = document_kind(bytes) {
        return Err(DecodeError::Document(kind));
    }
    let (text, had_errors) = enc.decode_with_bom_removal(bytes);
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    finish(text, enc, had_bom, false, had_errors)
}

/// No BOM, no NUL bytes.
fn decode_bomless(body: &[u8]) -> Result<Decoded, DecodeError> {
    // The same validation as `std::str::from_utf8`, with SIMD (the whole file is checked).
    match simdutf8::basic::from_utf8(body) {
        Ok(s) => finish(Cow::Borrowed(s), UTF_8, false, false, false),
        Err(_) => {
            let enc = guess(body);
            let (text, had_errors) = decode_body(enc, body);
            finish(text, enc, false, true, had_errors)
        }
    }
}

fn decode_body<'a>(enc: &'static Encoding, body: &'a [u8]) -> (Cow<'a, str>, bool) {
    enc.decode_without_bom_handling(body)
}

/// Guess the encoding of bytes that are not valid UTF-8, from a window that starts at the first
/// non-ASCII byte. Nearly all-valid UTF-8 (a file cut mid-character, a stray byte) stays UTF-8
/// and is decoded lossily; otherwise chardetng decides between Big5 and GB18030 (GBK and any
/// other guess are read as GB18030, a superset of GBK). No TLD hint: `cn` makes chardetng
/// call Big5 text GBK.
fn guess(body: &[u8]) -> &'static Encoding {
    let start = body.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let end = body.len().min(start + SNIFF_LEN);
    let sample = &body[start..end];
    let (as_utf8, _) = UTF_8.decode_without_bom_handling(sample);
    let (mut errors, mut wide) = (0usize, 0usize);
    for c in as_utf8.chars() {
        if c == '\u{FFFD}' {
            errors += 1;
        } else if !c.is_ascii() {
            wide += 1;
        }
    }
    if errors * 20 <= wide {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, end == body.len());
    if detector.guess(None, Utf8Detection::Deny) == BIG5 {
        BIG5
    } else {
        GB18030
    }
}

/// UTF-16 without a BOM: NUL bytes (the high byte of ASCII characters) sit at one parity only.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // CJK code points with a zero low byte (U+4E00 一) put a few NULs at the other parity.
    if odd > 0 && even * 20 <= odd {
        Some(UTF_16LE)
    } else if even > 0 && odd * 20 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Well-known binary document formats, by magic number.
fn document_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", " PDF "),
        (b"PK\x03\x04", " Office（xlsx/docx）或 zip 压缩"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "旧版 Office（xls/doc）",
        ),
        (b"\x89PNG\r\n\x1A\n", " PNG 图片"),
        (b"\xFF\xD8\xFF", " JPEG 图片"),
        (b"GIF8", " GIF 图片"),
        (b"Rar!\x1A\x07", " RAR 压缩"),
        (b"7z\xBC\xAF\x27\x1C", " 7z 压缩"),
        (b"\x1F\x8B", " gzip 压缩"),
        (b"{\\rtf", " RTF "),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, k)| k)
}

/// Control characters (other than tab, newline, carriage return and form feed) and
/// replacement characters in more than 5% of the first characters → binary.
fn looks_binary(text: &str) -> bool {
    // By bytes, without decoding: a character starts at every byte that is no continuation
    // byte; the controls are ASCII, and U+FFFD is the one character encoded EF BF BD.
    let b = text.as_bytes();
    let (mut total, mut bad) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() && total < CHECK_CHARS {
        let x = b[i];
        if x & 0xC0 != 0x80 {
            total += 1;
            let control = (x < b' ' && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0C)) || x == 0x7F;
            let replacement = x == 0xEF && b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]);
            bad += usize::from(control || replacement);
        }
        i += 1;
    }
    bad > 0 && bad * 20 > total
}

fn finish(
    text: Cow<'_, str>,
    enc: &'static Encoding,
    had_bom: bool,
    guessed: bool,
    had_errors: bool,
) -> Result<Decoded, DecodeError> {
    let mut text = normalise_newlines(text);
    let mut had_bom = had_bom;
    if text.starts_with('\u{FEFF}') {
        // A BOM the decoder kept (GB18030's 84 31 95 33, or a doubled BOM).
        text.replace_range(..'\u{FEFF}'.len_utf8(), "");
        had_bom = true;
    }
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        had_bom,
        guessed,
        had_errors,
    })
}

/// CRLF and lone CR → LF. Text without CR is passed through without copying; otherwise one
/// copy, segment by segment (`str::find` is memchr-based).
fn normalise_newlines(text: Cow<'_, str>) -> String {
    let Some(first) = memchr::memchr(b'\r', text.as_bytes()) else {
        return text.into_owned();
    };
    let s: &str = &text;
    let mut out = String::with_capacity(s.len());
    let mut cr = first;
    let mut last = 0;
    loop {
        out.push_str(&s[last..cr]);
        out.push('\n');
        last = cr + 1;
        if s.as_bytes().get(last) == Some(&b'\n') {
            last += 1;
        }
        match memchr::memchr(b'\r', &s.as_bytes()[last..]) {
            Some(i) => cr = last + i,
            None => break,
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_text_told_by_bytes_as_by_characters() {
        fn reference(text: &str) -> bool {
            let (mut total, mut bad) = (0usize, 0usize);
            for c in text.chars().take(CHECK_CHARS) {
                total += 1;
                let control = (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) || c == '\x7F';
                bad += usize::from(control || c == '\u{FFFD}');
            }
            bad > 0 && bad * 20 > total
        }
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let mut texts = vec![
            seed.to_owned(),
            String::new(),
            "\u{FFFD}".repeat(3),
            "a\u{FFFD}b\u{1}c\u{7F}".repeat(50),
            "\u{FFFC}\u{FFFE}\u{EFBF}".repeat(9),
            format!(
                "{}{}",
                "项".repeat(CHECK_CHARS),
                "\u{0}".repeat(CHECK_CHARS)
            ),
            format!("{}{}", "\u{0}".repeat(10), "a".repeat(150)),
            format!("{}{}", "\u{0}".repeat(10), "a".repeat(250)),
        ];
        for k in 0..64u32 {
            let mut t = String::new();
            for j in 0..200u32 {
                let c = char::from_u32((j * 7919 + k * 104_729) % 0x1_0000).unwrap_or('\u{FFFD}');
                t.push(c);
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(looks_binary(t), reference(t), "{:?}", t.get(..40));
        }
        assert!(texts.iter().any(|t| looks_binary(t)) && !looks_binary(seed));
    }

    const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SEED.as_bytes()).expect("seed decodes");
        assert_eq!(d.text, SEED.replace("\r\n", "\n"));
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.had_bom && !d.guessed && !d.had_errors);

        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("项目支出绩效自评表\n".as_bytes());
        let d = decode(&b).expect("utf-8 bom");
        assert_eq!(d.text, "项目支出绩效自评表\n");
        assert!(d.had_bom);
    }

    #[test]
    fn gb18030_round_trip() {
        let (bytes, _, unmappable) = GB18030.encode(SEED);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).expect("gb18030 decodes");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "gb18030");
        assert!(d.guessed && !d.had_errors);

        let d = decode_with(&bytes, "gbk").expect("explicit gbk");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn short_gbk_is_not_mistaken() {
        let (bytes, _, _) = GB18030.encode("年度绩效指标\t产出(50分)\t数量\t≥98%\n");
        let d = decode(&bytes).expect("gbk");
        assert_eq!(d.text, "年度绩效指标\t产出(50分)\t数量\t≥98%\n");
    }

    #[test]
    fn big5() {
        let text = "項目支出績效自評表\t年度績效指標\t產出指標\n";
        let (bytes, _, unmappable) = BIG5.encode(text);
        assert!(!unmappable);
        let d = decode_with(&bytes, "big5").expect("big5");
        assert_eq!(d.text, text);
        let d = decode(&bytes).expect("big5 guessed");
        assert_eq!((d.text.as_str(), d.encoding), (text, "Big5"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16(SEED, false));
        let d = decode(&le).expect("utf-16le");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.had_bom);

        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16(SEED, true));
        let d = decode(&be).expect("utf-16be");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn utf16_without_bom_detected() {
        let d = decode(&utf16(SEED, false)).expect("utf-16le no bom");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(!d.had_bom && d.guessed);

        let d = decode(&utf16(SEED, true)).expect("utf-16be no bom");
        assert_eq!(d.text, SEED);
        assert_eq!(d.encoding, "UTF-16BE");

        let d = decode_with(&utf16("指标\r\n", false), "utf-16le").expect("explicit");
        assert_eq!(d.text, "指标\n");
    }

    #[test]
    fn empty() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\0\0\0"), Err(DecodeError::Empty));
        assert_eq!(decode_with(b"", "gbk"), Err(DecodeError::Empty));
        assert!(DecodeError::Empty.to_string().contains("文件为空"));
    }

    #[test]
    fn binary() {
        let mut png = b"\x89PNG\r\n\x1A\n".to_vec();
        png.extend(std::iter::repeat_n(0u8, 256));
        assert!(matches!(decode(&png), Err(DecodeError::Document(_))));

        let mut junk = vec![0x13u8, 0x00, 0x37, 0xFF, 0x00, 0x00, 0x02, 0x9A];
        junk.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert_eq!(decode(&junk), Err(DecodeError::Binary));

        let controls: Vec<u8> = (0..2000u32).map(|i| (i % 31 + 1) as u8).collect();
        assert_eq!(decode(&controls), Err(DecodeError::Binary));

        assert!(matches!(
            decode(b"%PDF-1.7\n..."),
            Err(DecodeError::Document(_))
        ));
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(DecodeError::Document(_))
        ));
        assert!(DecodeError::Binary.to_string().starts_with("不是文本文件"));
    }

    #[test]
    fn trailing_nul_padding_is_tolerated() {
        let d = decode(b"abc\n\0\0").expect("padded");
        assert_eq!(d.text, "abc\n");
    }

    #[test]
    fn newlines() {
        let d = decode(b"a\r\nb\rc\n\r\n\r").expect("crlf");
        assert_eq!(d.text, "a\nb\nc\n\n\n");
        assert_eq!(normalise_newlines("\r\r\n".into()), "\n\n");
        assert_eq!(normalise_newlines("x".into()), "x");
        assert_eq!(normalise_newlines("\r".into()), "\n");
        assert_eq!(normalise_newlines("项\r\n目\r".into()), "项\n目\n");
        let (gbk, _, _) = GB18030.encode("项目\r\n编码\r\n");
        assert_eq!(decode(&gbk).expect("gbk crlf").text, "项目\n编码\n");
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let s = "项目支出绩效自评表\t年度资金总额\t108000.00\n".repeat(20);
        let mut b = s.as_bytes().to_vec();
        b.extend_from_slice(&"绩".as_bytes()[..2]);
        let d = decode(&b).expect("truncated");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);
        assert!(d.text.starts_with("项目支出绩效自评表"));
    }

    #[test]
    fn unknown_label() {
        assert_eq!(
            decode_with(b"abc", "klingon"),
            Err(DecodeError::UnknownEncoding("klingon".into()))
        );
        assert!(matches!(
            decode_with(b"abc", "iso-2022-kr"),
            Err(DecodeError::UnknownEncoding(_))
        ));
        assert_eq!(
            decode_with(b"abc", " UTF-8 ").map(|d| d.text),
            Ok("abc".into())
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                let _ = decode(&bytes);
                let _ = decode_with(&bytes, "gbk");
                let _ = decode_with(&bytes, "utf-16be");
            }

            #[test]
            fn utf8_text_round_trips(s in "[^\r\u{0}-\u{8}\u{B}\u{E}-\u{1F}\u{7F}\u{FEFF}\u{FFFD}]{1,200}") {
                let d = decode(s.as_bytes());
                prop_assert_eq!(d.map(|d| d.text), Ok(s.clone()));
            }
        }
    }
}
