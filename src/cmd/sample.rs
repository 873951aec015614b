//! `klacht sample`: a synthetic register to try the tool on and to benchmark it.

use super::EXIT_OK;
use crate::config::Config;
use crate::error::Result;
use crate::sample::{write_sample, SampleOptions};

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
    eprintln!(
        "{} {} → {}",
        args.rows,
        config
            .lang
            .pick("klachten geschreven", "complaints written"),
        args.out.display()
    );
    Ok(EXIT_OK)
}
