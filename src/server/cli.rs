//! The `qala` command line: serve, migrate, seed demo data, manage accounts.
use std::{
    io::{BufRead, IsTerminal, Write},
    net::SocketAddr,
    process::ExitCode,
};

use clap::{Parser, Subcommand, error::ErrorKind};
use time::OffsetDateTime;

use super::{
    bulk::{
        export::{self, ExportFile},
        import::{self, ImportFormat},
    },
    db::{Actor, AuditRecord, Database, DatabaseUrl},
    http, seed,
    taxonomy::ensure_reference_taxonomy,
    telemetry::{self, LogFormat},
};
use crate::domain::{
    audit::AuditAction,
    slug::Slug,
    user::{EmailAddress, MembershipRole, StaffRole},
    validation::FieldError,
};

#[derive(Parser)]
#[command(name = "qala", version, about = "Qala: the directory of a national cybersecurity ecosystem")]
struct Cli {
    /// Database: sqlite://FILE (created if missing) or postgres://USER:PASSWORD@HOST/DB
    #[arg(long, env = "DATABASE_URL", default_value = DatabaseUrl::DEFAULT, global = true)]
    database_url: DatabaseUrl,
    /// Log filter, such as `info` or `qala=debug,sqlx=warn`
    #[arg(long, env = "QALA_LOG", value_name = "QALA_LOG", default_value = "info", value_parser = telemetry::parse_filter, global = true)]
    log: String,
    /// Log line format
    #[arg(
        long,
        env = "QALA_LOG_FORMAT",
        value_name = "QALA_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (what runs without a command)
    Serve(ServeArgs),
    /// Apply pending migrations and load the reference taxonomy into an empty database
    Migrate,
    /// Load the fictional demo ecosystem into an empty database, or add synthetic listings
    SeedDemo {
        /// Add N generated organizations with solutions (for benchmarks) instead
        #[arg(long, value_name = "N")]
        synthetic: Option<u32>,
    },
    /// Manage accounts
    #[command(subcommand)]
    User(UserCommand),
    /// Write a consistent copy of the database while the site keeps serving (SQLite: a database file;
    /// PostgreSQL: a pg_dump archive for pg_restore)
    Backup {
        /// Where to write the copy; must not exist yet
        path: std::path::PathBuf,
    },
    /// Write the whole public dataset: published listings with their solutions
    Export {
        /// JSON: one document with organizations and solutions; CSV: one table (organizations unless --solutions)
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// With --format csv: the solutions table instead of the organizations one
        #[arg(long)]
        solutions: bool,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "PATH")]
        out: Option<std::path::PathBuf>,
        /// The address the public reaches the site at, for the pages' addresses in the records
        #[arg(long, env = "QALA_PUBLIC_URL", value_name = "QALA_PUBLIC_URL", default_value = "http://127.0.0.1:3000", value_parser = parse_public_url)]
        public_url: String,
    },
    /// Add listings and solutions from a JSON or CSV file in the export's format, all or nothing
    Import {
        /// A .json file (the export's document) or a .csv file (organizations, or solutions)
        file: std::path::PathBuf,
        /// Check every row and report, without writing anything
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

#[derive(clap::Args, Default)]
struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:3000]
    #[arg(long, env = "LEPTOS_SITE_ADDR", value_name = "LEPTOS_SITE_ADDR")]
    addr: Option<SocketAddr>,
    /// The address the public reaches the site at [default: http://ADDR]
    #[arg(long, env = "QALA_PUBLIC_URL", value_name = "QALA_PUBLIC_URL", value_parser = parse_public_url)]
    public_url: Option<String>,
    /// Load the demo data first when the database has no organizations
    #[arg(long, env = "QALA_DEMO_IF_EMPTY")]
    demo_if_empty: bool,
    /// SMTP server for outgoing mail, as smtps://USER:PASSWORD@HOST:465 [default: mail goes to the log]
    #[arg(long, env = "QALA_SMTP_URL", value_name = "QALA_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of outgoing mail [default: Qala <no-reply@HOST of the public URL>]
    #[arg(long, env = "QALA_MAIL_FROM", value_name = "QALA_MAIL_FROM")]
    mail_from: Option<String>,
    /// Write outgoing mail as text files into this directory instead (development and tests)
    #[arg(long, env = "QALA_MAIL_DIR", value_name = "QALA_MAIL_DIR", conflicts_with = "smtp_url")]
    mail_dir: Option<std::path::PathBuf>,
    /// Reverse proxies whose X-Forwarded-For is believed, comma-separated IP addresses
    #[arg(long, env = "QALA_TRUSTED_PROXIES", value_name = "QALA_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Where to report vulnerabilities, for /.well-known/security.txt: comma-separated mailto: or
    /// https:// addresses [default: no security.txt]
    #[arg(long, env = "QALA_SECURITY_CONTACT", value_name = "QALA_SECURITY_CONTACT", value_delimiter = ',',
          value_parser = http::security::parse_contact, requires = "security_expires")]
    security_contact: Vec<String>,
    /// Until when the security.txt contact holds, as RFC 3339 (2027-06-30T00:00:00Z); at most a year ahead is advised
    #[arg(long, env = "QALA_SECURITY_EXPIRES", value_name = "QALA_SECURITY_EXPIRES",
          value_parser = http::security::parse_expires)]
    security_expires: Option<OffsetDateTime>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account, optionally staff and optionally a member of an organization
    Create {
        #[arg(long, value_parser = parse_email)]
        email: EmailAddress,
        /// Staff role
        #[arg(long, value_parser = parse_word::<StaffRole>)]
        role: Option<StaffRole>,
        /// Slug of an organization to join
        #[arg(long, requires = "org_role", value_parser = parse_slug)]
        org: Option<Slug>,
        /// Role in that organization
        #[arg(long, requires = "org", value_parser = parse_word::<MembershipRole>)]
        org_role: Option<MembershipRole>,
        /// Read the password from standard input (one line)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn parse_email(text: &str) -> Result<EmailAddress, String> {
    EmailAddress::parse(text).map_err(|_| "not an email address".to_owned())
}

