//! Mutation suite: single-cell (or single-row) defects injected into every seed form where they
//! apply; each mutated form must raise the intended code. Recall per kind is printed and must be
//! 100%. Cells are found through the parsed model (every value knows its line and column), then
//! edited in the text, so the mutation is exactly what a filer would type.

use jixiao_core::model::*;
use jixiao_core::pipeline;
use jixiao_core::read::{self, ReadOptions};
use jixiao_core::score::ScoreMethod;
use rust_decimal::Decimal;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

/// The seed split into one text per form (title line first).
fn seed_forms() -> Vec<String> {
    let lines: Vec<&str> = SEED.split('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == "项目支出绩效自评表")
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let e = starts.get(k + 1).copied().unwrap_or(lines.len());
            lines[s..e].join("\n")
        })
        .collect()
}

/// A form's text as editable rows of cells.
struct Doc {
    lines: Vec<Vec<String>>,
}

impl Doc {
    fn new(text: &str) -> Doc {
        Doc {
            lines: text
                .split('\n')
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect(),
        }
    }

    fn set(&mut self, at: Pos, text: &str) {
        let row = &mut self.lines[at.line as usize - 1];
        while row.len() < at.column as usize {
            row.push(String::new());
        }
        row[at.column as usize - 1] = text.to_string();
    }

    fn cell(&self, at: Pos) -> &str {
        self.lines[at.line as usize - 1]
            .get(at.column as usize - 1)
            .map_or("", |s| s.as_str())
    }

    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn parse(text: &str) -> Form {
    read::read_text("m.txt", text, &ReadOptions::default())
        .into_iter()
        .next()
        .expect("one form")
}

fn codes(text: &str) -> Vec<&'static str> {
    pipeline::check_bytes("m.txt", text.as_bytes(), &ReadOptions::default())
        .iter()
        .flat_map(|c| c.findings.iter().map(|f| f.code))
        .collect()
}

/// The indicators the rule can score (quantitative, computed), with their evaluation.
fn computable(text: &str) -> Vec<(Indicator, Decimal)> {
    let c = pipeline::check_bytes("m.txt", text.as_bytes(), &ReadOptions::default());
    let c = &c[0];
    c.form
        .indicators
        .iter()
        .zip(c.eval.indicators.iter())
        .filter(|(i, s)| {
            s.computed.is_some()
                && s.method != ScoreMethod::VoidZeroWeight
                && i.weight.as_ref().is_some_and(|w| w.value > Decimal::ZERO)
        })
        .map(|(i, s)| (i.clone(), s.computed.unwrap_or_default()))
        .collect()
}

