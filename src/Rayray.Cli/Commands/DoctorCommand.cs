using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Storage;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray doctor</c>: is everything rayray needs in order? Exit 1 when something needs fixing.</summary>
internal sealed class DoctorCommand(GlobalOptions global)
{
    private const long LowDiskBytes = 1L << 30;
    private const long FullDiskBytes = 100L << 20;

    private readonly Option<string?> _ffprobe = new("--ffprobe")
    {
        Description = "The ffprobe binary to check (default: RAYRAY_FFPROBE, else ffprobe in the config file, else ffprobe on the PATH)",
        HelpName = "PATH",
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "text or json",
        HelpName = "FORMAT",
        DefaultValueFactory = _ => "text",
    };

    public Command Build()
    {
        _format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("doctor", "Check the database, its indexes, ffprobe and disk space; exit 1 when something needs fixing");
        command.Options.Add(_ffprobe);
        command.Options.Add(_format);
        command.SetAction((result, _) => CommandContext.RunAsync(result, global, RunAsync, global.CommandLine(result) with { Ffprobe = result.GivenText(_ffprobe) }));
        return command;
    }

    internal sealed record Check(string Name, string Status, string Detail, string? Fix = null)
    {
        public bool Failed => Status == "failed";
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        var checks = new List<Check>();
        await using (var store = StoreFactory.Create(context.DatabaseAddress))
        {
            var health = await store.CheckHealthAsync(CancellationToken.None);
            checks.AddRange(DatabaseChecks(health));
            checks.Add(DiskSpace(store.Address));
        }
        checks.Add(Ffprobe(context.Settings.Ffprobe.Value));

        var output = Console.Out;
        if (context.ParseResult.GetValue(_format) == "json")
        {
            var report = checks.Select(c =>
            {
                var entry = new Dictionary<string, string?> { ["check"] = c.Name, ["status"] = c.Status, ["detail"] = c.Detail };
                if (c.Fix is not null)
                    entry["fix"] = c.Fix;
                return entry;
            });
            await output.WriteLineAsync(JsonSerializer.Serialize(report, CliJson.Output.IEnumerableDictionaryStringString));
        }
        else
        {
            foreach (var check in checks)
            {
                var mark = check.Status switch { "ok" => "ok", "warning" => "warning", _ => "FAILED" };
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{check.Name,-11} {mark,-8} {check.Detail}"));
                if (check.Fix is not null)
                    await output.WriteLineAsync($"{"",-20} → {check.Fix}");
            }
        }
        return checks.Any(c => c.Failed) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static IEnumerable<Check> DatabaseChecks(StoreHealth health)
    {
        if (health.Error is not null)
        {
            var fix = StoreFactory.IsMongoAddress(health.Address)
                ? "check --db / RAYRAY_DB / db in the config file (rayray config), that the server is up and reachable from here, and the user's password and roles (docs/mongodb.md)"
                : "check --db / RAYRAY_DB / db in the config file (rayray config) and the file's permissions";
            yield return new Check("database", "failed", health.Error, fix);
            yield break;
        }
        if (health.NotCreatedYet)
        {
            yield return new Check("database", "ok", $"{health.Address} does not exist yet; the first scan creates it");
            yield break;
        }
        yield return health.SchemaVersion == health.CurrentSchemaVersion
            ? new Check("database", "ok", string.Create(CultureInfo.InvariantCulture, $"{health.Address} (schema {health.SchemaVersion}, {health.Documents:N0} documents)"))
            : new Check("database", "warning", $"{health.Address} has schema version {health.SchemaVersion}; this rayray uses {health.CurrentSchemaVersion}",
                "the next scan upgrades it in place");
        if (health.SchemaVersion == health.CurrentSchemaVersion)
        {
            yield return health.MissingIndexes.Count == 0
                ? new Check("indexes", "ok", "all present")
                : new Check("indexes", "failed", $"missing: {string.Join(", ", health.MissingIndexes)}", "restore the database from a backup, or delete it and scan again");
        }
    }

    private static Check Ffprobe(string? option)
    {
        var path = FfprobeLocator.Find(option);
        if (path is null)
            return new Check("ffprobe", "failed", $"not found ({FfprobeLocator.Describe(option)}): videos and audio are indexed without codec details", FfprobeLocator.InstallHint);
        try
        {
            FfprobeBinary.Prepare(path).Dispose();
        }
        catch (FfprobeBinaryException e)
        {
            return new Check("ffprobe", "failed", e.Message, "name the binary ffprobe, in a folder without an x64/ffprobe");
        }
        var version = FfprobeVersion(path);
        return version is null
            ? new Check("ffprobe", "failed", $"{path} does not run", "reinstall FFmpeg or point --ffprobe at a working ffprobe")
            : new Check("ffprobe", "ok", $"{path} ({version})");
    }

    /// <summary>The first line of <c>ffprobe -version</c> up to its copyright, or null when it does not run or answer within 10 s.</summary>
    private static string? FfprobeVersion(string path)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-version");
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            var first = output.GetAwaiter().GetResult().Split('\n')[0];
            var copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
            return process.ExitCode == 0 ? (copyright > 0 ? first[..copyright] : first).Trim() : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    private static Check DiskSpace(string address)
    {
        if (StoreFactory.IsMongoAddress(address))
            return new Check("disk space", "ok", "not applicable to a MongoDB server");
        var folder = Path.GetDirectoryName(Path.GetFullPath(address));
        while (folder is not null && !Directory.Exists(folder))
            folder = Path.GetDirectoryName(folder);
        if (folder is null)
            return new Check("disk space", "warning", $"cannot tell where {address} would be stored");
        var free = new DriveInfo(folder).AvailableFreeSpace;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{free / 1e9:N1} GB free in {folder}");
        return free < FullDiskBytes ? new Check("disk space", "failed", detail, "free some space: a scan cannot write its batches")
            : free < LowDiskBytes ? new Check("disk space", "warning", detail, "less than 1 GB left")
            : new Check("disk space", "ok", detail);
    }
}
