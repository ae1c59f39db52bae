//! The size of each type's value, estimated as rustc lays it out on a 64-bit
//! target, and the boxing that keeps every type small: a union variant whose
//! value would take more than [`BOX_ABOVE`] bytes inline, and a struct field more
//! than [`FIELD_BOX_ABOVE`], holds it in a `Box` instead.
//!
//! Without it a type holds everything below it inline: Stripe's `anyOf: [string,
//! Object]` fields ("an id, or the expanded object") made `TerminalReader` 815 KB,
//! and reading one took several copies of it on the stack, past 2 MiB (a tokio
//! worker's, a test thread's) in a debug build.

use crate::ir::{Additional, Module, Scalar, TypeId, TypeKind, TypeRef};

/// The largest value a union variant holds inline, in bytes: a few words, so that
/// a union of a string and an object ("an id, or the expanded object") is as
/// small as the string.
pub const BOX_ABOVE: u64 = 128;

/// The largest value a struct field holds inline, in bytes. Higher than a
/// variant's: every `Box` on the way down a type adds to what rustc's trait
/// solver walks to prove an auto trait (`Send`, `UnwindSafe`) of it, and a chain
/// too long for its recursion limit is a compile error in the user's crate.
pub const FIELD_BOX_ABOVE: u64 = 1024;

/// Boxes each union variant larger than [`BOX_ABOVE`], each field larger than
/// [`FIELD_BOX_ABOVE`], and every variant of the webhook union (each is a whole
/// delivery).
pub fn box_large(module: &mut Module) {
    let sizes = Sizes::of(module);
    let webhook = module.webhooks.as_ref().map(|w| w.event);
    for (i, def) in module.types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    if sizes.of_ref(&field.ty) > FIELD_BOX_ABOVE {
                        boxed(&mut field.ty);
                    }
                }
            }
            TypeKind::Union(u) => {
                let all = webhook == Some(TypeId(i));
                for variant in &mut u.variants {
                    if all || sizes.of_ref(&variant.ty) > BOX_ABOVE {
                        boxed(&mut variant.ty);
                    }
                }
            }
            TypeKind::Alias(_) | TypeKind::Enum(_) | TypeKind::Const(_) | TypeKind::Newtype(_) => {}
        }
    }
}

/// `t` in a `Box`, inside its `Option` (an absent value takes no room either way).
fn boxed(t: &mut TypeRef) {
    match t {
        TypeRef::Option(inner) => boxed(inner),
        TypeRef::Boxed(_) => {}
        _ => *t = TypeRef::Boxed(Box::new(t.clone())),
    }
}

/// The estimated size of every type of a module, in bytes.
pub struct Sizes(Vec<u64>);

impl Sizes {
    /// The sizes of `module`'s types. Recursion goes through a `Box`, a `Vec` or a
    /// map (`graph::box_recursion` saw to it), so every size is finite.
    pub fn of(module: &Module) -> Self {
        let mut sizes = Sizes(vec![u64::MAX; module.types.len()]);
        for i in 0..module.types.len() {
            sizes.named(module, TypeId(i), &mut Vec::new());
        }
        sizes
    }

    /// The size of a value of `t`.
    pub fn of_ref(&self, t: &TypeRef) -> u64 {
        Self::reference_with(t, &mut |id| self.0[id.0])
    }

    /// The size of type `id`, computed once; `open` holds the types being computed,
    /// whose size a cycle without indirection would need (counted as a pointer).
    fn named(&mut self, module: &Module, id: TypeId, open: &mut Vec<TypeId>) -> u64 {
        if self.0[id.0] != u64::MAX {
            return self.0[id.0];
        }
        if open.contains(&id) {
            return 8;
        }
        open.push(id);
        let size_of = |t: &TypeRef, sizes: &mut Sizes, open: &mut Vec<TypeId>| {
            let mut named = |inner: TypeId| sizes.named(module, inner, open);
            Sizes::reference_with(t, &mut named)
        };
        let size = match &module.types[id.0].kind {
            TypeKind::Alias(t) => size_of(t, self, open),
            TypeKind::Newtype(n) => size_of(&n.inner, self, open),
            TypeKind::Const(_) => 0,
            // `Unknown(String)` when tolerant; a C-like enum otherwise.
            TypeKind::Enum(e) => match e.unknown {
                Some(_) => 24,
                None => 1,
            },
            TypeKind::Struct(s) => {
                let fields: u64 = s
                    .fields
                    .iter()
                    .map(|f| {
                        let value = size_of(&f.ty, self, open);
                        if f.required {
                            value
                        } else {
                            option(value)
                        }
                    })
                    .sum();
                let extra = match s.additional {
                    Additional::Kept | Additional::Typed(_) => 24,
                    Additional::Rejected => 0,
                };
                fields + extra
            }
            TypeKind::Union(u) => {
                let largest = u.variants.iter().map(|v| size_of(&v.ty, self, open)).max().unwrap_or(0);
                // A tolerant union keeps what no variant knows as JSON text.
                8 + largest.max(16)
            }
        };
        open.pop();
        self.0[id.0] = size;
        size
    }

    fn reference_with(t: &TypeRef, named: &mut impl FnMut(TypeId) -> u64) -> u64 {
        match t {
            TypeRef::Named(id) => named(*id),
            TypeRef::Scalar(s) => scalar(*s),
            TypeRef::Vec(_) | TypeRef::Map(..) => 24,
            TypeRef::Option(inner) => option(Self::reference_with(inner, named)),
            TypeRef::Boxed(_) => 8,
            TypeRef::Unit => 0,
        }
    }
}

/// An `Option` of a value: a word more, unless the value has room for `None`.
fn option(value: u64) -> u64 {
    value + 8
}

fn scalar(s: Scalar) -> u64 {
    match s {
        Scalar::Bool => 1,
        Scalar::I64 => 8,
        // A boxed `RawValue`: a pointer and a length.
        Scalar::Number | Scalar::Json => 16,
        Scalar::String | Scalar::DateTime | Scalar::Date | Scalar::NaiveDateTime | Scalar::Url => 24,
        // Its `DateTime` text, or a tag and an `i64`, in the niche of the `String`.
        Scalar::Timestamp => 24,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_go_inside_options() {
        let mut t = TypeRef::Option(Box::new(TypeRef::Named(TypeId(0))));
        boxed(&mut t);
        assert_eq!(t, TypeRef::Option(Box::new(TypeRef::Boxed(Box::new(TypeRef::Named(TypeId(0)))))));
        boxed(&mut t);
        assert_eq!(t, TypeRef::Option(Box::new(TypeRef::Boxed(Box::new(TypeRef::Named(TypeId(0)))))));
    }

    #[test]
    fn references_have_their_layout_sizes() {
        let sizes = Sizes(vec![200]);
        assert_eq!(sizes.of_ref(&TypeRef::Named(TypeId(0))), 200);
        assert_eq!(sizes.of_ref(&TypeRef::Boxed(Box::new(TypeRef::Named(TypeId(0))))), 8);
        assert_eq!(sizes.of_ref(&TypeRef::Vec(Box::new(TypeRef::Named(TypeId(0))))), 24);
        assert_eq!(sizes.of_ref(&TypeRef::Option(Box::new(TypeRef::Scalar(Scalar::String)))), 32);
        assert_eq!(sizes.of_ref(&TypeRef::Unit), 0);
    }
}
