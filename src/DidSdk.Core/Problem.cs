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
    /// <summary>Creates a problem caused by <paramref name="cause"/> (e.g. a credential's signature problem caused by a DID resolution problem).</summary>
    /// <param name="code">The stable problem code.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <param name="cause">The lower-level problem.</param>
    public Problem(string code, string message, Problem? cause)
        : this(code, message)
    {
        Cause = cause;
    }

    /// <summary>The lower-level problem that caused this one, if any (one problem with its cause, not two side by side).</summary>
    public Problem? Cause { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Cause is null ? $"{Code}: {Message}" : $"{Code}: {Message} (cause: {Cause})";
}
