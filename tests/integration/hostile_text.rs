//! Hostile text written through every field an organization or forum staff can fill in, then read back
//! from every page, feed, mail, CSV and JSON document that shows it: no page carries a payload raw
//! (a script, an `onerror` attribute, a `javascript:` link, a `<title>` closed early), JSON documents hold
//! the text as data, and no mail header takes a line break.
//!
//! Each field gets the payload with its own name after it (`… [en.name]`), so a failure names the
//! field, the page and the payload.
use axum::http::StatusCode;
use qala::{
    domain::{
        editing::RevisionStatus,
        lang::Lang,
        organization::OrganizationKind,
        user::{EmailAddress, MembershipRole, StaffRole},
        validation::optional_url,
    },
    server::db::Database,
};
use serde_json::Value;
use time::OffsetDateTime;

use crate::{
    browser::Browser,
    editing::{location, person},
    http::{app, get},
    on_both_engines,
    repository::organization,
    solution_editing::post_solution,
};

/// The payloads, each with a name for failure messages.
const PAYLOADS: &[(&str, &str)] = &[
    ("title breakout", "Probe</title><script>alert(1)</script><title>"),
    ("attribute breakout", "\"><img src=x onerror=alert(1)>"),
    ("script breakout", "</script><script>alert(1)</script>"),
    ("textarea breakout", "</textarea><script>alert(1)</script>"),
    ("Markdown link", "[click](javascript:alert(1))"),
    ("HTML link", "<a href=\"javascript:alert(1)\">x</a>"),
    ("template", "{{7*7}} ${7*7}"),
    ("line break", "a\r\nSet-Cookie: x=1"),
    ("bidi override", "\u{202E}gnp.exe"),
];

/// What must never appear in a page the server wrote, whatever anyone typed: the server escapes every
/// `<` of a text, so each of these would be markup made of someone's text.
const RAW: &[&str] =
    &["<script>alert(1)", "</script><script>", "</title><script>", "<img src=x onerror", "<a href=\"javascript:"];

/// An element's start tag as the page has it: its name, its attributes and where it is.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    at: usize,
}

/// The start tags of a page. Text is escaped, so every `<` outside a script or style starts a tag (or a
/// comment, or an end tag, which are skipped).
fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = 0;
    while let Some(offset) = html[rest..].find('<') {
        let at = rest + offset;
        let tail = &html[at + 1..];
        if tail.starts_with("!--") {
            rest = at + tail.find("-->").map_or(tail.len(), |end| end + 4);
            continue;
        }
        let name: String = tail.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if name.is_empty() {
            rest = at + 1;
            continue;
        }
        let mut position = at + 1 + name.len();
        let mut attributes = Vec::new();
        let bytes = html.as_bytes();
        loop {
            while position < bytes.len() && bytes[position].is_ascii_whitespace() {
                position += 1;
            }
            if position >= bytes.len() || bytes[position] == b'>' || html[position..].starts_with("/>") {
                break;
            }
            let start = position;
            while position < bytes.len() && !bytes[position].is_ascii_whitespace() && !b"=>".contains(&bytes[position])
            {
                position += 1;
            }
            let attribute = html[start..position].to_ascii_lowercase();
            let mut value = String::new();
            if position < bytes.len() && bytes[position] == b'=' {
                position += 1;
                let quote = bytes.get(position).copied().filter(|c| *c == b'"' || *c == b'\'');
                let start = position + usize::from(quote.is_some());
                let end = match quote {
                    Some(quote) => html[start..].find(char::from(quote)).map_or(html.len(), |end| start + end),
                    None => html[start..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(html.len(), |end| start + end),
                };
                value = html[start..end].to_owned();
                position = end + usize::from(quote.is_some());
            }
            attributes.push((attribute, value));
        }
        let name = name.to_ascii_lowercase();
        rest = position.min(html.len());
        if name == "script" || name == "style" {
            // Their content is not markup; a payload that ended the element early shows up as a tag after it.
            let close = format!("</{name}");
            rest = html[rest..].find(&close).map_or(html.len(), |end| rest + end);
            if name == "script" && html[position.min(html.len())..rest].trim_start_matches('>').trim() == "alert(1)" {
                attributes.push(("(content)".to_owned(), "alert(1)".to_owned()));
            }
        }
        tags.push(Tag { name, attributes, at });
    }
    tags
}

