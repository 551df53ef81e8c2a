//! `jixiao`: read, score and check 项目支出绩效自评表.
//!
//! Exit codes: 0 = no error-level findings; 1 = error-level findings; 2 = unreadable input
//! (a file that does not exist, is not text, or holds no form) or a usage error.

mod bigfile;
mod check_cmd;
mod export_cmd;
mod gen_cmd;
mod inputs;
mod report_cmd;
mod rule_args;
mod rules_cmd;
mod serve_cmd;
mod text;
mod triage;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a form is read into a few hundred small strings
/// and dropped on another core's thread; glibc's malloc/free were ~10 % of `jixiao check`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "项目支出绩效自评表：读取、复算、审核",
    long_about = "jixiao 读取项目支出绩效自评表（文本、表格），按评分口径复算执行率、得分、总分和等级，并逐项审核。\n\n退出码：0 没有错误级问题；1 有错误级问题；2 有无法读取的输入或参数错误。"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 可读的表格（默认）
    Text,
    /// JSON（字段名稳定）
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// 读取并审核自评表：复算执行率、得分、总分、等级，列出发现的问题
    Check(check_cmd::CheckArgs),
    /// 导出为 Excel（官方版式）、CSV、JSON 或 Parquet
    Export(export_cmd::ExportArgs),
    /// 生成测试用自评表语料（确定性，含注入缺陷和真值文件）
    Gen(gen_cmd::GenArgs),
    /// 生成审核报告：HTML（自包含，内嵌图表）或 PDF（批量概况 + 逐表）
    Report(report_cmd::ReportArgs),
    /// 列出全部审核规则
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 查看一条审核规则的说明（检查什么、为什么、正反例、依据）
    Rule {
        /// 规则编号，如 JX402
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 启动网页服务（API + 页面）：SQLite 数据目录，或 DATABASE_URL=postgres://…
    Serve(serve_cmd::ServeArgs),
    /// 列出评分口径（地区/版式）及其参数
    Profiles {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

fn main() -> ExitCode {
    // Die quietly on a closed pipe (`jixiao check … | head`) like other Unix tools.
    // SAFETY: resetting a signal disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check_cmd::run(&args),
        Command::Export(args) => export_cmd::run(&args),
        Command::Gen(args) => gen_cmd::run(&args),
        Command::Report(args) => report_cmd::run(&args),
        Command::Rules { format } => rules_cmd::list(format),
        Command::Rule { code, format } => rules_cmd::show(&code, format),
        Command::Profiles { format } => rules_cmd::profiles(format),
        Command::Serve(args) => serve_cmd::run(&args),
    };
    ExitCode::from(code)
}
