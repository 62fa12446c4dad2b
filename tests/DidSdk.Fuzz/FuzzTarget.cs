namespace DidSdk.Fuzz;

/// <summary>
/// One harness: a name (also the corpus folder under <c>corpus/</c>) and the code that feeds the input to a parser or
/// verifier. A harness lets only the typed errors the API documents for hostile input through; any other exception,
/// a hang or a crash is a finding.
/// </summary>
/// <param name="Name">The target name, e.g. <c>jws-compact</c>.</param>
/// <param name="Run">Feeds one input.</param>
public sealed record FuzzTarget(string Name, Action<byte[]> Run);
