//! Which rules run and how severe they are (like ruff's `select` / `ignore`), and reviewers'
//! accepted findings.
//!
//! `jixiao.toml`:
//! ```toml
//! select = ["JX"]            # codes or prefixes to run (default: all)
//! ignore = ["JX111", "JX8"]  # codes or prefixes to switch off
//! [severity]
//! JX302 = "info"             # per-code severity override
//! ```
//!
//! An accept file (`<form file>.jixiao-accept.toml`, or `jixiao-accept.toml` beside a batch):
//! ```toml
//! [[accept]]
//! code = "JX402"                              # required
//! project_code = "440303210301500004684"      # optional selectors: all given must match
//! indicator = "保障办公设备维护数量"
//! line = 250
//! reason = "经复核，维修量下降系设备更新所致，主管部门同意按原分计"   # required
//! ```
//! Accepted findings are kept and reported as accepted, never dropped; they do not count as
//! errors for the exit code.

use super::{Finding, Severity};
use crate::model::Form;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Rule selection and severity overrides.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Codes or prefixes to run; empty means every rule.
    #[serde(default)]
    pub select: Vec<String>,
    /// Codes or prefixes not to run (wins over `select` unless the code is selected exactly).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-code severity (`error`, `warning`, `info`).
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

/// A configuration error, in Chinese, naming what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

fn matches(code: &str, pattern: &str) -> bool {
    code.len() >= pattern.len() && code[..pattern.len()].eq_ignore_ascii_case(pattern)
}

impl RuleConfig {
    /// Parse `jixiao.toml` text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<RuleConfig, ConfigError> {
        let c: RuleConfig = toml::from_str(text)
            .map_err(|e| ConfigError(format!("配置文件 {origin} 有误：{e}")))?;
        c.validate(origin)?;
        Ok(c)
    }

    /// Check codes and levels; `origin` names the file (or the command line) in errors.
    pub fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        for (code, level) in &self.severity {
            if Severity::parse(level).is_none() {
                return Err(ConfigError(format!(
                    "{origin}：规则 {code} 的级别“{level}”无效，应为 error、warning 或 info"
                )));
            }
        }
        for p in self.select.iter().chain(self.ignore.iter()) {
            if !p.to_ascii_uppercase().starts_with("JX") {
                return Err(ConfigError(format!(
                    "{origin}：“{p}”不是规则编号或前缀（应以 JX 开头，如 JX402 或 JX4）"
                )));
            }
        }
        Ok(())
    }

    /// Layer `other` (e.g. command-line flags) over `self` (e.g. the file).
    pub fn merged_with(mut self, other: &RuleConfig) -> RuleConfig {
        if !other.select.is_empty() {
            self.select = other.select.clone();
        }
        self.ignore.extend(other.ignore.iter().cloned());
        for (k, v) in &other.severity {
            self.severity.insert(k.clone(), v.clone());
        }
        self
    }

    /// Does `code` run, given the profile's default ignores?
    pub fn enabled(&self, code: &str, profile_ignore: &[&str]) -> bool {
        let exactly_selected = self.select.iter().any(|p| p.eq_ignore_ascii_case(code));
        if exactly_selected {
            return true;
        }
        let selected = self.select.is_empty() || self.select.iter().any(|p| matches(code, p));
        let ignored = self.ignore.iter().any(|p| matches(code, p))
            || profile_ignore.iter().any(|p| matches(code, p));
        selected && !ignored
    }

    /// Drop findings of rules not enabled, and apply severity overrides.
    pub fn apply(&self, findings: &mut Vec<Finding>, profile_ignore: &[&str]) {
        findings.retain(|f| self.enabled(f.code, profile_ignore));
        for f in findings.iter_mut() {
            if let Some(level) = self
                .severity
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(f.code))
                .and_then(|(_, v)| Severity::parse(v))
            {
                f.severity = level;
            }
        }
    }
}

/// One accepted finding.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub code: String,
    pub reason: String,
    #[serde(default)]
    pub project_code: Option<String>,
    #[serde(default)]
    pub project_name: Option<String>,
    #[serde(default)]
    pub indicator: Option<String>,
    #[serde(default)]
    pub line: Option<u32>,
}

/// The accepted findings of a sidecar file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AcceptList {
    #[serde(default)]
    pub accept: Vec<Acceptance>,
}

impl AcceptList {
    pub fn from_toml(text: &str, origin: &str) -> Result<AcceptList, ConfigError> {
        let list: AcceptList = toml::from_str(text)
            .map_err(|e| ConfigError(format!("接受清单 {origin} 有误：{e}")))?;
        for a in &list.accept {
            if a.reason.trim().is_empty() {
                return Err(ConfigError(format!(
                    "接受清单 {origin}：规则 {} 的接受理由为空，请写明理由",
                    a.code
                )));
            }
        }
        Ok(list)
    }

    pub fn extend(&mut self, other: AcceptList) {
        self.accept.extend(other.accept);
    }

    /// Mark the findings of `form` that an acceptance covers.
    pub fn apply(&self, form: &Form, findings: &mut [Finding]) {
        for f in findings.iter_mut() {
            if let Some(a) = self.accept.iter().find(|a| covers(a, form, f)) {
                f.accepted = Some(a.reason.clone());
            }
        }
    }
}

fn covers(a: &Acceptance, form: &Form, f: &Finding) -> bool {
    let field = |want: &Option<String>, have: Option<&str>| {
        want.as_deref().is_none_or(|w| have.is_some_and(|h| h == w))
    };
    a.code.eq_ignore_ascii_case(f.code)
        && field(
            &a.project_code,
            form.header.project_code.as_ref().map(|s| s.value.as_str()),
        )
        && field(
            &a.project_name,
            form.header.project_name.as_ref().map(|s| s.value.as_str()),
        )
        && field(&a.indicator, f.indicator.as_deref())
        && a.line.is_none_or(|l| f.line == Some(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_ignore_and_prefixes() {
        let c = RuleConfig::from_toml(
            "select = [\"JX4\", \"JX601\"]\nignore = [\"JX403\"]\n[severity]\nJX402 = \"warning\"\n",
            "t",
        )
        .unwrap();
        assert!(c.enabled("JX402", &[]));
        assert!(!c.enabled("JX403", &[]));
        assert!(c.enabled("JX601", &[]));
        assert!(!c.enabled("JX101", &[]));
        assert!(!c.enabled("JX401", &["JX40"]));
        let exact = RuleConfig {
            select: vec!["JX401".into()],
            ..Default::default()
        };
        assert!(
            exact.enabled("JX401", &["JX4"]),
            "an exact select beats a profile ignore"
        );
    }

    #[test]
    fn bad_config_is_named() {
        let e = RuleConfig::from_toml("[severity]\nJX402 = \"loud\"\n", "jixiao.toml").unwrap_err();
        assert!(e.0.contains("jixiao.toml") && e.0.contains("JX402"));
        let e = RuleConfig::from_toml("selec = []\n", "jixiao.toml").unwrap_err();
        assert!(e.0.contains("jixiao.toml"));
        let e = RuleConfig::from_toml("ignore = [\"402\"]\n", "x").unwrap_err();
        assert!(e.0.contains("402"));
    }

    #[test]
    fn accept_needs_a_reason() {
        let e = AcceptList::from_toml("[[accept]]\ncode = \"JX402\"\nreason = \" \"\n", "a.toml")
            .unwrap_err();
        assert!(e.0.contains("理由"));
    }
}
