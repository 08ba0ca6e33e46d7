//! schema.org descriptions of a page for search engines and link previews, as JSON-LD.
use leptos::prelude::*;

/// A `<script type="application/ld+json">` holding `value` with its absent facts left out. `<` is
/// written as `\u003c`, so no text inside can end the script.
#[component]
pub fn StructuredData(value: serde_json::Value) -> impl IntoView {
    let json = without_absent(value).to_string().replace('<', "\\u003c");
    view! { <script type="application/ld+json" inner_html=json></script> }
}

/// The value with every `null` and empty list left out of its objects, at any depth: a listing that
/// does not say its telephone has none in its description, rather than `"telephone": null`.
fn without_absent(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(members) => members
            .into_iter()
            .map(|(name, member)| (name, without_absent(member)))
            .filter(|(_, member)| !member.is_null() && member.as_array().is_none_or(|items| !items.is_empty()))
            .collect(),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::without_absent;

    #[test]
    fn absent_facts_are_left_out_of_structured_data() {
        let value = serde_json::json!({ "name": "A", "email": null, "sameAs": [], "address": { "city": null, "country": "AZ" } });
        assert_eq!(without_absent(value), serde_json::json!({ "name": "A", "address": { "country": "AZ" } }));
    }
}
