//! Bulk data: the whole public dataset exported as JSON and CSV, imported back into an empty database,
//! and imports that report every bad row and write all or nothing, from the command line's code and
//! from the staff page (which refuses everyone else).
use std::collections::BTreeSet;

use axum::http::StatusCode;
use qala::{
    domain::{
        bulk::{ImportReport, ImportSheet},
        curation::AuditFilter,
        lang::{Lang, Translations},
        organization::{ListingStatus, OrganizationKind, OrganizationText},
        solution::SolutionText,
        user::{MembershipRole, StaffRole},
        validation::Problem,
    },
    server::{
        bulk::{
            export::{self, ExportFile},
            import::{ImportFormat, import},
        },
        db::{Actor, Database},
    },
};
use serde_json::Value;
use time::OffsetDateTime;

use crate::{
    editing::{location, person, two_listings},
    http::{app, get},
    on_both_engines,
    repository::{organization, solution},
    support::fresh_beside,
};

const PUBLIC_URL: &str = "https://qala.example";

async fn seeded(db: &Database) {
    qala::server::seed::demo::load(db, OffsetDateTime::now_utc()).await.unwrap();
}

/// The audit rows of imported listings, newest first.
async fn import_audit(db: &Database) -> Vec<qala::domain::curation::AuditEntry> {
    let filter = AuditFilter { action: "organization.import".into(), ..AuditFilter::default() };
    db.audit_entries(&filter, 500, 0).await.unwrap()
}

/// A whole export file, as `qala export` and the downloads write it piece by piece.
async fn export_file(db: &Database, file: ExportFile) -> Vec<u8> {
    let (sender, mut receiver) = tokio::sync::mpsc::channel(4);
    let (written, bytes) =
        tokio::join!(async { export::write(db, PUBLIC_URL, file, &sender).await.map(|_| drop(sender)) }, async {
            let mut bytes = Vec::new();
            while let Some(piece) = receiver.recv().await {
                bytes.extend(piece.unwrap());
            }
            bytes
        });
    written.unwrap();
    bytes
}

/// More listings than SQLite binds parameters to one statement (32,766): the export downloads and
/// `qala export` used to fail with "too many SQL variables"; they read in batches now.
#[tokio::test]
async fn an_export_holds_more_listings_than_a_statement_binds_parameters() {
    let test = crate::support::TestDb::sqlite().await;
    let db = &test.db;
    qala::server::seed::synthetic::load(db, 35_000, OffsetDateTime::now_utc()).await.unwrap();
    let published: Vec<i64> = db
        .all_organizations()
        .await
        .unwrap()
        .into_iter()
        .filter(|listing| listing.status == ListingStatus::Published)
        .map(|listing| listing.id)
        .collect();
    assert!(published.len() > 32_766, "{} published listings", published.len());
    let organizations = published.len();
    let solutions = db.solutions_of_organizations(&published).await.unwrap().len();
    let (status, _, body) = get(&app(db), "/api/v1/export.json", &[]).await;
    assert_eq!(status, StatusCode::OK, "{}", body.chars().take(300).collect::<String>());
    let document: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(document["organizations"].as_array().unwrap().len(), organizations);
    assert_eq!(document["solutions"].as_array().unwrap().len(), solutions);
    test.finish().await;
}

async fn import_bytes(db: &Database, bytes: &[u8], format: ImportFormat, dry_run: bool) -> ImportReport {
    import(db, bytes, format, dry_run, &Actor::command_line(), OffsetDateTime::now_utc()).await.unwrap()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    reader.records().map(|record| record.unwrap().iter().map(str::to_owned).collect()).collect()
}