/// One payload and the places it was written to.
struct Probe {
    label: &'static str,
    payload: &'static str,
    index: usize,
    /// A verified listing: its changes are public at once.
    listing: String,
    listing_id: i64,
    /// An unverified one: its change waits for review and is rejected.
    pending: String,
    pending_id: i64,
    revision_id: i64,
    solution: String,
    solution_id: i64,
    edition: String,
}

impl Probe {
    /// The text a field gets: the payload, then the field's name.
    fn value(&self, field: &str) -> String {
        format!("{} [{field}]", self.payload)
    }

    /// The field's text as the site may keep it: as typed, with the form's line breaks as `\n`, or (a
    /// list of one item a line, as certifications) its last line.
    fn kept(&self, field: &str) -> Vec<String> {
        let value = self.value(field);
        let last_line = value.lines().last().unwrap_or_default().trim().to_owned();
        vec![value.replace("\r\n", "\n"), value, last_line]
    }

    /// A web address carrying the payload in its path (without the spaces an address cannot hold).
    fn url(&self, field: &str) -> String {
        let path: String = self.value(field).chars().filter(|c| !c.is_whitespace()).collect();
        format!("https://probe{}.example/{path}", self.index)
    }

    /// An address whose local part is the payload, where an address can be.
    fn email(&self) -> Option<String> {
        let local: String = self.payload.chars().filter(|c| !c.is_whitespace()).take(60).collect();
        let email = format!("{local}@probe{}.example", self.index);
        EmailAddress::parse(&email).is_ok().then_some(email)
    }

    fn describe(&self) -> String {
        format!("payload {} ({:?})", self.label, self.payload)
    }
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect()
}

/// Text as the server escapes it into HTML: in a text node, or in a double-quoted attribute.
fn escaped(text: &str) -> [String; 2] {
    let in_text = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let in_attribute = in_text.replace('"', "&quot;");
    [in_text, in_attribute]
}

fn unescaped(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&amp;", "&")
}

/// The page as read, with what it is called in failure messages.
struct Page {
    name: String,
    body: String,
}