fn real(f: &Form) -> impl Iterator<Item = &Indicator> {
    f.indicators.iter().filter(|i| !i.is_placeholder())
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

type Mutation = fn(&str) -> Option<String>;

/// (kind, intended code, mutation). A mutation returns None where it does not apply.
fn kinds() -> Vec<(&'static str, &'static str, Mutation)> {
    vec![
        ("change a score away from the rule", "JX402", |t| {
            let (i, computed) = computable(t).into_iter().next()?;
            let mut doc = Doc::new(t);
            let w = i.weight?.value;
            let new = if computed > Decimal::ONE {
                computed - Decimal::ONE
            } else {
                w
            };
            doc.set(i.score?.at, &new.to_string());
            Some(doc.text())
        }),
        ("score above its weight", "JX401", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.weight.is_some() && i.score.is_some())?;
            let mut doc = Doc::new(t);
            doc.set(
                i.score.as_ref()?.at,
                &(i.weight.as_ref()?.value + Decimal::ONE).to_string(),
            );
            Some(doc.text())
        }),
        ("lower a score and leave no deviation note", "JX403", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.deviation_note.is_none()
                    && i.weight.as_ref().is_some_and(|w| w.value > Decimal::ONE)
            })?;
            let mut doc = Doc::new(t);
            doc.set(
                i.score.as_ref()?.at,
                &(i.weight.as_ref()?.value - Decimal::ONE).to_string(),
            );
            Some(doc.text())
        }),
        ("blank a deviation note on a shortfall row", "JX403", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.deviation_note.is_some()
                    && matches!((&i.weight, &i.score), (Some(w), Some(s)) if s.value < w.value)
            })?;
            let mut doc = Doc::new(t);
            doc.set(i.deviation_note.as_ref()?.at, "");
            Some(doc.text())
        }),
        ("inflate the total", "JX601", |t| {
            let f = parse(t);
            let s = f.total?.score?;
            let mut doc = Doc::new(t);
            doc.set(s.at, &(s.value + Decimal::ONE).to_string());
            Some(doc.text())
        }),
        ("wrong execution score", "JX102", |t| {
            let f = parse(t);
            let s = f.funds.total_row()?.score.clone()?;
            let mut doc = Doc::new(t);
            let new = if s.value > d("9") {
                s.value - d("1.5")
            } else {
                s.value + d("0.5")
            };
            doc.set(s.at, &new.to_string());
            Some(doc.text())
        }),
        ("wrong execution rate", "JX101", |t| {
            let f = parse(t);
            let r = f.funds.total_row()?.execution_rate.clone()?;
            let mut doc = Doc::new(t);
            let new = if r.value > d("50") {
                r.value - d("20")
            } else {
                r.value + d("20")
            };
            doc.set(r.at, &new.to_string());
            Some(doc.text())
        }),
        ("swap ≥ for ≤ on a quantity row", "JX307", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.level2
                    .as_ref()
                    .is_some_and(|l| l.value.starts_with("数量"))
                    && i.target.as_ref().is_some_and(|x| x.text.contains('≥'))
            })?;
            let tg = i.target.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(tg.at, &tg.text.replace('≥', "≤"));
            Some(doc.text())
        }),
        ("write a quantity target as ≤", "JX307", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.level2
                    .as_ref()
                    .is_some_and(|l| l.value.starts_with("数量"))
                    && i.target
                        .as_ref()
                        .is_some_and(|x| x.comparator == Comparator::Implicit && x.unit.is_some())
            })?;
            let tg = i.target.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(tg.at, &format!("≤{}", tg.text));
            Some(doc.text())
        }),
        ("a cost indicator with ≥", "JX306", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.level2
                    .as_ref()
                    .is_some_and(|l| l.value.starts_with("成本"))
                    && i.target
                        .as_ref()
                        .is_some_and(|x| x.value.is_some() && !x.text.contains('≥'))
            })?;
            let tg = i.target.as_ref()?;
            let mut doc = Doc::new(t);
            let bare = tg
                .text
                .trim_start_matches(['≤', '<', '='])
                .trim_start_matches("不超过");
            doc.set(tg.at, &format!("≥{bare}"));
            Some(doc.text())
        }),
        ("blank a satisfaction actual", "JX501", |t| {
            let f = parse(t);
            let i = real(&f)
                .find(|i| i.level1_category == Some(Level1::Satisfaction) && i.actual.is_some())?;
            let mut doc = Doc::new(t);
            doc.set(i.actual.as_ref()?.at, "");
            Some(doc.text())
        }),
        ("raise the executed amount past the budget", "JX106", |t| {
            let f = parse(t);
            let row = f.funds.total_row()?;
            let b = row.adjusted_budget.as_ref()?.value;
            let e = row.executed.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(e.at, &(b + d("1000.00")).to_string());
            Some(doc.text())
        }),
        ("break total = Σ 其中 rows", "JX105", |t| {
            let f = parse(t);
            let row = f
                .funds
                .rows
                .iter()
                .find(|r| r.kind == FundsKind::Appropriation)?;
            let e = row.executed.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(e.at, &(e.value + d("500.00")).to_string());
            Some(doc.text())
        }),
        ("zero the full-year budget", "JX107", |t| {
            let f = parse(t);
            let b = f.funds.total_row()?.adjusted_budget.clone()?;
            let mut doc = Doc::new(t);
            doc.set(b.at, "0.00");
            Some(doc.text())
        }),
        ("a negative amount", "JX104", |t| {
            let f = parse(t);
            let row = f
                .funds
                .rows
                .iter()
                .find(|r| r.kind == FundsKind::Carryover)?;
            let e = row.executed.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(e.at, "-100.00");
            Some(doc.text())
        }),
        ("duplicate an indicator row", "JX211", |t| {
            let f = parse(t);
            let i = real(&f).next()?;
            let mut doc = Doc::new(t);
            let row = doc.lines[i.line as usize - 1].clone();
            doc.lines.insert(i.line as usize, row);
            Some(doc.text())
        }),
        ("blank the project name", "JX103", |t| {
            let f = parse(t);
            let mut doc = Doc::new(t);
            doc.set(f.header.project_name?.at, "");
            Some(doc.text())
        }),
        ("blank the implementing unit", "JX103", |t| {
            let f = parse(t);
            let mut doc = Doc::new(t);
            doc.set(f.header.implementing_unit?.at, "");
            Some(doc.text())
        }),
        ("blank the achieved goal", "JX112", |t| {
            let f = parse(t);
            let mut doc = Doc::new(t);
            doc.set(f.overall_goal.achieved?.at, "");
            Some(doc.text())
        }),
        (
            "copy the expected goal into the achieved goal",
            "JX113",
            |t| {
                let f = parse(t);
                let e = f.overall_goal.expected?;
                let mut doc = Doc::new(t);
                doc.set(f.overall_goal.achieved?.at, &e.value);
                Some(doc.text())
            },
        ),
        ("give a 无 row points", "JX205", |t| {
            let f = parse(t);
            let i = f.indicators.iter().find(|i| i.is_placeholder())?;
            let mut doc = Doc::new(t);
            doc.set(i.weight.as_ref()?.at, "5.00");
            doc.set(i.score.as_ref()?.at, "5.00");
            Some(doc.text())
        }),
        ("raise one weight so weights exceed 100", "JX201", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.weight.is_some())?;
            let w = i.weight.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(w.at, &(w.value + d("2.50")).to_string());
            Some(doc.text())
        }),
        ("level-1 label weight disagrees", "JX202", |t| {
            let f = parse(t);
            let first = f.indicators.first()?;
            let label = first.level1.value.clone();
            let mut doc = Doc::new(t);
            for i in f.indicators.iter().filter(|i| i.level1.value == label) {
                let at = i.level1.at;
                let new = doc.cell(at).replace("50", "40");
                doc.set(at, &new);
            }
            Some(doc.text())
        }),
        ("partial-grade actual with full marks", "JX409", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.target.as_ref().is_some_and(|x| x.comparator == Comparator::Qualitative)
                    && matches!((&i.weight, &i.score), (Some(w), Some(s)) if s.value == w.value && w.value > Decimal::ZERO)
            })?;
            let mut doc = Doc::new(t);
            doc.set(i.actual.as_ref()?.at, "部分达成");
            Some(doc.text())
        }),
        ("drop the unit of an explicit target", "JX301", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.target
                    .as_ref()
                    .is_some_and(|x| x.text.starts_with('≥') && x.text.ends_with('%'))
            })?;
            let tg = i.target.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(tg.at, tg.text.trim_end_matches('%'));
            Some(doc.text())
        }),
        ("template placeholder in a target", "JX304", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.target.is_some())?;
            let mut doc = Doc::new(t);
            doc.set(i.target.as_ref()?.at, "≥**人");
            Some(doc.text())
        }),
        ("actual in another unit than the target", "JX305", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.target
                    .as_ref()
                    .is_some_and(|x| x.unit.as_deref() == Some("%"))
                    && i.actual
                        .as_ref()
                        .is_some_and(|a| a.unit.as_deref() == Some("%"))
            })?;
            let a = i.actual.as_ref()?;
            let mut doc = Doc::new(t);
            doc.set(a.at, &a.text.replace('%', "人"));
            Some(doc.text())
        }),
        ("cut the form before its total", "JX002", |t| {
            let f = parse(t);
            let total_line = f.total?.line as usize;
            let doc = Doc::new(t);
            Some(
                doc.lines[..total_line - 1]
                    .iter()
                    .map(|r| r.join("\t"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }),
        ("cut the form inside the indicator table", "JX002", |t| {
            let f = parse(t);
            let mid = f.indicators.get(f.indicators.len() / 2)?.line as usize;
            let doc = Doc::new(t);
            Some(
                doc.lines[..mid]
                    .iter()
                    .map(|r| r.join("\t"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }),
        ("far overshoot with no explanation", "JX404", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.deviation_note.is_none()
                    && i.target.as_ref().is_some_and(|x| {
                        x.value.is_some_and(|v| v > Decimal::ZERO)
                            && matches!(x.comparator, Comparator::AtLeast | Comparator::Implicit)
                            && x.unit.as_deref() != Some("%")
                    })
                    && i.actual.as_ref().is_some_and(|a| a.value.is_some())
            })?;
            let tg = i.target.as_ref()?;
            let a = i.actual.as_ref()?;
            let mut doc = Doc::new(t);
            let unit = tg.unit.clone().unwrap_or_default();
            doc.set(a.at, &format!("{}{unit}", tg.value? * d("3")));
            Some(doc.text())
        }),
        ("vague satisfaction target", "JX504", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| {
                i.level1_category == Some(Level1::Satisfaction)
                    && i.target.as_ref().is_some_and(|x| x.value.is_some())
            })?;
            let mut doc = Doc::new(t);
            doc.set(i.target.as_ref()?.at, "有所提升");
            Some(doc.text())
        }),
        ("a grade word that disagrees with the total", "JX602", |t| {
            let f = parse(t);
            let total = f.total?;
            let s = total.score?;
            let mut doc = Doc::new(t);
            doc.set(Pos::new(s.at.line, s.at.column + 1), "差");
            Some(doc.text())
        }),
        ("a weight written in words", "JX001", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.weight.is_some())?;
            let mut doc = Doc::new(t);
            doc.set(i.weight.as_ref()?.at, "七点五");
            Some(doc.text())
        }),
        ("a negative actual", "JX413", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.actual.as_ref().is_some_and(|a| a.value.is_some()))?;
            let mut doc = Doc::new(t);
            doc.set(i.actual.as_ref()?.at, "-5");
            Some(doc.text())
        }),
        ("met target but points taken, no reason", "JX406", |t| {
            let (i, computed) = computable(t).into_iter().find(|(i, c)| {
                i.weight.as_ref().is_some_and(|w| w.value == *c) && i.deviation_note.is_none()
            })?;
            let mut doc = Doc::new(t);
            doc.set(i.score?.at, &(computed - Decimal::ONE).to_string());
            Some(doc.text())
        }),
        ("a name longer than 100 characters", "JX210", |t| {
            let f = parse(t);
            let i = real(&f).next()?;
            let mut doc = Doc::new(t);
            doc.set(i.name.at, &"很长的指标名称".repeat(16));
            Some(doc.text())
        }),
        ("shortfall explained with 无", "JX411", |t| {
            let f = parse(t);
            let i = real(&f).find(|i| i.weight.as_ref().is_some_and(|w| w.value > Decimal::ONE))?;
            let mut doc = Doc::new(t);
            doc.set(
                i.score.as_ref()?.at,
                &(i.weight.as_ref()?.value - Decimal::ONE).to_string(),
            );
            let note = Pos::new(i.line, i.score.as_ref()?.at.column + 1);
            doc.set(note, "无");
            Some(doc.text())
        }),
    ]
}

#[test]
fn every_mutation_kind_is_caught_on_every_seed_form() {
    let forms = seed_forms();
    assert_eq!(forms.len(), 16);
    let mut report = Vec::new();
    let mut misses = Vec::new();
    let all = kinds();
    assert!(all.len() >= 30, "at least 30 kinds, have {}", all.len());
    for (kind, code, mutate) in &all {
        let (mut applied, mut caught) = (0usize, 0usize);
        for (n, text) in forms.iter().enumerate() {
            let Some(mutated) = mutate(text) else {
                continue;
            };
            assert_ne!(
                &mutated,
                text,
                "{kind}: mutation changed nothing on form {}",
                n + 1
            );
            applied += 1;
            if codes(&mutated).contains(code) {
                caught += 1;
            } else {
                misses.push(format!("{kind} ({code}) missed on seed form {}", n + 1));
            }
        }
        assert!(applied > 0, "{kind}: applies to no seed form");
        report.push(format!(
            "{code}  {caught:>2}/{applied:<2} {:>6.1}%  {kind}",
            100.0 * caught as f64 / applied as f64
        ));
    }
    println!("mutation recall per kind:\n{}", report.join("\n"));
    assert!(misses.is_empty(), "missed:\n{}", misses.join("\n"));
}
