using Rayray.Core.Documents;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>XMP sidecars: merged into their image (the sidecar wins for what users edit), watched for changes, never documents of their own.</summary>
public sealed class SidecarTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static readonly string EmbeddedXmp = TestImages.Xmp(title: "Camera title", description: "Embedded description",
        creator: "Camera Owner", subjects: ["embedded"], rating: 1, createDate: "2020-01-01T00:00:00");

    private static byte[] Photo() => TestImages.Jpeg(64, 48, new ExifSpec
    {
        Make = "Canon",
        DateTimeOriginal = "2024:01:15 10:30:00",
        Latitude = 10,
        Longitude = 20,
        Artist = "exif artist",
    }, EmbeddedXmp, ["iptc keyword"]);

    private static string Sidecar(string description = "Edited in Lightroom", int rating = 5, string label = "Red") =>
        TestImages.Xmp(title: "Sidecar title", description: description, creator: "Ana Lima", subjects: ["sunset", "embedded"],
            rights: "© Ana Lima", rating: rating, label: label, dateTimeOriginal: "2024-01-15T11:45:00+01:00",
            latitude: 48.8584, longitude: 2.2945);

    [Theory]
    [InlineData("IMG_0001.jpg", "IMG_0001.jpg.xmp")]
    [InlineData("IMG_0001.jpg", "IMG_0001.xmp")]
    [InlineData("IMG_0001.JPG", "IMG_0001.XMP")]
    public async Task The_sidecar_is_merged_and_wins_for_what_users_edit(string photo, string sidecar)
    {
        _library.Add(photo, Photo());
        _library.Add(sidecar, Sidecar());
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(1, summary.New);
        var document = await store.FindAsync(_library.PathOf(photo), default);
        Assert.Equal("Edited in Lightroom", document!.Description);
        Assert.Equal("Ana Lima", document.Author?.Name);
        Assert.Equal("© Ana Lima", document.Author?.Copyright);
        Assert.Equal(5, document.Rating);
        Assert.Equal("Red", document.Label);
        Assert.Equal(["sunset", "embedded", "iptc keyword"], document.Tags);
        Assert.Equal("2024-01-15T11:45:00+01:00", document.Timestamps.Taken?.ToString());
        Assert.Equal(48.8584, document.Location!.Latitude, 4);
        Assert.Equal(_library.PathOf(sidecar), document.Locations.Single().Sidecar?.Path);
        Assert.True(document.MetadataRaw.ContainsKey("xmpSidecar"));
        Assert.Equal("Canon", document.Camera?.Make); // what the camera recorded stays
        Assert.Null(await store.FindAsync(_library.PathOf(sidecar), default));
    }

    [Fact]
    public async Task The_name_with_the_extension_wins_when_both_sidecars_exist()
    {
        _library.Add("a.jpg", Photo());
        _library.Add("a.xmp", Sidecar(description: "Lightroom style"));
        _library.Add("a.jpg.xmp", Sidecar(description: "darktable style"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal("darktable style", (await store.FindAsync(_library.PathOf("a.jpg"), default))!.Description);
    }

    [Fact]
    public async Task A_change_to_the_sidecar_alone_is_a_change_to_the_file()
    {
        _library.Add("p.jpg", Photo());
        var sidecar = _library.Add("p.jpg.xmp", Sidecar(rating: 3));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        var unchanged = await TestScan.RunAsync(store, [_library.Root]);
        File.WriteAllText(sidecar, Sidecar(rating: 4, label: "Green"));
        File.SetLastWriteTimeUtc(sidecar, DateTime.UtcNow.AddMinutes(5));
        var edited = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(1, unchanged.Unchanged);
        Assert.Equal(1, edited.FilesRead);
        Assert.Equal(1, edited.Updated);
        var document = await store.FindAsync(_library.PathOf("p.jpg"), default);
        Assert.Equal(4, document!.Rating);
        Assert.Equal("Green", document.Label);
    }

    [Fact]
    public async Task Adding_or_removing_a_sidecar_is_a_change_too()
    {
        _library.Add("q.jpg", Photo());
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        var sidecar = _library.Add("q.xmp", Sidecar());
        var added = await TestScan.RunAsync(store, [_library.Root]);
        Assert.Equal(5, (await store.FindAsync(_library.PathOf("q.jpg"), default))!.Rating);

        File.Delete(sidecar);
        var removed = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(1, added.FilesRead);
        Assert.Equal(1, removed.FilesRead);
        var document = await store.FindAsync(_library.PathOf("q.jpg"), default);
        Assert.Equal(1, document!.Rating); // back to the embedded XMP
        Assert.Null(document.Locations.Single().Sidecar);
    }

    [Fact]
    public async Task A_broken_sidecar_is_a_note_not_a_broken_photo()
    {
        _library.Add("r.jpg", Photo());
        _library.Add("r.jpg.xmp", "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(0, summary.Invalid);
        var document = await store.FindAsync(_library.PathOf("r.jpg"), default);
        Assert.Equal(DocumentStatus.Indexed, document!.Status);
        Assert.Contains(document.Errors, e => e.StartsWith("sidecar r.jpg.xmp", StringComparison.Ordinal));
        Assert.Equal("Embedded description", document.Description);
    }
}
