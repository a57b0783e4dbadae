using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Rayray.Core.Documents;

namespace Rayray.Tests.Storage;

/// <summary>Documents as the normalizer would produce them, for store tests.</summary>
internal static class TestDocuments
{
    public static readonly DateTime Now = new(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);

    public static string HashOf(string content) =>
        DocumentId.HashFromDigest(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static MediaDocument Create(string content, string path, Func<MediaDocument, MediaDocument>? customize = null)
    {
        var hash = HashOf(content);
        var modified = new DateTime(2024, 1, 15, 10, 31, 2, DateTimeKind.Utc).AddTicks(1234567);
        var document = new MediaDocument
        {
            Id = DocumentId.FromHash(hash),
            File = new FileFacts
            {
                Hash = hash,
                Size = content.Length,
                MimeType = "image/jpeg",
                Name = Path.GetFileName(path),
                Ext = "jpg",
                Path = path,
            },
            Locations =
            [
                new FileLocation
                {
                    Path = path,
                    Size = content.Length,
                    Modified = modified,
                    Changed = modified.AddSeconds(5),
                    Inode = 1234,
                    Device = 64769,
                    Seen = Now,
                    Sidecar = new SidecarFile(Path.ChangeExtension(path, ".xmp"), 2048, modified.AddDays(1)),
                    TakeoutSidecar = new SidecarFile(path + ".supplemental-metadata.json", 812, modified.AddDays(2)),
                    PicasaIni = new SidecarFile(Path.Combine(Path.GetDirectoryName(path) ?? "", ".picasa.ini"), 3072, modified.AddDays(3)),
                },
            ],
            Kind = MediaKind.Image,
            Dimensions = new Dimensions { Width = 4096, Height = 3072, Orientation = 1 },
            Camera = new CameraInfo { Make = "Canon", Model = "EOS R5", Lens = "RF24-70mm F2.8 L IS USM", Exposure = 0.004, Aperture = 2.8, Iso = 800, FocalLength = 50 },
            Location = GeoPoint.TryCreate(37.7749, -122.4194),
            Altitude = 12.5,
            Timestamps = new Timestamps
            {
                Taken = new CaptureTime(new DateTime(2024, 1, 15, 10, 30, 0), "054", TimeSpan.FromHours(-8)),
                Modified = modified,
                Ingested = Now,
            },
            Author = new AuthorInfo { Name = "Jane Doe", Copyright = "© Jane Doe 2024" },
            Description = "Golden hour over city skyline",
            Tags = ["sunset", "urban", "Places|USA|San Francisco"],
            People = ["Jane Doe", "Ana Lima"],
            MotionPhoto = new MotionPhoto { Offset = 2_000_000, Length = 1_500_000, MimeType = "video/mp4" },
            Rating = 4,
            Label = "Red",
            Status = DocumentStatus.Indexed,
            MetadataRaw = new JsonObject { ["exif"] = new JsonObject { ["IFD0"] = new JsonObject { ["Make"] = "Canon", ["XResolution"] = 72 } } },
        };
        return customize is null ? document : customize(document);
    }
}
