//! Shared helpers for the integration tests that run the real `veldtoets` binary, in the style of
//! ripgrep's `tests/util.rs`: a temporary working directory, a command builder and a captured
//! [`Output`] whose assertions print the full command line, exit status, stdout and stderr when
//! they fail.
//!
//! ```ignore
//! use crate::common::TestDir;
//!
//! let dir = TestDir::new();
//! let input = dir.write("oordelen.json", r#"{"1.1.1": "voldoende"}"#);
//! let out = dir.run(["score", "--kader", "vt-2016-stap2"]).arg(&input).output();
//! out.success();
//! assert_eq!(out.json()["eindoordeel"], "voldoende");
//! ```

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{self, Command, ExitStatus, Stdio};

/// The name libtest knows a test of this binary by, for `--exact` when a test runs another test
/// of the binary in a child process: `test_name(module_path!(), "writer")` in `durability.rs`
/// is `durability::writer` (the crate's own name, `suite`, is not part of it).
pub fn test_name(module_path: &str, function: &str) -> String {
    let module = module_path.split_once("::").map_or("", |(_, rest)| rest);
    if module.is_empty() {
        function.to_string()
    } else {
        format!("{module}::{function}")
    }
}

/// Path of the `veldtoets` binary that Cargo built for this test run.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_veldtoets"))
}

/// The directory holding the shipped kader files (`assets/kaders`).
pub fn kaders_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/kaders")
}

