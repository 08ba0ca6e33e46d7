//! The `qala` binary as an operator uses it.
use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

fn qala(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qala"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("LEPTOS_SITE_ADDR")
        .env("QALA_LOG", "warn")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the qala binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let output = qala(&["migrate"], &[("DATABASE_URL", "mysql://root@localhost/qala")], "");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(
        message.contains("DATABASE_URL") && message.contains("mysql://"),
        "{message}"
    );

    let output = qala(&["serve"], &[("LEPTOS_SITE_ADDR", "not-an-address")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("LEPTOS_SITE_ADDR"), "{}", stderr(&output));

    let output = qala(&["migrate"], &[("QALA_LOG", "qala=loud")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("QALA_LOG"), "{}", stderr(&output));
}

#[test]
fn migrate_creates_the_database_and_users_are_created_from_stdin() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", directory.path().join("qala.db").display());
    let env = [("DATABASE_URL", url.as_str())];
    let output = qala(&["migrate"], &env, "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(directory.path().join("qala.db").exists());

    let output = qala(
        &[
            "user",
            "create",
            "--email",
            "curator@qala.example",
            "--role",
            "curator",
            "--password-stdin",
        ],
        &env,
        "correct horse battery\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("curator@qala.example (curator)"));

    let output = qala(
        &["user", "create", "--email", "curator@qala.example", "--password-stdin"],
        &env,
        "another long password\n",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("email is already taken"),
        "{}",
        stderr(&output)
    );

    let output = qala(
        &["user", "create", "--email", "short@qala.example", "--password-stdin"],
        &env,
        "short\n",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("password needs at least 10 characters"),
        "{}",
        stderr(&output)
    );

    let output = qala(
        &[
            "user",
            "create",
            "--email",
            "owner@qala.example",
            "--org",
            "no-such-org",
            "--org-role",
            "owner",
            "--password-stdin",
        ],
        &env,
        "a long enough password\n",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no organization has the slug no-such-org"),
        "{}",
        stderr(&output)
    );

    let output = qala(&["seed-demo"], &env, "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("fictional demo ecosystem"));
    let output = qala(
        &[
            "user",
            "create",
            "--email",
            "owner@qala.example",
            "--org",
            "abseron-kiber-muhafize-sirketi",
            "--org-role",
            "owner",
            "--password-stdin",
        ],
        &env,
        "a long enough password\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("owner of abseron-kiber-muhafize-sirketi"));
}
