using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Normalization;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Extraction;

/// <summary>ffprobe run through FFMpegCore on real files: what comes back, and every way it can go wrong.</summary>
public sealed class FfprobeRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-probe");

    public void Dispose() => _folder.Dispose();

    private static FfprobeBinary RealFfprobe() => FfprobeBinary.Prepare(ExternalTool.Require("ffprobe"));

    private static ProbeOutcome Probe(FfprobeBinary binary, string file, TimeSpan? timeout = null, CancellationToken stop = default) =>
        new FfprobeRunner(binary, timeout ?? TimeSpan.FromSeconds(30)).Probe(file, stop);

    /// <summary>A shell script named ffprobe that answers -version (FFMpegCore checks a binary with it) and runs <paramref name="body"/> on a file.</summary>
    private string StandIn(string body)
    {
        var path = _folder.Write("tools/ffprobe", $"#!/bin/sh\n[ \"$1\" = -version ] && exec echo 'ffprobe version stand-in'\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public void Durations_and_start_times_are_plain_seconds_though_FFMpegCore_asks_for_sexagesimal()
    {
        var video = _folder.Write("clip.mp4", TestMedia.Video("mp4", 64, 48, "none"));
        using var ffprobe = RealFfprobe();

        var outcome = Probe(ffprobe, video);

        var output = Assert.IsType<JsonObject>(outcome.Output);
        Assert.Matches(@"^\d+\.\d+$", output["format"]!["duration"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+$", output["format"]!["start_time"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+$", output["streams"]![0]!["duration"]!.GetValue<string>());
        Assert.Equal(1.0, FfprobeFacts.Read(output).Dimensions?.Duration);
        Assert.Equal("h264", FfprobeFacts.Read(output).Technical?.Codec);
        Assert.Null(outcome.Failure);
    }

    [RequiresToolFact("ffprobe")]
    public void A_file_ffprobe_cannot_read_fails_with_the_first_line_ffprobe_wrote()
    {
        var text = _folder.Write("notes.mp4", "this is a text file, not a movie");
        using var ffprobe = RealFfprobe();

        var outcome = Probe(ffprobe, text);

        Assert.Null(outcome.Output);
        Assert.False(outcome.ToolUnavailable);
        Assert.StartsWith("ffprobe cannot read it: ", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("moov atom not found", outcome.Failure, StringComparison.Ordinal);
    }

    [RequiresToolFact("ffprobe")]
    public void A_file_gone_before_it_is_probed_fails_with_a_reason()
    {
        using var ffprobe = RealFfprobe();

        var outcome = Probe(ffprobe, _folder["gone.mp4"]);

        Assert.Equal("ffprobe cannot read it: the file is gone", outcome.Failure);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public void A_video_with_a_tag_FFMpegCore_cannot_read_is_kept_without_ffprobes_facts_and_says_why()
    {
        // FFMpegCore parses a ROTATE tag as a number and gives up on the whole output when it is not one.
        var video = _folder.Write("tagged.mkv", TestMedia.Video("mkv", 64, 48, "none", "-metadata:s:v:0", "ROTATE=sideways"));
        using var ffprobe = RealFfprobe();

        var outcome = Probe(ffprobe, video);

        Assert.Null(outcome.Output);
        Assert.Null(outcome.Failure);
        Assert.False(outcome.ToolUnavailable);
        Assert.StartsWith("ffprobe's output could not be read by FFMpegCore (FormatException", outcome.Note, StringComparison.Ordinal);
    }

    [UnixFact]
    public void A_binary_that_does_not_answer_version_makes_ffprobe_unavailable()
    {
        var broken = _folder.Write("tools/ffprobe", "#!/bin/sh\necho 'no such option' >&2\nexit 1\n");
        File.SetUnixFileMode(broken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var video = _folder.Write("clip.mp4", "not read");
        using var ffprobe = FfprobeBinary.Prepare(broken);

        var outcome = Probe(ffprobe, video);

        Assert.True(outcome.ToolUnavailable);
        Assert.Null(outcome.Failure);
        Assert.Contains(broken, outcome.Note, StringComparison.Ordinal);
    }

    [UnixFact]
    public void A_binary_that_may_not_be_executed_makes_ffprobe_unavailable()
    {
        var locked = _folder.Write("tools/ffprobe", "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var video = _folder.Write("clip.mp4", "not read");
        using var ffprobe = FfprobeBinary.Prepare(locked);

        var outcome = Probe(ffprobe, video);

        Assert.True(outcome.ToolUnavailable);
        Assert.Null(outcome.Failure);
    }

    [UnixFact]
    public void A_probe_whose_leftover_child_holds_the_output_open_is_given_up_at_the_timeout()
    {
        // A wrapper script that started its ffprobe as a child: killing the script leaves the child
        // holding the pipes FFMpegCore waits on.
        var pid = _folder["child.pid"];
        var wrapper = StandIn($"sleep 60 &\necho $! > '{pid}'\nwait");
        var video = _folder.Write("clip.mp4", "not read");
        using var ffprobe = FfprobeBinary.Prepare(wrapper);
        var clock = Stopwatch.StartNew();

        var outcome = Probe(ffprobe, video, TimeSpan.FromSeconds(1));

        var elapsed = clock.Elapsed;
        using (var child = Process.GetProcessById(int.Parse(File.ReadAllText(pid), CultureInfo.InvariantCulture)))
            child.Kill();
        Assert.Equal("ffprobe did not finish within 1 s (the file may be damaged)", outcome.Failure);
        // The timer that cancels may fire a hair before a second by this stopwatch.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [UnixFact]
    public void A_stop_while_ffprobe_runs_is_a_cancellation_not_a_reason_and_kills_ffprobe()
    {
        var pid = _folder["ffprobe.pid"];
        var hanging = StandIn($"echo $$ > '{pid}'\nexec sleep 60");
        var video = _folder.Write("clip.mp4", "not read");
        using var ffprobe = FfprobeBinary.Prepare(hanging);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        _ = Task.Run(async () =>
        {
            while (!File.Exists(pid) || File.ReadAllText(pid).Length == 0)
                await Task.Delay(20);
            await stop.CancelAsync();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Probe(ffprobe, video, TimeSpan.FromSeconds(60), stop.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var probed = int.Parse(File.ReadAllText(pid), CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => !ProcessState.IsAlive(probed), TimeSpan.FromSeconds(5)), "ffprobe was left running");
    }
}
