using System.Diagnostics;
using System.Text;

namespace Rayray.Cli.Tests;

/// <summary>Runs the built rayray binary as its own process, the way users and cron run it.</summary>
internal sealed class RayrayProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "rayray.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <param name="dll">Another copy of the built rayray.dll to run instead of <see cref="Dll"/>.</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? dll = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll ?? Dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Never touch the user's real database from a test.
        start.Environment["RAYRAY_DB"] = Path.Combine(Path.GetTempPath(), $"rayray-cli-test-{Guid.NewGuid():N}.db");
        // Nor the user's config file: the default one is looked for where there is none.
        start.Environment.Remove("RAYRAY_CONFIG");
        start.Environment[OperatingSystem.IsWindows() ? "APPDATA" : "XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), $"rayray-cli-test-config-{Guid.NewGuid():N}");
        start.Environment.Remove("NO_COLOR");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                start.Environment[key] = value;
        }
        return start;
    }

    public static Task<Result> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(StartInfo(arguments, environment), timeout);

    /// <summary>Runs a start made by <see cref="StartInfo"/> and perhaps adjusted (another user, another copy of the binary).</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan? timeout = null)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rayray {string.Join(' ', start.ArgumentList)} did not finish; stderr so far: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
