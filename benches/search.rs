//! Directory search at scale: `cargo bench --features ssr --bench search`.
//!
//! Loads `QALA_BENCH_ORGS` synthetic organizations (default 100,000) into a fresh SQLite database
//! (or uses `QALA_BENCH_DATABASE_URL` as it is), then times whole directory pages (results, total and
//! every facet, and the texts of the page's cards) at the repository level for a mix of questions, and
//! prints percentiles. The in-memory index is built first and timed on its own.
use qala::server::search::Search;
use std::time::{Duration, Instant};

use qala::{
    domain::{
        directory::{DirectoryQuery, SearchQuery},
        lang::Lang,
    },
    server::{
        db::{Database, DatabaseUrl},
        seed, taxonomy,
    },
};

/// Questions people ask: names, topics, typos, Cyrillic, prefixes, filters, deep pages.
const QUESTIONS: &[&[(&str, &str)]] = &[
    &[],
    &[("q", "kiber")],
    &[("q", "кибер")],
    &[("q", "qalxan")],
    &[("q", "security")],
    &[("q", "secruity")],
    &[("q", "siem")],
    &[("q", "penetration testing")],
    &[("q", "bulud texnologiya")],
    &[("q", "ka")],
    &[("q", "şəbəkə müdafiə")],
    &[("q", "data"), ("country", "AZ")],
    &[("kind", "startup")],
    &[("kind", "company"), ("country", "TR")],
    &[("category", "identity-access")],
    &[("sector", "finance"), ("kind", "company")],
    &[("q", "kiber"), ("sort", "newest")],
    &[("sort", "name"), ("page", "50")],
    &[("stage", "mvp"), ("need", "investment")],
    &[("city", "Gəncə"), ("verified", "1")],
];

const ROUNDS: usize = 15;

fn main() {
    let filter = std::env::var("QALA_LOG").unwrap_or_else(|_| "warn".to_owned());
    qala::server::telemetry::init(&filter, qala::server::telemetry::LogFormat::Text);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let directory = tempfile::tempdir().expect("temp dir");
    let db = match std::env::var("QALA_BENCH_DATABASE_URL") {
        Ok(url) => open(&url.parse().expect("QALA_BENCH_DATABASE_URL")).await,
        Err(_) => {
            let url = format!("sqlite://{}", directory.path().join("bench.db").display());
            let db = open(&url.parse().expect("sqlite url")).await;
            let count: u32 = std::env::var("QALA_BENCH_ORGS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
            let started = Instant::now();
            let (organizations, solutions) =
                seed::synthetic::load(&db, count, time::OffsetDateTime::now_utc()).await.expect("synthetic data");
            println!(
                "loaded {organizations} organizations and {solutions} solutions in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            db
        }
    };

    // The in-memory index is built once per directory change; time it apart from the searches.
    let started = Instant::now();
    let search = Search::new(db.clone());
    let directory = search.current().await.expect("directory");
    println!(
        "built the directory index of {} listings in {:.2} s",
        directory.organizations.len(),
        started.elapsed().as_secs_f64()
    );

    let mut all = Vec::new();
    println!("{:<44} {:>9} {:>9} {:>9} {:>8}", "question", "p50 ms", "p95 ms", "max ms", "results");
    for question in QUESTIONS {
        let (query, _) = DirectoryQuery::from_pairs(question.iter().copied());
        let mut timings = Vec::with_capacity(ROUNDS);
        let mut total = 0;
        for round in 0..ROUNDS {
            let lang = [Lang::Az, Lang::En, Lang::Ru][round % 3];
            let started = Instant::now();
            let page = search.directory(&query, lang).await.expect("search");
            timings.push(started.elapsed());
            total = page.total;
        }
        all.extend(&timings);
        timings.sort();
        let label =
            if query.to_query_string().is_empty() { "(everything)".to_owned() } else { query.to_query_string() };
        println!(
            "{:<44} {:>9.2} {:>9.2} {:>9.2} {:>8}",
            label.chars().take(44).collect::<String>(),
            millis(percentile(&timings, 50)),
            millis(percentile(&timings, 95)),
            millis(*timings.last().expect("rounds")),
            total
        );
    }
    all.sort();
    println!(
        "all questions: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms over {} searches",
        millis(percentile(&all, 50)),
        millis(percentile(&all, 95)),
        millis(percentile(&all, 99)),
        all.len()
    );
    db.close().await;
}

async fn open(url: &DatabaseUrl) -> Database {
    let db = Database::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    taxonomy::ensure_reference_taxonomy(&db).await.expect("taxonomy");
    db
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    sorted[((sorted.len() * percent).div_ceil(100)).saturating_sub(1).min(sorted.len() - 1)]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
