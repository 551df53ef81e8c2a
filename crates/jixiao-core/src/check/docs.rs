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

/// Catalogue rules of `shared/spec/domain.md` §C that the form's data cannot support, and why.
pub static NOT_IMPLEMENTED: &[(&str, &str)] = &[
    (
        "R16（二级指标分值汇总）",
        "常见版式不打印二级指标分值，无从比较；一级指标部分由 JX202 检查。",
    ),
    (
        "R30（指标与批复目标不一致）",
        "需要预算批复时的绩效目标表作对照，自评表本身不含；导入批复目标后可在服务端实现。",
    ),
    (
        "R32（指标与支出内容不相关）",
        "需要语义判断（大模型或人工），规则化的关键词比对误报过多，暂不实现。",
    ),
    (
        "R48（一级、二级小计复算）",
        "常见版式不打印小计行；一级指标标签中的分值由 JX202 检查。",
    ),
];

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
    s.push_str("\n## 未实现的目录规则\n\n| 规则 | 原因 |\n|---|---|\n");
    for (rule, why) in NOT_IMPLEMENTED {
        let _ = writeln!(s, "| {rule} | {why} |");
    }
    s
}
