namespace VcApi;

/// <summary>The server's settings, bound from configuration (<c>appsettings.json</c>, <c>--VcApi:Name=value</c> or the short switches).</summary>
public sealed class VcApiSettings
{
    /// <summary>
    /// A private JWK file of the issuer key (Ed25519 for the eddsa cryptosuites, P-256 or P-384 for the ecdsa ones); none: a
    /// fresh key of <see cref="IssuerKeyType"/> for this run.
    /// </summary>
    public string? IssuerKeyFile { get; set; }

    /// <summary>
    /// The curve of the fresh key made when <see cref="IssuerKeyFile"/> is not set: <c>Ed25519</c>, <c>P-256</c> or <c>P-384</c>;
    /// none: Ed25519 for the eddsa cryptosuites, P-256 for the ecdsa ones.
    /// </summary>
    public string? IssuerKeyType { get; set; }

    /// <summary>
    /// The Data Integrity cryptosuite: <c>eddsa-rdfc-2022</c> (default), <c>eddsa-jcs-2022</c>, <c>ecdsa-rdfc-2019</c> or
    /// <c>ecdsa-jcs-2019</c>.
    /// </summary>
    public string Cryptosuite { get; set; } = "eddsa-rdfc-2022";

    /// <summary>The format issued when a request names none: <c>di</c> (Data Integrity, default), <c>vc+jwt</c> or <c>vc+sd-jwt</c>.</summary>
    public string Format { get; set; } = "di";

    /// <summary>Accept plain HTTP on loopback addresses (development and test-suite runs); HTTPS is required otherwise.</summary>
    public bool AllowLoopbackHttp { get; set; }
}
