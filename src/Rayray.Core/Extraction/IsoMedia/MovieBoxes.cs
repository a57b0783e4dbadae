using System.Buffers.Binary;
using System.Text;
using Rayray.Core.Extraction.IsoMedia.MakerBoxes;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// Walks a movie's boxes once — the top level, the first 'moov' and the fragments ('moof') — and keeps what ffmpeg
/// builds its streams and tags from. Every box must fit in its parent; small boxes are read whole up to a cap, sample
/// tables are summed in chunks.
/// </summary>
internal sealed class MovieBoxes(Stream stream, long fileLength)
{
    private const int MaxBoxes = 200_000;
    private const int MaxDepth = 12;
    private const int MaxHeaderBytes = 4096;
    private const int MaxDescriptionBytes = 1024 * 1024;
    private const int MaxTagBytes = 4 * 1024 * 1024;

    private readonly BoxBudget _budget = new(MaxBoxes);
    private int[] _movieMatrix = [1 << 16, 0, 0, 0, 1 << 16, 0, 0, 0, 1 << 30];
    private bool _inFirstFragment;

    public QuickTimeTags Tags { get; } = new();

    /// <summary>The camera makers' boxes (udta, a Canon 'uuid', Sony's XML), read on the way.</summary>
    public CameraBoxes Cameras { get; } = new();

    public List<MovieTrack> Tracks { get; } = [];
    public bool FoundMovie { get; private set; }
    public uint MovieTimeScale { get; private set; }
    public ulong MovieDuration { get; private set; }
    public bool Fragmented { get; private set; }
    public int Fragments { get; private set; }

    /// <summary>Track ids a 'chap' reference names: ffmpeg shows a video chapter track as cover art, not as the video.</summary>
    public HashSet<uint> ChapterTracks { get; } = [];

    public void Walk()
    {
        foreach (var box in BoxHeader.Children(stream, 0, fileLength, _budget))
        {
            switch (box.Type)
            {
                case "ftyp":
                    ReadFileType(box);
                    break;
                case "moov" when !FoundMovie:
                    FoundMovie = true;
                    ReadMovie(box);
                    break;
                case "meta":
                    ReadMeta(box, depth: 1, tags: false); // Sony's XAVC keeps its XML in a top-level 'meta'
                    break;
                case "moof" when FoundMovie:
                    _inFirstFragment = Fragments++ == 0;
                    foreach (var traf in Children(box).Where(b => b.Type == "traf"))
                        ReadTrackFragment(traf);
                    FinishFirstFragment();
                    break;
            }
        }
    }

    private IEnumerable<BoxHeader> Children(BoxHeader parent, long skip = 0) =>
        BoxHeader.Children(stream, parent.PayloadStart + skip, parent.End, _budget);

    private byte[] Payload(BoxHeader box, int max) =>
        box.ReadPayload(stream, max) ?? throw new IsoMediaLimitException($"a '{RawBoxHeader.Printable(box.Type)}' box of {box.PayloadLength:N0} bytes");

