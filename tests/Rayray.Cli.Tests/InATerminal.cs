using System.Diagnostics;
using System.Text;

namespace Rayray.Cli.Tests;

/// <summary>
/// Runs rayray on a pseudo-terminal, as a person at a terminal does, through util-linux's
/// <c>script</c>: stdout and stderr are the terminal, and what it showed is returned whole.
/// </summary>
internal static class InATerminal
{
    public static bool Available => File.Exists("/usr/bin/script");

    public static async Task<(int ExitCode, string Screen)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var command = string.Join(' ', new[] { "dotnet", RayrayProcess.Dll }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
            start.ArgumentList.Add(argument);
        start.Environment["TERM"] = "xterm";
        start.Environment.Remove("NO_COLOR");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var screen = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await screen).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
