//! CallFunction: the arguments checked against the signature (count, nulls, unknowns) and
//! decoded with their parameters' types, the function called, and its result encoded with
//! the return type. A failure answers a function error, on the argument at fault where
//! there is one; nothing here needs the provider configured.

use tonic::Response;

use super::{FunctionEntry, ProviderService, Rpc};
use crate::cty::Value;
use crate::function::{FunctionError, FunctionRequest, FunctionSignature};
use crate::proto::tfplugin5 as pb;
use crate::wire::dynamic_value::{decode, encode};
use crate::wire::to_proto;

/// What a call comes to before the function runs.
enum Arguments {
    /// Every argument, decoded: call the function.
    Ready(Vec<Value>),
    /// An argument is unknown where its parameter takes none: the result is unknown too.
    Unknown,
}

impl ProviderService {
    pub(super) async fn call(
        &self,
        req: pb::call_function::Request,
    ) -> Rpc<pb::call_function::Response> {
        tracing::trace!("CallFunction");
        let count = req.arguments.len();
        let fail = |e: FunctionError| {
            Ok(Response::new(pb::call_function::Response {
                error: Some(to_proto::function_error(&e, count)),
                ..Default::default()
            }))
        };
        let Some(entry) = self.functions.get(&req.name) else {
            let known: Vec<&str> = self.functions.keys().map(String::as_str).collect();
            return fail(FunctionError::new(format!(
                "this provider has no function {:?}; it has: {}",
                req.name,
                known.join(", ")
            )));
        };
        let signature = &entry.signature;
        let result = match arguments(&req, signature) {
            Ok(Arguments::Ready(values)) => run(entry, values),
            Ok(Arguments::Unknown) => Ok(Value::Unknown),
            Err(e) => return fail(e),
        };
        let result = result.and_then(|v| {
            encode(&v, &signature.return_type).map_err(|d| {
                FunctionError::new(format!(
                    "the function returned a value that is not of its return type ({}); this \
                     is a bug in the provider, please report it",
                    d.detail
                ))
            })
        });
        match result {
            Ok(result) => Ok(Response::new(pb::call_function::Response {
                result: Some(result),
                ..Default::default()
            })),
            Err(e) => fail(e),
        }
    }
}

fn run(entry: &FunctionEntry, values: Vec<Value>) -> Result<Value, FunctionError> {
    entry
        .imp
        .call(FunctionRequest::new(&entry.signature, values))
}

/// The arguments of `req` decoded, after the checks Terraform makes too: their number, and
/// null or unknown ones where the parameter takes none.
fn arguments(
    req: &pb::call_function::Request,
    signature: &FunctionSignature,
) -> Result<Arguments, FunctionError> {
    let (given, fixed) = (req.arguments.len(), signature.parameters.len());
    if given < fixed || (given > fixed && signature.variadic.is_none()) {
        let takes = match signature.variadic {
            Some(_) => format!("at least {fixed}"),
            None => fixed.to_string(),
        };
        return Err(FunctionError::new(format!(
            "{:?} takes {takes} arguments, but was given {given}",
            req.name
        )));
    }
    let mut values = Vec::with_capacity(given);
    let mut unknown = false;
    for (index, argument) in req.arguments.iter().enumerate() {
        let Some(parameter) = signature.parameter_at(index) else {
            return Err(FunctionError::new("too many arguments"));
        };
        let value = decode(Some(argument), &parameter.ty)
            .map_err(|d| FunctionError::at_argument(index, d.detail))?;
        if value.is_null() && !parameter.allow_null {
            return Err(FunctionError::at_argument(
                index,
                format!("{:?} cannot be null", parameter.name),
            ));
        }
        unknown |= !value.is_wholly_known() && !parameter.allow_unknown;
        values.push(value);
    }
    Ok(if unknown {
        Arguments::Unknown
    } else {
        Arguments::Ready(values)
    })
}
