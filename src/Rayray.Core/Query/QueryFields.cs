using System.Collections.Frozen;

namespace Rayray.Core.Query;

/// <summary>Every field a query may name, under its schema path and its short names.</summary>
public static class QueryFields
{
    public static readonly QueryField Id = new("_id", FieldType.Text, "$._id");
    public static readonly QueryField Hash = new("file.hash", FieldType.Text, "$.file.hash");
    public static readonly QueryField Size = new("file.size", FieldType.Size, "$.file.size");
    public static readonly QueryField Mime = new("file.mimeType", FieldType.Text, "$.file.mimeType");
    public static readonly QueryField Name = new("file.name", FieldType.Text, "$.file.name");
    public static readonly QueryField Ext = new("file.ext", FieldType.Text, "$.file.ext");
    public static readonly QueryField Path = new("locations.path", FieldType.Path, "$.locations[*].path", IsArray: true);
    public static readonly QueryField Kind = new("kind", FieldType.Keyword, "$.kind", Keywords: ["image", "video", "audio", "other"]);
    public static readonly QueryField Status = new("status", FieldType.Keyword, "$.status", Keywords: ["indexed", "invalid", "missing"]);
    public static readonly QueryField Width = new("dimensions.width", FieldType.Number, "$.dimensions.width");
    public static readonly QueryField Height = new("dimensions.height", FieldType.Number, "$.dimensions.height");
    public static readonly QueryField Orientation = new("dimensions.orientation", FieldType.Number, "$.dimensions.orientation");
    public static readonly QueryField Duration = new("dimensions.duration", FieldType.Seconds, "$.dimensions.duration");
    public static readonly QueryField Rotation = new("dimensions.rotation", FieldType.Number, "$.dimensions.rotation");
    public static readonly QueryField AspectRatio = new("dimensions.aspectRatio", FieldType.Text, "$.dimensions.aspectRatio");
    public static readonly QueryField Megapixels = new("dimensions.megapixels", FieldType.Number, "$.dimensions.megapixels");
    public static readonly QueryField Make = new("camera.make", FieldType.Text, "$.camera.make");
    public static readonly QueryField Model = new("camera.model", FieldType.Text, "$.camera.model");
    public static readonly QueryField Lens = new("camera.lens", FieldType.Text, "$.camera.lens");
    public static readonly QueryField Software = new("camera.software", FieldType.Text, "$.camera.software");
    public static readonly QueryField Exposure = new("camera.exposure", FieldType.Seconds, "$.camera.exposure");
    public static readonly QueryField Aperture = new("camera.aperture", FieldType.Number, "$.camera.aperture");
    public static readonly QueryField Iso = new("camera.iso", FieldType.Number, "$.camera.iso");
    public static readonly QueryField FocalLength = new("camera.focalLength", FieldType.Number, "$.camera.focalLength");
    public static readonly QueryField Location = new("location", FieldType.Text, "$.location");
    public static readonly QueryField Altitude = new("altitude", FieldType.Number, "$.altitude");
    public static readonly QueryField LocationSource = new("locationSource", FieldType.Keyword, "$.locationSource", Keywords: ["camera", "sidecar", "track"]);
    public static readonly QueryField City = new("place.city", FieldType.Text, "$.place.city");
    public static readonly QueryField Region = new("place.region", FieldType.Text, "$.place.region");
    public static readonly QueryField Country = new("place.country", FieldType.Text, "$.place.country");
    public static readonly QueryField CountryCode = new("place.countryCode", FieldType.Text, "$.place.countryCode");
    public static readonly QueryField Taken = new("timestamps.taken", FieldType.Date, "$.timestamps.taken");
    public static readonly QueryField TakenUtc = new("timestamps.takenUtc", FieldType.Date, "$.timestamps.takenUtc");
    public static readonly QueryField Offset = new("timestamps.offset", FieldType.Text, "$.timestamps.offset");
    public static readonly QueryField OffsetSource = new("timestamps.offsetSource", FieldType.Keyword, "$.timestamps.offsetSource", Keywords: ["camera", "gps", "location"]);
    public static readonly QueryField GpsTime = new("timestamps.gps", FieldType.Date, "$.timestamps.gps");
    public static readonly QueryField Modified = new("timestamps.modified", FieldType.Date, "$.timestamps.modified");
    public static readonly QueryField Ingested = new("timestamps.ingested", FieldType.Date, "$.timestamps.ingested");
    public static readonly QueryField Author = new("author.name", FieldType.Text, "$.author.name");
    public static readonly QueryField Copyright = new("author.copyright", FieldType.Text, "$.author.copyright");
    public static readonly QueryField Description = new("description", FieldType.Text, "$.description");
    public static readonly QueryField Tags = new("tags", FieldType.Text, "$.tags", IsArray: true);
    public static readonly QueryField People = new("people", FieldType.Text, "$.people", IsArray: true);
    public static readonly QueryField Rating = new("rating", FieldType.Number, "$.rating");
    public static readonly QueryField Label = new("label", FieldType.Text, "$.label");
    public static readonly QueryField Codec = new("technical.codec", FieldType.Text, "$.technical.codec");
    public static readonly QueryField AudioCodec = new("technical.audioCodec", FieldType.Text, "$.technical.audioCodec");
    public static readonly QueryField Container = new("technical.container", FieldType.Text, "$.technical.container");
    public static readonly QueryField Fps = new("technical.fps", FieldType.Number, "$.technical.fps");
    public static readonly QueryField Bitrate = new("technical.bitrate", FieldType.Number, "$.technical.bitrate");
    public static readonly QueryField BitDepth = new("technical.bitDepth", FieldType.Number, "$.technical.bitDepth");
    public static readonly QueryField ColorSpace = new("technical.colorSpace", FieldType.Text, "$.technical.colorSpace");
    public static readonly QueryField Hdr = new("technical.hdr", FieldType.Bool, "$.technical.hdr");
    public static readonly QueryField Channels = new("technical.channels", FieldType.Number, "$.technical.channels");
    public static readonly QueryField SampleRate = new("technical.sampleRate", FieldType.Number, "$.technical.sampleRate");
    public static readonly QueryField Errors = new("errors", FieldType.Text, "$.errors", IsArray: true);
    public static readonly QueryField ContentIdentifier = new("contentIdentifier", FieldType.Text, "$.contentIdentifier");
    public static readonly QueryField MotionPhoto = new("motionPhoto", FieldType.Text, "$.motionPhoto");
    public static readonly QueryField PerceptualHash = new("perceptualHash", FieldType.Text, "$.perceptualHash");
    public static readonly QueryField PerceptualHashSource = new("perceptualHashSource", FieldType.Keyword, "$.perceptualHashSource", Keywords: ["preview", "image"]);
    public static readonly QueryField PairedWith = new("pairedWith", FieldType.Text, "$.pairedWith", IsArray: true);
    public static readonly QueryField BurstId = new("burstId", FieldType.Text, "$.burstId");
    public static readonly QueryField StackId = new("stack.id", FieldType.Text, "$.stack.id");
    public static readonly QueryField StackRole = new("stack.role", FieldType.Keyword, "$.stack.role", Keywords: ["primary", "raw", "burst", "edit"]);

