//! `jixiao report`: check inputs like `jixiao check` (batch rules included) and write an HTML or
//! PDF report.
//!
//! Exit codes: 0 report written, no error-level findings; 1 report written, error-level findings;
//! 2 report not written (usage error, no CJK font, cannot write), or some input unreadable (the
//! report is still written with the rest).

use crate::Format;
use crate::check_cmd::{CheckArgs, EXIT_ERRORS, EXIT_UNREADABLE};
use crate::inputs::{self, Input};
use crate::triage;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::check::Severity;
use jixiao_core::model::{Form, FormStatus};
use jixiao_core::output::json::Summary;
use jixiao_core::pipeline::{self, CheckOptions, CheckedForm};
use jixiao_core::profile;
use jixiao_core::read::ReadOptions;
use jixiao_report::{ReportOptions, batch};
use rayon::prelude::*;
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// What kind of report to write.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// 单个自包含的 HTML 文件（内嵌 ECharts，可离线打开）
    Html,
    /// PDF（typst 排版，需要中文字体 fonts-noto-cjk）
    Pdf,
}

#[derive(Args)]
pub struct ReportArgs {
    /// 文件、目录（递归）、通配符、.zip / .tar.gz 压缩包，或 - 表示标准输入（同 jixiao check）
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// 报告类型（不指定则按 -o 的扩展名判断）
    #[arg(long, value_enum)]
    pub to: Option<ReportKind>,
    /// 输出文件
    #[arg(short, long)]
    pub output: PathBuf,
    /// 逐表完整列出的自评表数上限；超过时只列出最需要复核的表（批量部分总是包含全部表）
    #[arg(long, default_value_t = jixiao_report::DEFAULT_FORMS_LIMIT)]
    pub forms_limit: usize,
    /// 中文字体目录（默认 /usr/share/fonts；也可用环境变量 JIXIAO_FONT_DIR）
    #[arg(long)]
    pub font_dir: Option<PathBuf>,
    /// 输出格式：text 一行中文说明，json 写出内容的摘要
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub rules: crate::rule_args::RuleArgs,
    /// 并行线程数（默认：全部 CPU 核）
    #[arg(long)]
    pub jobs: Option<usize>,
}

impl ReportArgs {
    /// The same rule settings as `jixiao check` with these flags.
    fn as_check_args(&self) -> CheckArgs {
        self.rules.check_args(&self.paths, self.jobs, false)
    }

    fn kind(&self) -> Option<ReportKind> {
        self.to.or_else(|| {
            let ext = self.output.extension()?.to_str()?.to_ascii_lowercase();
            match ext.as_str() {
                "html" | "htm" => Some(ReportKind::Html),
                "pdf" => Some(ReportKind::Pdf),
                _ => None,
            }
        })
    }
}

fn check_input(input: &Input, read: &ReadOptions, check: &CheckOptions) -> Vec<CheckedForm> {
    input
        .contents()
        .into_iter()
        .flat_map(|(label, bytes)| match bytes {
            Ok(bytes) => jixiao_io::read_forms(&label, &bytes, read)
                .into_iter()
                .map(|f| pipeline::check_form_with(f, check))
                .collect(),
            Err(why) => vec![pipeline::check_form_with(Form::empty(&label, &why), check)],
        })
        .collect()
}

fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} 已检查 {pos}/{len} 个文件 {wide_bar} 剩余 {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub fn run(args: &ReportArgs) -> u8 {
    let Some(kind) = args.kind() else {
        eprintln!(
            "错误：请用 --to html 或 --to pdf 指定报告类型（或让 -o 的文件名以 .html / .pdf 结尾）。"
        );
        return EXIT_UNREADABLE;
    };
    if let Some(p) = &args.rules.profile
        && profile::by_name(p).is_none()
    {
        eprintln!("错误：没有名为“{p}”的评分口径。请用 jixiao profiles 查看可用的口径。");
        return EXIT_UNREADABLE;
    }
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let started = Instant::now();
    let read = ReadOptions {
        profile: args.rules.profile.clone(),
        encoding: args.rules.encoding.clone(),
    };
    let inputs = inputs::expand(&args.paths);
    let check = match triage::load(&args.as_check_args(), &inputs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_UNREADABLE;
        }
    };
    let bar = progress(inputs.len());
    let per_input: Vec<Vec<CheckedForm>> = inputs
        .par_iter()
        .map(|i| {
            let r = check_input(i, &read, &check);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut forms: Vec<CheckedForm> = per_input.into_iter().flatten().collect();
    let unreadable = forms
        .iter()
        .filter(|c| matches!(c.form.status, FormStatus::Unreadable { .. }))
        .inspect(|c| {
            if let FormStatus::Unreadable { why } = &c.form.status {
                eprintln!("错误：{}：{why}", c.form.source.path);
            }
        })
        .count();
    pipeline::check_batch_with(&mut forms, &check);
    let checked = started.elapsed().as_secs_f64();

    let font_dir = args
        .font_dir
        .clone()
        .or_else(|| std::env::var_os("JIXIAO_FONT_DIR").map(PathBuf::from));
    let options = ReportOptions {
        forms_limit: args.forms_limit,
        font_dir,
    };
    let bytes = match kind {
        ReportKind::Html => jixiao_report::html_report(&forms, &options).into_bytes(),
        ReportKind::Pdf => match jixiao_report::pdf_report(&forms, &options) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("错误：{e}");
                return EXIT_UNREADABLE;
            }
        },
    };
    if let Err(e) = std::fs::write(&args.output, &bytes) {
        eprintln!("错误：无法写入 {}：{e}", args.output.display());
        return EXIT_UNREADABLE;
    }
    let total = started.elapsed().as_secs_f64();
    let mut summary = Summary::default();
    for c in &forms {
        summary.add(c);
    }
    let in_full = batch::forms_in_full(&forms, &batch::review_ranking(&forms), args.forms_limit);
    let to = match kind {
        ReportKind::Html => "html",
        ReportKind::Pdf => "pdf",
    };
    match args.format {
        Format::Json => {
            let doc = json!({
                "output": args.output.display().to_string(),
                "to": to,
                "bytes": bytes.len(),
                "forms": forms.len(),
                "forms_in_full": in_full.len(),
                "forms_in_full_index": in_full,
                "seconds": {"check": round3(checked), "total": round3(total)},
                "summary": summary.to_json(),
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Text => println!(
            "已写出 {} 报告：{}（{} 张自评表，逐表列出 {} 张，{} 字节，用时 {:.2} 秒）",
            to.to_uppercase(),
            args.output.display(),
            forms.len(),
            in_full.len(),
            bytes.len(),
            total
        ),
    }
    let has_errors = forms.iter().any(|c| {
        c.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.accepted.is_none())
    });
    if unreadable > 0 {
        EXIT_UNREADABLE
    } else if has_errors {
        EXIT_ERRORS
    } else {
        0
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
