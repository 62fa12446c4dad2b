namespace DidSdk.Fuzz;

/// <summary>Values the harnesses and the seed writer share, so that seeds reach the deepest checks.</summary>
internal static class SeedValues
{
    public const string Audience = "https://verifier.example";

    public const string Nonce = "n-0S6_WzA2Mj";
}
