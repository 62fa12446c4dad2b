using BankVerifier;

// dotnet run --project samples/BankVerifier -- --urls http://127.0.0.1:PORT [--trusted-issuer DID ...]
//   [--consortium ADDRESS --rpc URL [--registry ADDRESS]] [--store sqlite:FILE|postgres:CONNSTRING] [--key FILE] [--admin-urls URL]
// PORT 0: the operating system picks the port; the line printed at start names the verifier's origin with it.
var builder = WebApplication.CreateSlimBuilder(args);
BankVerifierSettings settings;
System.Net.Sockets.Socket? listener;
try
{
    listener = EphemeralListener.BindIfPortZero(builder.Configuration);
    settings = BankVerifierSettings.From(builder.Configuration, BankVerifierSettings.TrustedIssuersFrom(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"BankVerifier: {e.Message}");
    return 2;
}

if (settings.Consortium is { } consortium)
{
    using var http = new HttpClient();
    if (await consortium.ConnectAsync(http) is { } chainProblem)
    {
        Console.Error.WriteLine($"BankVerifier: {chainProblem}");
        settings.Dispose();
        return 1;
    }
}

// Kestrel listens on the protocol URLs and, when given, the back office's own URLs.
if (listener is null)
{
    builder.WebHost.UseUrls([.. settings.Urls.Select(u => u.AbsoluteUri), .. settings.AdminUrls.Select(u => u.AbsoluteUri)]);
}
else
{
    EphemeralListener.Configure(builder.WebHost, listener, settings.AdminUrls);
}
builder.AddBankVerifier(settings);
var app = builder.Build();
if (await settings.Store.PrepareAsync(app.Services) is { } storeProblem)
{
    Console.Error.WriteLine($"BankVerifier: {storeProblem}");
    await app.DisposeAsync();
    settings.Dispose();
    return 1;
}

app.MapBankVerifier(settings);
await app.StartAsync();
Console.WriteLine($"BankVerifier: verifier {settings.Origin}{BankVerifierSettings.BasePath} as {settings.VerifierDid}; teller page and back office on {string.Join(", ", settings.BackOfficePorts)}; trusts {Trust(settings)}; state in {settings.Store.Description}");
await app.WaitForShutdownAsync();
settings.Dispose();
GC.KeepAlive(listener); // Kestrel owns and closes the socket's handle; this object must not close it first
return 0;

static string Trust(BankVerifierSettings settings) =>
    string.Join(", ", [.. settings.TrustedIssuers, .. settings.Consortium is { } c ? new[] { $"the consortium registry {c.Contract}" } : []]);
