namespace DidSdk.Cli;

/// <summary>Exit codes of the didsdk tool (the CLI contract in the design).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for a check, verified.</summary>
    public const int Success = 0;

    /// <summary>The input was read and checked, and it does not verify or resolve.</summary>
    public const int NotVerified = 1;

    /// <summary>Bad usage or bad input: the tool could not read what it was given.</summary>
    public const int BadInput = 2;

    /// <summary>A network or chain failure.</summary>
    public const int Network = 3;
}
