using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>Shell scripts given to rayray as --ffprobe, and tiny MP4s for them to "probe".</summary>
internal static class StandInFfprobe
{
    private const string Answer = """{"format": {"duration": "1"}, "streams": [{"codec_type": "video", "width": 16, "height": 16}]}""";

    /// <summary>How a stand-in answers <c>-version</c>, which FFMpegCore runs once to check a binary before using it.</summary>
    private const string AnswerVersion = """[ "$1" = -version ] && { echo 'ffprobe version stand-in'; exit 0; }""";

    /// <summary>An ffprobe that takes <paramref name="seconds"/> on each file, then answers.</summary>
    public static string Slow(TempFolder folder, double seconds) => Script(folder, "tools/slow-ffprobe", $"""
        #!/bin/sh
        {AnswerVersion}
        sleep {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        echo '{Answer}'
        """);

    /// <summary>
    /// An ffprobe that hangs: it starts a child (sleep) and waits for it, after writing the child's
    /// pid to <c>sleep.pid</c> and then its own to <c>ffprobe.pid</c> in <paramref name="pids"/>.
    /// The child holds ffprobe's output pipes open, as a wrapper script's real ffprobe would.
    /// </summary>
    public static string Hanging(TempFolder folder, string pids) => Script(folder, "tools/hanging-ffprobe", $"""
        #!/bin/sh
        {AnswerVersion}
        sleep 120 &
        echo $! > '{pids}/sleep.pid'
        echo $$ > '{pids}/ffprobe.pid.part' && mv '{pids}/ffprobe.pid.part' '{pids}/ffprobe.pid'
        wait
        echo '{Answer}'
        """);

    /// <summary>
    /// An ffprobe at <paramref name="relative"/> that appends how it was called (<c>$0</c> and its
    /// arguments) to <paramref name="log"/>, then runs the real ffprobe.
    /// </summary>
    public static string Recording(TempFolder folder, string relative, string log) => Script(folder, relative, $"""
        #!/bin/sh
        echo "$0 $*" >> '{log}'
        exec '{ExternalTool.Require("ffprobe")}' "$@"
        """);

    /// <summary>Kills the hanging ffprobe's child when it outlived ffprobe (FFMpegCore kills only the process it started).</summary>
    public static void KillChild(int child)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(child);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It has ended.
        }
    }

    /// <summary>A minimal MP4 (ftyp and an empty moov), different for each <paramref name="n"/>.</summary>
    public static byte[] Mp4(int n) =>
        [0, 0, 0, 16, .. "ftypisom"u8.ToArray(), 0, 0, 2, 0, 0, 0, 0, 12, .. "moov"u8.ToArray(), (byte)(n >> 8), (byte)n, 0, 0];

    /// <summary>Waits until the hanging ffprobe runs, and returns its pid and its child's.</summary>
    public static async Task<(int Ffprobe, int Child)> WaitUntilRunningAsync(string pids, TimeSpan timeout)
    {
        var file = Path.Combine(pids, "ffprobe.pid");
        using var deadline = new CancellationTokenSource(timeout);
        while (!File.Exists(file))
            await Task.Delay(20, deadline.Token);
        return (int.Parse(await File.ReadAllTextAsync(file), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(await File.ReadAllTextAsync(Path.Combine(pids, "sleep.pid")), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Script(TempFolder folder, string relative, string text)
    {
        var path = folder.Write(relative, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
