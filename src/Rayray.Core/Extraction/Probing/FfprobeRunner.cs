using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Core.Common.Processes;

namespace Rayray.Core.Extraction.Probing;

/// <summary>
/// Runs <c>ffprobe -v error -print_format json -show_format -show_streams</c> on one file, with a
/// timeout. Each extractor worker calls it synchronously, so there is at most one ffprobe per worker.
/// </summary>
public sealed class FfprobeRunner(string path, TimeSpan timeout)
{
    public string Path { get; } = path;

    public ProbeOutcome Probe(string file, CancellationToken cancellationToken)
    {
        if (!Common.PathBytes.HasEscapes(file) || !Walking.NativeFiles.IsAvailable)
            return ProbeAt(file, cancellationToken);
        // ffprobe takes its input name as UTF-8 text: a name that is not UTF-8 is handed over as a
        // link with a plain name.
        var folder = Directory.CreateTempSubdirectory("rayray-probe-");
        try
        {
            var link = System.IO.Path.Join(folder.FullName, "input" + System.IO.Path.GetExtension(Common.PathBytes.Printable(file)));
            Walking.NativeFiles.CreateSymbolicLink(link, file);
            return ProbeAt(link, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private ProbeOutcome ProbeAt(string file, CancellationToken cancellationToken)
    {
        // "file:" keeps ffprobe from reading a name with a colon as a protocol ("concat:", "http:").
        var command = ExternalCommand.For(Path)
            .WithArguments("-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", "file:" + file)
            .WithTimeout(timeout)
            .WithOutputLimits(16 * 1024 * 1024, 16 * 1024)
            .WithEnvironment("AV_LOG_FORCE_NOCOLOR", "1");
        CommandResult result;
        try
        {
            result = command.RunAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (ExternalCommandTimeoutException e)
        {
            return ProbeOutcome.Failed($"{e.Message} (the file may be damaged)");
        }
        catch (ExternalCommandNotFoundException e)
        {
            return ProbeOutcome.Unavailable(e.Message);
        }

        if (!result.Succeeded)
            return ProbeOutcome.Failed($"ffprobe cannot read it: {result.FirstErrorLine ?? $"exit code {result.ExitCode}"}");
        JsonObject? output;
        try
        {
            output = JsonNode.Parse(result.StandardOutput) as JsonObject;
        }
        catch (JsonException e)
        {
            return ProbeOutcome.Succeeded(null, $"ffprobe's output could not be parsed: {e.Message}");
        }
        if (output?["streams"] is not JsonArray { Count: > 0 })
            return ProbeOutcome.Failed($"ffprobe finds no audio or video stream{(result.FirstErrorLine is { } line ? $": {line}" : "")}");
        return ProbeOutcome.Succeeded(output, result.FirstErrorLine is { } warning ? $"ffprobe: {warning}" : null);
    }

    /// <summary>The first line of <c>ffprobe -version</c>, or null when it cannot be run.</summary>
    public static string? Version(string path)
    {
        try
        {
            var result = ExternalCommand.For(path).WithArguments("-version").WithTimeout(TimeSpan.FromSeconds(10)).RunAsync().GetAwaiter().GetResult();
            var first = result.StandardOutput.Split('\n')[0];
            var copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
            return result.Succeeded ? (copyright > 0 ? first[..copyright] : first).Trim() : null;
        }
        catch (Exception e) when (e is ExternalCommandNotFoundException or ExternalCommandTimeoutException)
        {
            return null;
        }
    }
}

/// <summary>What probing one file gave: ffprobe's JSON, or why the file is not readable media, or that ffprobe could not run.</summary>
public sealed record ProbeOutcome(JsonObject? Output, string? Failure, string? Note, bool ToolUnavailable)
{
    public static ProbeOutcome Succeeded(JsonObject? output, string? note) => new(output, null, note, false);
    public static ProbeOutcome Failed(string reason) => new(null, reason, null, false);
    public static ProbeOutcome Unavailable(string reason) => new(null, null, reason, true);
}
