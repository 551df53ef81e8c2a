//! Shared helpers: run generated forms through the core's pipeline, in parallel.

#![allow(dead_code)]

use jixiao_core::check::Finding;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use jixiao_gen::{GenOptions, GeneratedForm, Generator};

/// One generated form and what the pipeline made of it.
pub struct Checked {
    pub generated: GeneratedForm,
    pub forms: Vec<CheckedForm>,
}

impl Checked {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.forms.iter().flat_map(|c| c.findings.iter())
    }
}

/// Generate forms `0..opts.forms` and check each one on its own (`check_bytes` on the form's
/// text), on every core; `visit` sees them in index order.
pub fn check_all(opts: &GenOptions, visit: impl FnMut(Checked)) {
    check_in_files(opts, 1, visit);
}

/// Like [`check_all`], but `per_file` forms are concatenated into one text (as in a corpus
/// file), read with `check_bytes`, then checked together with `check_batch`; the read forms are
/// handed out one per generated form (the reader must find exactly one form per generated form).
pub fn check_in_files(opts: &GenOptions, per_file: usize, mut visit: impl FnMut(Checked)) {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    let files_per_round = threads * (256 / per_file).max(1);
    let g = Generator::new(opts);
    let file_count = opts.forms.div_ceil(per_file);
    let mut first_file = 0;
    while first_file < file_count {
        let last_file = (first_file + files_per_round).min(file_count);
        let mut results: Vec<Vec<Checked>> = Vec::new();
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let g = &g;
                    s.spawn(move || {
                        let mut out = Vec::new();
                        let mut file = first_file + t;
                        while file < last_file {
                            let lo = file * per_file;
                            let hi = (lo + per_file).min(opts.forms);
                            out.extend(check_file(g, lo..hi, per_file > 1));
                            file += threads;
                        }
                        out
                    })
                })
                .collect();
            for h in handles {
                results.push(h.join().expect("checker thread panicked"));
            }
        });
        let mut all: Vec<Checked> = results.into_iter().flatten().collect();
        all.sort_by_key(|c| c.generated.index);
        for c in all {
            visit(c);
        }
        first_file = last_file;
    }
}

fn check_file(g: &Generator, range: std::ops::Range<usize>, batch: bool) -> Vec<Checked> {
    let generated: Vec<GeneratedForm> = range.map(|i| g.form(i)).collect();
    if !batch {
        return generated
            .into_iter()
            .map(|generated| {
                let forms = pipeline::check_bytes(
                    "generated.txt",
                    generated.text.as_bytes(),
                    &ReadOptions::default(),
                );
                Checked { generated, forms }
            })
            .collect();
    }
    let text: String = generated.iter().map(|f| f.text.as_str()).collect();
    let mut forms =
        pipeline::check_bytes("generated.txt", text.as_bytes(), &ReadOptions::default());
    pipeline::check_batch(&mut forms);
    assert_eq!(
        forms.len(),
        generated.len(),
        "forms {}..: read {} forms from {} generated",
        generated[0].index,
        forms.len(),
        generated.len()
    );
    generated
        .into_iter()
        .zip(forms)
        .map(|(generated, form)| Checked {
            generated,
            forms: vec![form],
        })
        .collect()
}
