using BankVerifier;

// dotnet run --project samples/BankVerifier -- --urls http://127.0.0.1:PORT --trusted-issuer DID [--trusted-issuer DID ...]
//   [--store sqlite:FILE] [--key FILE] [--admin-urls URL]
var builder = WebApplication.CreateSlimBuilder(args);
BankVerifierSettings settings;
try
{
    settings = BankVerifierSettings.From(builder.Configuration, BankVerifierSettings.TrustedIssuersFrom(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"BankVerifier: {e.Message}");
    return 2;
}

// Kestrel listens on the protocol URLs and, when given, the back office's own URLs.
builder.WebHost.UseUrls([.. settings.Urls.Select(u => u.AbsoluteUri), .. settings.AdminUrls.Select(u => u.AbsoluteUri)]);
builder.AddBankVerifier(settings);
var app = builder.Build();
app.MapBankVerifier(settings);
await app.StartAsync();
Console.WriteLine($"BankVerifier: verifier {settings.Origin}{BankVerifierSettings.BasePath} as {settings.VerifierDid}; teller page and back office on {string.Join(", ", settings.BackOfficePorts)}; trusts {string.Join(", ", settings.TrustedIssuers)}");
await app.WaitForShutdownAsync();
settings.Dispose();
return 0;
