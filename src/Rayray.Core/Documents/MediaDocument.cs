using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>
/// One document per distinct content (the <c>media_files</c> schema in docs/schema.md).
/// Copies of the same bytes at several paths are one document with several <see cref="Locations"/>.
/// </summary>
public sealed record MediaDocument
{
    [JsonPropertyName("_id")]
    public required string Id { get; init; }
    public required FileFacts File { get; init; }
    public List<FileLocation> Locations { get; init; } = [];
    public required MediaKind Kind { get; init; }
    public Dimensions? Dimensions { get; init; }
    public CameraInfo? Camera { get; init; }

    /// <summary>GeoJSON point, present only when valid, so a 2dsphere index never rejects the document.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Metres above sea level (negative below).</summary>
    public double? Altitude { get; init; }

    /// <summary>Where <see cref="Location"/> came from; null without a location.</summary>
    public LocationSource? LocationSource { get; init; }

    /// <summary>The place names of <see cref="Location"/>; null without a location, or at sea.</summary>
    public PlaceInfo? Place { get; init; }
    public required Timestamps Timestamps { get; init; }
    public AuthorInfo? Author { get; init; }
    public string? Description { get; init; }
    /// <summary>The keywords; a hierarchical one whole, its levels separated by <c>|</c> (<see cref="TagPath"/>).</summary>
    public List<string> Tags { get; init; } = [];

    /// <summary>The people shown: names from face regions and person fields (XMP), and Google Photos' (Takeout).</summary>
    public List<string> People { get; init; } = [];

    /// <summary>The star rating (0–5; -1 means rejected) from XMP, the sidecar first.</summary>
    public int? Rating { get; init; }

    /// <summary>The colour label from XMP (Lightroom, Bridge, darktable), the sidecar first.</summary>
    public string? Label { get; init; }
    public TechnicalInfo? Technical { get; init; }
    /// <summary>Apple's Live Photo content identifier, shared by the still and its movie.</summary>
    public string? ContentIdentifier { get; init; }

    /// <summary>Where a motion photo's video is inside the file.</summary>
    public MotionPhoto? MotionPhoto { get; init; }

    /// <summary>The image's perceptual hash (<see cref="Documents.PerceptualHash"/>, 16 hex digits): near-duplicates have hashes a few bits apart.</summary>
    public string? PerceptualHash { get; init; }

    /// <summary>What <see cref="PerceptualHash"/> was computed from; null without a hash.</summary>
    public PerceptualHashSource? PerceptualHashSource { get; init; }

    /// <summary>The ids of documents linked to this one (the other half of a Live Photo); linked, never merged.</summary>
    public List<string> PairedWith { get; init; } = [];

    /// <summary>
    /// The burst a camera shot this picture in: Apple's BurstUUID (maker note) or Google's
    /// <c>GCamera:BurstID</c> (XMP). Files with the same burst id in one folder are one stack.
    /// </summary>
    public string? BurstId { get; init; }

    /// <summary>The stack this file belongs to with the files shot together with it; null when it stands alone.</summary>
    public StackMembership? Stack { get; init; }

    public required DocumentStatus Status { get; init; }

    /// <summary>Why the file is invalid, or notes about metadata that could not be used.</summary>
    public List<string> Errors { get; init; } = [];

    /// <summary>The tags as read, grouped by source (exif, xmp, iptc, icc, …), capped in size.</summary>
    public RawJson MetadataRaw { get; init; } = RawJson.Empty;
}
