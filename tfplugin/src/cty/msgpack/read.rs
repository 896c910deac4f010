//! A msgpack reader over a byte slice: one item head at a time, every length checked against
//! the bytes that are really there. The decoder in `msgpack.rs` walks a [`Type`] with it, so
//! no intermediate tree is built and nothing is allocated before the input has shown it.
//!
//! [`Type`]: super::super::types::Type

use super::super::error::ValueError;
use super::super::limits::fault;

/// The head of one msgpack item: scalars whole, strings and binaries as slices of the input,
/// arrays and maps as their element counts (already checked to fit in what remains).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Head<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    UInt(u64),
    F32(f32),
    F64(f64),
    Str(&'a [u8]),
    Bin(&'a [u8]),
    Array(usize),
    Map(usize),
    Ext(i8, &'a [u8]),
}

impl Head<'_> {
    /// What the item is, in words, for error messages.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Head::Nil => "null",
            Head::Bool(_) => "a bool",
            Head::Int(_) | Head::UInt(_) | Head::F32(_) | Head::F64(_) => "a number",
            Head::Str(_) => "a string",
            Head::Bin(_) => "binary data",
            Head::Array(_) => "an array",
            Head::Map(_) => "a map",
            Head::Ext(..) => "an extension value",
        }
    }
}

/// A cursor over msgpack bytes.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// Bytes not yet read.
    pub(super) fn remaining(&self) -> usize {
        self.rest.len()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ValueError> {
        if n > self.rest.len() {
            return Err(fault(format!(
                "malformed msgpack: {n} bytes claimed, {} left",
                self.rest.len()
            )));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ValueError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, ValueError> {
        Ok(self.array::<1>()?[0])
    }

    /// A big-endian length of one, two or four bytes, for `width` 0, 1 or 2.
    fn length(&mut self, width: u8) -> Result<usize, ValueError> {
        match width {
            0 => Ok(usize::from(self.byte()?)),
            1 => Ok(usize::from(u16::from_be_bytes(self.array()?))),
            _ => {
                let n = u32::from_be_bytes(self.array()?);
                usize::try_from(n).map_err(|_| fault("malformed msgpack: length out of range"))
            }
        }
    }

    /// A count of items, each at least `min_bytes` long, refused if the rest cannot hold them.
    fn count(&mut self, n: usize, min_bytes: usize) -> Result<usize, ValueError> {
        if n.saturating_mul(min_bytes) > self.rest.len() {
            return Err(fault(format!(
                "malformed msgpack: {n} items claimed, {} bytes left",
                self.rest.len()
            )));
        }
        Ok(n)
    }

    fn ext(&mut self, len: usize) -> Result<Head<'a>, ValueError> {
        let [tag] = self.array::<1>()?;
        Ok(Head::Ext(i8::from_be_bytes([tag]), self.take(len)?))
    }

    /// Reads the head of the next item.
    pub(super) fn head(&mut self) -> Result<Head<'a>, ValueError> {
        let marker = self.byte()?;
        Ok(match marker {
            0x00..=0x7f => Head::Int(i64::from(marker)),
            0x80..=0x8f => Head::Map(self.count(usize::from(marker & 0x0f), 2)?),
            0x90..=0x9f => Head::Array(self.count(usize::from(marker & 0x0f), 1)?),
            0xa0..=0xbf => Head::Str(self.take(usize::from(marker & 0x1f))?),
            0xc0 => Head::Nil,
            0xc2 => Head::Bool(false),
            0xc3 => Head::Bool(true),
            0xc4..=0xc6 => {
                let n = self.length(marker - 0xc4)?;
                Head::Bin(self.take(n)?)
            }
            0xc7..=0xc9 => {
                let n = self.length(marker - 0xc7)?;
                self.ext(n)?
            }
            0xca => Head::F32(f32::from_be_bytes(self.array()?)),
            0xcb => Head::F64(f64::from_be_bytes(self.array()?)),
            0xcc => Head::Int(i64::from(self.byte()?)),
            0xcd => Head::Int(i64::from(u16::from_be_bytes(self.array()?))),
            0xce => Head::Int(i64::from(u32::from_be_bytes(self.array()?))),
            0xcf => Head::UInt(u64::from_be_bytes(self.array()?)),
            0xd0 => Head::Int(i64::from(i8::from_be_bytes(self.array()?))),
            0xd1 => Head::Int(i64::from(i16::from_be_bytes(self.array()?))),
            0xd2 => Head::Int(i64::from(i32::from_be_bytes(self.array()?))),
            0xd3 => Head::Int(i64::from_be_bytes(self.array()?)),
            0xd4 => self.ext(1)?,
            0xd5 => self.ext(2)?,
            0xd6 => self.ext(4)?,
            0xd7 => self.ext(8)?,
            0xd8 => self.ext(16)?,
            0xd9..=0xdb => {
                let n = self.length(marker - 0xd9)?;
                Head::Str(self.take(n)?)
            }
            0xdc | 0xdd => {
                let n = self.length(marker - 0xdb)?;
                Head::Array(self.count(n, 1)?)
            }
            0xde | 0xdf => {
                let n = self.length(marker - 0xdd)?;
                Head::Map(self.count(n, 2)?)
            }
            0xe0..=0xff => Head::Int(i64::from(i8::from_be_bytes([marker]))),
            0xc1 => return Err(fault("malformed msgpack: reserved byte 0xc1")),
        })
    }
}

#[cfg(test)]
mod tests;
