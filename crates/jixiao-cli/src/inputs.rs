//! Turning command-line paths into inputs: files, directories (recursively, sorted), glob
//! patterns, `.zip` / `.tar.gz` / `.tgz` archives (every readable entry), and `-` for stdin.

use std::collections::{BTreeSet, VecDeque};
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
    Walk::new(paths).collect()
}

/// The inputs of the command-line paths, produced one at a time in the order of [`expand`]:
/// directories are listed one at a time, when the walk reaches them, so a tree of 10⁶ small
/// files never needs the list of all its paths (only the sorted names of the directory being
/// walked, packed into one buffer).
pub struct Walk {
    /// Command-line paths (and glob matches) not yet expanded, in order.
    args: VecDeque<String>,
    /// The directories being walked, outermost first.
    stack: Vec<Listing>,
}

impl Walk {
    pub fn new(paths: &[String]) -> Self {
        Walk {
            args: paths.iter().cloned().collect(),
            stack: Vec::new(),
        }
    }

    /// The directory the last input came from, with the accept files it lists, when the input
    /// was found by walking a directory.
    fn current_listing(&self) -> Option<&Listing> {
        self.stack.last()
    }

    /// Enter `dir`, or the `Missing` input that says why it cannot be listed.
    fn enter(&mut self, dir: &Path) -> Option<Input> {
        match Listing::read(dir) {
            Ok(l) => {
                self.stack.push(l);
                None
            }
            Err(e) => {
                let label = dir.display().to_string();
                Some(Input::Missing(label.clone(), io_message(&label, &e)))
            }
        }
    }

    /// One command-line path: an input, or nothing when it opened a directory or a glob.
    fn argument(&mut self, p: String) -> Option<Input> {
        if p == "-" {
            return Some(Input::Stdin);
        }
        let path = Path::new(&p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => self.enter(path),
            Ok(_) if is_archive(&p) => Some(Input::Archive(path.to_path_buf())),
            Ok(_) => Some(Input::File(path.to_path_buf())),
            Err(_) if p.contains(['*', '?', '[']) => match glob::glob(&p) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
                    found.sort();
                    if found.is_empty() {
                        return Some(Input::Missing(p.clone(), format!("没有文件匹配 {p}")));
                    }
                    for f in found.into_iter().rev() {
                        self.args.push_front(f.display().to_string());
                    }
                    None
                }
                Err(e) => Some(Input::Missing(p.clone(), format!("通配符 {p} 有误：{e}"))),
            },
            Err(e) => Some(Input::Missing(p.clone(), io_message(&p, &e))),
        }
    }
}

impl Iterator for Walk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                let Some((path, kind)) = top.next_entry() else {
                    self.stack.pop();
                    continue;
                };
                let is_dir = match kind {
                    Kind::Dir => true,
                    Kind::File => false,
                    Kind::Link => path.is_dir(),
                };
                if is_dir {
                    if let Some(missing) = self.enter(&path) {
                        return Some(missing);
                    }
                    continue;
                }
                let name = path.display().to_string();
                if is_archive(&name) {
                    return Some(Input::Archive(path));
                }
                if readable(&name) {
                    return Some(Input::File(path));
                }
                continue;
            }
            let p = self.args.pop_front()?;
            if let Some(input) = self.argument(p) {
                return Some(input);
            }
        }
    }
}

/// What a directory entry is, as far as its listing says (a symbolic link is followed only
/// when the walk reaches it).
#[derive(Clone, Copy)]
enum Kind {
    File,
    Dir,
    Link,
}

/// The entries of one directory that the walk may yield or enter, sorted by name. Names are
/// packed into one buffer (an entry costs its name's bytes and 9 bytes more), so a directory of
/// 10⁶ files is listed in ~25 MB instead of a `PathBuf` each.
struct Listing {
    dir: PathBuf,
    /// Every kept name's bytes (`OsStr::as_encoded_bytes`), one after the other.
    names: Vec<u8>,
    /// Where each name starts in `names`, with its kind; entry `i` ends where `i + 1` starts.
    starts: Vec<(u32, Kind)>,
    /// Entry indices in name order.
    order: Vec<u32>,
    /// Names that are not valid UTF-8 (rare), by entry index, to rebuild them exactly.
    odd: Vec<(u32, std::ffi::OsString)>,
    /// Names of the accept files in this directory (`jixiao-accept.toml`, `*.jixiao-accept.toml`).
    accept_names: Vec<String>,
    next: usize,
}

