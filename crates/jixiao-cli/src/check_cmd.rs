//! `jixiao check`: read, score and check inputs in parallel, print in input order.
//!
//! Directories are walked lazily (`inputs::Walk`); inputs are handed to all cores (rayon) up to
//! `IN_FLIGHT` inputs and `IN_FLIGHT_BYTES` at once, and each result is printed, in input order,
//! as soon as every earlier one is printed, so `--format jsonl` streams in bounded memory
//! whatever the number of files. For `jsonl` and `summary` the forms are counted and written out
//! where they were checked; the printing thread only copies bytes. A large text file is streamed
//! on its own in pieces read in parallel (`bigfile`). `text` and `json` keep every form (JSON is
//! one document; the batch rules compare forms with each other).

use crate::bigfile;
use crate::inputs::{self, Input};
use crate::text;
use crate::triage;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::check::Severity;
use jixiao_core::model::{Form, FormStatus};
use jixiao_core::output::json::{Summary, form_json, write_form_json};
use jixiao_core::pipeline::{self, CheckOptions, CheckedForm, Stage};
use jixiao_core::profile;
use jixiao_core::read::ReadOptions;
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, VecDeque};
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
/// Inputs read and checked at once. Results are printed in input order as soon as every
/// earlier input is printed: there is no barrier between groups of files, so one slow file
/// holds up printing (not the cores) until it is done.
const IN_FLIGHT: usize = 64;
/// Bytes of input read and checked at once (at least one input): a finished input's forms (or
/// their output) wait in memory for their turn, so this is bounded by size as well as by count.
const IN_FLIGHT_BYTES: u64 = 24 << 20;

