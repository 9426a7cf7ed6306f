using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Testing.Internal;
using Xunit.Sdk;

namespace InboundConversations.Tests.Storage;

/// <summary>
/// The check that an adapter's test project runs a contract suite for every port its adapter implements: it fails,
/// naming each missing suite, its port and the adapter's classes, when a suite is left out.
/// </summary>
public sealed class StorageContractCoverageTests
{
    private static readonly Type[] InMemoryAdapter = typeof(InMemoryConversationStore).Assembly.GetExportedTypes();
    private static readonly Type[] ThisProject = typeof(StorageContractCoverageTests).Assembly.GetTypes();

    [Fact]
    public void Missing_WhenEverySuiteIsRun_IsNothing() =>
        ContractCoverage.Missing("adapter", InMemoryAdapter, "tests", ThisProject).Should().BeNull();

    [Fact]
    public void Missing_WhenASuiteIsLeftOut_NamesItsSuitePortAndAdapterClass()
    {
        var withoutTheDirectorySuite = ThisProject.Where(t => t != typeof(InMemoryAgentDirectoryContractTests));

        var missing = ContractCoverage.Missing("Acme.Storage", InMemoryAdapter, "Acme.Storage.Tests", withoutTheDirectorySuite);

        missing.Should().Be(
            "Acme.Storage.Tests runs no contract suite for some ports that Acme.Storage implements. Add a public class deriving from each suite below:" + Environment.NewLine +
            "- AgentDirectoryContract, the contract of IAgentDirectory, which InMemoryAgentDirectory implements");
    }

    [Fact]
    public void Missing_WhenEverySuiteIsLeftOut_NamesEachInPortOrder()
    {
        var missing = ContractCoverage.Missing("Acme.Storage", InMemoryAdapter, "Acme.Storage.Tests", [typeof(StorageContractCoverageTests)]);

        missing.Should().Be(
            "Acme.Storage.Tests runs no contract suite for some ports that Acme.Storage implements. Add a public class deriving from each suite below:" + Environment.NewLine +
            "- ConversationStoreContract, the contract of IConversationStore, which InMemoryConversationStore implements" + Environment.NewLine +
            "- AgentDirectoryContract, the contract of IAgentDirectory, which InMemoryAgentDirectory implements" + Environment.NewLine +
            "- ContactStoreContract, the contract of IContactStore, which InMemoryContactStore implements");
    }

    [Fact]
    public void Missing_CountsOnlyClassesXunitRuns_AndSaysWhenOneIsNotPublic()
    {
        Type[] notRun = [typeof(SkippingConversationStoreTests), typeof(AbstractConversationStoreTests), typeof(InMemoryAgentDirectoryContractTests), typeof(InMemoryContactStoreContractTests)];

        var missing = ContractCoverage.Missing("Acme.Storage", InMemoryAdapter, "Acme.Storage.Tests", notRun);

        missing.Should().EndWith(
            "- ConversationStoreContract, the contract of IConversationStore, which InMemoryConversationStore implements " +
            "(SkippingConversationStoreTests derives from it but is not public, and xunit runs only public classes)");
    }

    [Fact]
    public void Missing_ForAPortThatOnlyAnAbstractOrNonPublicClassImplements_IsNothing() =>
        ContractCoverage.Missing("adapter", [typeof(AbstractStore), typeof(HiddenStore), typeof(FaultInjectingAgentDirectory)], "tests", [typeof(InMemoryAgentDirectoryContractTests)])
            .Should().BeNull("the contact store's suite proves a public, non-abstract class, and there is none");

    [Fact]
    public void Missing_WhenTheAdapterImplementsNoPort_SaysSoAndNamesThePorts() =>
        ContractCoverage.Missing("Acme.Storage", [typeof(StoreSamples)], "tests", ThisProject).Should().Be(
            "Acme.Storage has no public class that implements a storage port (IConversationStore, IAgentDirectory, IContactStore): " +
            "is AdapterAssembly the assembly of the adapter under test?");

    [Fact]
    public void TheCheck_ThroughItsTestClass_FailsWithTheMessage()
    {
        var check = new CoverageOf(typeof(string).Assembly);

        var failure = check.Invoking(c => c.EveryPortTheAdapterImplements_HasItsContractSuite()).Should().Throw<FailException>().Which;

        failure.Message.Should().Be(ContractCoverage.Missing(typeof(string).Assembly, typeof(StorageContractCoverageTests).Assembly));
        failure.Message.Should().StartWith("System.Private.CoreLib has no public class that implements a storage port");
    }

    [Fact]
    public void TheCheck_ForNullAssemblies_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => ContractCoverage.Missing(null!, typeof(StorageContractCoverageTests).Assembly)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ContractCoverage.Missing(typeof(InMemoryConversationStore).Assembly, null!)).Should().Throw<ArgumentNullException>();
    }

    /// <summary>Derives from a suite but is abstract: xunit runs none of its tests.</summary>
    public abstract class AbstractConversationStoreTests : ConversationStoreContract;

    /// <summary>Implements a port but is abstract: no adapter class to prove.</summary>
    public abstract class AbstractStore : IContactStore
    {
        public abstract ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken);

        public abstract ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken);
    }

    /// <summary>Implements a port but is not public: not the adapter's to ship.</summary>
    private sealed class HiddenStore : IContactStore
    {
        public ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>The check's test class over another adapter assembly; private, so the run does not run it.</summary>
    private sealed class CoverageOf(System.Reflection.Assembly adapter) : StorageContractCoverage
    {
        protected override System.Reflection.Assembly AdapterAssembly => adapter;
    }
}
