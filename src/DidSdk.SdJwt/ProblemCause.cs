using DidSdk.Core;

namespace DidSdk.SdJwt;

/// <summary>Builds a problem that reports its cause (a DID, JOSE or status problem underneath an SD-JWT one).</summary>
internal static class ProblemCause
{
    public static Problem With(string code, string message, Problem cause) => new(code, $"{message} Cause: {cause.Code}: {cause.Message}");
}
