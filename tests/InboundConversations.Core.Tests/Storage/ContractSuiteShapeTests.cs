using System.Reflection;
using InboundConversations.Testing;
using InboundConversations.Testing.Internal;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace InboundConversations.Tests.Storage;

/// <summary>
/// The contract suites in the conformance-test shape: every test <c>public virtual</c>, and the README's way of
/// skipping one (an override with <c>[Fact(Skip = …)]</c>, or <c>[Theory(Skip = …)]</c> and one row) honoured by
/// xunit itself: discovered and run here by xunit's own discoverer and executor, in this process.
/// </summary>
public sealed class ContractSuiteShapeTests
{
    public static TheoryData<Type> Suites => [.. ContractCoverage.Suites.Select(s => s.Suite), typeof(StorageContractCoverage)];

    [Theory]
    [MemberData(nameof(Suites))]
    public void EveryTestOfASuite_IsPublicVirtual(Type suite)
    {
        var tests = suite.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.IsDefined(typeof(FactAttribute), inherit: false))
            .ToArray();

        tests.Should().NotBeEmpty();
        tests.Where(m => !m.IsPublic || !m.IsVirtual || m.IsFinal).Select(m => m.Name).Should().BeEmpty("an adapter's test project must be able to override any test");
    }

    [Fact]
    public async Task AnOverrideWithASkip_IsDiscoveredOnceAndReportedSkipped_AndOneWithoutAttributesRunsOnce()
    {
        var skipping = await DiscoverAsync<SkippingConversationStoreTests>();
        var plain = await DiscoverAsync<InMemoryConversationStoreContractTests>();
        string[] overridden =
        [
            nameof(ConversationStoreContract.Workspaces_SameContactIdInTwo_AreIndependent),
            nameof(ConversationStoreContract.AppendInbound_SameExternalIdConcurrently_RecordsOneMessage),
            nameof(ConversationStoreContract.Update_OfAnUnknownConversation_ThrowsNotFound),
        ];

        var (workspacesSkip, raceSkip) = (SkipOf(overridden[0]), SkipOf(overridden[1]));
        workspacesSkip.Should().NotBeNullOrEmpty();
        raceSkip.Should().NotBeNullOrEmpty();

        // Each overridden test once: the skipped theory as one skipped case whatever its rows (three inherited, one its own).
        skipping.Where(c => overridden.Contains(c.TestMethod.Method.Name)).Select(c => (c.TestMethod.Method.Name, c.SkipReason)).Should().BeEquivalentTo(
        [
            (overridden[0], workspacesSkip),
            (overridden[1], raceSkip),
            (overridden[2], (string?)null),
        ]);
        plain.Count(c => c.TestMethod.Method.Name == overridden[1]).Should().Be(3, "the suite's theory has three rows");

        // Every other test as in a class that overrides nothing: the base's test is not discovered beside the override.
        Rows(skipping.Where(c => !overridden.Contains(c.TestMethod.Method.Name))).Should().Equal(Rows(plain.Where(c => !overridden.Contains(c.TestMethod.Method.Name))));

        var results = await RunAsync(skipping.Where(c => overridden.Contains(c.TestMethod.Method.Name)));

        results.Should().BeEquivalentTo(
        [
            ("Skipped", overridden[0], workspacesSkip),
            ("Skipped", overridden[1], raceSkip),
            ("Passed", overridden[2], (string?)null),
        ]);
        SkippingConversationStoreTests.ExtendedRuns.Should().Be(1, "the override ran, and the suite's test through base, once");
    }

    private static string? SkipOf(string test) =>
        typeof(SkippingConversationStoreTests).GetMethod(test)!.GetCustomAttribute<FactAttribute>(inherit: false)!.Skip;

    private static string[] Rows(IEnumerable<ITestCase> cases) =>
        [.. cases.Select(c => $"{c.TestMethod.Method.Name}({string.Join(", ", c.TestMethodArguments ?? [])})").Order(StringComparer.Ordinal)];

    private static async Task<List<ITestCase>> DiscoverAsync<TTests>()
    {
        using var sources = new NoSourceInformation();
        var discoverer = new XunitTestFrameworkDiscoverer(Reflector.Wrap(typeof(TTests).Assembly), sources, new NullMessageSink());
        var sink = new Sink();
        discoverer.Find(typeof(TTests).FullName!, includeSourceInformation: false, sink, new Options());
        await sink.Finished.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return [.. sink.Messages.OfType<ITestCaseDiscoveryMessage>().Select(m => m.TestCase)];
    }

    private static async Task<List<(string Outcome, string Test, string? Reason)>> RunAsync(IEnumerable<ITestCase> cases)
    {
        using var sources = new NoSourceInformation();
        using var executor = new XunitTestFrameworkExecutor(typeof(ContractSuiteShapeTests).Assembly.GetName(), sources, new NullMessageSink());
        var sink = new Sink();
        executor.RunTests(cases, sink, new Options());
        await sink.Finished.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return
        [
            .. sink.Messages.OfType<ITestResultMessage>().Select(m => m switch
            {
                ITestSkipped skipped => ("Skipped", m.TestCase.TestMethod.Method.Name, (string?)skipped.Reason),
                ITestPassed => ("Passed", m.TestCase.TestMethod.Method.Name, null),
                ITestFailed failed => ("Failed", m.TestCase.TestMethod.Method.Name, string.Join(Environment.NewLine, failed.Messages)),
                _ => (m.GetType().Name, m.TestCase.TestMethod.Method.Name, null),
            }),
        ];
    }

    /// <summary>What xunit's discoverer and executor report, until they say they are done.</summary>
    private sealed class Sink : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly List<IMessageSinkMessage> _messages = [];

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<IMessageSinkMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (_messages)
            {
                _messages.Add(message);
            }

            if (message is IDiscoveryCompleteMessage or ITestAssemblyFinished)
            {
                Finished.TrySetResult();
            }

            return true;
        }
    }

    /// <summary>xunit's options, all at their defaults.</summary>
    private sealed class Options : LongLivedMarshalByRefObject, ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = [];

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) ? (TValue)value! : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class NoSourceInformation : LongLivedMarshalByRefObject, ISourceInformationProvider
    {
        public ISourceInformation GetSourceInformation(ITestCase testCase) => new SourceInformation();

        public void Dispose()
        {
        }
    }
}
