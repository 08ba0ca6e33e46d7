//! Markdown from organizations, rendered to HTML that is safe to put in a page.
//!
//! pulldown-cmark passes raw HTML through, so its output always goes through ammonia, which keeps
//! only formatting tags and safe links.
use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown to sanitized HTML. Links get `rel="noopener noreferrer nofollow"`.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

/// The first paragraph of some Markdown as plain text, for summaries and meta descriptions.
pub fn first_paragraph(markdown: &str) -> String {
    let paragraph = markdown.split("\n\n").map(str::trim).find(|block| !block.is_empty()).unwrap_or_default();
    let html = to_safe_html(paragraph);
    ammonia::Builder::empty().clean(&html).to_string().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_scripts_are_not() {
        let html =
            to_safe_html("**Qala** protects\n\n- SOC\n- CERT\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))");
        assert!(html.contains("<strong>Qala</strong>") && html.contains("<li>SOC</li>"), "{html}");
        assert!(!html.contains("<script") && !html.contains("href=\"javascript"), "{html}");
        let link = to_safe_html("[site](https://qala.example)");
        assert!(link.contains(r#"rel="noopener noreferrer nofollow""#), "{link}");
        assert!(!to_safe_html("<img src=x onerror=alert(1)>").contains("onerror"));
    }

    #[test]
    fn the_first_paragraph_is_plain_text() {
        assert_eq!(first_paragraph("\n\n**Bold** and [a link](https://x.example)\n\nSecond"), "Bold and a link");
    }
}
