//! `pattern`s: ECMA-262 regular expressions, translated into the syntax of the
//! `regex` crate so that the generated checks run in time linear in the value.
//!
//! A pattern is first read by `regress` (an ECMA-262 engine), which decides whether it
//! is valid. It is then translated, keeping ECMA-262's meaning where the two dialects
//! differ: `\d`, `\w` and `\b` are ASCII, `\s` is ECMA-262's white space, `.` stops at
//! line terminators, `[` is a literal inside a class, and `{` is a literal when it
//! starts no quantifier. A translation without look-around runs on `regex` (finite
//! automata: linear time); one with it runs on `fancy-regex` with a bound on
//! backtracking steps, past which the check fails with a clear error.
//! Backreferences, whose ECMA-262 meaning `fancy-regex` does not share, and octal
//! escapes are reported and left unchecked.
//!
//! Patterns written for other dialects (`\A`, `\Z`, `(?i)`, possessive quantifiers)
//! mean something else in ECMA-262, usually a pattern that rejects every real value.
//! They are reported, and left unchecked.

use std::fmt::Write as _;

/// The engine a translated pattern runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// `regex`: linear in the length of the value.
    Linear,
    /// `fancy-regex`, for look-around: bounded in steps.
    Bounded,
}

/// A pattern ready for the generated code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Translated {
    /// The pattern as the spec wrote it.
    pub source: String,
    /// The same pattern in the syntax of `regex` (and `fancy-regex`).
    pub regex: String,
    /// What runs it.
    pub engine: Engine,
}

/// Why a pattern is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// Not a valid ECMA-262 regular expression (an error).
    Invalid(String),
    /// Written for another dialect: the construct that tells (a warning).
    OtherDialect(&'static str),
    /// Valid, but beyond what the translation handles (a warning).
    Untranslatable(String),
}

/// Reads a spec's `pattern`.
pub fn translate(source: &str) -> Result<Translated, Unchecked> {
    if let Some(construct) = other_dialect(source) {
        return Err(Unchecked::OtherDialect(construct));
    }
    regress::Regex::new(source).map_err(|e| Unchecked::Invalid(e.to_string()))?;
    let (regex, engine) = Translator::new(source).run().map_err(Unchecked::Untranslatable)?;
    let compiled = match engine {
        Engine::Linear => regex::Regex::new(&regex).map(drop).map_err(|e| e.to_string()),
        Engine::Bounded => fancy_regex::Regex::new(&regex).map(drop).map_err(|e| e.to_string()),
    };
    compiled.map_err(Unchecked::Untranslatable)?;
    Ok(Translated { source: source.to_owned(), regex, engine })
}