fn parse_slug(text: &str) -> Result<Slug, String> {
    Slug::parse(text).map_err(|_| "not a slug (lowercase letters, digits and hyphens)".to_owned())
}

fn parse_word<T: std::str::FromStr>(text: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|error: T::Err| error.to_string())
}

fn parse_public_url(text: &str) -> Result<String, String> {
    crate::domain::validation::optional_url("public_url", text)
        .ok()
        .flatten()
        .map(|url| url.trim_end_matches('/').to_owned())
        .ok_or_else(|| "expected an http(s):// address".to_owned())
}

/// Runs the command line; the exit code says how it went.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => error.exit(),
        Err(error) => {
            // A bad setting stops start-up with one line that names it.
            let message = error.to_string();
            let first_line = message.lines().next().unwrap_or_default();
            eprintln!("qala: {}", first_line.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    telemetry::init(&cli.log, cli.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build();
    let outcome = match runtime {
        Ok(runtime) => runtime.block_on(run(cli)),
        Err(error) => Err(format!("cannot start the async runtime: {error}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("qala: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let db = open(&cli.database_url).await?;
    let outcome = match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(db.clone(), args).await,
        Command::Migrate => Ok(()),
        Command::SeedDemo { synthetic: None } => seed_demo(&db).await,
        Command::SeedDemo { synthetic: Some(count) } => {
            let started = std::time::Instant::now();
            let now = OffsetDateTime::now_utc();
            let added = seed::synthetic::load(&db, count, now).await.map_err(describe)?;
            record_load(&db, AuditAction::SeedSynthetic, added.0, added.1, now).await?;
            println!("added {} organizations and {} solutions in {:.1?}", added.0, added.1, started.elapsed());
            Ok(())
        }
        Command::User(UserCommand::Create { email, role, org, org_role, password_stdin: _ }) => {
            create_user(&db, email, role, org.zip(org_role)).await
        }
        Command::Export { format, solutions, out, public_url } => {
            export(&db, format, solutions, out, &public_url).await
        }
        Command::Import { file, dry_run } => import(&db, &file, dry_run).await,
        Command::Backup { path } => {
            db.back_up(&path).await.map_err(|error| error.to_string())?;
            println!("backed up {} to {}", cli.database_url.redacted(), path.display());
            Ok(())
        }
    };
    db.close().await;
    outcome
}

/// Connects, migrates and makes sure the reference taxonomy is there: every command starts so.
async fn open(url: &DatabaseUrl) -> Result<Database, String> {
    let db = Database::connect(url)
        .await
        .map_err(|error| format!("cannot open the database {}: {error}", url.redacted()))?;
    db.migrate().await.map_err(|error| format!("cannot migrate the database: {error}"))?;
    if ensure_reference_taxonomy(&db).await.map_err(describe)? {
        tracing::info!("loaded the reference taxonomy");
    }
    Ok(db)
}

async fn serve(db: Database, args: ServeArgs) -> Result<(), String> {
    if args.demo_if_empty && db.ecosystem_stats().await.map_err(describe)?.organizations == 0 {
        seed_demo(&db).await?;
    }
    let mail = match &args.smtp_url {
        Some(url) => {
            let host = args
                .public_url
                .as_deref()
                .and_then(|url| url.split("://").nth(1))
                .map(|rest| rest.split([':', '/']).next().unwrap_or(rest).to_owned())
                .unwrap_or_else(|| "localhost".to_owned());
            let from = args.mail_from.clone().unwrap_or_else(|| format!("Qala <no-reply@{host}>"));
            crate::server::mail::Delivery::smtp(url, &from)?
        }
        None => match args.mail_dir.clone() {
            Some(directory) => {
                std::fs::create_dir_all(&directory)
                    .map_err(|error| format!("cannot create QALA_MAIL_DIR {}: {error}", directory.display()))?;
                crate::server::mail::Delivery::Directory(directory)
            }
            None => crate::server::mail::Delivery::Log,
        },
    };
    let settings = http::ServeSettings {
        addr: args.addr,
        public_url: args.public_url,
        trusted_proxies: args.trusted_proxies,
        mail,
        security_txt: security_txt(args.security_contact, args.security_expires)?,
    };
    http::serve(db, settings).await
}

/// The security.txt the operator configured: a contact needs an expiry that has not passed.
fn security_txt(
    contacts: Vec<String>,
    expires: Option<OffsetDateTime>,
) -> Result<Option<http::security::SecurityTxt>, String> {
    match expires {
        _ if contacts.is_empty() => Ok(None),
        Some(expires) if expires <= OffsetDateTime::now_utc() => {
            Err(format!("QALA_SECURITY_EXPIRES {expires} has passed: security.txt would be stale"))
        }
        Some(expires) => Ok(Some(http::security::SecurityTxt { contacts, expires })),
        None => Err("QALA_SECURITY_CONTACT needs QALA_SECURITY_EXPIRES".to_owned()),
    }
}

async fn seed_demo(db: &Database) -> Result<(), String> {
    let now = OffsetDateTime::now_utc();
    let loaded = seed::demo::load(db, now).await.map_err(describe)?;
    if loaded.organizations > 0 {
        record_load(db, AuditAction::SeedDemo, loaded.organizations, loaded.solutions, now).await?;
    }
    println!(
        "loaded the fictional demo ecosystem: {} organizations, {} solutions",
        loaded.organizations, loaded.solutions
    );
    Ok(())
}

async fn create_user(
    db: &Database,
    email: EmailAddress,
    role: Option<StaffRole>,
    membership: Option<(Slug, MembershipRole)>,
) -> Result<(), String> {
    let organization = match &membership {
        Some((slug, _)) => Some(
            db.organization_by_slug(slug.as_str())
                .await
                .map_err(describe)?
                .ok_or_else(|| format!("no organization has the slug {slug}"))?,
        ),
        None => None,
    };
    if std::io::stdin().is_terminal() {
        eprintln!("password (at least 10 characters), then Enter:");
    }
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password).map_err(|error| format!("cannot read the password: {error}"))?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    crate::domain::user::check_new_password(&password).map_err(|error| describe_field(&error))?;
    let hash = tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|error| format!("password hashing failed: {error}"))?;
    let now = OffsetDateTime::now_utc();
    let user = db.create_user(&email, Some(&hash), role, true, now).await.map_err(describe)?;
    let actor = Actor::command_line();
    let created = serde_json::json!({ "email": user.email.as_str(), "staff_role": role });
    let record = AuditRecord::new(&actor, AuditAction::PersonCreate, user.email.as_str()).change(None, Some(&created));
    db.record(&record, now).await.map_err(describe)?;
    if let (Some(organization), Some((_, org_role))) = (organization, membership) {
        db.set_membership(user.id, organization.id, org_role, now).await.map_err(describe)?;
        let record = AuditRecord::new(&actor, AuditAction::MemberAdd, organization.slug.as_str())
            .of_listing(organization.id)
            .change(None, Some(&format!("{} ({org_role})", user.email)));
        db.record(&record, now).await.map_err(describe)?;
        println!("created {} ({org_role} of {})", user.email, organization.slug);
    } else {
        println!("created {}{}", user.email, role.map(|role| format!(" ({role})")).unwrap_or_default());
    }
    Ok(())
}

async fn export(
    db: &Database,
    format: ExportFormat,
    solutions: bool,
    out: Option<std::path::PathBuf>,
    public_url: &str,
) -> Result<(), String> {
    let file = match (format, solutions) {
        (ExportFormat::Json, false) => ExportFile::Json,
        (ExportFormat::Json, true) => return Err("--solutions goes with --format csv: JSON has both".to_owned()),
        (ExportFormat::Csv, false) => ExportFile::OrganizationsCsv,
        (ExportFormat::Csv, true) => ExportFile::SolutionsCsv,
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel(4);
    let mut output: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|error| format!("cannot create {}: {error}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let target = out.as_ref().map_or_else(|| "the standard output".to_owned(), |path| path.display().to_string());
    let reading = async {
        let read = export::write(db, public_url, file, &sender).await;
        drop(sender);
        read.map_err(|error| format!("cannot read the directory to export: {}", describe(error)))
    };
    let writing = async {
        while let Some(piece) = receiver.recv().await {
            let piece = piece.map_err(|error| format!("cannot read the directory to export: {}", describe(error)))?;
            output.write_all(&piece).map_err(|error| format!("cannot write to {target}: {error}"))?;
        }
        output.flush().map_err(|error| format!("cannot write to {target}: {error}"))
    };
    let (read, written) = tokio::join!(reading, writing);
    let outcome = read.and(written);
    if let (Err(_), Some(path)) = (&outcome, &out) {
        // Half a file looks like a whole one to whoever finds it later.
        let _ = std::fs::remove_file(path);
    }
    outcome
}

/// Imports a file and prints every problem of every row, or what was (or would be) added.
async fn import(db: &Database, file: &std::path::Path, dry_run: bool) -> Result<(), String> {
    let name = file.to_string_lossy();
    let format = ImportFormat::of_file_name(&name)
        .ok_or_else(|| format!("{name}: name the file .json or .csv, after its format"))?;
    let bytes = std::fs::read(file).map_err(|error| format!("cannot read {name}: {error}"))?;
    let report = import::import(db, &bytes, format, dry_run, &Actor::command_line(), OffsetDateTime::now_utc())
        .await
        .map_err(describe)?;
    if let Some(reason) = &report.unreadable {
        return Err(format!("{name}: {reason}"));
    }
    if !report.is_clean() {
        for problem in &report.problems {
            let slug = if problem.slug.is_empty() { String::new() } else { format!(" ({})", problem.slug) };
            let field = FieldError::new(problem.column.clone(), problem.problem.clone());
            eprintln!("{} row {}{slug}: {}", problem.sheet, problem.row, describe_field(&field));
        }
        return Err(format!("{name}: {} problems; nothing was imported", report.problems.len()));
    }
    let verb = if report.wrote() { "imported" } else { "dry run: would import" };
    println!("{verb} {} organizations, {} solutions", report.organizations, report.solutions);
    Ok(())
}

/// Records in the audit log that the command line loaded listings in bulk, with how many.
async fn record_load(
    db: &Database,
    action: AuditAction,
    organizations: usize,
    solutions: usize,
    now: OffsetDateTime,
) -> Result<(), String> {
    let actor = Actor::command_line();
    let counts = serde_json::json!({ "organizations": organizations, "solutions": solutions });
    let record = AuditRecord::new(&actor, action, "directory").change(None, Some(&counts));
    db.record(&record, now).await.map_err(describe)
}

fn describe(error: crate::error::AppError) -> String {
    match error {
        crate::error::AppError::Invalid(errors) => errors.iter().map(describe_field).collect::<Vec<_>>().join("; "),
        error => error.to_string(),
    }
}

fn describe_field(error: &FieldError) -> String {
    use crate::domain::validation::Problem;
    let problem = match &error.problem {
        Problem::Required => "is required".to_owned(),
        Problem::TooShort { min } => format!("needs at least {min} characters"),
        Problem::TooLong { max } => format!("allows at most {max} characters"),
        Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
        Problem::Taken => "is already taken".to_owned(),
        Problem::CommonPassword => "is too common; choose a less guessable one".to_owned(),
        Problem::InvalidEmail => "is not an email address".to_owned(),
        Problem::InvalidUrl => "is not an http(s):// address".to_owned(),
        Problem::InvalidSlug => "is not a slug (lowercase letters, digits and single hyphens)".to_owned(),
        Problem::InvalidChoice => "is not one of the known values".to_owned(),
        other => format!("is not valid ({other:?})"),
    };
    format!("{} {problem}", error.field)
}
