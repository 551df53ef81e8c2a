//! Acceptance 3: files that cannot be read give one unreadable form with a Chinese reason that
//! names the file and says what to do; nothing panics.

mod common;

use common::*;
use jixiao_core::model::{Form, FormStatus};
use jixiao_io::{Format, ReadOptions, detect_format, read_forms};

fn why(forms: &[Form]) -> &str {
    assert_eq!(forms.len(), 1, "{forms:#?}");
    match &forms[0].status {
        FormStatus::Unreadable { why } => why,
        s => panic!("expected unreadable, got {s:?}"),
    }
}

#[test]
fn truncated_xlsx() {
    let bytes = official_xlsx();
    for cut in [bytes.len() / 2, 100, 4] {
        let forms = read_forms("损坏.xlsx", &bytes[..cut], &ReadOptions::default());
        let why = why(&forms);
        assert!(has_chinese(why) && why.contains("损坏.xlsx"), "{why}");
        assert!(why.contains("另存为") || why.contains("重新下载"), "{why}");
        assert_eq!(forms[0].source.path, "损坏.xlsx");
        assert!(!forms[0].profile.is_empty());
    }
    // Broken inside: a valid zip whose workbook part is garbage.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("xl/workbook.xml", opts).expect("zip");
    std::io::Write::write_all(&mut zip, b"<workbook><sheets><sheet name=").expect("zip");
    let bytes = zip.finish().expect("zip").into_inner();
    assert_eq!(detect_format("坏.xlsx", &bytes), Format::Xlsx);
    let _ = why(&read_forms("坏.xlsx", &bytes, &ReadOptions::default()));
}

/// A minimal valid PDF with one page that draws a line and no text, xref offsets computed.
fn pdf_without_text() -> Vec<u8> {
    let content = "0 0 m 200 200 l S\n";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn pdf_without_a_text_layer() {
    let pdf = pdf_without_text();
    assert_eq!(detect_format("扫描件.pdf", &pdf), Format::Pdf);
    let forms = read_forms("扫描件.pdf", &pdf, &ReadOptions::default());
    assert_eq!(
        why(&forms),
        "PDF 没有文字层（可能是扫描件），请提供原始 Excel 或可复制文字的 PDF"
    );
}

#[test]
fn broken_pdfs() {
    let pdf = pdf_without_text();
    for bytes in [
        &pdf[..pdf.len() / 2],
        b"%PDF-1.7\n%garbage".as_slice(),
        b"%PDF-".as_slice(),
    ] {
        let forms = read_forms("坏.pdf", bytes, &ReadOptions::default());
        let why = why(&forms);
        assert!(has_chinese(why), "{why}");
    }
}

#[test]
fn empty_docx() {
    // A zero-byte file.
    let w = why_owned(read_forms("空.docx", b"", &ReadOptions::default()));
    assert!(w.contains("空.docx") && w.contains("空的"), "{w}");
    // A valid docx with an empty body.
    let bytes = docx(&document_xml(""));
    let w = why_owned(read_forms("空白.docx", &bytes, &ReadOptions::default()));
    assert!(w.contains("空白.docx") && w.contains("空的"), "{w}");
    // A table whose cells are all empty.
    let bytes = docx(&document_xml(
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    ));
    let w = why_owned(read_forms("空表.docx", &bytes, &ReadOptions::default()));
    assert!(w.contains("空表.docx"), "{w}");
    // Truncated and malformed.
    let good = docx(&official_document_xml());
    let w = why_owned(read_forms(
        "截断.docx",
        &good[..good.len() / 2],
        &ReadOptions::default(),
    ));
    assert!(w.contains("截断.docx") && has_chinese(&w), "{w}");
    let bytes = docx("<w:document><w:body><w:tbl><w:tr></w:body>");
    let w = why_owned(read_forms("坏.docx", &bytes, &ReadOptions::default()));
    assert!(w.contains("坏.docx") && has_chinese(&w), "{w}");
}

fn why_owned(forms: Vec<Form>) -> String {
    why(&forms).to_string()
}

#[test]
fn other_containers_and_garbage() {
    // Legacy .doc (OLE container mentioning WordDocument).
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(vec![0u8; 600]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let w = why_owned(read_forms("旧.doc", &doc, &ReadOptions::default()));
    assert!(w.contains(".docx"), "{w}");
    // An OLE file that is no workbook, named .xls.
    let ole = [b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), &[7u8; 300]].concat();
    let w = why_owned(read_forms("坏.xls", &ole, &ReadOptions::default()));
    assert!(w.contains("坏.xls"), "{w}");
    // Binary junk with an .xlsx name.
    let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 251) as u8).collect();
    let w = why_owned(read_forms("junk.xlsx", &junk, &ReadOptions::default()));
    assert!(w.contains("junk.xlsx"), "{w}");
    // A zip of something else.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
        .expect("zip");
    let bytes = zip.finish().expect("zip").into_inner();
    assert_eq!(detect_format("a.zip", &bytes), Format::Zip);
    let w = why_owned(read_forms("a.zip", &bytes, &ReadOptions::default()));
    assert!(w.contains("解压"), "{w}");
}

#[test]
fn nothing_panics_on_mangled_inputs() {
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("a.xlsx", official_xlsx()),
        ("a.docx", docx(&official_document_xml())),
        ("a.html", official_html().into_bytes()),
        ("a.pdf", pdf_without_text()),
    ];
    for (name, bytes) in inputs {
        // Flip bytes through the file and cut it at many places.
        for step in [1usize, 7, 61, 509] {
            let mut m = bytes.clone();
            for i in (0..m.len()).step_by(step.max(1) * 97) {
                m[i] = m[i].wrapping_add(1 + step as u8);
            }
            assert!(!read_forms(name, &m, &ReadOptions::default()).is_empty());
        }
        for cut in (0..bytes.len()).step_by(bytes.len() / 23 + 1) {
            assert!(!read_forms(name, &bytes[..cut], &ReadOptions::default()).is_empty());
        }
    }
}
