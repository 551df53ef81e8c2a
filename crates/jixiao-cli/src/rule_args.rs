//! The reading and rule flags that `export` and `report` share with `check`.

use crate::check_cmd::{CheckArgs, CheckFormat, StageArg};
use clap::Args;
use std::path::PathBuf;

/// `--profile`, `--encoding`, `--select/--ignore/--severity`, `--config`, `--accept`.
#[derive(Args, Clone, Debug, Default)]
pub struct RuleArgs {
    /// 指定评分口径（见 jixiao profiles），不指定则自动识别
    #[arg(long)]
    pub profile: Option<String>,
    /// 指定文本编码（如 gbk、utf-16le），不指定则自动识别
    #[arg(long)]
    pub encoding: Option<String>,
    /// 只运行这些规则（编号或前缀，逗号分隔）
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// 不运行这些规则（编号或前缀，逗号分隔）
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// 调整规则级别，如 --severity JX302=info（可重复）
    #[arg(long, value_name = "CODE=LEVEL")]
    pub severity: Vec<String>,
    /// 配置文件（默认读取当前目录的 jixiao.toml，如存在）
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// 接受清单（同 jixiao check）
    #[arg(long)]
    pub accept: Vec<PathBuf>,
}

impl RuleArgs {
    /// The `check` options these flags amount to (for the configuration and accept files).
    pub fn check_args(&self, paths: &[String], jobs: Option<usize>, no_batch: bool) -> CheckArgs {
        CheckArgs {
            paths: paths.to_vec(),
            format: CheckFormat::Json,
            profile: self.profile.clone(),
            encoding: self.encoding.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
            config: self.config.clone(),
            accept: self.accept.clone(),
            jobs,
            no_batch,
            stage: StageArg::Check,
        }
    }
}