thread_local! {
    /// The checks that failed in this test (each test runs on one thread): one run reports every field,
    /// page and payload that fails, not only the first.
    static FAILURES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn check(ok: bool, failure: impl FnOnce() -> String) {
    if !ok {
        FAILURES.with(|failures| failures.borrow_mut().push(failure()));
    }
}

/// Fails the test with every failed check, one a line.
fn report_failures() {
    let failures = FAILURES.with(|failures| std::mem::take(&mut *failures.borrow_mut()));
    assert!(failures.is_empty(), "{} checks failed:\n{}", failures.len(), failures.join("\n"));
}

impl Page {
    async fn read(browser: &mut Browser, path: &str) -> Page {
        let reply = browser.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        Page { name: path.to_owned(), body: reply.body }
    }

    /// Up to 240 characters of the page around `at`.
    fn context(&self, at: usize) -> String {
        let start = (0..=at.saturating_sub(80)).rev().find(|start| self.body.is_char_boundary(*start)).unwrap_or(0);
        self.body[start..].chars().take(240).collect()
    }

    /// No raw payload anywhere in the page; the failure shows where, which names the field.
    fn check_nothing_raw(&self, what: &str) {
        for raw in RAW {
            if let Some(at) = self.body.find(raw) {
                check(false, || format!("{}: raw `{raw}` from {what} in the page: …{}…", self.name, self.context(at)));
            }
        }
        for tag in tags(&self.body) {
            for (attribute, value) in &tag.attributes {
                let script_address = matches!(attribute.as_str(), "href" | "src" | "action" | "formaction")
                    && value.trim().to_ascii_lowercase().starts_with("javascript:");
                let handler = attribute.starts_with("on") || attribute == "(content)";
                check(!script_address && !handler, || {
                    format!(
                        "{}: a <{}> with {attribute}={value:?} from {what}: …{}…",
                        self.name,
                        tag.name,
                        self.context(tag.at)
                    )
                });
            }
        }
    }

    /// The page shows each field's text, escaped (plain text fields), or at least its marker (Markdown,
    /// which the page renders).
    fn check_shows(&self, probe: &Probe, fields: &[&str]) {
        for field in fields {
            let marker = format!("[{field}]");
            let Some(at) = self.body.find(&marker) else {
                check(false, || format!("{}: the {field} text of {} is not on the page", self.name, probe.describe()));
                continue;
            };
            // Markdown is rendered, and certifications are shown one a line: their markers are enough.
            if !field.ends_with("description") && !field.ends_with("certifications") {
                let shown =
                    probe.kept(field).iter().flat_map(|value| escaped(value)).any(|form| self.body.contains(&form));
                check(shown, || {
                    format!(
                        "{}: the {field} text of {} is not shown whole and escaped: …{}…",
                        self.name,
                        probe.describe(),
                        self.context(at)
                    )
                });
            }
        }
    }

    /// The document's `<title>` holds the field's whole text, escaped, so it cannot end the title early.
    fn check_title_holds(&self, probe: &Probe, field: &str) {
        let start = self.body.find("<title>").map(|at| at + "<title>".len());
        let title =
            start.and_then(|start| self.body[start..].find("</title>").map(|end| &self.body[start..start + end]));
        let title = title.unwrap_or_else(|| panic!("{}: no <title>", self.name));
        let whole = probe.kept(field).iter().any(|value| unescaped(title).contains(value.as_str()));
        check(!title.contains('<') && whole, || {
            format!(
                "{}: the <title> does not hold the {field} text of {} escaped: <title>{title}</title>",
                self.name,
                probe.describe()
            )
        });
    }

    /// The JSON-LD block parses as JSON, cannot be closed by the text inside it, and names the listing.
    fn check_structured_data(&self, probe: &Probe, name_field: &str) {
        let open = r#"<script type="application/ld+json">"#;
        let start = self.body.find(open).unwrap_or_else(|| panic!("{}: no JSON-LD", self.name)) + open.len();
        let end = self.body[start..].find("</script>").expect("the JSON-LD block ends") + start;
        let block = &self.body[start..end];
        match serde_json::from_str::<Value>(block) {
            Ok(data) => check(probe.kept(name_field).iter().any(|name| data["name"] == *name), || {
                format!("{}: the JSON-LD name is not the {name_field} text of {}", self.name, probe.describe())
            }),
            Err(error) => check(false, || {
                format!("{}: the JSON-LD is not JSON with {} ({error}): {block}", self.name, probe.describe())
            }),
        }
    }
}

/// Every string in a JSON document.
fn strings(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(text) => found.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, found)),
        Value::Object(fields) => fields.values().for_each(|item| strings(item, found)),
        _ => {}
    }
}

/// A JSON document holds each field's text exactly, as data.
async fn check_json_holds(app: &axum::Router, path: &str, probes: &[Probe], fields: &[&str]) {
    let (status, _, body) = get(app, path, &[]).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    let document: Value = match serde_json::from_str(&body) {
        Ok(document) => document,
        Err(error) => return check(false, || format!("{path} is not JSON: {error}")),
    };
    let mut found = Vec::new();
    strings(&document, &mut found);
    for probe in probes {
        for field in fields {
            check(probe.kept(field).iter().any(|value| found.contains(value)), || {
                format!("{path}: the {field} text of {} is not in the JSON as it was", probe.describe())
            });
        }
    }
}

