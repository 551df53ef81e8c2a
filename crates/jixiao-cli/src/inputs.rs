//! Turning command-line paths into inputs: files, directories (recursively, sorted), glob
//! patterns, `.zip` / `.tar.gz` / `.tgz` archives (every readable entry), and `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read.
pub enum Input {
    File(PathBuf),
    Archive(PathBuf),
    Stdin,
    /// A path that cannot be read, with the reason (reported, and the batch goes on).
    Missing(String, String),
}

/// One document of an input: its label and its bytes, or a Chinese error naming it.
pub type Document = (String, Result<Vec<u8>, String>);

/// Largest archive entry read (bytes); larger entries are reported, not read.
const MAX_ENTRY: u64 = 2 << 30;

impl Input {
    /// The (label, bytes or Chinese error) of every document in this input: one for a file,
    /// one per readable entry for an archive.
    pub fn contents(&self) -> Vec<Document> {
        match self {
            Input::File(p) => vec![(
                p.display().to_string(),
                std::fs::read(p).map_err(|e| io_message(&p.display().to_string(), &e)),
            )],
            Input::Stdin => {
                let mut buf = Vec::new();
                let r = std::io::stdin()
                    .read_to_end(&mut buf)
                    .map(|_| buf)
                    .map_err(|e| format!("无法读取标准输入：{e}"));
                vec![("-".to_string(), r)]
            }
            Input::Missing(p, why) => vec![(p.clone(), Err(why.clone()))],
            Input::Archive(p) => archive_entries(p),
        }
    }
}

fn io_message(path: &str, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("文件不存在：{path}。请检查路径是否正确。"),
        std::io::ErrorKind::PermissionDenied => format!("没有读取权限：{path}"),
        _ => format!("无法读取 {path}：{e}"),
    }
}

/// File extensions read when a directory or an archive is given.
const READABLE: &[&str] = &[
    "txt", "tsv", "csv", "text", "htm", "html", "xlsx", "xlsm", "xls", "ods", "pdf", "docx",
];

fn readable(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| READABLE.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_archive(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".zip") || n.ends_with(".tar.gz") || n.ends_with(".tgz") || n.ends_with(".tar")
}

/// Expand the command-line paths, in the order given; directories are walked in sorted order.
pub fn expand(paths: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut out),
            Ok(_) if is_archive(p) => out.push(Input::Archive(path.to_path_buf())),
            Ok(_) => out.push(Input::File(path.to_path_buf())),
            Err(_) if p.contains(['*', '?', '[']) => match glob::glob(p) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
                    found.sort();
                    if found.is_empty() {
                        out.push(Input::Missing(p.clone(), format!("没有文件匹配 {p}")));
                    }
                    for f in found {
                        let s = f.display().to_string();
                        out.extend(expand(&[s]));
                    }
                }
                Err(e) => out.push(Input::Missing(p.clone(), format!("通配符 {p} 有误：{e}"))),
            },
            Err(e) => out.push(Input::Missing(p.clone(), io_message(p, &e))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            let label = dir.display().to_string();
            out.push(Input::Missing(label.clone(), io_message(&label, &e)));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let name = p.display().to_string();
        if p.is_dir() {
            walk(&p, out);
        } else if is_archive(&name) {
            out.push(Input::Archive(p));
        } else if readable(&name) {
            out.push(Input::File(p));
        }
    }
}

fn archive_entries(p: &Path) -> Vec<Document> {
    let label = p.display().to_string();
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) => return vec![(label.clone(), Err(io_message(&label, &e)))],
    };
    let lower = label.to_ascii_lowercase();
    let result = if lower.ends_with(".zip") {
        zip_entries(file, &label)
    } else if lower.ends_with(".tar") {
        tar_entries(file, &label)
    } else {
        tar_entries(flate2::read::GzDecoder::new(file), &label)
    };
    match result {
        Ok(v) if v.is_empty() => vec![(label, Err("压缩包中没有可读取的文件".to_string()))],
        Ok(v) => v,
        Err(why) => vec![(label.clone(), Err(format!("无法读取压缩包 {label}：{why}")))],
    }
}

fn zip_entries(file: std::fs::File, label: &str) -> Result<Vec<Document>, String> {
    let mut z = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let mut names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names.into_iter().filter(|n| readable(n)) {
        let entry_label = format!("{label}!{name}");
        let bytes = z
            .by_name(&name)
            .map_err(|e| e.to_string())
            .and_then(|mut e| {
                if e.size() > MAX_ENTRY {
                    return Err(format!("条目过大（{} 字节）", e.size()));
                }
                let mut buf = Vec::new();
                e.read_to_end(&mut buf)
                    .map(|_| buf)
                    .map_err(|e| e.to_string())
            });
        out.push((entry_label, bytes));
    }
    Ok(out)
}

fn tar_entries<R: Read>(reader: R, label: &str) -> Result<Vec<Document>, String> {
    let mut archive = tar::Archive::new(reader);
    let mut out = Vec::new();
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let name = entry
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if !entry.header().entry_type().is_file() || !readable(&name) {
            continue;
        }
        let entry_label = format!("{label}!{name}");
        let bytes = if entry.size() > MAX_ENTRY {
            Err(format!("条目过大（{} 字节）", entry.size()))
        } else {
            let mut buf = Vec::new();
            entry
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| e.to_string())
        };
        out.push((entry_label, bytes));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
