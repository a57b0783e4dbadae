using Rayray.Storage.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Query;

/// <summary>
/// A scanned library built so every example query of the design has documents that match and
/// documents that almost match. Shared by the query tests.
/// </summary>
public sealed class QueryLibrary : IAsyncLifetime
{
    private readonly TempFolder _folder = new("rayray-query");

    public string Root => _folder["library"];
    public string DatabasePath => _folder["db/rayray.db"];
    public SqliteMediaStore Store { get; private set; } = null!;

    private static ExifSpec Canon(ushort iso, string date) => new() { Make = "Canon", Model = "EOS R5", Iso = iso, DateTimeOriginal = date };

    public async Task InitializeAsync()
    {
        void Photo(string path, ExifSpec? exif = null, string? xmp = null, int width = 64, int height = 48) =>
            _folder.Write("library/" + path, TestImages.Jpeg(width, height, exif, xmp));
        void Video(string path, string? subjects = null)
        {
            // A minimal but well-formed MP4 (no ffprobe needed): what matters here is its kind and its sidecar.
            _folder.Write("library/" + path, [0, 0, 0, 16, .. "ftypisom"u8.ToArray(), 0, 0, 2, 0, 0, 0, 0, 12, .. "moov"u8.ToArray(), .. System.Text.Encoding.UTF8.GetBytes(path)]);
            if (subjects is not null)
                _folder.Write("library/" + path + ".xmp", TestImages.Xmp(subjects: [subjects]));
        }

        // (mime:image/* && tag:anime) || (mime:video/* && !tag:anime)
        Photo("tags/anime-image.jpg", xmp: TestImages.Xmp(subjects: ["anime"]));
        Photo("tags/plain-image.jpg", new ExifSpec { Model = "plain" });
        Video("tags/anime-video.mp4", "anime");
        Video("tags/plain-video.mp4");

        // camera.make:Canon && iso>=1600 && taken>=2024-01-01
        Photo("canon/high-iso-2024.jpg", Canon(3200, "2024:03:01 10:00:00"));
        Photo("canon/low-iso-2024.jpg", Canon(800, "2024:03:01 10:00:00"));
        Photo("canon/high-iso-2023.jpg", Canon(3200, "2023:12:31 23:59:59"));
        Photo("canon/nikon-high-iso-2024.jpg", new ExifSpec { Make = "NIKON CORPORATION", Iso = 6400, DateTimeOriginal = "2024:06:01 10:00:00" });

        // near:37.7749,-122.4194,5km && kind:image
        Photo("geo/ferry-building.jpg", new ExifSpec { Latitude = 37.7955, Longitude = -122.3937 });   // 3.2 km
        Photo("geo/oakland.jpg", new ExifSpec { Latitude = 37.8044, Longitude = -122.2712 });          // 13.4 km
        Photo("geo/across-the-antimeridian.jpg", new ExifSpec { Latitude = -16.5, Longitude = 179.99 });

        // "golden hour" && has:gps
        Photo("words/golden-hour-gps.jpg", new ExifSpec { ImageDescription = "Golden hour over the bay", Latitude = 1, Longitude = 1 });
        Photo("words/golden-hour-no-gps.jpg", new ExifSpec { ImageDescription = "Golden hour at home" });
        Photo("words/golden-light-hour-gps.jpg", new ExifSpec { ImageDescription = "Golden light for an hour", Latitude = 2, Longitude = 2 });
        Photo("words/cafe.jpg", new ExifSpec { ImageDescription = "Café au lait" });

        // path:/…/photos/2024/** && width>=3840
        Photo("photos/2024/trip/uhd.jpg", new ExifSpec { Model = "uhd 2024" }, width: 3840, height: 2160);
        Photo("photos/2024/small.jpg", new ExifSpec { Model = "small 2024" }, width: 640, height: 480);
        Photo("photos/2023/uhd.jpg", new ExifSpec { Model = "uhd 2023" }, width: 4000, height: 3000);

        // copies>1
        var twin = TestImages.Jpeg(32, 32, new ExifSpec { Model = "twin" });
        _folder.Write("library/dupes/twin-a.jpg", twin);
        _folder.Write("library/dupes/twin-b.jpg", twin);

        // names that need care in pipes
        Photo("odd names/with space.jpg", new ExifSpec { Model = "space" });
        Photo("odd names/new\nline.jpg", new ExifSpec { Model = "newline" });
        Photo("odd names/quote'and\"double.jpg", new ExifSpec { Model = "quotes" });

        Store = await TestScan.OpenSqliteAsync(DatabasePath);
        await TestScan.RunAsync(Store, [Root]);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