impl Listing {
    fn read(dir: &Path) -> std::io::Result<Listing> {
        let mut l = Listing {
            dir: dir.to_path_buf(),
            names: Vec::new(),
            starts: Vec::new(),
            order: Vec::new(),
            odd: Vec::new(),
            accept_names: Vec::new(),
            next: 0,
        };
        for entry in std::fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name();
            let kind = match entry.file_type() {
                Ok(t) if t.is_dir() => Kind::Dir,
                Ok(t) if t.is_symlink() => Kind::Link,
                Ok(_) => Kind::File,
                Err(_) => Kind::Link,
            };
            let lossy = name.to_string_lossy();
            if lossy.ends_with(ACCEPT_SUFFIX) || lossy == BATCH_ACCEPT_FILE {
                l.accept_names.push(lossy.to_string());
            }
            if matches!(kind, Kind::File) && !is_archive(&lossy) && !readable(&lossy) {
                continue; // never an input: not kept
            }
            let (Ok(start), Ok(index)) =
                (u32::try_from(l.names.len()), u32::try_from(l.starts.len()))
            else {
                break; // more than 4 GB of names in one directory
            };
            if name.to_str().is_none() {
                l.odd.push((index, name.clone()));
            }
            l.names.extend_from_slice(name.as_encoded_bytes());
            l.starts.push((start, kind));
            l.order.push(index);
        }
        let Listing {
            names,
            starts,
            order,
            ..
        } = &mut l;
        order.sort_unstable_by(|&a, &b| name_at(names, starts, a).cmp(name_at(names, starts, b)));
        Ok(l)
    }

    /// The next entry in name order: its path and kind.
    fn next_entry(&mut self) -> Option<(PathBuf, Kind)> {
        let &index = self.order.get(self.next)?;
        self.next += 1;
        let kind = self.starts.get(index as usize).map_or(Kind::Link, |s| s.1);
        let path = match self.odd.iter().find(|(i, _)| *i == index) {
            Some((_, name)) => self.dir.join(name),
            None => {
                let bytes = name_at(&self.names, &self.starts, index);
                self.dir
                    .join(std::str::from_utf8(bytes).unwrap_or_default())
            }
        };
        Some((path, kind))
    }
}

/// The bytes of entry `i`'s name.
fn name_at<'a>(names: &'a [u8], starts: &[(u32, Kind)], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = starts.get(i).map_or(names.len(), |s| s.0 as usize);
    let end = starts.get(i + 1).map_or(names.len(), |s| s.0 as usize);
    names.get(start..end).unwrap_or_default()
}

/// The suffix of an accept file kept beside a form file (`<file>.jixiao-accept.toml`).
pub const ACCEPT_SUFFIX: &str = ".jixiao-accept.toml";
/// A batch-level accept file kept in a directory.
pub const BATCH_ACCEPT_FILE: &str = "jixiao-accept.toml";

/// What a walk over the command-line paths finds before anything is read: how many inputs, and
/// the accept files that belong to them (beside an input, or in a directory holding one). A
/// directory's accept files are taken from its listing, so no path is looked up per input; an
/// input named on the command line (or by a glob) has its two candidates looked up.
pub struct Survey {
    pub inputs: usize,
    pub accept_files: BTreeSet<PathBuf>,
}

pub fn survey(paths: &[String]) -> Survey {
    let mut walk = Walk::new(paths);
    let mut out = Survey {
        inputs: 0,
        accept_files: BTreeSet::new(),
    };
    while let Some(input) = walk.next() {
        out.inputs += 1;
        let (Input::File(p) | Input::Archive(p)) = &input else {
            continue;
        };
        let listed = walk
            .current_listing()
            .filter(|l| p.parent() == Some(l.dir.as_path()));
        match listed {
            Some(l) => {
                let mut side = p.file_name().unwrap_or_default().to_os_string();
                side.push(ACCEPT_SUFFIX);
                let side = side.to_string_lossy();
                if l.accept_names.iter().any(|n| *n == side) {
                    out.accept_files.insert(l.dir.join(side.as_ref()));
                }
                if l.accept_names.iter().any(|n| n == BATCH_ACCEPT_FILE) {
                    out.accept_files.insert(l.dir.join(BATCH_ACCEPT_FILE));
                }
            }
            None => out.accept_files.extend(accept_candidates(p)),
        }
    }
    out
}

