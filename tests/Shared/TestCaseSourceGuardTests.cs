using System.Collections;
using System.Reflection;

namespace DidSdk.TestGuards;

/// <summary>
/// Compiled into every test project (tests/Directory.Build.props). A <c>[TestCaseSource]</c>, <c>[ValueSource]</c> or
/// <c>[TestFixtureSource]</c> that yields no cases makes NUnit run nothing and report nothing, so a missing or emptied
/// data file would silently drop a whole vector suite. Each source of this assembly must yield at least one case;
/// a source that throws fails here with its exception.
/// </summary>
[Category("SpecVector")]
public sealed class TestCaseSourceGuardTests
{
    private const BindingFlags AnyMember =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.FlattenHierarchy;

    private static IEnumerable<TestCaseData> Sources()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(TestCaseSourceGuardTests).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var fixtureSource in type.GetCustomAttributes<TestFixtureSourceAttribute>())
            {
                var name = fixtureSource.SourceName ?? fixtureSource.SourceType?.Name ?? "?";
                if (seen.Add($"{type.FullName}.{name}"))
                {
                    yield return Case(type, fixtureSource.SourceType ?? type, fixtureSource.SourceName, null);
                }
            }

            foreach (var method in type.GetMethods(AnyMember).Where(m => m.DeclaringType == type))
            {
                foreach (var source in method.GetCustomAttributes<TestCaseSourceAttribute>())
                {
                    var owner = source.SourceType ?? type;
                    if (seen.Add($"{owner.FullName}.{source.SourceName}"))
                    {
                        yield return Case(type, owner, source.SourceName, source.MethodParams);
                    }
                }

                foreach (var parameter in method.GetParameters())
                {
                    foreach (var source in parameter.GetCustomAttributes<ValueSourceAttribute>())
                    {
                        var owner = source.SourceType ?? type;
                        if (seen.Add($"{owner.FullName}.{source.SourceName}"))
                        {
                            yield return Case(type, owner, source.SourceName, null);
                        }
                    }
                }
            }
        }
    }

    private static TestCaseData Case(Type fixture, Type owner, string? member, object?[]? arguments) =>
        new TestCaseData(fixture, owner, member, arguments)
            .SetName($"TestCaseSource_{owner.Name}_{member ?? "enumerable"}_YieldsCases");

    [TestCaseSource(nameof(Sources))]
    public void TestCaseSource_Enumerated_YieldsAtLeastOneCase(Type fixture, Type owner, string? member, object?[]? arguments)
    {
        var values = Evaluate(fixture, owner, member, arguments);
        Assert.That(values, Is.Not.Null, $"{owner.FullName}.{member} returned null.");
        var count = values!.Cast<object?>().Count();
        Assert.That(count, Is.GreaterThan(0), $"{owner.FullName}.{member} yields no test cases: its data is missing or empty.");
    }

    private static IEnumerable? Evaluate(Type fixture, Type owner, string? member, object?[]? arguments)
    {
        if (member is null)
        {
            return Activator.CreateInstance(owner) as IEnumerable;
        }

        var info = owner.GetMember(member, AnyMember).FirstOrDefault()
            ?? throw new MissingMemberException(owner.FullName, member);
        object? Target(bool isStatic) => isStatic ? null : Activator.CreateInstance(owner == fixture ? fixture : owner);
        return info switch
        {
            FieldInfo field => field.GetValue(Target(field.IsStatic)) as IEnumerable,
            PropertyInfo property => property.GetValue(Target(property.GetMethod!.IsStatic)) as IEnumerable,
            MethodInfo method => method.Invoke(Target(method.IsStatic), arguments) as IEnumerable,
            _ => throw new NotSupportedException($"{owner.FullName}.{member} is a {info.MemberType}."),
        };
    }
}