/// A CSV download holds each field's text in a cell (after the `'` that keeps spreadsheets from running it).
async fn check_csv_holds(app: &axum::Router, path: &str, probes: &[Probe], fields: &[&str]) {
    let (status, _, body) = get(app, path, &[]).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<String> =
        reader.records().flat_map(|record| record.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect();
    for probe in probes {
        for field in fields {
            let kept = probe.kept(field);
            check(cells.iter().any(|cell| kept.iter().any(|value| cell.trim_start_matches('\'') == value)), || {
                format!("{path}: the {field} text of {} is not a cell", probe.describe())
            });
        }
    }
}

/// Staff add a category, a sector and a tag named by the probe, and an edition with a panel; returns the
/// category's and the sector's ids.
async fn staff_write(curator: &mut Browser, db: &Database, probe: &Probe) -> (String, String) {
    let taxonomy = db.managed_taxonomy().await.unwrap();
    let parent = taxonomy.categories.iter().find(|term| term.parent_id.is_none()).unwrap().id.to_string();
    for (kind, slug) in [("category", "cat"), ("sector", "sec"), ("tag", "tag")] {
        let mut fields = vec![
            ("op".to_owned(), "add".to_owned()),
            ("slug".to_owned(), format!("probe-{slug}-{}", probe.index)),
            ("parent".to_owned(), parent.clone()),
            ("nist".to_owned(), "protect".to_owned()),
        ];
        for lang in Lang::ALL {
            fields.push((format!("{lang}.name"), probe.value(&format!("{kind}.{lang}.name"))));
        }
        let page = "/en/staff/taxonomy";
        let reply = curator.submit(&format!("{page}/{kind}"), &pairs(&fields), page).await;
        let done = location(&reply);
        assert!(done.contains("changed="), "the {kind} of {} was refused ({done})", probe.describe());
    }
    let taxonomy = db.managed_taxonomy().await.unwrap();
    let id = |terms: &[qala::domain::taxonomy::ManagedTerm], slug: String| {
        terms.iter().find(|term| term.slug == slug).unwrap_or_else(|| panic!("{slug} added")).id.to_string()
    };
    let category = id(&taxonomy.categories, format!("probe-cat-{}", probe.index));
    let sector = id(&taxonomy.sectors, format!("probe-sec-{}", probe.index));

    let forum = "/en/staff/forum";
    let mut edition = vec![
        ("op".to_owned(), "add_edition".to_owned()),
        ("slug".to_owned(), probe.edition.clone()),
        ("starts_on".to_owned(), "2027-10-07".to_owned()),
        ("city".to_owned(), probe.value("edition.city")),
    ];
    for lang in Lang::ALL {
        edition.push((format!("{lang}.name"), probe.value(&format!("edition.{lang}.name"))));
    }
    let reply = curator.submit(forum, &pairs(&edition), forum).await;
    assert!(location(&reply).contains("changed=1"), "the edition of {} was refused", probe.describe());
    let edition_id = db
        .forum_editions()
        .await
        .unwrap()
        .into_iter()
        .find(|edition| edition.slug.as_str() == probe.edition)
        .unwrap()
        .id;
    let mut panel = vec![
        ("op".to_owned(), "add_panel".to_owned()),
        ("slug".to_owned(), format!("{}-panel", probe.edition)),
        ("edition_id".to_owned(), edition_id.to_string()),
        ("edition".to_owned(), probe.edition.clone()),
    ];
    for lang in Lang::ALL {
        panel.push((format!("{lang}.title"), probe.value(&format!("panel.{lang}.title"))));
        panel.push((format!("{lang}.summary"), probe.value(&format!("panel.{lang}.summary"))));
    }
    let reply = curator.submit(forum, &pairs(&panel), forum).await;
    assert!(location(&reply).contains("changed=1"), "the panel of {} was refused", probe.describe());
    let panel_id = db.forum_panels(Some(edition_id)).await.unwrap()[0].id.to_string();
    let participant = [("op", "add_participant"), ("panel_id", panel_id.as_str()), ("participant", &probe.listing)];
    curator.submit(forum, &participant, forum).await;
    (category, sector)
}

/// The profile form with every text field holding the probe, as a startup in the given terms.
fn hostile_profile(probe: &Probe, category: &str, sector: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("kind".to_owned(), "startup".to_owned()),
        ("country".to_owned(), "AZ".to_owned()),
        ("stage".to_owned(), "mvp".to_owned()),
        ("category".to_owned(), category.to_owned()),
        ("sector".to_owned(), sector.to_owned()),
        ("city".to_owned(), probe.value("city")),
        ("address".to_owned(), probe.value("address")),
        ("constituency".to_owned(), probe.value("constituency")),
        ("incident_contact".to_owned(), probe.url("incident_contact")),
        ("certifications".to_owned(), probe.value("certifications")),
        ("website".to_owned(), probe.url("website")),
        (
            "social_links".to_owned(),
            format!("https://github.com/{}", probe.url("social_links").replace("https://", "")),
        ),
        ("demo_video_url".to_owned(), probe.url("demo_video_url")),
    ];
    if let Some(email) = probe.email() {
        fields.push(("email".to_owned(), email));
    }
    for lang in Lang::ALL {
        for name in ["name", "short_description", "description", "pitch"] {
            let field = format!("{lang}.{name}");
            fields.push((field.clone(), probe.value(&field)));
        }
    }
    fields
}

