//! Worst-case pattern inputs: how long one check takes with the generated code's
//! engines (the generator's translation, run by `regex`, or by `fancy-regex` bounded
//! to 100,000 steps for look-around), against `regress`, the backtracking ECMA-262
//! engine the generated code used before.
//!
//! ```text
//! cargo bench -p openapi-bindgen --bench patterns
//! ```
//!
//! Prints a Markdown table of medians. `regress` runs only on inputs short enough
//! to finish: its time doubles with each character.
#![allow(missing_docs, reason = "benchmark scaffolding")]

use std::time::{Duration, Instant};

use openapi_bindgen::internals::{translate, Engine};

/// The median time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn show(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.1} s", d.as_secs_f64())
    } else if d.as_micros() >= 1000 {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.1} µs", d.as_secs_f64() * 1e6)
    }
}

fn main() {
    let cases: Vec<(&str, String, &str)> = vec![
        ("^(a+)+$", format!("{}!", "a".repeat(24)), "24 a + !"),
        ("^(a+)+$", format!("{}!", "a".repeat(40)), "40 a + !"),
        ("^(a+)+$", format!("{}!", "a".repeat(100_000)), "100,000 a + !"),
        ("(x+x+)+y", "x".repeat(22), "22 x"),
        ("(x+x+)+y", "x".repeat(30), "30 x"),
        ("(x+x+)+y", "x".repeat(100_000), "100,000 x"),
        ("^(?!b)(a+)+$", format!("{}!", "a".repeat(24)), "24 a + ! (look-ahead)"),
        ("^(?!b)(a+)+$", format!("{}!", "a".repeat(100_000)), "100,000 a + ! (look-ahead)"),
        ("^[Xx]-(?![Pp]rivate)", format!("X-{}", "p".repeat(100_000)), "Partoo's header pattern, 100 KB key"),
        ("^[+][1-9][0-9]{1,14}$", "+1".repeat(50_000), "Fax.Plus number pattern, 100 KB"),
    ];
    println!("| pattern | input | engine | generated check | regress |");
    println!("| --- | --- | --- | ---: | ---: |");
    for (pattern, input, label) in cases {
        let translated = translate(pattern).expect("translates");
        let (engine, check): (&str, Box<dyn Fn() -> String>) = match translated.engine {
            Engine::Linear => {
                let re = regex::Regex::new(&translated.regex).expect("compiles");
                let input = input.clone();
                ("regex (linear)", Box::new(move || re.is_match(&input).to_string()))
            }
            Engine::Bounded => {
                let re = fancy_regex::RegexBuilder::new(&translated.regex)
                    .backtrack_limit(100_000)
                    .build()
                    .expect("compiles");
                let input = input.clone();
                let run = move || match re.is_match(&input) {
                    Ok(found) => found.to_string(),
                    Err(_) => "step bound".to_owned(),
                };
                ("fancy-regex (100,000 steps)", Box::new(run))
            }
        };
        let outcome = check();
        let ours = median(5, || {
            std::hint::black_box(check());
        });
        // regress doubles with each character of the nested cases: only short ones.
        let nested = pattern.contains("+)+");
        let regress = if nested && input.len() > 25 {
            "not run (minutes to hours)".to_owned()
        } else {
            let re = regress::Regex::new(pattern).expect("compiles");
            show(median(3, || {
                std::hint::black_box(re.find(&input).is_some());
            }))
        };
        println!("| `{pattern}` | {label} | {engine} | {} ({outcome}) | {regress} |", show(ours));
    }
}
