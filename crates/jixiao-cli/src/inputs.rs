//! Turning command-line paths into inputs: files, directories (recursively), `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read.
pub enum Input {
    File(PathBuf),
    Stdin,
    /// A path that cannot be read, with the reason (reported, and the batch goes on).
    Missing(String, String),
}

impl Input {
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Missing(p, _) => p.clone(),
        }
    }

    /// The bytes, or a Chinese error message naming the path.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::File(p) => {
                std::fs::read(p).map_err(|e| io_message(&p.display().to_string(), &e))
            }
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("无法读取标准输入：{e}"))?;
                Ok(buf)
            }
            Input::Missing(_, why) => Err(why.clone()),
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

/// File extensions read when a directory is given.
const READABLE: &[&str] = &["txt", "tsv", "csv", "text", "htm", "html"];

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
            Ok(_) => out.push(Input::File(path.to_path_buf())),
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
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| READABLE.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Input::File(p));
        }
    }
}
