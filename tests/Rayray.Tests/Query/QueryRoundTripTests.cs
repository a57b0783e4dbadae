using Rayray.Core.Query;

namespace Rayray.Tests.Query;

/// <summary>
/// Property: printing any AST and parsing the text gives the same AST. The ASTs are random
/// (seeded, so a failure reproduces), with awkward text: quotes, backslashes, operators, spaces.
/// </summary>
public sealed class QueryRoundTripTests
{
    private static readonly string[] Words =
    [
        "sunset", "golden hour", "café", "a\"b", "back\\slash", "x && y", "p||q", "(paren)", "!bang", "camera:x",
        "iso>=3", "star*", "*", "tab\there", "日本", "'; DROP TABLE t; --", "end\\", "-dash", "a=b", "x!=y",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Printing_and_parsing_gives_the_same_ast(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var ast = Node(random, depth: 0);
            var text = QueryPrinter.Print(ast);
            QueryNode reparsed;
            try
            {
                reparsed = QueryParser.Parse(text);
            }
            catch (QuerySyntaxException e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed} #{i}: '{text}' does not parse: {e.Message}");
            }
            Assert.True(ast == reparsed, $"seed {seed} #{i}: '{text}' parses to '{QueryPrinter.Print(reparsed)}'");
        }
    }

    private static QueryNode Node(Random random, int depth)
    {
        var pick = random.Next(depth > 3 ? 4 : 8);
        return pick switch
        {
            0 => new TextNode(Word(random), Phrase: random.Next(2) == 0, Prefix: false) is { Phrase: false } t && random.Next(3) == 0 ? t with { Prefix = true } : new TextNode(Word(random), Phrase: random.Next(2) == 0),
            1 => Compare(random),
            2 => new HasNode(QueryFields.All[random.Next(QueryFields.All.Count)]),
            3 => new NearNode(Math.Round((random.NextDouble() * 180) - 90, 4), Math.Round((random.NextDouble() * 360) - 180, 4), Math.Round(random.NextDouble() * 10000, 1) + 1),
            4 => new AndNode(Node(random, depth + 1), Node(random, depth + 1)),
            5 => new OrNode(Node(random, depth + 1), Node(random, depth + 1)),
            6 => new NotNode(Node(random, depth + 1)),
            _ => new AndNode(new NotNode(Node(random, depth + 1)), new OrNode(Node(random, depth + 1), Node(random, depth + 1))),
        };
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    private static CompareNode Compare(Random random)
    {
        var comparable = QueryFields.All.Where(f => f != QueryFields.Location && f != QueryFields.Gps && f != QueryFields.MotionPhoto).ToList();
        var field = comparable[random.Next(comparable.Count)];
        var ordered = field.Type is not (FieldType.Text or FieldType.Keyword or FieldType.Path);
        var ops = ordered ? Enum.GetValues<CompareOp>() : [CompareOp.Equal, CompareOp.NotEqual];
        var op = ops[random.Next(ops.Length)];
        QueryValue value = field.Type switch
        {
            FieldType.Keyword => new TextValue(field.Keywords![random.Next(field.Keywords.Count)]),
            FieldType.Text or FieldType.Path => new TextValue(Word(random)),
            FieldType.Bool => new BoolValue(random.Next(2) == 0),
            FieldType.Date => QueryParser.Parse($"taken:{new[] { "2024", "2023-07", "1999-12-31", "2024-02-29T23:59", "2024-01-01T00:00:01" }[random.Next(5)]}") is CompareNode { Value: var date } ? date : throw new InvalidOperationException(),
            _ => new NumberValue(Math.Round((random.NextDouble() - 0.3) * 10000, random.Next(4))),
        };
        return new CompareNode(field, op, value);
    }
}
