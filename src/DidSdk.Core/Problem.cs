namespace DidSdk.Core;

/// <summary>
/// One reason a check of untrusted input failed. <see cref="Code"/> is stable and documented
/// (<c>DIDSDK1xxx</c> Crypto, <c>2xxx</c> Core, <c>3xxx</c> Credentials, <c>4xxx</c> SdJwt, <c>5xxx</c> Ethereum,
/// <c>6xxx</c> Wallet; DID resolution errors use the W3C names verbatim); <see cref="Message"/> is for humans and never
/// contains secrets or whole tokens.
/// </summary>
/// <param name="Code">The stable problem code.</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record Problem(string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
