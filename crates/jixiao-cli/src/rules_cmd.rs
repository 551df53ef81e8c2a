//! `jixiao rules`, `jixiao rule JX###`, `jixiao profiles`.

use crate::Format;
use jixiao_core::check::{self, RuleMeta};
use jixiao_core::profile;

pub fn list(format: Format) -> u8 {
    let metas: Vec<&RuleMeta> = check::registry().iter().map(|r| r.meta()).collect();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&metas).unwrap_or_default()
        ),
        Format::Text => {
            for m in metas {
                println!(
                    "{}  {:<7} {:<8} {}  ({})",
                    m.code,
                    m.severity.chinese(),
                    m.area.chinese(),
                    m.title,
                    m.name
                );
            }
        }
    }
    0
}

/// The rule's documentation as Markdown (also what `docs/rules/JX###.md` holds).
pub fn rule_markdown(m: &RuleMeta) -> String {
    jixiao_core::check::docs::markdown(m)
}

pub fn show(code: &str, format: Format) -> u8 {
    let Some(rule) = check::rule(code) else {
        eprintln!("错误：没有编号为 {code} 的规则。用 jixiao rules 查看全部规则。");
        return 2;
    };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(rule.meta()).unwrap_or_default()
        ),
        Format::Text => print!("{}", rule_markdown(rule.meta())),
    }
    0
}

pub fn profiles(format: Format) -> u8 {
    let all = profile::all();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default()),
        Format::Text => {
            for p in &all {
                println!("{:<20} {}", p.name, p.title);
            }
            println!("\n用 jixiao profiles --format json 查看全部参数。");
        }
    }
    0
}