async fn post_profile(browser: &mut Browser, slug: &str, fields: &[(String, String)]) -> String {
    let path = format!("/en/account/organizations/{slug}/profile");
    location(&browser.submit(&path, &pairs(fields), &format!("/en/account/organizations/{slug}")).await)
}

/// Writes the probe through every field, and returns it with where it went.
async fn write_probe(
    db: &Database,
    owner: &mut Browser,
    curator: &mut Browser,
    admin: &mut Browser,
    owner_id: i64,
    index: usize,
) -> Probe {
    let (label, payload) = PAYLOADS[index];
    let mut verified = organization(&format!("Probe verified {index}"), OrganizationKind::Startup);
    verified.verified_at = Some(OffsetDateTime::now_utc());
    let unverified = organization(&format!("Probe pending {index}"), OrganizationKind::Startup);
    let now = OffsetDateTime::now_utc();
    let ids = db.insert_organizations(&[verified, unverified], now).await.unwrap();
    let listings = db.organizations_by_ids(&ids).await.unwrap();
    for id in &ids {
        db.set_membership(owner_id, *id, MembershipRole::Owner, now).await.unwrap();
    }
    let mut probe = Probe {
        label,
        payload,
        index,
        listing: listings[0].slug.to_string(),
        listing_id: ids[0],
        pending: listings[1].slug.to_string(),
        pending_id: ids[1],
        revision_id: 0,
        solution: String::new(),
        solution_id: 0,
        edition: format!("probe-edition-{index}"),
    };
    let (category, sector) = staff_write(curator, db, &probe).await;

    let profile = hostile_profile(&probe, &category, &sector);
    let saved = post_profile(owner, &probe.listing, &profile).await;
    assert!(saved.ends_with("?saved=published"), "the profile with {} was refused ({saved})", probe.describe());
    let saved = post_profile(owner, &probe.pending, &profile).await;
    assert!(saved.ends_with("?saved=pending"), "the change with {} was refused ({saved})", probe.describe());
    probe.revision_id = db.latest_revision(probe.pending_id).await.unwrap().unwrap().summary.id;

    let mut solution: Vec<(String, String)> = vec![
        ("kind".to_owned(), "product".to_owned()),
        ("category".to_owned(), category.clone()),
        ("certifications".to_owned(), probe.value("solution.certifications")),
        ("url".to_owned(), probe.url("solution.url")),
    ];
    for lang in Lang::ALL {
        for name in ["name", "description"] {
            solution.push((format!("{lang}.{name}"), probe.value(&format!("solution.{lang}.{name}"))));
        }
    }
    let added = location(&post_solution(owner, &probe.listing, "new", &pairs(&solution)).await);
    assert!(added.contains("solution=published"), "the solution with {} was refused ({added})", probe.describe());
    let solution = db.solutions_of(probe.listing_id).await.unwrap().remove(0);
    (probe.solution, probe.solution_id) = (solution.slug.to_string(), solution.id);

    // An editor invited by address, where the payload can be one.
    let invited = probe.email().map(|email| email.replace('@', "+invited@"));
    let address = invited.clone().unwrap_or_else(|| probe.payload.to_owned());
    let reply =
        owner.call("/api/editing/invite", &[("lang", "en"), ("slug", &probe.listing), ("email", &address)]).await;
    match invited {
        Some(_) => assert_eq!(reply.status, StatusCode::OK, "the invitation of {}: {}", probe.describe(), reply.body),
        None => assert_ne!(reply.status, StatusCode::OK, "{} is no address: {}", probe.describe(), reply.body),
    }

    let page = format!("/en/staff/revisions/{}", probe.revision_id);
    let review = Page::read(curator, &page).await;
    review.check_nothing_raw(&probe.describe());
    review.check_shows(&probe, &["en.name", "city", "address"]);
    let rejected = admin.submit(&page, &[("decision", "reject"), ("reason", &probe.value("reason"))], &page).await;
    assert_eq!(location(&rejected), format!("{page}?decided=1"), "the rejection of {}", probe.describe());
    probe
}

