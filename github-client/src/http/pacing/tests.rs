//! Pacing: turns within each window's budget, and blocks after a refusal.

use super::*;

#[test]
fn turns_keep_each_window_within_the_budget() {
    let pacing = Pacing::new(EndpointBudget {
        points: 10,
        window: Duration::from_secs(200),
    });
    let w = Duration::from_secs(201);
    let t0 = Instant::now();
    let first = pacing.take_turn("PUT /x", 5, t0, false).unwrap();
    let at = t0 + Duration::from_secs(1);
    pacing.take_turn("PUT /x", 5, at, false).unwrap();
    assert_eq!(
        pacing.take_turn("PUT /x", 5, at, false),
        Err(NotYet::Full(t0 + w))
    );
    assert!(
        pacing.take_turn("GET /x", 1, at, false).is_ok(),
        "endpoints are apart"
    );
    // The first answer came back late: its points leave the window later.
    let late = t0 + Duration::from_secs(2);
    pacing.answered("PUT /x", first, late);
    assert_eq!(
        pacing.take_turn("PUT /x", 5, at, false),
        Err(NotYet::Full(t0 + w + Duration::from_secs(1)))
    );
    assert!(pacing.take_turn("PUT /x", 5, late + w, false).is_ok());
}

#[test]
fn a_block_holds_every_caller_until_it_is_served() {
    let pacing = Pacing::new(EndpointBudget::default());
    let t0 = Instant::now();
    let until = t0 + Duration::from_secs(3);
    pacing.block("GET /x", 1, until);
    assert_eq!(
        pacing.take_turn("GET /x", 1, t0, false),
        Err(NotYet::Blocked(until))
    );
    assert!(pacing.take_turn("GET /x", 1, t0, true).is_ok());
    pacing.unblock("GET /x", 1, until);
    assert!(pacing.take_turn("GET /x", 1, t0, false).is_ok());
}

#[test]
fn a_refused_write_holds_every_write_but_no_read() {
    let pacing = Pacing::new(EndpointBudget::default());
    let t0 = Instant::now();
    let until = t0 + Duration::from_secs(3);
    pacing.block("PUT /x", 5, until);
    assert_eq!(
        pacing.take_turn("DELETE /y", 5, t0, false),
        Err(NotYet::Blocked(until)),
        "GitHub's content-creation limit counts writes across endpoints"
    );
    assert!(pacing.take_turn("GET /y", 1, t0, false).is_ok());
    pacing.unblock("PUT /x", 5, until);
    assert!(pacing.take_turn("DELETE /y", 5, t0, false).is_ok());
}
