using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Rayray.Core.Documents;
using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Core.Web;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Testing.Web;

namespace Rayray.Tests.Scanning;

/// <summary>Files on the web, read from a server on loopback into a real SQLite database.</summary>
public sealed class WebScanTests : IDisposable
{
    private readonly FixtureLibrary _library = new();
    private readonly LoopbackWebServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _library.Dispose();
    }

    private static byte[] Jpeg(string model = "EOS R5") => TestImages.Jpeg(64, 48, FixtureLibrary.FullExif with { Model = model });

    private static string Sha256(byte[] bytes) => DocumentId.HashFromDigest(SHA256.HashData(bytes));

    private static Task<ScanSummary> ScanAsync(IMediaStore store, IEnumerable<string> urls, WebOptions? web = null, int workers = 2, bool force = false) =>
        TestScan.RunAsync(store, [], o => o with
        {
            Walk = o.Walk with { Urls = [.. urls.Select(Address)], Force = force },
            Extraction = o.Extraction with { Web = web ?? new WebOptions() },
            Workers = workers,
        });

    private static WebAddress Address(string url) =>
        WebAddress.TryParse(url, out var address, out var error) ? address : throw new ArgumentException(error);

    [Fact]
    public async Task A_url_is_indexed_with_the_sha256_of_its_bytes_and_its_exif()
    {
        var jpeg = Jpeg();
        _server.Serve("/photos/IMG_0042.jpg", jpeg, etag: "\"abc\"");
        var url = _server.Url("/photos/IMG_0042.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [url]);

        Assert.Equal(1, summary.New);
        Assert.Empty(summary.Problems);
        var document = await store.FindAsync(url, default);
        Assert.NotNull(document);
        Assert.Equal(Sha256(jpeg), document.File.Hash);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(("Canon", "EOS R5"), (document.Camera?.Make, document.Camera?.Model));
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
        Assert.Equal(("IMG_0042.jpg", "jpg", url), (document.File.Name, document.File.Ext, document.File.Path));
        var location = Assert.Single(document.Locations);
        Assert.Equal((url, (long)jpeg.Length, "\"abc\""), (location.Path, location.Size, location.ETag));
        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), location.LastModified);
        Assert.Null(location.Inode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_url_the_server_does_not_have_is_a_problem_with_its_status_and_nothing_is_written()
    {
        var url = _server.Url("/photos/gone.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [url]);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(url, problem.Path);
        Assert.Contains("HTTP 404 Not Found", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_rescan_asks_with_the_etag_and_last_modified_and_skips_a_file_the_server_says_is_unchanged()
    {
        _server.Serve("/a.jpg", Jpeg(), etag: "\"v7\"");
        var url = _server.Url("/a.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await ScanAsync(store, [url]);

        var again = await ScanAsync(store, [url]);

        Assert.Equal((1L, 0L, 0L), (again.Unchanged, again.FilesRead, again.Updated));
        var requests = _server.RequestsFor("/a.jpg");
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Header("If-None-Match"));
        Assert.Equal("\"v7\"", requests[1].Header("If-None-Match"));
        Assert.Equal("Wed, 01 May 2024 12:00:00 GMT", requests[1].Header("If-Modified-Since"));
    }

    [Fact]
    public async Task A_rescan_skips_a_file_whose_length_and_last_modified_are_unchanged_though_the_server_ignores_conditions()
    {
        _server.Serve("/a.jpg", Jpeg(), conditional: false);
        var url = _server.Url("/a.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await ScanAsync(store, [url]);

        var again = await ScanAsync(store, [url]);

        Assert.Equal((1L, 0L), (again.Unchanged, again.FilesRead));
    }

    [Fact]
    public async Task A_file_that_changed_on_the_server_is_read_again_and_force_reads_without_asking()
    {
        _server.Serve("/a.jpg", Jpeg("A"), etag: "\"1\"");
        var url = _server.Url("/a.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await ScanAsync(store, [url]);
        var edited = Jpeg("B");
        _server.Serve("/a.jpg", edited, etag: "\"2\"", lastModified: new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        var changed = await ScanAsync(store, [url]);
        var forced = await ScanAsync(store, [url], force: true);

        Assert.Equal(1, changed.Changed);
        Assert.Equal(Sha256(edited), (await store.FindAsync(url, default))!.File.Hash);
        Assert.Equal((1L, 0L), (forced.FilesRead, forced.Unchanged));
        Assert.Null(_server.RequestsFor("/a.jpg")[^1].Header("If-None-Match"));
    }

    [Fact]
    public async Task A_server_that_stalls_is_given_up_after_the_timeout()
    {
        _server.Stall("/no-answer.jpg");
        var jpeg = Jpeg();
        _server.Serve("/half.jpg", jpeg, stallAfter: jpeg.Length / 2);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var clock = Stopwatch.StartNew();

        var summary = await ScanAsync(store, [_server.Url("/no-answer.jpg"), _server.Url("/half.jpg")], new WebOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(2, summary.Problems.Count);
        Assert.All(summary.Problems, p => Assert.StartsWith("timed out", p.Reason, StringComparison.Ordinal));
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_five_and_a_sixth_is_a_problem()
    {
        var jpeg = Jpeg();
        _server.Serve("/final.jpg", jpeg);
        for (var hop = 1; hop <= 6; hop++)
            _server.Redirect($"/hop{hop}.jpg", hop == 1 ? "/final.jpg" : $"/hop{hop - 1}.jpg");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [_server.Url("/hop5.jpg"), _server.Url("/hop6.jpg")]);

        var followed = await store.FindAsync(_server.Url("/hop5.jpg"), default);
        Assert.Equal(Sha256(jpeg), followed?.File.Hash);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(_server.Url("/hop6.jpg"), problem.Path);
        Assert.Equal("too many redirects (more than 5)", problem.Reason);
    }

    [Fact]
    public async Task Requests_to_one_server_never_exceed_the_per_host_limit()
    {
        var urls = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            _server.Serve($"/burst/{i}.jpg", Jpeg($"EOS {i}"), hold: TimeSpan.FromMilliseconds(300));
            urls.Add(_server.Url($"/burst/{i}.jpg"));
        }
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, urls, new WebOptions { PerHost = 2 }, workers: 6);

        Assert.Equal(10, summary.New);
        Assert.Equal(2, _server.PeakConcurrentRequests);
    }

    [Fact]
    public async Task Credentials_in_a_url_are_sent_as_basic_authentication_and_stored_nowhere()
    {
        const string password = "Pw-8852-s3cret";
        _server.Serve("/private/a.jpg", Jpeg(), basic: $"alice:{password}");
        await using (var store = await TestScan.OpenSqliteAsync(_library.DatabasePath))
        {
            var summary = await ScanAsync(store, [_server.Url("/private/a.jpg", $"alice:{password}")]);

            Assert.Equal(1, summary.New);
            Assert.NotNull(await store.FindAsync(_server.Url("/private/a.jpg"), default));
        }

        Assert.StartsWith("Basic ", _server.Requests[0].Header("Authorization"), StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_library.DatabasePath)!))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("alice:"u8));
        }
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_another_server_a_redirect_leads_to()
    {
        using var other = new LoopbackWebServer();
        other.Serve("/moved.jpg", Jpeg());
        _server.Serve("/a.jpg", Jpeg(), basic: "alice:Pw-1");
        _server.Redirect("/old.jpg", other.Url("/moved.jpg"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [_server.Url("/old.jpg", "alice:Pw-1")]);

        Assert.Equal(1, summary.New);
        Assert.NotNull(_server.RequestsFor("/old.jpg")[0].Header("Authorization"));
        Assert.Null(other.RequestsFor("/moved.jpg")[0].Header("Authorization"));
    }

    [Fact]
    public async Task A_tls_failure_is_a_problem_of_that_file()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [_server.TlsUrl("/photo.jpg")]);

        var problem = Assert.Single(summary.Problems);
        Assert.StartsWith("TLS error", problem.Reason, StringComparison.Ordinal);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task A_movie_whose_index_comes_last_is_described_from_the_bytes_kept_from_the_one_download()
    {
        var movie = MovieWithPadding(TestMedia.Video("mp4"), before: 2 * 1024 * 1024, after: 0);
        _server.Serve("/clip.mp4", movie, ranges: false);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await ScanAsync(store, [_server.Url("/clip.mp4")]);

        var document = await store.FindAsync(_server.Url("/clip.mp4"), default);
        Assert.NotNull(document);
        Assert.Equal(Sha256(movie), document.File.Hash);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(1.0, document.Dimensions!.Duration!.Value, 1);
        Assert.Equal("h264", document.Technical?.Codec);
        Assert.Single(_server.Requests);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task A_download_of_unknown_length_is_hashed_to_its_end()
    {
        var movie = MovieWithPadding(TestMedia.Video("mp4"), before: 3 * 1024 * 1024, after: 0);
        _server.Serve("/chunked.mp4", movie, chunked: true);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await ScanAsync(store, [_server.Url("/chunked.mp4")]);

        var document = await store.FindAsync(_server.Url("/chunked.mp4"), default);
        Assert.Equal(Sha256(movie), document?.File.Hash);
        Assert.Equal((long)movie.Length, document?.File.Size);
        Assert.Equal(1.0, document!.Dimensions!.Duration!.Value, 1);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task Metadata_in_the_middle_of_a_large_download_is_asked_for_again_with_a_range_request()
    {
        var video = TestMedia.Video("mp4");
        _server.Serve("/ranged.mp4", MovieWithPadding(video, before: 2 * 1024 * 1024, after: 5 * 1024 * 1024));
        _server.Serve("/whole.mp4", MovieWithPadding(video, before: (2 * 1024 * 1024) + 8, after: 5 * 1024 * 1024), ranges: false);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanAsync(store, [_server.Url("/ranged.mp4"), _server.Url("/whole.mp4")]);

        Assert.Empty(summary.Problems);
        var ranged = await store.FindAsync(_server.Url("/ranged.mp4"), default);
        Assert.Equal(1.0, ranged!.Dimensions!.Duration!.Value, 1);
        Assert.Equal("h264", ranged.Technical?.Codec);
        Assert.Contains(_server.RequestsFor("/ranged.mp4"), r => r.Header("Range") is not null && r.Header("If-Range") == "\"v1\"");
        // A server that sends no parts: the file is indexed, intact, with what could not be read said.
        var whole = await store.FindAsync(_server.Url("/whole.mp4"), default);
        Assert.Equal(DocumentStatus.Indexed, whole!.Status);
        Assert.Contains(whole.Errors, e => e.Contains("does not send parts of a file", StringComparison.Ordinal));
        Assert.Equal(2, _server.RequestsFor("/whole.mp4").Count);
    }

    /// <summary>The movie with a <c>free</c> box of <paramref name="before"/> bytes before its <c>moov</c> and one of <paramref name="after"/> bytes after it; the sample offsets stay valid.</summary>
    private static byte[] MovieWithPadding(byte[] movie, int before, int after)
    {
        var at = 0;
        while (at + 8 <= movie.Length && Encoding.ASCII.GetString(movie, at + 4, 4) != "moov")
            at += (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(at));
        var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(at));
        return [.. movie[..at], .. Free(before), .. movie[at..(at + size)], .. Free(after), .. movie[(at + size)..]];
    }

    private static byte[] Free(int size)
    {
        if (size == 0)
            return [];
        var box = new byte[size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        "free"u8.CopyTo(box.AsSpan(4));
        return box;
    }
}
