//! Fresh databases for tests, on either engine.
use std::sync::atomic::{AtomicU32, Ordering};

use qala::server::db::{Database, DatabaseUrl, Engine};
use sqlx::{Connection, Executor, PgConnection};

/// A migrated database with the reference taxonomy, dropped when the test ends.
pub struct TestDb {
    pub db: Database,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    /// A file the test itself owns (a restored backup).
    Nothing,
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let directory = tempfile::tempdir().expect("temp dir");
        let url: DatabaseUrl =
            format!("sqlite://{}", directory.path().join("qala.db").display()).parse().expect("sqlite url");
        TestDb { db: prepare(&url).await, cleanup: Cleanup::Sqlite(directory) }
    }

    /// `None` when PostgreSQL is not configured for tests (and not required).
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var("QALA_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("QALA_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "QALA_REQUIRE_POSTGRES=1 but QALA_TEST_POSTGRES_URL is not set"
            );
            eprintln!("skipped: set QALA_TEST_POSTGRES_URL to run this test on PostgreSQL");
            return None;
        };
        let name = unique_database_name("qala_test");
        let mut admin = PgConnection::connect(&admin_url).await.expect("connect to the PostgreSQL admin database");
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        admin.close().await.ok();
        let (base, _) = admin_url.rsplit_once('/').expect("a database name in QALA_TEST_POSTGRES_URL");
        let url: DatabaseUrl = format!("{base}/{name}").parse().expect("postgres url");
        Some(TestDb { db: prepare(&url).await, cleanup: Cleanup::Postgres { admin_url, name } })
    }

    pub async fn finish(self) {
        self.db.close().await;
        if let Cleanup::Postgres { admin_url, name } = self.cleanup
            && let Ok(mut admin) = PgConnection::connect(&admin_url).await
        {
            admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.ok();
        }
    }
}

/// A second fresh database on the same engine as `source`.
pub async fn fresh_beside(source: &Database) -> TestDb {
    match source.engine() {
        Engine::Sqlite => TestDb::sqlite().await,
        Engine::Postgres => TestDb::postgres().await.expect("PostgreSQL is configured, as the source shows"),
    }
}

/// Restores a backup made by `Database::back_up` of `source` the way the README tells operators to, and
/// opens it: a SQLite backup is itself the database; a PostgreSQL one goes into a new database with
/// `pg_restore`.
pub async fn restore_backup(source: &Database, backup: &std::path::Path) -> TestDb {
    if source.engine() == Engine::Sqlite {
        let url: DatabaseUrl = format!("sqlite://{}", backup.display()).parse().expect("sqlite url");
        return TestDb { db: Database::connect(&url).await.expect("open the backup"), cleanup: Cleanup::Nothing };
    }
    let admin_url = std::env::var("QALA_TEST_POSTGRES_URL").expect("a PostgreSQL test");
    let name = unique_database_name("qala_restored");
    let mut admin = PgConnection::connect(&admin_url).await.expect("connect to the PostgreSQL admin database");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create the restore target");
    admin.close().await.ok();
    let (base, _) = admin_url.rsplit_once('/').expect("a database name in QALA_TEST_POSTGRES_URL");
    let url = format!("{base}/{name}");
    let restored = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &url])
        .arg(backup)
        .output()
        .expect("pg_restore runs");
    assert!(restored.status.success(), "pg_restore: {}", String::from_utf8_lossy(&restored.stderr));
    let db = Database::connect(&url.parse().expect("postgres url")).await.expect("open the restored database");
    TestDb { db, cleanup: Cleanup::Postgres { admin_url, name } }
}

/// A PostgreSQL database name no other test of this run uses.
fn unique_database_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

async fn prepare(url: &DatabaseUrl) -> Database {
    let db = Database::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    qala::server::taxonomy::ensure_reference_taxonomy(&db).await.expect("reference taxonomy");
    db
}

/// Runs a test body, failing it (by name, in the test's own report) if it takes over two minutes: a test
/// that hangs should fail where it hangs, not stall the whole run until CI gives up.
pub async fn within_time_limit(test: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(std::time::Duration::from_secs(120), test)
        .await
        .expect("the test finished within two minutes");
}

/// Declares, for each named `async fn(Database)`, one test on SQLite and one on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),+ $(,)?) => {
        $(
            mod $test {
                #[tokio::test]
                async fn sqlite() {
                    let test_db = $crate::support::TestDb::sqlite().await;
                    $crate::support::within_time_limit(super::$test(test_db.db.clone())).await;
                    test_db.finish().await;
                }

                #[tokio::test]
                async fn postgres() {
                    if let Some(test_db) = $crate::support::TestDb::postgres().await {
                        $crate::support::within_time_limit(super::$test(test_db.db.clone())).await;
                        test_db.finish().await;
                    }
                }
            }
        )+
    };
}
