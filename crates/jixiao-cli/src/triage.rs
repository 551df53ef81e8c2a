//! Loading `jixiao.toml`, command-line rule flags and accept files into `CheckOptions`.

use crate::check_cmd::CheckArgs;
use crate::inputs::Input;
use jixiao_core::check::config::{AcceptList, RuleConfig};
use jixiao_core::pipeline::CheckOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The default configuration file looked for in the current directory.
pub const CONFIG_FILE: &str = "jixiao.toml";
/// A batch-level accept file looked for beside the inputs.
pub const BATCH_ACCEPT_FILE: &str = "jixiao-accept.toml";

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("无法读取 {}：{e}", path.display()))
}

pub fn load(args: &CheckArgs, inputs: &[Input]) -> Result<CheckOptions, String> {
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
    for input in inputs {
        if let Input::File(p) | Input::Archive(p) = input {
            let mut side = p.clone().into_os_string();
            side.push(".jixiao-accept.toml");
            files.insert(PathBuf::from(side));
            if let Some(dir) = p.parent() {
                files.insert(dir.join(BATCH_ACCEPT_FILE));
            }
        }
    }
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
