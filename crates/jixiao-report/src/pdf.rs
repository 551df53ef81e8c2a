//! The PDF report: a minimal typst `World` (one template, one JSON data file, fonts as bytes;
//! no packages, no network) compiled with typst and written with typst-pdf.

use crate::ReportError;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The report template (typst markup); it reads its data with `json("/data.json")`.
const TEMPLATE: &str = include_str!("report.typ");

struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid constant path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(d: &[SourceDiagnostic]) -> String {
    d.iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("；")
}

/// Lay out `data` (the report JSON) with the template and write a PDF, using `font_data`
/// (font files as bytes; every face of a collection is offered to typst).
pub fn render(data: Vec<u8>, font_data: Vec<Vec<u8>>) -> Result<Vec<u8>, ReportError> {
    let fonts: Vec<Font> = font_data
        .into_iter()
        .flat_map(|b| Font::iter(Bytes::new(b)))
        .collect();
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(file_id("/report.typ"), TEMPLATE.to_string()),
        data_id: file_id("/data.json"),
        data: Bytes::new(data),
    };
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| ReportError::Layout(diagnostics(e.as_slice())))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
        .map_err(|e| ReportError::Layout(diagnostics(e.as_slice())))
}
