namespace Rayray.Core.Extraction.Probing;

/// <summary>The ffprobe asked for cannot be made the one FFMpegCore runs.</summary>
public sealed class FfprobeBinaryException(string message, Exception? inner = null) : Exception(message, inner);
