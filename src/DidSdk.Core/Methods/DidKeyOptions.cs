namespace DidSdk.Core.Methods;

/// <summary>Options of did:key document creation and resolution.</summary>
public sealed class DidKeyOptions
{
    /// <summary>The defaults.</summary>
    public static DidKeyOptions Default { get; } = new();

    /// <summary>The <c>@context</c> of produced documents; defaults to <see cref="DidKey.DefaultContext"/>.</summary>
    public IReadOnlyList<string> Context { get; init; } = DidKey.DefaultContext;

    /// <summary><c>enableEncryptionKeyDerivation</c> (did:key spec §3.1.1): derive an X25519 <c>keyAgreement</c> key from an Ed25519 key. Default <see langword="true"/>.</summary>
    public bool EnableEncryptionKeyDerivation { get; init; } = true;
}
