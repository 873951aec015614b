//! The layer test: every module imports only its own layer and the layers below it
//! (docs/architecture.md), checked on the source text as ArchUnit checks Java packages.
//!
//! Each file under `src/` belongs to its top-level module (`src/rules/procedure.rs` to `rules`,
//! `src/calendar.rs` to `calendar`). Its code (comments and string literals left out) is
//! searched for the crate paths it uses: `crate::x…` in `use` lines and inline, the members of
//! `crate::{x, y::…}`, the crate-root re-exports (`crate::Error` is `error`) and `super::`
//! chains long enough to leave the top-level module. A path into a module of a higher layer
//! fails the test, naming file, line and both layers; so does a top-level module that no layer
//! lists.
//!
//! Test code is held to the same rule: a `#[cfg(test)]` helper that needs a higher layer
//! shows a dependency the layer should not have. The only exemptions are the crate root
//! (`lib.rs`, which declares every module) and this test-only module, whose patterns name
//! other modules.

use std::path::{Path, PathBuf};

/// The layers, bottom first: a module may import modules on its own line and on the lines
/// above it. One line per layer; modules on one line may import each other.
const LAYERS: &[&str] = &[
    "lang testkit",   // the language switch; SPEC tables written out for tests
    "base",           // locations, DayOrder, key folding, rule catalogue
    "messages",       // the Dutch/English catalogue of user texts
    "error progress", // errors and the progress line, in those texts
    "calendar",       // working days
    "register",       // the complaint model, its sources and findings
    "config",         // klacht.toml
    "ingest",         // bytes → raw rows → Register
    "rules",          // Register → findings
    "metrics",        // Register + findings → figures
    "render sample",  // figures → workbook, charts, JSON, terminal; demo registers
    "cmd",            // one module per subcommand
    "cli",            // clap flags → cmd options
    "main",           // the binary
];

/// Files exempt from the rule: the crate root and this test.
const EXEMPT: &[&str] = &["lib", "layers"];

/// Items the crate root re-exports, with the module that defines them.
const ROOT_ITEMS: &[(&str, &str)] = &[("Error", "error"), ("Result", "error"), ("Lang", "lang")];

/// The layer of a top-level module.
fn layer(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|line| line.split_whitespace().any(|m| m == module))
}

/// One import of a module from a higher layer.
#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let (a, b) = (layer(&self.from), layer(&self.to));
        write!(
            f,
            "{}:{}: `{}` (layer {}: {}) imports `{}` (layer {}: {}), a layer above it",
            self.file,
            self.line,
            self.from,
            a.map_or(0, |a| a + 1),
            a.map_or("", |a| LAYERS[a]),
            self.to,
            b.map_or(0, |b| b + 1),
            b.map_or("", |b| LAYERS[b]),
        )
    }
}

/// The source with comments and the contents of string and char literals blanked to spaces,
/// lines kept, so that a path in a doc comment or a message is not taken for an import.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let at = |j: usize| c.get(j).copied();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && at(i + 1) == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && at(i + 1) == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == Some('*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == Some('/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (at(i + 1) == Some('"') || at(i + 1) == Some('#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // A raw string r"…" or r#"…"#: ends at a quote followed by as many hashes.
            let mut k = 1;
            while at(i + k) == Some('#') {
                k += 1;
            }
            if at(i + k) != Some('"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let hashes = k - 1;
            out.extend(std::iter::repeat_n(' ', k + 1));
            i += k + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|h| c.get(i + h) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' && (at(i + 2) == Some('\'') || at(i + 1) == Some('\\')) {
            // A char literal ('"', '\''), not a lifetime.
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '\'' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules a path after `crate::` names: one, or the members of a brace group.
fn targets(after: &str) -> Vec<String> {
    let module = |name: &str| {
        ROOT_ITEMS
            .iter()
            .find(|(item, _)| *item == name)
            .map_or(name, |(_, m)| m)
            .to_string()
    };
    if let Some(group) = after.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        let mut out = Vec::new();
        for (k, ch) in group.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.push(group[start..k].trim());
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(group[start..k].trim());
                    start = k + 1;
                }
                _ => {}
            }
        }
        out.into_iter()
            .map(ident)
            .filter(|m| !m.is_empty() && *m != "self")
            .map(module)
            .collect()
    } else {
        vec![module(ident(after))]
    }
}