async fn the_export_has_every_published_listing_and_nothing_else(db: Database) {
    seeded(&db).await;
    let listings = db.all_organizations().await.unwrap();
    let published: BTreeSet<String> =
        listings.iter().filter(|listing| listing.status.is_public()).map(|listing| listing.slug.to_string()).collect();
    let unpublished: Vec<(String, ListingStatus)> = listings
        .iter()
        .filter(|listing| !listing.status.is_public())
        .map(|listing| (listing.slug.to_string(), listing.status))
        .collect();
    assert!(unpublished.iter().any(|(_, status)| *status == ListingStatus::Hidden), "{unpublished:?}");
    assert!(unpublished.iter().any(|(_, status)| *status == ListingStatus::Draft), "{unpublished:?}");

    let app = app(&db);
    let (status, _, body) = get(&app, "/api/v1/export.json", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let document: Value = serde_json::from_str(&body).unwrap();
    let exported: BTreeSet<String> = document["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["slug"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(exported, published, "every published listing, and only those");
    let mut solutions_of_published = 0;
    for listing in listings.iter().filter(|listing| listing.status.is_public()) {
        solutions_of_published += db.solutions_of(listing.id).await.unwrap().len();
    }
    let solutions = document["solutions"].as_array().unwrap();
    assert_eq!(solutions.len(), solutions_of_published);
    assert!(solutions.iter().all(|solution| exported.contains(solution["organization"].as_str().unwrap())));
    let first = &document["organizations"][0];
    assert!(first["texts"]["az"]["name"].is_string() && first["texts"]["en"]["name"].is_string(), "{first}");

    let (status, headers, body) = get(&app, "/api/v1/export/organizations.csv", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-disposition"].to_str().unwrap().contains("qala-organizations.csv"));
    let rows = csv_rows(body.as_bytes());
    assert_eq!(rows[0][..3], ["slug", "kind", "az.name"]);
    let csv_slugs: BTreeSet<String> = rows[1..].iter().map(|row| row[0].clone()).collect();
    assert_eq!(csv_slugs, published);
    let (_, _, body) = get(&app, "/api/v1/export/solutions.csv", &[]).await;
    assert_eq!(csv_rows(body.as_bytes()).len(), solutions_of_published + 1);
}

/// The JSON export without what an import does not carry over: logos, featuring and the times of writes.
fn comparable(document: &[u8]) -> Value {
    let mut document: Value = serde_json::from_slice(document).unwrap();
    for record in document["organizations"].as_array_mut().unwrap() {
        let record = record.as_object_mut().unwrap();
        for key in ["logo_url", "featured", "published_at", "updated_at"] {
            record.remove(key);
        }
    }
    document
}

/// Downloads are streamed, and compressed for clients that ask (most do): the compressed file is the
/// whole file (the compression layer once polled the stream past its end and the server broke off).
async fn a_compressed_export_download_arrives_whole(db: Database) {
    seeded(&db).await;
    let app = app(&db);
    for path in ["/api/v1/export.json", "/api/v1/export/organizations.csv", "/api/v1/export/solutions.csv"] {
        let (status, _, plain) = crate::http::get_bytes(&app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let (status, headers, compressed) =
            crate::http::get_bytes(&app, path, &[(axum::http::header::ACCEPT_ENCODING, "gzip")]).await;
        assert_eq!(
            (status, &headers[axum::http::header::CONTENT_ENCODING]),
            (StatusCode::OK, &"gzip".parse().unwrap())
        );
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(compressed.as_slice()), &mut unpacked).unwrap();
        assert_eq!(unpacked, plain, "{path}");
    }
}

async fn an_export_imports_into_an_empty_database_as_it_was(db: Database) {
    seeded(&db).await;
    let json = export_file(&db, ExportFile::Json).await;
    let empty = fresh_beside(&db).await;
    let report = import_bytes(&empty.db, &json, ImportFormat::Json, false).await;
    assert!(report.wrote(), "{report:?}");
    assert_eq!(comparable(&export_file(&empty.db, ExportFile::Json).await), comparable(&json));
    assert_eq!(import_audit(&empty.db).await.len(), report.organizations, "an audit row for each imported listing");
    empty.finish().await;

    let organizations = export_file(&db, ExportFile::OrganizationsCsv).await;
    let solutions = export_file(&db, ExportFile::SolutionsCsv).await;
    let empty = fresh_beside(&db).await;
    assert!(import_bytes(&empty.db, &organizations, ImportFormat::Csv, false).await.wrote());
    assert!(import_bytes(&empty.db, &solutions, ImportFormat::Csv, false).await.wrote());
    assert_eq!(export_file(&empty.db, ExportFile::OrganizationsCsv).await, organizations);
    assert_eq!(export_file(&empty.db, ExportFile::SolutionsCsv).await, solutions);
    empty.finish().await;
}

/// Texts a spreadsheet would run as formulas.
const FORMULA_NAME: &str = r#"=HYPERLINK("https://attacker.example","Open")"#;

/// A listing and a solution whose texts begin like formulas are written neutralised (`'` first) in both
/// CSV files, and an import of those files gives back the texts as they were.
async fn formulas_in_the_csv_export_are_neutralised_and_import_back_as_they_were(db: Database) {
    let mut listing = organization(FORMULA_NAME, OrganizationKind::Company);
    listing.profile.texts = Translations::new()
        .with(
            Lang::Az,
            OrganizationText {
                name: FORMULA_NAME.to_owned(),
                short_description: Some("+1 (555) 0100".to_owned()),
                description: Some("-2 is what we find".to_owned()),
            },
        )
        .with(
            Lang::En,
            OrganizationText {
                name: "@SUM(A1:A9)".to_owned(),
                short_description: Some("'=1+1 was already quoted".to_owned()),
                description: Some("=1+1".to_owned()),
            },
        );
    listing.profile.facts.city = Some("-Bakı".to_owned());
    // Tab and carriage return: the forms trim them away, but a cell must be safe whatever the database holds.
    let tab = organization("\tTab", OrganizationKind::Company);
    let ids = db.insert_organizations(&[listing, tab], OffsetDateTime::now_utc()).await.unwrap();
    let mut offered = solution(ids[0], "@SUM(1)");
    offered.details.texts = Translations::new()
        .with(Lang::Az, SolutionText { name: "@SUM(1)".to_owned(), description: Some("\rx".to_owned()) });
    db.insert_solutions(&[offered], OffsetDateTime::now_utc()).await.unwrap();
    let slug = db.organizations_by_ids(&ids[..1]).await.unwrap()[0].slug.to_string();

    let organizations = export_file(&db, ExportFile::OrganizationsCsv).await;
    let rows = csv_rows(&organizations);
    let cell = |row: &[String], rows: &[Vec<String>], column: &str| {
        row[rows[0].iter().position(|name| name == column).unwrap_or_else(|| panic!("no column {column}"))].clone()
    };
    let row = rows.iter().find(|row| row[0] == slug).expect("the listing's row");
    for (column, written) in [
        ("az.name", format!("'{FORMULA_NAME}")),
        ("az.short_description", "'+1 (555) 0100".to_owned()),
        ("az.description", "'-2 is what we find".to_owned()),
        ("en.name", "'@SUM(A1:A9)".to_owned()),
        ("en.short_description", "''=1+1 was already quoted".to_owned()),
        ("en.description", "'=1+1".to_owned()),
        ("city", "'-Bakı".to_owned()),
    ] {
        assert_eq!(cell(row, &rows, column), written, "organizations.csv, {column}");
    }
    assert!(rows.iter().any(|row| cell(row, &rows, "az.name") == "'\tTab"), "a tab is neutralised too");
    let solutions = export_file(&db, ExportFile::SolutionsCsv).await;
    let solution_rows = csv_rows(&solutions);
    assert_eq!(cell(&solution_rows[1], &solution_rows, "az.name"), "'@SUM(1)");
    assert_eq!(cell(&solution_rows[1], &solution_rows, "az.description"), "'\rx");

    let empty = fresh_beside(&db).await;
    assert!(import_bytes(&empty.db, &organizations, ImportFormat::Csv, false).await.wrote());
    let report = import_bytes(&empty.db, &solutions, ImportFormat::Csv, false).await;
    assert!(report.wrote(), "{report:?}");
    let original = db.organization_by_slug(&slug).await.unwrap().unwrap();
    let imported = empty.db.organization_by_slug(&slug).await.unwrap().expect("imported");
    assert_eq!(imported.profile.texts, original.profile.texts, "the texts are read back as they were");
    assert_eq!(imported.profile.facts.city.as_deref(), Some("-Bakı"));
    let imported_solutions = empty.db.solutions_of(imported.id).await.unwrap();
    assert_eq!(imported_solutions[0].details.texts.get(Lang::Az).unwrap().name, "@SUM(1)");
    empty.finish().await;
}

const GOOD_ROW: &str = "alfa-kiber,company,Alfa Kiber,Alpha Cyber,,,,,,,,https://alfa.example,info@alfa.example,,,Bakı,AZ,2018,,ISO 27001,,security-audit,,,,,,,,,,,,,,,";

fn organizations_csv(rows: &[&str]) -> Vec<u8> {
    let header: Vec<&str> = qala::server::bulk::ORGANIZATION_COLUMNS.iter().map(|column| column.name).collect();
    let mut file = header.join(",");
    for row in rows {
        file.push('\n');
        file.push_str(row);
    }
    file.push('\n');
    file.into_bytes()
}

async fn bad_rows_are_each_reported_and_nothing_is_written(db: Database) {
    seeded(&db).await;
    let before = db.row_counts().await.unwrap();
    let bad_website = GOOD_ROW.replace("alfa-kiber", "bravo").replace("https://alfa.example", "alfa.example");
    let bad_kind_and_category =
        GOOD_ROW.replace("alfa-kiber", "charlie").replace("company", "spaceship").replace("security-audit", "no-such");
    let file = organizations_csv(&[GOOD_ROW, &bad_website, &bad_kind_and_category]);
    for dry_run in [false, true] {
        let report = import_bytes(&db, &file, ImportFormat::Csv, dry_run).await;
        let problems: Vec<(usize, &str, &str, &Problem)> = report
            .problems
            .iter()
            .map(|problem| (problem.row, problem.slug.as_str(), problem.column.as_str(), &problem.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (3, "bravo", "website", &Problem::InvalidUrl),
                (4, "charlie", "categories", &Problem::InvalidChoice),
                (4, "charlie", "kind", &Problem::InvalidChoice),
            ],
            "dry run {dry_run}"
        );
        assert!(report.problems.iter().all(|problem| problem.sheet == ImportSheet::Organizations));
        assert!(!report.wrote());
        assert_eq!(db.row_counts().await.unwrap(), before, "nothing written (dry run {dry_run})");
    }

    let good = organizations_csv(&[GOOD_ROW]);
    let dry = import_bytes(&db, &good, ImportFormat::Csv, true).await;
    assert!(dry.is_clean() && !dry.wrote() && dry.organizations == 1, "{dry:?}");
    assert_eq!(db.row_counts().await.unwrap(), before, "a dry run writes nothing");
    let real = import_bytes(&db, &good, ImportFormat::Csv, false).await;
    assert!(real.wrote() && real.organizations == 1, "{real:?}");
    let listing = db.organization_by_slug("alfa-kiber").await.unwrap().expect("imported");
    assert_eq!(listing.status, ListingStatus::Published);
    assert_eq!(listing.profile.facts.certifications, ["ISO 27001"]);
    assert_eq!(listing.profile.category_ids.len(), 1);

    // The same slug again is a problem of its row: an import adds listings, it never changes one.
    let again = import_bytes(&db, &good, ImportFormat::Csv, false).await;
    assert_eq!(again.problems.iter().map(|problem| &problem.problem).collect::<Vec<_>>(), [&Problem::Taken]);
    let solutions = b"organization,slug,kind,en.name\nno-such-listing,,service,Audit\nalfa-kiber,,gadget,\n";
    let report = import_bytes(&db, solutions, ImportFormat::Csv, false).await;
    let problems: Vec<(ImportSheet, usize, &str)> =
        report.problems.iter().map(|problem| (problem.sheet, problem.row, problem.column.as_str())).collect();
    assert_eq!(
        problems,
        [
            (ImportSheet::Solutions, 2, "organization"),
            (ImportSheet::Solutions, 3, "az.name"),
            (ImportSheet::Solutions, 3, "kind")
        ]
    );
    let unreadable = import_bytes(&db, b"{\"organizations\": [", ImportFormat::Json, false).await;
    assert!(unreadable.unreadable.is_some() && !unreadable.wrote());
}

async fn staff_import_from_the_page_and_everyone_else_is_refused(db: Database) {
    let app = app(&db);
    let [(a_id, _), _] = two_listings(&db).await;
    let row = GOOD_ROW.replace("alfa-kiber", "delta-kiber");
    let file = organizations_csv(&[&row]);
    let upload = ("file", "organizations.csv", file.as_slice());
    let before = db.row_counts().await.unwrap();

    let mut anonymous = crate::browser::Browser::new(&app, "198.51.100.200:5000");
    let refused = anonymous.upload("/en/staff/import", &[], upload).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    for (email, role) in
        [("owner@alfa.example", MembershipRole::Owner), ("editor@alfa.example", MembershipRole::Editor)]
    {
        let mut member = person(&app, &db, email, None, Some((a_id, role))).await;
        let refused = member.upload("/en/staff/import", &[], upload).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
        let report = member.call("/api/staff/import-report", &[]).await;
        assert_eq!(report.status, StatusCode::FORBIDDEN, "{email}");
    }
    let after_refusals = db.row_counts().await.unwrap();
    let mut changed: Vec<&String> = before.keys().filter(|table| before[*table] != after_refusals[*table]).collect();
    // Signing the members in created their accounts and sessions; nothing else changed.
    changed.retain(|table| !matches!(table.as_str(), "users" | "memberships" | "sessions" | "auth_attempts"));
    assert!(changed.is_empty(), "refused imports changed {changed:?}");
    assert!(db.organization_by_slug("delta-kiber").await.unwrap().is_none());

    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let dry = curator.upload("/en/staff/import", &[("dry_run", "1")], upload).await;
    assert_eq!((dry.status, location(&dry)), (StatusCode::SEE_OTHER, "/en/staff/import?done=1".to_owned()));
    let report = curator.call("/api/staff/import-report", &[]).await;
    let report: Value = serde_json::from_str(&report.body).unwrap();
    assert_eq!((report["data"]["dry_run"].as_bool(), report["data"]["organizations"].as_u64()), (Some(true), Some(1)));
    assert!(db.organization_by_slug("delta-kiber").await.unwrap().is_none(), "a dry run writes nothing");

    let done = curator.upload("/en/staff/import", &[], upload).await;
    assert_eq!(location(&done), "/en/staff/import?done=1");
    let report = curator.call("/api/staff/import-report", &[]).await;
    assert!(report.body.contains("\"dry_run\":false"), "{}", report.body);
    assert!(db.organization_by_slug("delta-kiber").await.unwrap().is_some(), "{}", report.body);
    assert_eq!(
        import_audit(&db).await.iter().map(|entry| entry.actor.as_str()).collect::<Vec<_>>(),
        ["curator@forum.example"]
    );

    let page = curator.get("/en/staff/import").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("name=\"dry_run\""));

    // A file of another kind is refused next to the file field, named as the form names it.
    let refused = curator.upload("/en/staff/import", &[], ("file", "notes.txt", b"hello".as_slice())).await;
    assert_eq!(location(&refused), "/en/staff/import");
    let page = curator.get("/en/staff/import").await.body.replace("<!>", "");
    assert!(page.contains("<strong>File (.json or .csv)</strong>"), "{page}");
    assert!(!page.contains("Year founded"), "no other field is blamed");

    // The Azerbaijani report has no English left: its lists, its reasons, a file it cannot read.
    let bad = organizations_csv(&[&GOOD_ROW.replace("alfa-kiber", "echo").replace("company", "spaceship")]);
    curator.upload("/az/staff/import", &[("dry_run", "1")], ("file", "organizations.csv", bad.as_slice())).await;
    let report = curator.get("/az/staff/import?done=1").await.body.replace("<!>", "");
    assert!(report.contains("<td>Təşkilatlar</td>"), "the list is named in Azerbaijani: {report}");
    assert!(!report.contains(">organizations<"));
    let unknown = b"slug,colour\nfoxtrot,blue\n";
    curator.upload("/az/staff/import", &[("dry_run", "1")], ("file", "organizations.csv", unknown.as_slice())).await;
    let report = curator.get("/az/staff/import?done=1").await.body.replace("<!>", "");
    assert!(report.contains("«colour» sütunu «Təşkilatlar» faylının sütunlarından deyil"), "{report}");
    assert!(!report.contains("unknown column"));
    let broken = b"{\"organizations\": [";
    curator.upload("/az/staff/import", &[], ("file", "listings.json", broken.as_slice())).await;
    let report = curator.get("/az/staff/import?done=1").await.body.replace("<!>", "");
    assert!(report.contains("Bu, ixrac sənədi deyil"), "{report}");
    assert!(!report.contains("not an export document"));
}

on_both_engines!(
    the_export_has_every_published_listing_and_nothing_else,
    an_export_imports_into_an_empty_database_as_it_was,
    a_compressed_export_download_arrives_whole,
    bad_rows_are_each_reported_and_nothing_is_written,
    staff_import_from_the_page_and_everyone_else_is_refused,
    formulas_in_the_csv_export_are_neutralised_and_import_back_as_they_were,
);
