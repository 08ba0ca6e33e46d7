//! Structured logs: human-readable by default, JSON lines for log shippers.
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Checks a log filter such as `info` or `qala=debug,sqlx=warn` (for command-line parsing).
pub fn parse_filter(filter: &str) -> Result<String, String> {
    EnvFilter::try_new(filter).map(|_| filter.to_owned()).map_err(|error| error.to_string())
}

pub fn init(filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    match format {
        LogFormat::Text => registry.with(fmt::layer().with_target(false)).init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true)).init(),
    }
}
