using System.CommandLine;
using Rayray.Core.Common;
using Rayray.Core.Web;

namespace Rayray.Cli.Commands;

/// <summary>What <c>rayray scan</c> indexes: its roots, the files a <c>--files-from</c> list names, and URLs.</summary>
internal sealed record ScanInputs(IReadOnlyList<string> Roots, IReadOnlyList<string> Files, IReadOnlyList<WebAddress> Urls);

/// <summary>
/// <c>rayray scan</c>'s options about what to read besides folders: <c>--files-from</c> (one path or
/// URL a line, or NUL-separated with <c>--null</c>; <c>-</c> reads standard input) and how files on
/// the web are fetched. A PATH that is a URL is a file on the web. Text that may hold a URL's
/// password is never repeated in a message.
/// </summary>
internal sealed class ScanInputOptions
{
    private readonly Option<string?> _filesFrom = new("--files-from")
    {
        Description = "Index the files (or http/https URLs) listed in FILE, one a line ('-': standard input); the folders around them are neither walked nor swept",
        HelpName = "FILE",
    };

    private readonly Option<bool> _null = new("--null")
    {
        Description = "The --files-from list is separated by NUL characters (find -print0), not newlines",
    };

    private readonly Option<int> _httpTimeout = new("--http-timeout")
    {
        Description = "Seconds a web server may take to accept the connection, to answer, and to send more of a file",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 30,
    };

    private readonly Option<int> _httpPerHost = new("--http-per-host")
    {
        Description = "Requests in flight at once to one web server",
        HelpName = "N",
        DefaultValueFactory = _ => 4,
    };

    public void AddTo(Command command)
    {
        _httpTimeout.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 3600, "--http-timeout"));
        _httpPerHost.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 64, "--http-per-host"));
        command.Options.Add(_filesFrom);
        command.Options.Add(_null);
        command.Options.Add(_httpTimeout);
        command.Options.Add(_httpPerHost);
    }

    public WebOptions Web(ParseResult result) => new()
    {
        Timeout = TimeSpan.FromSeconds(result.GetValue(_httpTimeout)),
        PerHost = result.GetValue(_httpPerHost),
    };

    /// <summary>
    /// Sorts the PATH arguments into roots and URLs and reads the list. A PATH that does not exist or
    /// a URL that cannot be read is a usage error; a listed file that does not exist is the scan's to report.
    /// </summary>
    /// <param name="configFile">The config file the roots would come from, named when there is nothing to scan.</param>
    public ScanInputs Read(ParseResult result, IReadOnlyList<string> paths, string configFile)
    {
        var roots = new List<string>();
        var urls = new List<WebAddress>();
        foreach (var path in paths)
        {
            if (WebAddress.LooksLikeUrl(path))
                urls.Add(Url(path, ""));
            else if (File.Exists(path) || Directory.Exists(path))
                roots.Add(path);
            else
                throw new UsageException($"no such file or folder: {path}");
        }

        var files = new List<string>();
        var list = result.GetValue(_filesFrom);
        if (list is null)
        {
            if (result.GetValue(_null))
                throw new UsageException("--null needs --files-from FILE");
            if (paths.Count == 0)
                throw new UsageException($"nothing to scan: name a folder, a file or a URL, give --files-from FILE, or list roots in the config file ({configFile})");
            return new ScanInputs(roots, files, urls);
        }
        var entry = 0;
        foreach (var item in Entries(ReadList(list), result.GetValue(_null) ? (byte)0 : (byte)'\n'))
        {
            entry++;
            if (WebAddress.LooksLikeUrl(item))
                urls.Add(Url(item, $" (entry {entry} of {(list == "-" ? "standard input" : list)})"));
            else
                files.Add(item);
        }
        return new ScanInputs(roots, files, urls);
    }

    private static WebAddress Url(string text, string where) =>
        WebAddress.TryParse(text, out var address, out var error) ? address : throw new UsageException(error + where);

    private static byte[] ReadList(string list)
    {
        if (list == "-")
        {
            using var input = Console.OpenStandardInput();
            using var bytes = new MemoryStream();
            input.CopyTo(bytes);
            return bytes.ToArray();
        }
        try
        {
            return File.ReadAllBytes(list);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--files-from: cannot read {list}: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}");
        }
    }

    /// <summary>
    /// The entries of the list, as names: bytes that are not UTF-8 are kept (<see cref="PathBytes"/>).
    /// Blank entries are skipped; a line's carriage return (a list written on Windows) is not part of it.
    /// </summary>
    private static IEnumerable<string> Entries(byte[] list, byte separator)
    {
        var start = 0;
        while (start < list.Length)
        {
            var end = Array.IndexOf(list, separator, start);
            if (end < 0)
                end = list.Length;
            var length = end - start;
            if (separator == (byte)'\n' && length > 0 && list[end - 1] == (byte)'\r')
                length--;
            var entry = PathBytes.Decode(list.AsSpan(start, length));
            if (!string.IsNullOrWhiteSpace(entry))
                yield return entry;
            start = end + 1;
        }
    }
}
