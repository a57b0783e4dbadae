using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rayray.Core.Common.Processes;

/// <summary>
/// An external program to run, built immutably: <c>ExternalCommand.For(path).WithArguments(…).WithTimeout(…)</c>.
/// Running it reads stdout and stderr at the same time (a chatty child never blocks on a full
/// pipe), keeps at most a set number of bytes of each, and kills the whole process tree when the
/// timeout passes or the caller cancels, so nothing is left running.
/// </summary>
public sealed record ExternalCommand
{
    private ExternalCommand(string program) => Program = program;

    public string Program { get; }
    public IReadOnlyList<string> Arguments { get; private init; } = [];
    public TimeSpan Timeout { get; private init; } = System.Threading.Timeout.InfiniteTimeSpan;
    public int MaxStandardOutputBytes { get; private init; } = 32 * 1024 * 1024;
    public int MaxStandardErrorBytes { get; private init; } = 64 * 1024;
    public IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    public static ExternalCommand For(string program) => new(program);

    public ExternalCommand WithArguments(params IEnumerable<string> arguments) => this with { Arguments = [.. arguments] };

    public ExternalCommand WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };

    public ExternalCommand WithOutputLimits(int standardOutputBytes, int standardErrorBytes) =>
        this with { MaxStandardOutputBytes = standardOutputBytes, MaxStandardErrorBytes = standardErrorBytes };

    public ExternalCommand WithEnvironment(string name, string value) =>
        this with { Environment = new Dictionary<string, string>(Environment) { [name] = value } };

    /// <summary>Runs the program to completion.</summary>
    /// <exception cref="ExternalCommandNotFoundException">The program does not exist or cannot be executed.</exception>
    /// <exception cref="ExternalCommandTimeoutException">It ran longer than the timeout and was killed.</exception>
    public async Task<CommandResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalCommandNotFoundException(Program, e.Message, e);
        }
        process.StandardInput.Close();

        var stdout = ReadCappedAsync(process.StandardOutput.BaseStream, MaxStandardOutputBytes);
        var stderr = ReadCappedAsync(process.StandardError.BaseStream, MaxStandardErrorBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            var partialError = (await stderr).Text;
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExternalCommandTimeoutException(Program, Timeout, partialError);
        }

        var (output, outputTruncated) = await stdout;
        var (error, _) = await stderr;
        return new CommandResult(process.ExitCode, output, error, clock.Elapsed, outputTruncated);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }

    private static async Task<(string Text, bool Truncated)> ReadCappedAsync(Stream stream, int limit)
    {
        var kept = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var truncated = false;
        int read;
        // Keep reading past the limit so the child never blocks on a full pipe; just stop keeping.
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var room = limit - (int)kept.Length;
            if (room > 0)
                kept.Write(buffer, 0, Math.Min(room, read));
            if (read > room)
                truncated = true;
        }
        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }

    public override string ToString() => $"{Program} {string.Join(' ', Arguments)}";
}
