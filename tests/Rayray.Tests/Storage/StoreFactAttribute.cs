using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Rayray.Tests.Storage;

/// <summary>
/// A fact of the store contract suite. It is skipped, with the reason shown, when the test class
/// that inherits it says its store cannot run here (a public static <c>SkipReason</c>): a MongoDB
/// server that is not configured, a test peer that is not installed. Plain facts cannot skip per
/// derived class; this one can.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Rayray.Tests.Storage.StoreFactDiscoverer", "Rayray.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("For deserialization only.")]
    public StoreTestCase() { }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method) { }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        TestMethod.TestClass.Class.ToRuntimeType()
            .GetProperty("SkipReason", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)?
            .GetValue(null) as string
        ?? base.GetSkipReason(factAttribute);
}