    private void ReadFileType(BoxHeader ftyp)
    {
        var payload = Payload(ftyp, MaxHeaderBytes);
        if (payload.Length < 8)
            return;
        Tags.Set("major_brand", Encoding.Latin1.GetString(payload, 0, 4));
        Tags.Set("minor_version", BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Tags.Set("compatible_brands", Encoding.Latin1.GetString(payload, 8, payload.Length - 8 - (payload.Length % 4)));
    }

    private void ReadMovie(BoxHeader moov)
    {
        foreach (var box in Children(moov))
        {
            switch (box.Type)
            {
                case "mvhd" when MovieHeaders.Movie(Payload(box, MaxHeaderBytes)) is { } header:
                    (MovieTimeScale, MovieDuration, _movieMatrix) = (header.TimeScale, header.Duration, header.Matrix);
                    if (MovieHeaders.CreationTimeText(header.Created) is { } created)
                        Tags.Set("creation_time", created);
                    break;
                case "trak":
                    ReadTrack(box);
                    break;
                case "udta":
                    ReadUserData(box, depth: 1);
                    break;
                case "meta":
                    ReadMeta(box, depth: 1);
                    break;
                case "mvex":
                    ReadMovieExtends(box);
                    break;
                case "uuid" when box.PayloadLength <= MaxTagBytes:
                    Cameras.ReadMovieUuid(Payload(box, MaxTagBytes));
                    break;
            }
        }
    }

    private void ReadTrack(BoxHeader trak)
    {
        var track = new MovieTrack();
        foreach (var box in Children(trak))
        {
            switch (box.Type)
            {
                case "tkhd" when MovieHeaders.Track(Payload(box, MaxHeaderBytes), _movieMatrix) is { } header:
                    (track.Id, track.DisplayMatrix) = (header.TrackId, header.Display);
                    break;
                case "tref":
                    foreach (var reference in Children(box).Where(r => r.Type == "chap"))
                    {
                        var ids = Payload(reference, MaxHeaderBytes);
                        for (var i = 0; i + 4 <= ids.Length; i += 4)
                            ChapterTracks.Add(BinaryPrimitives.ReadUInt32BigEndian(ids.AsSpan(i)));
                    }
                    break;
                case "mdia":
                    ReadMedia(box, track);
                    break;
            }
        }
        Tracks.Add(track);
    }

    private void ReadMedia(BoxHeader mdia, MovieTrack track)
    {
        BoxHeader? minf = null;
        foreach (var box in Children(mdia))
        {
            switch (box.Type)
            {
                case "mdhd" when MovieHeaders.Media(Payload(box, MaxHeaderBytes)) is { } header:
                    (track.MediaCreated, track.TimeScale, track.MediaDuration) = (header.Created, header.TimeScale, header.Duration);
                    break;
                case "hdlr":
                    var hdlr = Payload(box, MaxHeaderBytes);
                    if (hdlr.Length >= 12)
                        track.Handler = Encoding.Latin1.GetString(hdlr, 8, 4);
                    break;
                case "minf":
                    minf = box;
                    break;
            }
        }
        // The sample description is read by the media's handler, which may come after 'minf'.
        if (minf is { } information && Children(information).FirstOrDefault(b => b.Type == "stbl") is { Type: not null } stbl)
            ReadSampleTable(stbl, track);
    }

    private void ReadSampleTable(BoxHeader stbl, MovieTrack track)
    {
        foreach (var box in Children(stbl))
        {
            switch (box.Type)
            {
                case "stsd" when track.Entry is null:
                    track.Entry = SampleDescriptions.Read(Payload(box, MaxDescriptionBytes), track.Handler);
                    break;
                case "stts":
                    var (samples, duration) = SampleTables.TimeToSample(stream, box);
                    track.FramesForFps += samples;
                    track.DurationForFps += duration;
                    break;
                case "stsz" or "stz2":
                    track.DataSize += SampleTables.SampleBytes(stream, box);
                    break;
            }
        }
    }

    private void ReadUserData(BoxHeader udta, int depth)
    {
        foreach (var box in Children(udta))
        {
            if (box.Type == "meta")
            {
                ReadMeta(box, depth + 1);
                continue;
            }
            // Text tags are short; a long one is not text ffmpeg would show in full anyway.
            if (box.PayloadLength > MaxTagBytes)
                continue;
            var payload = Payload(box, MaxTagBytes);
            Tags.ReadUserDataString(box.Type, payload);
            Cameras.ReadUserData(box.Type, payload);
        }
    }

    /// <summary>
    /// A 'meta' box: a full box (QuickTime's sometimes is not), its handler ('mdta' for Apple's keys), 'keys' and 'ilst'
    /// (unless <paramref name="tags"/> is false), and the 'xml ' a camera may keep there.
    /// </summary>
    private void ReadMeta(BoxHeader meta, int depth, bool tags = true)
    {
        if (depth > MaxDepth || meta.PayloadLength < 8)
            return;
        var head = new byte[8];
        stream.Position = meta.PayloadStart;
        stream.ReadExactly(head);
        var skip = head.AsSpan(4, 4).SequenceEqual("hdlr"u8) ? 0 : 4;
        var mdta = false;
        foreach (var box in Children(meta, skip))
        {
            switch (box.Type)
            {
                case "hdlr":
                    var hdlr = Payload(box, MaxHeaderBytes);
                    mdta = hdlr.Length >= 12 && hdlr.AsSpan(8, 4).SequenceEqual("mdta"u8);
                    break;
                case "keys" when mdta && tags:
                    Tags.ReadKeys(Payload(box, MaxTagBytes));
                    break;
                case "ilst" when tags:
                    Tags.ReadItemList(Payload(box, MaxTagBytes), mdta);
                    break;
                case "xml " when box.PayloadLength <= MaxTagBytes:
                    Cameras.ReadXml(Payload(box, MaxTagBytes));
                    break;
            }
        }
    }

    private void ReadMovieExtends(BoxHeader mvex)
    {
        foreach (var trex in Children(mvex).Where(b => b.Type == "trex"))
        {
            var payload = Payload(trex, MaxHeaderBytes);
            if (payload.Length < 24)
                continue;
            Fragmented = true;
            var id = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
            if (Tracks.Find(t => t.Id == id) is { } track)
            {
                track.DefaultSampleDuration = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(12));
                track.DefaultSampleSize = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(16));
            }
        }
    }

    private void ReadTrackFragment(BoxHeader traf)
    {
        MovieTrack? track = null;
        uint defaultDuration = 0, defaultSize = 0;
        long? decodeTime = null;
        foreach (var box in Children(traf))
        {
            switch (box.Type)
            {
                case "tfhd":
                    var tfhd = Payload(box, MaxHeaderBytes);
                    if (tfhd.Length < 8)
                        return;
                    var flags = BinaryPrimitives.ReadUInt32BigEndian(tfhd) & 0xFFFFFF;
                    track = Tracks.Find(t => t.Id == BinaryPrimitives.ReadUInt32BigEndian(tfhd.AsSpan(4)));
                    if (track is null)
                        return;
                    var at = 8 + ((flags & 1) != 0 ? 8 : 0) + ((flags & 2) != 0 ? 4 : 0);
                    defaultDuration = (flags & 8) != 0 && tfhd.Length >= at + 4 ? BinaryPrimitives.ReadUInt32BigEndian(tfhd.AsSpan(at)) : track.DefaultSampleDuration;
                    at += (flags & 8) != 0 ? 4 : 0;
                    defaultSize = (flags & 0x10) != 0 && tfhd.Length >= at + 4 ? BinaryPrimitives.ReadUInt32BigEndian(tfhd.AsSpan(at)) : track.DefaultSampleSize;
                    break;
                case "tfdt" when track is not null:
                    var tfdt = Payload(box, MaxHeaderBytes);
                    decodeTime = tfdt.Length >= 12 && tfdt[0] == 1 ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(tfdt.AsSpan(4)), long.MaxValue / 2)
                        : tfdt.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(tfdt.AsSpan(4)) : null;
                    break;
                case "trun" when track is not null:
                    var start = decodeTime ?? track.FragmentEnd;
                    decodeTime = null;
                    MovieFragments.ReadRun(stream, box, track, start, defaultDuration, defaultSize);
                    break;
            }
        }
    }

    private void FinishFirstFragment()
    {
        if (!_inFirstFragment)
            return;
        foreach (var track in Tracks)
            track.AtFirstFragment = track.Totals;
        _inFirstFragment = false;
    }

}