/// Size of an input on disk (0 when unknown, for stdin and missing paths).
fn input_len(input: &Input) -> u64 {
    match input {
        Input::File(p) | Input::Archive(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        _ => 0,
    }
}

/// What one document (a file, or an archive entry) produced, digested for the output format.
struct Done {
    label: String,
    /// The decoded text, kept for source excerpts in text output.
    text: Option<String>,
    digest: Digest,
}

/// Checked forms as the sink takes them: kept (json, text), or already counted and written out
/// (jsonl, summary) where they were checked, so the printing thread only copies bytes.
#[derive(Default)]
struct Digest {
    /// The forms themselves (json and text output, which keep every form).
    kept: Vec<CheckedForm>,
    /// The forms' jsonl lines (jsonl output).
    lines: Vec<u8>,
    /// The forms' counts (jsonl and summary output); `files` is left to the sink.
    summary: Summary,
    has_errors: bool,
    /// Some form is not unreadable.
    any_readable: bool,
    /// Why each unreadable form could not be read.
    errors: Vec<String>,
}

impl Digest {
    fn of(forms: Vec<CheckedForm>, format: CheckFormat) -> Digest {
        let mut d = Digest::default();
        let streaming = matches!(format, CheckFormat::Jsonl | CheckFormat::Summary);
        for c in forms {
            d.note_status(&c);
            if streaming {
                d.count(&c);
                if format == CheckFormat::Jsonl {
                    push_line(&mut d.lines, &c);
                }
            } else {
                d.kept.push(c);
            }
        }
        d
    }

    /// [`Digest::of`] for many forms at once (a streamed large file): jsonl lines written on
    /// all cores.
    fn of_many(forms: Vec<CheckedForm>, format: CheckFormat) -> Digest {
        if format != CheckFormat::Jsonl || forms.len() < 2 {
            return Digest::of(forms, format);
        }
        let mut d = Digest::default();
        let lines: Vec<Vec<u8>> = forms
            .par_iter()
            .map(|c| {
                let mut line = Vec::new();
                push_line(&mut line, c);
                line
            })
            .collect();
        for (c, line) in forms.iter().zip(lines) {
            d.note_status(c);
            d.count(c);
            d.lines.extend_from_slice(&line);
        }
        d
    }

    fn note_status(&mut self, c: &CheckedForm) {
        if let FormStatus::Unreadable { why } = &c.form.status {
            self.errors.push(why.clone());
        } else {
            self.any_readable = true;
        }
    }

    fn count(&mut self, c: &CheckedForm) {
        self.summary.add(c);
        self.has_errors |= has_error(c);
    }
}

/// One form's jsonl line (with its newline) appended to `out`.
fn push_line(out: &mut Vec<u8>, c: &CheckedForm) {
    write_form_json(c, out);
    out.push(b'\n');
}

fn process(
    input: &Input,
    read: &ReadOptions,
    check: &CheckOptions,
    format: CheckFormat,
    stage: Stage,
) -> Vec<Done> {
    let keep_text = format == CheckFormat::Text;
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
                Done {
                    label,
                    text,
                    digest: Digest::of(forms, format),
                }
            }
            Err(why) => Done {
                digest: Digest::of(
                    vec![pipeline::check_form_with(Form::empty(&label, &why), check)],
                    format,
                ),
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
    // A first walk counts the inputs and finds their accept files; the second reads them. Both
    // walk directories lazily, so neither holds the list of every path.
    let survey = inputs::survey(&args.paths);
    let check = match triage::load_with(args, survey.accept_files) {
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
    let bar = progress(survey.inputs);
    let stdout = std::io::stdout();
    let mut sink = Sink {
        format: args.format,
        streaming,
        out: std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        summary: Summary::default(),
        kept: Vec::new(),
        texts: Vec::new(),
        text_of: Vec::new(),
        unreadable_files: 0,
        has_errors: false,
        file_any_readable: false,
        file_errors: Vec::new(),
    };

    let format = args.format;
    let mut walk = inputs::Walk::new(&args.paths);
    rayon::in_place_scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Done>)>();
        // Inputs are numbered as they are handed out; `printed` is the next one to print.
        let (mut handed, mut printed) = (0usize, 0usize);
        let mut sizes: VecDeque<u64> = VecDeque::new();
        let mut bytes = 0u64;
        let mut ready: BTreeMap<usize, Vec<Done>> = BTreeMap::new();
        let mut held: Option<(Input, u64)> = None;
        loop {
            // Hand out inputs while the bounds allow.
            while handed - printed < IN_FLIGHT {
                let Some((input, len)) = held.take().or_else(|| {
                    let i = walk.next()?;
                    let len = input_len(&i);
                    Some((i, len))
                }) else {
                    break;
                };
                let busy = handed > printed;
                // A large text file on its own, streamed in pieces read in parallel (not in text
                // output, which quotes the source), once everything before it is printed.
                if !keep_text
                    && let Input::File(path) = &input
                    && bigfile::is_big(len)
                {
                    if busy {
                        held = Some((input, len));
                        break;
                    }
                    let label = path.display().to_string();
                    sink.begin_file(None);
                    let streamed =
                        bigfile::check_streamed(path, &label, &read, &check, stage, &mut |forms| {
                            sink.absorb(Digest::of_many(forms, format))
                        });
                    if streamed {
                        sink.end_file(&label, &bar);
                        bar.inc(1);
                        continue;
                    }
                    sink.abandon_file();
                }
                if busy && bytes.saturating_add(len) > IN_FLIGHT_BYTES {
                    held = Some((input, len));
                    break;
                }
                bytes = bytes.saturating_add(len);
                sizes.push_back(len);
                let (tx, seq) = (tx.clone(), handed);
                handed += 1;
                let (read, check, bar) = (&read, &check, &bar);
                scope.spawn(move |_| {
                    let done = process(&input, read, check, format, stage);
                    bar.inc(1);
                    let _ = tx.send((seq, done));
                });
            }
            if handed == printed {
                break; // nothing in flight, nothing left
            }
            let Ok((seq, done)) = rx.recv() else {
                break;
            };
            ready.insert(seq, done);
            while let Some(done) = ready.remove(&printed) {
                printed += 1;
                bytes = bytes.saturating_sub(sizes.pop_front().unwrap_or(0));
                for d in done {
                    sink.begin_file(d.text);
                    sink.absorb(d.digest);
                    sink.end_file(&d.label, &bar);
                }
            }
        }
    });
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
    /// Some form of the current file so far is not unreadable.
    file_any_readable: bool,
    /// Why the current file's forms are unreadable.
    file_errors: Vec<String>,
}

impl<W: Write> Sink<W> {
    fn begin_file(&mut self, text: Option<String>) {
        self.summary.files += 1;
        self.file_any_readable = false;
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

    fn absorb(&mut self, d: Digest) {
        self.file_any_readable |= d.any_readable;
        self.file_errors.extend(d.errors);
        if self.streaming {
            self.summary.merge(&d.summary);
            self.has_errors |= d.has_errors;
            if self.format == CheckFormat::Jsonl {
                let _ = self.out.write_all(&d.lines);
            }
        } else {
            let idx = self.texts.len().saturating_sub(1);
            self.text_of.extend(std::iter::repeat_n(idx, d.kept.len()));
            self.kept.extend(d.kept);
        }
    }

    fn end_file(&mut self, label: &str, bar: &ProgressBar) {
        if !self.file_any_readable {
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
