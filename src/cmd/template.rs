//! `klacht template`: an empty register workbook that follows the procedure.

use super::{TemplateOptions, EXIT_OK};
use crate::config::Config;
use crate::error::Result;

/// Runs `template`.
pub fn run(config: &Config, args: &TemplateOptions) -> Result<u8> {
    crate::render::template::write_template(&args.out, config.lang, config.company.as_deref())?;
    eprintln!(
        "{} {}",
        config.lang.pick(
            "Leeg klachtenregister geschreven:",
            "Empty complaint register written:"
        ),
        args.out.display()
    );
    Ok(EXIT_OK)
}
