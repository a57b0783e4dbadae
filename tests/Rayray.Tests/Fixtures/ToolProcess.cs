using System.Diagnostics;
using Rayray.Testing;

namespace Rayray.Tests.Fixtures;

/// <summary>Runs an external tool and keeps everything: exit code, binary stdout and stderr (which must often be empty).</summary>
internal static class ToolProcess
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExternalTool.Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