    /// <summary>How many paths hold the content (<c>copies&gt;1</c> finds duplicates).</summary>
    public static readonly QueryField Copies = new("copies", FieldType.Number, "");

    /// <summary>For <c>has:gps</c>: the document has a valid position.</summary>
    public static readonly QueryField Gps = new("gps", FieldType.Bool, "$.location");

    public static IReadOnlyList<QueryField> All { get; } =
    [
        Id, Hash, Size, Mime, Name, Ext, Path, Kind, Status, Width, Height, Orientation, Duration, Rotation, AspectRatio, Megapixels,
        Make, Model, Lens, Software, Exposure, Aperture, Iso, FocalLength, Location, Altitude, LocationSource, City, Region, Country, CountryCode,
        Taken, TakenUtc, Offset, OffsetSource, GpsTime, Modified, Ingested,
        Author, Copyright, Description, Tags, People, Rating, Label, Codec, AudioCodec, Container, Fps, Bitrate, BitDepth,
        ColorSpace, Hdr, Channels, SampleRate, Errors, ContentIdentifier, MotionPhoto, PerceptualHash, PerceptualHashSource, PairedWith, BurstId, StackId, StackRole, Copies, Gps,
    ];

    private static readonly FrozenDictionary<string, QueryField> ByName = BuildNames();

