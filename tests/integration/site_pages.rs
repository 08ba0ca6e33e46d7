//! The site's own pages (about, contact, privacy, terms): in every language, linked from every page,
//! kept by forum staff only, and safe to read whatever staff typed.
use axum::http::{StatusCode, header};
use qala::{
    domain::{
        curation::AuditFilter,
        lang::Lang,
        site_page::{MAX_TEXT_CHARS, SitePageKind},
        user::{MembershipRole, StaffRole},
    },
    server::{db::Database, site_pages::shipped},
};

use crate::{
    editing::{location, person, two_listings},
    http::{app, get},
    on_both_engines,
};

async fn the_sites_pages_read_in_every_language_and_every_page_links_them(db: Database) {
    let app = app(&db);
    for &lang in Lang::ALL {
        for &kind in SitePageKind::ALL {
            let path = format!("/{lang}/{kind}");
            let (status, _, page) = get(&app, &path, &[]).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let page = page.replace("<!>", "");
            let title = shipped(kind, lang).title;
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{path}: its heading");
            assert!(page.contains(&format!(r#"<html lang="{lang}""#)), "{path}");
        }
        let (_, _, home) = get(&app, &format!("/{lang}"), &[]).await;
        for kind in SitePageKind::ALL {
            assert!(home.contains(&format!(r#"href="/{lang}/{kind}""#)), "the footer links {kind} in {lang}");
        }
        assert!(home.contains(&format!(r#"href="/{lang}/account/organizations/new""#)), "how to get listed");
    }
    let (_, _, privacy) = get(&app, "/en/privacy", &[]).await;
    for stored in ["Sessions", "Sign-in records", "Audit log", "deleted after one day", "7 days after signing in"] {
        assert!(privacy.contains(stored), "the privacy page says what is kept and how long: {stored}");
    }
    assert!(privacy.contains("<table>"), "as a table");
    let (status, headers, _) = get(&app, "/privacy", &[(header::ACCEPT_LANGUAGE, "ru")]).await;
    assert!(status.is_redirection());
    assert_eq!(headers[header::LOCATION], "/ru/privacy", "an address without a language leads to the reader's");
    let (_, _, sitemap) = get(&app, "/sitemaps/1.xml", &[]).await;
    assert!(sitemap.contains("/az/terms") && sitemap.contains("/ru/about"), "{sitemap}");
}

async fn staff_keep_the_sites_pages_and_what_they_type_cannot_run(db: Database) {
    let app = app(&db);
    let [(listing, _), _] = two_listings(&db).await;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let mut owner = person(&app, &db, "owner@alpha.example", None, Some((listing, MembershipRole::Owner))).await;
    let hostile = "We keep **little**.\n\n<script>alert(1)</script>\n\n[mail us](javascript:alert(2)) <img src=x onerror=alert(3)>";
    let fields = [
        ("form", "site-page-privacy-ru"),
        ("page", "privacy"),
        ("text_lang", "ru"),
        ("title", "Privacy </title><script>alert(4)</script>"),
        ("markdown", hostile),
    ];

    // Only staff: an owner and an anonymous visitor are refused, and nothing is stored.
    let refused = owner.submit("/en/staff/pages", &fields, "/en/staff/pages").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = crate::browser::Browser::new(&app, "203.0.113.9:40000")
        .submit("/en/staff/pages", &fields, "/en/staff/pages")
        .await;
    assert!(!anonymous.status.is_success() && !anonymous.status.is_redirection(), "{}", anonymous.status);
    assert!(db.site_pages().await.unwrap().is_empty());
    let texts = owner.call("/api/staff/site-pages", &[]).await;
    assert_eq!(texts.status, StatusCode::FORBIDDEN, "nor may they read the staff page");

    // A title left empty and a text too long are refused with their reasons, what was typed kept.
    let too_long = "x".repeat(MAX_TEXT_CHARS + 1);
    let mut bad = fields.to_vec();
    bad[3] = ("title", "  ");
    bad[4] = ("markdown", &too_long);
    let reply = curator.submit("/en/staff/pages", &bad, "/en/staff/pages").await;
    assert_eq!(location(&reply), "/en/staff/pages#site-page-privacy-ru");
    let page = curator.get("/en/staff/pages").await.body.replace("<!>", "");
    assert!(page.contains("This field is required") && page.contains("Use at most 20000 characters"), "{page}");
    assert!(page.contains(r#"<details id="site-page-privacy-ru" open"#), "its panel opens");
    assert!(db.site_pages().await.unwrap().is_empty());

    let saved = curator.submit("/en/staff/pages", &fields, "/en/staff/pages").await;
    assert_eq!(location(&saved), "/en/staff/pages?changed=1#site-page-privacy-ru");
    let (status, _, russian) = get(&app, "/ru/privacy", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(russian.contains("We keep <strong>little</strong>."), "Markdown is rendered");
    for script in ["<script>alert", "javascript:", "onerror"] {
        assert!(!russian.contains(script), "{script} does not reach the page");
    }
    assert!(russian.contains("<title>Privacy &lt;/title&gt;&lt;script&gt;"), "the title is text");
    assert!(russian.contains("Последнее изменение"), "the page says when it changed");
    let (_, _, english) = get(&app, "/en/privacy", &[]).await;
    assert!(english.contains(&shipped(SitePageKind::Privacy, Lang::En).title), "other languages keep their text");

    let staff_page = curator.get("/en/staff/pages").await.body;
    assert!(staff_page.contains("Saved by curator@forum.example"), "staff see who saved it");
    let rows =
        db.audit_entries(&AuditFilter { action: "site_page.".into(), ..Default::default() }, 10, 0).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].action.as_str(), rows[0].subject.as_str()), ("site_page.update", "privacy/ru"));
    assert!(
        rows[0].before.as_deref().unwrap().contains("Argon2id") && rows[0].after.as_deref().unwrap().contains("little")
    );
}

on_both_engines!(
    the_sites_pages_read_in_every_language_and_every_page_links_them,
    staff_keep_the_sites_pages_and_what_they_type_cannot_run
);
