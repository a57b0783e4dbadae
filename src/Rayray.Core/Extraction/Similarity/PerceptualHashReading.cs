using Rayray.Core.Documents;

namespace Rayray.Core.Extraction.Similarity;

/// <summary>An image's perceptual hash (<see cref="Documents.PerceptualHash"/>) and what it was computed from.</summary>
public sealed record PerceptualHashReading(ulong Hash, PerceptualHashSource Source);
