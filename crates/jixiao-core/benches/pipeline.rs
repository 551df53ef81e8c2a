//! Throughput of the pipeline stages on the seed repeated N times (default 1000 = 16,000 forms).
//!
//! `cargo bench -p jixiao-core --bench pipeline [-- N]` prints forms/s and MB/s for
//! read, read+score and read+score+check, the check overhead (must stay within 2× of reading),
//! and compares with `bench/baseline-pipeline.json` (committed; refresh it with
//! `JIXIAO_BENCH_SAVE=1`). Timing on a shared 2-core machine is noisy: each stage is run 3 times
//! and the fastest run counts. A counting global allocator prints allocations per form for
//! each stage (read, score, check), the allocation budget of the hot path.

use jixiao_core::check;
use jixiao_core::pipeline;
use jixiao_core::read::{self, ReadOptions};
use jixiao_core::score;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting allocations (and reallocations) so the bench can report
/// allocations per form.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded with the caller's arguments.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made while running `f`.
fn allocations<F: FnOnce() -> usize>(f: F) -> u64 {
    let before = ALLOCS.load(Ordering::Relaxed);
    std::hint::black_box(f());
    ALLOCS.load(Ordering::Relaxed) - before
}

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn best_of<F: FnMut() -> usize>(mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..3 {
        let t = Instant::now();
        n = f();
        best = best.min(t.elapsed());
    }
    (best, n)
}

fn main() {
    let repeat: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let text = SEED.repeat(repeat);
    let mb = text.len() as f64 / 1e6;
    let opts = ReadOptions::default();

    let (t_read, forms) = best_of(|| read::read_text("bench", &text, &opts).len());
    let (t_score, _) = best_of(|| {
        read::read_text("bench", &text, &opts)
            .iter()
            .map(|f| {
                let p = pipeline::profile_for(f);
                score::evaluate(p, f).indicators.len()
            })
            .sum()
    });
    let (t_check, findings) = best_of(|| {
        read::read_text("bench", &text, &opts)
            .iter()
            .map(|f| {
                let p = pipeline::profile_for(f);
                let e = score::evaluate(p, f);
                check::check_form(f, p, &e).len()
            })
            .sum()
    });

    // Allocations per form, each stage counted on its own (the form is read once outside).
    let forms_read = read::read_text("bench", &text, &opts);
    let a_read = allocations(|| read::read_text("bench", &text, &opts).len());
    let evals: Vec<_> = forms_read
        .iter()
        .map(|f| score::evaluate(pipeline::profile_for(f), f))
        .collect();
    let a_score = allocations(|| {
        forms_read
            .iter()
            .map(|f| {
                score::evaluate(pipeline::profile_for(f), f)
                    .indicators
                    .len()
            })
            .sum()
    });
    let a_check = allocations(|| {
        forms_read
            .iter()
            .zip(&evals)
            .map(|(f, e)| check::check_form(f, pipeline::profile_for(f), e).len())
            .sum()
    });
    drop(evals);
    drop(forms_read);
    let per_form = |a: u64| a as f64 / forms as f64;

    let rate = |t: Duration| forms as f64 / t.as_secs_f64();
    println!("input: seed × {repeat} = {forms} forms, {mb:.1} MB, {findings} findings");
    for (name, t) in [
        ("read", t_read),
        ("read+score", t_score),
        ("read+score+check", t_check),
    ] {
        println!(
            "{name:<18} {:>8.1} ms  {:>10.0} forms/s  {:>7.1} MB/s",
            t.as_secs_f64() * 1e3,
            rate(t),
            mb / t.as_secs_f64()
        );
    }
    println!(
        "allocations per form: read {:.0}, score {:.0}, check {:.0}, total {:.0}",
        per_form(a_read),
        per_form(a_score),
        per_form(a_check),
        per_form(a_read + a_score + a_check)
    );
    let overhead = t_check.as_secs_f64() / t_read.as_secs_f64();
    println!("check overhead: read+score+check / read = {overhead:.2}× (limit 2.00×)");

    let baseline_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/baseline-pipeline.json"
    );
    let current = serde_json::json!({
        "repeat": repeat,
        "read_forms_per_s": rate(t_read).round(),
        "score_forms_per_s": rate(t_score).round(),
        "check_forms_per_s": rate(t_check).round(),
        "check_overhead": (overhead * 100.0).round() / 100.0,
        "allocs_per_form_read": per_form(a_read).round(),
        "allocs_per_form_score": per_form(a_score).round(),
        "allocs_per_form_check": per_form(a_check).round(),
    });
    if std::env::var_os("JIXIAO_BENCH_SAVE").is_some() {
        let _ = std::fs::write(
            baseline_path,
            serde_json::to_string_pretty(&current).unwrap_or_default() + "\n",
        );
        println!("baseline saved to bench/baseline-pipeline.json");
    } else if let Some(base) = std::fs::read_to_string(baseline_path)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    {
        for key in ["read_forms_per_s", "score_forms_per_s", "check_forms_per_s"] {
            let b = base[key].as_f64().unwrap_or(0.0);
            let c = current[key].as_f64().unwrap_or(0.0);
            if b > 0.0 {
                let ratio = c / b;
                let flag = if ratio < 0.77 {
                    "  ← REGRESSION (>30% slower)"
                } else {
                    ""
                };
                println!("{key:<20} baseline {b:>10.0}  now {c:>10.0}  ({ratio:.2}×){flag}");
            }
        }
    }
    if overhead > 2.0 {
        println!("WARNING: checks cost more than reading ({overhead:.2}× > 2×)");
        std::process::exit(1);
    }
}
