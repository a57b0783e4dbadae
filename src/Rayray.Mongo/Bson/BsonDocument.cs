using System.Collections;

namespace Rayray.Mongo.Bson;

/// <summary>An ordered BSON document. Element order matters (a command's name is its first key).</summary>
public sealed class BsonDocument : BsonValue, IEnumerable<BsonElement>
{
    private readonly List<BsonElement> _elements;

    public BsonDocument() => _elements = [];

    public BsonDocument(string name, BsonValue value) : this() => Add(name, value);

    public BsonDocument(IEnumerable<BsonElement> elements) => _elements = [.. elements];

    public override BsonType Type => BsonType.Document;
    public int Count => _elements.Count;
    public IEnumerable<string> Names => _elements.Select(e => e.Name);
    public BsonElement ElementAt(int index) => _elements[index];

    /// <summary>The value of the first element with this name; setting replaces it, or appends it.</summary>
    public BsonValue this[string name]
    {
        get => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"the document has no '{name}'");
        set
        {
            var at = _elements.FindIndex(e => e.Name == name);
            if (at >= 0)
                _elements[at] = new BsonElement(name, value);
            else
                _elements.Add(new BsonElement(name, value));
        }
    }

    /// <summary>Appends an element (collection initializers use this); duplicate names are kept, as BSON allows.</summary>
    public BsonDocument Add(string name, BsonValue value)
    {
        _elements.Add(new BsonElement(name, value));
        return this;
    }

    /// <summary>Appends when the value is not null: for optional command fields.</summary>
    public BsonDocument AddIfNotNull(string name, BsonValue? value) => value is null ? this : Add(name, value);

    public bool Contains(string name) => _elements.Exists(e => e.Name == name);

    public bool TryGetValue(string name, out BsonValue value)
    {
        foreach (var element in _elements)
        {
            if (element.Name == name)
            {
                value = element.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    public BsonValue? GetValueOrDefault(string name) => TryGetValue(name, out var value) ? value : null;

    public bool Remove(string name) => _elements.RemoveAll(e => e.Name == name) > 0;

    public IEnumerator<BsonElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(BsonValue? other) =>
        other is BsonDocument document && document._elements.Count == _elements.Count &&
        _elements.Zip(document._elements).All(pair => pair.First.Name == pair.Second.Name && pair.First.Value.Equals(pair.Second.Value));

    public override int GetHashCode() => _elements.Count == 0 ? 0 : HashCode.Combine(_elements.Count, _elements[0].Name);
}
