use super::*;

fn heads(bytes: &[u8]) -> Result<Vec<Head<'_>>, ValueError> {
    let mut r = Reader::new(bytes);
    let mut out = Vec::new();
    while r.remaining() > 0 {
        out.push(r.head()?);
    }
    Ok(out)
}

#[test]
fn every_marker_family_reads() {
    let bytes = [
        0x05, 0xe0, 0xcc, 0xff, 0xd1, 0xff, 0x00, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xa1, b'a', 0xc4, 0x01, 0x07, 0x92, 0x81, 0xc3, 0xd4, 0x0c, 0x00,
    ];
    assert_eq!(
        heads(&bytes).unwrap(),
        [
            Head::Int(5),
            Head::Int(-32),
            Head::Int(255),
            Head::Int(-256),
            Head::UInt(u64::MAX),
            Head::Str(b"a"),
            Head::Bin(&[7]),
            Head::Array(2),
            Head::Map(1),
            Head::Bool(true),
            Head::Ext(12, &[0]),
        ]
    );
}

#[test]
fn claims_beyond_the_input_are_refused() {
    for bytes in [
        &[0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0][..],
        &[0xdf, 0x00, 0x00, 0x00, 0x01, 0xc0],
        &[0xdb, 0xff, 0xff, 0xff, 0xff, b'a'],
        &[0xc9, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00],
        &[0xcb, 0x00],
        &[0xc1],
    ] {
        assert!(Reader::new(bytes).head().is_err(), "{bytes:02x?}");
    }
}
