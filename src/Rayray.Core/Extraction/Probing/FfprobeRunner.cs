using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Instances.Exceptions;

namespace Rayray.Core.Extraction.Probing;

/// <summary>
/// Runs ffprobe on one file through FFMpegCore (format, streams and chapters as JSON), with a
/// timeout. Each extractor worker calls it synchronously, so there is at most one ffprobe per worker.
/// </summary>
public sealed class FfprobeRunner(FfprobeBinary binary, TimeSpan timeout)
{
    /// <summary>
    /// FFMpegCore asks for <c>-sexagesimal</c> (durations as 0:00:05.000000); a later
    /// <c>-nosexagesimal</c> wins, so durations and start times stay plain seconds, as FfprobeFacts and metadataRaw have them.
    /// </summary>
    private const string PlainSeconds = "-nosexagesimal";

    private readonly FFOptions _options = binary.CreateOptions();

    public ProbeOutcome Probe(string file, CancellationToken cancellationToken)
    {
        ProbeInput input;
        try
        {
            input = ProbeInput.For(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProbeOutcome.Succeeded(null, $"ffprobe was not run: its name cannot be handed to ffprobe as it is, and no link to it could be made ({e.Message})");
        }
        using (input)
            return ProbeAt(input.Path, cancellationToken);
    }

    private ProbeOutcome ProbeAt(string path, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(timeout);
        // FFMpegCore kills ffprobe when the token is cancelled but then waits until ffprobe's output
        // pipes close, which a child of a wrapper script can hold open for long, and it checks a new
        // binary with a -version run that cannot be cancelled. Waiting here with the token lets the
        // worker go on either way.
        var analysis = Task.Run(() => FFProbe.AnalyseAsync(path, _options, PlainSeconds, deadline.Token), CancellationToken.None);
        try
        {
            return Interpret(analysis.WaitAsync(deadline.Token).GetAwaiter().GetResult());
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return ProbeOutcome.Failed(string.Create(CultureInfo.InvariantCulture,
                $"ffprobe did not finish within {timeout.TotalSeconds:0.#} s (the file may be damaged)"));
        }
        catch (FFProbeProcessException e)
        {
            return ProbeOutcome.Failed($"ffprobe cannot read it: {FirstLine(e.StandardError) ?? $"exit code {e.ExitCode}"}");
        }
        catch (FormatNullException)
        {
            return ProbeOutcome.Failed("ffprobe cannot read it: it names no container format");
        }
        catch (FFProbeException e)
        {
            // What is left of FFMpegCore's ffprobe errors: the binary did not answer -version.
            return ProbeOutcome.Unavailable($"{binary.Path} does not run as ffprobe ({e.Message})");
        }
        catch (Exception e) when (e is InstanceFileNotFoundException or Win32Exception)
        {
            return ProbeOutcome.Unavailable($"cannot run {binary.Path}: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            return ProbeOutcome.Failed("ffprobe cannot read it: the file is gone");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            // FFMpegCore reads ffprobe's JSON into its own model first and gives up on values it does
            // not expect (a ROTATE tag that is not a number), taking the JSON with it.
            return ProbeOutcome.Succeeded(null, $"ffprobe's output could not be read by FFMpegCore ({e.GetType().Name}: {e.Message})");
        }
    }

    private static ProbeOutcome Interpret(IMediaAnalysis analysis)
    {
        var output = JsonNode.Parse(analysis.Json) as JsonObject;
        var warning = FirstLine(analysis.StandardError);
        if (output?["streams"] is not JsonArray { Count: > 0 })
            return ProbeOutcome.Failed($"ffprobe finds no audio or video stream{(warning is { } line ? $": {line}" : "")}");
        return ProbeOutcome.Succeeded(output, warning is { } note ? $"ffprobe: {note}" : null);
    }

    /// <summary>The first non-empty line ffprobe wrote to stderr: what it says about a failure.</summary>
    private static string? FirstLine(IEnumerable<string> standardError) =>
        standardError.Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
}
