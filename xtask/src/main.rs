//! `cargo xtask dist [--target TRIPLE]... [--sign KEY_ID] [--out-dir DIR]`: the command line
//! of the release task; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::dist::{self, Options};
use xtask::DistError;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse(&args).and_then(|options| dist::run(&options));
    match result {
        Ok(release) => {
            println!("dist: {} in {}", release.version, release.out_dir.display());
            for archive in &release.archives {
                println!("  {}  {}", archive.file_name(), archive.h1);
            }
            for file in &release.files {
                println!("  {}", file.display());
            }
            println!("  mirror tree: {}", release.mirror.display());
            ExitCode::SUCCESS
        }
        Err(err @ DistError::Usage(_)) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<Options, DistError> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("dist") => {}
        Some(other) => return Err(DistError::Usage(format!("unknown task {other:?}"))),
        None => return Err(DistError::Usage("which task? (dist)".into())),
    }
    let mut options = Options::default();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| DistError::Usage(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--target" => options.targets.push(value()?),
            "--sign" => options.sign = Some(value()?),
            "--out-dir" => options.out_dir = Some(PathBuf::from(value()?)),
            other => return Err(DistError::Usage(format!("unknown option {other:?}"))),
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags_are_read_in_any_order() {
        let options = parse(&args(
            "dist --sign ABC --target x86_64-apple-darwin --out-dir /o --target aarch64-apple-darwin",
        ))
        .unwrap();
        assert_eq!(
            options,
            Options {
                targets: vec!["x86_64-apple-darwin".into(), "aarch64-apple-darwin".into()],
                sign: Some("ABC".into()),
                out_dir: Some("/o".into()),
            }
        );
        assert_eq!(parse(&args("dist")).unwrap(), Options::default());
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for bad in ["", "build", "dist --target", "dist --sgin K"] {
            assert!(
                matches!(parse(&args(bad)), Err(DistError::Usage(_))),
                "{bad:?}"
            );
        }
    }
}
