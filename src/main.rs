//! The `qala` binary; see `qala --help`.
fn main() -> std::process::ExitCode {
    qala::server::cli::main()
}