/// Every page, feed, document and mail that shows what the probe wrote.
async fn read_probe(app: &axum::Router, owner: &mut Browser, curator: &mut Browser, probe: &Probe) {
    let mut visitor = Browser::new(app, "203.0.113.9:5000");
    for lang in Lang::ALL {
        let profile = Page::read(&mut visitor, &format!("/{lang}/organizations/{}", probe.listing)).await;
        profile.check_nothing_raw(&probe.describe());
        let name = format!("{lang}.name");
        profile.check_shows(probe, &[&name, &format!("{lang}.short_description"), "city", "address", "constituency"]);
        profile
            .check_shows(probe, &[&format!("{lang}.description"), "certifications", &format!("category.{lang}.name")]);
        profile.check_title_holds(probe, &name);
        profile.check_structured_data(probe, &name);
    }
    // The other pages in one language a probe, each language in turn, to keep the test quick.
    let lang = Lang::ALL[probe.index % Lang::ALL.len()];
    let solution = Page::read(&mut visitor, &format!("/{lang}/solutions/{}", probe.solution)).await;
    solution.check_nothing_raw(&probe.describe());
    let name = format!("solution.{lang}.name");
    solution.check_shows(probe, &[&name, &format!("solution.{lang}.description"), "solution.certifications"]);
    solution.check_title_holds(probe, &name);

    let forum = Page::read(&mut visitor, &format!("/{lang}/forum?edition={}", probe.edition)).await;
    forum.check_nothing_raw(&probe.describe());
    let edition = format!("edition.{lang}.name");
    forum.check_shows(probe, &[&edition, &format!("panel.{lang}.title"), &format!("panel.{lang}.summary")]);
    forum.check_shows(probe, &[&format!("{lang}.name")]);
    let editor = Page::read(owner, &format!("/en/account/organizations/{}", probe.listing)).await;
    editor.check_nothing_raw(&probe.describe());
    editor.check_shows(probe, &["en.name", "az.name", "ru.name", "city", "address", "en.pitch"]);
    editor.check_title_holds(probe, "en.name");
    let pending = Page::read(owner, &format!("/en/account/organizations/{}", probe.pending)).await;
    pending.check_nothing_raw(&probe.describe());
    pending.check_shows(probe, &["reason"]);
    let path = format!("/en/account/organizations/{}/solutions/{}", probe.listing, probe.solution_id);
    let solution_editor = Page::read(owner, &path).await;
    solution_editor.check_nothing_raw(&probe.describe());
    solution_editor.check_shows(probe, &["solution.en.name", "solution.en.description", "solution.certifications"]);

    let staff_listing = Page::read(curator, &format!("/en/staff/listings/{}", probe.listing)).await;
    staff_listing.check_nothing_raw(&probe.describe());
    staff_listing.check_shows(probe, &["en.name"]);
    let decided = Page::read(curator, &format!("/en/staff/revisions/{}", probe.revision_id)).await;
    decided.check_nothing_raw(&probe.describe());
    let staff_forum = Page::read(curator, &format!("/en/staff/forum?edition={}", probe.edition)).await;
    staff_forum.check_nothing_raw(&probe.describe());
    staff_forum.check_shows(probe, &["edition.en.name", "panel.en.title", "panel.en.summary"]);

    check_json_holds(
        app,
        &format!("/api/v1/organizations/{}", probe.listing),
        std::slice::from_ref(probe),
        &[
            "az.name",
            "en.name",
            "ru.name",
            "en.short_description",
            "en.description",
            "city",
            "address",
            "constituency",
            "certifications",
            "category.en.name",
            "sector.en.name",
            "en.pitch",
        ],
    )
    .await;
}

