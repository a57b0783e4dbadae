using Rayray.Cli.Logging;
using Serilog.Events;

namespace Rayray.Cli.Configuration;

/// <summary>The settings given on the command line; null for each one that was not.</summary>
internal sealed record CommandLineSettings
{
    public string? Database { get; init; }
    public IReadOnlyList<string>? Roots { get; init; }
    public IReadOnlyList<string>? Exclude { get; init; }
    public int? Workers { get; init; }
    public string? Ffprobe { get; init; }
    public int? ProbeTimeout { get; init; }
    public bool? IncludeHidden { get; init; }
    public bool? FollowSymlinks { get; init; }
    public bool? AllFiles { get; init; }

    /// <summary>False with --no-perceptual-hash; null when not given.</summary>
    public bool? PerceptualHash { get; init; }
    public LogEventLevel? LogLevel { get; init; }
    public string? LogFile { get; init; }
    public LogFormat? LogFormat { get; init; }
}
