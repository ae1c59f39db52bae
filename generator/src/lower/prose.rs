//! A spec's Markdown prose (descriptions, summaries, titles) made into doc lines
//! that rustdoc renders as the vendor wrote them, and that neither `cargo doc`
//! with warnings denied nor `cargo test --doc` trips over.
//!
//! The text is read with `pulldown-cmark`, the parser rustdoc uses, and only what
//! rustdoc would misread is rewritten, in the source text:
//! - every code block (fenced with backticks or tildes, indented, inside a block
//!   quote or a list) becomes a fenced `text` block, so that no doctest is made;
//! - raw HTML becomes Markdown where it has a Markdown form (`<a href>` a link,
//!   `<code>` a code span, `<b>`/`<em>` emphasis, `<p>`/`<br>` dropped) and is
//!   escaped otherwise (`<div>`, `<T>`), so that it shows as written;
//! - bare URLs are wrapped in `<…>`;
//! - brackets outside links are escaped, so that `[Foo]` is not an intra-doc link;
//! - links whose target is not an absolute URL keep their text only;
//! - reference links (`[RFC 3230][1]`) become inline links, so that a line shown
//!   without the definition (a parameter's summary) still links.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The doc lines of `text`.
pub fn prose(text: &str) -> Vec<String> {
    rewrite(text).lines().map(str::to_owned).collect()
}

/// One replacement of a source range.
struct Edit {
    range: Range<usize>,
    text: String,
}

/// The options rustdoc parses doc comments with.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn rewrite(text: &str) -> String {
    let mut edits: Vec<Edit> = Vec::new();
    // The code block or flattened link being read: its edit collects its text.
    let mut open: Option<Edit> = None;
    // The target of the reference link `open` collects, which becomes inline.
    let mut inline_to: Option<String> = None;
    let mut link_depth = 0usize;
    // Consecutive text events, merged so that a URL split by the parser stays whole.
    let mut pending: Option<Range<usize>> = None;
    let mut html = Html::default();
    let flush = |pending: &mut Option<Range<usize>>, edits: &mut Vec<Edit>, within: Within| {
        if let Some(range) = pending.take() {
            let escaped = escape_text(&text[range.clone()], within);
            if escaped != text[range.clone()] {
                edits.push(Edit { range, text: escaped });
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Some(edit) = &mut open {
            match event {
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(edit) = open.take() {
                        edits.push(code_block(text, edit));
                    }
                }
                Event::End(TagEnd::Link | TagEnd::Image) if link_depth == 1 => {
                    link_depth = 0;
                    if let Some(mut edit) = open.take() {
                        edit.text = escape_text(&edit.text, Within::Link).replace('\n', " ");
                        if let Some(url) = inline_to.take() {
                            edit.text = format!("[{}](<{url}>)", edit.text);
                        }
                        edits.push(edit);
                    }
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link_depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => link_depth -= 1,
                Event::Text(t) | Event::Code(t) => edit.text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => edit.text.push('\n'),
                _ => {}
            }
            continue;
        }
        if let Event::Text(_) = event {
            match &mut pending {
                Some(p) if p.end == range.start => p.end = range.end,
                _ => {
                    flush(&mut pending, &mut edits, Within::of(link_depth));
                    pending = Some(range);
                }
            }
            continue;
        }
        flush(&mut pending, &mut edits, Within::of(link_depth));
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                open = Some(Edit { range: code_range(text, range, &kind), text: String::new() });
            }
            Event::Start(Tag::Link { dest_url, link_type, .. } | Tag::Image { dest_url, link_type, .. }) => {
                let by_reference = matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut);
                if is_absolute(&dest_url) && !by_reference {
                    link_depth += 1;
                } else {
                    if is_absolute(&dest_url) {
                        inline_to = Some(dest_url.replace('>', "%3E"));
                    }
                    link_depth = 1;
                    open = Some(Edit { range, text: String::new() });
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => {
                let after = &text[range.end..];
                let paragraph = &after[..after.find("\n\n").unwrap_or(after.len())];
                edits.push(Edit { text: html.rewrite(&text[range.clone()], paragraph), range });
            }
            Event::End(TagEnd::Paragraph | TagEnd::HtmlBlock) => html = Html::default(),
            _ => {}
        }
    }
    flush(&mut pending, &mut edits, Within::of(link_depth));
    apply(text, edits)
}

