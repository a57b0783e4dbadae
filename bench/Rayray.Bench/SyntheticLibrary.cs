using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Rayray.Core.Documents;

namespace Rayray.Bench;

/// <summary>
/// Documents shaped like a real library (seeded, so every run builds the same one): mostly
/// photos, some videos and audio, ten camera brands, 20 years of dates, GPS around fifty
/// cities on 60% of them, a vocabulary of tags, a few duplicates, and metadataRaw of realistic size.
/// </summary>
internal static class SyntheticLibrary
{
    private static readonly (string Make, string[] Models)[] Cameras =
    [
        ("Canon", ["EOS R5", "EOS 5D Mark IV", "PowerShot G7 X"]), ("NIKON CORPORATION", ["NIKON Z 6", "NIKON D850"]),
        ("SONY", ["ILCE-7M3", "ILCE-7RM4"]), ("Apple", ["iPhone 13 Pro", "iPhone 15 Pro Max"]), ("FUJIFILM", ["X-T4", "X100V"]),
        ("Google", ["Pixel 8"]), ("samsung", ["SM-S918B"]), ("OLYMPUS CORPORATION", ["E-M1MarkII"]), ("Panasonic", ["DC-GH5"]), ("LEICA", ["Q2"]),
    ];

    private static readonly (double Lat, double Lon)[] Cities =
    [
        (37.7749, -122.4194), (48.8566, 2.3522), (51.5074, -0.1278), (35.6762, 139.6503), (40.7128, -74.0060), (-33.8688, 151.2093),
        (52.5200, 13.4050), (41.9028, 12.4964), (55.7558, 37.6173), (-22.9068, -43.1729), (19.4326, -99.1332), (1.3521, 103.8198),
        (25.2048, 55.2708), (34.0522, -118.2437), (43.6532, -79.3832), (59.3293, 18.0686), (-1.2921, 36.8219), (30.0444, 31.2357),
        (64.1466, -21.9426), (-16.5, 179.9), (-34.6037, -58.3816), (39.9042, 116.4074), (28.6139, 77.2090), (37.5665, 126.9780),
    ];

    private static readonly string[] Words = BuildWords();

    private static string[] BuildWords()
    {
        string[] common = ["sunset", "beach", "family", "birthday", "mountain", "city", "night", "portrait", "street", "dog", "cat", "food",
            "wedding", "travel", "snow", "forest", "lake", "concert", "museum", "architecture", "bridge", "harbor", "garden", "flowers"];
        return [.. common, .. Enumerable.Range(0, 476).Select(i => $"tag{i:D3}")];
    }

    public static IEnumerable<MediaDocument> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var kindRoll = random.NextDouble();
            var kind = kindRoll < 0.9 ? MediaKind.Image : kindRoll < 0.98 ? MediaKind.Video : MediaKind.Audio;
            var (make, models) = Cameras[random.Next(Cameras.Length)];
            var taken = new DateTime(2006, 1, 1).AddSeconds(random.NextDouble() * 20 * 365.25 * 86400);
            var year = taken.Year.ToString(CultureInfo.InvariantCulture);
            var ext = kind switch { MediaKind.Image => random.Next(4) == 0 ? "heic" : "jpg", MediaKind.Video => "mp4", _ => "m4a" };
            var path = $"/photos/{year}/{taken:MM}/IMG_{i:D6}.{ext}";
            var hash = DocumentId.HashFromDigest(SHA256.HashData(Encoding.UTF8.GetBytes($"synthetic {i}")));
            var size = 500_000L + random.Next(30_000_000);
            var tags = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Words[(int)Math.Min(Words.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble() * Words.Length))]).Distinct().ToList();
            GeoPoint? point = null;
            if (random.NextDouble() < 0.6)
            {
                var city = Cities[random.Next(Cities.Length)];
                point = GeoPoint.TryCreate(Math.Clamp(city.Lat + ((random.NextDouble() - 0.5) * 0.4), -90, 90), Math.Clamp(city.Lon + ((random.NextDouble() - 0.5) * 0.4), -180, 180));
            }
            var wide = random.NextDouble() < 0.2;
            var location = new FileLocation { Path = path, Size = size, Modified = taken.AddMinutes(5), Changed = taken.AddMinutes(5), Inode = 1000 + i, Device = 64769, Seen = now };
            var document = new MediaDocument
            {
                Id = DocumentId.FromHash(hash),
                File = new FileFacts { Hash = hash, Size = size, MimeType = kind switch { MediaKind.Image => ext == "heic" ? "image/heic" : "image/jpeg", MediaKind.Video => "video/mp4", _ => "audio/mp4" }, Name = Path.GetFileName(path), Ext = ext, Path = path },
                Locations = [location],
                Kind = kind,
                Dimensions = kind == MediaKind.Audio ? new Dimensions { Duration = random.Next(60, 400) }
                    : new Dimensions { Width = wide ? 6000 : 4032, Height = wide ? 4000 : 3024, Orientation = 1, Duration = kind == MediaKind.Video ? random.Next(1, 300) : null },
                Camera = kind == MediaKind.Audio ? null : new CameraInfo
                {
                    Make = make,
                    Model = models[random.Next(models.Length)],
                    Exposure = 1.0 / new[] { 30, 60, 125, 250, 500, 1000 }[random.Next(6)],
                    Aperture = new[] { 1.8, 2.8, 4, 5.6, 8, 11 }[random.Next(6)],
                    Iso = new[] { 100, 200, 400, 800, 1600, 3200, 6400 }[random.Next(7)],
                    FocalLength = new[] { 24, 35, 50, 85, 105, 200 }[random.Next(6)],
                },
                Location = point,
                Timestamps = new Timestamps { Taken = new CaptureTime(taken, null, random.Next(3) == 0 ? TimeSpan.FromHours(random.Next(-8, 9)) : null), Modified = location.Modified, Ingested = now },
                Description = random.Next(20) == 0 ? "Golden hour over the " + Words[random.Next(24)] : random.Next(4) == 0 ? $"{Words[random.Next(24)]} with {Words[random.Next(24)]}" : null,
                Tags = tags,
                Rating = random.Next(6) == 0 ? random.Next(1, 6) : null,
                Status = random.Next(200) == 0 ? DocumentStatus.Invalid : DocumentStatus.Indexed,
                MetadataRaw = Raw(random, make),
            };
            yield return document;
            if (random.Next(50) == 0 && i + 1 < count)
            {
                // A copy of the same bytes elsewhere: the next document is this content at another path.
                i++;
                var copy = location with { Path = $"/backup/{year}/IMG_{i:D6}.{ext}", Inode = 1000 + i };
                yield return document with { Locations = [copy] };
            }
        }
    }

    private static JsonObject Raw(Random random, string make)
    {
        var ifd0 = new JsonObject { ["Make"] = make, ["XResolution"] = 72, ["YResolution"] = 72, ["ResolutionUnit"] = 2, ["Software"] = "firmware 1.0" };
        var sub = new JsonObject();
        for (var t = 0; t < 40; t++)
            sub[$"Tag{t:D2}"] = random.Next(3) == 0 ? $"value {random.Next(1000)}" : random.Next(10000);
        var maker = new JsonObject();
        for (var t = 0; t < 60; t++)
            maker[$"Maker{t:D2}"] = random.Next(100000);
        return new JsonObject { ["exif"] = new JsonObject { ["IFD0"] = ifd0, ["SubIFD"] = sub }, ["makernote"] = new JsonObject { [make] = maker } };
    }
}
