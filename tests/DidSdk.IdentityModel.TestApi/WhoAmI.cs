namespace DidSdk.IdentityModel.TestApi;

/// <summary>The /whoami reply.</summary>
/// <param name="Did">The caller's DID.</param>
/// <param name="Scope">The token's scope claim.</param>
public sealed record WhoAmI(string? Did, string? Scope);

/// <summary>Source-generated JSON for the reply.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(WhoAmI))]
internal sealed partial class TestApiJson : System.Text.Json.Serialization.JsonSerializerContext;
