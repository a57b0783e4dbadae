using System.Net.Http.Headers;

namespace Rayray.Core.Web;

/// <summary>What a response says about the version of the file it carries, kept per location to ask next time whether it changed.</summary>
/// <param name="ETag">The entity tag as the server sent it, quotes (and <c>W/</c>) included.</param>
/// <param name="LastModified">The Last-Modified time (UTC).</param>
/// <param name="Date">The server's Date header (UTC): when the file was read, by the server's clock.</param>
public sealed record WebValidators(string? ETag, DateTime? LastModified, DateTime? Date = null)
{
    internal static WebValidators Of(HttpResponseMessage response) => new(
        response.Headers.ETag?.ToString(),
        response.Content.Headers.LastModified?.UtcDateTime,
        response.Headers.Date?.UtcDateTime);

    /// <summary>The condition that keeps a range request to this version (a strong ETag, else the date); null when there is none to use.</summary>
    internal RangeConditionHeaderValue? RangeCondition() =>
        ETag is not null && EntityTagHeaderValue.TryParse(ETag, out var tag) && !tag.IsWeak ? new RangeConditionHeaderValue(tag)
        : LastModified is { } modified ? new RangeConditionHeaderValue(new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc)))
        : null;
}
