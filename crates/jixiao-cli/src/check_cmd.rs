//! `jixiao check`.

use crate::Format;
use crate::inputs;
use crate::text;
use crate::triage;
use clap::Args;
use jixiao_core::check::Severity;
use jixiao_core::model::{Form, FormStatus};
use jixiao_core::output::json::{Summary, form_json};
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::profile;
use jixiao_core::read::ReadOptions;
use serde_json::json;

#[derive(Args)]
pub struct CheckArgs {
    /// 文件、目录（递归读取 .txt/.tsv/.csv/.html）或 - 表示标准输入
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// 指定评分口径（见 jixiao profiles），不指定则自动识别
    #[arg(long)]
    pub profile: Option<String>,
    /// 指定文本编码（如 gbk、utf-16le），不指定则自动识别
    #[arg(long)]
    pub encoding: Option<String>,
    /// 只运行这些规则（编号或前缀，逗号分隔，如 JX4,JX601）
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
    pub config: Option<std::path::PathBuf>,
    /// 接受清单（另外还会读取每个文件旁的 <文件名>.jixiao-accept.toml 和目录中的 jixiao-accept.toml）
    #[arg(long)]
    pub accept: Vec<std::path::PathBuf>,
}

/// Exit code 2: some input could not be read at all.
pub const EXIT_UNREADABLE: u8 = 2;
/// Exit code 1: error-level findings.
pub const EXIT_ERRORS: u8 = 1;

pub fn run(args: &CheckArgs) -> u8 {
    if let Some(p) = &args.profile
        && profile::by_name(p).is_none()
    {
        let names: Vec<&str> = profile::all().iter().map(|p| p.name).collect();
        eprintln!(
            "错误：没有名为“{p}”的评分口径。可用的有：{}",
            names.join("、")
        );
        return EXIT_UNREADABLE;
    }
    let options = ReadOptions {
        profile: args.profile.clone(),
        encoding: args.encoding.clone(),
    };
    let inputs = inputs::expand(&args.paths);
    let check_options = match triage::load(args, &inputs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_UNREADABLE;
        }
    };
    let mut summary = Summary::default();
    let mut checked: Vec<CheckedForm> = Vec::new();
    let mut sources: Vec<Option<String>> = Vec::new();
    let mut source_of: Vec<usize> = Vec::new();
    let mut unreadable_files = 0usize;
    for input in &inputs {
        summary.files += 1;
        let label = input.label();
        let (forms, text) = match input.bytes() {
            Ok(bytes) => {
                let forms = pipeline::check_bytes_with(&label, &bytes, &options, &check_options);
                let text = (args.format == Format::Text)
                    .then(|| jixiao_core::decode::decode(&bytes).ok().map(|d| d.text))
                    .flatten();
                (forms, text)
            }
            Err(why) => (
                vec![pipeline::check_form_with(
                    Form::empty(&label, &why),
                    &check_options,
                )],
                None,
            ),
        };
        if forms
            .iter()
            .all(|c| matches!(c.form.status, FormStatus::Unreadable { .. }))
        {
            unreadable_files += 1;
            for c in &forms {
                if let FormStatus::Unreadable { why } = &c.form.status {
                    eprintln!("错误：{label}：{why}");
                }
            }
        }
        let text_idx = sources.len();
        sources.push(text);
        for c in forms {
            checked.push(c);
            source_of.push(text_idx);
        }
    }
    pipeline::check_batch_with(&mut checked, &check_options);
    for c in &checked {
        summary.add(c);
    }
    if args.format == Format::Text {
        let split: Vec<Option<Vec<&str>>> = sources
            .iter()
            .map(|s| s.as_deref().map(|t| t.split('\n').collect()))
            .collect();
        for (c, idx) in checked.iter().zip(source_of.iter()) {
            let src = split[*idx].as_deref();
            print!("{}", text::render_form(c, src));
        }
    }
    match args.format {
        Format::Json => {
            let doc = json!({
                "forms": checked.iter().map(form_json).collect::<Vec<_>>(),
                "summary": summary.to_json(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string())
            );
        }
        Format::Text => print!("{}", text::render_summary(&summary)),
    }
    let has_errors = checked.iter().any(|c| {
        c.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.accepted.is_none())
    });
    if unreadable_files > 0 {
        EXIT_UNREADABLE
    } else if has_errors {
        EXIT_ERRORS
    } else {
        0
    }
}
