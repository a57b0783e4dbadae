namespace Rayray.Core.Common.Processes;

/// <summary>How an external program ended and what it printed (each stream cut at its limit).</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, bool StandardOutputTruncated)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The first non-empty line of stderr: what a tool usually says about a failure.</summary>
    public string? FirstErrorLine =>
        StandardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
