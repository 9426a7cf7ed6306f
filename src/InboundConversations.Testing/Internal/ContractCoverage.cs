using System.Reflection;
using InboundConversations.Storage;

namespace InboundConversations.Testing.Internal;

/// <summary>Which contract suites a test assembly runs for the ports an adapter's assembly implements: what <see cref="StorageContractCoverage"/> checks.</summary>
internal static class ContractCoverage
{
    /// <summary>Each port, with the suite that proves an implementation of it.</summary>
    public static IReadOnlyList<(Type Port, Type Suite)> Suites { get; } =
    [
        (typeof(IConversationStore), typeof(ConversationStoreContract)),
        (typeof(IAgentDirectory), typeof(AgentDirectoryContract)),
        (typeof(IContactStore), typeof(ContactStoreContract)),
    ];

    /// <summary>What is missing from <paramref name="testAssembly"/> for <paramref name="adapterAssembly"/>; <see langword="null"/> if nothing.</summary>
    public static string? Missing(Assembly adapterAssembly, Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(adapterAssembly);
        ArgumentNullException.ThrowIfNull(testAssembly);
        return Missing(adapterAssembly.GetName().Name!, adapterAssembly.GetExportedTypes(), testAssembly.GetName().Name!, TypesOf(testAssembly));
    }

    /// <summary>
    /// What is missing for the ports that the public, non-abstract classes among <paramref name="adapterTypes"/>
    /// implement: a suite counts as run when a class among <paramref name="testTypes"/> that xunit runs (public,
    /// non-abstract, not generic) derives from it. <see langword="null"/> if nothing is missing.
    /// </summary>
    public static string? Missing(string adapter, IEnumerable<Type> adapterTypes, string tests, IEnumerable<Type> testTypes)
    {
        var implementations = adapterTypes.Where(t => t is { IsClass: true, IsAbstract: false, IsVisible: true }).ToArray();
        var testClasses = testTypes.Where(t => t is { IsClass: true, IsAbstract: false }).ToArray();
        var implemented = Suites
            .Select(s => (s.Port, s.Suite, By: implementations.Where(s.Port.IsAssignableFrom).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray()))
            .Where(s => s.By.Length > 0)
            .ToArray();
        if (implemented.Length == 0)
        {
            return $"{adapter} has no public class that implements a storage port ({string.Join(", ", Suites.Select(s => s.Port.Name))}): " +
                   "is AdapterAssembly the assembly of the adapter under test?";
        }

        var missing = implemented
            .Where(s => !testClasses.Any(t => t is { IsVisible: true, IsGenericTypeDefinition: false } && s.Suite.IsAssignableFrom(t)))
            .Select(s =>
            {
                var hidden = testClasses.Where(t => !t.IsVisible && s.Suite.IsAssignableFrom(t)).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
                var note = hidden.Length == 0 ? string.Empty : $" ({string.Join(", ", hidden)} derives from it but is not public, and xunit runs only public classes)";
                return $"- {s.Suite.Name}, the contract of {s.Port.Name}, which {string.Join(", ", s.By)} implements{note}";
            })
            .ToArray();
        return missing.Length == 0
            ? null
            : $"{tests} runs no contract suite for some ports that {adapter} implements. Add a public class deriving from each suite below:{Environment.NewLine}" +
              string.Join(Environment.NewLine, missing);
    }

    private static Type[] TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>().ToArray();
        }
    }
}
