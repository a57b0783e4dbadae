using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>
/// A Google Takeout export: the JSON beside each photo fills in what the photo lacks (Google strips EXIF on some
/// uploads) — time, place, description, people — never what the photo says itself; it is watched for changes like an
/// XMP sidecar and is never a document of its own.
/// </summary>
public sealed class TakeoutSidecarTests : IDisposable
{
    private static readonly DateTime Fireworks = new(2019, 7, 4, 21, 15, 12, DateTimeKind.Utc);
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private int _photos;

    /// <summary>A JPEG without any metadata, as Google Photos gives back some uploads; each one's size makes its bytes its own.</summary>
    private byte[] Stripped() => TestImages.Jpeg(32 + _photos++, 24);

    private static string Json(string title, DateTime? taken = null, string description = "", double? latitude = null, double? longitude = null,
        IReadOnlyList<string>? people = null) =>
        TakeoutJson.Build(title, taken, latitude, longitude, 12.5, description, people);

    [Fact]
    public async Task A_photo_without_EXIF_gets_its_time_place_description_and_people_from_the_JSON()
    {
        _library.Add("Photos from 2019/IMG_20190704_221512.jpg", Stripped());
        _library.Add("Photos from 2019/IMG_20190704_221512.jpg.supplemental-metadata.json",
            Json("IMG_20190704_221512.jpg", Fireworks, "Fireworks over the river", 38.7223, -9.1393, ["Ana Lima", "John Smith"]));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(1, summary.New);
        var document = await store.FindAsync(_library.PathOf("Photos from 2019/IMG_20190704_221512.jpg"), default);
        Assert.Equal("2019-07-04T21:15:12Z", document!.Timestamps.Taken?.ToString());
        Assert.Equal(Fireworks, document.Timestamps.TakenUtc);
        Assert.Equal("+01:00", document.Timestamps.Offset); // Lisbon in July, from the position
        Assert.Equal(OffsetSource.Location, document.Timestamps.OffsetSource);
        Assert.Equal((38.7223, -9.1393), (document.Location!.Latitude, document.Location.Longitude));
        Assert.Equal(12.5, document.Altitude);
        Assert.Equal(LocationSource.Sidecar, document.LocationSource);
        Assert.Equal("PT", document.Place?.CountryCode);
        Assert.Equal("Fireworks over the river", document.Description);
        Assert.Equal(["Ana Lima", "John Smith"], document.People);
        var location = document.Locations.Single();
        Assert.Equal(_library.PathOf("Photos from 2019/IMG_20190704_221512.jpg.supplemental-metadata.json"), location.TakeoutSidecar?.Path);
        Assert.Null(location.Sidecar);
        Assert.True(document.MetadataRaw.ContainsKey("takeout"));
    }

    [Fact]
    public async Task What_the_photo_says_itself_wins_and_the_JSON_only_fills_the_rest()
    {
        _library.Add("IMG_1.jpg", TestImages.Jpeg(32, 24, new ExifSpec
        {
            DateTimeOriginal = "2024:01:15 10:30:00",
            OffsetTimeOriginal = "-08:00",
            Latitude = 37.7749,
            Longitude = -122.4194,
            ImageDescription = "Golden hour",
        }));
        _library.Add("IMG_1.jpg.json", Json("IMG_1.jpg", Fireworks, "Google's caption", 38.7223, -9.1393, ["Ana Lima"]));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(_library.PathOf("IMG_1.jpg"), default);
        Assert.Equal("2024-01-15T10:30:00-08:00", document!.Timestamps.Taken?.ToString());
        Assert.Equal(37.7749, document.Location!.Latitude, 4);
        Assert.Equal(LocationSource.Camera, document.LocationSource);
        Assert.Equal("Golden hour", document.Description);
        Assert.Equal(["Ana Lima"], document.People);
    }

    [Fact]
    public async Task An_XMP_sidecar_wins_over_the_JSON_and_both_are_recorded()
    {
        _library.Add("IMG_2.jpg", Stripped());
        _library.Add("IMG_2.jpg.xmp", TestImages.Xmp(description: "Edited in Lightroom", latitude: 48.8584, longitude: 2.2945,
            people: new XmpPeopleAndKeywords { FaceRegions = [("Jane Doe", "Face")] }));
        _library.Add("IMG_2.jpg.json", Json("IMG_2.jpg", Fireworks, "Google's caption", 38.7223, -9.1393, ["Ana Lima", "jane doe"]));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(_library.PathOf("IMG_2.jpg"), default);
        Assert.Equal("Edited in Lightroom", document!.Description);
        Assert.Equal(48.8584, document.Location!.Latitude, 4);
        Assert.Equal(Fireworks, document.Timestamps.TakenUtc);
        Assert.Equal(["Jane Doe", "Ana Lima"], document.People);
        var location = document.Locations.Single();
        Assert.Equal((_library.PathOf("IMG_2.jpg.xmp"), _library.PathOf("IMG_2.jpg.json")), (location.Sidecar?.Path, location.TakeoutSidecar?.Path));
    }

    [Theory]
    [InlineData("Screenshot_20220207_102421_com.snapchat.android.jpg", "Screenshot_20220207_102421_com.snapchat.androi.json")]
    [InlineData("Screenshot_2017-07-05-10-05-26.png.jpg", "Screenshot_2017-07-05-10-05-26.png.jpg.supplem.json")]
    public async Task A_JSON_whose_name_Takeout_cut_short_is_still_found(string photo, string json)
    {
        _library.Add(photo, Stripped());
        _library.Add(json, Json(photo, Fireworks));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(Fireworks, (await store.FindAsync(_library.PathOf(photo), default))!.Timestamps.TakenUtc);
    }

