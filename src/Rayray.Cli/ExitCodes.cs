namespace Rayray.Cli;

/// <summary>The exit codes schedulers act on (docs/operations.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed: database unreachable, disk full, …</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The scan finished but some files or folders could not be read; they are in the summary and the log.</summary>
    public const int SomeFilesUnreadable = 3;

    /// <summary>Another scan holds the lock on this database and root.</summary>
    public const int Locked = 4;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT); what was read is committed.</summary>
    public const int Interrupted = 130;
}
