//! Writing a corpus to disk: `forms-00000.txt`… (many forms per file), `truth.jsonl` and
//! `manifest.json`. Streams: one form in memory at a time.

use crate::{DefectKind, GenOptions, GeneratedForm, Generator, Rendering, validate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

/// What [`write_corpus`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub forms: usize,
    pub files: usize,
    /// Forms with at least one injected defect.
    pub defective_forms: usize,
    /// Lines of `truth.jsonl` (one per rule code a defect must raise).
    pub truth_entries: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_code: BTreeMap<String, usize>,
    /// Bytes of the form files and `truth.jsonl` together.
    pub bytes: u64,
    /// FNV-1a 64 of the form files then `truth.jsonl`, as `fnv1a64:<16 hex digits>`.
    pub checksum: String,
}

/// FNV-1a, 64 bit: a simple, dependency-free checksum (not a cryptographic hash).
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn hex(self) -> String {
        format!("fnv1a64:{:016x}", self.0)
    }
}

// Structs, not `json!`: their field order is fixed whatever features serde_json is built with
// (`preserve_order` would reorder a `json!` map), so the bytes never depend on the build.

/// One line of `truth.jsonl`.
#[derive(Serialize)]
struct TruthLine<'a> {
    file: &'a str,
    form_index: usize,
    /// Absolute 1-based line in `file`.
    line: u64,
    column: u32,
    code: &'a str,
    kind: &'a str,
}

#[derive(Serialize)]
struct ManifestOptions<'a> {
    forms: usize,
    seed: u64,
    defect_rate: f64,
    renderings: &'a [Rendering],
    profile: &'a str,
    kinds: &'a [DefectKind],
    forms_per_file: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    format: u32,
    options: ManifestOptions<'a>,
    files: Vec<FileEntry>,
    truth: &'static str,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct FileEntry {
    name: String,
    forms: usize,
    lines: u64,
    bytes: u64,
    checksum: String,
}

struct OpenFile {
    name: String,
    out: BufWriter<File>,
    forms: usize,
    lines: u64,
    bytes: u64,
    hash: Fnv,
}

impl OpenFile {
    fn finish(mut self) -> io::Result<FileEntry> {
        self.out.flush()?;
        Ok(FileEntry {
            name: self.name,
            forms: self.forms,
            lines: self.lines,
            bytes: self.bytes,
            checksum: self.hash.hex(),
        })
    }
}

/// Writes forms and truth as they come, one form at a time.
struct CorpusWriter<'a> {
    out_dir: &'a Path,
    per_file: usize,
    current: Option<OpenFile>,
    files: Vec<FileEntry>,
    truth_out: BufWriter<File>,
    all: Fnv,
    summary: Summary,
}

impl CorpusWriter<'_> {
    /// Append one form to the current forms file (opening the next file when one is full) and
    /// its truth entries to `truth.jsonl`.
    fn add(&mut self, form: &GeneratedForm) -> io::Result<()> {
        if form.index.is_multiple_of(self.per_file) || self.current.is_none() {
            if let Some(f) = self.current.take() {
                self.files.push(f.finish()?);
            }
            let name = format!("forms-{:05}.txt", form.index / self.per_file);
            self.current = Some(OpenFile {
                out: BufWriter::new(File::create(self.out_dir.join(&name))?),
                name,
                forms: 0,
                lines: 0,
                bytes: 0,
                hash: Fnv::new(),
            });
        }
        let Some(file) = self.current.as_mut() else {
            return Ok(());
        };
        let bytes = form.text.as_bytes();
        file.out.write_all(bytes)?;
        file.hash.update(bytes);
        self.all.update(bytes);
        let summary = &mut self.summary;
        if !form.truth.is_empty() {
            summary.defective_forms += 1;
            let kinds: BTreeSet<&str> = form.truth.iter().map(|t| t.kind).collect();
            for k in kinds {
                *summary.by_kind.entry(k.to_string()).or_default() += 1;
            }
        }
        for t in &form.truth {
            let line = serde_json::to_string(&TruthLine {
                file: &file.name,
                form_index: t.form,
                line: file.lines + u64::from(t.line_in_form),
                column: t.column,
                code: t.code,
                kind: t.kind,
            })
            .map_err(io::Error::other)?;
            writeln!(self.truth_out, "{line}")?;
            summary.truth_entries += 1;
            *summary.by_code.entry(t.code.to_string()).or_default() += 1;
        }
        file.forms += 1;
        file.lines += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        file.bytes += bytes.len() as u64;
        summary.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Write the corpus `opts` describes into `out_dir` (created if needed), `forms_per_file` forms
/// per `forms-NNNNN.txt`. The same options give byte-identical output.
pub fn write_corpus(
    opts: &GenOptions,
    out_dir: &Path,
    forms_per_file: usize,
) -> io::Result<Summary> {
    validate(opts).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let per_file = forms_per_file.max(1);
    fs::create_dir_all(out_dir)?;
    let mut w = CorpusWriter {
        out_dir,
        per_file,
        current: None,
        files: Vec::new(),
        truth_out: BufWriter::new(File::create(out_dir.join("truth.jsonl"))?),
        all: Fnv::new(),
        summary: Summary {
            forms: opts.forms,
            files: 0,
            defective_forms: 0,
            truth_entries: 0,
            by_kind: BTreeMap::new(),
            by_code: BTreeMap::new(),
            bytes: 0,
            checksum: String::new(),
        },
    };
    let mut failure: Option<io::Error> = None;
    Generator::new(opts).for_each(0..opts.forms, &mut |form| {
        if failure.is_none()
            && let Err(e) = w.add(&form)
        {
            failure = Some(e);
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(f) = w.current.take() {
        w.files.push(f.finish()?);
    }
    w.truth_out.flush()?;
    let CorpusWriter {
        files,
        mut all,
        mut summary,
        truth_out,
        ..
    } = w;
    drop(truth_out);

    // The truth file joins the checksum after the forms, read back in one stream.
    let mut reader = BufReader::new(File::open(out_dir.join("truth.jsonl"))?);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        all.update(&buf[..n]);
        summary.bytes += n as u64;
    }
    summary.files = files.len();
    summary.checksum = all.hex();

    let manifest = Manifest {
        generator: "jixiao-gen",
        format: 1,
        options: ManifestOptions {
            forms: opts.forms,
            seed: opts.seed,
            defect_rate: opts.defect_rate,
            renderings: &opts.renderings,
            profile: &opts.profile,
            kinds: &opts.kinds,
            forms_per_file: per_file,
        },
        files,
        truth: "truth.jsonl",
        summary: &summary,
    };
    let mut text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    text.push('\n');
    fs::write(out_dir.join("manifest.json"), text)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference() {
        let mut h = Fnv::new();
        h.update(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }
}
