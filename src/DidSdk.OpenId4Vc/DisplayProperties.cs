namespace DidSdk.OpenId4Vc;

/// <summary>
/// How a wallet shows the Credential Issuer or a credential in one language: a <c>display</c> entry of the Credential
/// Issuer Metadata (OpenID4VCI 1.0 §12.2.4). A bindable setting.
/// </summary>
public sealed class DisplayProperties
{
    /// <summary><c>name</c>: the display name.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>locale</c>: the BCP 47 language tag of this entry, if any.</summary>
    public string? Locale { get; set; }

    /// <summary><c>description</c>: a description (credential display only).</summary>
    public string? Description { get; set; }

    /// <summary><c>logo.uri</c>: the logo's URI, if any.</summary>
    public string? LogoUri { get; set; }

    /// <summary><c>logo.alt_text</c>: the logo's alternative text.</summary>
    public string? LogoAltText { get; set; }

    /// <summary><c>background_color</c>: a CSS colour (credential display only).</summary>
    public string? BackgroundColor { get; set; }

    /// <summary><c>text_color</c>: a CSS colour (credential display only).</summary>
    public string? TextColor { get; set; }
}
