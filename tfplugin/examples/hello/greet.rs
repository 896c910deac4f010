//! The function `provider::hello::greet(greeting, names...)`: "Hello, Ann and Bob!". The
//! greeting may be null (then "Hello"); the names are variadic, and an empty one is an
//! error Terraform shows on that argument. Pure, as Terraform requires: the same arguments
//! give the same result.

use tfplugin::{Function, FunctionError, FunctionParameter, FunctionRequest, FunctionSignature};
use tfplugin::{Type, Value};

pub struct Greet;

impl Function for Greet {
    fn name(&self) -> &'static str {
        "greet"
    }

    fn signature(&self) -> FunctionSignature {
        let greeting = FunctionParameter::new("greeting", Type::String)
            .allow_null()
            .description("How to greet; null for \"Hello\".");
        let names = FunctionParameter::new("names", Type::String).description("Who to greet.");
        FunctionSignature::new(Type::String)
            .summary("Greets everyone named.")
            .parameter(greeting)
            .variadic(names)
    }

    fn call(&self, req: FunctionRequest) -> Result<Value, FunctionError> {
        let greeting: Option<String> = req.argument(0)?;
        let names: Vec<String> = req.arguments_from(1)?;
        if let Some(empty) = names.iter().position(String::is_empty) {
            // Arguments count from the first parameter: names start at 1.
            return Err(FunctionError::at_argument(
                1 + empty,
                "a name cannot be empty",
            ));
        }
        let everyone = match names.split_last() {
            None => "nobody".to_string(),
            Some((last, [])) => last.clone(),
            Some((last, others)) => format!("{} and {last}", others.join(", ")),
        };
        let greeting = greeting.unwrap_or_else(|| "Hello".to_string());
        req.to_value(&format!("{greeting}, {everyone}!"))
    }
}
