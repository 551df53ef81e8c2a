//! A generated corpus without building the CLI (for profiling the core on its own):
//! `cargo run --release -p jixiao-gen --example gen_corpus -- FORMS SEED FORMS_PER_FILE OUT`
//! writes what `jixiao gen --forms FORMS --seed SEED --forms-per-file FORMS_PER_FILE -o OUT`
//! writes (default defect rate, profile and rendering).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [forms, seed, per_file, out] = args.as_slice() else {
        eprintln!("usage: gen_corpus FORMS SEED FORMS_PER_FILE OUT");
        return ExitCode::from(2);
    };
    let (Ok(forms), Ok(seed), Ok(per_file)) = (forms.parse(), seed.parse(), per_file.parse())
    else {
        eprintln!("FORMS, SEED and FORMS_PER_FILE are whole numbers");
        return ExitCode::from(2);
    };
    let opts = jixiao_gen::GenOptions {
        forms,
        seed,
        ..Default::default()
    };
    match jixiao_gen::write_corpus(&opts, std::path::Path::new(out), per_file) {
        Ok(s) => {
            println!("{} forms, {} bytes, {}", s.forms, s.bytes, s.checksum);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::from(2)
        }
    }
}
