using BankIssuer;

// dotnet run --project samples/BankIssuer -- --urls http://127.0.0.1:PORT [--store sqlite:FILE|postgres:CONNSTRING] [--key FILE] [--admin-urls URL]
var builder = WebApplication.CreateSlimBuilder(args);
BankIssuerSettings settings;
try
{
    settings = BankIssuerSettings.From(builder.Configuration);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"BankIssuer: {e.Message}");
    return 2;
}

// Kestrel listens on the protocol URLs and, when given, the back office's own URLs.
builder.WebHost.UseUrls([.. settings.Urls.Select(u => u.AbsoluteUri), .. settings.AdminUrls.Select(u => u.AbsoluteUri)]);
builder.AddBankIssuer(settings);

var app = builder.Build();
if (await settings.Store.PrepareAsync(app.Services) is { } storeProblem)
{
    Console.Error.WriteLine($"BankIssuer: {storeProblem}");
    await app.DisposeAsync();
    settings.Dispose();
    return 1;
}

app.MapBankIssuer(settings);
await app.StartAsync();
Console.WriteLine($"BankIssuer: credential issuer {settings.CredentialIssuer} as {settings.IssuerDid}; back office on {string.Join(", ", settings.BackOfficePorts)}; state in {settings.Store.Description}");
await app.WaitForShutdownAsync();
settings.Dispose();
return 0;
