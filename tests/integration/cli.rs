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
    assert!(message.contains("DATABASE_URL") && message.contains("mysql://"), "{message}");

    let output = qala(&["serve"], &[("LEPTOS_SITE_ADDR", "not-an-address")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("LEPTOS_SITE_ADDR"), "{}", stderr(&output));

    let output = qala(&["migrate"], &[("QALA_LOG", "qala=loud")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("QALA_LOG"), "{}", stderr(&output));
}

/// Runs `qala …` and returns whether it succeeded with what it printed (stdout on success, else stderr).
fn outcome(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (bool, String) {
    let output = qala(args, env, stdin);
    let printed =
        if output.status.success() { String::from_utf8_lossy(&output.stdout).into_owned() } else { stderr(&output) };
    (output.status.success(), printed)
}

#[test]
fn migrate_creates_the_database_and_users_are_created_from_stdin() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", directory.path().join("qala.db").display());
    let env = [("DATABASE_URL", url.as_str())];
    let (migrated, printed) = outcome(&["migrate"], &env, "");
    assert!(migrated, "{printed}");
    assert!(directory.path().join("qala.db").exists());

    let create = |email: &str, extra: &[&str], password: &str| {
        let mut args = vec!["user", "create", "--email", email];
        args.extend_from_slice(extra);
        args.push("--password-stdin");
        outcome(&args, &env, &format!("{password}\n"))
    };
    let expectations = [
        (
            "curator@qala.example",
            &["--role", "curator"][..],
            "correct horse battery",
            true,
            "curator@qala.example (curator)",
        ),
        ("curator@qala.example", &[][..], "another long password", false, "email is already taken"),
        ("short@qala.example", &[][..], "short", false, "password needs at least 10 characters"),
        (
            "owner@qala.example",
            &["--org", "no-such-org", "--org-role", "owner"][..],
            "a long enough password",
            false,
            "no organization has the slug no-such-org",
        ),
    ];
    for (email, extra, password, succeeds, says) in expectations {
        let (succeeded, printed) = create(email, extra, password);
        assert_eq!(succeeded, succeeds, "{email} {extra:?}: {printed}");
        assert!(printed.contains(says), "{email} {extra:?}: {printed}");
    }

    let (seeded, printed) = outcome(&["seed-demo"], &env, "");
    assert!(seeded && printed.contains("fictional demo ecosystem"), "{printed}");
    let slug = "abseron-kiber-muhafize-sirketi";
    let (created, printed) =
        create("owner@qala.example", &["--org", slug, "--org-role", "owner"], "a long enough password");
    assert!(created && printed.contains(&format!("owner of {slug}")), "{printed}");
}

#[tokio::test]
async fn command_line_writes_are_audited_and_backups_never_overwrite() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", directory.path().join("qala.db").display());
    let env = [("DATABASE_URL", url.as_str())];
    let (seeded, printed) = outcome(&["seed-demo"], &env, "");
    assert!(seeded, "{printed}");
    let (created, printed) = outcome(
        &["user", "create", "--email", "admin@qala.example", "--role", "admin", "--password-stdin"],
        &env,
        "a long enough password\n",
    );
    assert!(created, "{printed}");

    let backup = directory.path().join("backup.db");
    let backup_arg = backup.to_str().unwrap();
    let (backed_up, printed) = outcome(&["backup", backup_arg], &env, "");
    assert!(backed_up && printed.contains("backup.db"), "{printed}");
    let (again, printed) = outcome(&["backup", backup_arg], &env, "");
    assert!(!again && printed.contains("already exists"), "{printed}");

    // The copy is a database of its own: the audit rows of the command line's writes are in it.
    let copy = qala::server::db::Database::connect(&format!("sqlite://{backup_arg}").parse().unwrap()).await.unwrap();
    let filter = qala::domain::curation::AuditFilter { actor: "cli".to_owned(), ..Default::default() };
    let entries = copy.audit_entries(&filter, 10, 0).await.unwrap();
    let actions: Vec<(&str, &str)> =
        entries.iter().map(|entry| (entry.action.as_str(), entry.subject.as_str())).collect();
    assert_eq!(actions, [("person.create", "admin@qala.example"), ("seed.demo", "directory")]);
    assert!(entries[1].after.as_deref().is_some_and(|after| after.contains("\"organizations\"")), "{entries:?}");
    copy.close().await;
}

#[test]
fn an_export_imports_elsewhere_and_bad_rows_are_named() {
    let directory = tempfile::tempdir().unwrap();
    let source = format!("sqlite://{}", directory.path().join("source.db").display());
    let target = format!("sqlite://{}", directory.path().join("target.db").display());
    let (seeded, printed) = outcome(&["seed-demo"], &[("DATABASE_URL", &source)], "");
    assert!(seeded, "{printed}");
    let export = directory.path().join("qala.json");
    let (exported, printed) = outcome(&["export", "--out", export.to_str().unwrap()], &[("DATABASE_URL", &source)], "");
    assert!(exported, "{printed}");
    let (refused, printed) = outcome(&["export", "--solutions"], &[("DATABASE_URL", &source)], "");
    assert!(!refused && printed.contains("--format csv"), "{printed}");

    let env = [("DATABASE_URL", target.as_str())];
    let (dry, printed) = outcome(&["import", export.to_str().unwrap(), "--dry-run"], &env, "");
    assert!(dry && printed.contains("dry run: would import 86 organizations"), "{printed}");
    let bad = directory.path().join("bad.csv");
    std::fs::write(&bad, "slug,kind,az.name,country,website\nqalxan,company,Qalxan,AZ,qalxan\n").unwrap();
    let (imported, printed) = outcome(&["import", bad.to_str().unwrap()], &env, "");
    assert!(!imported, "{printed}");
    assert!(printed.contains("organizations row 2 (qalxan): website is not an http(s):// address"), "{printed}");
    assert!(printed.contains("nothing was imported"), "{printed}");
    let (imported, printed) = outcome(&["import", export.to_str().unwrap()], &env, "");
    assert!(imported && printed.contains("imported 86 organizations"), "{printed}");
}
