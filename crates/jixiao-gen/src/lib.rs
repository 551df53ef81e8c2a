//! jixiao-gen: deterministic synthetic 项目支出绩效自评表 with injected defects and ground truth.
//!
//! Each form is a pure function of `(seed, index)` and the options, drawn from a hand-written
//! SplitMix64, so a corpus is byte-identical on every platform, with every dependency version,
//! and in any order or chunking (forms can be generated in parallel or one by one).
//!
//! A clean form follows the seed's layout (深圳/罗湖 2022, tab-separated) with realistic units,
//! amounts, indicator trees and printed scores computed by `jixiao_core::score`, so the checker
//! raises no error on it. A defective form has one (sometimes two) [`DefectKind`]s injected,
//! each changing the cell(s) that make exactly its rule code fire, the rest of the form kept
//! consistent (总分 follows the printed scores, weights still add up, notes stay where points
//! are lost).
//!
//! [`TruthEntry`] names the *changed* cell. Some rules point elsewhere, so exact-cell matching
//! is a bonus, not the contract (match by form and code):
//!
//! | kind | code | truth cell | where the rule points today |
//! |---|---|---|---|
//! | `reason_missing` | JX403 | the blanked 偏差原因 cell | the 得分 cell of the row |
//! | `weights_total` | JX201, JX202 | the row whose 分值 lost 2.5 | 总分 line / the level-1's first row |
//! | `level1_label_weight` | JX202 | the level-1 label of the group's first row | that line |
//! | `funds_sum` | JX105 | the changed cell of the 当年财政拨款 row | the 年度资金总额 row |
//! | `project_name_blank`, `goal_achieved_blank` | JX103, JX112 | the blank cell | its line |
//! | `truncated` | JX002 | the last line printed (column 0) | that line |
//!
//! Every other kind: the rule points at the changed cell.

mod build;
mod corpus;
mod defects;
mod form;
mod render;
mod rng;
mod tree;
mod vocab;

pub use corpus::{Summary, write_corpus};
pub use defects::DefectKind;

use build::World;
use defects::Zone;
use jixiao_core::profile::{self, Profile};
use render::Layout;
use rng::Rng;
use serde::{Deserialize, Serialize};

/// How a form's table is printed as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rendering {
    /// The seed's layout: a row per line, cells separated by tabs.
    Tsv,
    /// A pipe table: `| a | b | c |` per row.
    Pipe,
}

impl Rendering {
    pub fn name(self) -> &'static str {
        match self {
            Rendering::Tsv => "tsv",
            Rendering::Pipe => "pipe",
        }
    }

    pub fn from_name(name: &str) -> Option<Rendering> {
        match name {
            "tsv" => Some(Rendering::Tsv),
            "pipe" => Some(Rendering::Pipe),
            _ => None,
        }
    }
}

/// Profiles the generator can lay forms out for.
pub const PROFILES: &[&str] = &["shenzhen_2022", "central_2020"];

/// Share of defective forms that get a second defect (in another part of the form).
pub const SECOND_DEFECT_SHARE: f64 = 0.15;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenOptions {
    /// Number of forms.
    pub forms: usize,
    pub seed: u64,
    /// Share of forms with at least one injected defect (0.0–1.0).
    pub defect_rate: f64,
    /// Renderings to draw from, per form (empty: TSV).
    pub renderings: Vec<Rendering>,
    /// `shenzhen_2022` (元, 项目编码, 一级预算单位) or `central_2020` (万元, 主管部门).
    pub profile: String,
    /// Defect kinds to draw from (empty: all).
    pub kinds: Vec<DefectKind>,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            forms: 1000,
            seed: 1,
            defect_rate: 0.3,
            renderings: vec![Rendering::Tsv],
            profile: "shenzhen_2022".to_string(),
            kinds: Vec::new(),
        }
    }
}

/// One generated form.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedForm {
    pub index: usize,
    /// The form in its rendering; every line ends in `\n`, the last line is blank.
    pub text: String,
    pub rendering: Rendering,
    /// One entry per rule code an injected defect must raise; empty for a clean form.
    pub truth: Vec<TruthEntry>,
}

/// Where a finding for an injected defect should point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TruthEntry {
    /// The form's index in the corpus.
    pub form: usize,
    /// 1-based line within the form's text.
    pub line_in_form: u32,
    /// 1-based cell column of the changed cell; 0 when the defect is a whole line (truncation).
    pub column: u32,
    pub code: &'static str,
    /// [`DefectKind::name`].
    pub kind: &'static str,
}

/// Check the options; `Err` says what is wrong (in English, for the CLI to show).
pub fn validate(opts: &GenOptions) -> Result<(), String> {
    if !PROFILES.contains(&opts.profile.as_str()) {
        return Err(format!(
            "unknown profile {:?}; expected one of {}",
            opts.profile,
            PROFILES.join(", ")
        ));
    }
    if !(0.0..=1.0).contains(&opts.defect_rate) {
        return Err(format!(
            "defect_rate {} is not between 0 and 1",
            opts.defect_rate
        ));
    }
    Ok(())
}

/// A generator for one set of options (the profile is built once).
pub struct Generator<'a> {
    opts: &'a GenOptions,
    profile: Profile,
    central: bool,
    renderings: Vec<Rendering>,
    kinds: Vec<DefectKind>,
}