/// The accept files that may belong to the input at `p`: `<p>.jixiao-accept.toml` and
/// `jixiao-accept.toml` in its directory (whether they exist is for the caller to see).
pub fn accept_candidates(p: &Path) -> Vec<PathBuf> {
    let mut side = p.to_path_buf().into_os_string();
    side.push(ACCEPT_SUFFIX);
    let mut out = vec![PathBuf::from(side)];
    if let Some(dir) = p.parent() {
        out.push(dir.join(BATCH_ACCEPT_FILE));
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk as it was before it was lazy: every path collected, sorted, recursively.
    fn eager(dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for p in entries {
            let name = p.display().to_string();
            if p.is_dir() {
                eager(&p, out);
            } else if is_archive(&name) || readable(&name) {
                out.push(name);
            }
        }
    }

    fn label(i: &Input) -> String {
        match i {
            Input::File(p) => format!("F {}", p.display()),
            Input::Archive(p) => format!("A {}", p.display()),
            Input::Stdin => "-".to_string(),
            Input::Missing(p, _) => format!("M {p}"),
        }
    }

    #[test]
    fn lazy_walk_yields_the_sorted_recursive_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for d in ["b", "a", "a/z", "a/y", "a.d", "c-1", "c"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in [
            "b/2.txt",
            "b/10.TXT",
            "a/z/x.tsv",
            "a/y/1.csv",
            "a/1.txt",
            "a/readme.md",
            "a.d/q.tar.gz",
            "a.d/r.zip",
            "c-1/k.xlsx",
            "c/k.pdf",
            "top.txt",
            "top.txt.jixiao-accept.toml",
            "jixiao-accept.toml",
            "a/jixiao-accept.toml",
            "a/1.txt.jixiao-accept.toml",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a/y"), root.join("b/link")).unwrap();

        let mut want = Vec::new();
        eager(root, &mut want);
        let got: Vec<String> = Walk::new(&[root.display().to_string()])
            .map(|i| match i {
                Input::File(p) | Input::Archive(p) => p.display().to_string(),
                other => label(&other),
            })
            .collect();
        assert_eq!(got, want);
        assert!(got.len() >= 10, "{got:?}");
        #[cfg(unix)]
        assert!(got.iter().any(|p| p.ends_with("b/link/1.csv")), "{got:?}");

        // The accept files found are those the old per-input lookup found.
        let s = survey(&[root.display().to_string()]);
        assert_eq!(s.inputs, want.len());
        let mut old = BTreeSet::new();
        for p in &want {
            old.extend(
                accept_candidates(Path::new(p))
                    .into_iter()
                    .filter(|f| f.is_file()),
            );
        }
        let found: BTreeSet<PathBuf> = s.accept_files.into_iter().filter(|f| f.is_file()).collect();
        assert_eq!(found, old);
        // top.txt's and a/1.txt's own, and the batch files of the top directory and of a/
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn arguments_keep_their_order_with_globs_files_and_missing_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("d")).unwrap();
        for f in ["d/b.txt", "d/a.txt", "g2.txt", "g1.txt"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let r = root.display().to_string();
        let args = [
            format!("{r}/g*.txt"),
            "-".to_string(),
            format!("{r}/d"),
            format!("{r}/nope.txt"),
            format!("{r}/g2.txt"),
            format!("{r}/none*.txt"),
        ];
        let got: Vec<String> = Walk::new(&args).map(|i| label(&i)).collect();
        assert_eq!(
            got,
            vec![
                format!("F {r}/g1.txt"),
                format!("F {r}/g2.txt"),
                "-".to_string(),
                format!("F {r}/d/a.txt"),
                format!("F {r}/d/b.txt"),
                format!("M {r}/nope.txt"),
                format!("F {r}/g2.txt"),
                format!("M {r}/none*.txt"),
            ]
        );
        let s = survey(&args);
        assert_eq!(s.inputs, 8);
    }
}
