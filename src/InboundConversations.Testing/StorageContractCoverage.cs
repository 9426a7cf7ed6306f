using System.Reflection;
using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

/// <summary>
/// One test that fails when the adapter's test project forgot a contract suite: for each port
/// (<see cref="IConversationStore"/>, <see cref="IAgentDirectory"/>, <see cref="IContactStore"/>) that a public class
/// of <see cref="AdapterAssembly"/> implements, a public, non-abstract class of the test project (the assembly of the
/// class deriving from this one) must derive from its suite (<see cref="ConversationStoreContract"/>,
/// <see cref="AgentDirectoryContract"/>, <see cref="ContactStoreContract"/>). The failure names each missing suite,
/// the port and the adapter's classes that implement it. Derive from it once in the adapter's test project.
/// </summary>
/// <example>
/// <code>
/// public sealed class SqlStorageContractCoverage : StorageContractCoverage
/// {
///     protected override Assembly AdapterAssembly => typeof(SqlConversationStore).Assembly;
/// }
/// </code>
/// </example>
public abstract class StorageContractCoverage
{
    /// <summary>The assembly of the adapter under test: the one whose public classes implement the ports.</summary>
    protected abstract Assembly AdapterAssembly { get; }

    /// <summary>
    /// Every port that a public class of <see cref="AdapterAssembly"/> implements has its contract suite derived from
    /// by a public, non-abstract class of this test project; an adapter assembly that implements no port fails too.
    /// </summary>
    [Fact]
    public virtual void EveryPortTheAdapterImplements_HasItsContractSuite()
    {
        if (ContractCoverage.Missing(AdapterAssembly, GetType().Assembly) is { } missing)
        {
            Assert.Fail(missing);
        }
    }
}
