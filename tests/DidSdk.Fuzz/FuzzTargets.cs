using DidSdk.Fuzz.Targets;

namespace DidSdk.Fuzz;

/// <summary>Every harness, by name.</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, FuzzTarget> ByName =
        CoreTargets.All()
            .Concat(CryptoTargets.All())
            .Concat(CredentialTargets.All())
            .Concat(SdJwtTargets.All())
            .Concat(EthereumTargets.All())
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
}
