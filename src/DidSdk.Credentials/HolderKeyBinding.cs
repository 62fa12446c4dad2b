using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// What a format handler reports about a credential bound to a holder key (<c>cnf</c>, RFC 7800 §3), so that a
/// <see cref="PresentationVerifier"/> can require the credential to be bound to the presentation that carries it:
/// by a Key Binding JWT that verified with that key, or by the presentation being signed with that key.
/// </summary>
/// <remarks>Not a record: key material stays out of <c>ToString</c>.</remarks>
public sealed class HolderKeyBinding
{
    /// <summary>Creates the report (for format handlers).</summary>
    /// <param name="key">The <c>cnf</c> key, or <see langword="null"/> when <c>cnf</c> names it in a form the handler does not read (e.g. <c>cnf.kid</c>).</param>
    /// <param name="keyBindingVerified">Whether a Key Binding JWT verified with <paramref name="key"/> (and the expected <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>).</param>
    public HolderKeyBinding(PublicKeyMaterial? key, bool keyBindingVerified)
    {
        Key = key;
        KeyBindingVerified = keyBindingVerified;
    }

    /// <summary>The holder key the credential names in <c>cnf</c>; <see langword="null"/> when it cannot be read, and then only a verified Key Binding JWT binds the credential.</summary>
    public PublicKeyMaterial? Key { get; }

    /// <summary>Whether a Key Binding JWT verified with <see cref="Key"/>.</summary>
    public bool KeyBindingVerified { get; }

    /// <summary>
    /// Whether the credential is bound to a presentation signed with <paramref name="presenterKey"/>: a Key Binding JWT
    /// verified, or <paramref name="presenterKey"/> is the <c>cnf</c> key (compared by key type and bytes, in constant time).
    /// </summary>
    /// <param name="presenterKey">The key the presentation's signature verified with, or <see langword="null"/> when there is none to compare.</param>
    public bool IsBoundTo(PublicKeyMaterial? presenterKey) => KeyBindingVerified || (Key is not null && presenterKey is not null && Key.Equals(presenterKey));
}
