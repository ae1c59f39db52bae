//! Maps a JSON pointer back to a line and column of the source text.
//!
//! Parsing with `serde_yaml` keeps no positions, so when a diagnostic needs one the
//! document is scanned once more with `yaml-rust2`'s event parser, which reports a
//! marker for every node. This runs only on the error path.

use crate::pointer;

/// Finds the 1-based line and column of the node at `pointer` in `source` (YAML or
/// JSON). For a mapping member the position is that of its key.
pub fn locate(source: &str, pointer: &str) -> Option<(usize, usize)> {
    use yaml_rust2::parser::{Event, Parser};

    let target = pointer::tokens(pointer);
    if target.is_empty() {
        return Some((1, 1));
    }
    let mut parser = Parser::new_from_str(source);
    // One frame per open container: the path to it and where we are inside it.
    enum Frame {
        Map { key: Option<String> },
        Seq { next: usize },
    }
    let mut path: Vec<String> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    loop {
        let (event, marker) = parser.next_token().ok()?;
        let position = (marker.line(), marker.col() + 1);
        // Where does this node sit? Decide, and check against the target.
        let starts_node =
            matches!(event, Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(_));
        let mut is_key = false;
        if starts_node {
            match frames.last_mut() {
                Some(Frame::Map { key }) if key.is_none() => is_key = true,
                Some(Frame::Map { key }) => {
                    path.push(key.take().unwrap_or_default());
                }
                Some(Frame::Seq { next }) => {
                    path.push(next.to_string());
                    *next += 1;
                }
                None => {}
            }
        }
        if is_key {
            let Event::Scalar(text, ..) = &event else { return None };
            let candidate: Vec<&str> = path.iter().map(String::as_str).chain(std::iter::once(text.as_str())).collect();
            if candidate == target {
                return Some(position);
            }
            if let Some(Frame::Map { key }) = frames.last_mut() {
                *key = Some(text.clone());
            }
            continue;
        }
        if starts_node && path == target {
            // A block mapping's start marker sits on its first `:`; its first key is
            // where a reader looks.
            return match event {
                Event::MappingStart(..) => match parser.next_token().ok()? {
                    (Event::Scalar(..), key) => Some((key.line(), key.col() + 1)),
                    _ => Some(position),
                },
                _ => Some(position),
            };
        }
        match event {
            Event::MappingStart(..) => frames.push(Frame::Map { key: None }),
            Event::SequenceStart(..) => frames.push(Frame::Seq { next: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                if !frames.is_empty() {
                    path.pop();
                }
            }
            Event::Scalar(..) | Event::Alias(_) if !frames.is_empty() => {
                path.pop();
            }
            Event::StreamEnd => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    const YAML: &str = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - name: x\n        - name: y\n          in: query\n";

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(locate(YAML, "/paths"), Some((2, 1)));
        assert_eq!(locate(YAML, "/paths/~1a/get"), Some((4, 5)));
        assert_eq!(locate(YAML, "/paths/~1a/get/parameters/1"), Some((7, 11)));
        assert_eq!(locate(YAML, "/paths/~1a/get/parameters/1/in"), Some((8, 11)));
        assert_eq!(locate(YAML, "/nope"), None);
    }

    #[test]
    fn works_on_json() {
        let json = "{\n  \"a\": {\n    \"b\": [1, {\"c\": 2}]\n  }\n}";
        assert_eq!(locate(json, "/a/b"), Some((3, 5)));
        assert_eq!(locate(json, "/a/b/1"), Some((3, 15)));
        assert_eq!(locate(json, "/a/b/1/c"), Some((3, 15)));
    }
}
