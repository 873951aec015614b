//! The `klacht` binary: everything lives in the library; this only hands over the exit code.

/// See `mimalloc` in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    klacht::cli::main()
}
