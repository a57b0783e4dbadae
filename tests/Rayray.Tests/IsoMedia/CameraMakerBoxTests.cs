using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using static Rayray.Testing.Fixtures.CameraMovieBoxes;

namespace Rayray.Tests.IsoMedia;

/// <summary>
/// Movies ffmpeg made, given the boxes camera makers write (Pentax, Nikon, Canon, Panasonic, Sony, GoPro) and scanned
/// into SQLite: the camera, exposure, aperture, ISO, focal length and recording time reach the document whether
/// rayray's movie reader or ffprobe describes the streams, and a lying box costs nothing but its own facts.
/// </summary>
public sealed class CameraMakerBoxTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-camera-boxes");

    public void Dispose() => _folder.Dispose();

    private static byte[] H264Movie(string extension = "mov") => TestMedia.Video(extension, 160, 120, "none", "-metadata", "creation_time=2024-06-01T12:00:00Z");

    private async Task<IReadOnlyDictionary<string, MediaDocument>> Scan(params (string Name, byte[] Content)[] files)
    {
        foreach (var (name, content) in files)
            _folder.Write("library/" + name, content);
        await using var store = await TestScan.OpenSqliteAsync(_folder["db/rayray.db"]);
        var summary = await TestScan.RunAsync(store, [_folder["library"]], o => o with
        {
            Extraction = o.Extraction with { FfprobePath = FfprobeLocator.Find(null), ProbeTimeout = TimeSpan.FromSeconds(30) },
        });
        Assert.Equal(files.Length, summary.New);
        var documents = new Dictionary<string, MediaDocument>();
        foreach (var (name, _) in files)
            documents[name] = (await store.FindAsync(_folder["library/" + name], default))!;
        return documents;
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("h264", "isoMedia")]
    [InlineData("mjpeg", "ffprobe")]
    public async Task A_pentax_tags_box_gives_the_camera_whoever_describes_the_streams(string codec, string describedBy)
    {
        var movie = codec == "mjpeg"
            ? TestMedia.Video("mov", 160, 120, "none", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p")
            : H264Movie();
        var pentax = WithUserData(movie, PentaxTags("PENTAX DIGITAL CAMERA", 384, (40, 10), (189, 10), 50));

        var document = (await Scan(("IMGP0001.MOV", pentax)))["IMGP0001.MOV"];

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.True(document.MetadataRaw.ContainsKey(describedBy), $"described by {describedBy}");
        var camera = document.Camera!;
        Assert.Equal("PENTAX DIGITAL CAMERA", camera.Make);
        Assert.Equal(10 / 384.0, camera.Exposure!.Value, 10);
        Assert.Equal((4.0, 50, 18.9), (camera.Aperture, camera.Iso, camera.FocalLength));
        Assert.Equal((160, 120), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task A_nikon_movie_gives_camera_lens_exposure_iso_and_its_local_recording_time()
    {
        var nikon = WithUserData(H264Movie(), NikonNcdt(
            NikonRecord.Ascii(0x01, "NIKON CORPORATION"),
            NikonRecord.Ascii(0x02, "NIKON D750"),
            NikonRecord.Ascii(0x03, "Ver.1.10"),
            NikonRecord.Ascii(0x12, "2024:03:10 08:15:42"),
            NikonRecord.Rational(0x110829A, 1, 125),
            NikonRecord.Rational(0x110829D, 56, 10),
            NikonRecord.Rational(0x110920A, 500, 10),
            NikonRecord.Ascii(0x110A434, "AF-S NIKKOR 50mm f/1.8G"),
            NikonRecord.Undefined(0x2000025, 84, 1, 12, 0))); // ISOInfo: 100 × 2^(84/12 − 5) = 400

        var document = (await Scan(("DSC_0001.MOV", nikon)))["DSC_0001.MOV"];

        var camera = document.Camera!;
        Assert.Equal(("NIKON CORPORATION", "NIKON D750", "Ver.1.10"), (camera.Make, camera.Model, camera.Software));
        Assert.Equal("AF-S NIKKOR 50mm f/1.8G", camera.Lens);
        Assert.Equal((0.008, 5.6, 400, 50.0), (camera.Exposure, camera.Aperture, camera.Iso, camera.FocalLength));
        // The camera's own recording time wins over QuickTime's UTC creation time.
        Assert.Equal("2024-03-10T08:15:42", document.Timestamps.Taken?.ToString());
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Canon_movies_give_their_exif_from_the_movie_uuid_box_or_the_thumbnail()
    {
        var ifd0 = TiffWriter.Write(new TiffIfd().AddAscii(0x010F, "Canon").AddAscii(0x0110, "Canon EOS R5"));
        var exifIfd = TiffWriter.Write(new TiffIfd()
            .AddRationals(0x829A, (1, 50)).AddRationals(0x829D, (40, 10)).AddShorts(0x8827, 800)
            .AddAscii(0x9003, "2024:05:01 09:30:00").AddAscii(0x9011, "+02:00")
            .AddRationals(0x920A, (35, 1)).AddAscii(0xA434, "RF24-105mm F4 L IS USM"));
        var eosR5 = WithMovieBoxes(H264Movie("mp4"), CanonUuid(Box("CNCV", "CanonCRM0001/00.09.00/00.00.00"u8.ToArray()), Box("CMT1", ifd0), Box("CMT2", exifIfd)));
        var thumbnail = TestImages.Jpeg(160, 120, new ExifSpec
        {
            Make = "Canon", Model = "Canon PowerShot S95", DateTimeOriginal = "2011:08:20 16:45:03",
            ExposureTime = (1, 30), FNumber = (20, 10), Iso = 200, FocalLength = (60, 10), Orientation = 6,
        });
        var s95 = WithUserData(H264Movie(), Box("CNMN", "Canon PowerShot S95\0"u8.ToArray()), CanonThumbnail(thumbnail));

        var documents = await Scan(("MVI_0001.MP4", eosR5), ("MVI_0002.MOV", s95));

        var r5 = documents["MVI_0001.MP4"];
        Assert.Equal(("Canon", "Canon EOS R5", "RF24-105mm F4 L IS USM"), (r5.Camera?.Make, r5.Camera?.Model, r5.Camera?.Lens));
        Assert.Equal((0.02, 4.0, 800, 35.0), (r5.Camera?.Exposure, r5.Camera?.Aperture, r5.Camera?.Iso, r5.Camera?.FocalLength));
        Assert.Equal("2024-05-01T09:30:00+02:00", r5.Timestamps.Taken?.ToString());
        var s95Document = documents["MVI_0002.MOV"];
        Assert.Equal(("Canon", "Canon PowerShot S95"), (s95Document.Camera?.Make, s95Document.Camera?.Model));
        Assert.Equal((0.03333333333, 2.0, 200, 6.0), (s95Document.Camera?.Exposure, s95Document.Camera?.Aperture, s95Document.Camera?.Iso, s95Document.Camera?.FocalLength));
        Assert.Equal("2011-08-20T16:45:03", s95Document.Timestamps.Taken?.ToString());
        // The thumbnail's orientation and size are not the movie's.
        Assert.Equal((160, 120, null), (s95Document.Dimensions?.Width, s95Document.Dimensions?.Height, s95Document.Dimensions?.Orientation));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Panasonic_sony_and_gopro_movies_name_their_cameras()
    {
        var exif = ExifEncoder.ToTiff(new ExifSpec { Make = "Panasonic", Model = "DMC-GH4", ExposureTime = (1, 100), FNumber = (35, 10), Iso = 400, FocalLength = (14, 1) });
        var panasonic = WithUserData(H264Movie("mp4"), PanasonicPana("DMC-GH4", exif));
        byte[] sony = [.. H264Movie("mp4"), .. SonyNonRealTimeMeta("""
            <?xml version="1.0" encoding="UTF-8"?>
            <NonRealTimeMeta xmlns="urn:schemas-professionalDisc:nonRealTimeMeta:ver.2.00">
              <CreationDate value="2024-03-15T14:23:45-05:00"/>
              <Device manufacturer="Sony" modelName="ILCE-7M3" serialNo="4294967295"/>
              <Lens modelName="FE 24-70mm F2.8 GM"/>
            </NonRealTimeMeta>
            """)];
        var goPro = WithUserData(H264Movie("mp4"), Box("FIRM", "HD7.01.01.90.00"u8.ToArray()), Box("LENS", "LAJ7061916601668"u8.ToArray()), GoProGpmf("HERO7 Black"));

        var documents = await Scan(("P1000001.MP4", panasonic), ("C0001.MP4", sony), ("GH010001.MP4", goPro));

        var gh4 = documents["P1000001.MP4"].Camera;
        Assert.Equal(("Panasonic", "DMC-GH4"), (gh4?.Make, gh4?.Model));
        Assert.Equal((0.01, 3.5, 400, 14.0), (gh4?.Exposure, gh4?.Aperture, gh4?.Iso, gh4?.FocalLength));
        var a7 = documents["C0001.MP4"];
        Assert.Equal(("Sony", "ILCE-7M3", "FE 24-70mm F2.8 GM"), (a7.Camera?.Make, a7.Camera?.Model, a7.Camera?.Lens));
        Assert.Equal("2024-03-15T14:23:45-05:00", a7.Timestamps.Taken?.ToString());
        var hero = documents["GH010001.MP4"];
        Assert.Equal(("GoPro", "HERO7 Black", "HD7.01.01.90.00"), (hero.Camera?.Make, hero.Camera?.Model, hero.Camera?.Software));
        Assert.Equal("LAJ7061916601668", (string?)hero.MetadataRaw["file"]!["GoPro"]!["LensSerialNumber"]);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Lying_or_cut_maker_boxes_leave_the_movie_described_and_indexed()
    {
        var movie = H264Movie();
        var pentax = PentaxTags("PENTAX DIGITAL CAMERA", 384, (40, 10), (189, 10), 50);
        var hugeNikonCount = NikonNcdt(NikonRecord.Ascii(0x01, "NIKON"), new NikonRecord(0x02, 2, 0xFFFF, "D1"u8.ToArray()));
        var unknownNikonFormat = NikonNcdt(new NikonRecord(0x01, 99, 1, [0]), NikonRecord.Ascii(0x02, "never read"));
        var gpmfOverrun = Box("GPMF", [.. "DEVC"u8, 0, 200, 0xFF, 0xFF, .. new byte[16]]);
        var billionLaughs = SonyNonRealTimeMeta("""
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <NonRealTimeMeta><Device manufacturer="&lol2;" modelName="x"/></NonRealTimeMeta>
            """);
        var notTiff = CanonUuid(Box("CMT1", [.. "II*\0"u8, 0xFF, 0xFF, 0xFF, 0x7F, .. new byte[40]]));
        var notJpeg = CanonThumbnail([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, .. "Exif\0\0"u8]);

        var documents = await Scan(
            ("cut-tags.mov", WithUserData(movie, pentax[..40])),
            ("tags-of-nobody.mov", WithUserData(movie, Box("TAGS", new byte[200]))),
            ("huge-nikon-count.mov", WithUserData(movie, hugeNikonCount)),
            ("unknown-nikon-format.mov", WithUserData(movie, unknownNikonFormat)),
            ("gpmf-overrun.mov", WithUserData(movie, gpmfOverrun)),
            ("short-pana.mov", WithUserData(movie, Box("PANA", new byte[3]))),
            ("canon-not-tiff.mov", WithMovieBoxes(movie, notTiff)),
            ("canon-not-jpeg.mov", WithUserData(movie, notJpeg)),
            ("billion-laughs.mp4", [.. H264Movie("mp4"), .. billionLaughs]));

        Assert.All(documents.Values, d =>
        {
            Assert.Equal(DocumentStatus.Indexed, d.Status);
            Assert.Equal("h264", d.Technical?.Codec);
            Assert.True(d.MetadataRaw.ContainsKey("isoMedia"));
        });
        Assert.Equal("NIKON", documents["huge-nikon-count.mov"].Camera?.Make);
        Assert.Null(documents["huge-nikon-count.mov"].Camera?.Model);
        Assert.Null(documents["unknown-nikon-format.mov"].Camera);
        Assert.Null(documents["tags-of-nobody.mov"].Camera);
        Assert.Null(documents["billion-laughs.mp4"].Camera);
    }

    [Fact]
    public void Every_cut_and_every_changed_byte_of_a_maker_box_is_read_without_an_exception()
    {
        var thumbnail = TestImages.Jpeg(16, 16, new ExifSpec { Make = "Canon", ExposureTime = (1, 30) });
        var tiff = TiffWriter.Write(new TiffIfd().AddAscii(0x010F, "Canon").AddRationals(0x829A, (1, 50)));
        byte[][] boxes =
        [
            PentaxTags("PENTAX DIGITAL CAMERA", 384, (40, 10), (189, 10), 50),
            Box("PENT", new byte[0x180]),
            NikonNcdt(NikonRecord.Ascii(0x01, "NIKON"), NikonRecord.Rational(0x110829A, 1, 125), NikonRecord.Undefined(0x2000025, 84, 1, 12, 0)),
            CanonThumbnail(thumbnail),
            Box("CNMN", "Canon PowerShot S95\0"u8.ToArray()),
            GoProGpmf("HERO7 Black"),
            Box("FIRM", "HD7.01.01.90.00"u8.ToArray()),
            PanasonicPana("DMC-GH4", tiff),
        ];
        foreach (var box in boxes)
        {
            var type = System.Text.Encoding.Latin1.GetString(box, 4, 4);
            var payload = box[8..];
            for (var length = 0; length <= payload.Length; length++)
                new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadUserData(type, payload.AsSpan(0, length));
            for (var at = 0; at < payload.Length; at++)
            {
                var changed = (byte[])payload.Clone();
                changed[at] ^= 0xFF;
                new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadUserData(type, changed);
            }
        }
        var xml = Box("xml ", [0, 0, 0, 0], "<NonRealTimeMeta><CreationDate value=\"2024-03-15T14:23:45-05:00\"/><Device manufacturer=\"Sony\" modelName=\"ILCE-7M3\"/></NonRealTimeMeta>"u8.ToArray())[8..];
        for (var at = 0; at < xml.Length; at++)
        {
            var changed = (byte[])xml.Clone();
            changed[at] ^= 0x5A;
            new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadXml(changed);
            new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadXml(xml.AsSpan(0, at));
        }
        var uuid = CanonUuid(Box("CMT1", tiff))[8..];
        for (var at = 0; at < uuid.Length; at++)
        {
            var changed = (byte[])uuid.Clone();
            changed[at] ^= 0xFF;
            new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadMovieUuid(changed);
            new Rayray.Core.Extraction.IsoMedia.MakerBoxes.CameraBoxes().ReadMovieUuid(uuid.AsSpan(0, at));
        }
    }
}
