using System.Security.Claims;
using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.Cli.Tests;

/// <summary>
/// A bank's OID4VCI issuer as DidSdk.AspNetCore maps it: Kestrel on a loopback port the system assigned (plain HTTP with the development
/// option), state in SQLite, an Ed25519 did:key issuer. <c>wallet receive</c> runs against it as a separate process.
/// </summary>
internal sealed partial class LoopbackIssuer : IAsyncDisposable
{
    public const string SdJwtConfigurationId = "KycSdJwt";
    public const string JwtVcConfigurationId = "KycJwtVc";
    public const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";

    /// <summary>The client id of the didsdk tool at the bank's authorization server.</summary>
    public const string CliClientId = "didsdk-cli";

    /// <summary>The user who refuses at the bank's consent page.</summary>
    public const string RefusingUser = "refuses";

    private const string SessionCookie = "bank_session";

    private readonly LoopbackWebHost _host;
    private readonly PrivateKey _issuerKey;
    private readonly PrivateKey? _foreignKey;

    private LoopbackIssuer(LoopbackWebHost host, PrivateKey issuerKey, PrivateKey? foreignKey, string did)
    {
        _host = host;
        _issuerKey = issuerKey;
        _foreignKey = foreignKey;
        Did = did;
    }

    /// <summary>The issuer's DID (the <c>iss</c> of what it issues).</summary>
    public string Did { get; }

    public OpenId4VciIssuer Issuer => _host.Services.GetRequiredService<OpenId4VciIssuer>();

    /// <summary>
    /// Starts the issuer. With <paramref name="signWithForeignKey"/> it signs with a key its DID does not authorize
    /// (while naming the DID's key in <c>kid</c>): what it issues must not verify.
    /// </summary>
    /// <remarks>
    /// The Authorization Code Flow: a login form at <c>/bank/login</c> sets a session cookie naming the user, the
    /// authorization handler authorizes that user (or denies <see cref="RefusingUser"/>), and the client
    /// <see cref="CliClientId"/> may use http://127.0.0.1:PORT/callback with any port (RFC 8252 §7.3).
    /// </remarks>
    public static async Task<LoopbackIssuer> StartAsync(string directory, bool signWithForeignKey = false)
    {
        var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var foreignKey = signWithForeignKey ? PrivateKey.Generate(KeyType.Ed25519) : null;
        var did = DidKey.Create(issuerKey.PublicKey);
        var signer = new KeySigner(foreignKey ?? issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var host = await LoopbackWebHost.StartAsync(
            (builder, baseUrl) =>
            {
                builder.Services.AddOpenId4VcSqliteStateStore(Path.Combine(directory, "issuer-state.db"));
                builder.Services.AddSingleton<ICredentialClaimsProvider, KycClaims>();
                builder.Services.AddSingleton<IOpenId4VciAuthorizationHandler>(new BankLogin(new Uri($"{baseUrl}/bank/login")));
                var cliClient = new OpenId4VciClientRegistration { ClientId = CliClientId, RedirectUris = ["http://127.0.0.1/callback"] };
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, signer);
                builder.Services.AddOpenId4VciIssuer(o =>
                {
                    o.CredentialIssuer = $"{baseUrl}/oid4vci";
                    o.IssuerDid = did;
                    o.AllowLoopbackHttp = true;
                    o.AuthorizationClients = [cliClient];
                    o.CredentialConfigurations =
                    [
                        new CredentialConfiguration { Id = SdJwtConfigurationId, Format = CredentialConfiguration.SdJwtVcFormat, Vct = Vct, DisclosableClaims = ["/given_name", "/family_name", "/age_over_18"] },
                        new CredentialConfiguration { Id = JwtVcConfigurationId, Format = CredentialConfiguration.JwtVcJsonFormat, Types = ["VerifiableCredential", "KycCredential"] },
                    ];
                });
            },
            (app, baseUrl) =>
            {
                // The CLI's callback listens on whatever port it was given: the issuer accepts any port for the registered
                // loopback redirect URI (RFC 8252 §7.3), so the registration needs none.
                app.Use(async (context, next) =>
                {
                    if (context.Request.Cookies.TryGetValue(SessionCookie, out var subject) && subject.Length > 0)
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], "bank-session"));
                    }

                    await next(context);
                });
                app.MapPost("/bank/login", async context =>
                {
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    var back = form["return"].ToString();
                    if (!back.StartsWith($"{baseUrl}/oid4vci/authorize?", StringComparison.Ordinal))
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return;
                    }

                    context.Response.Cookies.Append(SessionCookie, form["user"].ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
                    context.Response.StatusCode = StatusCodes.Status303SeeOther;
                    context.Response.Headers.Location = back;
                });
                app.MapOpenId4VciIssuer("/oid4vci");
            });
        return new LoopbackIssuer(host, issuerKey, foreignKey, did);
    }

    /// <summary>An offer for customer-42 (with a transaction code unless told otherwise).</summary>
    public Task<CredentialOfferResult> OfferAsync(string configurationId = SdJwtConfigurationId, bool txCode = true) =>
        Issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = [configurationId], RequireTxCode = txCode });

    /// <summary>An offer for customer-42 with only the authorization_code grant.</summary>
    public Task<CredentialOfferResult> AuthorizationCodeOfferAsync() =>
        Issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = [SdJwtConfigurationId], Grants = CredentialOfferGrants.AuthorizationCode });

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _issuerKey.Dispose();
        _foreignKey?.Dispose();
    }

    private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject
            {
                ["given_name"] = "Ji-woo",
                ["family_name"] = "Kim",
                ["age_over_18"] = true,
                ["customer"] = request.Subject,
            }));
    }

    /// <summary>The bank's login as the tests play it: nobody logged in goes to the login page; <see cref="RefusingUser"/> denies.</summary>
    private sealed class BankLogin(Uri loginPage) : IOpenId4VciAuthorizationHandler
    {
        public Task<OpenId4VciAuthorizationDecision> AuthorizeAsync(OpenId4VciAuthorizationRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(request.User?.FindFirst("sub")?.Value switch
            {
                null => OpenId4VciAuthorizationDecision.RedirectTo(new Uri(loginPage.AbsoluteUri + "?return=" + Uri.EscapeDataString(request.ResumeUri.AbsoluteUri))),
                RefusingUser => OpenId4VciAuthorizationDecision.Deny(),
                var subject => OpenId4VciAuthorizationDecision.Authorize(subject),
            });
    }
}
