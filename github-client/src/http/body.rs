//! Reading an answer's body as a stream, up to a cap: a server that sends more than any
//! answer of the API holds (by mistake or on purpose) costs at most the cap in memory, and
//! the rest is never read.

/// Why a body could not be had.
pub(super) enum BodyError {
    /// It is (or announces being) larger than the cap.
    TooLarge,
    /// The connection broke while reading it.
    Broken(reqwest::Error),
}

/// The body of `resp`, if it holds at most `cap` bytes; otherwise stops reading (the
/// connection is then dropped, not reused).
pub(super) async fn read_capped(
    mut resp: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, BodyError> {
    let announced = resp.content_length();
    if announced.is_some_and(|n| n > cap as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::with_capacity(announced.map_or(0, |n| n as usize));
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Broken)? {
        if body.len() + chunk.len() > cap {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