impl<'a> Generator<'a> {
    /// Unknown profiles fall back to `shenzhen_2022` (see [`validate`]).
    pub fn new(opts: &'a GenOptions) -> Self {
        let central = opts.profile == "central_2020";
        let name = if central {
            "central_2020"
        } else {
            "shenzhen_2022"
        };
        Generator {
            opts,
            profile: profile::by_name(name).unwrap_or_else(profile::default_profile),
            central,
            renderings: if opts.renderings.is_empty() {
                vec![Rendering::Tsv]
            } else {
                opts.renderings.clone()
            },
            kinds: if opts.kinds.is_empty() {
                DefectKind::ALL.to_vec()
            } else {
                opts.kinds.clone()
            },
        }
    }

    /// Form `index` (independent of every other form).
    pub fn form(&self, index: usize) -> GeneratedForm {
        let mut pick = Rng::for_item(self.opts.seed, 0, index as u64);
        let rendering = *pick.pick(&self.renderings);
        let mut kinds = Vec::new();
        if pick.chance(self.opts.defect_rate) {
            let first = *pick.pick(&self.kinds);
            kinds.push(first);
            if first.zone() != Zone::Exclusive && pick.chance(SECOND_DEFECT_SHARE) {
                let others: Vec<DefectKind> = self
                    .kinds
                    .iter()
                    .copied()
                    .filter(|k| k.zone() != first.zone() && k.zone() != Zone::Exclusive)
                    .collect();
                if !others.is_empty() {
                    kinds.push(*pick.pick(&others));
                }
            }
        }
        // Injection runs in a fixed order: cells first, then the total, then truncation.
        kinds.sort_by_key(|k| match k {
            DefectKind::TotalInflated => 1,
            DefectKind::Truncated => 2,
            _ => 0,
        });
        for attempt in 0..16u64 {
            if let Some(g) = self.attempt(index, rendering, &kinds, attempt) {
                return g;
            }
        }
        // No clean form in 16 tries offered a place for the defects: emit a clean form.
        self.attempt(index, rendering, &[], 16)
            .expect("a clean form needs no place for a defect")
    }

    fn attempt(
        &self,
        index: usize,
        rendering: Rendering,
        kinds: &[DefectKind],
        attempt: u64,
    ) -> Option<GeneratedForm> {
        let mut rng = Rng::for_item(self.opts.seed, 1 + attempt, index as u64);
        let mut world = World::default();
        for k in kinds {
            k.shape(&mut world);
        }
        let serial = rng::mix(self.opts.seed).wrapping_add(index as u64) % 100_000_000;
        let mut form = build::build(&mut rng, self.central, world, &self.profile, serial);
        let mut injected = Vec::new();
        for &k in kinds {
            if k == DefectKind::TotalInflated {
                continue;
            }
            injected.extend(defects::apply(k, &mut form, &mut rng, &self.profile)?);
        }
        form.total_score = form.printed_sum();
        if kinds.contains(&DefectKind::TotalInflated) {
            injected.extend(defects::inflate_total(&mut form, &mut rng));
        }
        let layout = Layout::of(&form);
        let mut truth: Vec<TruthEntry> = injected
            .into_iter()
            .map(|(code, kind, cell)| {
                let (line, column) = layout.locate(cell);
                TruthEntry {
                    form: index,
                    line_in_form: line,
                    column,
                    code,
                    kind: kind.name(),
                }
            })
            .collect();
        truth.sort_by(|a, b| {
            (a.line_in_form, a.column, a.code).cmp(&(b.line_in_form, b.column, b.code))
        });
        Some(GeneratedForm {
            index,
            text: layout.print(rendering),
            rendering,
            truth,
        })
    }
}

/// Form `index` of the corpus `opts` describes.
pub fn generate_one(opts: &GenOptions, index: usize) -> GeneratedForm {
    Generator::new(opts).form(index)
}

/// Stream every form of the corpus, in index order, to `sink`. Forms are generated on all cores
/// in small batches, so memory stays bounded (a few hundred forms at a time) for any corpus size.
pub fn generate(opts: &GenOptions, mut sink: impl FnMut(GeneratedForm)) {
    let g = Generator::new(opts);
    g.for_each(0..opts.forms, &mut sink);
}

/// Forms generated per thread before they are handed to the sink in order.
const BATCH_PER_THREAD: usize = 64;

impl Generator<'_> {
    /// Generate `range` in index order into `sink`, in parallel batches.
    pub fn for_each(&self, range: std::ops::Range<usize>, sink: &mut dyn FnMut(GeneratedForm)) {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(16);
        if threads == 1 || range.len() < 2 * BATCH_PER_THREAD {
            for index in range {
                sink(self.form(index));
            }
            return;
        }
        let mut start = range.start;
        while start < range.end {
            let end = (start + threads * BATCH_PER_THREAD).min(range.end);
            let batches: Vec<Vec<GeneratedForm>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let lo = (start + t * BATCH_PER_THREAD).min(end);
                        let hi = (lo + BATCH_PER_THREAD).min(end);
                        s.spawn(move || (lo..hi).map(|i| self.form(i)).collect::<Vec<_>>())
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| match h.join() {
                        Ok(v) => v,
                        Err(panic) => std::panic::resume_unwind(panic),
                    })
                    .collect()
            });
            for form in batches.into_iter().flatten() {
                sink(form);
            }
            start = end;
        }
    }
}
