using System.Collections;

namespace Rayray.Mongo.Bson;

public sealed class BsonArray : BsonValue, IList<BsonValue>
{
    private readonly List<BsonValue> _values;

    public BsonArray() => _values = [];

    public BsonArray(IEnumerable<BsonValue> values) => _values = [.. values];

    public override BsonType Type => BsonType.Array;
    public int Count => _values.Count;
    public bool IsReadOnly => false;

    public BsonValue this[int index]
    {
        get => _values[index];
        set => _values[index] = value;
    }

    public void Add(BsonValue item) => _values.Add(item);
    public void Clear() => _values.Clear();
    public bool Contains(BsonValue item) => _values.Contains(item);
    public void CopyTo(BsonValue[] array, int arrayIndex) => _values.CopyTo(array, arrayIndex);
    public int IndexOf(BsonValue item) => _values.IndexOf(item);
    public void Insert(int index, BsonValue item) => _values.Insert(index, item);
    public bool Remove(BsonValue item) => _values.Remove(item);
    public void RemoveAt(int index) => _values.RemoveAt(index);
    public IEnumerator<BsonValue> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(BsonValue? other) => other is BsonArray array && array._values.SequenceEqual(_values);
    public override int GetHashCode() => _values.Count;
}
