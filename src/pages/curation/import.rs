//! Importing listings and solutions from a file, and the report of what the import did or would do.
use leptos::prelude::*;

use crate::{
    api::curation::get_import_report,
    components::form::problem_text,
    domain::bulk::{ImportReport, ImportSheet, Unreadable},
    i18n::*,
    routes,
};

use super::{FormErrors, StaffFrame, failed, lang_now};

/// Imports listings and solutions from a file: a plain multipart form (files need one), so it works
/// without JavaScript; the page shows the last import's report once.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let report = Resource::new(|| (), |_| get_import_report());
    let title = Signal::derive(move || t_string!(i18n, curation.import.title).to_string());
    view! {
        <StaffFrame title=title>
            <Suspense>
                {move || report.get().map(|page| match page {
                    Err(error) => failed(error),
                    Ok(page) => view! {
                        <FormErrors errors=page.errors />
                        {page.data.map(|report| view! { <ImportOutcome report=report /> })}
                        <p>{t!(i18n, curation.import.intro)}</p>
                        <form method="post" enctype="multipart/form-data" action=routes::curation::import(lang()) class="form">
                            <div class="field">
                                <label for="import-file">{t!(i18n, curation.import.file)}</label>
                                <input id="import-file" type="file" name="file" accept=".json,.csv,application/json,text/csv" required />
                            </div>
                            <div class="field">
                                <label>
                                    <input type="checkbox" name="dry_run" value="1" checked />
                                    " " {t!(i18n, curation.import.dry_run)}
                                </label>
                            </div>
                            <button class="button button--primary" type="submit">{t!(i18n, curation.import.submit)}</button>
                        </form>
                        <p>
                            {t!(i18n, curation.import.formats)} " "
                            <a href=routes::api::EXPORT_JSON>"export.json"</a> ", "
                            <a href=routes::api::EXPORT_ORGANIZATIONS_CSV>"organizations.csv"</a> ", "
                            <a href=routes::api::EXPORT_SOLUTIONS_CSV>"solutions.csv"</a>
                        </p>
                    }.into_any(),
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// What an import did, or every problem of every row that stopped it.
/// The name of an import's list, as the report's reader calls it.
pub(super) fn sheet_name(locale: Locale, sheet: ImportSheet) -> &'static str {
    match sheet {
        ImportSheet::Organizations => td_string!(locale, curation.import.sheet_organizations),
        ImportSheet::Solutions => td_string!(locale, curation.import.sheet_solutions),
    }
}

#[component]
pub(super) fn ImportOutcome(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let (organizations, solutions) = (report.organizations, report.solutions);
    if let Some(reason) = report.unreadable {
        let locale = i18n.get_locale_untracked();
        let reason = match reason {
            Unreadable::NotExportJson { line, column } => {
                td_display!(locale, curation.import.not_json, line = line, column = column).to_string()
            }
            Unreadable::NotCsv { line: Some(line) } => {
                td_display!(locale, curation.import.not_csv_at, line = line).to_string()
            }
            Unreadable::NotCsv { line: None } => td_string!(locale, curation.import.not_csv).to_owned(),
            Unreadable::UnknownColumn { header, sheet, known } => td_display!(
                locale,
                curation.import.unknown_column,
                header = header,
                sheet = sheet_name(locale, sheet),
                known = known.join(", ")
            )
            .to_string(),
        };
        return view! {
            <div class="form-alert" role="alert">
                <p>{t!(i18n, curation.import.unreadable)}</p>
                <p>{reason}</p>
            </div>
        }
        .into_any();
    }
    if report.problems.is_empty() {
        return if report.dry_run {
            view! { <p role="status" class="notice">{t!(i18n, curation.import.ready, organizations = organizations, solutions = solutions)}</p> }.into_any()
        } else {
            view! { <p role="status" class="notice">{t!(i18n, curation.import.imported, organizations = organizations, solutions = solutions)}</p> }.into_any()
        };
    }
    let count = report.problems.len();
    view! {
        <div class="form-alert" role="alert">
            <p>{t!(i18n, curation.import.problems, count = count)}</p>
        </div>
        <table class="staff__table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, curation.import.sheet)}</th>
                    <th scope="col">{t!(i18n, curation.import.row)}</th>
                    <th scope="col">{t!(i18n, curation.import.slug)}</th>
                    <th scope="col">{t!(i18n, curation.import.column)}</th>
                    <th scope="col">{t!(i18n, curation.import.problem)}</th>
                </tr>
            </thead>
            <tbody>
                {report.problems.into_iter().map(|problem| view! {
                    <tr>
                        <td>{move || sheet_name(i18n.get_locale(), problem.sheet)}</td>
                        <td>{problem.row}</td>
                        <td>{problem.slug}</td>
                        <td><code>{problem.column}</code></td>
                        <td>{move || problem_text(i18n.get_locale(), &problem.problem)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
