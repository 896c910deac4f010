//! Peak heap use of the cty decoders on hostile input, measured by a counting global
//! allocator. This is a test binary of its own so that the allocator counts only this file's
//! tests; the counters are per thread, so tests running in parallel do not disturb each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tfplugin::cty::{json, msgpack};
use tfplugin::{Type, Value};

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(size);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn note_free(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(size)));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_alloc(new_size);
        note_free(layout.size());
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the most heap it held at once beyond what was live
/// before, on this thread.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    (out, PEAK.with(Cell::get) - base)
}

/// Fails `what` when `peak` passes `budget`.
fn assert_peak(peak: usize, budget: usize, what: &str) {
    assert!(
        peak < budget,
        "{what}: peak heap {peak} bytes, budget {budget}"
    );
}

/// Heap a decode of hostile input may use: a few KiB of bookkeeping and error text, and
/// nothing that grows with a length the input merely claims.
const SMALL: usize = 16 * 1024;

#[test]
fn claimed_lengths_allocate_nothing_in_proportion() {
    let any = Type::list(Type::Dynamic);
    let cases: [(&str, Vec<u8>, Type); 7] = [
        (
            "array32 of 2^32-1",
            vec![0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0],
            any.clone(),
        ),
        (
            "map32 of 2^32-1",
            vec![0xdf, 0xff, 0xff, 0xff, 0xff, 0xc0],
            Type::map(Type::String),
        ),
        (
            "str32 of 4 GiB",
            vec![0xdb, 0xff, 0xff, 0xff, 0xff, b'a'],
            Type::String,
        ),
        (
            "bin32 as type JSON",
            vec![0x92, 0xc6, 0xff, 0xff, 0xff, 0xff, b'"'],
            Type::Dynamic,
        ),
        (
            "ext32 unknown",
            vec![0xc9, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00],
            Type::String,
        ),
        (
            "array16 object",
            vec![0xdc, 0xff, 0xff, 0xc0],
            Type::object([("a", Type::Bool)]),
        ),
        (
            "tuple claim",
            vec![0xdd, 0x00, 0x01, 0x00, 0x00, 0xc0],
            Type::Tuple(vec![Type::Bool]),
        ),
    ];
    for (name, bytes, ty) in cases {
        let (result, peak) = peak_of(|| msgpack::decode(&bytes, &ty));
        assert!(result.is_err(), "{name}: decoded {result:?}");
        assert_peak(peak, SMALL, name);
    }
}

#[test]
fn claims_nested_in_claims_reserve_nothing() {
    // Every array claims as many elements as there are bytes left, which a cap by the bytes
    // left would let through; reserving that much at each of 60 levels would be 60 times
    // the input in element slots. The innermost element is a string where a bool belongs.
    let mut bytes = Vec::new();
    let mut ty = Type::Bool;
    for level in 0..60 {
        ty = Type::list(ty);
        let left = u32::try_from(64 * 1024 - 5 * (level + 1)).unwrap();
        bytes.push(0xdd);
        bytes.extend_from_slice(&left.to_be_bytes());
    }
    bytes.resize(64 * 1024, 0xa0);
    let (result, peak) = peak_of(|| msgpack::decode(&bytes, &ty));
    assert!(result.is_err());
    assert_peak(peak, SMALL, "nested claims");
}

#[test]
fn deep_nesting_is_refused_without_a_deep_stack_or_heap() {
    let bytes = vec![0x91; 100_000];
    let (result, peak) = peak_of(|| msgpack::decode(&bytes, &Type::Dynamic));
    assert!(result.is_err());
    assert_peak(peak, SMALL, "msgpack");
    let text = "[".repeat(100_000);
    let (result, peak) = peak_of(|| json::decode(text.as_bytes(), &Type::Dynamic));
    assert!(result.is_err());
    assert_peak(peak, SMALL, "json");
}

/// `levels` maps nested one in another, each with one key of `key_len` bytes, ending in a
/// number where the schema wants a string: as msgpack and as JSON, with the type they need.
fn nested_maps(levels: usize, key_len: usize) -> (Vec<u8>, Vec<u8>, Type) {
    let key = "k".repeat(key_len);
    let mut ty = Type::String;
    let mut mp = Vec::new();
    let mut js = String::new();
    for _ in 0..levels {
        ty = Type::map(ty);
        mp.push(0x81);
        mp.push(0xda);
        mp.extend_from_slice(&u16::try_from(key_len).unwrap().to_be_bytes());
        mp.extend_from_slice(key.as_bytes());
        js.push_str(&format!("{{\"{key}\":"));
    }
    mp.push(0x05);
    js.push('5');
    js.push_str(&"}".repeat(levels));
    (mp, js.into_bytes(), ty)
}

#[test]
fn error_paths_cost_the_input_once_not_once_per_level() {
    // Before the fix every level cloned the whole path so far: 60 levels of 4 KiB keys held
    // 60 * 59 / 2 copies of a key at once, about 7 MiB for 240 KiB of input.
    let (mp, js, ty) = nested_maps(60, 4096);
    for (name, input, result) in [
        ("msgpack", &mp, peak_of(|| msgpack::decode(&mp, &ty))),
        ("json", &js, peak_of(|| json::decode(&js, &ty))),
    ] {
        let (result, peak) = result;
        let err = result.expect_err("a number is not a string");
        let tfplugin::ValueError::Mismatch { path, .. } = err else {
            panic!("{name}: not a mismatch: {err:?}");
        };
        assert_eq!(path.steps.len(), 60, "{name}");
        // The input once for the parse tree (JSON), once for the error path, and slack.
        assert_peak(peak, 4 * input.len() + SMALL, name);
    }
}

#[test]
fn a_valid_value_costs_about_its_own_size() {
    let (mp, _, ty) = nested_maps(40, 1024);
    let mut bytes = mp;
    bytes.pop();
    bytes.extend_from_slice(&[0xa1, b'x']);
    let (result, peak) = peak_of(|| msgpack::decode(&bytes, &ty));
    let mut v = result.expect("valid");
    for _ in 0..40 {
        let Value::Map(m) = v else {
            panic!("not a map")
        };
        v = m.into_values().next().expect("one entry");
    }
    assert_eq!(v, Value::string("x"));
    assert_peak(peak, 4 * bytes.len() + SMALL, "valid nested maps");
}

#[test]
fn a_flat_array_costs_at_most_a_few_value_slots_per_byte() {
    // The one amplification the value model forces: each input byte may be a whole element.
    // Vector growth doubles, and a reallocation holds old and new at once: three slots.
    let n = 65_535;
    let mut bytes = vec![0xdc, 0xff, 0xff];
    bytes.resize(3 + n, 0xc0);
    let (result, peak) = peak_of(|| msgpack::decode(&bytes, &Type::list(Type::String)));
    assert_eq!(
        result.map(|v| v.as_elements().map(<[Value]>::len)),
        Ok(Some(n))
    );
    let slot = std::mem::size_of::<Value>();
    assert_peak(peak, 3 * slot * n + SMALL, "flat array");
}
