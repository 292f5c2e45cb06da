//! The `veldtoets` binary: everything lives in the library; see `veldtoets::cli`.

fn main() -> std::process::ExitCode {
    veldtoets::cli::main()
}
