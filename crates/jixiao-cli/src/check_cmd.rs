//! `jixiao check`: read, score and check inputs in parallel, print in input order.
//!
//! Inputs are processed in windows of `WINDOW` files (and at most `WINDOW_BYTES`) on all cores
//! (rayon); each window is printed in input order before the next is read, so `--format jsonl`
//! streams in bounded memory whatever the number of files. A large text file is streamed on its
//! own in pieces read in parallel (`bigfile`). `text` and `json` keep every form (JSON is one document; the
//! batch rules compare forms with each other).

use crate::bigfile;
use crate::inputs::{self, Input};
use crate::text;
use crate::triage;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::check::Severity;
use jixiao_core::model::{Form, FormStatus};
use jixiao_core::output::json::{Summary, form_json};
use jixiao_core::pipeline::{self, CheckOptions, CheckedForm, Stage};
use jixiao_core::profile;
use jixiao_core::read::ReadOptions;
use rayon::prelude::*;
use serde_json::json;
use std::io::{IsTerminal, Write};

/// Output format of `jixiao check`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// 可读的表格（默认）
    Text,
    /// 一个 JSON 文档：{"forms": [...], "summary": {...}}
    Json,
    /// 每行一张表的 JSON（流式输出），最后一行是 {"summary": {...}}
    Jsonl,
    /// 只输出汇总（适合大批量）
    Summary,
}

/// How far to go (for benchmarks).
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    /// 只读取
    Read,
    /// 读取并复算
    Score,
    /// 读取、复算并审核（默认）
    Check,
}

#[derive(Args)]
pub struct CheckArgs {
    /// 文件、目录（递归）、通配符、.zip / .tar.gz 压缩包，或 - 表示标准输入
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
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
    /// 并行线程数（默认：全部 CPU 核）
    #[arg(long)]
    pub jobs: Option<usize>,
    /// 不运行跨表（批量）规则 JX8xx
    #[arg(long)]
    pub no_batch: bool,
    /// 处理到哪一步（基准测试用）
    #[arg(long, value_enum, default_value_t = StageArg::Check, hide = true)]
    pub stage: StageArg,
}

/// Exit code 2: some input could not be read at all.
pub const EXIT_UNREADABLE: u8 = 2;
/// Exit code 1: error-level findings.
pub const EXIT_ERRORS: u8 = 1;
/// Files read and checked in parallel before their results are printed.
const WINDOW: usize = 512;
/// Bytes of input read and checked in parallel before their results are printed: a window's
/// forms are held in memory until it is printed, so it is bounded by size as well as by count.
const WINDOW_BYTES: u64 = 24 << 20;