/// The HTML tags open in the current paragraph that became Markdown.
#[derive(Default)]
struct Html {
    /// Tags made Markdown and not yet closed, innermost last: the tag name and
    /// what closes it (`](<url>)` for a link).
    open: Vec<(String, String)>,
}

impl Html {
    /// Raw HTML as Markdown: `after` is the rest of its paragraph, where a tag's
    /// closing tag must be for the tag to become Markdown.
    fn rewrite(&mut self, raw: &str, after: &str) -> String {
        let mut out = String::new();
        // Lower-cased once (ASCII: the offsets stay), for finding closing tags.
        let (raw_lower, after_lower) = (raw.to_ascii_lowercase(), after.to_ascii_lowercase());
        let mut rest = raw;
        while let Some(start) = rest.find('<') {
            out.push_str(&escape_text(&rest[..start], Within::Text));
            let Some(end) = rest[start..].find('>').map(|e| start + e) else {
                out.push_str(&escape_text(&rest[start..].replace('<', "&lt;"), Within::Text));
                return out;
            };
            let tag = &rest[start + 1..end];
            let offset = raw.len() - rest.len() + end + 1;
            out.push_str(&self.tag(tag, [&raw_lower[offset..], &after_lower]));
            rest = &rest[end + 1..];
        }
        out.push_str(&escape_text(rest, Within::Text));
        out
    }

    /// One tag (between `<` and `>`).
    /// `ahead` is what follows it in the paragraph, lower-cased, in two pieces.
    fn tag(&mut self, tag: &str, ahead: [&str; 2]) -> String {
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        let name = name.to_ascii_lowercase();
        let escaped = || escape_text(&format!("&lt;{tag}>"), Within::Text);
        if matches!(name.as_str(), "p" | "br" | "div" | "span") {
            return if name == "br" { " ".to_owned() } else { String::new() };
        }
        if closing {
            return match self.open.last() {
                Some((open, close)) if *open == name => {
                    let close = close.clone();
                    self.open.pop();
                    close
                }
                _ => escaped(),
            };
        }
        let closing_tag = format!("</{name}>");
        let closed_ahead = ahead.iter().any(|piece| piece.contains(&closing_tag));
        let markdown = match name.as_str() {
            "code" | "tt" => Some(("`".to_owned(), "`".to_owned())),
            "b" | "strong" => Some(("**".to_owned(), "**".to_owned())),
            "em" | "i" => Some(("*".to_owned(), "*".to_owned())),
            "a" => href(tag).filter(|url| is_absolute(url)).map(|url| ("[".to_owned(), format!("](<{url}>)"))),
            _ => None,
        };
        match markdown {
            Some((open, close)) if closed_ahead => {
                self.open.push((name, close));
                open
            }
            _ => escaped(),
        }
    }
}

/// The `href` of an `<a>` tag.
fn href(tag: &str) -> Option<String> {
    let at = tag.find("href=")? + 5;
    let value = &tag[at..];
    let (quote, value) = match value.chars().next()? {
        q @ ('"' | '\'') => (q, &value[1..]),
        _ => (' ', value),
    };
    let url = &value[..value.find(quote).unwrap_or(value.len())];
    Some(url.replace('>', "%3E").replace(' ', "%20"))
}

/// Whether a link target is a URL rustdoc leaves alone.
fn is_absolute(url: &str) -> bool {
    url.contains("://") || url.starts_with("mailto:")
}

/// The range a code block's replacement covers: from the end of its containers'
/// markers (`> `, list indentation) on its first line, to its end without the line
/// break. An indented block also gives up the four spaces that made it code.
fn code_range(text: &str, range: Range<usize>, kind: &CodeBlockKind) -> Range<usize> {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let mut start = range.start;
    if let CodeBlockKind::Indented = kind {
        let lead = &text[line_start..start];
        let spaces = lead.len() - lead.trim_end_matches(' ').len();
        start -= spaces.min(4);
    }
    let end = if text[..range.end].ends_with('\n') { range.end - 1 } else { range.end };
    start..end.max(start)
}

