use super::*;

#[test]
fn points_per_window_and_concurrency_are_enforced() {
    let limits = SecondaryLimits {
        max_concurrent: 3,
        points: 12,
        window: Duration::from_secs(2),
    };
    let pacing = Pacing {
        secondary: Some(&limits),
        content: None,
    };
    let refused = Err((2, RefusedBy::SecondaryLimit));
    let mut w = Windows::default();
    let t0 = Instant::now();
    assert_eq!(w.admit(pacing, "PUT", "PUT /a", t0), Ok(true));
    assert_eq!(w.admit(pacing, "PUT", "PUT /a", t0), Ok(true));
    let later = t0 + Duration::from_millis(500);
    assert_eq!(
        w.admit(pacing, "PUT", "PUT /a", later),
        refused,
        "10 + 5 > 12"
    );
    assert_eq!(
        w.admit(pacing, "GET", "GET /a", later),
        Ok(true),
        "another endpoint"
    );
    let in_flight = Err((1, RefusedBy::SecondaryLimit));
    assert_eq!(
        w.admit(pacing, "GET", "GET /b", later),
        in_flight,
        "3 in flight"
    );
    w.done();
    w.done();
    w.done();
    let next_window = t0 + Duration::from_secs(2);
    assert_eq!(w.admit(pacing, "PUT", "PUT /a", next_window), Ok(true));
}

#[test]
fn content_creation_counts_writes_across_endpoints_per_minute_and_hour() {
    let content = ContentCreation {
        per_minute: 2,
        per_hour: 3,
        minute: Duration::from_secs(10),
        hour: Duration::from_secs(100),
    };
    let pacing = Pacing {
        secondary: None,
        content: Some(&content),
    };
    let mut w = Windows::default();
    let t0 = Instant::now();
    assert_eq!(w.admit(pacing, "PUT", "PUT /a", t0), Ok(false));
    assert_eq!(w.admit(pacing, "DELETE", "DELETE /b", t0), Ok(false));
    assert_eq!(
        w.admit(pacing, "GET", "GET /a", t0),
        Ok(false),
        "GETs create nothing"
    );
    let minute = Err((10, RefusedBy::ContentCreation));
    assert_eq!(
        w.admit(pacing, "PUT", "PUT /c", t0),
        minute,
        "another endpoint, same budget"
    );
    let t1 = t0 + Duration::from_secs(10);
    assert_eq!(
        w.admit(pacing, "PUT", "PUT /c", t1),
        Ok(false),
        "a new minute"
    );
    let hour = Err((90, RefusedBy::ContentCreation));
    assert_eq!(
        w.admit(pacing, "PUT", "PUT /c", t1),
        hour,
        "the hour is spent"
    );
}
