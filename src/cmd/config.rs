//! `klacht config --print`: the effective configuration, every default written out.

use super::{ConfigOptions, EXIT_OK};
use crate::config::Config;
use crate::error::Result;

/// Runs `config`.
pub fn run(config: &Config, _args: &ConfigOptions) -> Result<u8> {
    crate::render::output::print(&config.to_toml_pretty(config.lang))?;
    Ok(EXIT_OK)
}
