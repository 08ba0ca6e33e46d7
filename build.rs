//! Generates the `i18n` module from `locales/*.json` (leptos_i18n).
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let config = Config::new("az")
        .and_then(|config| config.add_locales(["en", "ru"]))
        .expect("valid locale names")
        // Interpolated strings as plain text too, for titles and attributes.
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config).expect("locales/ parse");
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n")).expect("i18n module generation");
}
