//! `jixiao check`.

use crate::Format;
use crate::inputs;
use crate::text;
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
    let mut summary = Summary::default();
    let mut checked: Vec<CheckedForm> = Vec::new();
    let mut unreadable_files = 0usize;
    for input in &inputs {
        summary.files += 1;
        let label = input.label();
        let forms = match input.bytes() {
            Ok(bytes) => pipeline::check_bytes(&label, &bytes, &options),
            Err(why) => vec![pipeline::check_form(Form::empty(&label, &why))],
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
        for c in forms {
            summary.add(&c);
            if args.format == Format::Text {
                print!("{}", text::render_form(&c));
            }
            checked.push(c);
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
