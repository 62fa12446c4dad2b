using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.IdentityModel;
using DidSdk.IdentityModel.TestApi;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// Resolution is cached: JwtBearer asks for the key synchronously, and a cache hit completes without waiting.
builder.Services.AddSingleton<IDidResolver>(new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver())));
builder.Services.AddSingleton(sp => new DidSigningKeyResolver(
    sp.GetRequiredService<IDidResolver>(),
    new DidSigningKeyResolverOptions { Relationship = VerificationRelationship.Authentication }));

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureDidBearer>();
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/whoami", (HttpContext context) => Results.Json(new WhoAmI(context.User.FindFirst("iss")?.Value, context.User.FindFirst("scope")?.Value), TestApiJson.Default.WhoAmI))
    .RequireAuthorization();
app.MapGet("/health", () => "ok");
app.Run();

/// <summary>The test API's entry point (public for WebApplicationFactory).</summary>
public partial class Program
{
    /// <summary>The audience the API accepts.</summary>
    public const string Audience = "https://api.bank.example";
}
