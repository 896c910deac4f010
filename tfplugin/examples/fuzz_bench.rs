//! Throughput of the cty decoders on hostile input: a PRNG feeds random bytes and mutated
//! valid encodings, across several schema types, to the msgpack decoder and the JSON state
//! decoder, and prints how many inputs went through, how fast, and how many were accepted.
//!
//! `cargo run --release -p tfplugin --example fuzz_bench [inputs-per-decoder] [seed]`
//! (default 1,000,000 each). A panic or an abort here is a decoder bug.

use std::time::Instant;

use tfplugin::cty::{json, msgpack};
use tfplugin::{Number, Type, Value};

/// xorshift64*: fast, and plenty for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }
}

fn schema_types() -> Vec<Type> {
    let item = Type::object([("id", Type::Number), ("on", Type::Bool)]);
    vec![
        Type::String,
        Type::Number,
        Type::Dynamic,
        Type::list(Type::String),
        Type::set(Type::Number),
        Type::map(Type::list(Type::Dynamic)),
        Type::Tuple(vec![Type::String, Type::Number, Type::Dynamic]),
        Type::object([
            ("name", Type::String),
            ("tags", Type::map(Type::String)),
            ("items", Type::list(item)),
            ("extra", Type::Dynamic),
        ]),
    ]
}

/// A random value of `ty`, at most a few levels deep; `dynamic` picks a concrete shape.
fn random_value(ty: &Type, rng: &mut Rng, depth: usize) -> Value {
    match rng.below(12) {
        0 => return Value::Null,
        1 => return Value::Unknown,
        _ => {}
    }
    let count = |rng: &mut Rng| if depth > 3 { 0 } else { rng.below(4) };
    match ty {
        Type::String => Value::string(["", "a", "héllo", "x y z"][rng.below(4)]),
        Type::Bool => Value::Bool(rng.below(2) == 0),
        Type::Number => Value::Number(match rng.below(3) {
            0 => Number::Int(rng.next() as i64),
            1 => Number::Float(rng.below(1000) as f64 + 0.25),
            _ => Number::Big("123456789012345678901234567890".into()),
        }),
        Type::Dynamic => {
            let shapes = [Type::String, Type::Number, Type::list(Type::Bool)];
            random_value(&shapes[rng.below(shapes.len())], rng, depth + 1)
        }
        Type::List(e) | Type::Set(e) => {
            let items = (0..count(rng)).map(|_| random_value(e, rng, depth + 1));
            let items = items.collect();
            if matches!(ty, Type::Set(_)) {
                Value::Set(items)
            } else {
                Value::List(items)
            }
        }
        Type::Map(e) => Value::Map(
            (0..count(rng))
                .map(|i| (format!("k{i}"), random_value(e, rng, depth + 1)))
                .collect(),
        ),
        Type::Object(attrs) => Value::Object(
            attrs
                .iter()
                .map(|(k, t)| (k.clone(), random_value(t, rng, depth + 1)))
                .collect(),
        ),
        Type::Tuple(elems) => Value::List(
            elems
                .iter()
                .map(|t| random_value(t, rng, depth + 1))
                .collect(),
        ),
    }
}

/// A byte run that stresses a decoder: a length claim, an opener run, a stray marker.
fn hostile_run(rng: &mut Rng, out: &mut Vec<u8>) {
    match rng.below(6) {
        0 => {
            let marker = [0xc6, 0xc9, 0xdb, 0xdd, 0xdf][rng.below(5)];
            out.push(marker);
            out.extend_from_slice(&(rng.next() as u32).to_be_bytes());
        }
        1 => out.extend(std::iter::repeat_n(0x91, 1 + rng.below(200))),
        2 => out.extend(std::iter::repeat_n(b'[', 1 + rng.below(200))),
        3 => out.extend_from_slice(b"\x92\xc4\x09\"dynamic\""),
        4 => out.extend_from_slice(br#"{"type":["list","dynamic"],"value":["#),
        _ => out.extend_from_slice(&[0xc7, rng.byte(), 0x0c]),
    }
}

/// `seed` with one to four random edits applied.
fn mutated(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 => bytes.truncate(at),
            2 => {
                let mut run = Vec::new();
                hostile_run(rng, &mut run);
                bytes.splice(at..at, run);
            }
            3 if at < bytes.len() => bytes[at] = rng.byte(),
            _ => bytes.extend((0..rng.below(8)).map(|_| rng.byte())),
        }
    }
    bytes
}

/// Valid encodings of one schema type's values: msgpack, and JSON.
struct Seeds {
    msgpack: Vec<Vec<u8>>,
    json: Vec<Vec<u8>>,
}

/// Valid encodings of random values, `per_type` for each schema type.
fn seeds(types: &[Type], rng: &mut Rng, per_type: usize) -> Vec<Seeds> {
    types
        .iter()
        .map(|ty| {
            let values: Vec<Value> = (0..per_type).map(|_| random_value(ty, rng, 0)).collect();
            let mp = values.iter().filter_map(|v| msgpack::encode(v, ty).ok());
            let js = values.iter().filter_map(|v| json::encode(v, ty).ok());
            Seeds {
                msgpack: mp.collect(),
                json: js.collect(),
            }
        })
        .collect()
}

/// Random bytes one time in four, otherwise a mutated valid encoding.
fn next_input(corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    if corpus.is_empty() || rng.below(4) == 0 {
        return (0..rng.below(64)).map(|_| rng.byte()).collect();
    }
    mutated(&corpus[rng.below(corpus.len())], rng)
}

#[derive(Default)]
struct Tally {
    ok: u64,
    err: u64,
}

impl Tally {
    fn count<T, E>(&mut self, result: Result<T, E>) {
        match result {
            Ok(_) => self.ok += 1,
            Err(_) => self.err += 1,
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let inputs: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x5eed_cafe);
    let mut rng = Rng(seed | 1);
    let types = schema_types();
    let corpus = seeds(&types, &mut rng, 64);
    let (mut mp, mut js) = (Tally::default(), Tally::default());
    let mut bytes_fed = 0usize;

    let start = Instant::now();
    for _ in 0..inputs {
        let pick = rng.below(types.len());
        let input = next_input(&corpus[pick].msgpack, &mut rng);
        bytes_fed += input.len();
        mp.count(msgpack::decode(&input, &types[pick]));
        let input = next_input(&corpus[pick].json, &mut rng);
        bytes_fed += input.len();
        js.count(json::decode(&input, &types[pick]));
    }
    let wall = start.elapsed().as_secs_f64();

    let total = mp.ok + mp.err + js.ok + js.err;
    println!("seed {seed:#x}, {} schema types", types.len());
    println!(
        "msgpack: {} inputs, {} ok, {} err",
        mp.ok + mp.err,
        mp.ok,
        mp.err
    );
    println!(
        "json:    {} inputs, {} ok, {} err",
        js.ok + js.err,
        js.ok,
        js.err
    );
    println!(
        "total:   {total} inputs ({:.1} MiB) in {wall:.2} s = {:.0} inputs/s",
        bytes_fed as f64 / (1024.0 * 1024.0),
        total as f64 / wall
    );
}
