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

/// `qala serve` on `addr` over `database`, logging at `log` and on the address it was given.
fn serve(addr: &str, database: &str, log: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qala"));
    command
        .args(["serve", "--addr", addr])
        .env_remove("QALA_PUBLIC_URL")
        .env("DATABASE_URL", database)
        .env("QALA_LOG", log);
    command
}

/// An error line must mean an error: a server that starts and answers a page logs none.
#[test]
fn a_clean_start_logs_no_error() {
    use std::{io::Read, net::TcpStream, time::Duration};

    let directory = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let database = format!("sqlite://{}", directory.path().join("qala.db").display());
    let server = serve(&addr, &database, "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the qala binary runs");
    let page = (0..600).find_map(|_| {
        std::thread::sleep(Duration::from_millis(100));
        let mut connection = TcpStream::connect(&addr).ok()?;
        write!(connection, "GET /en HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").ok()?;
        let mut answer = String::new();
        connection.read_to_string(&mut answer).ok().map(|_| answer)
    });
    assert!(page.expect("the server answers").starts_with("HTTP/1.1 200"), "the home page is served");
    let stopped = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(stopped.success());
    let output = server.wait_with_output().unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(log.contains("Qala is running"), "{log}");
    let errors: Vec<&str> = log.lines().filter(|line| line.contains("ERROR")).collect();
    assert!(errors.is_empty(), "nothing failed, yet the log says: {errors:#?}");
}

/// Requests sent just before a SIGTERM: the server is paused (SIGSTOP) while they are sent, so they
/// wait unread in the kernel (some not even accepted yet) when the signal lands. Each must get its
/// whole answer, never a reset; then the server exits and refuses new connections.
#[test]
fn requests_sent_before_a_sigterm_are_answered() {
    use std::{
        io::{BufRead, BufReader, Read},
        net::TcpStream,
        sync::mpsc,
        time::{Duration, Instant},
    };

    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", directory.path().join("qala.db").display());
    for trial in 0..3 {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let mut server = serve(&addr, &url, "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the qala binary runs");
        let (started, running) = mpsc::channel();
        let stdout = server.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("Qala is running") {
                    let _ = started.send(());
                }
            }
        });
        running.recv_timeout(Duration::from_secs(60)).expect("the server starts");
        let signal = |name: &str| {
            let sent = Command::new("kill").args([name, &server.id().to_string()]).status().unwrap();
            assert!(sent.success(), "kill {name}");
        };

        signal("-STOP");
        let origin = format!("http://{addr}");
        let requests: Vec<String> = (0..30)
            .map(|n| match n % 3 {
                0 => format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
                1 => {
                    let body = r#"{"query":{"text":"kiber","kinds":[],"categories":[],"sectors":[],"countries":[],"cities":[],"stages":[],"needs":[],"panels":[],"verified_only":false,"sort":"relevance","page":1},"lang":"en"}"#;
                    post(&addr, &origin, "/api/directory/search", "application/json", body)
                }
                _ => {
                    let body = format!("lang=en&email=not-an-address-{n}&password=password12");
                    post(&addr, &origin, "/api/account/sign-up", "application/x-www-form-urlencoded", &body)
                }
            })
            .collect();
        let connections: Vec<TcpStream> = requests
            .iter()
            .map(|request| {
                let mut connection = TcpStream::connect(&addr).unwrap();
                connection.write_all(request.as_bytes()).unwrap();
                connection.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                connection
            })
            .collect();
        signal("-TERM");
        signal("-CONT");

        let unanswered: Vec<String> = connections
            .into_iter()
            .enumerate()
            .filter_map(|(n, mut connection)| {
                let mut answer = Vec::new();
                let outcome = connection.read_to_end(&mut answer).map_err(|error| error.to_string());
                let problem = outcome.and_then(|_| complete_response(&answer)).err()?;
                Some(format!("request {n}: {problem}: {}", String::from_utf8_lossy(&answer)))
            })
            .collect();
        let deadline = Instant::now() + Duration::from_secs(40);
        let status = loop {
            if let Some(status) = server.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server stops after answering");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(unanswered.is_empty(), "trial {trial} ({status}): {unanswered:#?}");
        assert!(status.success(), "{status}");
        assert_eq!(
            TcpStream::connect(&addr).map_err(|error| error.kind()).err(),
            Some(std::io::ErrorKind::ConnectionRefused),
            "a stopped server refuses connections"
        );
    }

    fn post(addr: &str, origin: &str, path: &str, content_type: &str, body: &str) -> String {
        format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nContent-Type: {content_type}\r\n\
             Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    /// Whether bytes read to the end are one whole HTTP response (head and all of its body).
    fn complete_response(bytes: &[u8]) -> Result<(), String> {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").ok_or("no complete head")?;
        if !head.starts_with("HTTP/1.1 ") {
            return Err("not an HTTP response".to_owned());
        }
        let header = |name: &str| {
            head.lines().skip(1).find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name).then(|| value.trim().to_ascii_lowercase())
            })
        };
        match (header("content-length"), header("transfer-encoding")) {
            (Some(length), _) if length.parse::<usize>().ok() != Some(body.len()) => {
                Err(format!("{} of {length} body bytes", body.len()))
            }
            (_, Some(encoding)) if encoding.contains("chunked") && !body.ends_with("0\r\n\r\n") => {
                Err("a chunked body cut short".to_owned())
            }
            _ => Ok(()),
        }
    }
}
