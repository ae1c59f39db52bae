//! Maps JSON pointers back to lines and columns of the source text.
//!
//! Parsing with `serde_yaml` keeps no positions, so when diagnostics need them the
//! document is scanned once more with `yaml-rust2`'s event parser, which reports a
//! marker for every node, into an [`Index`] of every node's position. The index is
//! built once per document, and only for a document that has a diagnostic.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::pointer;

/// The position of every node of one document, by the hash of its pointer.
#[derive(Debug, Clone, Default)]
pub struct Index {
    positions: HashMap<u64, (u32, u32)>,
}

/// The hash of the pointer of a child `token` of the node whose pointer hashes to
/// `parent`. The root's is 0. `DefaultHasher::new` has fixed keys, so hashes are
/// the same on every run.
fn child(parent: u64, token: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    parent.hash(&mut hasher);
    token.hash(&mut hasher);
    hasher.finish()
}

impl Index {
    /// Indexes `source` (YAML or JSON). A mapping member is at its key; a sequence
    /// item at its first character (a block mapping item at its first key). A
    /// document that does not parse is indexed up to its error.
    pub fn build(source: &str) -> Self {
        use yaml_rust2::parser::{Event, Parser};

        enum Frame {
            Map { key: Option<String> },
            Seq { next: usize },
        }
        let mut positions = HashMap::new();
        let mut parser = Parser::new_from_str(source);
        // The pointer hashes of the open nodes, innermost last.
        let mut path: Vec<u64> = Vec::new();
        let mut frames: Vec<Frame> = Vec::new();
        // A block mapping item whose position is that of its first key, still unseen.
        let mut pending_item: Option<u64> = None;
        while let Ok((event, marker)) = parser.next_token() {
            let position =
                (u32::try_from(marker.line()).unwrap_or(u32::MAX), u32::try_from(marker.col() + 1).unwrap_or(u32::MAX));
            let starts_node = matches!(
                event,
                Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(_)
            );
            if starts_node {
                let parent = path.last().copied().unwrap_or(0);
                match frames.last_mut() {
                    Some(Frame::Map { key }) if key.is_none() => {
                        // A key: its member sits here.
                        let Event::Scalar(text, ..) = &event else { break };
                        let member = child(parent, text);
                        positions.entry(member).or_insert(position);
                        if let Some(item) = pending_item.take() {
                            positions.entry(item).or_insert(position);
                        }
                        *key = Some(text.clone());
                        continue;
                    }
                    Some(Frame::Map { key }) => {
                        let member = child(parent, &key.take().unwrap_or_default());
                        path.push(member);
                    }
                    Some(Frame::Seq { next }) => {
                        let item = child(parent, &next.to_string());
                        *next += 1;
                        path.push(item);
                        if matches!(event, Event::MappingStart(..)) {
                            pending_item = Some(item);
                        } else {
                            positions.entry(item).or_insert(position);
                        }
                    }
                    None => path.push(0),
                }
            }
            match event {
                Event::MappingStart(..) => frames.push(Frame::Map { key: None }),
                Event::SequenceStart(..) => frames.push(Frame::Seq { next: 0 }),
                Event::MappingEnd | Event::SequenceEnd => {
                    frames.pop();
                    if let Some(node) = path.pop() {
                        if pending_item == Some(node) {
                            // An empty mapping item: no key to point at.
                            pending_item = None;
                            positions.entry(node).or_insert(position);
                        }
                    }
                }
                Event::Scalar(..) | Event::Alias(_) => {
                    path.pop();
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        positions.insert(0, (1, 1));
        Index { positions }
    }

    /// The 1-based line and column of the node at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<(usize, usize)> {
        let hash = pointer::tokens(pointer).iter().fold(0, |parent, token| child(parent, token));
        self.positions.get(&hash).map(|&(line, col)| (line as usize, col as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::Index;

    const YAML: &str = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - name: x\n        - name: y\n          in: query\n";

    #[test]
    fn finds_keys_and_items() {
        let index = Index::build(YAML);
        assert_eq!(index.get(""), Some((1, 1)));
        assert_eq!(index.get("/paths"), Some((2, 1)));
        assert_eq!(index.get("/paths/~1a/get"), Some((4, 5)));
        assert_eq!(index.get("/paths/~1a/get/parameters/1"), Some((7, 11)));
        assert_eq!(index.get("/paths/~1a/get/parameters/1/in"), Some((8, 11)));
        assert_eq!(index.get("/nope"), None);
    }

    #[test]
    fn works_on_json() {
        let index = Index::build("{\n  \"a\": {\n    \"b\": [1, {\"c\": 2}]\n  }\n}");
        assert_eq!(index.get("/a/b"), Some((3, 5)));
        assert_eq!(index.get("/a/b/1"), Some((3, 15)));
        assert_eq!(index.get("/a/b/1/c"), Some((3, 15)));
    }
}
