using System.CommandLine;
using DidSdk.Core.Jose;
using DidSdk.SdJwt;

namespace DidSdk.Cli;

/// <summary><c>didsdk sd-jwt present</c>: the holder chooses what to disclose and may add a key binding JWT.</summary>
internal static class SdJwtCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = new Argument<string>("SDJWT") { Description = "The SD-JWT as issued (literal, @FILE or -)" };
        var disclose = new Option<string>("--disclose") { Description = "Comma-separated JSON Pointers of the claims to show", Required = true };
        var holderKey = new Option<string?>("--holder-key") { Description = "The holder's private JWK (FILE, @FILE, - or the JSON): adds a key binding JWT (with --aud and --nonce)" };
        var aud = new Option<string?>("--aud") { Description = "The verifier the presentation is for" };
        var nonce = new Option<string?>("--nonce") { Description = "The verifier's nonce" };
        var present = new Command("present", "Choose what to disclose; prints the presentation (compact).") { token, disclose, holderKey, aud, nonce };
        present.SetCliAction(async (parse, ct) =>
        {
            var keyValue = parse.GetValue(holderKey);
            if (keyValue is not null && (parse.GetValue(aud) is null || parse.GetValue(nonce) is null))
            {
                throw new CliException("badUsage", "Key binding needs --aud and --nonce.");
            }

            var text = await context.Input.ReadTextAsync(parse.GetValue(token)!, "SD-JWT", ct);
            if (!SdJwtToken.TryParse(text, null, out var sdJwt, out var problem))
            {
                throw new CliException(problem.Code, problem.Message);
            }

            if (!SdJwtHolder.TrySelect(sdJwt, CliInput.SplitList(parse.GetValue(disclose)), out var selected, out problem))
            {
                throw new CliException(problem.Code, problem.Message);
            }

            if (keyValue is not null)
            {
                using var key = await context.Input.ReadPrivateKeyAsync(keyValue, "holder key", ct);
                var request = new KeyBindingRequest { HolderSigner = new KeySigner(key), Audience = parse.GetValue(aud)!, Nonce = parse.GetValue(nonce)!, IssuedAt = context.Time.GetUtcNow() };
                var kb = await SdJwtHolder.CreateKeyBindingJwtAsync(selected, request, ct);
                selected = selected.With(selected.Disclosures, kb);
            }

            CliOutput.WriteToken(selected.ToCompact());
            return ExitCodes.Success;
        });
        return new Command("sd-jwt", "Work with SD-JWTs as a holder.") { present };
    }
}
