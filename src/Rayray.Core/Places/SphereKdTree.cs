using System.Runtime.CompilerServices;

namespace Rayray.Core.Places;

/// <summary>
/// A k-d tree over some of a shared set of unit vectors, laid out implicitly: the point at the middle of
/// a range splits it, the left half holding the smaller coordinates on that point's axis.
/// </summary>
internal sealed class SphereKdTree
{
    private readonly float[][] _coordinates;
    private readonly int[] _ids;
    private readonly byte[] _axes;
    private readonly float[]? _bonusKm;
    private readonly double _maxBonusKm;
    private readonly float[] _min = [float.MaxValue, float.MaxValue, float.MaxValue];
    private readonly float[] _max = [float.MinValue, float.MinValue, float.MinValue];

    /// <param name="coordinates">x, y and z of every point, each an array indexed by point id.</param>
    /// <param name="ids">the ids of the points this tree holds (taken over, reordered).</param>
    /// <param name="bonusKm">per point id, how much farther than another that point may be and still win a weighted search.</param>
    public SphereKdTree(float[][] coordinates, int[] ids, float[]? bonusKm = null)
    {
        _coordinates = coordinates;
        _ids = ids;
        _axes = new byte[ids.Length];
        _bonusKm = bonusKm;
        foreach (var id in ids)
        {
            _maxBonusKm = Math.Max(_maxBonusKm, bonusKm?[id] ?? 0);
            for (var axis = 0; axis < 3; axis++)
            {
                _min[axis] = Math.Min(_min[axis], coordinates[axis][id]);
                _max[axis] = Math.Max(_max[axis], coordinates[axis][id]);
            }
        }
        Build(0, ids.Length);
    }

    public int Count => _ids.Length;

    /// <summary>Whether some point of the tree may lie within a chord length of (x, y, z): its bounding box does.</summary>
    public bool MayBeWithin(double x, double y, double z, double maxChord)
    {
        double squared = 0;
        for (var axis = 0; axis < 3; axis++)
        {
            var v = axis == 0 ? x : axis == 1 ? y : z;
            var gap = Math.Max(0, Math.Max(_min[axis] - v, v - _max[axis]));
            squared += gap * gap;
        }
        return squared <= maxChord * maxChord;
    }

    /// <summary>The point within maxKm of (x, y, z) with the least distance (less its bonus when weighted); -1 when none.</summary>
    public (int Id, double DistanceKm) Best(double x, double y, double z, double maxKm, bool weighted = false)
    {
        var search = new Search(x, y, z, Earth.KmToChord(maxKm), weighted ? _bonusKm : null, weighted ? _maxBonusKm : 0);
        Visit(0, _ids.Length, ref search);
        return search.BestId < 0 ? (-1, double.PositiveInfinity) : (search.BestId, Earth.ChordToKm(search.BestChord));
    }

    // Scores are in chord length times the Earth's radius: the same as the distance along the surface
    // to within 0.1% up to 500 km, without an arcsine for every point visited.
    private struct Search(double x, double y, double z, double maxChord, float[]? bonusKm, double maxBonusKm)
    {
        public readonly double X = x, Y = y, Z = z, MaxChord = maxChord, MaxBonusKm = maxBonusKm;
        public readonly float[]? BonusKm = bonusKm;
        public int BestId = -1;
        public double BestScore = double.PositiveInfinity;
        public double BestChord = double.PositiveInfinity;

        public readonly double Along(int axis) => axis == 0 ? X : axis == 1 ? Y : Z;
    }

    private void Visit(int from, int to, ref Search search)
    {
        if (from >= to)
            return;
        var middle = (from + to) >>> 1;
        var id = _ids[middle];
        var axis = _axes[middle];
        double dx = search.X - _coordinates[0][id], dy = search.Y - _coordinates[1][id], dz = search.Z - _coordinates[2][id];
        var chord = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
        if (chord <= search.MaxChord)
        {
            var score = (chord * Earth.RadiusKm) - (search.BonusKm?[id] ?? 0);
            if (score < search.BestScore)
                (search.BestId, search.BestScore, search.BestChord) = (id, score, chord);
        }
        var offset = search.Along(axis) - _coordinates[axis][id];
        var (nearFrom, nearTo, farFrom, farTo) = offset < 0 ? (from, middle, middle + 1, to) : (middle + 1, to, from, middle);
        Visit(nearFrom, nearTo, ref search);
        // Every point beyond the splitting plane is at least |offset| away in chord length.
        var gap = Math.Abs(offset);
        if (gap <= search.MaxChord && (gap * Earth.RadiusKm) - search.MaxBonusKm < search.BestScore)
            Visit(farFrom, farTo, ref search);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Build(int from, int to)
    {
        if (to - from <= 1)
            return;
        var axis = WidestAxis(from, to);
        var middle = (from + to) >>> 1;
        Select(from, to - 1, middle, _coordinates[axis]);
        _axes[middle] = (byte)axis;
        Build(from, middle);
        Build(middle + 1, to);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // Judged on at most 64 of the points, evenly spread over the range: enough to split well.
    private int WidestAxis(int from, int to)
    {
        var best = 0;
        var widest = -1f;
        var step = Math.Max(1, (to - from) / 64);
        for (var axis = 0; axis < 3; axis++)
        {
            var values = _coordinates[axis];
            float min = float.MaxValue, max = float.MinValue;
            for (var i = from; i < to; i += step)
            {
                var v = values[_ids[i]];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            if (max - min > widest)
                (best, widest) = (axis, max - min);
        }
        return best;
    }

    // Quickselect: afterwards _ids[k] holds the k-th smallest value, smaller-or-equal ones before it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Select(int left, int right, int k, float[] values)
    {
        while (right > left)
        {
            var pivot = values[_ids[(left + right) >>> 1]];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[_ids[i]] < pivot)
                    i++;
                while (values[_ids[j]] > pivot)
                    j--;
                if (i <= j)
                {
                    (_ids[i], _ids[j]) = (_ids[j], _ids[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                right = j;
            else if (k >= i)
                left = i;
            else
                return;
        }
    }
}
