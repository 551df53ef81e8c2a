//! Loading `jixiao.toml`, command-line rule flags and accept files into `CheckOptions`.

use crate::check_cmd::CheckArgs;
use crate::inputs::Input;
use jixiao_core::check::config::{AcceptList, RuleConfig};
use jixiao_core::pipeline::CheckOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The default configuration file looked for in the current directory.
pub const CONFIG_FILE: &str = "jixiao.toml";

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("无法读取 {}：{e}", path.display()))
}

pub fn load(args: &CheckArgs, inputs: &[Input]) -> Result<CheckOptions, String> {
    let mut files = BTreeSet::new();
    for input in inputs {
        if let Input::File(p) | Input::Archive(p) = input {
            files.extend(crate::inputs::accept_candidates(p));
        }
    }
    load_with(args, files)
}

/// [`load`] with the accept files that may belong to the inputs already found (see
/// [`crate::inputs::survey`]); those that are not files are skipped.
pub fn load_with(args: &CheckArgs, candidates: BTreeSet<PathBuf>) -> Result<CheckOptions, String> {
    let mut rules = match &args.config {
        Some(p) => {
            RuleConfig::from_toml(&read(p)?, &p.display().to_string()).map_err(|e| e.to_string())?
        }
        None if Path::new(CONFIG_FILE).is_file() => {
            RuleConfig::from_toml(&read(Path::new(CONFIG_FILE))?, CONFIG_FILE)
                .map_err(|e| e.to_string())?
        }
        None => RuleConfig::default(),
    };
    let mut flags = RuleConfig {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..RuleConfig::default()
    };
    for s in &args.severity {
        let (code, level) = s
            .split_once('=')
            .ok_or_else(|| format!("--severity {s} 应写成 编号=级别，如 JX302=info"))?;
        flags
            .severity
            .insert(code.trim().to_string(), level.trim().to_string());
    }
    flags.validate("命令行参数").map_err(|e| e.to_string())?;
    rules = rules.merged_with(&flags);

    let mut accept = AcceptList::default();
    let mut files: BTreeSet<PathBuf> = args.accept.iter().cloned().collect();
    files.extend(candidates);
    for f in files {
        let explicit = args.accept.contains(&f);
        if !explicit && !f.is_file() {
            continue;
        }
        let list = AcceptList::from_toml(&read(&f)?, &f.display().to_string())
            .map_err(|e| e.to_string())?;
        accept.extend(list);
    }
    Ok(CheckOptions { rules, accept })
}