/// How many of `inputs` make the next window: up to [`WINDOW`] files and [`WINDOW_BYTES`]
/// bytes (at least one input), stopping before a large file that is streamed on its own.
fn window_len(inputs: &[Input], keep_text: bool) -> usize {
    let mut bytes = 0u64;
    for (k, input) in inputs.iter().take(WINDOW).enumerate() {
        let len = match input {
            Input::File(p) | Input::Archive(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            _ => 0,
        };
        let streamed = !keep_text && matches!(input, Input::File(_)) && bigfile::is_big(len);
        if k > 0 && (streamed || bytes.saturating_add(len) > WINDOW_BYTES) {
            return k;
        }
        bytes = bytes.saturating_add(len);
    }
    inputs.len().clamp(1, WINDOW)
}

/// What one input produced.
struct Done {
    label: String,
    forms: Vec<CheckedForm>,
    /// The decoded text, kept for source excerpts in text output.
    text: Option<String>,
}

fn process(
    input: &Input,
    read: &ReadOptions,
    check: &CheckOptions,
    keep_text: bool,
    stage: Stage,
) -> Vec<Done> {
    input
        .contents()
        .into_iter()
        .map(|(label, bytes)| match bytes {
            Ok(bytes) => {
                let forms: Vec<CheckedForm> = jixiao_io::read_forms(&label, &bytes, read)
                    .into_iter()
                    .map(|f| pipeline::process_form(f, check, stage))
                    .collect();
                let text = keep_text
                    .then(|| jixiao_core::decode::decode(&bytes).ok().map(|d| d.text))
                    .flatten();
                Done { label, forms, text }
            }
            Err(why) => Done {
                forms: vec![pipeline::check_form_with(Form::empty(&label, &why), check)],
                label,
                text: None,
            },
        })
        .collect()
}

fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} 已检查 {pos}/{len} 个文件 {wide_bar} {per_sec} 剩余 {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

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
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let read = ReadOptions {
        profile: args.profile.clone(),
        encoding: args.encoding.clone(),
    };
    let inputs = inputs::expand(&args.paths);
    let check = match triage::load(args, &inputs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_UNREADABLE;
        }
    };
    let keep_text = args.format == CheckFormat::Text;
    let stage = match args.stage {
        StageArg::Read => Stage::Read,
        StageArg::Score => Stage::Score,
        StageArg::Check => Stage::Check,
    };
    let streaming = matches!(args.format, CheckFormat::Jsonl | CheckFormat::Summary);
    let bar = progress(inputs.len());
    let stdout = std::io::stdout();
    let mut sink = Sink {
        format: args.format,
        streaming,
        out: std::io::BufWriter::new(stdout.lock()),
        summary: Summary::default(),
        kept: Vec::new(),
        texts: Vec::new(),
        text_of: Vec::new(),
        unreadable_files: 0,
        has_errors: false,
        file_all_unreadable: true,
        file_errors: Vec::new(),
    };

    // Windows of up to WINDOW small files in parallel; a large text file on its own, streamed
    // in pieces read in parallel (not in text output, which quotes the source).
    let mut rest: &[Input] = &inputs;
    while !rest.is_empty() {
        if !keep_text
            && let Some(Input::File(path)) = rest.first()
            && std::fs::metadata(path).is_ok_and(|m| bigfile::is_big(m.len()))
        {
            let label = path.display().to_string();
            sink.begin_file(None);
            let streamed =
                bigfile::check_streamed(path, &label, &read, &check, stage, &mut |forms| {
                    sink.forms(forms)
                });
            if streamed {
                sink.end_file(&label, &bar);
                bar.inc(1);
                rest = &rest[1..];
                continue;
            }
            sink.abandon_file();
        }
        let n = window_len(rest, keep_text);
        let (window, tail) = rest.split_at(n);
        rest = tail;
        let done: Vec<Vec<Done>> = window
            .par_iter()
            .map(|input| {
                let d = process(input, &read, &check, keep_text, stage);
                bar.inc(1);
                d
            })
            .collect();
        for d in done.into_iter().flatten() {
            sink.begin_file(d.text);
            sink.forms(d.forms);
            sink.end_file(&d.label, &bar);
        }
    }
    bar.finish_and_clear();
    let Sink {
        mut out,
        mut summary,
        mut kept,
        texts,
        text_of,
        unreadable_files,
        mut has_errors,
        ..
    } = sink;

    if !streaming {
        if !args.no_batch && stage == Stage::Check {
            pipeline::check_batch_with(&mut kept, &check);
        }
        for c in &kept {
            summary.add(c);
            has_errors |= has_error(c);
        }
    }
    match args.format {
        CheckFormat::Jsonl | CheckFormat::Summary => {
            let line = json!({"summary": summary.to_json()});
            let _ = writeln!(out, "{line}");
        }
        CheckFormat::Json => {
            let doc = json!({
                "forms": kept.iter().map(form_json).collect::<Vec<_>>(),
                "summary": summary.to_json(),
            });
            let _ = serde_json::to_writer_pretty(&mut out, &doc);
            let _ = writeln!(out);
        }
        CheckFormat::Text => {
            let split: Vec<Option<Vec<&str>>> = texts
                .iter()
                .map(|s| s.as_deref().map(|t| t.split('\n').collect()))
                .collect();
            for (c, idx) in kept.iter().zip(text_of.iter()) {
                let _ = write!(out, "{}", text::render_form(c, split[*idx].as_deref()));
            }
            let _ = write!(out, "{}", text::render_summary(&summary));
        }
    }
    let _ = out.flush();
    if unreadable_files > 0 {
        EXIT_UNREADABLE
    } else if has_errors {
        EXIT_ERRORS
    } else {
        0
    }
}

/// Where checked forms go, file by file, in input order.
struct Sink<W: Write> {
    format: CheckFormat,
    streaming: bool,
    out: W,
    summary: Summary,
    kept: Vec<CheckedForm>,
    texts: Vec<Option<String>>,
    text_of: Vec<usize>,
    unreadable_files: usize,
    has_errors: bool,
    /// Every form of the current file so far is unreadable.
    file_all_unreadable: bool,
    /// Why the current file's forms are unreadable.
    file_errors: Vec<String>,
}

impl<W: Write> Sink<W> {
    fn begin_file(&mut self, text: Option<String>) {
        self.summary.files += 1;
        self.file_all_unreadable = true;
        self.file_errors.clear();
        if !self.streaming {
            self.texts.push(text);
        }
    }

    /// A large file that turned out not to be streamable: forget that it was begun.
    fn abandon_file(&mut self) {
        self.summary.files -= 1;
        if !self.streaming {
            self.texts.pop();
        }
    }

    fn forms(&mut self, forms: Vec<CheckedForm>) {
        for c in forms {
            if let FormStatus::Unreadable { why } = &c.form.status {
                self.file_errors.push(why.clone());
            } else {
                self.file_all_unreadable = false;
            }
            if self.streaming {
                self.summary.add(&c);
                self.has_errors |= has_error(&c);
                if self.format == CheckFormat::Jsonl {
                    let line = serde_json::to_string(&form_json(&c)).unwrap_or_default();
                    let _ = writeln!(self.out, "{line}");
                }
            } else {
                self.text_of.push(self.texts.len().saturating_sub(1));
                self.kept.push(c);
            }
        }
    }

    fn end_file(&mut self, label: &str, bar: &ProgressBar) {
        if self.file_all_unreadable {
            self.unreadable_files += 1;
            for why in &self.file_errors {
                bar.suspend(|| eprintln!("错误：{label}：{why}"));
            }
        }
    }
}

fn has_error(c: &CheckedForm) -> bool {
    c.findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.accepted.is_none())
}
