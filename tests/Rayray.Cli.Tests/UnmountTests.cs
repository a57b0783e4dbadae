using System.Diagnostics;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>A share unmounted between scans (or mid-scan) is not taken for deleted files.</summary>
public sealed class UnmountTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-unmount");

    public void Dispose() => _folder.Dispose();

    [UnixFact]
    public async Task Files_on_an_unmounted_share_stay_indexed_while_a_file_deleted_beside_it_is_missing()
    {
        _folder.Write("library/local/keep.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "keep" }));
        _folder.Write("library/local/delete-me.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "deleted" }));
        _folder.Write("share-content/2024/a.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "share a" }));
        _folder.Write("share-content/2024/b.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "share b" }));
        Directory.CreateDirectory(_folder["library/nas"]);
        var rayray = $"dotnet {RayrayProcess.Dll}";
        var db = _folder["rayray.db"];
        // In a mount namespace of its own, so nothing outlives the test: mount a share, scan, unmount it,
        // delete a local file, scan again, and report what the store holds.
        var script = $"""
            set -e
            mount -t tmpfs -o size=8m tmpfs "{_folder["library/nas"]}"
            cp -r "{_folder["share-content"]}/2024" "{_folder["library/nas"]}/"
            {rayray} scan "{_folder["library"]}" --db "{db}" --quiet
            umount "{_folder["library/nas"]}"
            rm "{_folder["library/local/delete-me.jpg"]}"
            {rayray} scan "{_folder["library"]}" --db "{db}" --log-level warning 2> "{_folder["second-scan.err"]}" || echo "second scan exited $?"
            echo "missing: $({rayray} query 'status:missing' --db "{db}" --format ndjson --fields file.name | tr '\n' ' ')"
            echo "indexed: $({rayray} query 'status:indexed' --count --db "{db}")"
            """;

        var output = await RunInMountNamespaceAsync(script);

        Assert.Contains("missing: {\"file\":{\"name\":\"delete-me.jpg\"}} \n", output, StringComparison.Ordinal);
        Assert.Contains("indexed: 3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("second scan exited", output, StringComparison.Ordinal);
        Assert.Contains("a file system that is not there now", await File.ReadAllTextAsync(_folder["second-scan.err"]), StringComparison.Ordinal);
    }

    /// <summary>Runs a shell script in a new mount namespace: as root directly, otherwise as root of a new user namespace.</summary>
    private static async Task<string> RunInMountNamespaceAsync(string script)
    {
        var unshare = ExternalTool.Find("unshare") ?? throw new InvalidOperationException("unshare (util-linux) is needed");
        foreach (var flags in new[] { "-m", "-rm" })
        {
            var start = new ProcessStartInfo(unshare, [flags, "/bin/sh", "-c", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("NO_COLOR");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
                return await stdout;
            if (flags == "-rm" || !(await stderr).Contains("Operation not permitted", StringComparison.Ordinal))
                throw new InvalidOperationException($"the mount namespace script failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
        throw new InvalidOperationException("unreachable");
    }
}