/// A code block as a fenced `text` block, its lines under its containers' markers.
fn code_block(source: &str, edit: Edit) -> Edit {
    let line_start = source[..edit.range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix: String =
        source[line_start..edit.range.start].chars().map(|c| if c == '>' { '>' } else { ' ' }).collect();
    let mut out = String::from("```text\n");
    for line in edit.text.strip_suffix('\n').unwrap_or(&edit.text).split('\n') {
        // A line of the block that looks like a fence would close it early.
        let line = if line.trim_start().starts_with("```") { line.replacen("```", "'''", 1) } else { line.to_owned() };
        out.push_str(&format!("{prefix}{line}\n"));
    }
    out.push_str(&format!("{prefix}```"));
    Edit { range: edit.range, text: out }
}

/// Whether text is the text of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    /// A link's text: its URLs are text, not links of their own.
    Link,
    /// Any other text.
    Text,
}

impl Within {
    fn of(link_depth: usize) -> Within {
        if link_depth > 0 {
            Within::Link
        } else {
            Within::Text
        }
    }
}

/// Text outside code: brackets escaped, bare URLs wrapped (not inside a link).
fn escape_text(text: &str, within: Within) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let escaped: String = rest.chars().take(2).collect();
            out.push_str(&escaped);
            rest = &rest[escaped.len()..];
            continue;
        }
        let after_word = out.chars().last().is_some_and(|p| p.is_alphanumeric() || p == '<');
        if within == Within::Text && !after_word && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let url = url_at(rest);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The URL at the start of `text`: up to white space or a character no URL holds,
/// without trailing punctuation (a closing parenthesis only when unbalanced).
fn url_at(text: &str) -> &str {
    let end =
        text.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']')).unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_']);
        let trimmed = if trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count() {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_become_text() {
        assert_eq!(rewrite("Call:\n\n~~~\nlet x = 1;\n~~~\n"), "Call:\n\n```text\nlet x = 1;\n```\n");
        assert_eq!(rewrite("> ```js\n> f()\n> ```\n"), "> ```text\n> f()\n> ```\n");
        assert_eq!(rewrite("Text\n\n    indented code\n"), "Text\n\n```text\nindented code\n```\n");
        assert_eq!(rewrite("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn html_urls_and_brackets_are_escaped() {
        assert_eq!(rewrite("A Vec<T> in a <div>"), "A Vec&lt;T> in a ");
        assert_eq!(
            rewrite("<p>See <a href=\"https://x.io/k#a\">keys</a> and <code>url</code>.</p>"),
            "See [keys](<https://x.io/k#a>) and `url`."
        );
        assert_eq!(rewrite("An <a href=\"https://x.io\">open link"), "An &lt;a href=\"<https://x.io>\">open link");
        assert_eq!(rewrite("Up to <b>3</b><br>then <T>"), "Up to **3** then &lt;T>");
        assert_eq!(rewrite("See https://example.com/a_b."), "See <https://example.com/a_b>.");
        assert_eq!(rewrite("(see https://x.io/p)"), "(see <https://x.io/p>)");
        assert_eq!(rewrite("An array [Foo] of ids"), "An array \\[Foo\\] of ids");
        assert_eq!(rewrite("[docs](https://x.io) and <https://y.io>"), "[docs](https://x.io) and <https://y.io>");
        assert_eq!(rewrite("[the guide](guide.md#setup)"), "the guide");
        assert_eq!(
            rewrite("The [RFC3230][1] digest.\n\n[1]: https://x.io/rfc3230"),
            "The [RFC3230](<https://x.io/rfc3230>) digest.\n\n[1]: https://x.io/rfc3230"
        );
        assert_eq!(rewrite("`[x] <b>` stays"), "`[x] <b>` stays");
    }
}
