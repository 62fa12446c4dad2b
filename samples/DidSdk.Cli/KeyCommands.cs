using System.CommandLine;
using DidSdk.Crypto;

namespace DidSdk.Cli;

/// <summary><c>didsdk key generate --alg Ed25519|ES256K|ES256 [--out FILE]</c>.</summary>
internal static class KeyCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alg = new Option<string>("--alg") { Description = "Ed25519 (EdDSA), ES256K (secp256k1) or ES256 (P-256)", Required = true };
        alg.AcceptOnlyFromAmong("Ed25519", "EdDSA", "ES256K", "ES256");
        var output = new Option<FileInfo?>("--out") { Description = "Write the private JWK to FILE (mode 0600) and print the public JWK" };
        var generate = new Command("generate", "Generate a key pair; prints the private JWK (with --out, the public JWK).") { alg, output };
        generate.SetCliAction((parse, _) =>
        {
            var keyType = parse.GetValue(alg) switch
            {
                "ES256K" => KeyType.Secp256k1,
                "ES256" => KeyType.P256,
                _ => KeyType.Ed25519,
            };
            using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
            var privateJwk = Jwk.FromPrivateKey(key);
            var file = parse.GetValue(output);
            if (file is null)
            {
                CliOutput.WriteToken(privateJwk.ToJson());
            }
            else
            {
                CliOutput.WritePrivateFile(file.FullName, privateJwk.ToJson());
                CliOutput.WriteToken(privateJwk.ToPublicJwk().ToJson());
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return new Command("key", "Generate key pairs.") { generate };
    }
}