/// Pages, feeds and downloads that show every probe at once.
async fn read_shared(app: &axum::Router, curator: &mut Browser, admin: &mut Browser, probes: &[Probe]) {
    let mut visitor = Browser::new(app, "203.0.113.10:5000");
    // Each page, and the fields of every probe that it shows.
    let public: [(&str, &[&str]); 6] = [
        ("/en", &[]),
        ("/en/organizations", &["en.name", "en.short_description", "category.en.name", "sector.en.name"]),
        ("/en/startups", &["en.name", "en.pitch"]),
        ("/en/landscape", &["en.name"]),
        ("/en/solutions", &["solution.en.name"]),
        ("/en/forum", &[]),
    ];
    let staff: [(&str, &[&str]); 5] = [
        ("/en/staff", &[]),
        ("/en/staff/audit", &[]),
        ("/en/staff/taxonomy", &["category.en.name", "sector.en.name", "tag.en.name"]),
        ("/en/staff/quality", &[]),
        ("/en/staff/forum", &[]),
    ];
    let admin_pages: [(&str, &[&str]); 2] = [("/en/staff/people", &[]), ("/en/account/outbox", &[])];
    for (browser, pages) in [(&mut visitor, &public[..]), (curator, &staff[..]), (admin, &admin_pages[..])] {
        for (path, fields) in pages {
            let page = Page::read(browser, path).await;
            page.check_nothing_raw("any payload");
            for probe in probes {
                page.check_shows(probe, fields);
            }
        }
    }
    for (path, fields) in [("/feed.atom", &["az.name"][..]), ("/sitemap.xml", &[])] {
        let (status, _, body) = get(app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let page = Page { name: path.to_owned(), body };
        page.check_nothing_raw("any payload");
        for probe in probes {
            page.check_shows(probe, fields);
        }
    }

    check_json_holds(app, "/api/v1/organizations?lang=en", probes, &["en.name"]).await;
    check_json_holds(app, "/api/v1/solutions?lang=en", probes, &["solution.en.name"]).await;
    check_json_holds(app, "/api/v1/categories", probes, &["category.en.name", "category.az.name"]).await;
    check_json_holds(app, "/api/v1/sectors", probes, &["sector.en.name"]).await;
    check_json_holds(app, "/api/v1/export.json", probes, &["en.name", "city", "solution.en.name"]).await;
    check_csv_holds(app, "/api/v1/organizations.csv?lang=en", probes, &["en.name", "city"]).await;
    check_csv_holds(app, "/api/v1/export/organizations.csv", probes, &["az.name", "en.description", "address"]).await;
    check_csv_holds(app, "/api/v1/export/solutions.csv", probes, &["solution.en.name"]).await;
}

/// Mails are plain text, but their headers must stay one line each.
async fn check_mail_headers_are_single_lines(db: &Database) {
    let mails = db.recent_mail(None, 1000).await.unwrap();
    assert!(mails.len() > PAYLOADS.len(), "invitations and rejections were mailed");
    for mail in mails {
        check(!mail.subject.contains(['\r', '\n']), || {
            format!("the subject of the mail to {} takes a line break: {:?}", mail.recipient, mail.subject)
        });
        check(!mail.recipient.chars().any(|c| c.is_whitespace() || c.is_control()), || {
            format!("a mail goes to {:?}", mail.recipient)
        });
    }
}

async fn hostile_text_is_shown_as_text_everywhere(db: Database) {
    let app = app(&db);
    let mut owner = person(&app, &db, "owner@probe.example", None, None).await;
    let owner_id = db.user_by_email(&EmailAddress::parse("owner@probe.example").unwrap()).await.unwrap().unwrap().id;
    let mut curator = person(&app, &db, "curator@forum.example", Some(StaffRole::Curator), None).await;
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let mut probes = Vec::new();
    for index in 0..PAYLOADS.len() {
        probes.push(write_probe(&db, &mut owner, &mut curator, &mut admin, owner_id, index).await);
    }
    for probe in &probes {
        read_probe(&app, &mut owner, &mut curator, probe).await;
    }
    read_shared(&app, &mut curator, &mut admin, &probes).await;
    check_mail_headers_are_single_lines(&db).await;
    report_failures();
}

/// `javascript:` (and other non-web) addresses are refused wherever an address is asked for, and nothing
/// is stored.
async fn script_addresses_are_refused(db: Database) {
    let app = app(&db);
    let mut listing = organization("Probe addresses", OrganizationKind::Startup);
    listing.verified_at = Some(OffsetDateTime::now_utc());
    let id = db.insert_organizations(&[listing], OffsetDateTime::now_utc()).await.unwrap()[0];
    let slug = db.organizations_by_ids(&[id]).await.unwrap()[0].slug.to_string();
    let mut owner = person(&app, &db, "owner@probe.example", None, Some((id, MembershipRole::Owner))).await;
    let base = [("az.name", "Probe"), ("kind", "startup"), ("country", "AZ"), ("stage", "mvp")];
    for script in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " javascript:alert(1)",
    ] {
        assert!(optional_url("website", script).is_err(), "{script:?}");
        for field in ["website", "social_links", "demo_video_url"] {
            let mut fields: Vec<(String, String)> =
                base.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
            fields.push((field.to_owned(), script.to_owned()));
            let before = db.latest_revision(id).await.unwrap().map(|revision| revision.summary.id);
            let saved = post_profile(&mut owner, &slug, &fields).await;
            assert!(!saved.contains("saved="), "{field} = {script:?} was saved");
            assert_eq!(db.latest_revision(id).await.unwrap().map(|revision| revision.summary.id), before, "{field}");
            let page = Page::read(&mut owner, &format!("/en/account/organizations/{slug}")).await;
            assert!(
                page.body.contains("Enter a web address starting with https://."),
                "{field} = {script:?}: no reason"
            );
        }
        let solution = [("en.name", "Probe"), ("az.name", "Probe"), ("kind", "product"), ("url", script)];
        let added = location(&post_solution(&mut owner, &slug, "new", &solution).await);
        assert!(!added.contains("solution="), "a solution at {script:?} was saved ({added})");
        assert!(db.solutions_of(id).await.unwrap().is_empty());
    }
}