/// The line (1-based) of byte offset `at`.
fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// The top-level modules `code` (of a file in top-level module `from`, at module depth
/// `depth`: 1 for `src/x.rs` and `src/x/mod.rs`, 2 for `src/x/y.rs`) uses, with their lines.
fn imports(code: &str, depth: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '$') {
            continue;
        }
        let after = code[at + "crate::".len()..].trim_start();
        for t in targets(after) {
            out.push((line_of(code, at), t));
        }
    }
    // `super::` chains: inline `mod x {` blocks nest one level deeper than the file.
    let mut mods: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        match bytes[i] {
            b'{' => braces += 1,
            b'}' => {
                braces = braces.saturating_sub(1);
                if mods.last() == Some(&braces) {
                    mods.pop();
                }
            }
            b'm' if word_start && code[i..].starts_with("mod ") => {
                let rest = &code[i + 4..];
                let name = ident(rest.trim_start());
                if rest.trim_start()[name.len()..]
                    .trim_start()
                    .starts_with('{')
                {
                    mods.push(braces);
                }
            }
            b's' if word_start && code[i..].starts_with("super::") => {
                let mut n = 0;
                let mut k = i;
                while code[k..].starts_with("super::") {
                    n += 1;
                    k += "super::".len();
                }
                if n >= depth + mods.len() {
                    for t in targets(code[k..].trim_start()) {
                        out.push((line_of(code, i), t));
                    }
                }
                i = k;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The top-level module and module depth of a file, by its path under `src/`.
fn module_of(rel: &Path) -> (String, usize) {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let depth = if parts.last().is_some_and(|p| p == "mod") {
        parts.len() - 1
    } else {
        parts.len()
    };
    (parts[0].clone(), depth)
}

/// The violations of one file.
fn check_file(rel: &Path, src: &str) -> Vec<Violation> {
    let (from, depth) = module_of(rel);
    if EXEMPT.contains(&from.as_str()) {
        return Vec::new();
    }
    let code = code_only(src);
    let mut out = Vec::new();
    for (line, to) in imports(&code, depth) {
        let higher = match (layer(&from), layer(&to)) {
            (Some(a), Some(b)) => b > a,
            _ => true,
        };
        if higher && to != from {
            out.push(Violation {
                file: format!("src/{}", rel.display()),
                line,
                from: from.clone(),
                to,
            });
        }
    }
    out
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_imports_only_its_own_layer_and_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 100, "the whole crate is read");
    let mut problems = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src/");
        let (module, _) = module_of(rel);
        if !EXEMPT.contains(&module.as_str()) && layer(&module).is_none() {
            problems.push(format!(
                "src/{}: module `{module}` is in no layer",
                rel.display()
            ));
        }
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        problems.extend(check_file(rel, &text).iter().map(|v| v.to_string()));
    }
    assert!(
        problems.is_empty(),
        "imports against the layer order (src/layers.rs, docs/architecture.md):\n{}",
        problems.join("\n")
    );
}

/// The checker itself, on made-up files: it must see every form of upward path and nothing
/// in comments or strings.
#[test]
fn the_checker_finds_upward_paths_in_every_form() {
    let reg = Path::new("register/mod.rs");
    let found = |src: &str| -> Vec<(usize, String)> {
        check_file(reg, src)
            .into_iter()
            .map(|v| (v.line, v.to))
            .collect()
    };
    assert_eq!(
        found("use crate::render::terminal;\n"),
        [(1, "render".into())]
    );
    assert_eq!(
        found("use crate::base::Rule;\nfn f() { let _ = crate::rules::check_all; }\n"),
        [(2, "rules".into())]
    );
    assert_eq!(
        found("use crate::{base::Rule, cmd::calendar, Error};\n"),
        [(1, "cmd".into())]
    );
    assert_eq!(found("use crate::{\n    config::Config,\n};\n").len(), 1);
    // Downward, own module, comments, doc links and strings are fine.
    assert!(found("use crate::base::location::CellRef;\nuse crate::register::Field;\n").is_empty());
    assert!(found("// crate::cmd\n/// [`crate::cli`]\n/* crate::render */\n").is_empty());
    assert!(
        found("const S: &str = \"crate::cli\";\nconst R: &str = r#\"crate::cli\"#;\n").is_empty()
    );
    assert!(found("const Q: char = '\"'; const T: &str = \"crate::cli\";\n").is_empty());
    // `super::` that reaches the crate root from an inline module of a depth-2 file.
    let nested = "mod tests {\n    use super::super::super::render::x;\n}\n";
    assert_eq!(
        check_file(Path::new("register/source.rs"), nested)
            .into_iter()
            .map(|v| (v.line, v.to))
            .collect::<Vec<_>>(),
        [(2, "render".to_string())]
    );
    // … but not when it stays inside the module.
    assert!(check_file(
        Path::new("register/source.rs"),
        "mod tests { use super::super::field; }"
    )
    .is_empty());
    // A bottom module may not import anything but the bottom.
    assert_eq!(
        check_file(Path::new("base/key.rs"), "use crate::register::Text;")
            .first()
            .map(|v| v.to_string()),
        Some(
            "src/base/key.rs:1: `base` (layer 2: base) imports `register` (layer 6: register), \
             a layer above it"
                .to_string()
        )
    );
}
