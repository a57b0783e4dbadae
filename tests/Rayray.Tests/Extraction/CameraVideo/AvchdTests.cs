using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using static Rayray.Testing.Fixtures.AvchdWriter;

namespace Rayray.Tests.Extraction.CameraVideo;

/// <summary>
/// AVCHD (M2TS/MTS) camcorder clips with the camera's MDPM data in their H.264 stream, scanned into SQLite: who shot
/// them (the maker's code, Sony's model text), how (exposure, aperture) and when, with the recorded time zone.
/// </summary>
public sealed class AvchdTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-avchd");

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyDictionary<string, MediaDocument>> Scan(bool probe, params (string Name, byte[] Content)[] files)
    {
        foreach (var (name, content) in files)
            _folder.Write("library/" + name, content);
        await using var store = await TestScan.OpenSqliteAsync(_folder["db/rayray.db"]);
        var summary = await TestScan.RunAsync(store, [_folder["library"]], o => probe ? WithFfprobe(o) : o);
        Assert.Equal(files.Length, summary.New);
        var documents = new Dictionary<string, MediaDocument>();
        foreach (var (name, _) in files)
            documents[name] = (await store.FindAsync(_folder["library/" + name], default))!;
        return documents;
    }

    private static ScanOptions WithFfprobe(ScanOptions options) => options with
    {
        Extraction = options.Extraction with { FfprobePath = FfprobeLocator.Find(null), ProbeTimeout = TimeSpan.FromSeconds(30) },
    };

    private static Entry[] SonyClip =>
    [
        .. RecordedAt(new DateTime(2011, 7, 4, 18, 5, 9), zone: 0x20 | (3 << 1) | 0x01), // -03:30
        Fraction(0xA0, 1, 60), // ExposureTime
        Fraction(0xA1, 28, 10), // FNumber
        Fraction(0xA9, 38, 1), // FocalLengthIn35mmFormat
        Maker(0x0108),
        .. Text(0xE4, "HDR-CX550V", 3),
    ];

    [Fact]
    public async Task A_sony_m2ts_clip_names_its_model_exposure_aperture_and_recording_time_with_its_zone()
    {
        var clip = TransportStream([AccessUnit(1440, 1080, SonyClip), AccessUnit()]);

        var document = (await Scan(probe: false, ("00001.MTS", clip)))["00001.MTS"];

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Video, document.Kind);
        Assert.Equal(("Sony", "HDR-CX550V"), (document.Camera?.Make, document.Camera?.Model));
        Assert.Equal(0.01666666667, document.Camera?.Exposure);
        Assert.Equal(2.8, document.Camera?.Aperture);
        Assert.Null(document.Camera?.FocalLength); // 0xa9 is the 35 mm equivalent, not the focal length
        Assert.Equal("2011-07-04T18:05:09-03:30", document.Timestamps.Taken?.ToString());
        Assert.Equal((1440, 1080), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(264, (int)document.MetadataRaw["file"]!["H264"]!["MakeCode"]!);
    }

    [Fact]
    public async Task A_panasonic_ts_clip_with_its_camera_data_in_the_second_frame_gives_shutter_and_iris_and_no_unknown_zone()
    {
        Entry[] panasonic =
        [
            .. RecordedAt(new DateTime(2012, 2, 29, 7, 0, 1), zone: 0xFF), // the camera keeps no zone
            new(0x70, [0x10, 0xF4, 0xFF, 0xFF]), // iris 0x10: f/2^(16/8) = 4
            new(0x7F, [0x00, 0x00, 0xF1, 0x80]), // shutter 0x00f1 = 241 / 28125 s (bit 0x8000 is not part of it)
            Maker(0x0103),
        ];
        var clip = TransportStream([AccessUnit(1920, 1080), AccessUnit(mdpm: panasonic)], m2ts: false);

        var document = (await Scan(probe: false, ("clip.mts", clip)))["clip.mts"];

        Assert.Equal("Panasonic", document.Camera?.Make);
        Assert.Null(document.Camera?.Model);
        Assert.Equal(Math.Round(241 / 28125.0, 12), Math.Round(document.Camera!.Exposure!.Value, 12));
        Assert.Equal(4, document.Camera.Aperture);
        Assert.Equal("2012-02-29T07:00:01", document.Timestamps.Taken?.ToString());
    }

    [Fact]
    public async Task A_transport_stream_named_ts_is_indexed_by_its_content_and_a_typescript_file_beside_it_is_not()
    {
        // DVB recorders and some camcorders name their streams .ts, as TypeScript does its sources.
        _folder.Write("library/recording.ts", TransportStream([AccessUnit(1920, 1080, SonyClip), AccessUnit()], m2ts: false));
        _folder.Write("library/app.ts", "export const answer: number = 42;\n"u8.ToArray());
        await using var store = await TestScan.OpenSqliteAsync(_folder["db/rayray.db"]);

        var summary = await TestScan.RunAsync(store, [_folder["library"]]);

        Assert.Equal(1, summary.New);
        Assert.Equal(0, summary.Invalid);
        var recording = await store.FindAsync(_folder["library/recording.ts"], default);
        Assert.Equal(("video/mp2t", "Sony"), (recording!.File.MimeType, recording.Camera?.Make));
        Assert.Null(await store.FindAsync(_folder["library/app.ts"], default));
    }

    [Fact]
    public async Task Damaged_or_lying_camera_data_leaves_the_clip_indexed_with_what_is_sound()
    {
        var sound = TransportStream([AccessUnit(1920, 1080, SonyClip), AccessUnit(), AccessUnit()]);
        Entry[] outOfOrder = [Maker(0x1011), .. RecordedAt(new DateTime(2010, 1, 1), 0x02)];
        Entry[] notBcd = [new(0x18, [0x02, 0x20, 0x1A, 0x13]), new(0x19, [0x45, 0x99, 0x00, 0x00]), Maker(0x1104)];
        var truncatedSei = AccessUnit(1920, 1080, SonyClip);

        var documents = await Scan(probe: false,
            ("counts-more-than-it-has.mts", TransportStream([AccessUnit(1920, 1080, SonyClip, count: 250)])),
            ("out-of-order.mts", TransportStream([AccessUnit(1920, 1080, outOfOrder)])),
            ("not-bcd.mts", TransportStream([AccessUnit(1920, 1080, notBcd)])),
            ("cut-inside-the-sei.mts", TransportStream([truncatedSei[..(truncatedSei.Length - 30)]])),
            ("cut-mid-packet.m2ts", sound[..(sound.Length - 100)]),
            ("cut-after-the-tables.m2ts", sound[..((2 * 192) + 10)]),
            ("scrambled.m2ts", Scrambled(sound)));

        Assert.All(documents.Values, d => Assert.Equal(DocumentStatus.Indexed, d.Status));
        Assert.Equal(("Sony", "HDR-CX550V"), (documents["counts-more-than-it-has.mts"].Camera?.Make, documents["counts-more-than-it-has.mts"].Camera?.Model));
        // Entries out of order end the list: the maker came first and stays; the date after it is not read.
        Assert.Equal("Canon", documents["out-of-order.mts"].Camera?.Make);
        Assert.Null(documents["out-of-order.mts"].Timestamps.Taken);
        Assert.Equal("JVC", documents["not-bcd.mts"].Camera?.Make);
        Assert.Null(documents["not-bcd.mts"].Timestamps.Taken);
        Assert.Null(documents["cut-inside-the-sei.mts"].Camera);
        Assert.Equal((1920, 1080), (documents["cut-inside-the-sei.mts"].Dimensions?.Width, documents["cut-inside-the-sei.mts"].Dimensions?.Height));
        Assert.Equal("Sony", documents["cut-mid-packet.m2ts"].Camera?.Make);
        Assert.Null(documents["cut-after-the-tables.m2ts"].Camera);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task A_real_h264_stream_with_a_canon_mdpm_message_spliced_in_is_described_by_ffprobe_and_the_camera_data()
    {
        var h264 = Path.Combine(_folder.Path, "camera.h264");
        ExternalTool.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1",
            "-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p", "-f", "h264", h264); // no B-frames: the raw stream gets timestamps back
        Entry[] canon = [.. RecordedAt(new DateTime(2008, 12, 31, 23, 16, 24), 0x02), new(0x70, [0xCA, 0xF4, 0xFF, 0xFF]), new(0x7F, [0, 0, 0x65, 0x84]), Maker(0x1011)];
        File.WriteAllBytes(h264, InsertAfterParameterSets(File.ReadAllBytes(h264), MdpmSei(canon)));
        var m2ts = Path.Combine(_folder.Path, "00000.m2ts");
        ExternalTool.Run("ffmpeg", "-v", "error", "-f", "h264", "-framerate", "25", "-i", h264, "-c", "copy", "-f", "mpegts", "-mpegts_m2ts_mode", "1", m2ts);

        var document = (await Scan(probe: true, ("00000.m2ts", File.ReadAllBytes(m2ts))))["00000.m2ts"];

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal("h264", document.Technical?.Codec);
        Assert.Equal((320, 240), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(("Canon", 0.04, 2.4), (document.Camera?.Make, document.Camera?.Exposure, document.Camera?.Aperture));
        Assert.Equal("2008-12-31T23:16:24+01:00", document.Timestamps.Taken?.ToString());
    }

    [Fact]
    public void Every_cut_and_every_changed_byte_of_a_clip_is_read_without_an_exception()
    {
        var clip = TransportStream([AccessUnit(1440, 1080, SonyClip), AccessUnit(mdpm: SonyClip), AccessUnit()]);

        for (var length = 0; length <= clip.Length; length++)
            Rayray.Core.Extraction.CameraVideo.TransportStreamReader.Read(new MemoryStream(clip, 0, length), length);
        for (var at = 0; at < clip.Length; at++)
        {
            foreach (var value in (byte[])[0x00, 0xFF, (byte)(clip[at] ^ 0x01)])
            {
                var changed = (byte[])clip.Clone();
                changed[at] = value;
                Rayray.Core.Extraction.CameraVideo.TransportStreamReader.Read(new MemoryStream(changed), changed.Length);
            }
        }
    }

    /// <summary>Every 37th byte after the tables changed: lost sync bytes, bad lengths, broken start codes.</summary>
    private static byte[] Scrambled(byte[] stream)
    {
        var scrambled = (byte[])stream.Clone();
        for (var at = 2 * 192; at < scrambled.Length; at += 37)
            scrambled[at] ^= 0xA5;
        return scrambled;
    }
}