/// Ten kilobytes of text are refused, with the reason, where a field is shorter; a rejection reason
/// (which has no such bound) is shown whole and escaped.
async fn ten_kilobytes_are_refused_or_shown_escaped(db: Database) {
    let app = app(&db);
    let long: String = PAYLOADS[0].1.repeat(10_240 / PAYLOADS[0].1.len() + 1);
    let mut listing = organization("Probe long", OrganizationKind::Company);
    listing.verified_at = Some(OffsetDateTime::now_utc());
    let unverified = organization("Probe long pending", OrganizationKind::Company);
    let ids = db.insert_organizations(&[listing, unverified], OffsetDateTime::now_utc()).await.unwrap();
    let slugs: Vec<String> =
        db.organizations_by_ids(&ids).await.unwrap().iter().map(|listing| listing.slug.to_string()).collect();
    let mut owner = person(&app, &db, "owner@probe.example", None, Some((ids[0], MembershipRole::Owner))).await;
    let owner_id = db.user_by_email(&EmailAddress::parse("owner@probe.example").unwrap()).await.unwrap().unwrap().id;
    db.set_membership(owner_id, ids[1], MembershipRole::Owner, OffsetDateTime::now_utc()).await.unwrap();
    for (field, reason) in [
        ("en.name", "Use at most 200 characters."),
        ("en.description", "Use at most 8000 characters."),
        ("city", "Use at most 100 characters."),
        ("address", "Use at most 300 characters."),
    ] {
        let mut fields = vec![
            ("az.name".to_owned(), "Probe long".to_owned()),
            ("kind".to_owned(), "company".to_owned()),
            ("country".to_owned(), "AZ".to_owned()),
        ];
        fields.push((field.to_owned(), long.clone()));
        let saved = post_profile(&mut owner, &slugs[0], &fields).await;
        assert!(!saved.contains("saved="), "ten kilobytes of {field} were saved");
        assert!(db.latest_revision(ids[0]).await.unwrap().is_none(), "nothing stored for {field}");
        let page = Page::read(&mut owner, &format!("/en/account/organizations/{}", slugs[0])).await;
        assert!(page.body.contains(reason), "{field}: the page says why (`{reason}`)");
        page.check_nothing_raw(&format!("ten kilobytes of {field}"));
        report_failures();
    }

    let fields = [("az.name", "Probe long pending"), ("en.name", "Probe long"), ("kind", "company"), ("country", "AZ")];
    let path = format!("/en/account/organizations/{}/profile", slugs[1]);
    owner.submit(&path, &fields, &path).await;
    let revision_id = db.latest_revision(ids[1]).await.unwrap().unwrap().summary.id;
    let mut admin = person(&app, &db, "admin@forum.example", Some(StaffRole::Admin), None).await;
    let page = format!("/en/staff/revisions/{revision_id}");
    let rejected = admin.submit(&page, &[("decision", "reject"), ("reason", &long)], &page).await;
    assert_eq!(location(&rejected), page, "ten kilobytes of reason are refused");
    let review = Page::read(&mut admin, &page).await;
    assert!(review.body.contains("Use at most 2000 characters."), "the review page says why");
    review.check_nothing_raw("a refused rejection reason of ten kilobytes");
    assert_eq!(db.latest_revision(ids[1]).await.unwrap().unwrap().summary.status, RevisionStatus::Pending);
    report_failures();
}

on_both_engines!(
    hostile_text_is_shown_as_text_everywhere,
    script_addresses_are_refused,
    ten_kilobytes_are_refused_or_shown_escaped
);
