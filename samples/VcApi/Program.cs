using VcApi;

await using var app = await VcApiApp.BuildAsync(args);
await app.RunAsync();
