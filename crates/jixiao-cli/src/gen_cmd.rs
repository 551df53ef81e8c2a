//! `jixiao gen`: a deterministic corpus of generated forms with a truth file of injected defects.

use crate::Format;
use clap::Args;
use jixiao_gen::{DefectKind, GenOptions, Rendering};

#[derive(Args)]
pub struct GenArgs {
    /// 生成的表数
    #[arg(long)]
    pub forms: usize,
    /// 随机种子（同一种子输出完全相同）
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 输出目录（forms-00000.txt…、truth.jsonl、manifest.json）
    #[arg(short, long)]
    pub output: std::path::PathBuf,
    /// 含缺陷的表所占比例（0–1）
    #[arg(long, default_value_t = 0.3)]
    pub defect_rate: f64,
    /// 每个文件的表数
    #[arg(long, default_value_t = 1000)]
    pub forms_per_file: usize,
    /// 版式口径：shenzhen_2022 或 central_2020
    #[arg(long, default_value = "shenzhen_2022")]
    pub profile: String,
    /// 呈现方式，逗号分隔：tsv、pipe
    #[arg(long, value_delimiter = ',', default_value = "tsv")]
    pub renderings: Vec<String>,
    /// 只注入这些缺陷种类（逗号分隔；默认全部）
    #[arg(long, value_delimiter = ',')]
    pub kinds: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &GenArgs) -> u8 {
    let mut renderings = Vec::new();
    for r in &args.renderings {
        match Rendering::from_name(r) {
            Some(x) => renderings.push(x),
            None => {
                eprintln!("错误：未知的呈现方式“{r}”（可用：tsv、pipe）");
                return 2;
            }
        }
    }
    let mut kinds = Vec::new();
    for k in &args.kinds {
        match DefectKind::from_name(k) {
            Some(x) => kinds.push(x),
            None => {
                let all: Vec<&str> = DefectKind::ALL.iter().map(|k| k.name()).collect();
                eprintln!("错误：未知的缺陷种类“{k}”。可用：{}", all.join("、"));
                return 2;
            }
        }
    }
    let opts = GenOptions {
        forms: args.forms,
        seed: args.seed,
        defect_rate: args.defect_rate,
        renderings,
        profile: args.profile.clone(),
        kinds,
    };
    if let Err(e) = jixiao_gen::validate(&opts) {
        eprintln!("错误：{e}");
        return 2;
    }
    match jixiao_gen::write_corpus(&opts, &args.output, args.forms_per_file) {
        Ok(s) => {
            match args.format {
                Format::Json => println!(
                    "{}",
                    serde_json::json!({
                        "forms": s.forms, "files": s.files, "defective_forms": s.defective_forms,
                        "truth_entries": s.truth_entries, "bytes": s.bytes, "checksum": s.checksum,
                        "by_code": s.by_code, "by_kind": s.by_kind,
                    })
                ),
                Format::Text => println!(
                    "已生成 {} 张表（{} 个文件，{} 张含缺陷，{} 条真值），共 {} 字节，校验和 {}，输出到 {}",
                    s.forms,
                    s.files,
                    s.defective_forms,
                    s.truth_entries,
                    s.bytes,
                    s.checksum,
                    args.output.display()
                ),
            }
            0
        }
        Err(e) => {
            eprintln!("错误：无法写入 {}：{e}", args.output.display());
            2
        }
    }
}
