using System.Text.Json.Nodes;

namespace Rayray.Core.Extraction.Probing;

/// <summary>What probing one file gave: ffprobe's JSON, or why the file is not readable media, or that ffprobe could not run.</summary>
public sealed record ProbeOutcome(JsonObject? Output, string? Failure, string? Note, bool ToolUnavailable)
{
    public static ProbeOutcome Succeeded(JsonObject? output, string? note) => new(output, null, note, false);
    public static ProbeOutcome Failed(string reason) => new(null, reason, null, false);
    public static ProbeOutcome Unavailable(string reason) => new(null, null, reason, true);
}
