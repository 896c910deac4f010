use super::*;

fn repeat() -> FunctionSignature {
    FunctionSignature::new(Type::String)
        .parameter(FunctionParameter::new("word", Type::String).allow_null())
        .variadic(FunctionParameter::new("times", Type::Number))
}

#[test]
fn arguments_read_with_their_parameter_type_and_errors_point_at_them() {
    let req = FunctionRequest::new(&repeat(), vec![Value::Null, Value::int(2), Value::int(300)]);
    assert_eq!(req.argument::<Option<String>>(0).unwrap(), None);
    assert_eq!(req.argument::<u8>(1).unwrap(), 2);
    // The third argument is of the variadic parameter, and too big for a `u8`.
    let err = req.arguments_from::<u8>(1).unwrap_err();
    assert_eq!(err.argument, Some(2), "{err}");
    assert_eq!(req.arguments_from::<u16>(1).unwrap(), [2, 300]);
    let missing = req.argument::<String>(3).unwrap_err();
    assert_eq!(missing.argument, None);
    // A model that does not fit the parameter's type is the provider's bug, not the
    // argument's.
    let bug = req.argument::<String>(1).unwrap_err();
    assert_eq!(bug.argument, None);
    assert!(bug.text.contains("bug in the provider"), "{bug}");
    assert_eq!(req.to_value("Hi").unwrap(), Value::string("Hi"));
}
