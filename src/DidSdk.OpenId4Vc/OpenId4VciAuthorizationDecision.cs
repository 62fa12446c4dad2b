namespace DidSdk.OpenId4Vc;

/// <summary>What <see cref="IOpenId4VciAuthorizationHandler"/> decided about an Authorization Request.</summary>
public sealed class OpenId4VciAuthorizationDecision
{
    private OpenId4VciAuthorizationDecision(string? subject, Uri? redirectUri)
    {
        Subject = subject;
        RedirectUri = redirectUri;
    }

    /// <summary>The authorized subject (passed to <see cref="ICredentialClaimsProvider"/>), or <see langword="null"/>.</summary>
    public string? Subject { get; }

    /// <summary>Where the browser goes first (the bank's login page), or <see langword="null"/>.</summary>
    public Uri? RedirectUri { get; }

    /// <summary>Whether the request was denied (<c>access_denied</c>, RFC 6749 §4.1.2.1).</summary>
    public bool IsDenied => Subject is null && RedirectUri is null;

    /// <summary>The user authenticated as <paramref name="subject"/> and consents: an authorization code is issued.</summary>
    /// <param name="subject">The subject identifier (for example the customer number).</param>
    public static OpenId4VciAuthorizationDecision Authorize(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return new(subject, null);
    }

    /// <summary>The user refused or may not have these credentials: the Wallet gets <c>access_denied</c>.</summary>
    public static OpenId4VciAuthorizationDecision Deny() => new(null, null);

    /// <summary>
    /// The user must log in first: the browser is sent to <paramref name="loginUri"/> (which returns to
    /// <see cref="OpenId4VciAuthorizationRequest.ResumeUri"/>). Nothing is consumed.
    /// </summary>
    /// <param name="loginUri">The bank's login page.</param>
    public static OpenId4VciAuthorizationDecision RedirectTo(Uri loginUri)
    {
        ArgumentNullException.ThrowIfNull(loginUri);
        if (!loginUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The login URI must be absolute.", nameof(loginUri));
        }

        return new(null, loginUri);
    }
}
