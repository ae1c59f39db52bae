//! Stage 1, load: a file on disk becomes a raw document (`serde_json::Value`).
//!
//! YAML and JSON are both accepted; the extension picks the parser (`.json` is parsed
//! as JSON, anything else as YAML, of which JSON is a subset). YAML is read through
//! `serde_yaml::Value` first so that non-string mapping keys (`200:` as a response
//! code) become strings instead of failing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Number, Value};

use crate::diagnostic::Diagnostic;

/// A loaded document: where it came from, its text and its value.
#[derive(Debug)]
pub struct Document {
    /// The path it was read from, as given.
    pub path: PathBuf,
    /// The source text, kept to find line numbers for diagnostics.
    pub source: String,
    /// The parsed value.
    pub value: Value,
}

/// Reads and parses one document.
pub fn load(path: &Path) -> Result<Document, Diagnostic> {
    let source = read_text(path).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", path.display()))
            .help("check that the file exists and is UTF-8 text")
    })?;
    let value = parse(path, &source)?;
    Ok(Document { path: path.to_path_buf(), source, value })
}

/// The largest file the generator reads: far above any real spec (GitHub's REST
/// description is 12 MB), far below what would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a spec or overlay file: a regular file (not a device or a FIFO, which
/// could grow without end or block for ever) of at most [`MAX_FILE_BYTES`], as UTF-8.
pub fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {MAX_FILE_BYTES} bytes"));
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {MAX_FILE_BYTES} bytes"));
    }
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))
}

/// Parses `source` as JSON or YAML according to the extension of `path`.
pub fn parse(path: &Path, source: &str) -> Result<Value, Diagnostic> {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        unique_json(source).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Diagnostic::error(format!("invalid JSON: {message}")).at_line(path, e.line(), e.column())
        })
    } else {
        let yaml: serde_yaml::Value = serde_yaml::from_str(source).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            let diagnostic = Diagnostic::error(format!("invalid YAML: {message}"));
            match e.location() {
                Some(loc) => diagnostic.at_line(path, loc.line(), loc.column()),
                None => diagnostic.at(path, ""),
            }
        })?;
        yaml_to_json(yaml).map_err(|m| Diagnostic::error(format!("unsupported YAML: {m}")).at(path, ""))
    }
}

/// Parses JSON text, refusing an object that repeats a key (serde_json keeps the
/// last one without a word; YAML documents already refuse them). The error names
/// the key and the JSON pointer of its object.
fn unique_json(source: &str) -> Result<Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut deserializer = serde_json::Deserializer::from_str(source);
    let value = Unique(At::Root).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Where a value is, as a chain of borrowed segments: the pointer is spelled out
/// only for an error.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn pointer(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => crate::pointer::push(&parent.pointer(), key),
            At::Index(parent, i) => crate::pointer::push_index(&parent.pointer(), *i),
        }
    }
}

/// A JSON value at `At` whose objects must not repeat a key.
struct Unique<'a>(At<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for Unique<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Unique<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Unique(At::Index(&self.0, items.len())))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                let at = self.0.pointer();
                let at = if at.is_empty() { "the root".to_owned() } else { format!("#{at}") };
                return Err(serde::de::Error::custom(format!("duplicate key `{key}` in the object at {at}")));
            }
            let value = map.next_value_seed(Unique(At::Key(&self.0, &key)))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn yaml_to_json(yaml: serde_yaml::Value) -> Result<Value, String> {
    Ok(match yaml {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => yaml_number(&n)?,
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        serde_yaml::Value::Mapping(mapping) => {
            let mut map = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                map.insert(yaml_key(key)?, yaml_to_json(value)?);
            }
            Value::Object(map)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

fn yaml_number(n: &serde_yaml::Number) -> Result<Value, String> {
    if let Some(u) = n.as_u64() {
        Ok(Value::Number(u.into()))
    } else if let Some(i) = n.as_i64() {
        Ok(Value::Number(i.into()))
    } else {
        let f = n.as_f64().unwrap_or(f64::NAN);
        Number::from_f64(f).map(Value::Number).ok_or_else(|| format!("number {n} has no JSON form"))
    }
}

fn yaml_key(key: serde_yaml::Value) -> Result<String, String> {
    match key {
        serde_yaml::Value::String(s) => Ok(s),
        serde_yaml::Value::Number(n) => Ok(n.to_string()),
        serde_yaml::Value::Bool(b) => Ok(b.to_string()),
        serde_yaml::Value::Null => Ok("null".to_owned()),
        serde_yaml::Value::Tagged(tagged) => yaml_key(tagged.value),
        other => Err(format!("mapping key {other:?} is not a scalar")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integer_keys_become_strings() {
        let v = parse(Path::new("a.yaml"), "responses:\n  200: ok\n  true: yes\n").expect("parses");
        assert_eq!(v["responses"]["200"], "ok");
        assert_eq!(v["responses"]["true"], "yes");
    }

    #[test]
    fn yaml_error_has_line() {
        let e = parse(Path::new("a.yaml"), "a: 1\nb: [\n").expect_err("fails");
        let loc = e.location.expect("located");
        assert!(loc.line_col.is_some_and(|(line, _)| line >= 2), "{loc:?}");
    }

    #[test]
    fn json_duplicate_keys_are_an_error_naming_the_object() {
        let e = parse(Path::new("a.json"), "{\"paths\": {\"/a\": {\"get\": 1, \"get\": 2}}}").expect_err("fails");
        assert!(e.message.contains("duplicate key `get` in the object at #/paths/~1a"), "{}", e.message);
        assert_eq!(e.location.expect("located").line_col, Some((1, 33)), "just after the repeated key");
        let e = parse(Path::new("a.json"), "{\"a\": 1,\n \"a\": 1}").expect_err("fails at the root");
        assert!(e.message.contains("duplicate key `a` in the object at the root"), "{}", e.message);
        // Repeated keys in different objects, and big and small numbers, are fine.
        let v = parse(Path::new("a.json"), "[{\"a\": -1}, {\"a\": 18446744073709551615, \"b\": 0.5}]").expect("parses");
        assert_eq!(v[1]["a"], u64::MAX);
    }

    #[test]
    fn json_error_has_line() {
        let e = parse(Path::new("a.json"), "{\n  \"a\": ,\n}").expect_err("fails");
        assert_eq!(e.location.expect("located").line_col, Some((2, 8)));
    }
}
