use super::*;

struct Counting;

#[async_trait]
impl ListResource for Counting {
    fn type_name(&self) -> &'static str {
        "t_thing"
    }
    fn schema(&self) -> Schema {
        Schema::new(crate::schema::Block::new())
    }
    async fn stream(&self, _req: ListRequest, sink: ListSink) {
        for i in 0..10 {
            if !sink
                .send(ListEvent::new(Value::int(i), i.to_string()))
                .await
            {
                // The sink said stop: report how far we got, which still goes through.
                sink.send(ListEvent::error(Diagnostics::from_error(
                    "stopped",
                    i.to_string(),
                )))
                .await;
                return;
            }
        }
    }
}

#[tokio::test]
async fn the_sink_takes_the_limit_and_stops_the_lister_at_it() {
    let events = collect(&Counting, ListRequest::new(Value::Null, 3)).await;
    let names: Vec<&str> = events.iter().map(|e| e.display_name.as_str()).collect();
    assert_eq!(names, ["0", "1", "2", ""]);
    let stopped_at = events[3].diagnostics.iter().next().unwrap();
    assert_eq!(stopped_at.detail, "2", "the third send already said stop");
    assert_eq!(
        collect(&Counting, ListRequest::new(Value::Null, 0))
            .await
            .len(),
        10
    );
}