    [Fact]
    public async Task Photos_of_the_same_name_each_get_their_own_JSON_with_the_counter_after_the_extension()
    {
        _library.Add("IMG_0484.JPG", Stripped());
        _library.Add("IMG_0484(1).JPG", Stripped());
        _library.Add("IMG_0484.JPG.json", Json("IMG_0484.JPG", Fireworks));
        _library.Add("IMG_0484.JPG(1).json", Json("IMG_0484.JPG", Fireworks.AddYears(1)));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(Fireworks, (await store.FindAsync(_library.PathOf("IMG_0484.JPG"), default))!.Timestamps.TakenUtc);
        Assert.Equal(Fireworks.AddYears(1), (await store.FindAsync(_library.PathOf("IMG_0484(1).JPG"), default))!.Timestamps.TakenUtc);
    }

    [Fact]
    public async Task A_change_to_the_JSON_alone_reads_the_photo_again()
    {
        _library.Add("IMG_3.jpg", Stripped());
        var json = _library.Add("IMG_3.jpg.json", Json("IMG_3.jpg", Fireworks, "First caption"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        var unchanged = await TestScan.RunAsync(store, [_library.Root]);
        File.WriteAllText(json, Json("IMG_3.jpg", Fireworks, "Second caption, a little longer"));
        File.SetLastWriteTimeUtc(json, DateTime.UtcNow.AddMinutes(5));
        var edited = await TestScan.RunAsync(store, [_library.Root]);
        File.Delete(json);
        var removed = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal((1, 0), (unchanged.Unchanged, unchanged.FilesRead));
        Assert.Equal((1, 1), (edited.FilesRead, edited.Updated));
        Assert.Equal(1, removed.FilesRead);
        var document = await store.FindAsync(_library.PathOf("IMG_3.jpg"), default);
        Assert.Null(document!.Description);
        Assert.Null(document.Locations.Single().TakeoutSidecar);
    }

    [Fact]
    public async Task The_JSON_is_never_a_document_of_its_own_even_with_all_files()
    {
        _library.Add("IMG_4.jpg", Stripped());
        _library.Add("IMG_4.jpg.supplemental-metadata.json", Json("IMG_4.jpg", Fireworks));
        _library.Add("IMG_5.jpg.json", Json("IMG_5.jpg", Fireworks)); // its photo was not exported
        _library.Add("metadata.json", "{\"title\": \"Holidays\"}");      // the album's, an ordinary file
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root], o => o with { Walk = o.Walk with { AllFiles = true }, Extraction = o.Extraction with { AllFiles = true } });

        Assert.Equal(2, await store.CountAsync(default));
        Assert.Null(await store.FindAsync(_library.PathOf("IMG_4.jpg.supplemental-metadata.json"), default));
        Assert.Null(await store.FindAsync(_library.PathOf("IMG_5.jpg.json"), default));
        Assert.Equal(MediaKind.Other, (await store.FindAsync(_library.PathOf("metadata.json"), default))!.Kind);
        Assert.Equal(Fireworks, (await store.FindAsync(_library.PathOf("IMG_4.jpg"), default))!.Timestamps.TakenUtc);
    }

    [Fact]
    public async Task A_position_of_zero_zero_is_no_position_and_the_EXIF_one_Google_kept_is_used_instead()
    {
        _library.Add("IMG_6.jpg", Stripped());
        _library.Add("IMG_6.jpg.json", TakeoutJson.Build("IMG_6.jpg", Fireworks));
        _library.Add("IMG_7.jpg", Stripped());
        _library.Add("IMG_7.jpg.json", TakeoutJson.Build("IMG_7.jpg", Fireworks, exifPosition: (41.1579, -8.6291)));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        var none = await store.FindAsync(_library.PathOf("IMG_6.jpg"), default);
        Assert.Null(none!.Location);
        Assert.Null(none.Timestamps.Offset);
        Assert.Equal("2019-07-04T21:15:12Z", none.Timestamps.Taken?.ToString());
        Assert.Equal(41.1579, (await store.FindAsync(_library.PathOf("IMG_7.jpg"), default))!.Location!.Latitude, 4);
    }

    [Fact]
    public async Task Another_tools_JSON_beside_a_photo_is_kept_in_metadataRaw_but_fills_in_nothing()
    {
        _library.Add("IMG_9.jpg", Stripped());
        _library.Add("IMG_9.jpg.json", "{\"category\": \"instagram\", \"description\": \"a post's caption\", \"date\": \"2021-03-04 05:06:07\"}");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(_library.PathOf("IMG_9.jpg"), default);
        Assert.Null(document!.Description);
        Assert.Null(document.Timestamps.Taken);
        Assert.True(document.MetadataRaw.ContainsKey("takeout"));
    }

    [Fact]
    public async Task A_JSON_that_is_not_JSON_is_a_note_and_the_photo_is_indexed()
    {
        _library.Add("IMG_8.jpg", Stripped());
        _library.Add("IMG_8.jpg.json", "{ \"photoTakenTime\": ");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);
        var again = await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(_library.PathOf("IMG_8.jpg"), default);
        Assert.Equal(DocumentStatus.Indexed, document!.Status);
        Assert.Contains(document.Errors, e => e.StartsWith("Takeout sidecar IMG_8.jpg.json is not valid JSON", StringComparison.Ordinal));
        Assert.Equal(1, again.Unchanged);
    }
}
