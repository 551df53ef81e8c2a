//! `jixiao export`: read and check inputs like `jixiao check`, then write the forms to xlsx (the
//! official layout), csv or Parquet tables, or the check JSON.
//!
//! Exit codes as for `check`: 0 written and no error-level finding; 1 written, with error-level
//! findings; 2 an input could not be read, the output could not be written, or a usage error.

use crate::check_cmd::{CheckArgs, EXIT_ERRORS, EXIT_UNREADABLE};
use crate::inputs;
use crate::triage;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::check::Severity;
use jixiao_core::model::{Form, FormStatus};
use jixiao_core::output::json::Summary;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::profile;
use jixiao_core::read::ReadOptions;
use jixiao_export::{Options, Target};
use rayon::prelude::*;
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Export format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ToArg {
    /// Excel：官方自评表版式，每张表一个工作表，批量时另有“汇总”工作表
    Xlsx,
    /// CSV：forms / funds / indicators（/ findings）四张表，UTF-8 带 BOM
    Csv,
    /// JSON：与 jixiao check --format json 相同
    Json,
    /// Parquet：与 CSV 相同的四张表，金额为精确小数 Decimal128
    Parquet,
}

/// What `export` prints when it is done.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// 可读的一行说明（默认）
    Text,
    /// JSON：写了哪些文件、多少张表、汇总
    Json,
}

#[derive(Args)]
pub struct ExportArgs {
    /// 导出格式
    #[arg(long, value_enum)]
    pub to: ToArg,
    /// 文件、目录（递归）、通配符、.zip / .tar.gz 压缩包，或 - 表示标准输入（与 check 相同）
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// 输出：xlsx / json 为文件，csv / parquet 为目录
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// 同时导出审核发现的问题（xlsx：“问题清单”工作表和单元格批注；csv / parquet：findings 表）
    #[arg(long)]
    pub findings: bool,
    /// 完成后输出的说明格式
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub rules: crate::rule_args::RuleArgs,
    /// 不运行跨表（批量）规则 JX8xx
    #[arg(long)]
    pub no_batch: bool,
}

impl ExportArgs {
    /// The same options as `check` (for the configuration and accept files).
    fn as_check(&self) -> CheckArgs {
        self.rules.check_args(&self.paths, None, self.no_batch)
    }
}

fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} 已读取 {pos}/{len} 个文件 {wide_bar} 剩余 {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub fn run(args: &ExportArgs) -> u8 {
    if let Some(p) = &args.rules.profile
        && profile::by_name(p).is_none()
    {
        let names: Vec<&str> = profile::all().iter().map(|p| p.name).collect();
        eprintln!(
            "错误：没有名为“{p}”的评分口径。可用的有：{}",
            names.join("、")
        );
        return EXIT_UNREADABLE;
    }
    let target = match args.to {
        ToArg::Xlsx => Target::Xlsx,
        ToArg::Csv => Target::Csv,
        ToArg::Json => Target::Json,
        ToArg::Parquet => Target::Parquet,
    };
    if target.is_directory() && args.out.is_file() {
        eprintln!(
            "错误：导出 {} 时 -o 应为目录，但 {} 是一个文件。",
            target.name(),
            args.out.display()
        );
        return EXIT_UNREADABLE;
    }
    if !target.is_directory() && args.out.is_dir() {
        eprintln!(
            "错误：导出 {} 时 -o 应为文件名（如 out.{}），但 {} 是一个目录。",
            target.name(),
            target.name(),
            args.out.display()
        );
        return EXIT_UNREADABLE;
    }
    let read = ReadOptions {
        profile: args.rules.profile.clone(),
        encoding: args.rules.encoding.clone(),
    };
    let inputs = inputs::expand(&args.paths);
    let check = match triage::load(&args.as_check(), &inputs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_UNREADABLE;
        }
    };
    let bar = progress(inputs.len());
    let done: Vec<Vec<(String, Vec<CheckedForm>)>> = inputs
        .par_iter()
        .map(|input| {
            let docs = input
                .contents()
                .into_iter()
                .map(|(label, bytes)| match bytes {
                    Ok(bytes) => {
                        let forms = jixiao_io::read_forms(&label, &bytes, &read)
                            .into_iter()
                            .map(|f| pipeline::check_form_with(f, &check))
                            .collect();
                        (label, forms)
                    }
                    Err(why) => {
                        let f = pipeline::check_form_with(Form::empty(&label, &why), &check);
                        (label, vec![f])
                    }
                })
                .collect();
            bar.inc(1);
            docs
        })
        .collect();
    bar.finish_and_clear();

    let mut forms: Vec<CheckedForm> = Vec::new();
    let mut files = 0usize;
    let mut unreadable: Vec<String> = Vec::new();
    for (label, fs) in done.into_iter().flatten() {
        files += 1;
        if fs
            .iter()
            .all(|c| matches!(c.form.status, FormStatus::Unreadable { .. }))
        {
            for c in &fs {
                if let FormStatus::Unreadable { why } = &c.form.status {
                    eprintln!("错误：{label}：{why}");
                }
            }
            unreadable.push(label);
        }
        forms.extend(fs);
    }
    if !args.no_batch {
        pipeline::check_batch_with(&mut forms, &check);
    }
    // An unreadable input has nothing to lay out on a sheet; the tables and JSON keep its row.
    let exported: Vec<CheckedForm> = if target == Target::Xlsx {
        forms
            .iter()
            .filter(|c| !matches!(c.form.status, FormStatus::Unreadable { .. }))
            .cloned()
            .collect()
    } else {
        forms.clone()
    };
    let options = Options {
        findings: args.findings,
    };
    let written = match jixiao_export::export(&exported, target, &args.out, options) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_UNREADABLE;
        }
    };
    let mut summary = Summary {
        files,
        ..Summary::default()
    };
    for c in &forms {
        summary.add(c);
    }
    match args.format {
        ReportFormat::Json => {
            let doc = json!({
                "to": target.name(),
                "out": args.out.display().to_string(),
                "written": written,
                "forms_written": exported.len(),
                "findings": args.findings,
                "unreadable": unreadable,
                "summary": summary.to_json(),
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        ReportFormat::Text => {
            println!(
                "已导出 {} 张自评表（{}）：{}",
                exported.len(),
                target.name(),
                written.join("、")
            );
        }
    }
    let has_errors = forms.iter().any(|c| {
        c.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.accepted.is_none())
    });
    if !unreadable.is_empty() {
        EXIT_UNREADABLE
    } else if has_errors {
        EXIT_ERRORS
    } else {
        0
    }
}
