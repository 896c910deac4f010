//! CallFunction through the service: the signature in GetProviderSchema (where Terraform
//! reads it), GetFunctions and GetMetadata; arguments decoded with their parameters' types,
//! variadic ones included; unknown functions, wrong arity, nulls and unknowns answered
//! before the function runs; errors pointing at the argument at fault.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::function::{Function, FunctionError, FunctionParameter, FunctionRequest};

/// `join(greeting, names...)`: "Hello, Ann and Bob!"; a null greeting is "Hello"; an empty
/// name is an error on its argument. Counts its calls.
struct Join {
    calls: AtomicUsize,
}

impl Function for Join {
    fn name(&self) -> &'static str {
        "join"
    }
    fn signature(&self) -> FunctionSignature {
        FunctionSignature::new(Type::String)
            .parameter(FunctionParameter::new("greeting", Type::String).allow_null())
            .variadic(FunctionParameter::new("names", Type::String))
            .summary("Greets people.")
    }
    fn call(&self, req: FunctionRequest) -> Result<Value, FunctionError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let greeting: Option<String> = req.argument(0)?;
        let names: Vec<String> = req.arguments_from(1)?;
        if let Some(empty) = names.iter().position(String::is_empty) {
            return Err(FunctionError::at_argument(
                1 + empty,
                "a name cannot be empty",
            ));
        }
        let greeting = greeting.unwrap_or_else(|| "Hello".into());
        req.to_value(&format!("{greeting}, {}!", names.join(" and ")))
    }
}

fn service() -> (ProviderService, Arc<Join>) {
    let join = Arc::new(Join {
        calls: AtomicUsize::new(0),
    });
    let serving = Serving {
        functions: vec![join.clone()],
        ..Default::default()
    };
    (serving.service(), join)
}

fn arg(value: Value) -> pb::DynamicValue {
    encode(&value, &Type::String).unwrap()
}

async fn call(s: &ProviderService, name: &str, args: Vec<Value>) -> pb::call_function::Response {
    let req = pb::call_function::Request {
        name: name.into(),
        arguments: args.into_iter().map(arg).collect(),
    };
    s.call_function(Request::new(req))
        .await
        .unwrap()
        .into_inner()
}

#[tokio::test]
async fn the_signature_is_served_where_terraform_reads_it() {
    let (s, _) = service();
    let schema = schema_of(&s).await;
    let join = &schema.functions["join"];
    assert_eq!(join.parameters[0].name, "greeting");
    assert!(join.parameters[0].allow_null_value);
    assert_eq!(join.variadic_parameter.as_ref().unwrap().name, "names");
    assert_eq!(join.summary, "Greets people.");
    let listed = s
        .get_functions(Request::new(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.functions["join"], *join);
    let meta = metadata_of(&s).await;
    assert_eq!(meta.functions[0].name, "join");
}

#[tokio::test]
async fn a_call_decodes_every_argument_variadic_ones_included() {
    let (s, _) = service();
    let out = call(
        &s,
        "join",
        vec![Value::Null, Value::string("Ann"), Value::string("Bob")],
    )
    .await;
    assert!(out.error.is_none(), "{:?}", out.error);
    let result = decode(out.result.as_ref(), &Type::String).unwrap();
    assert_eq!(result, Value::string("Hello, Ann and Bob!"));
}

#[tokio::test]
async fn an_error_points_at_the_argument_at_fault() {
    let (s, _) = service();
    let names = vec![Value::string("Hi"), Value::string("Ann"), Value::string("")];
    let error = call(&s, "join", names).await.error.unwrap();
    assert_eq!(error.text, "a name cannot be empty");
    assert_eq!(error.function_argument, Some(2));
}

#[tokio::test]
async fn unknown_functions_and_wrong_arity_are_refused_before_any_call() {
    let (s, join) = service();
    let error = call(&s, "shout", vec![]).await.error.unwrap();
    assert!(
        error.text.contains("\"shout\"") && error.text.contains("join"),
        "{}",
        error.text
    );
    let error = call(&s, "join", vec![]).await.error.unwrap();
    assert_eq!(
        error.text,
        "\"join\" takes at least 1 arguments, but was given 0"
    );
    assert_eq!(error.function_argument, None);
    // A null where the parameter takes none is refused on that argument.
    let error = call(&s, "join", vec![Value::Null, Value::Null])
        .await
        .error
        .unwrap();
    assert_eq!(error.function_argument, Some(1));
    assert_eq!(join.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn an_unknown_argument_gives_an_unknown_result_without_a_call() {
    let (s, join) = service();
    let out = call(&s, "join", vec![Value::Null, Value::Unknown]).await;
    assert!(out.error.is_none());
    let result = decode(out.result.as_ref(), &Type::String).unwrap();
    assert!(result.is_unknown());
    assert_eq!(join.calls.load(Ordering::SeqCst), 0);
}
