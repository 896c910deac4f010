use super::*;

fn tally(seed: u64, n: usize) -> Vec<Chosen> {
    let mut s = FaultState::default();
    s.set(Faults {
        server_error_per_mille: 100,
        rate_limited_per_mille: 50,
        lost_answer_per_mille: 50,
        seed,
        ..Faults::default()
    });
    (0..n).map(|_| s.choose()).collect()
}

#[test]
fn rates_are_met_and_a_seed_repeats_its_draws() {
    let draws = tally(7, 20_000);
    let share = |c: fn(&Chosen) -> bool| draws.iter().filter(|d| c(d)).count() as f64 / 20_000.0;
    assert!((share(|d| matches!(d, Chosen::ServerError(_))) - 0.10).abs() < 0.01);
    assert!((share(|d| *d == Chosen::RateLimited) - 0.05).abs() < 0.01);
    assert!((share(|d| *d == Chosen::LoseAnswer) - 0.05).abs() < 0.01);
    assert_eq!(tally(7, 500), draws[..500]);
    assert_ne!(tally(8, 500), draws[..500]);
}

#[test]
fn counted_faults_come_first_and_run_out() {
    let mut s = FaultState::default();
    s.set(Faults {
        lost_answers: 1,
        rate_limited: 1,
        ..Faults::default()
    });
    assert_eq!(s.choose(), Chosen::RateLimited);
    assert_eq!(s.choose(), Chosen::LoseAnswer);
    assert_eq!(s.choose(), Chosen::None);
}
