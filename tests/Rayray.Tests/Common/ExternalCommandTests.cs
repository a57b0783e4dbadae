using System.Diagnostics;
using Rayray.Core.Common.Processes;
using Rayray.Testing;

namespace Rayray.Tests.Common;

/// <summary>The process wrapper, over real programs (sh scripts).</summary>
public sealed class ExternalCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-command");

    public void Dispose() => _folder.Dispose();

    private static ExternalCommand Shell(string script) => ExternalCommand.For("/bin/sh").WithArguments("-c", script);

    [UnixFact]
    public async Task Output_error_and_exit_code_come_back()
    {
        var result = await Shell("echo out; echo err >&2; exit 7").RunAsync();

        Assert.Equal(7, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err", result.FirstErrorLine);
    }

    [UnixFact]
    public async Task Arguments_are_passed_verbatim_without_a_shell()
    {
        var result = await ExternalCommand.For("/bin/echo").WithArguments("a b", "$HOME", "'quoted'", "-n").RunAsync();

        Assert.Equal("a b $HOME 'quoted' -n\n", result.StandardOutput);
    }

    [UnixFact]
    public async Task Heavy_output_on_both_streams_neither_deadlocks_nor_exhausts_memory()
    {
        var command = Shell("head -c 20000000 /dev/zero; head -c 20000000 /dev/zero >&2").WithOutputLimits(1_000_000, 10_000);

        var result = await command.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded);
        Assert.True(result.StandardOutputTruncated);
        Assert.Equal(1_000_000, result.StandardOutput.Length);
        Assert.Equal(10_000, result.StandardError.Length);
    }

    [UnixFact]
    public async Task A_command_past_its_timeout_is_killed_with_its_children()
    {
        var pids = _folder["pids"];
        var command = Shell($"echo $$ > {pids}; sleep 600 & echo $! >> {pids}; echo started >&2; wait").WithTimeout(TimeSpan.FromMilliseconds(700));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExternalCommandTimeoutException>(() => command.RunAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(20));
        Assert.Contains("did not finish within 0.7 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("started", error.StandardError, StringComparison.Ordinal);
        foreach (var pid in File.ReadAllLines(pids).Select(int.Parse))
            Assert.False(IsRunning(pid), $"process {pid} is still running");
    }

    [UnixFact]
    public async Task Cancelling_kills_the_command()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Shell("sleep 600").RunAsync(cancel.Token));
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_reported_as_such()
    {
        var missing = _folder["no-such-program"];

        var error = await Assert.ThrowsAsync<ExternalCommandNotFoundException>(() => ExternalCommand.For(missing).RunAsync());

        Assert.Equal(missing, error.Program);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builders_return_new_commands_and_leave_the_original_alone()
    {
        var original = ExternalCommand.For("ffprobe");
        var changed = original.WithArguments("-v", "error").WithTimeout(TimeSpan.FromSeconds(3));

        Assert.Empty(original.Arguments);
        Assert.Equal(Timeout.InfiniteTimeSpan, original.Timeout);
        Assert.Equal(["-v", "error"], changed.Arguments);
        Assert.Equal("ffprobe -v error", changed.ToString());
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