/// The text of a shipped kader file, e.g. `shipped_kader("vt-2016-stap2")`.
pub fn shipped_kader(id: &str) -> String {
    let path = kaders_dir().join(format!("{id}.toml"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A temporary directory, removed when dropped. Commands created from it run inside it, with
/// `HOME` and the XDG directories pointing into it so a test never touches the user's own files.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl Default for TestDir {
    fn default() -> Self {
        Self::new()
    }
}

impl TestDir {
    pub fn new() -> TestDir {
        let dir = tempfile::Builder::new()
            .prefix("veldtoets-test-")
            .tempdir()
            .expect("create temporary directory");
        TestDir { dir }
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `name` inside the directory (not created).
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path().join(name)
    }

    /// Writes `contents` to `name` (creating parent directories) and returns its full path.
    pub fn write(&self, name: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
        }
        fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// Writes `value` as pretty JSON to `name` and returns its full path.
    pub fn write_json(&self, name: impl AsRef<Path>, value: &serde_json::Value) -> PathBuf {
        let text = serde_json::to_string_pretty(value).expect("serialize JSON");
        self.write(name, text)
    }

    /// Creates a subdirectory and returns its full path.
    pub fn mkdir(&self, name: impl AsRef<Path>) -> PathBuf {
        let path = self.join(name);
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
        path
    }

    /// Reads `name` as UTF-8 text.
    pub fn read(&self, name: impl AsRef<Path>) -> String {
        let path = self.join(name);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Reads `name` as bytes.
    pub fn read_bytes(&self, name: impl AsRef<Path>) -> Vec<u8> {
        let path = self.join(name);
        fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn exists(&self, name: impl AsRef<Path>) -> bool {
        self.join(name).exists()
    }

    /// A `veldtoets` command that runs in this directory.
    pub fn command(&self) -> TestCommand {
        let mut cmd = TestCommand::new();
        cmd.current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.join(".config"))
            .env("XDG_DATA_HOME", self.join(".local/share"))
            .env("XDG_CACHE_HOME", self.join(".cache"))
            // A passphrase of the developer's own shell must not change what a test sees.
            .env_remove("VELDTOETS_WACHTWOORD")
            .env_remove("VELDTOETS_NIEUW_WACHTWOORD");
        cmd
    }

    /// `veldtoets ARGS…` in this directory; add more with [`TestCommand::arg`], then call
    /// [`TestCommand::output`].
    pub fn cmd<I, S>(&self, args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command();
        cmd.args(args);
        cmd
    }

    /// Creates inspection file `name` on `vt-2016-stap2` for "Veilig Thuis Proefregio" by
    /// "E. Voorbeeld" with `veldtoets new`, asserting success.
    pub fn new_inspection(&self, name: &str) {
        self.run([
            "new",
            "--onversleuteld",
            name,
            "--kader",
            "vt-2016-stap2",
            "--organisatie",
            "Veilig Thuis Proefregio",
            "--inspecteur",
            "E. Voorbeeld",
        ])
        .success();
    }

    /// Runs `veldtoets ARGS…` in this directory as another user (`runuser -u USER`), e.g. to
    /// see what a user without write permission gets. Only root can do this: see [`is_root`].
    pub fn run_as<I, S>(&self, user: &str, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<OsString> = args
            .into_iter()
            .map(|a| a.as_ref().to_os_string())
            .collect();
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", user, "--"])
            .arg(bin())
            .args(&args)
            .current_dir(self.path())
            .env("HOME", self.path())
            .env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null());
        let cmdline = format!(
            "runuser -u {user} -- {}",
            std::iter::once(bin().into_os_string())
                .chain(args)
                .map(|a| shell_quote(&a.to_string_lossy()))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot start {cmdline}: {e}"));
        Output::new(cmdline, out)
    }

    /// Runs `veldtoets ARGS…` in this directory and captures its output.
    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd(args).output()
    }
}

/// Whether the tests run as root (and may mount file systems or run commands as another user).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Whether `runuser -u nobody` works here (root, and the binary reachable by `nobody`).
pub fn can_run_as_nobody() -> bool {
    is_root()
        && Command::new("runuser")
            .args(["-u", "nobody", "--"])
            .arg(bin())
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// Runs `veldtoets ARGS…` in a fresh temporary directory and captures its output.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    TestDir::new().run(args)
}

/// A `veldtoets` invocation being built. Stdin is empty unless [`TestCommand::stdin`] is given.
pub struct TestCommand {
    cmd: Command,
    args: Vec<OsString>,
    stdin: Option<Vec<u8>>,
}

impl Default for TestCommand {
    fn default() -> Self {
        Self::new()
    }
}

impl TestCommand {
    pub fn new() -> TestCommand {
        let mut cmd = Command::new(bin());
        // Stable, uncoloured output regardless of the developer's terminal and locale.
        cmd.env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LOG");
        TestCommand {
            cmd,
            args: Vec::new(),
            stdin: None,
        }
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(arg.as_ref().to_os_string());
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env_remove(key);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.cmd.current_dir(dir);
        self
    }

    /// Bytes fed to the process's stdin.
    pub fn stdin(&mut self, input: impl AsRef<[u8]>) -> &mut Self {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// The command line as a shell-like string, for failure messages.
    pub fn command_line(&self) -> String {
        std::iter::once(bin().into_os_string())
            .chain(self.args.iter().cloned())
            .map(|a| shell_quote(&a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Runs the command to completion and captures status, stdout and stderr.
    pub fn output(&mut self) -> Output {
        use std::io::Write;

        let cmdline = self.command_line();
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self
            .cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmdline}: {e}"));
        if let Some(input) = self.stdin.take() {
            let mut stdin = child.stdin.take().expect("piped stdin");
            // A process that exits without reading all of stdin is not an error here.
            let _ = stdin.write_all(&input);
        }
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("cannot wait for {cmdline}: {e}"));
        Output::new(cmdline, out)
    }
}

/// The captured result of one run. Assertion methods panic with the full report on failure.
pub struct Output {
    cmdline: String,
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Output {
    fn new(cmdline: String, out: process::Output) -> Output {
        Output {
            cmdline,
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn status(&self) -> ExitStatus {
        self.status
    }

    /// The exit code (`None` when killed by a signal).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Panics with `message` followed by the full report.
    pub fn fail(&self, message: impl fmt::Display) -> ! {
        panic!("{message}\n{self}")
    }

    /// Asserts exit status 0 and no panic.
    pub fn success(&self) -> &Self {
        if !self.status.success() {
            self.fail("expected the command to succeed");
        }
        self.no_panic()
    }

    /// Asserts a non-zero exit code (not a signal) and no panic.
    pub fn failure(&self) -> &Self {
        match self.status.code() {
            Some(0) => self.fail("expected the command to fail, but it exited with 0"),
            None => self.fail("expected a non-zero exit code, but the process was killed"),
            Some(_) => {}
        }
        self.no_panic()
    }

    /// Asserts that neither stream shows a Rust panic.
    pub fn no_panic(&self) -> &Self {
        if self.stderr.contains("panicked") || self.stdout.contains("panicked") {
            self.fail("the program panicked");
        }
        self
    }

    pub fn stdout_contains(&self, needle: &str) -> &Self {
        if !self.stdout.contains(needle) {
            self.fail(format!("expected stdout to contain {needle:?}"));
        }
        self
    }

    pub fn stderr_contains(&self, needle: &str) -> &Self {
        if !self.stderr.contains(needle) {
            self.fail(format!("expected stderr to contain {needle:?}"));
        }
        self
    }

    pub fn stderr_not_contains(&self, needle: &str) -> &Self {
        if self.stderr.contains(needle) {
            self.fail(format!("expected stderr not to contain {needle:?}"));
        }
        self
    }

    pub fn stdout_empty(&self) -> &Self {
        if !self.stdout.is_empty() {
            self.fail("expected empty stdout");
        }
        self
    }

    pub fn stderr_empty(&self) -> &Self {
        if !self.stderr.is_empty() {
            self.fail("expected empty stderr");
        }
        self
    }

    /// Asserts stderr is exactly one non-empty line (one clear message).
    pub fn stderr_one_line(&self) -> &Self {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.len() != 1 {
            self.fail(format!(
                "expected exactly one line on stderr, got {}",
                lines.len()
            ));
        }
        self
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| self.fail(format!("stdout is not valid JSON: {e}")))
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n===== command =====\n{}\n===== status ======\n{}\n===== stdout ======\n{}\n===== stderr ======\n{}\n===================",
            self.cmdline, self.status, self.stdout, self.stderr
        )
    }
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Texts that only appear when an English library message (serde, toml, serde_json, clap, the
/// OS) leaks through to the user.
pub const ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "unknown field",
    "missing field",
    "duplicate",
    "os error",
    "No such file",
    "Is a directory",
    "not a directory",
    "Permission denied",
    "stream did not contain",
    "error:",
    "Usage:",
    "For more information",
    "Print help",
    "unexpected",
    "required",
    "EOF",
    "column",
    "at line",
    "[OPTIONS]",
    "panicked",
];

/// Asserts a failure with a Dutch `fout:` message on stderr that contains every one of `parts`,
/// no English library text on stderr or stdout, and nothing on stdout.
#[track_caller]
pub fn dutch_failure(out: &Output, parts: &[&str]) {
    out.failure();
    let stderr = out.stderr();
    if !stderr.starts_with("fout: ") {
        out.fail("expected a message starting with 'fout: '");
    }
    for marker in ENGLISH {
        if stderr.contains(marker) || out.stdout().contains(marker) {
            out.fail(format!("English text {marker:?} reached the user"));
        }
    }
    for part in parts {
        if !stderr.contains(part) {
            out.fail(format!("expected the message to contain {part:?}"));
        }
    }
    out.stdout_empty();
}

/// Every file directly in `dir` with its bytes (the inspection file, side files, outputs).
pub fn snapshot(dir: impl AsRef<Path>) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.as_ref())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Asserts that the files directly in `dir` are byte for byte those of `before`.
#[track_caller]
pub fn assert_unchanged(
    dir: impl AsRef<Path>,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let after = snapshot(dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files appeared or vanished: {what}"
    );
    for (name, bytes) in before {
        assert!(after[name] == *bytes, "{name} changed: {what}");
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        self.path()
    }
}

/// Compares `actual` with the committed text file `path` (a model or structure snapshot, a
/// generated man page), or rewrites it when `UPDATE_SNAPSHOTS=1`; `test` names the module
/// of this binary whose tests write it, for the message that says how to update it.
pub fn check_text_snapshot(path: &Path, actual: &str, test: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().expect("parent")).expect("snapshot dir");
        fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run UPDATE_SNAPSHOTS=1 cargo test --test suite {test}::",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\nIf the change is intended, run UPDATE_SNAPSHOTS=1 cargo test --test suite {test}:: and review the diff.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end>"),
            actual.lines().nth(first).unwrap_or("<end>"),
        );
    }
}
