//! Finding CJK fonts for the PDF: Noto Sans/Serif CJK (Debian `fonts-noto-cjk`), else
//! WenQuanYi Micro Hei (`fonts-wqy-microhei`). Fonts are read as bytes; nothing is downloaded.

use crate::ReportError;
use std::path::{Path, PathBuf};

/// The system font directory searched when no directory is given.
pub const SYSTEM_FONT_DIR: &str = "/usr/share/fonts";

/// Candidate font files, relative to a font directory, in order of preference. Each entry is
/// (path under the system font dir, file name). Noto Sans is the body face; Serif and WenQuanYi
/// are fallbacks.
const CANDIDATES: &[(&str, &str)] = &[
    ("opentype/noto", "NotoSansCJK-Regular.ttc"),
    ("opentype/noto", "NotoSansCJK-Bold.ttc"),
    ("opentype/noto", "NotoSerifCJK-Regular.ttc"),
    ("truetype/wqy", "wqy-microhei.ttc"),
];

/// Font families the template asks for, in order (typst falls back along the list).
pub const FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
];

/// The CJK font files found in `dir` (or the system font directory). Looks at `dir/<sub>/<file>`
/// and `dir/<file>`. Noto Serif is only used when Noto Sans is missing.
pub fn find(dir: Option<&Path>) -> Result<Vec<PathBuf>, ReportError> {
    let root = dir.map_or_else(|| PathBuf::from(SYSTEM_FONT_DIR), Path::to_path_buf);
    let mut found: Vec<PathBuf> = Vec::new();
    let mut looked: Vec<String> = Vec::new();
    for (sub, file) in CANDIDATES {
        for p in [root.join(sub).join(file), root.join(file)] {
            looked.push(p.display().to_string());
            if p.is_file() {
                found.push(p);
                break;
            }
        }
    }
    let has_sans = found.iter().any(|p| {
        p.file_name()
            .is_some_and(|n| n == "NotoSansCJK-Regular.ttc")
    });
    if has_sans {
        found.retain(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("NotoSans"))
        });
    }
    if found.is_empty() {
        return Err(ReportError::NoFont {
            looked: root.display().to_string(),
        });
    }
    Ok(found)
}

/// Read the font files as bytes.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Vec<u8>>, ReportError> {
    paths
        .iter()
        .map(|p| {
            std::fs::read(p).map_err(|e| ReportError::FontRead {
                path: p.display().to_string(),
                why: e.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_dir_gives_the_install_hint() {
        let dir = std::env::temp_dir().join(format!("jixiao-nofont-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = find(Some(&dir)).unwrap_err().to_string();
        assert!(err.contains("apt-get install fonts-noto-cjk"), "{err}");
        assert!(err.contains("未找到中文字体"), "{err}");
        let _ = std::fs::remove_dir(&dir);
    }
}
