//! Backups taken while the site keeps writing restore to one consistent moment, with every row.
use std::sync::{
    Arc,
    atomic::{AtomicBool, AtomicUsize, Ordering},
};

use qala::{
    domain::{
        audit::AuditAction,
        curation::AuditFilter,
        organization::{Organization, OrganizationKind},
        user::EmailAddress,
    },
    server::db::{Actor, AuditRecord, BackupError, Database},
};
use time::OffsetDateTime;

use crate::{on_both_engines, repository::organization, support::restore_backup};

/// Keeps adding one listing per transaction until told to stop; counts the listings it committed.
fn spawn_writer(db: Database, stop: Arc<AtomicBool>, written: Arc<AtomicUsize>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !stop.load(Ordering::SeqCst) {
            let listing =
                organization(&format!("Writer {}", written.load(Ordering::SeqCst)), OrganizationKind::Company);
            db.insert_organizations(&[listing], OffsetDateTime::now_utc()).await.expect("the writer writes");
            written.fetch_add(1, Ordering::SeqCst);
        }
    })
}

async fn wait_for_writes(written: &AtomicUsize, at_least: usize) {
    while written.load(Ordering::SeqCst) < at_least {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

async fn a_backup_under_writes_restores_every_row_of_one_moment(db: Database) {
    let now = OffsetDateTime::now_utc();
    qala::server::seed::demo::load(&db, now).await.unwrap();
    let email = EmailAddress::parse("curator@forum.example").unwrap();
    db.create_user(&email, Some("not-a-real-hash"), None, true, now).await.unwrap();
    let actor = Actor::command_line();
    db.record(&AuditRecord::new(&actor, AuditAction::SeedDemo, "directory"), now).await.unwrap();
    let before = db.row_counts().await.unwrap();
    let originals: Vec<Organization> = db.all_organizations().await.unwrap();
    for table in ["organizations", "organization_texts", "solutions", "users", "audit_log", "categories"] {
        assert!(before.get(table).is_some_and(|count| *count > 0), "{table} is filled: {before:?}");
    }

    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("qala-backup");
    let (stop, written) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let writer = spawn_writer(db.clone(), stop.clone(), written.clone());
    wait_for_writes(&written, 2).await;
    let written_before = written.load(Ordering::SeqCst);
    db.back_up(&path).await.expect("the backup is made while the writer writes");
    let written_after = written.load(Ordering::SeqCst);
    wait_for_writes(&written, written_after + 2).await;
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    let total_written = written.load(Ordering::SeqCst);
    let after = db.row_counts().await.unwrap();

    // A second backup to the same place is refused, and leaves the first one alone.
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(matches!(db.back_up(&path).await, Err(BackupError::Exists(_))));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);

    let restored = restore_backup(&db, &path).await;
    let counts = restored.db.row_counts().await.unwrap();
    assert_eq!(counts.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "the same tables");
    // The backup holds the listings committed before some moment during the backup, each whole.
    let in_backup = usize::try_from(counts["organizations"] - before["organizations"]).unwrap();
    assert!(
        (written_before..=written_after + 1).contains(&in_backup),
        "{in_backup} writes in the backup; {written_before} were done before it started, {written_after} when it ended"
    );
    for (table, count_before) in &before {
        let added_per_write = (after[table] - count_before) / i64::try_from(total_written).unwrap();
        let expected = count_before + added_per_write * i64::try_from(in_backup).unwrap();
        assert_eq!(counts[table], expected, "{table}: rows in the backup");
    }

    let restored_organizations = restored.db.all_organizations().await.unwrap();
    assert_eq!(&restored_organizations[..originals.len()], &originals[..], "every listing, with everything it carries");
    let filter = AuditFilter { actor: "cli".to_owned(), ..AuditFilter::default() };
    let audit = restored.db.audit_entries(&filter, 10, 0).await.unwrap();
    assert_eq!(audit.iter().map(|entry| entry.action.as_str()).collect::<Vec<_>>(), ["seed.demo"]);
    let people = restored.db.people("curator@", 10).await.unwrap();
    assert_eq!(people.iter().map(|person| person.email.as_str()).collect::<Vec<_>>(), ["curator@forum.example"]);
    restored.finish().await;
}

on_both_engines!(a_backup_under_writes_restores_every_row_of_one_moment);
