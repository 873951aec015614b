//! `klacht sample`: a synthetic register to try the tool on and to benchmark it.

use super::EXIT_OK;
use crate::config::Config;
use crate::error::Result;
use crate::sample::{volume_path, write_sample, write_sample_volume, SampleOptions};

/// Runs `sample`.
pub fn run(config: &Config, args: &super::SampleOptions) -> Result<u8> {
    let opts = SampleOptions {
        rows: args.rows,
        seed: args.seed,
        start: args.from,
        end: args.to,
        lang: config.lang,
    };
    write_sample(&opts, &args.out)?;
    // The work orders that go with it, so that a report can show complaints per 1,000.
    let volume = volume_path(&args.out, config.lang);
    write_sample_volume(&opts, &volume)?;
    let lang = config.lang;
    eprintln!(
        "{} {} → {}",
        args.rows,
        lang.pick("klachten geschreven", "complaints written"),
        args.out.display()
    );
    let name = volume.file_name().unwrap_or_default().to_string_lossy();
    eprintln!(
        "{} → {}
{} [volume] file = {}",
        lang.pick("werkbonnen per maand", "work orders per month"),
        volume.display(),
        lang.pick(
            "Klachten per 1.000 werkbonnen in het rapport: zet in klacht.toml",
            "Complaints per 1,000 work orders in the report: put in klacht.toml",
        ),
        crate::config::quote(&name),
    );
    Ok(EXIT_OK)
}
