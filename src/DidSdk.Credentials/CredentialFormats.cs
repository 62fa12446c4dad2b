namespace DidSdk.Credentials;

/// <summary>The credential formats the verifier reports.</summary>
public static class CredentialFormats
{
    /// <summary>VC-JOSE (VC Data Model 2.0 secured with JOSE, <c>typ</c> <c>vc+jwt</c>).</summary>
    public const string VcJose = "vc+jwt";

    /// <summary>VC-JOSE presentation (<c>typ</c> <c>vp+jwt</c>).</summary>
    public const string VpJose = "vp+jwt";

    /// <summary>VC-COSE (VC Data Model 2.0 secured with COSE_Sign1, <c>typ</c> <c>application/vc+cose</c>; VC-JOSE-COSE §3.3.1).</summary>
    public const string VcCose = "vc+cose";

    /// <summary>VC-COSE presentation (<c>typ</c> <c>application/vp+cose</c>; VC-JOSE-COSE §3.3.2).</summary>
    public const string VpCose = "vp+cose";

    /// <summary>VC-JWT as in VC Data Model 1.1 §6.3.1 (the <c>vc</c> claim), what did-jwt-vc issues.</summary>
    public const string VcJwt11 = "jwt_vc";

    /// <summary>VP-JWT as in VC Data Model 1.1 (the <c>vp</c> claim).</summary>
    public const string VpJwt11 = "jwt_vp";

    /// <summary>Data Integrity (an embedded <c>proof</c>).</summary>
    public const string DataIntegrity = "di";
}
