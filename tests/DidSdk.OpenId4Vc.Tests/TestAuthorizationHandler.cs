namespace DidSdk.OpenId4Vc.Tests;

/// <summary>
/// The bank's login as the tests play it: the subject of the logged-in user (the host's <c>sub</c> claim, or
/// <see cref="LoggedInSubject"/> for in-process tests); nobody logged in goes to the login page; <c>refuses</c> denies.
/// </summary>
internal sealed class TestAuthorizationHandler(Uri loginPage) : IOpenId4VciAuthorizationHandler
{
    public const string RefusingUser = "refuses";

    private int _calls;

    public string? LoggedInSubject { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public OpenId4VciAuthorizationRequest? LastRequest { get; private set; }

    public Task<OpenId4VciAuthorizationDecision> AuthorizeAsync(OpenId4VciAuthorizationRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastRequest = request;
        var subject = request.User?.FindFirst("sub")?.Value ?? LoggedInSubject;
        return Task.FromResult(subject switch
        {
            null => OpenId4VciAuthorizationDecision.RedirectTo(new Uri(loginPage.AbsoluteUri + "?return=" + Uri.EscapeDataString(request.ResumeUri.AbsoluteUri))),
            RefusingUser => OpenId4VciAuthorizationDecision.Deny(),
            _ => OpenId4VciAuthorizationDecision.Authorize(subject),
        });
    }
}
