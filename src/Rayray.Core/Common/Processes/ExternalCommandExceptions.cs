namespace Rayray.Core.Common.Processes;

/// <summary>The program could not be started: it does not exist or may not be executed.</summary>
public sealed class ExternalCommandNotFoundException(string program, string reason, Exception? inner = null)
    : Exception($"cannot run {program}: {reason}", inner)
{
    public string Program { get; } = program;
}

/// <summary>The program ran longer than its timeout and was killed, with everything it started.</summary>
public sealed class ExternalCommandTimeoutException(string program, TimeSpan timeout, string standardError)
    : Exception($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0.#} s and was stopped")
{
    public string Program { get; } = program;
    public TimeSpan Timeout { get; } = timeout;
    public string StandardError { get; } = standardError;
}