    /// <summary>
    /// Names that stand for several fields at once: <c>country:PT</c> matches the code or the name,
    /// <c>place:Lisbon</c> any of the place's names. The parser turns them into an OR of the fields.
    /// </summary>
    private static readonly FrozenDictionary<string, QueryField[]> Groups = new Dictionary<string, QueryField[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["country"] = [CountryCode, Country],
        ["place"] = [City, Region, Country, CountryCode],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The fields a group name stands for, or null when the name is not a group.</summary>
    public static IReadOnlyList<QueryField>? FindGroup(string name) => Groups.GetValueOrDefault(name);

    private static FrozenDictionary<string, QueryField> BuildNames()
    {
        var names = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        void Alias(string alias, QueryField field) => names[alias] = field;
        Alias("id", Id);
        Alias("hash", Hash);
        Alias("size", Size);
        Alias("mime", Mime);
        Alias("mimeType", Mime);
        Alias("name", Name);
        Alias("filename", Name);
        Alias("ext", Ext);
        Alias("extension", Ext);
        Alias("path", Path);
        Alias("width", Width);
        Alias("height", Height);
        Alias("orientation", Orientation);
        Alias("duration", Duration);
        Alias("rotation", Rotation);
        Alias("aspect", AspectRatio);
        Alias("aspectRatio", AspectRatio);
        Alias("ratio", AspectRatio);
        Alias("megapixels", Megapixels);
        Alias("mp", Megapixels);
        Alias("city", City);
        Alias("country", Country);
        Alias("region", Region);
        Alias("state", Region);
        Alias("countryCode", CountryCode);
        Alias("takenUtc", TakenUtc);
        Alias("utc", TakenUtc);
        Alias("offset", Offset);
        Alias("offsetSource", OffsetSource);
        Alias("gpsTime", GpsTime);
        Alias("make", Make);
        Alias("model", Model);
        Alias("camera", Model);
        Alias("lens", Lens);
        Alias("software", Software);
        Alias("exposure", Exposure);
        Alias("shutter", Exposure);
        Alias("aperture", Aperture);
        Alias("fnumber", Aperture);
        Alias("iso", Iso);
        Alias("focal", FocalLength);
        Alias("focalLength", FocalLength);
        Alias("taken", Taken);
        Alias("date", Taken);
        Alias("modified", Modified);
        Alias("ingested", Ingested);
        Alias("author", Author);
        Alias("artist", Author);
        Alias("copyright", Copyright);
        Alias("tag", Tags);
        Alias("keyword", Tags);
        Alias("person", People);
        Alias("codec", Codec);
        Alias("audioCodec", AudioCodec);
        Alias("container", Container);
        Alias("fps", Fps);
        Alias("bitrate", Bitrate);
        Alias("bitDepth", BitDepth);
        Alias("colorSpace", ColorSpace);
        Alias("hdr", Hdr);
        Alias("channels", Channels);
        Alias("sampleRate", SampleRate);
        Alias("error", Errors);
        Alias("paired", PairedWith);
        Alias("burst", BurstId);
        Alias("stack", StackId);
        Alias("role", StackRole);
        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static QueryField? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The known name closest to a misspelt one, when it is close enough to be a typo.</summary>
    public static string? Suggest(string name)
    {
        var best = ByName.Keys
            .Select(known => (Known: known, Distance: Distance(name.ToLowerInvariant(), known.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Known.Length).First();
        return best.Distance <= Math.Max(1, name.Length / 3) ? best.Known : null;
    }

    private static int Distance(string a, string b)
    {
        // Optimal string alignment: edits, and swapping two neighbours ("iso" / "ios") as one.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