/// The first construct of another dialect in `source`, outside classes and escapes.
fn other_dialect(source: &str) -> Option<&'static str> {
    let chars: Vec<char> = source.chars().collect();
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        match chars[i] {
            '\\' => {
                if !in_class {
                    match next {
                        Some('A') => return Some("\\A (start of text in Perl, PCRE, Python, Ruby)"),
                        Some('Z') => return Some("\\Z (end of text in Perl, PCRE, Python, Ruby)"),
                        Some('z') => return Some("\\z (end of text in Perl, PCRE, Ruby)"),
                        Some('h') => return Some("\\h (horizontal space in PCRE)"),
                        Some('Q') => return Some("\\Q…\\E (quoting in Perl, PCRE)"),
                        _ => {}
                    }
                }
                i += 2;
                continue;
            }
            '[' if !in_class => {
                if chars.get(i + 1..i + 3) == Some(&['[', ':']) {
                    return Some("[[:class:]] (a POSIX class)");
                }
                in_class = true;
            }
            ']' if in_class => in_class = false,
            '(' if !in_class && next == Some('?') => {
                let rest: String =
                    chars[i + 2..].iter().take_while(|c| c.is_ascii_alphabetic() || **c == '-').collect();
                let after = chars.get(i + 2 + rest.chars().count()).copied();
                if !rest.is_empty() && matches!(after, Some(')' | ':')) {
                    return Some("(?flags) (inline flags in Perl, PCRE, Python, Java)");
                }
                match chars.get(i + 2) {
                    Some('P') => return Some("(?P…) (Python's named groups)"),
                    Some('>') => return Some("(?>…) (an atomic group)"),
                    Some('#') => return Some("(?#…) (a comment group)"),
                    _ => {}
                }
            }
            '*' | '+' | '?' | '}' if !in_class && next == Some('+') => {
                return Some("a possessive quantifier (`*+`, `++`, `?+`, `}+`)");
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// ECMA-262's `\s`: WhiteSpace and LineTerminator, as class items.
const SPACE: &str =
    r"\t\n\x{0B}\x{0C}\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// ECMA-262's `\w`.
const WORD: &str = "A-Za-z0-9_";
/// ECMA-262's `\d`.
const DIGIT: &str = "0-9";
/// A class that matches nothing.
const NOTHING: &str = r"[^\x{0}-\x{10FFFF}]";

struct Translator {
    chars: Vec<char>,
    at: usize,
    out: String,
    engine: Engine,
}

/// One item of a class: a single character (which may end a range) or a set.
enum ClassItem {
    Char(char),
    Set(String),
}

impl Translator {
    fn new(source: &str) -> Self {
        Translator { chars: source.chars().collect(), at: 0, out: String::new(), engine: Engine::Linear }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn run(mut self) -> Result<(String, Engine), String> {
        while let Some(c) = self.peek(0) {
            self.at += 1;
            match c {
                '\\' => self.escape()?,
                '.' => self.out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
                '[' => self.class()?,
                '(' => self.group(),
                '{' => self.brace(),
                '}' => self.out.push_str(r"\}"),
                ']' => self.out.push_str(r"\]"),
                '^' | '$' | '|' | ')' | '*' | '+' | '?' => self.out.push(c),
                other => self.literal(other),
            }
        }
        Ok((self.out, self.engine))
    }

    fn literal(&mut self, c: char) {
        self.out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
    }

    fn group(&mut self) {
        if self.peek(0) != Some('?') {
            self.out.push('(');
            return;
        }
        let look = [self.peek(1), self.peek(2)];
        match look {
            [Some('=' | '!'), _] | [Some('<'), Some('=' | '!')] => self.engine = Engine::Bounded,
            _ => {}
        }
        self.out.push('(');
    }

    /// `{` starts a quantifier when `{n}`, `{n,}` or `{n,m}` follows; else it is a literal.
    fn brace(&mut self) {
        let rest: String = self.chars[self.at..].iter().take_while(|c| **c != '}').collect();
        let closed = self.chars.get(self.at + rest.chars().count()) == Some(&'}');
        let mut parts = rest.splitn(2, ',');
        let min = parts.next().unwrap_or_default();
        let max = parts.next();
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if closed && digits(min) && max.is_none_or(|m| m.is_empty() || digits(m)) {
            let _ = write!(self.out, "{{{rest}}}");
            self.at += rest.chars().count() + 1;
        } else {
            self.out.push_str(r"\{");
        }
    }

    fn escape(&mut self) -> Result<(), String> {
        let Some(c) = self.peek(0) else { return Err("a pattern cannot end with `\\`".to_owned()) };
        match c {
            'b' => {
                self.at += 1;
                self.out.push_str(r"(?-u:\b)");
            }
            'B' => {
                self.at += 1;
                self.engine = Engine::Bounded;
                let w = format!("[{WORD}]");
                let _ = write!(self.out, "(?:(?<={w})(?={w})|(?<!{w})(?!{w}))");
            }
            // In ECMA-262 a reference to a group that took no part in the match
            // matches the empty string; `fancy-regex`'s fails. Fuzzing against
            // `regress` found the difference (`(a)|\1a` on "a").
            '1'..='9' => return Err("backreferences are not checked".to_owned()),
            'k' if self.peek(1) == Some('<') => return Err("backreferences are not checked".to_owned()),
            _ => match self.class_escape()? {
                ClassItem::Char(c) => self.literal(c),
                ClassItem::Set(set) => {
                    let _ = write!(self.out, "{set}");
                }
            },
        }
        Ok(())
    }

    /// An escape that means the same inside and outside a class (`\d`, `\n`, `\x41`...),
    /// after the backslash.
    fn class_escape(&mut self) -> Result<ClassItem, String> {
        let Some(c) = self.peek(0) else { return Err("a pattern cannot end with `\\`".to_owned()) };
        self.at += 1;
        Ok(match c {
            'd' => ClassItem::Set(format!("[{DIGIT}]")),
            'D' => ClassItem::Set(format!("[^{DIGIT}]")),
            'w' => ClassItem::Set(format!("[{WORD}]")),
            'W' => ClassItem::Set(format!("[^{WORD}]")),
            's' => ClassItem::Set(format!("[{SPACE}]")),
            'S' => ClassItem::Set(format!("[^{SPACE}]")),
            't' => ClassItem::Char('\t'),
            'n' => ClassItem::Char('\n'),
            'v' => ClassItem::Char('\u{0B}'),
            'f' => ClassItem::Char('\u{0C}'),
            'r' => ClassItem::Char('\r'),
            '0' if !self.peek(0).is_some_and(|c| c.is_ascii_digit()) => ClassItem::Char('\0'),
            'c' => match self.peek(0) {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.at += 1;
                    ClassItem::Char(char::from(l as u8 % 32))
                }
                // Annex B: a `\c` without a letter is a backslash and a `c`.
                _ => {
                    self.at -= 1;
                    ClassItem::Char('\\')
                }
            },
            'x' => match self.hex(2) {
                Some(code) => ClassItem::Char(char::from_u32(code).unwrap_or('\0')),
                None => ClassItem::Char('x'),
            },
            'u' => match self.hex(4) {
                Some(high @ 0xD800..=0xDBFF) => {
                    let low = (self.peek(0) == Some('\\') && self.peek(1) == Some('u'))
                        .then(|| {
                            self.at += 2;
                            let low = self.hex(4).filter(|l| (0xDC00..=0xDFFF).contains(l));
                            if low.is_none() {
                                self.at -= 2;
                            }
                            low
                        })
                        .flatten();
                    match low {
                        Some(low) => ClassItem::Char(
                            char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\0'),
                        ),
                        // A lone surrogate is in no Rust string.
                        None => ClassItem::Set(NOTHING.to_owned()),
                    }
                }
                Some(code) => match char::from_u32(code) {
                    Some(c) => ClassItem::Char(c),
                    None => ClassItem::Set(NOTHING.to_owned()),
                },
                None => ClassItem::Char('u'),
            },
            '1'..='9' | '0' => return Err(format!("`\\{c}` is an octal escape")),
            'p' | 'P' if self.peek(0) == Some('{') => {
                return Err("`\\p{…}` is a literal outside Unicode mode; write the characters instead".to_owned())
            }
            // Identity escapes: the character itself.
            other => ClassItem::Char(other),
        })
    }

    /// `digits` hexadecimal digits, consumed when all are there.
    fn hex(&mut self, digits: usize) -> Option<u32> {
        let text: String = self.chars.get(self.at..self.at + digits)?.iter().collect();
        let code = u32::from_str_radix(&text, 16).ok().filter(|_| text.chars().all(|c| c.is_ascii_hexdigit()))?;
        self.at += digits;
        Some(code)
    }

    /// A class, after its `[`.
    fn class(&mut self) -> Result<(), String> {
        let negated = self.peek(0) == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items: Vec<String> = Vec::new();
        loop {
            let Some(c) = self.peek(0) else { return Err("a class is not closed".to_owned()) };
            self.at += 1;
            if c == ']' {
                break;
            }
            let first = self.class_atom(c)?;
            let ranged = self.peek(0) == Some('-') && self.peek(1).is_some_and(|n| n != ']');
            match (first, ranged) {
                (ClassItem::Char(low), true) => {
                    self.at += 1;
                    let next = self.peek(0).unwrap_or(']');
                    self.at += 1;
                    match self.class_atom(next)? {
                        ClassItem::Char(high) => items.push(format!("{}-{}", class_char(low), class_char(high))),
                        // Annex B: `[a-\d]` is `a`, `-` and the digits.
                        ClassItem::Set(set) => items.extend([class_char(low), class_char('-'), set]),
                    }
                }
                (ClassItem::Char(c), false) => items.push(class_char(c)),
                (ClassItem::Set(set), _) => items.push(set),
            }
        }
        match (items.is_empty(), negated) {
            (true, false) => self.out.push_str(NOTHING),
            (true, true) => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
            (false, _) => {
                let _ = write!(self.out, "[{}{}]", if negated { "^" } else { "" }, items.concat());
            }
        }
        Ok(())
    }

    /// One atom of a class, `c` being its first character (consumed).
    fn class_atom(&mut self, c: char) -> Result<ClassItem, String> {
        if c != '\\' {
            return Ok(ClassItem::Char(c));
        }
        match self.peek(0) {
            // Inside a class, `\b` is a backspace and `\-` a hyphen.
            Some('b') => {
                self.at += 1;
                Ok(ClassItem::Char('\u{08}'))
            }
            _ => self.class_escape(),
        }
    }
}

/// A character as a class item of `regex`: escaped when the syntax gives it a meaning.
fn class_char(c: char) -> String {
    match c {
        '[' | ']' | '\\' | '^' | '-' | '&' | '~' => format!("\\{c}"),
        c if c.is_control() || c.is_whitespace() => format!("\\x{{{:X}}}", u32::from(c)),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(source: &str) -> String {
        translate(source).unwrap_or_else(|e| panic!("{source}: {e:?}")).regex
    }

    #[test]
    fn ecma_meanings_are_kept() {
        assert_eq!(regex(r"^\d+$"), "^[0-9]+$");
        assert_eq!(regex(r"a.b"), r"a[^\n\r\x{2028}\x{2029}]b");
        assert_eq!(regex(r"[[a]"), r"[\[a]");
        assert_eq!(regex(r"a{"), r"a\{");
        assert_eq!(regex(r"a{2,3}"), "a{2,3}");
        assert_eq!(regex(r"[\w-]"), r"[[A-Za-z0-9_]\-]");
        assert_eq!(regex(r"\/x"), "/x");
        assert_eq!(regex(r"[]"), NOTHING);
    }

    #[test]
    fn look_around_and_backreferences_are_bounded() {
        assert_eq!(translate(r"^(?!x)\w+$").map(|t| t.engine), Ok(Engine::Bounded));
        assert!(matches!(translate(r"(a)\1"), Err(Unchecked::Untranslatable(_))));
        assert_eq!(translate(r"^(a+)+$").map(|t| t.engine), Ok(Engine::Linear));
    }

    #[test]
    fn other_dialects_are_told() {
        for source in [r"\Aabc\z", r"abc\Z", "(?i)abc", "a++", r"[[:alpha:]]", "(?P<x>a)"] {
            assert!(matches!(translate(source), Err(Unchecked::OtherDialect(_))), "{source}");
        }
        assert!(matches!(translate("(a"), Err(Unchecked::Invalid(_))));
    }
}
