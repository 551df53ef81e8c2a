//! Rule documentation generated from the registry (`jixiao rule`, `docs/rules/`).

use super::{RuleMeta, registry};
use std::fmt::Write;

/// One rule's page, in Markdown.
pub fn markdown(m: &RuleMeta) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} {}（{}）\n", m.code, m.title, m.name);
    let _ = writeln!(
        s,
        "- 类别：{}\n- 默认级别：{}\n- 依据：{}\n",
        m.area.chinese(),
        m.severity.chinese(),
        m.source
    );
    let _ = writeln!(s, "## 检查什么\n\n{}\n", m.what);
    let _ = writeln!(s, "## 为什么重要\n\n{}\n", m.why);
    let _ = writeln!(s, "## 反例\n\n{}\n", m.bad);
    let _ = writeln!(s, "## 正例\n\n{}\n", m.good);
    let _ = writeln!(s, "## 如何修改\n\n{}", m.fix);
    s
}

/// The index page listing every rule.
pub fn index() -> String {
    let mut s = String::from(
        "# 审核规则目录\n\n本目录由规则注册表自动生成（`cargo run -p jixiao-cli -- rules`），请勿手工修改。\n\n| 编号 | 名称 | 类别 | 级别 | 标题 |\n|---|---|---|---|---|\n",
    );
    for r in registry() {
        let m = r.meta();
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} | {} |",
            m.code,
            m.code,
            m.name,
            m.area.chinese(),
            m.severity.chinese(),
            m.title
        );
    }
    s
}
