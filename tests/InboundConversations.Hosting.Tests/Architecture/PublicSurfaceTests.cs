using InboundConversations.Hosting.Internal;

namespace InboundConversations.Hosting.Tests.Architecture;

/// <summary>
/// The package's public surface, as CONTRIBUTING.md's namespace rule wants it: the options in the package's own
/// namespace, the registration in Microsoft.Extensions.DependencyInjection, nothing else; every public type sealed or static.
/// (Core's NamespaceRuleTests checks that every file's namespace is its folder's.)
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void ThePublicNamespaces_AreThePackagesOwnAndDependencyInjection()
    {
        typeof(BackgroundProcessingOptions).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct().Order()
            .Should().Equal("InboundConversations.Hosting", "Microsoft.Extensions.DependencyInjection");
    }

    [Fact]
    public void ThePublicTypes_AreTheOptionsAndTheRegistration()
    {
        typeof(BackgroundProcessingOptions).Assembly.GetExportedTypes().Select(t => t.FullName).Order()
            .Should().Equal(
                "InboundConversations.Hosting.BackgroundProcessingOptions",
                "Microsoft.Extensions.DependencyInjection.BackgroundProcessingBuilderExtensions");
    }

    [Fact]
    public void EveryPublicType_IsSealedOrStatic()
    {
        typeof(BackgroundProcessingOptions).Assembly.GetExportedTypes()
            .Where(t => !t.IsSealed)
            .Should().BeEmpty("a static class is abstract and sealed; anything else is sealed");
    }

    [Fact]
    public void TheHostedService_IsInternalAndSealed()
    {
        typeof(BackgroundProcessingService).IsPublic.Should().BeFalse();
        typeof(BackgroundProcessingService).IsSealed.Should().BeTrue();
    }
}
