using System.Buffers;
using System.Text;
using System.Text.Json;
using Rayray.Core.Documents;
using Rayray.Core.Scanning;

namespace Rayray.Cli.Terminal;

/// <summary>
/// <c>scan --progress json</c>: one JSON object a line on stderr, four times a second at most, and a
/// last one with <c>"phase":"done"</c> however the scan ends (docs/operations.md has the fields).
/// </summary>
internal sealed class ScanProgressJson : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly StandardError _stderr;
    private readonly ProgressSampler _sampler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScanProgressJson(StandardError stderr, ScanProgress progress)
    {
        _stderr = stderr;
        _sampler = new ProgressSampler(progress);
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var sample = _sampler.Take();
                // "done" is said once, by the last line.
                if (sample.Phase != ScanPhase.Done)
                    _stderr.WriteLine(Line(sample));
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static string Line(ProgressSample sample)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, DocumentJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("phase", sample.Phase.ToString().ToLowerInvariant());
            json.WriteNumber("elapsedSeconds", Math.Round(sample.Elapsed.TotalSeconds, 2));
            json.WriteNumber("filesDone", sample.FilesDone);
            Number(json, "filesTotal", sample.FilesTotal);
            json.WriteNumber("bytesDone", sample.BytesDone);
            Number(json, "bytesTotal", sample.BytesTotal);
            json.WriteNumber("filesPerSecond", Math.Round(sample.FilesPerSecond, 1));
            json.WriteNumber("megabytesPerSecond", Math.Round(sample.MegabytesPerSecond, 2));
            if (sample.EtaSeconds is { } eta)
                json.WriteNumber("etaSeconds", Math.Round(eta, 1));
            else
                json.WriteNull("etaSeconds");
            json.WriteString("path", sample.CurrentPath);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stderr.WriteLine(Line(_sampler.Take(ScanPhase.Done)));
        _stop.Dispose();
    }
}
