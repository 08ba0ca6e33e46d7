//! Keeps a rendered page one HTML document. Leptos' async rendering sends the whole app, `</html>`
//! included, and then its hydration data as `<script>`s: after the end of the document, a fatal
//! parse error to validators (browsers forgive it). This moves the page's closing tags to the very
//! end, so those scripts land inside `<body>`, without holding back anything but the closing tags.
use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::header,
    middleware::Next,
    response::Response,
};
use futures_util::{StreamExt, stream};

const BODY_END: &[u8] = b"</body>";
const HTML_END: &[u8] = b"</html>";

/// For HTML answers: the closing tags are sent after the last chunk.
pub async fn scripts_inside_body(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (parts, body) = response.into_parts();
    let state = (body.into_data_stream(), None::<Bytes>, false);
    let chunks = stream::unfold(state, |(mut body, mut closing, finished)| async move {
        if finished {
            return None;
        }
        let sent = match body.next().await {
            Some(Ok(chunk)) if closing.is_none() => match split_closing(&chunk) {
                Some((before, tags, after)) => {
                    closing = Some(tags);
                    vec![Ok(before), Ok(after)]
                }
                None => vec![Ok(chunk)],
            },
            Some(chunk) => vec![chunk],
            None => return closing.take().map(|tags| (vec![Ok(tags)], (body, None, true))),
        };
        Some((sent, (body, closing, false)))
    });
    Response::from_parts(parts, Body::from_stream(chunks.fuse().flat_map(stream::iter)))
}

/// A chunk holding the document's closing tags, cut into what comes before them, the tags
/// (`</body>` to `</html>`, hydration markers and all) and what follows them.
fn split_closing(chunk: &Bytes) -> Option<(Bytes, Bytes, Bytes)> {
    let body_end = rfind(chunk, BODY_END)?;
    let html_end = rfind(chunk, HTML_END).filter(|at| *at > body_end).map_or(chunk.len(), |at| at + HTML_END.len());
    Some((chunk.slice(..body_end), chunk.slice(body_end..html_end), chunk.slice(html_end..)))
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}
